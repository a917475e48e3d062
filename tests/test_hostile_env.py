"""Hostile content and careless commands (issue 16, classes 5 and 6): every input a person can cause ends
in one clear message (`path:line: what is wrong`, or a plain sentence for the machine), exit code 1 (130
for Ctrl-C / SIGTERM), no traceback and site/ byte-identical; the preview (`build.py serve`) survives
failing builds, editors' atomic saves and a CLI build beside it, and answers with exact lengths and types.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import PY, ROOT, run_build, tree_digest

ABOUT_EN = "site_src/pages/en/about.md"
ABOUT_ZH = "site_src/pages/zh/about.md"
REPORT = "site_src/report.yml"
FIGURES = "site_src/figures.yml"
CHART_FIGURES = ("figures: [ecology_investment, ecology_water_investment, safety_base_investment, "
                 "safety_center_investment, branch_center_investment]\n    title")
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8))


def line_in(rel: str, text: str) -> int:
    """The line of the project's own file rel that holds text (1-based), so messages are checked at their line."""
    lines = (ROOT / rel).read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, start=1) if text in line)


def sub(project: Path, rel: str, old: str, new: str) -> None:
    text = (project / rel).read_text(encoding="utf-8")
    assert old in text, (rel, old)
    (project / rel).write_text(text.replace(old, new, 1), encoding="utf-8")


def put(project: Path, rel: str, text: str) -> None:
    (project / rel).write_text(text, encoding="utf-8")


def replace_by(project: Path, rel: str, make) -> None:
    """Replace a file by something else (a folder, a pipe, a link)."""
    (project / rel).unlink()
    make(project / rel)


def seed_of(project: Path) -> str:
    return str(next((project / "seeds").glob("000_*.txt")).relative_to(project))


# (name, how to break the project, expected message (regex), must the message carry a line number)
CASES = [
    ("alias bomb", lambda p: put(p, "site_src/units.yml", BOMB),
     r"site_src/units.yml:\d+: YAML refused: the aliases \(\*name\) expand to more than 1,000,000 values"),
    ("recursive alias (mapping)", lambda p: put(p, "site_src/units.yml", "units: &a\n  x: *a\n"),
     r"site_src/units.yml:1: YAML refused: a recursive alias"),
    ("recursive alias (list)", lambda p: put(p, "site_src/glossary.yml", "&a [*a]\n"),
     r"site_src/glossary.yml:1: YAML refused: a recursive alias"),
    ("deep flow nesting (200,000 levels: libyaml alone would crash)",
     lambda p: put(p, "site_src/units.yml", "units: " + "[" * 200_000 + "]" * 200_000 + "\n"),
     r"site_src/units.yml:1: YAML refused: lists and mappings nested more than 64 deep"),
    ("deep block nesting", lambda p: put(p, "site_src/units.yml", "".join("  " * i + f"k{i}:\n" for i in range(1500))),
     r"site_src/units.yml:65: YAML refused: lists and mappings nested more than 64 deep"),
    ("a 5000-digit number", lambda p: sub(p, REPORT, "first_published: 2026-11-28", "first_published: " + "9" * 5000),
     r"site_src/report.yml:4: malformed YAML: a number with 5000 characters is too long to read"),
    ("a 5000-digit number in front matter",
     lambda p: sub(p, ABOUT_EN, "title: About this site", "title: " + "1" * 5000),
     r"site_src/pages/en/about.md:2: malformed YAML: a number with 5000 characters"),
    ("impossible date 2026-02-30",
     lambda p: sub(p, REPORT, "first_published: 2026-11-28", "first_published: 2026-02-30"),
     r"site_src/report.yml:4: malformed YAML: '2026-02-30' is not a real date \(day is out of range for month\)"),
    ("impossible month", lambda p: sub(p, REPORT, "last_updated: 2026-11-28", "last_updated: 2026-13-01"),
     r"site_src/report.yml:5: malformed YAML: '2026-13-01' is not a real date"),
    ("empty report.yml", lambda p: put(p, REPORT, ""), r"site_src/report.yml:1: the file is empty"),
    ("empty units.yml", lambda p: put(p, "site_src/units.yml", ""), r"site_src/units.yml:1: the file is empty"),
    ("empty page", lambda p: put(p, ABOUT_EN, ""), r"site_src/pages/en/about.md:1: page has no front matter"),
    ("a folder instead of report.yml", lambda p: replace_by(p, REPORT, Path.mkdir),
     r"site_src/report.yml: file is a folder, not a regular file"),
    ("a folder instead of a page", lambda p: replace_by(p, ABOUT_EN, Path.mkdir),
     r"site_src/pages/en/about.md: page is a folder, not a regular file"),
    ("a folder instead of the seed", lambda p: replace_by(p, seed_of(p), Path.mkdir),
     r"seeds/000_\w+.txt: the article is a folder, not a regular file"),
    # tests run as root, where chmod 000 does not stop reading: an unreadable file is a dangling link
    ("unreadable data file (a dangling link)", lambda p: replace_by(p, "site_src/units.yml",
                                                                     lambda f: f.symlink_to("/nonexistent")),
     r"site_src/units.yml: file is missing \(a symbolic link to nothing\)"),
    ("unreadable page (a dangling link)", lambda p: replace_by(p, ABOUT_EN, lambda f: f.symlink_to("/nonexistent")),
     r"site_src/pages/en/about.md: page is missing \(a symbolic link to nothing\)"),
    ("/dev/zero as a data file", lambda p: replace_by(p, "site_src/units.yml", lambda f: f.symlink_to("/dev/zero")),
     r"units.yml: file is a device or other special file, not a regular file"),
    ("/dev/zero as the seed", lambda p: replace_by(p, seed_of(p), lambda f: f.symlink_to("/dev/zero")),
     r"000_\w+.txt: the article is a device or other special file"),
    ("a FIFO as figures.yml (used to hang)", lambda p: replace_by(p, "site_src/figures.yml", os.mkfifo),
     r"site_src/figures.yml: file is a pipe \(FIFO\), not a regular file"),
    ("a FIFO as a page (used to hang)", lambda p: replace_by(p, ABOUT_EN, os.mkfifo),
     r"site_src/pages/en/about.md: page is a pipe \(FIFO\)"),
    ("a stray FIFO among the pages", lambda p: os.mkfifo(p / "site_src/pages/en/zzz.md"),
     r"site_src/pages/en/zzz.md: page is a pipe \(FIFO\)"),
    ("mkdocs.yml malformed", lambda p: put(p, "mkdocs.yml", (p / "mkdocs.yml").read_text() + "\nfoo: [\n"),
     r"mkdocs.yml:20: malformed YAML"),
    ("mkdocs.yml empty", lambda p: put(p, "mkdocs.yml", ""), r"mkdocs.yml:1: the configuration is empty"),
    ("mkdocs.yml a list", lambda p: put(p, "mkdocs.yml", "- a\n- b\n"),
     r"mkdocs.yml:1: the configuration must be a mapping of keys to values, got a list"),
    ("mkdocs.yml site_url a number", lambda p: sub(p, "mkdocs.yml", "site_url: https://baiyige-report.example.org/",
                                                   "site_url: 12"),
     r"mkdocs.yml:4: 'site_url' must be text, got the number 12"),
    ("mkdocs.yml docs_dir a list", lambda p: sub(p, "mkdocs.yml", "docs_dir: docs", "docs_dir: [a, b]"),
     r"mkdocs.yml:5: 'docs_dir' must be text, got a list"),
    ("mkdocs.yml site_dir a number", lambda p: sub(p, "mkdocs.yml", "site_dir: site", "site_dir: 5"),
     r"mkdocs.yml:6: 'site_dir' must be text, got the number 5"),
    ("mkdocs.yml extra.content a number", lambda p: sub(p, "mkdocs.yml", "content: site_src ", "content: 7 "),
     r"mkdocs.yml:16: 'extra.content' must be text \(a folder\), got the number 7"),
    ("mkdocs.yml missing", lambda p: (p / "mkdocs.yml").unlink(), r"mkdocs.yml: the MkDocs configuration is missing"),
    ("mkdocs.yml an alias bomb", lambda p: put(p, "mkdocs.yml", BOMB), r"mkdocs.yml:\d+: YAML refused: the aliases"),
    ("an emoji in a title", lambda p: sub(p, ABOUT_EN, "title: About this site", "title: About this site 🎉"),
     r"site_src/pages/en/about.md:2: page en/about: the share card's font cannot draw U\+1F389 PARTY POPPER"),
    ("zero-width and direction marks in a title",
     lambda p: sub(p, ABOUT_EN, "title: About this site", 'title: "About\u200b this\u200f site"'),
     r"about.md:2: 'title' in front matter contains the invisible character U\+200B \(zero width space\)"),
    ("a CJK character beyond the font (Extension I)", lambda p: sub(p, ABOUT_ZH, "title: ", "title: \U0002EBF0"),
     r"site_src/pages/zh/about.md:2: page zh/about: the share card's font cannot draw U\+2EBF0"),
    ("an emoji in the site name", lambda p: sub(p, REPORT, "site_name: Baiyige Five-Star Party Branches",
                                                "site_name: Baiyige 🌟"),
     rf"site_src/report.yml:{line_in(REPORT, 'site_name: Baiyige Five-Star')}: page en/index: the share card's font "
     r"cannot draw U\+1F31F GLOWING STAR"),
    ("an empty title", lambda p: sub(p, ABOUT_EN, "title: About this site", 'title: ""'),
     r"site_src/pages/en/about.md:2: the page's title is empty"),
    ("a blank title", lambda p: sub(p, ABOUT_EN, "title: About this site", 'title: "   "'),
     r"site_src/pages/en/about.md:2: the page's title is empty"),
    ("a third language", lambda p: sub(p, REPORT, "languages: [zh, en]", "languages: [zh, en, fr]"),
     r"site_src/report.yml:3: language 'fr' has no interface words in templates/strings.yml \(it has zh, en\)"),
    ("manifest not JSON", lambda p: put(p, "docs/.manifest.json", "{not json"),
     r"docs/.manifest.json:1: the list of generated files is not JSON"),
    ("manifest not a mapping", lambda p: put(p, "docs/.manifest.json", "[1, 2]"),
     r"docs/.manifest.json:1: the list of generated files is not a mapping of file to fingerprint"),
    ("manifest a folder", lambda p: replace_by(p, "docs/.manifest.json", Path.mkdir),
     r"docs/.manifest.json: the list of generated files is a folder"),
    # ---- found by the red-team sweep of helper K: each was a traceback, silently accepted, or buried ----
    ("a date with a time (YAML reads a datetime)",
     lambda p: sub(p, REPORT, "last_updated: 2026-11-28", "last_updated: 2026-11-28T10:00:00"),
     r"site_src/report.yml:5: 'last_updated' must be date, got a date and time \(2026-11-28T10:00:00\): write the "
     r"date alone"),
    ("a star whose headline is a derived figure (was 'is not in figures.yml')",
     lambda p: sub(p, REPORT, "headline: industry_projects", "headline: investment_named_sum"),
     r"site_src/report.yml:\d+: star industry: headline figure 'investment_named_sum' is a derived figure, which "
     r"the article does not state"),
    ("a page named pagefind (mixed into the search index's folder)",
     lambda p: [put(p, f"site_src/pages/{lang}/pagefind.md", "---\ntitle: X\ntemplate: about\ndescription: d\n---\n"
                    "::: credits\n") for lang in ("zh", "en")],
     r"site_src/pages/zh/pagefind.md: page file name 'pagefind.md' is the name of a folder the build writes in zh/ "
     r"\(the search index\)"),
    ("a derived figure over itself (was 'unknown figure')",
     lambda p: sub(p, FIGURES, "sum: [ecology_investment,", "sum: [investment_named_sum, ecology_investment,"),
     r"site_src/figures.yml:\d+: derived figure investment_named_sum: its formula names the figure itself"),
    ("no language at all", lambda p: sub(p, REPORT, "languages: [zh, en]", "languages: []"),
     r"site_src/report.yml:3: languages lists no language"),
    ("the translation's language first", lambda p: sub(p, REPORT, "languages: [zh, en]", "languages: [en]"),
     r"site_src/report.yml:3: languages start with 'en', the seed's language, but site_src/translations/en.yml "
     r"translates into it"),
    ("a chart with no figures", lambda p: sub(p, FIGURES, CHART_FIGURES, "figures: []\n    title"),
     r"site_src/figures.yml:\d+: chart overview_investment: no figures"),
    ("a chart naming one figure twice",
     lambda p: sub(p, FIGURES, CHART_FIGURES, "figures: [ecology_investment, ecology_investment]\n    title"),
     r"site_src/figures.yml:\d+: chart overview_investment names the figure ecology_investment twice"),
    ("a relation whose total is its own part", lambda p: sub(p, FIGURES, "relations:", "relations:\n  - {id: r1, "
                                                             "total: org_office, parts: [org_office], zh: x, en: y}"),
     r"site_src/figures.yml:\d+: relation r1 names org_office twice"),
    ("a relation with no parts", lambda p: sub(p, FIGURES, "relations:", "relations:\n  - {id: r1, total: org_office, "
                                               "parts: [], zh: x, en: y}"),
     r"site_src/figures.yml:\d+: relation r1 has no parts"),
    ("a relation part that is a mapping (was a traceback)",
     lambda p: sub(p, FIGURES, "relations:", "relations:\n  - {id: r1, total: org_office, parts: [{a: b}], zh: x, "
                   "en: y}"),
     r"site_src/figures.yml:\d+: relation r1: its parts must be figure ids, got a mapping"),
    ("an empty glossary term (matched every unit)",
     lambda p: put(p, "site_src/glossary.yml", (p / "site_src/glossary.yml").read_text() + "\n- {zh: '', en: x}\n"),
     r"(?s)\A(?!.*must be translated as 'x').*site_src/glossary.yml:\d+: glossary entry: 'zh' is empty"),
    ("report.yml not UTF-8: its problem alone, no follow-on 'no stars'",
     lambda p: (p / REPORT).write_bytes((p / REPORT).read_bytes() + "\n# caf\xe9\n".encode("latin-1")),
     r"(?s)\A(?!.*shows the stars)(?!.*unknown group).*site_src/report.yml: file is not UTF-8 text"),
    ("stars a mapping: its problem alone", lambda p: sub(p, REPORT, "stars:\n", "stars: {}\nxstars:\n"),
     r"(?s)\A(?!.*unknown group)(?!.*unknown star)(?!.*stars must be a list).*site_src/report.yml:\d+: 'stars' "
     r"must be a list, got a mapping"),
]


@pytest.mark.parametrize("name,breaks,expected", CASES, ids=[c[0] for c in CASES])
def test_hostile_input_is_one_clear_message(built_project, name, breaks, expected):
    """Each input: its message, exit code 1, no traceback, site/ byte-identical, no staging folder left."""
    before = tree_digest(built_project / "site")
    breaks(built_project)
    proc = run_build(built_project, timeout=60)  # a FIFO used to hang the build: the timeout fails the test
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out[-3000:]
    assert "Traceback" not in out and "internal error" not in out, out[-3000:]
    assert re.search(expected, out), out[-3000:]
    assert "nothing was" in out
    assert tree_digest(built_project / "site") == before
    assert not [p for p in built_project.iterdir() if p.name.startswith(".site-new-")]


def test_manifest_damage_is_repaired_by_force(built_project):
    """--force (which overwrites docs/ anyway) replaces a damaged list of generated files."""
    put(built_project, "docs/.manifest.json", "{not json")
    proc = run_build(built_project, "--force")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert isinstance(json.loads((built_project / "docs/.manifest.json").read_text()), dict)


# ---- the machine: a full disk, a read-only folder, Ctrl-C and SIGTERM ------------------------------

FAIL_WRITES = """
import errno, pathlib, sys
real = pathlib.Path.write_bytes
def write_bytes(self, data):
    if ".site-new-" in str(self):
        raise OSError(errno.{err}, "{text}", str(self))
    return real(self, data)
pathlib.Path.write_bytes = write_bytes
sys.argv = ["build.py"]
sys.path.insert(0, ".")
from sitegen.commands.cli import main
sys.exit(main())
"""


@pytest.mark.parametrize("err,text,message", [
    ("ENOSPC", "No space left on device", "cannot write: the disk is full"),
    ("EROFS", "Read-only file system", "cannot write: the folder is on a read-only file system"),
    ("EACCES", "Permission denied", "cannot write: permission denied"),
])
def test_disk_full_or_read_only_is_a_sentence(built_project, err, text, message):
    """Simulated (a patched write: tests run as root, and mounting a full or read-only disk needs more): the
    error of the machine is one sentence, exit 1, site/ unchanged, the staging folder removed."""
    before = tree_digest(built_project / "site")
    sub(built_project, ABOUT_EN, "About this site", "About this site, changed")  # something to write
    proc = subprocess.run([PY, "-c", FAIL_WRITES.format(err=err, text=text)], cwd=built_project,
                          capture_output=True, text=True, timeout=120)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out[-3000:]
    assert message in out and "site is unchanged" in out, out[-3000:]
    assert "Traceback" not in out
    assert tree_digest(built_project / "site") == before
    assert not [p for p in built_project.iterdir() if p.name.startswith(".site-new-")]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_interrupted_build_says_so_and_leaves_site(built_project, sig):
    """Ctrl-C (SIGINT to the process group, as a terminal sends it) or SIGTERM during a build: exit 130,
    'interrupted; … unchanged', no traceback, site/ unchanged."""
    before = tree_digest(built_project / "site")
    for rel in (ABOUT_EN, ABOUT_ZH):  # both languages rebuild: long enough to be interrupted mid-way
        (built_project / rel).write_text((built_project / rel).read_text() + "\nMore text.\n")
    shutil.rmtree(built_project / ".cache")  # a cold build: seconds of drawing after its site is staged
    proc = subprocess.Popen([PY, "build.py"], cwd=built_project, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    deadline = time.time() + 60  # signal once the new site is being staged: the build is under way
    while not any(p.name.startswith(".site-new-") for p in built_project.iterdir()):
        assert proc.poll() is None and time.time() < deadline, "the build ended before it staged a site"
        time.sleep(0.02)
    os.killpg(proc.pid, sig) if sig == signal.SIGINT else proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, out + err
    assert "interrupted" in err and "Traceback" not in out + err, out + err
    assert tree_digest(built_project / "site") == before


# ---- the preview -----------------------------------------------------------------------------------

class Preview:
    """`build.py serve --port 0` in a project copy: its port, its output, and HTTP on 127.0.0.1."""

    def __init__(self, project: Path):
        self.project = project
        self.log_out, self.log_err = project / "serve.out", project / "serve.err"
        self.proc = subprocess.Popen([PY, "build.py", "serve", "--port", "0"], cwd=project,
                                     stdout=self.log_out.open("w"), stderr=self.log_err.open("w"),
                                     env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        deadline = time.time() + 60
        while not (m := re.search(r"previewing on http://127\.0\.0\.1:(\d+)/", self.log_out.read_text())):
            assert self.proc.poll() is None and time.time() < deadline, self.log_err.read_text()[-3000:]
            time.sleep(0.1)
        self.base = f"http://127.0.0.1:{m.group(1)}"

    def get(self, path: str) -> tuple[int, dict, bytes]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def status(self) -> dict:
        return json.loads(self.get("/__build")[2])

    def wait(self, test, what: str, timeout: float = 60) -> dict:
        deadline = time.time() + timeout
        while time.time() < deadline:
            s = self.status()
            if test(s):
                return s
            time.sleep(0.1)
        raise AssertionError(f"preview: {what} not reached; stderr: {self.log_err.read_text()[-3000:]}")

    def close(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture
def preview(built_project):
    p = Preview(built_project)
    yield p
    p.close()


def edit_title(project: Path, text: str) -> None:
    sub(project, ABOUT_EN, re.search(r"title: .*", (project / ABOUT_EN).read_text()).group(0), f"title: {text}")


def test_preview_reports_a_crashing_edit_and_recovers(preview):
    """(a) An edit that used to kill the watcher (a character the share-card font lacks): the page's status
    says the build failed with the problem (the reload script shows it as a banner), the terminal says so;
    the fix is rebuilt and served."""
    first = preview.status()
    assert first["ok"]
    edit_title(preview.project, "About this site 🎉")
    failed = preview.wait(lambda s: not s["ok"], "a failed build")
    assert failed["id"] == first["id"] and any("cannot draw U+1F389" in p for p in failed["problems"])
    assert "still serving the last good site" in preview.log_err.read_text()
    assert "Traceback" not in preview.log_err.read_text()
    script = preview.get("/__reload.js")[2]
    assert b"sitegen-build-error" in script and b"textContent" in script and b"innerHTML" not in script
    edit_title(preview.project, "About this site, fixed")
    preview.wait(lambda s: s["ok"] and s["id"] > first["id"], "a good build after the fix")
    assert b"About this site, fixed" in preview.get("/en/about/")[2]


def test_preview_survives_atomic_saves(preview):
    """(b) Editors' atomic saves: temp files appear and vanish beside the file, then one rename over it."""
    start = preview.status()["id"]
    folder = preview.project / "site_src/pages/en"
    for n, temp in enumerate((".about.md.swp", "about.md~", ".#about.md", "4913", "about.md.tmp123")):
        text = (folder / "about.md").read_text().replace(f"title: About this site{'' if n == 0 else f' v{n - 1}'}",
                                                          f"title: About this site v{n}")
        for junk in ("4913", ".about.md.swx"):  # vim's probe files: created and removed at once
            (folder / junk).write_text("x")
            (folder / junk).unlink()
        (folder / temp).write_text(text)
        os.replace(folder / temp, folder / "about.md")
        s = preview.wait(lambda s, n=n: s["id"] > start + n and s["ok"], f"a rebuild after atomic save {n}")
        assert b"About this site v%d" % n in preview.get("/en/about/")[2], s
    assert "Traceback" not in preview.log_err.read_text()


def test_preview_survives_a_cli_build_beside_it(preview):
    """(c) A CLI build into the same site while the preview rebuilds: the preview goes on rebuilding."""
    start = preview.status()["id"]
    cli = subprocess.Popen([PY, "build.py"], cwd=preview.project, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    edit_title(preview.project, "About this site, during a CLI build")
    cli.communicate(timeout=120)
    preview.wait(lambda s: s["id"] > start or not s["ok"], "the rebuild during the CLI build")
    time.sleep(0.3)
    now = preview.status()["id"]
    edit_title(preview.project, "About this site, after the CLI build")
    preview.wait(lambda s: s["id"] > now and s["ok"], "a rebuild after the CLI build")
    assert b"About this site, after the CLI build" in preview.get("/en/about/")[2]


def test_preview_answers_with_exact_lengths_and_types(preview):
    """(d) Content-Length equals the body for a 404 and for a page with the reload script injected; each file
    has its type."""
    code, headers, body = preview.get("/en/no-such-page/")
    assert code == 404 and int(headers["Content-Length"]) == len(body) and body
    code, headers, body = preview.get("/en/about/")
    assert code == 200 and int(headers["Content-Length"]) == len(body) and b"/__reload.js" in body
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    site = preview.project / "site"
    wanted = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml",
              ".png": "image/png", ".xml": "application/xml", ".json": "application/json",
              ".csv": "text/csv; charset=utf-8", ".pagefind": "application/octet-stream",
              ".pf_meta": "application/octet-stream", ".pf_fragment": "application/octet-stream"}
    for ext, ctype in wanted.items():
        f = next(p for p in sorted(site.rglob(f"*{ext}")) if p.is_file())
        code, headers, body = preview.get("/" + str(f.relative_to(site)))
        assert (code, headers["Content-Type"]) == (200, ctype), f
        assert int(headers["Content-Length"]) == len(body) == f.stat().st_size, f
    assert preview.get("/../mkdocs.yml")[0] == 404
    from sitegen.commands.serve import content_type
    assert content_type("x.wasm") == "application/wasm" and content_type("en_1a2b.pf_index") == \
        "application/octet-stream"


# ---- the preview's pieces, in-process ------------------------------------------------------------

def test_rebuild_reports_a_bug_and_keeps_going(monkeypatch, capsys, tmp_path):
    """An unexpected exception in a rebuild is printed with its traceback as an internal error and shown on
    the page; the next good build clears it."""
    from sitegen.commands import serve

    state = serve.State()
    monkeypatch.setattr(serve, "build_site", lambda paths: (_ for _ in ()).throw(FileNotFoundError("gone")))
    assert serve.rebuild(None, state) is False
    assert not state.ok and "internal error" in state.problems[0] and "FileNotFoundError: gone" in state.problems[0]
    assert "Traceback" in capsys.readouterr().err
    monkeypatch.setattr(serve, "build_site", lambda paths: {"pages": 1})
    assert serve.rebuild(None, state) is True
    assert state.ok and state.problems == [] and state.build_id == 1


def test_watcher_ignores_editor_temp_files_and_vanishing_files(tmp_path, monkeypatch):
    """Editor temp files are no change; a file gone between listing and stat is skipped; output and
    staging folders are never watched; an exception in one round does not end the watching."""
    from sitegen.commands import serve

    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a.yml").write_text("a")
    base = serve.snapshot([src])
    for junk in (".a.yml.swp", "a.yml~", ".#a.yml", "4913", "a.yml.tmp"):
        (src / junk).write_text("x")
    (src / "dangling.yml").symlink_to(tmp_path / "nowhere")
    (src / ".site-new-x").mkdir()
    (src / ".site-new-x" / "share.png").write_text("x")
    (src / "site").mkdir()
    (src / "site" / "index.html").write_text("x")
    assert serve.snapshot([src], skip=(src / "site",)) == base
    real_stat = os.stat
    monkeypatch.setattr(serve.os, "stat", lambda p, *a, **k: (_ for _ in ()).throw(FileNotFoundError(p))
                        if str(p).endswith("a.yml") else real_stat(p, *a, **k))
    assert str(src / "a.yml") not in serve.snapshot([src])  # vanished between listing and stat
    monkeypatch.undo()

    calls, rounds = [], {"n": 0}

    def flaky(folders, files=(), skip=()):
        rounds["n"] += 1
        if rounds["n"] == 2:
            raise RuntimeError("one bad round")
        return {"round": min(rounds["n"], 4)}
    monkeypatch.setattr(serve, "snapshot", flaky)
    monkeypatch.setattr(serve, "rebuild", lambda paths, state: calls.append(1))
    from sitegen.read.paths import Paths
    paths = Paths(tmp_path, src, src, tmp_path / "docs", tmp_path / "site", tmp_path / "mkdocs.yml")
    stop = threading.Event()
    t = threading.Thread(target=serve.watch, args=(paths, serve.State(), 0.01, stop), daemon=True)
    t.start()
    deadline = time.time() + 10
    while rounds["n"] < 8 and time.time() < deadline:
        time.sleep(0.01)
    stop.set()
    t.join(5)
    assert rounds["n"] >= 8 and calls, (rounds, calls)  # it went on after the bad round and rebuilt


# ---- careless commands (helper K's sweep): each was a traceback, a silent no-op, or a write into a site ----
EN_YML = "site_src/translations/en.yml"
COMMANDS = [
    ("stamp a language the report is not translated into", lambda p: None, ["stamp", "fr"],
     r"site_src/report.yml: 'fr' is not a language this report is translated into \(its translations: en\); "
     r"nothing was stamped"),
    ("stamp the seed's own language", lambda p: None, ["stamp", "zh"],
     r"'zh' is not a language this report is translated into"),
    ("stamp a malformed translation file (claimed success)", lambda p: put(p, EN_YML, "a: [\n"), ["stamp", "en"],
     r"site_src/translations/en.yml: no entry 'title:' \(at the start of a line\) for unit\(s\) title, .*nothing "
     r"was stamped"),
    ("stamp a translation file that is not UTF-8", lambda p: (p / EN_YML).write_bytes(b"\xff\xfe\x00a"),
     ["stamp", "en"], r"site_src/translations/en.yml: not UTF-8 text; nothing was stamped"),
    ("stamp with the translation file missing", lambda p: (p / EN_YML).unlink(), ["stamp", "en"],
     r"site_src/translations/en.yml: the translation file is missing; nothing was stamped"),
    ("--content the project folder", lambda p: None, ["--content", "."],
     r"(?s)\A(?!.*overlaps).*: this is not a content folder: it has no report.yml\n.*\n1 problem;"),
    ("--content the folder above the project (was searched for TODO: file by file)", lambda p: None,
     ["--content", ".."], r"(?s)\A(?!.*placeholder).*: this is not a content folder: it has no report.yml"),
    ("--content / (was a traceback after searching the whole disk)", lambda p: None, ["--content", "/"],
     r"/: this is not a content folder: it has no report.yml"),
    ("--out inside the built site/", lambda p: None, ["--out", "site/sub"],
     r"site/sub: the output folder is inside the site .*/site: it would be published with that site"),
]


@pytest.mark.parametrize("name,breaks,args,expected", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_careless_command_is_one_clear_sentence(built_project, name, breaks, args, expected):
    """Each command: its sentence, exit code 1, no traceback, site/ and the translation file as they were."""
    breaks(built_project)
    before = tree_digest(built_project / "site")
    en = (built_project / EN_YML).read_bytes() if (built_project / EN_YML).exists() else None
    proc = run_build(built_project, *args, timeout=60)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out[-3000:]
    assert "Traceback" not in out and "internal error" not in out, out[-3000:]
    assert re.search(expected, out), out[-3000:]
    assert tree_digest(built_project / "site") == before
    assert ((built_project / EN_YML).read_bytes() if (built_project / EN_YML).exists() else None) == en


def test_preview_on_a_busy_port_says_so_at_once(built_project):
    """build.py serve on a port another program holds: one sentence, exit 1, before any build."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        before = tree_digest(built_project / "site")
        proc = run_build(built_project, "serve", "--port", str(port), timeout=60)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert f"cannot preview on 127.0.0.1 port {port}: the port is in use" in proc.stderr
    assert "Traceback" not in proc.stderr and "built" not in proc.stdout
    assert tree_digest(built_project / "site") == before
    bad = run_build(built_project, "serve", "--port", "99999", timeout=60)
    assert bad.returncode == 1 and "a port is a number from 0 to 65535" in bad.stderr
