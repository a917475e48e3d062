"""Shared fixtures: one build of the real project per session; throw-away project copies for bad input."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
COPY = ("build.py", "mkdocs.yml", "seeds", "site_src", "templates", "sitegen")


def run_build(project: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run build.py of a project folder; returns the finished process (text output)."""
    return subprocess.run([PY, str(project / "build.py"), *args], cwd=project, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project built once into a temporary folder (site/ of the checkout is left alone)."""
    out = tmp_path_factory.mktemp("built") / "site"
    proc = run_build(ROOT, "--out", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


@pytest.fixture
def project(tmp_path) -> Path:
    """A private copy of the project (content, templates, code) that a test may break."""
    dst = tmp_path / "project"
    dst.mkdir()
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dst / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dst / name)
    (dst / "docs").mkdir()
    return dst


@pytest.fixture
def built_project(project) -> Path:
    """A project copy that has been built once (its site/ exists), to check failures leave it intact."""
    proc = run_build(project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return project


def tree_digest(folder: Path) -> dict[str, bytes]:
    """Every file of a folder and its bytes (to compare a site before and after)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
