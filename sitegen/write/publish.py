"""The staged site made reproducible (modes, _headers, .gz) and swapped in for site/ atomically."""
from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path

from ..read.paths import Paths
from .cache import cached


def write_hosting_files(paths: Paths, stage: Path) -> None:
    """_headers for Netlify / Cloudflare Pages, and a .gz beside every text file (sitegen/write/hosting.py)."""
    from .hosting import headers_file, precompress

    (stage / "_headers").write_text(headers_file([p.name for p in stage.iterdir()]), encoding="utf-8")
    precompress(stage, lambda kind, key, make: cached(paths.root / ".cache", kind, key, make))


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
