"""The staged site: its root files, made reproducible (modes, _headers, .gz), swapped in for site/ atomically.
Every change goes through the build's effects (sitegen/effects.py)."""
from __future__ import annotations

import json
import os
from functools import partial
from pathlib import Path

from .. import signals
from ..check.output import MARKER_TEXT, SITE_MARKER
from ..effects import Effects
from ..read.paths import HINTS, Paths, read_records
from ..render.pages import Renderer
from ..render.root import root_index, sitemap_xml
from .cache import cached, clean_leftovers


def write_hosting_files(paths: Paths, stage: Path, fx: Effects) -> None:
    """_headers for Netlify / Cloudflare Pages, and a .gz beside every text file (sitegen/write/hosting.py)."""
    from .hosting import headers_file, precompress

    fx.write(stage / "_headers", headers_file([p.name for p in stage.iterdir()]))
    precompress(stage, fx, partial(cached, paths.cache_dir))


def normalise_tree(folder: Path, fx: Effects) -> None:
    """Fixed permissions, so two builds of the same input are identical in bytes and modes."""
    for p in sorted(folder.rglob("*")):
        fx.chmod(p, 0o755 if p.is_dir() else 0o644)
    fx.chmod(folder, 0o755)


def swap_in(stage: Path, site: Path, fx: Effects) -> None:
    """Replace site/ by the staged tree: one atomic exchange, so at every instant one complete site exists."""
    if not site.exists():
        fx.rename(stage, site)
        return
    if fx.exchange(stage, site):
        fx.remove_tree(stage)  # stage now holds the old site
        return
    old = site.parent / f".site-old-{os.getpid()}"  # fallback: two renames, recovered by recover_site()
    fx.rename(site, old)
    fx.rename(stage, site)
    fx.remove_tree(old)


def recover_site(site: Path, fx: Effects) -> None:
    """After a kill between the fallback's two renames, put the old site back; drop stale stages."""
    olds = sorted(site.parent.glob(".site-old-*"))
    if not site.exists() and olds:
        fx.rename(olds[-1], site)
    for leftover in list(site.parent.glob(".site-new-*")) + list(site.parent.glob(".site-old-*")):
        fx.remove_tree(leftover)


def new_stage(paths: Paths, fx: Effects) -> Path:
    """A new empty folder beside site/ to build the site in (after putting back a site a killed build left
    aside, and removing what killed builds left in .cache/)."""
    fx.mkdir(paths.site.parent)
    recover_site(paths.site, fx)
    clean_leftovers(paths.cache_dir)
    return fx.temp_dir(paths.site.parent, ".site-new-")


def write_root_files(paths: Paths, report, renderer: Renderer, assets: dict, stage: Path, fx: Effects) -> None:
    """What the site has besides its languages: assets/, the sitemap, robots.txt, the marker that says a build
    made this folder, the bilingual root page and the root 404 page."""
    base_url = paths.site_url
    fx.mkdir(stage / "assets")
    for name, data in assets.values():
        fx.write(stage / "assets" / name, data)
    fx.write(stage / "sitemap.xml", sitemap_xml(base_url, report, renderer.strings))
    fx.write(stage / "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {base_url.rstrip('/')}/sitemap.xml\n")
    fx.write(stage / SITE_MARKER, MARKER_TEXT)
    fx.write(stage / "index.html", root_index(paths, report, renderer, assets, base_url))
    fx.write(stage / "404.html", root_index(paths, report, renderer, assets, base_url, "404.html"))


def publish(stage: Path, site: Path, fx: Effects) -> None:
    """The staged site, made reproducible, in place of site/ — unless Ctrl-C or SIGTERM came: the last moment
    they stop a build."""
    normalise_tree(stage, fx)
    signals.check()
    swap_in(stage, site, fx)


def remember_stamps(paths: Paths, stamps: dict[str, str], fx: Effects) -> None:
    """Record the sources' stamps of a successful build (read/paths.py: expected_changes reads them)."""
    records = {site: st for site, st in read_records(paths).items() if Path(site).is_dir()}  # sites still there
    records[str(paths.site)] = stamps
    fx.write(paths.root / ".cache" / HINTS, json.dumps(records, indent=1, sort_keys=True, ensure_ascii=False),
             atomic=True)
