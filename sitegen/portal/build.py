"""build_portal: every report of portal.yml built by the report pipeline under <output>/<slug>/ (only those whose
inputs changed: the others are taken from the last build as they are), then the portal's own pages and its search,
all in one staged folder swapped in for the output at once (the previous output stays intact otherwise).

With a shard (K of N), only the reports of that shard are built, into a folder of their own beside the output; a
merge then writes the portal from the shards' folders (portal/shards.py), as one build would have."""
from __future__ import annotations

from pathlib import Path

from .. import signals
from ..check.indicators import check_indicators, check_statements
from ..check.output import MARKER_TEXT, SITE_MARKER, is_built_site, refused_by
from ..effects import Effects
from ..problems import BuildError, Problems, shown
from ..read.paths import Paths
from ..read.portal import LANGUAGES, Portal, PortalReport, read_portal
from ..render.portal import use_bytecode
from ..write.cache import jinja_bytecode
from ..write.lock import build_lock, output_lock
from ..write.publish import publish, recover_site
from .pages import write_portal_pages
from .reports import Staged, as_built, build_changed, code_key, default_jobs, read_record, report_key
from .search import bundle_names, index_portal
from .shards import Shard, shard_output, shard_owners, stage_from_shards, write_shard_record
from .spare import clear_stage, keep_as_spare, link_in, spare_path, take_stage


class KeptLastGood(BuildError):
    """The portal was published, but these reports failed their checks: each is published as it last built."""

    def __init__(self, problems: Problems, kept: list[str]):
        super().__init__(problems)
        self.kept = kept


def build_portal(root: Path, portal_file: Path, fx: Effects | None = None, release: bool = False,
                 shard: Shard | None = None, merge: list[Path] | None = None, jobs: int | None = None) -> dict:
    """Read portal.yml and build it (or its shard, or merge its shards' folders); BuildError with every problem (of
    portal.yml, or of every failing report), KeptLastGood when it published with failing reports at their last good
    version."""
    fx = fx or Effects()
    problems = Problems()
    portal = read_portal(portal_file, problems)
    if portal is None:
        raise BuildError(problems)
    base = Paths.default(root)
    out = portal.output if shard is None else shard_output(portal, shard)
    check_portal_output(portal, out, base, problems)
    check_indicators(portal, problems)
    if problems:
        raise BuildError(problems)
    clock = signals.Stopwatch()
    code = code_key(root)
    use_bytecode(jinja_bytecode(root / ".cache" / "portal-jinja"))
    # the project's lock, and the output folder's (a report's build, or another portal, aimed at it waits), its stage
    # named after it (write/publish.py: new_stage)
    with build_lock(base, log=fx.log), signals.deferred(), output_lock(out, log=fx.log):
        recover_site(out, fx)
        owners = shard_owners(portal, code, merge) if merge is not None else None  # its problems: nothing touched
        stage = take_stage(out, fx)
        try:
            clock.lap("read portal.yml, take the stage")
            if owners is not None:
                staged = stage_from_shards(portal, owners, stage, fx)
            else:
                staged = stage_reports(root, portal, code, shard, stage, fx, release, jobs or default_jobs())
            clock.lap("reports (keyed; built, or kept as they were)")
            if staged.failed and (release or set(staged.failed) - set(staged.kept)):
                raise BuildError(staged.problems)  # under --release, or a failing report with no good version
            if shard is None:
                finish_portal(base, portal, code, staged, stage, fx, problems, jobs or default_jobs())
            else:
                write_shard_record(portal, code, shard, staged.built, stage, fx)
            fx.write(stage / SITE_MARKER, MARKER_TEXT)
            clock.lap("portal pages and search")
            publish(stage, out, fx, settled=tuple(stage / slug for slug in staged.settled), spare=spare_path(out))
            clock.lap("publish")
        except BaseException:
            keep_as_spare(stage, out, fx)
            raise
    if staged.kept:
        raise KeptLastGood(staged.problems, staged.kept)
    return {"reports": len(staged.built), "built": staged.fresh, "reused": staged.reused, "seconds": clock.total(),
            "output": out, "timings": clock.laps}


def check_portal_output(portal: Portal, out: Path, base: Paths, problems: Problems) -> None:
    """The portal (or a shard) goes only into a folder that is absent, empty or a site built here, never over a
    project folder nor over one of its reports' content folders."""
    where = shown(portal.path)
    folder = refused_by(out, base, also=tuple(r.content for r in portal.reports))
    if folder is not None:
        problems.add(where, 0, f"the output folder {shown(out)} overlaps the folder {folder}",
                     "choose an output folder of its own, e.g. output: site-portal")
    elif out.exists() and not out.is_dir():
        problems.add(where, 0, f"the output folder {shown(out)} is a file", "choose a new or empty folder")
    elif out.is_dir() and any(out.iterdir()) and not is_built_site(out, base):
        problems.add(where, 0, f"the output folder {shown(out)} is not empty and is not a site this build made (it "
                     f"has no {SITE_MARKER}): the build would replace everything in it", "choose a new or empty folder")


def stage_reports(root: Path, portal: Portal, code: str, shard: Shard | None, stage: Path, fx: Effects,
                  release: bool, jobs: int) -> Staged:
    """The reports (of the shard, if one) into the stage (the spare: portal/spare.py): a report whose key the stage
    holds already stays, one whose key matches its last build's (in the output, or in the shard's folder) is linked
    from there, the others are built; a report that fails keeps its last good version."""
    reports = portal.reports if shard is None else shard.reports(portal)
    previous = [portal.output] + ([shard_output(portal, shard)] if shard is not None else [])
    keys = {r.slug: report_key(code, portal, r, release) for r in reports}
    ready = clear_stage(stage, keys, fx)
    last = {r.slug: last_build(previous, r.slug) for r in reports}
    todo = [r for r in reports if r.slug not in ready and not (last[r.slug] and last[r.slug][1]["key"] == keys[r.slug])]
    linked = [r for r in reports if r.slug not in ready and r not in todo]

    def link_unchanged() -> None:  # while the others build (file system latency beside their computing)
        for r in linked:
            link_in(last[r.slug][0], stage / r.slug, fx)

    results = build_changed(root, portal, todo, [keys[r.slug] for r in todo], stage, fx, release, jobs, link_unchanged)
    staged = Staged()
    for r in reports:
        result = results.get(r.slug)
        if isinstance(result, Problems):
            note_failure(portal, r, result, last[r.slug], staged)
            if last[r.slug] is None:
                continue
            link_in(last[r.slug][0], stage / r.slug, fx)
            staged.kept.append(r.slug)
        if result is None:
            staged.reused.append(r.slug)
        if result is None or isinstance(result, Problems):
            staged.settled.append(r.slug)
            result = read_record(stage / r.slug) if r.slug in ready else last[r.slug][1]
        else:
            staged.fresh.append(r.slug)
        staged.built.append(as_built(r.slug, result))
        staged.keys[r.slug] = result["key"]
    return staged


def last_build(folders: list[Path], slug: str) -> tuple[Path, dict] | None:
    """The report's folder in the first of these built outputs that holds a usable record of it, and the record."""
    for folder in folders:
        record = read_record(folder / slug)
        if record is not None and (folder / slug / SITE_MARKER).is_file():
            return folder / slug, record
    return None


def note_failure(portal: Portal, r: PortalReport, problems: Problems, last, staged: Staged) -> None:
    """A failing report named at its line of portal.yml, with every problem of its own."""
    staged.failed.append(r.slug)
    kept = "; its last good version is published in its place" if last else "; it has no good version to publish"
    staged.problems.add(shown(portal.path), r.line, f"report {r.slug} ({shown(r.content)}) was not built: "
                        f"{len(problems.errors)} problem(s), listed below{kept}")
    staged.problems.extend(problems)


def finish_portal(base: Paths, portal: Portal, code: str, staged: Staged, stage: Path, fx: Effects,
                  problems: Problems, jobs: int) -> None:
    """The portal's own pages and its search beside its reports in the stage; BuildError if a report's figure
    names an indicator the portal does not declare, or unlike it."""
    check_statements(portal, [(b.slug, b.indicators) for b in staged.built], problems)
    if problems:
        raise BuildError(problems)
    bundles = bundle_names(list(staged.keys), LANGUAGES)

    def pages() -> None:  # while Pagefind indexes the reports
        write_portal_pages(base.templates, portal, staged.built, stage, fx, bundles, staged.keys,
                           cache=(base.root / ".cache", code))

    index_portal(stage, portal.output, code, list(LANGUAGES), staged.keys, fx, pages, jobs)
