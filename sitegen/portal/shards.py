"""A portal built in shards: `--shard K/N` builds the reports at positions K, K+N, K+2N … of portal.yml (a report
keeps its shard as reports are added at the end) into <output>-shard-K-of-N/, with a record of what it holds;
`--merge` takes the N shards' folders (from N machines: a CI matrix) and writes the portal from them, each report's
folder as its shard built it, so that the result is the portal one build would have written, byte for byte."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..effects import Effects
from ..problems import BuildError, Problems, shown
from ..read.files import read_bytes, read_text
from ..read.portal import Portal, PortalReport
from .reports import Staged, as_built, read_record
from .spare import clear_stage, link_in

RECORD = ".sitegen-shard.json"  # in a shard's folder: the portal's key, K and N, its reports
SHARD = re.compile(r"^([1-9][0-9]{0,3})/([1-9][0-9]{0,3})$")


@dataclass(frozen=True)
class Shard:
    k: int  # 1 … n
    n: int

    def reports(self, portal: Portal) -> list[PortalReport]:
        """The reports of this shard: every n-th of portal.yml, from the k-th."""
        return [r for i, r in enumerate(portal.reports) if i % self.n == self.k - 1]


def parse_shard(text: str) -> Shard:
    """K/N (1 ≤ K ≤ N) as a Shard; ValueError with what is wrong."""
    m = SHARD.match(text.strip())
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise ValueError(f"--shard {text!r}: write K/N, a shard K of N shards, 1 ≤ K ≤ N (e.g. --shard 1/4)")
    return Shard(int(m.group(1)), int(m.group(2)))


def shard_output(portal: Portal, shard: Shard) -> Path:
    """Where a shard is built: beside the portal's output, named after it."""
    return portal.output.with_name(f"{portal.output.name}-shard-{shard.k}-of-{shard.n}")


def shard_folders(portal: Portal) -> list[Path]:
    """The shards' folders beside the portal's output (what `--merge` takes when it is given none)."""
    pattern = re.compile(rf"^{re.escape(portal.output.name)}-shard-[0-9]+-of-[0-9]+$")
    parent = portal.output.parent
    return sorted(p for p in parent.iterdir() if pattern.match(p.name) and p.is_dir()) if parent.is_dir() else []


def portal_key(portal: Portal, code: str) -> str:
    """What every shard of one portal must share: the generator's code and the portal file, byte for byte."""
    return hashlib.sha256(code.encode() + read_bytes(portal.path, "data", portal.path.parent)).hexdigest()


def write_shard_record(portal: Portal, code: str, shard: Shard, built: list, stage: Path, fx: Effects) -> None:
    record = {"portal": portal_key(portal, code), "shard": [shard.k, shard.n], "reports": [b.slug for b in built]}
    fx.write(stage / RECORD, json.dumps(record, sort_keys=True, indent=1))


def read_shard(folder: Path, problems: Problems) -> dict | None:
    try:
        record = json.loads(read_text(folder / RECORD, "published", folder))
    except (OSError, ValueError, BuildError):
        problems.add(shown(folder), 0, f"not a shard's folder: it has no readable {RECORD}",
                     "give --merge the folders that `build.py portal FILE --shard K/N` wrote")
        return None
    return record


def shard_owners(portal: Portal, code: str, folders: list[Path]) -> dict[str, tuple[Path, dict]]:
    """Each report of the portal -> the shard's folder that built it and its record there; BuildError (every
    problem at once) unless the folders are the N shards of this portal built by this code, each report in exactly
    one of them."""
    problems = Problems()
    folders = folders or shard_folders(portal)
    if not folders:
        problems.add(shown(portal.path), 0, f"no shard's folder to merge beside {shown(portal.output)}",
                     "build each shard first: build.py portal FILE --shard K/N")
        raise BuildError(problems)
    key, owner, sizes = portal_key(portal, code), {}, set()
    for folder in folders:
        record = read_shard(folder, problems)
        if record is None:
            continue
        if record.get("portal") != key:
            problems.add(shown(folder), 0, "this shard was built from another portal file or another version of "
                         "the generator", "build every shard and the merge from the same commit")
            continue
        sizes.add(tuple(record["shard"])[1])
        for slug in record["reports"]:
            if slug in owner:
                problems.add(shown(folder), 0, f"report {slug} is also in {shown(owner[slug])}",
                             "merge each shard once")
            owner[slug] = folder
    if len(sizes) > 1:
        problems.add(shown(portal.path), 0, f"the shards are of different counts ({sorted(sizes)})")
    for r in portal.reports:
        if r.slug not in owner and not problems:
            problems.add(shown(portal.path), r.line, f"report {r.slug} is in none of the shards merged",
                         "merge every shard: one per K of --shard K/N")
    out = {}
    for r in portal.reports:
        record = read_record(owner[r.slug] / r.slug) if r.slug in owner else None
        if r.slug in owner and record is None:
            problems.add(shown(owner[r.slug] / r.slug), 0, f"report {r.slug}'s folder in its shard has no record")
        out[r.slug] = (owner.get(r.slug), record)
    if problems:
        raise BuildError(problems)
    return out


def stage_from_shards(portal: Portal, owners: dict[str, tuple[Path, dict]], stage: Path, fx: Effects) -> Staged:
    """Every report of the portal into the stage (the spare: portal/spare.py) from the shard that built it, unless
    the stage holds it already."""
    ready = clear_stage(stage, {slug: record["key"] for slug, (_f, record) in owners.items()}, fx)
    staged = Staged()
    for r in portal.reports:
        folder, record = owners[r.slug]
        if r.slug not in ready:
            link_in(folder / r.slug, stage / r.slug, fx)
        staged.reused.append(r.slug)
        staged.built.append(as_built(r.slug, record))
        staged.keys[r.slug] = record["key"]
    return staged
