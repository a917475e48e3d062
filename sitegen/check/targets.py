"""Where a command may write a file of its own (`--record-mkdocs FILE`, `draft … FOLDER`, `stamp`): never into the
project's sources, code, templates or .git, never over a file it did not make. Checked before anything is written."""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from ..problems import shown

# the project's own folders: sources (seeds, the content folders), code, templates, tools, generated pages, cache
PROJECT_FOLDERS = (".git", "sitegen", "templates", "seeds", "tests", "docs", ".cache", "tools", "scripts", "guide",
                   "benchmarks", ".venv")


def content_folders(root: Path) -> list[Path]:
    """The report folders of the project: every folder at its top holding a report.yml (site_src, site_src-NAME)."""
    try:
        return sorted(Path(e.path) for e in os.scandir(root)
                      if e.is_dir(follow_symlinks=False) and os.path.lexists(Path(e.path) / "report.yml"))
    except OSError:
        return []


def protected(root: Path) -> list[Path]:
    """Every folder of the project a command's own file never goes into, resolved."""
    return [(root / name).resolve() for name in PROJECT_FOLDERS] + [p.resolve() for p in content_folders(root)]


def inside_project_folder(target: Path, root: Path) -> Path | None:
    """The project folder that target (resolved, links followed) is, or is inside; None if none."""
    real = Path(os.path.realpath(target))
    return next((f for f in protected(root) if real == f or f in real.parents), None)


def is_record(path: Path) -> bool:
    """A file `--record-mkdocs` wrote: a JSON list of the MkDocs runs (each with its lang and docs_dir)."""
    from ..read.files import Unsafe, read_text

    try:
        data = json.loads(read_text(path, "config"))
    except (OSError, Unsafe, ValueError):
        return False
    return isinstance(data, list) and all(isinstance(r, dict) and {"lang", "docs_dir"} <= set(r) for r in data)


def record_problem(target: Path, root: Path) -> tuple[str, str] | None:
    """(what is wrong, hint) if `--record-mkdocs` must not write target, else None."""
    hint = "give --record-mkdocs a new file outside the project's folders, e.g. /tmp/mkdocs-runs.json"
    folder = inside_project_folder(target, root)
    if folder is not None:
        return f"the record of the MkDocs runs would be written into the project's folder {shown(folder)}", hint
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as e:
        return f"cannot write the record of the MkDocs runs: {e.strerror}", hint
    if not stat.S_ISREG(st.st_mode):
        what = "a symbolic link" if stat.S_ISLNK(st.st_mode) else "not a regular file"
        return f"the file exists and is {what}: the record of the MkDocs runs never replaces it", hint
    if not is_record(target):
        return ("the file exists and is not a record of MkDocs runs: build.py never overwrites a file it did not "
                "make", hint)
    return None


def draft_problem(out: Path, root: Path) -> str | None:
    """What is wrong with out as a new content folder for `draft`, or None."""
    real = Path(os.path.realpath(out))
    top = root.resolve()
    if real == top or real in top.parents:
        return "is the project folder or a folder above it"
    folder = inside_project_folder(out, root)
    if folder is not None:
        return f"is inside the project's folder {shown(folder)} (its sources, code or templates)"
    if os.path.lexists(out) and not out.is_dir():
        return "exists and is not a folder"
    return None
