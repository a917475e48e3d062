"""A portal's reports: what each one's build depends on (its key), the record a built report keeps of itself in its
folder (<slug>/.sitegen-report.json: its key and what the portal's pages show of it), and building the reports
whose key changed, in parallel processes (each with its own cache), the others taken as they were built."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from pathlib import Path

from ..effects import Effects
from ..pipeline import build_locked
from ..problems import BuildError, Problems, shown
from ..read.files import digest_files, read_text
from ..read.paths import Paths
from ..read.portal import LANGUAGES, Portal, PortalReport
from ..render.compare import figure_rows
from ..render.portal import Built, words
from ..write.lock import OUTPUT_LOCK

RECORD = ".sitegen-report.json"  # in each report's folder of a built portal
FORMAT = 1  # of the record: a record of another format is not reused


def code_key(root: Path) -> str:
    """What every report's build depends on besides its content: the generator, the templates, the MkDocs
    configuration and the pinned tools (paths relative to the project, so two machines agree)."""
    h = hashlib.sha256(f"python {sys.version_info[:2]} record {FORMAT}\0".encode())
    code = Path(__file__).resolve().parent.parent  # the generator that runs (a project copy may have none)
    digest_files(h, [code], code.parent)
    base = Paths.default(root)
    digest_files(h, [base.templates, base.config, root / "requirements.txt", root / "tools" / "package.json"], root)
    return h.hexdigest()


def report_key(code: str, portal: Portal, report: PortalReport, release: bool) -> str:
    """A report's key in the portal: the code's, where and how it is published in it, its content folder and the
    article its report.yml names (the seeds/ folder beside the content folder)."""
    settings = {"slug": report.slug, "url": portal.report_url(report.slug), "title": portal.title, "release": release}
    h = hashlib.sha256(code.encode() + json.dumps(settings, sort_keys=True, ensure_ascii=False).encode())
    home = report.content.parent
    digest_files(h, [report.content, home / "seeds"], home)
    return h.hexdigest()


def report_paths(root: Path, portal: Portal, report: PortalReport, stage: Path) -> Paths:
    """Where one report of the portal is built: into the stage's <slug>/, at <portal site_url>/<slug>/, its generated
    pages in docs/portal-<slug>/ (never the report's own docs/ or site, whatever its report.yml says), its build cache
    in .cache/portal/<slug>/ (the report's own, as a report built on another machine has)."""
    own = Paths.default(root, report.content, stage / report.slug)
    docs = Paths.default(root).docs / f"portal-{report.slug}"
    index = tuple((lang, portal.title[lang], f"../../{lang}/") for lang in LANGUAGES)  # from <slug>/<lang>/
    return dataclasses.replace(own, docs=docs, site_url=portal.report_url(report.slug),
                               cache=root / ".cache" / "portal" / report.slug, collection=index)


def read_record(folder: Path) -> dict | None:
    """A built report's record (its key and Built fields), or None if the folder holds no usable one."""
    try:
        record = json.loads(read_text(folder / RECORD, "published", folder))
    except (OSError, ValueError, BuildError):
        return None
    ok = isinstance(record, dict) and record.get("format") == FORMAT and isinstance(record.get("built"), dict)
    return record if ok else None


@dataclasses.dataclass
class Staged:
    """The reports in a stage: in the portal's order, what its pages show of each; those built now, those taken
    from a previous build (or a shard's folder) as they were, those that failed, and of those the ones kept at their
    last good version."""

    built: list[Built] = dataclasses.field(default_factory=list)
    fresh: list[str] = dataclasses.field(default_factory=list)
    reused: list[str] = dataclasses.field(default_factory=list)
    failed: list[str] = dataclasses.field(default_factory=list)
    kept: list[str] = dataclasses.field(default_factory=list)
    problems: Problems = dataclasses.field(default_factory=Problems)
    settled: list[str] = dataclasses.field(default_factory=list)  # linked from an output this machine published
    keys: dict[str, str] = dataclasses.field(default_factory=dict)  # each report's key, in the portal's order


def as_built(slug: str, record: dict) -> Built:
    b = record["built"]
    return Built(slug, b["listing"], b["sitemap"], b["indicators"], b["figures"])


def build_one(root: Path, portal: Portal, report: PortalReport, stage: Path, key: str, fx: Effects,
              release: bool) -> dict:
    """Build one report into stage/<slug>/ and write its record there; the record (BuildError: its problems)."""
    paths = report_paths(root, portal, report, stage)
    info = build_locked(paths, fx, False, None, True, release)  # the portal's build holds the project's lock
    fx.remove(stage / f"{OUTPUT_LOCK}{report.slug}")  # the report's output lock, beside its folder in the stage
    built = {"listing": info["listing"], "sitemap": read_text(paths.site / "sitemap.xml", "published", paths.site),
             "indicators": info["indicators"],
             "figures": stated_figures(paths.site, info, paths.templates) if info["indicators"] else {}}
    record = {"format": FORMAT, "key": key, "built": built}
    text = json.dumps(record, ensure_ascii=False, sort_keys=True, indent=1)
    fx.write(paths.site / RECORD, text)
    return json.loads(text)  # as a record read back is: what the portal's pages see is the same either way


def stated_figures(site: Path, info: dict, templates: Path) -> dict[str, dict]:
    """Per language, the rows of a built report's figures.json (as its pages write each figure) of the figures
    that state an indicator, by figure id."""
    ids = {s["figure"] for s in info["indicators"]}
    out = {}
    for lang in info["languages"]:
        rows = figure_rows(json.loads(read_text(site / lang / "figures.json", "published", site)),
                           words(templates)[lang]["t"])
        out[lang] = {k: v for k, v in rows.items() if k in ids}
    return out


# The job of the reports' processes, set before they fork (they inherit it, and get only a report's number).
_JOB: tuple | None = None


def build_in_process(i: int) -> tuple[dict | Problems, list[str]]:
    """In a forked process: build the i-th report of the job; (its record, or its problems; its messages)."""
    from ..write.drawing import die_with

    root, portal, todo, stage, keys, release, parent = _JOB
    die_with(parent)
    messages: list[str] = []
    try:
        return build_one(root, portal, todo[i], stage, keys[i], Effects(log=messages.append), release), messages
    except BuildError as e:
        return e.problems, messages


def build_changed(root: Path, portal: Portal, todo: list[PortalReport], keys: list[str], stage: Path, fx: Effects,
                  release: bool, jobs: int, meanwhile=lambda: None) -> dict[str, dict | Problems]:
    """Build each report of todo into the stage: slug -> its record, or its problems; meanwhile() runs while they
    build. Unless jobs is 1 (or forking is not safe here), the reports build in up to `jobs` processes at once (a
    single one too, so that meanwhile() runs beside it), each report's messages logged in order when it ends."""
    from ..write.engine import can_fork

    out: dict[str, dict | Problems] = {}
    for r in todo:
        fx.log(f"report {r.slug}: {shown(r.content)} -> {portal.report_url(r.slug)}")
    if jobs <= 1 or not todo or not can_fork():
        meanwhile()
        for r, key in zip(todo, keys, strict=True):
            try:
                out[r.slug] = build_one(root, portal, r, stage, key, fx, release)
            except BuildError as e:
                out[r.slug] = e.problems
        return out
    from concurrent.futures import BrokenExecutor, ProcessPoolExecutor
    from multiprocessing import get_context

    global _JOB
    _JOB = (root, portal, todo, stage, keys, release, os.getpid())
    try:
        with ProcessPoolExecutor(min(jobs, len(todo)), mp_context=get_context("fork")) as pool:
            futures = [pool.submit(build_in_process, i) for i in range(len(todo))]
            meanwhile()
            for r, future in zip(todo, futures, strict=True):
                value, messages = future.result()
                for m in messages:
                    fx.log(m)
                out[r.slug] = value
    except BrokenExecutor as e:  # a report's process died (killed, out of memory)
        problems = Problems()
        problems.add(shown(portal.path), 0, f"a report's build process stopped: {e!r}",
                     "build again; with --jobs 1 the reports build one after another in this process")
        raise BuildError(problems) from None
    finally:
        _JOB = None
    return out


def default_jobs() -> int:
    """Reports built at once: one per core (each report's own drawing and MkDocs processes share them)."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)

