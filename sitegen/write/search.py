"""The search index: Pagefind extended 1.6 (it segments Chinese, Japanese and Thai with ICU4X, as the
browser's Intl.Segmenter segments the query), one bundle per language in <lang>/pagefind/.

The binary comes from npm (tools/package.json pins `pagefind`, whose optional dependency for this
platform holds `pagefind_extended`): PyPI's `pagefind[extended]` stops at 1.5.2, whose Chinese
segmentation at indexing time disagreed with the browser's at search time (党群服务中心 found only one of
the four pages that contain it).
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from ..problems import BuildError, Problems

SUBDIR = "pagefind"
TOOLS = Path(__file__).resolve().parent.parent.parent / "tools"  # npm packages pinned in tools/package.json


def executable() -> Path:
    """The Pagefind extended binary: $PAGEFIND_BINARY_PATH, else the one npm installed in tools/."""
    env = os.environ.get("PAGEFIND_BINARY_PATH")
    found = [Path(env)] if env else sorted((TOOLS / "node_modules" / "@pagefind").glob("*/bin/pagefind_extended"))
    found = [p for p in found if p.is_file() and os.access(p, os.X_OK)]
    if not found:
        problems = Problems()
        problems.add("tools/package.json", 0, "the Pagefind extended binary is not installed",
                     "run scripts/setup.sh (it installs Pagefind from npm into tools/node_modules)")
        raise BuildError(problems)
    return found[0]


def version_key() -> str:
    """Changes when the Pagefind binary does (for the cache of built indexes)."""
    exe = executable()
    st = exe.stat()
    return f"{exe}:{st.st_size}:{st.st_mtime_ns}"


def index_languages(site: Path, langs: list[str], fx) -> None:
    """Index site/<lang>/**/*.html into site/<lang>/pagefind/ for each language, all at once (one process
    each). URLs are relative to site/<lang>/: the search script resolves them against the folder above
    the bundle, so the site may be published at any path."""
    procs = {lang: start_index(site / lang, SUBDIR) for lang in langs}
    problems = Problems()
    for lang, proc in procs.items():
        failed = finish_index(proc, site / lang, SUBDIR, fx)
        if failed:
            problems.add(str(site / lang), 0, failed)
    if problems:
        raise BuildError(problems)


def start_index(site: Path, name: str, glob: str | None = None) -> subprocess.Popen:
    """A Pagefind process, started now, indexing site's pages (those of glob, if given: a portal's search indexes
    some reports' pages of one language, portal/search.py) into site/<name>/; its URLs start at site, the folder
    above the bundle."""
    return subprocess.Popen([str(executable()), "--site", str(site), *(["--glob", glob] if glob else []),
                             "--output-subdir", name, "--silent"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def finish_index(proc: subprocess.Popen, site: Path, name: str, fx) -> str | None:
    """Wait for start_index's process: what went wrong, in words, or None (its entry file then rewritten with its
    keys in a fixed order, so that two builds are identical)."""
    out = proc.communicate()[0].decode("utf-8", "replace").strip()
    if proc.returncode != 0:
        return f"Pagefind failed: {out[:500] or f'exit {proc.returncode}'}"
    entry = site / name / "pagefind-entry.json"
    fx.write(entry, json.dumps(json.loads(entry.read_text(encoding="utf-8")), sort_keys=True, separators=(",", ":")))
    return None


def complete_index(files: dict[str, bytes]) -> bool:
    """Whether a language's bundle (relative path -> bytes) has every file the search page loads: the
    script, the entry file, and per language its metadata, its wasm and one fragment per page indexed.
    A cached bundle missing any of them is rebuilt, never published."""
    try:
        entry = json.loads(files["pagefind-entry.json"])
        languages = entry["languages"]
        if "pagefind.js" not in files or "pagefind-worker.js" not in files or not isinstance(languages, dict):
            return False
        fragments = sum(1 for n in files if n.startswith("fragment/") and n.endswith(".pf_fragment"))
        indexes = sum(1 for n in files if n.startswith("index/") and n.endswith(".pf_index"))
        pages = 0
        for info in languages.values():
            needed = (f"pagefind.{info['hash']}.pf_meta", f"wasm.{info['wasm'] or 'unknown'}.pagefind")
            if not all(n in files for n in needed):
                return False
            pages += int(info["page_count"])
    except (KeyError, TypeError, ValueError):
        return False
    return fragments >= pages and (indexes > 0 or pages == 0)
