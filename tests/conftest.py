"""Shared fixtures: one build of the real project per session; throw-away project copies for bad input."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `pytest` run as a command puts only tests/ on the path
    sys.path.insert(0, str(ROOT))
from sitegen.devtools import copy_project  # noqa: E402  (test modules import it from here)

PY = sys.executable


def run_build(project: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run build.py of a project folder; returns the finished process (text output)."""
    return subprocess.run([PY, str(project / "build.py"), *args], cwd=project, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def build_here(project: Path, *args: str) -> subprocess.CompletedProcess:
    """What run_build(project, *args) does, in this process: the generator is imported once for the whole suite
    instead of once per build (about 0.4 s each). Its output and exit status come back as a finished process,
    with `.effects`: the build's Recorder (sitegen/effects.py), its messages and every change it made to docs/
    and site/ (`.effects.lasting()`: those still in effect). Only for projects whose code is this checkout's (a
    test that edits a copy's sitegen/ must run_build it)."""
    import contextlib
    import io
    import signal

    from sitegen.commands.cli import main
    from sitegen.effects import Recorder, to_stderr

    out, err = io.StringIO(), io.StringIO()
    effects = Recorder(echo=to_stderr)  # to_stderr finds sys.stderr when called: the redirected one
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    here = os.getcwd()
    os.chdir(project)   # relative paths (--content, --out) and the places in messages are the project's
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args), root=project, effects=effects)
    finally:
        os.chdir(here)
        for s, handler in handlers.items():
            signal.signal(s, handler)
    proc = subprocess.CompletedProcess(["build.py", *args], code, out.getvalue(), err.getvalue())
    proc.effects = effects
    return proc


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project built once into a temporary folder (site/ of the checkout is left alone)."""
    out = tmp_path_factory.mktemp("built") / "site"
    proc = run_build(ROOT, "--out", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


@pytest.fixture(scope="session")
def _built_once(tmp_path_factory) -> Path:
    """One copy of the project, built once per session; tests get copies of it (a build is seconds)."""
    dst = copy_project(tmp_path_factory.mktemp("template") / "project")
    proc = run_build(dst)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return dst


@pytest.fixture
def project(tmp_path, _built_once) -> Path:
    """A private copy of the project (content, templates, code, warm cache) that a test may break."""
    return copy_project(tmp_path / "project", cache=_built_once / ".cache")


@pytest.fixture
def sources(tmp_path) -> Path:
    """The project's sources alone (configuration, seeds, content, templates: about 0.03 s to copy; no code, no
    cache, no site), for a build in this process (build_here) that is to fail: it needs nothing else."""
    return copy_project(tmp_path / "project", code=False)


TINY = ROOT / "tests" / "fixtures" / "qualifiers"  # a report of 18 small files: a 13-line article, one star


def tiny_tree(dst: Path, edits: dict | None = None) -> Path:
    """The tiny report (tests/fixtures/qualifiers) as a project of its own in dst, with the checkout's templates
    and no code (for build_here), after the edits given inline: file -> its new text, (old, new) to replace the
    first old (which must be there), or None to delete the file."""
    shutil.copytree(TINY, dst, ignore=shutil.ignore_patterns("docs", "site", ".cache"))
    shutil.copytree(ROOT / "templates", dst / "templates")
    (dst / "docs").mkdir(exist_ok=True)
    (dst / "tools").symlink_to(ROOT / "tools")
    config = dst / "mkdocs.yml"  # the theme of the templates copied beside it
    config.write_text(config.read_text(encoding="utf-8").replace("../../../templates/theme", "templates/theme"),
                      encoding="utf-8")
    for rel, edit in (edits or {}).items():
        f = dst / rel
        if edit is None:
            f.unlink()
        elif isinstance(edit, tuple):
            text = f.read_text(encoding="utf-8")
            assert edit[0] in text, f"{rel} no longer contains {edit[0]!r}: the test needs updating"
            f.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
        else:
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(edit, encoding="utf-8")
    return dst


@pytest.fixture
def built_project(tmp_path, _built_once) -> Path:
    """A project copy with its site/ and docs/ already built, to check failures leave it intact."""
    dst = tmp_path / "project"
    shutil.copytree(_built_once, dst, symlinks=True)
    return dst


def tree_digest(folder: Path) -> dict[str, bytes]:
    """Every file of a folder and its bytes (to compare a site before and after)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---- quality gates (test_browser.py, test_validators.py): one server, one browser per session -----
import checkers  # noqa: E402  (tests/ is on sys.path: pytest's default "prepend" import mode)


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """ONE `python -m http.server` on a free 127.0.0.1 port over built_site; its base URL (no slash)."""
    with checkers.serve(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def chromium():
    """ONE Debian Chromium (/usr/bin/chromium) driven by Playwright, launched once per session."""
    checkers.need_tool("playwright (Python package)", checkers.have_playwright(),
                       "pip install -r requirements-test.txt; never let Playwright download its own browser")
    checkers.need_tool(f"chromium at {checkers.CHROMIUM}", checkers.CHROMIUM.is_file(),
                       "apt-get install chromium")
    from playwright.sync_api import sync_playwright
    pw = sync_playwright().start()
    try:
        browser = checkers.launch_chromium(pw)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        pw.stop()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core (tests/tools/node_modules/axe-core/axe.min.js), to inject into pages."""
    checkers.need_tool(f"axe-core ({checkers.AXE_JS.relative_to(ROOT)})", checkers.AXE_JS.is_file(),
                       "npm ci --prefix tests/tools")
    return checkers.AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    """The Nu Html Checker (tests/tools/node_modules/vnu-jar/build/dist/vnu.jar) and a java to run it."""
    checkers.need_tool("java", checkers.have_java(), "apt-get install default-jre-headless")
    checkers.need_tool(f"vnu.jar ({checkers.VNU_JAR.relative_to(ROOT)})", checkers.VNU_JAR.is_file(),
                       "npm ci --prefix tests/tools")
    return checkers.VNU_JAR


@pytest.fixture(scope="session")
def broken_site() -> Path:
    """tests/fixtures/broken/: a tiny site with one known defect per gate (every gate must fail on it)."""
    return checkers.BROKEN_SITE


@pytest.fixture(scope="session")
def report2_site(tmp_path_factory) -> Path:
    """tests/fixtures/report2 built once, as test_second_report.py builds it: in a project copy, with its own content
    folder and address; its site folder (read only: the picture and card tests share it)."""
    base = tmp_path_factory.mktemp("report2-site")
    project = copy_project(base / "project")
    shutil.copytree(ROOT / "tests" / "fixtures" / "report2", project / "tests" / "fixtures" / "report2",
                    ignore=shutil.ignore_patterns("__pycache__", "docs", "site"))
    out = base / "site"
    proc = build_here(project, "--content", str(project / "tests" / "fixtures" / "report2" / "site_src"),
                      "--out", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def build_example_portal(project: Path) -> Path:
    """The project's sources at project with the fictional report2 and portal.example.yml, the example portal built
    (build.py portal portal.example.yml); project."""
    copy_project(project, code=False)
    shutil.copytree(ROOT / "tests" / "fixtures" / "report2", project / "tests" / "fixtures" / "report2",
                    ignore=shutil.ignore_patterns("site", "docs", ".cache"))
    shutil.copy2(ROOT / "portal.example.yml", project / "portal.example.yml")
    proc = build_here(project, "portal", "portal.example.yml")
    assert proc.returncode == 0, proc.stderr
    assert "built a portal of 2 reports" in proc.stdout
    return project
