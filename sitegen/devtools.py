"""Project copies for the tests and the benchmark (never imported by the build itself).

A copy holds what a build reads (COPY), an empty docs/, and a link to the installed tools/ (Pagefind from
npm), which are shared like the virtual environment rather than copied.
"""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPY = ("build.py", "mkdocs.yml", "seeds", "site_src", "templates", "sitegen")
CODE = ("build.py", "sitegen")
NOT_COPIED = shutil.ignore_patterns("__pycache__")
# the benchmark's own installs (Lighthouse) live in .cache/ but are no build output
NOT_CACHE = shutil.ignore_patterns("bench-tools")


def copy_project(dst: Path, src: Path = ROOT, cache: Path | None = None, code: bool = True) -> Path:
    """The project's sources in src (no site/, docs/ or .cache/) copied into a new folder dst; with the
    build cache folder `cache` (e.g. src / ".cache") copied as dst/.cache when it exists. Without code, the
    copy has no build.py and no sitegen/: it can only be built in a process that has them (the tests'
    build_here), as a report of its own is."""
    dst.mkdir(parents=True)
    for name in COPY if code else [n for n in COPY if n not in CODE]:
        s = src / name
        if s.is_dir():
            shutil.copytree(s, dst / name, ignore=NOT_COPIED)
        else:
            shutil.copy2(s, dst / name)
    (dst / "docs").mkdir()
    (dst / "tools").symlink_to(src / "tools")
    if cache is not None and cache.is_dir():
        shutil.copytree(cache, dst / ".cache", ignore=NOT_CACHE)
    return dst
