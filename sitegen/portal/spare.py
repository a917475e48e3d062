"""A portal's two folders: the output, and beside it the spare (.site-spare-<name>/: the output the last build
replaced). A build takes the spare as its stage and brings it up to date in place: a report folder (or search
bundle) whose record holds the key wanted stays as it is, anything else is removed and then linked from the output,
built or indexed again. The stage is swapped in for the output at once, and the output it replaces becomes the
spare. So a build does work in proportion to what changed since the build before the last, not to the number of
reports (a rebuild of 200 reports would otherwise hard-link some 70,000 files).

Every folder the stage keeps is complete: a report folder gets its record only after its build published it, a
bundle after Pagefind wrote it, a linked folder is linked under a temporary name and renamed; so a build stopped
anywhere leaves a spare the next build can trust (it removes what has no record)."""
from __future__ import annotations

import json
import os
from pathlib import Path

from ..check.output import SITE_MARKER
from ..effects import Effects
from ..problems import BuildError
from ..read.files import read_text
from ..read.portal import RESERVED_PREFIX
from ..write.publish import STAGE
from .reports import read_record

SPARE = ".site-spare-"  # + the output folder's name, beside it
SEARCH_RECORD = ".sitegen-search.json"  # in a search bundle's folder: the key of what it indexes


def spare_path(out: Path) -> Path:
    return out.parent / f"{SPARE}{out.name}"


def take_stage(out: Path, fx: Effects) -> Path:
    """The build's stage beside the output: the spare, renamed, if there is one; else a new empty folder."""
    stage = fx.temp_dir(out.parent, f"{STAGE}{out.name}-")
    spare = spare_path(out)
    if spare.is_dir() and not spare.is_symlink():
        fx.rename(spare, stage)  # onto the new empty folder: rename(2) replaces an empty directory
    return stage


def keep_as_spare(stage: Path, out: Path, fx: Effects) -> None:
    """After a failed build: its stage is the next build's spare (each of its folders is complete or unrecorded)."""
    spare = spare_path(out)
    if stage.is_dir() and not spare.exists():
        fx.rename(stage, spare)
    else:
        fx.remove_tree(stage)


def clear_stage(stage: Path, wanted: dict[str, str], fx: Effects) -> set[str]:
    """Remove from the stage all but the report folders that hold the key wanted for them (slug -> key) and the
    search bundles (index_portal checks those); the slugs kept."""
    kept = set()
    with os.scandir(stage) as it:
        entries = sorted(it, key=lambda e: e.name)
    for e in entries:
        path = Path(e.path)
        if e.is_dir(follow_symlinks=False):
            if e.name.startswith(RESERVED_PREFIX):
                continue
            record = read_record(path) if e.name in wanted else None
            if record is not None and record["key"] == wanted[e.name] and (path / SITE_MARKER).is_file():
                kept.add(e.name)
                continue
            fx.remove_tree(path)
        else:
            fx.remove(path)
    return kept


def link_in(src: Path, dst: Path, fx: Effects) -> None:
    """dst holds what src holds (hard links), appearing at once: linked under a temporary name, then renamed."""
    part = dst.with_name(f".{dst.name}.partial")
    fx.remove_tree(part)
    fx.link_tree(src, part)
    fx.rename(part, dst)


def bucket_ready(folder: Path, key: str) -> bool:
    """The folder is a search bundle of this key (its record written once Pagefind finished)."""
    try:
        return json.loads(read_text(folder / SEARCH_RECORD, "published", folder)).get("key") == key
    except (OSError, ValueError, BuildError, AttributeError):
        return False
