"""The staged site: its root files, made reproducible (modes, _headers, .gz), swapped in for site/ atomically."""
from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from functools import partial
from pathlib import Path

from .. import signals
from ..check.output import MARKER_TEXT, SITE_MARKER
from ..read.paths import Paths
from ..render.pages import Renderer
from ..render.root import root_index, sitemap_xml
from .cache import cached, clean_leftovers


def write_hosting_files(paths: Paths, stage: Path) -> None:
    """_headers for Netlify / Cloudflare Pages, and a .gz beside every text file (sitegen/write/hosting.py)."""
    from .hosting import headers_file, precompress

    (stage / "_headers").write_text(headers_file([p.name for p in stage.iterdir()]), encoding="utf-8")
    precompress(stage, partial(cached, paths.root / ".cache"))


def normalise_tree(folder: Path) -> None:
    """Fixed permissions, so two builds of the same input are identical in bytes and modes."""
    for p in sorted(folder.rglob("*")):
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
    os.chmod(folder, 0o755)


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def swap_in(stage: Path, site: Path) -> None:
    """Replace site/ by the staged tree: one atomic exchange, so at every instant one complete site exists."""
    if not site.exists():
        os.rename(stage, site)
        return
    if exchange(stage, site):
        shutil.rmtree(stage, ignore_errors=True)  # stage now holds the old site
        return
    old = site.parent / f".site-old-{os.getpid()}"  # fallback: two renames, recovered by recover_site()
    os.rename(site, old)
    os.rename(stage, site)
    shutil.rmtree(old, ignore_errors=True)


def recover_site(site: Path) -> None:
    """After a kill between the fallback's two renames, put the old site back; drop stale stages."""
    olds = sorted(site.parent.glob(".site-old-*"))
    if not site.exists() and olds:
        os.rename(olds[-1], site)
    for leftover in list(site.parent.glob(".site-new-*")) + list(site.parent.glob(".site-old-*")):
        shutil.rmtree(leftover, ignore_errors=True)


def new_stage(paths: Paths) -> Path:
    """A new empty folder beside site/ to build the site in (after putting back a site a killed build left
    aside, and removing what killed builds left in .cache/)."""
    paths.site.parent.mkdir(parents=True, exist_ok=True)
    recover_site(paths.site)
    clean_leftovers(paths.root / ".cache")
    return Path(tempfile.mkdtemp(prefix=".site-new-", dir=paths.site.parent))


def write_root_files(paths: Paths, report, renderer: Renderer, assets: dict, stage: Path) -> None:
    """What the site has besides its languages: assets/, the sitemap, robots.txt, the marker that says a build
    made this folder, the bilingual root page and the root 404 page."""
    base_url = paths.site_url
    (stage / "assets").mkdir()
    for name, data in assets.values():
        (stage / "assets" / name).write_bytes(data)
    (stage / "sitemap.xml").write_text(sitemap_xml(base_url, report, renderer.strings), encoding="utf-8")
    (stage / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {base_url.rstrip('/')}/sitemap.xml\n")
    (stage / SITE_MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    (stage / "index.html").write_text(root_index(paths, report, renderer, assets, base_url), encoding="utf-8")
    (stage / "404.html").write_text(root_index(paths, report, renderer, assets, base_url, "404.html"),
                                    encoding="utf-8")


def publish(stage: Path, site: Path) -> None:
    """The staged site, made reproducible, in place of site/ — unless Ctrl-C or SIGTERM came: the last moment
    they stop a build."""
    normalise_tree(stage)
    signals.check()
    swap_in(stage, site)
