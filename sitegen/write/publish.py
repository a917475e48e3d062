"""The staged site: its root files, made reproducible (modes, _headers, .gz), swapped in for site/ atomically.
Every change goes through the build's effects (sitegen/effects.py)."""
from __future__ import annotations

import json
import os
import stat
from functools import partial
from pathlib import Path

from .. import signals
from ..check.output import OWNER, SITE_MARKER, marker_text
from ..effects import Effects
from ..problems import BuildError, Problems
from ..read.paths import HINTS, Paths, read_records
from ..render.pages import Renderer
from ..render.root import root_index, sitemap_xml
from .cache import cached, clean_leftovers


def write_hosting_files(paths: Paths, stage: Path, fx: Effects) -> None:
    """_headers for Netlify / Cloudflare Pages, and a .gz beside every text file (sitegen/write/hosting.py)."""
    from .hosting import headers_file, precompress

    fx.write(stage / "_headers", headers_file([p.name for p in stage.iterdir()]))
    precompress(stage, fx, partial(cached, paths.cache_dir))


def normalise_tree(folder: Path, fx: Effects, settled: tuple[Path, ...] = ()) -> None:
    """Fixed permissions, so two builds of the same input are identical in bytes and modes (settled: folders in it
    whose files' modes are fixed already, a published site's files linked in as they are; their folders are new).
    A mode already right is left alone (a portal has thousands of folders)."""
    settled_set = set(settled)

    def fix(entry: os.DirEntry, mode: int) -> None:
        if stat.S_IMODE(entry.stat().st_mode) != mode:
            fx.chmod(Path(entry.path), mode)

    todo = [(folder, False)]
    while todo:
        here, done = todo.pop()
        with os.scandir(here) as it:
            entries = sorted(it, key=lambda e: e.name)
        for e in entries:
            if e.is_dir():
                fix(e, 0o755)
                todo.append((Path(e.path), done or Path(e.path) in settled_set))
            elif not done:
                fix(e, 0o644)
    fx.chmod(folder, 0o755)


STAGE, OLD = ".site-new-", ".site-old-"  # + the output folder's name, '-' and a suffix: beside the output folder


def own_leftovers(site: Path, prefix: str, suffix_ok) -> list[Path]:
    """The folders beside site that a build of this very output left (PREFIX + its name + '-' + a suffix that
    suffix_ok accepts): never those of a sibling output, whose name may start with this one's."""
    start = f"{prefix}{site.name}-"
    try:
        names = [e.name for e in os.scandir(site.parent) if e.name.startswith(start)]
    except OSError:
        return []
    return sorted(site.parent / n for n in names if suffix_ok(n[len(start):]))


def stage_suffix(rest: str) -> bool:
    return len(rest) == 8 and "-" not in rest  # tempfile.mkdtemp's eight random characters


def swap_in(stage: Path, site: Path, fx: Effects, spare: Path | None = None) -> None:
    """Replace site/ by the staged tree: one atomic exchange, so at every instant one complete site exists (spare:
    where the replaced site is kept, for the next build to update in place; else it is removed)."""
    if not site.exists():
        fx.rename(stage, site)
        return
    if fx.exchange(stage, site):  # stage now holds the old site
        old = stage
    else:
        old = site.parent / f"{OLD}{site.name}-{os.getpid()}"  # fallback: two renames, recovered by recover_site()
        fx.rename(site, old)
        fx.rename(stage, site)
    if spare is not None and not spare.exists():
        fx.rename(old, spare)
    else:
        fx.remove_tree(old)


def recover_site(site: Path, fx: Effects) -> None:
    """After a kill between the fallback's two renames, put the old site back; drop the stages killed builds of
    this output left (the caller holds the output's lock: no other build is using them)."""
    olds = own_leftovers(site, OLD, str.isdigit)
    if not site.exists() and olds:
        fx.rename(olds[-1], site)
    for leftover in own_leftovers(site, STAGE, stage_suffix) + own_leftovers(site, OLD, str.isdigit):
        fx.remove_tree(leftover)


def new_stage(paths: Paths, fx: Effects) -> Path:
    """A new empty folder beside the output folder to build the site in, named after that output (after putting
    back a site a killed build left aside, and removing what killed builds left in .cache/). The caller holds
    the output's lock (write/lock.py: output_lock)."""
    fx.mkdir(paths.site.parent)
    recover_site(paths.site, fx)
    clean_leftovers(paths.cache_dir)
    return fx.temp_dir(paths.site.parent, f"{STAGE}{paths.site.name}-")


def stage_identity(stage: Path) -> tuple[int, int]:
    st = os.stat(stage)
    return st.st_dev, st.st_ino


def check_stage(stage: Path, ident: tuple[int, int], expected: list[str]) -> None:
    """The staged site is still the folder this build made and holds every file it must: a stage removed or
    emptied by something else during the build (and perhaps made anew by a later write) is never published."""
    try:
        same = stage_identity(stage) == ident
    except OSError:
        same = False
    missing = [name for name in expected if not (stage / name).is_file()]
    if same and not missing:
        return
    problems = Problems()
    what = "was removed during the build (by another program?)" if not same else \
        f"lost {len(missing)} of its files during the build (by another program?), e.g. {missing[0]}"
    problems.add(str(stage), 0, f"the staged site {what}: it is not published",
                 "build again; if it recurs, find what deletes folders beside the output folder")
    raise BuildError(problems)


def write_root_files(paths: Paths, report, renderer: Renderer, assets: dict, stage: Path, fx: Effects) -> None:
    """What the site has besides its languages: assets/, the sitemap, robots.txt, the marker that says a build
    made this folder, the bilingual root page and the root 404 page."""
    base_url = paths.site_url
    fx.mkdir(stage / "assets")
    for name, data in assets.values():
        fx.write(stage / "assets" / name, data)
    fx.write(stage / "sitemap.xml", sitemap_xml(base_url, report, renderer.strings))
    fx.write(stage / "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {base_url.rstrip('/')}/sitemap.xml\n")
    fx.write(stage / SITE_MARKER, marker_text(paths.site_url))
    fx.write(stage / "index.html", root_index(paths, report, renderer, assets, base_url))
    fx.write(stage / "404.html", root_index(paths, report, renderer, assets, base_url, "404.html"))


def publish(stage: Path, site: Path, fx: Effects, ident: tuple[int, int] | None = None,
            expected: list[str] = (), settled: tuple[Path, ...] = (), spare: Path | None = None) -> None:
    """The staged site, made reproducible, in place of site/ — unless Ctrl-C or SIGTERM came (the last moment
    they stop a build), or the stage is no longer the folder (ident) made for it with every expected file."""
    if ident is not None:
        check_stage(stage, ident, list(expected))
    normalise_tree(stage, fx, settled)
    signals.check()
    if ident is not None:
        check_stage(stage, ident, list(expected))
    swap_in(stage, site, fx, spare)


def remember_stamps(paths: Paths, stamps: dict[str, str], fx: Effects) -> None:
    """Record the sources' stamps of a successful build (read/paths.py: expected_changes reads them)."""
    records = {site: st for site, st in read_records(paths).items() if Path(site).is_dir()}  # sites still there
    records[str(paths.site)] = {**stamps, OWNER: str(paths.content)}  # who may replace it (check/output.py)
    fx.write(paths.root / ".cache" / HINTS, json.dumps(records, indent=1, sort_keys=True, ensure_ascii=False),
             atomic=True)
