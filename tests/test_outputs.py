"""One owner per output folder (issue 24, class 3): a build's stage belongs to its output folder (named after it,
cleared only by a build holding that folder's lock), so two checkouts publishing into sibling folders never take
each other's; builds aimed at one folder wait; a stage that disappears during a build is never published; two
reports never name the same output; and the commands that write a file of their own never write into the
project's sources, code, templates or .git, nor over a file they did not make."""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from test_addresses import add_second_report

from conftest import PY, ROOT, build_here, run_build, tree_digest

ENV = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def start(project: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([PY, str(project / "build.py"), *args], cwd=project, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=ENV)


def files_of(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()}


# ---- two checkouts publishing into sibling folders -------------------------------------------------

def test_two_checkouts_publishing_into_sibling_folders_never_touch_each_other(project, tmp_path):
    """20 rounds of two checkouts building at once into /…/x/a and /…/x/b (they used to delete each other's stage
    folder: 4 of 10 rounds published a partial site with exit 0). Every round both succeed, and every site, the
    one published and the one it replaced, is whole: the same files as a build alone."""
    other = tmp_path / "checkout-2"
    shutil.copytree(project, other, symlinks=True)
    x = tmp_path / "x"
    a, b = x / "a", x / "b"
    assert run_build(project, "--out", str(a)).returncode == 0
    assert run_build(other, "--out", str(b)).returncode == 0
    whole = files_of(a)
    assert files_of(b) == whole and len(whole) > 300
    watching, seen = True, []

    def watch() -> None:  # between and during the rounds: a published site is never partial
        while watching:
            for site in (a, b):
                with contextlib.suppress(OSError):
                    if (site / "index.html").is_file() and not (site / "en" / "index.html").is_file():
                        seen.append(f"{site}: a site without its English pages")
            time.sleep(0.01)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        for n in range(20):
            first, second = start(project, "--out", str(a)), start(other, "--out", str(b))
            for proc, site in ((first, a), (second, b)):
                out, err = proc.communicate(timeout=300)
                assert proc.returncode == 0, f"round {n}: {err[-3000:]}"
                assert files_of(site) == whole, f"round {n}: {site} is not whole: " \
                    f"{len(files_of(site))} of {len(whole)} files"
            assert not [p.name for p in x.iterdir() if p.name.startswith((".site-new-", ".site-old-"))]
    finally:
        watching = False
        watcher.join(5)
    assert not seen, seen[:5]


def test_two_builds_aimed_at_one_folder_wait_for_each_other(project, tmp_path):
    """Two checkouts of one report building into the same folder: the second waits for the first (and says so);
    both succeed and the site is whole."""
    other = tmp_path / "checkout-2"
    shutil.copytree(project, other, symlinks=True)
    out = tmp_path / "www" / "report"
    shutil.rmtree(project / ".cache")  # a cold build: seconds, so the second surely starts meanwhile
    first = start(project, "--out", str(out))
    deadline = time.monotonic() + 60
    while not (out.parent.is_dir() and list(out.parent.glob(".site-new-report-*"))):
        assert first.poll() is None and time.monotonic() < deadline, first.communicate()[1][-2000:]
        time.sleep(0.02)
    second = start(other, "--out", str(out))
    err1, err2 = first.communicate(timeout=300)[1], second.communicate(timeout=300)[1]
    assert first.returncode == 0 and second.returncode == 0, err1[-2000:] + err2[-2000:]
    assert f"another build is publishing into {out} (pid {first.pid}), waiting…" in err2
    assert (out / "en" / "index.html").is_file() and (out / "zh" / "pagefind" / "pagefind.js").is_file()


# ---- a stage that disappears ---------------------------------------------------------------------

def build_with(project: Path, effects, *args: str):
    """build_here with effects of the test's own (a Recorder whose methods misbehave)."""
    import io
    import signal

    from sitegen.commands.cli import main

    err = io.StringIO()
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    here = os.getcwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            code = main(list(args), root=project, effects=effects)
    finally:
        os.chdir(here)
        for s, handler in handlers.items():
            signal.signal(s, handler)
    return code, err.getvalue()


@pytest.mark.parametrize("when,what", [
    ("sitemap.xml", "the whole stage, after MkDocs and Pagefind wrote into it"),
    ("_headers", "the whole stage, just before it is published"),
    ("robots.txt", "one language's pages"),
])
def test_a_stage_that_disappears_during_the_build_is_never_published(built_project, when, what):
    """Another program deletes the stage (or part of it) while the build runs: the later writes would make a new,
    partial stage (it used to be published: 7 partial sites in 25 rounds, and after one of 44 files every later
    build refused to replace site/). The build fails, site/ is byte-identical, and the next build succeeds."""
    from sitegen.effects import Recorder

    class Deleting(Recorder):
        def write(self, path, data, atomic=False, parents=True):
            if Path(path).name == when and ".site-new-" in str(path):
                stage = next(p for p in Path(path).parents if p.name.startswith(".site-new-"))
                shutil.rmtree(stage / "en" if when == "robots.txt" else stage)
            super().write(path, data, atomic, parents)

    before = tree_digest(built_project / "site")
    (built_project / "site_src/pages/en/about.md").write_text(
        (built_project / "site_src/pages/en/about.md").read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    code, err = build_with(built_project, Deleting(), "--no-pages-cache")
    assert code == 1, err[-3000:]
    assert re.search(r"the staged site (was removed during the build|lost \d+ of its files during the build)", err), \
        err[-3000:]
    assert "Traceback" not in err
    assert tree_digest(built_project / "site") == before
    assert not [p for p in built_project.iterdir() if p.name.startswith(".site-new-")]
    assert build_here(built_project).returncode == 0


# ---- two reports, one output ---------------------------------------------------------------------

def copy_report(project: Path, src: str, dst: str, site_url: str) -> Path:
    """A report copied the way an editor starts the next one: its folder copied, its address changed, its
    publish.output (the other report's!) left as it was."""
    shutil.copytree(project / src, project / dst)
    f = project / dst / "report.yml"
    text = f.read_text(encoding="utf-8")
    old = re.search(r"site_url: (\S+)", text.split("publish:", 1)[1]).group(1)
    f.write_text(text.replace(f"site_url: {old}", f"site_url: {site_url}", 1), encoding="utf-8")
    return project / dst


def test_a_copied_report_never_replaces_the_site_of_the_report_it_was_copied_from(project):
    """site_src-xingfuli publishes into site-xingfuli; its copy site_src-copy, with an address of its own but
    the same publish.output, is refused (it used to replace the first report's site silently)."""
    add_second_report(project, output="site-xingfuli")
    assert build_here(project, "--content", "site_src-xingfuli").returncode == 0
    before = tree_digest(project / "site-xingfuli")
    copy_report(project, "site_src-xingfuli", "site_src-copy", "https://copy.example.net/")
    proc = build_here(project, "--content", "site_src-copy")
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert re.search(r"site_src-copy/report.yml:\d+: the output folder site-xingfuli is also the output of the "
                     r"report in site_src-xingfuli", proc.stderr), proc.stderr[-2000:]
    assert tree_digest(project / "site-xingfuli") == before
    # the default report aimed at that output with --out is refused the same way
    proc = build_here(project, "--out", "site-xingfuli")
    assert proc.returncode == 1 and "is also the output of the report in site_src-xingfuli" in proc.stderr
    assert tree_digest(project / "site-xingfuli") == before


def test_a_report_elsewhere_never_replaces_another_reports_site(project, tmp_path):
    """A report from outside the project aimed with --out at a site another report built: the site names its
    report (.sitegen-site: its address), so the build refuses; the same report (same address) may rebuild it."""
    add_second_report(project, output="site-xingfuli")
    assert build_here(project, "--content", "site_src-xingfuli").returncode == 0
    assert "https://xingfuli.example.net/report/" in (project / "site-xingfuli/.sitegen-site").read_text()
    before = tree_digest(project / "site-xingfuli")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copytree(project / "seeds", elsewhere / "seeds")
    content = copy_report(project, "site_src-xingfuli", "site_src-other", "https://other.example.net/")
    shutil.move(content, elsewhere / "site_src-other")
    proc = build_here(project, "--content", str(elsewhere / "site_src-other"), "--out", "site-xingfuli")
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "the output folder is the site of another report (https://xingfuli.example.net/report/)" in proc.stderr
    assert tree_digest(project / "site-xingfuli") == before
    # its own address changed in its own folder: the project's records say this report built it, so it may
    f = project / "site_src-xingfuli/report.yml"
    f.write_text(f.read_text(encoding="utf-8").replace("https://xingfuli.example.net/report/",
                                                       "https://xingfuli.example.org/"), encoding="utf-8")
    proc = build_here(project, "--content", "site_src-xingfuli")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "https://xingfuli.example.org/" in (project / "site-xingfuli/.sitegen-site").read_text()


# ---- commands that write a file of their own ----------------------------------------------------

@pytest.mark.parametrize("target,why", [
    ("site_src/report.yml", "the project's folder site_src"),
    ("seeds/000_7d6fa804764c86b5.txt", "the project's folder seeds"),
    ("templates/runs.json", "the project's folder templates"),
    ("sitegen/runs.json", "the project's folder sitegen"),
    (".git/runs.json", "the project's folder .git"),
    ("mkdocs.yml", "the file exists and is not a record of MkDocs runs"),
    ("README.md", "the file exists and is not a record of MkDocs runs"),
])
def test_record_mkdocs_never_writes_into_the_project_or_over_another_file(built_project, target, why):
    p = built_project
    (p / ".git").mkdir(exist_ok=True)
    (p / "README.md").write_text("# notes\n", encoding="utf-8")
    before = {f: (p / f).read_bytes() for f in ("site_src/report.yml", "mkdocs.yml", "README.md")}
    site = tree_digest(p / "site")
    proc = build_here(p, "--record-mkdocs", target)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert why in proc.stderr and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert {f: (p / f).read_bytes() for f in before} == before
    assert not (p / target).exists() or target in before or target.startswith("seeds")
    assert tree_digest(p / "site") == site


def test_record_mkdocs_replaces_its_own_record_and_never_follows_a_link(built_project, tmp_path):
    p = built_project
    record = tmp_path / "runs.json"
    assert build_here(p, "--no-pages-cache", "--record-mkdocs", str(record)).returncode == 0
    assert {r["lang"] for r in json.loads(record.read_text())} == {"zh", "en"}
    assert build_here(p, "--no-pages-cache", "--record-mkdocs", str(record)).returncode == 0  # its own: replaced
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    (tmp_path / "link.json").symlink_to(victim)
    proc = build_here(p, "--record-mkdocs", str(tmp_path / "link.json"))
    assert proc.returncode == 1 and "is a symbolic link" in proc.stderr
    assert victim.read_text() == "keep me\n"


SEED = "seeds/000_7d6fa804764c86b5.txt"


@pytest.mark.parametrize("out,why", [
    ("templates/new", "is inside the project's folder templates"),
    ("sitegen/new", "is inside the project's folder sitegen"),
    (".git/new", "is inside the project's folder .git"),
    ("seeds/new", "is inside the project's folder seeds"),
    ("site_src/pages/new", "is inside the project's folder site_src"),
    ("..", "exists and is not empty"),
    ("mkdocs.yml", "exists and is not a folder"),
])
def test_draft_never_writes_into_the_project_or_a_file(project, out, why):
    (project / ".git").mkdir(exist_ok=True)
    before = {str(f) for f in project.rglob("*")}
    proc = build_here(project, "draft", SEED, out)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert why in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert {str(f) for f in project.rglob("*")} == before


def test_draft_into_a_read_only_folder_is_a_sentence(project, tmp_path, monkeypatch):
    """A folder the draft cannot write (tests run as root, so the file system's refusal is simulated)."""
    import errno

    real = Path.mkdir

    def refused(self, *args, **kwargs):
        if "site_src-ro" in str(self):
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", refused)
    proc = build_here(project, "draft", SEED, str(tmp_path / "site_src-ro"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "cannot write the draft: Read-only file system" in proc.stderr


def test_stamp_on_a_read_only_translation_is_a_sentence(built_project):
    p = built_project
    en = p / "site_src/translations/en.yml"
    before = en.read_bytes()
    en.chmod(0o444)
    try:
        proc = build_here(p, "stamp", "en")
    finally:
        en.chmod(0o644)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "site_src/translations/en.yml: cannot write it: the file is read-only; nothing was stamped" in \
        proc.stderr.replace(str(p) + "/", "")
    assert en.read_bytes() == before


def test_the_builds_own_files_never_leave_the_project_by_a_link(built_project, tmp_path):
    """stamp writes the translation beside itself and renames it over (a link inside the content folder is
    written at its target; a link out is refused before anything is read)."""
    p = built_project
    en = p / "site_src/translations/en.yml"
    outside = tmp_path / "en.yml"
    shutil.move(en, outside)
    en.symlink_to(outside)
    proc = build_here(p, "stamp", "en")
    assert proc.returncode == 1 and "is a symbolic link to" in proc.stderr, proc.stderr
    assert outside.read_bytes() == (ROOT / "site_src/translations/en.yml").read_bytes()
