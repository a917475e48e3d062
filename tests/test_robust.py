"""Build robustness: the published site is swapped in whole or not at all (even under kill -9), failed
builds leave nothing behind, builds are reproducible and never write into their sources, the dates
come from site_src/ (not the clock), docs/ hand edits are refused, and a huge seed fails cleanly.

Every test works on a private copy of the project (`project` / `built_project` from conftest.py).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import random
import re
import shutil
import signal
import subprocess
import textwrap
import time
from pathlib import Path

import pytest

from conftest import PY, run_build, tree_digest

ABOUT_EN = "site_src/pages/en/about.md"
ABOUT_WORDS = ("comes from one newspaper review article", "comes from a single newspaper review article")
REPORT = "site_src/report.yml"
SOURCES = ("seeds", "site_src", "templates")
ENV = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
KILL_SEED = 20261128  # fixed: the kill delays are the same on every run (they are printed)


# ---- helpers -------------------------------------------------------------------------------------

def read(project: Path, rel: str) -> str:
    return (project / rel).read_bytes().decode("utf-8")


def write(project: Path, rel: str, text: str) -> None:
    (project / rel).write_bytes(text.encode("utf-8"))


def tree_meta(folder: Path) -> dict[str, tuple[str, int, bytes | None]]:
    """Every entry of a folder: kind, permission bits and (for files) bytes."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = str(p.relative_to(folder))
        if p.is_symlink():
            out[rel] = ("link", 0, os.readlink(p).encode())
        elif p.is_dir():
            out[rel] = ("dir", p.stat().st_mode & 0o7777, None)
        else:
            out[rel] = ("file", p.stat().st_mode & 0o7777, p.read_bytes())
    return out


def sources_snapshot(project: Path) -> dict[str, tuple]:
    """seeds/, site_src/, templates/: every entry with its bytes, mode and modification time."""
    out = {}
    for name in SOURCES:
        root = project / name
        out[name] = ("dir", root.stat().st_mode, root.stat().st_mtime_ns)
        for p in sorted(root.rglob("*")):
            st = p.lstat()
            out[str(p.relative_to(project))] = (p.read_bytes() if p.is_file() else None, st.st_mode, st.st_mtime_ns)
    return out


def leftovers(folder: Path) -> list[str]:
    """Staging folders of an unfinished or failed build beside the output folder."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".site-new-", ".site-old-")))


def differing(a: dict, b: dict, limit: int = 8) -> list[str]:
    """The keys whose values differ between two digests (a few, for messages)."""
    keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    return keys[:limit] + ([f"... {len(keys) - limit} more"] if len(keys) > limit else [])


def set_report_dates(project: Path, first: str | None = None, last: str | None = None) -> None:
    text = read(project, REPORT)
    for key, value in (("first_published", first), ("last_updated", last)):
        if value is not None:
            text, n = re.subn(rf"(?m)^{key}:.*$", f"{key}: {value}", text)
            assert n == 1, f"{REPORT} has no single '{key}:' line: the test needs updating"
    write(project, REPORT, text)


def seed_path(project: Path) -> Path:
    m = re.search(r"(?m)^seed:\s*(\S+)", read(project, REPORT))
    assert m, f"no 'seed:' in {REPORT}"
    return project / m.group(1)


def assert_clean_failure(proc: subprocess.CompletedProcess) -> None:
    assert proc.returncode == 1, f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr[-3000:]}"
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert re.search(r"^\d+ problems?; nothing was published, .+ is unchanged\.$", proc.stderr, re.M), \
        proc.stderr[-3000:]


# ---- 1. atomic under kill -9 ---------------------------------------------------------------------

def test_kill_9_leaves_the_old_or_the_new_site_never_a_mixture(built_project, tmp_path):
    p = built_project
    site = p / "site"
    text_a = read(p, ABOUT_EN)
    assert ABOUT_WORDS[0] in text_a, f"{ABOUT_EN} changed: the test needs updating"
    states = {"A": text_a, "B": text_a.replace(*ABOUT_WORDS, 1)}

    # reference sites: A is the built copy's site/; B from one in-place build A -> B. Then back to A (the
    # same site as before: rebuilding is reproducible). Both in-place builds are timed: one full build.
    refs, durations = {"A": tree_digest(site)}, []
    for name in ("B", "A"):
        write(p, ABOUT_EN, states[name])
        t0 = time.monotonic()
        proc = run_build(p)
        durations.append(time.monotonic() - t0)
        assert proc.returncode == 0, proc.stderr[-3000:]
        refs.setdefault(name, tree_digest(site))
    assert refs["A"] != refs["B"], "the two content states must give different sites"
    assert tree_digest(site) == refs["A"], "rebuilding content A must give the same site A again"
    full = max(durations)
    print(f"\none full build: {full:.2f} s; kill delays drawn with random.Random({KILL_SEED})")

    rng = random.Random(KILL_SEED)
    current, seen = "A", {"old": 0, "new": 0}
    for i in range(20):
        before = current
        name = "B" if before == "A" else "A"  # always the other state: every kill interrupts a real change
        write(p, ABOUT_EN, states[name])
        delay = rng.uniform(0, full)
        proc = subprocess.Popen([PY, str(p / "build.py")], cwd=p, env=ENV, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        proc.kill()  # SIGKILL to the build process (a no-op when it has already finished)
        rc = proc.wait()
        assert site.is_dir(), f"kill {i} after {delay:.3f} s: site/ is missing"
        got = tree_digest(site)
        # the build's own helpers (e.g. the search indexer) would outlive it as orphans: end them
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        if got == refs[current]:
            outcome = "old"
        elif got == refs[name]:
            outcome, current = "new", name
        else:
            pytest.fail(f"kill {i} after {delay:.3f} s (exit {rc}): site/ is neither the old site nor the complete "
                        f"new one; differs from old in {differing(refs[current], got)}, "
                        f"from new in {differing(refs[name], got)}")
        seen[outcome] += 1
        print(f"kill {i:2d}: {before} -> {name}, "
              f"delay {delay:.3f} s, exit {rc}, site/ = {outcome}")
    print(f"outcomes: {seen}")

    write(p, ABOUT_EN, states["A"])
    proc = run_build(p)
    assert proc.returncode == 0, f"a normal build after the kills failed:\n{proc.stderr[-3000:]}"
    assert tree_digest(site) == refs["A"]
    assert leftovers(p) == [], "a normal build must remove the stages of killed builds"
    assert leftovers(tmp_path) == []


# Deterministic kills at the critical instants: the build is run with Effects (sitegen/effects.py) that call
# os._exit(137) (what SIGKILL does: no cleanup, no finally) at one chosen point.
KILL_HOOK = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    project, point = Path(sys.argv[1]), sys.argv[2]
    sys.path.insert(0, str(project))
    from sitegen.commands.cli import main
    from sitegen.effects import Effects
    from sitegen.read.paths import MANIFEST

    def die():
        sys.stdout.flush(); sys.stderr.flush()
        os._exit(137)

    class Dying(Effects):  # the build's own effects, with a death at one point (sitegen/effects.py)
        docs = (project / "docs").resolve()
        writes = 0

        def write(self, path, data, atomic=False, parents=True):
            if point in ("docs-first", "docs-manifest") and self.docs in Path(path).resolve().parents:
                if point == "docs-manifest" and Path(path).name == MANIFEST:
                    die()  # every page of docs/ written, the manifest not yet
                super().write(path, data, atomic, parents)
                Dying.writes += 1
                if point == "docs-first" and Dying.writes == 1:
                    die()  # one page of docs/ rewritten, the rest and the manifest not
                return
            super().write(path, data, atomic, parents)

        def exchange(self, a, b):
            if point == "between-renames":
                return False  # a system without renameat2: the fallback
            if super().exchange(a, b):
                if point == "after-exchange":
                    die()  # new site in place, the old one still in the stage folder
                return True
            return False

        def rename(self, src, dst):
            super().rename(src, dst)
            if point == "between-renames" and Path(dst).name.startswith(".site-old-"):
                die()  # site/ moved aside, the new one not yet in place

    sys.exit(main(sys.argv[3:], root=project, effects=Dying()))
""")



@pytest.mark.parametrize("point", ["docs-first", "docs-manifest", "after-exchange", "between-renames"])
def test_kill_at_a_critical_instant_is_recovered_by_the_next_build(built_project, tmp_path, point):
    p = built_project
    site = p / "site"
    old = tree_digest(site)
    write(p, ABOUT_EN, read(p, ABOUT_EN).replace(*ABOUT_WORDS, 1))
    hook = tmp_path / "kill_hook.py"
    hook.write_text(KILL_HOOK, encoding="utf-8")

    proc = subprocess.run([PY, str(hook), str(p), point], cwd=p, env=ENV, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 137, f"the kill point {point!r} was never reached (exit {proc.returncode}): " \
                                   f"the test needs updating\n{proc.stderr[-2000:]}"
    olds = [x for x in leftovers(p) if x.startswith(".site-old-")]
    after_kill = tree_digest(site) if site.exists() else None
    if point == "between-renames":  # the fallback is not atomic, but the old site must be recoverable
        assert after_kill is None and len(olds) == 1 and tree_digest(p / olds[0]) == old
    elif point != "after-exchange":
        assert after_kill == old

    proc = run_build(p)
    assert proc.returncode == 0, f"after a kill at {point!r} a normal build must succeed:\n{proc.stderr[-3000:]}"
    assert leftovers(p) == []
    assert run_build(p, "--out", str(tmp_path / "ref")).returncode == 0
    new = tree_digest(tmp_path / "ref")
    assert new != old
    assert tree_digest(site) == new
    if point == "after-exchange":
        assert after_kill == new, "killed right after the exchange, site/ is already the complete new site"


# ---- 2. failing builds leave site/ as it was -------------------------------------------------------

def test_bad_yaml_leaves_site_untouched_and_no_stage(built_project):
    p = built_project
    before = tree_meta(p / "site")
    write(p, REPORT, read(p, REPORT) + "\nnav_extra: [index, about\n")
    proc = run_build(p)
    assert_clean_failure(proc)
    assert REPORT in proc.stderr
    assert tree_meta(p / "site") == before
    assert leftovers(p) == []


def test_failure_while_staging_leaves_site_untouched_and_no_stage(built_project):
    """A theme template that MkDocs cannot compile fails after the stage folder was created."""
    p = built_project
    before = tree_meta(p / "site")
    rel = "templates/theme/main.html"
    write(p, rel, read(p, rel) + "\n{% if %}\n")
    proc = run_build(p)
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert tree_meta(p / "site") == before
    assert leftovers(p) == []
    assert "Traceback" not in proc.stderr, f"a template error must be reported as path:line, not a crash:\n" \
                                           f"{proc.stderr[-3000:]}"
    assert "main.html" in proc.stderr


# ---- 3. reproducible -----------------------------------------------------------------------------

def test_two_builds_are_byte_and_mode_identical(project, tmp_path):
    """Two cold builds (empty cache each time: nothing is copied from the first into the second)."""
    outs = [tmp_path / "one" / "site", tmp_path / "two" / "site"]
    for out in outs:
        shutil.rmtree(project / ".cache", ignore_errors=True)
        proc = run_build(project, "--out", str(out))
        assert proc.returncode == 0, proc.stderr[-3000:]
    a, b = (tree_meta(o) for o in outs)
    assert len(a) > 20
    assert a.keys() == b.keys(), differing(a, b)
    assert a == b, f"the two builds differ in {differing(a, b)}"
    assert (outs[0].stat().st_mode & 0o7777) == (outs[1].stat().st_mode & 0o7777)


def test_search_index_is_reproducible(built_site, tmp_path):
    """The Pagefind step alone, run again on copies of one built site: the index must be the same each time
    (one full build pair above can match by chance when the output order is random)."""
    from sitegen.effects import Effects
    from sitegen.write.search import index_languages

    indexes = []
    for i in range(10):  # a coin-flip order differs from run 0 in at least one of 9 runs with p = 1 - 1/512
        copy = tmp_path / f"site{i}"
        shutil.copytree(built_site, copy, ignore=lambda d, names: ["pagefind"])
        index_languages(copy, ["zh", "en"], Effects())
        indexes.append({lang: tree_meta(copy / lang / "pagefind") for lang in ("zh", "en")})
    assert all(len(index) > 5 for index in indexes[0].values())
    for i, index in enumerate(indexes[1:], start=1):
        for lang in ("zh", "en"):
            assert index[lang] == indexes[0][lang], \
                f"{lang} index run {i} differs from run 0 in {differing(indexes[0][lang], index[lang])}"


# ---- 4. dates from site_src, not the clock -------------------------------------------------------

TIME_RE = re.compile(r'<time datetime="([^"]*)"')
TEXT_SUFFIXES = {".html", ".xml", ".txt", ".json", ".js", ".css", ".svg"}


def site_pages(site: Path) -> list[Path]:
    pages = sorted(p for lang in ("zh", "en") for p in (site / lang).rglob("index.html"))
    assert len(pages) >= 20
    return pages


def test_dates_come_from_site_src_not_the_clock(project):
    first, last, later = "2021-03-04", "2022-05-06", "2023-07-08"
    set_report_dates(project, first, last)
    proc = run_build(project)
    assert proc.returncode == 0, proc.stderr[-3000:]
    site = project / "site"
    for page in site_pages(site):
        html = page.read_text(encoding="utf-8")
        assert f'<time datetime="{first}"' in html and f'<time datetime="{last}"' in html, page
        assert set(TIME_RE.findall(html)) <= {first, last}, page
    assert "2022年5月6日" in (site / "zh/index.html").read_text(encoding="utf-8")
    assert "May 6, 2022" in (site / "en/index.html").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", (site / "sitemap.xml").read_text())) == {last}

    today = dt.date.today()
    if today.isoformat() not in (first, last, later):
        forms = [today.isoformat(), f"{today.year}年{today.month}月{today.day}日",
                 f"{today.day} {today.strftime('%B')} {today.year}", today.strftime("%Y/%m/%d")]
        for f in sorted(site.rglob("*")):
            if f.is_file() and f.suffix in TEXT_SUFFIXES:
                text = f.read_text(encoding="utf-8", errors="replace")
                found = [x for x in forms if x in text]
                assert not found, f"{f.relative_to(site)} shows today's date {found}: dates must come from site_src"

    set_report_dates(project, last=later)
    proc = run_build(project)
    assert proc.returncode == 0, proc.stderr[-3000:]
    for page in site_pages(site):
        html = page.read_text(encoding="utf-8")
        assert f'<time datetime="{later}"' in html and f'<time datetime="{first}"' in html, page
        assert last not in html, page
    assert "2023年7月8日" in (site / "zh/index.html").read_text(encoding="utf-8")
    assert "July 8, 2023" in (site / "en/index.html").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", (site / "sitemap.xml").read_text())) == {later}


# ---- 5. docs/ manifest ---------------------------------------------------------------------------

def test_hand_edit_in_docs_stops_the_build_unless_forced(built_project):
    p = built_project
    doc = p / "docs/en/about.md"
    generated = doc.read_bytes()
    assert (p / "docs/.manifest.json").is_file()
    before = tree_meta(p / "site")
    before_digest = tree_digest(p / "site")
    doc.write_bytes(generated + b"\nA correction typed straight into docs/.\n")
    edited = doc.read_bytes()

    proc = run_build(p)
    assert_clean_failure(proc)
    assert "docs/en/about.md" in proc.stderr
    assert "site_src/" in proc.stderr and "--force" in proc.stderr
    assert tree_meta(p / "site") == before
    assert doc.read_bytes() == edited, "without --force the hand edit must be left alone"
    assert leftovers(p) == []

    proc = run_build(p, "--force")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert doc.read_bytes() == generated, "--force overwrites the hand edit with the generated page"
    assert tree_digest(p / "site") == before_digest, "the same content gives the same site"
    assert run_build(p).returncode == 0, "after --force the manifest matches docs/ again"


# ---- 6. sources are never written ----------------------------------------------------------------

def test_build_never_writes_into_sources(project):
    before = sources_snapshot(project)
    assert run_build(project).returncode == 0
    assert sources_snapshot(project) == before, differing(before, sources_snapshot(project))

    (project / "docs/zh/about.md").write_text("hand edit\n", encoding="utf-8")  # fails after reading everything
    assert_clean_failure(run_build(project))
    assert sources_snapshot(project) == before, differing(before, sources_snapshot(project))

    write(project, REPORT, read(project, REPORT) + "\nnav_extra: [index, about\n")  # fails while reading
    broken = sources_snapshot(project)
    assert_clean_failure(run_build(project, "--force"))
    assert sources_snapshot(project) == broken, differing(broken, sources_snapshot(project))


# ---- 7. output inside a source folder ------------------------------------------------------------

@pytest.mark.parametrize("out", ["site_src/out", "seeds/x", "templates/site", "site_src", "seeds"])
def test_output_inside_a_source_folder_is_refused(project, out):
    before = sources_snapshot(project)
    proc = run_build(project, "--out", out)
    assert_clean_failure(proc)
    assert "overlaps" in proc.stderr
    assert sources_snapshot(project) == before, differing(before, sources_snapshot(project))
    assert not [x for x in project.rglob(".site-*")], "no stage folder may be created"
    assert list((project / "docs").iterdir()) == [], "nothing is written when the output folder is refused"


# ---- 8. a very large seed ------------------------------------------------------------------------

MEASURE = textwrap.dedent("""
    import json, resource, subprocess, sys, time
    t0 = time.monotonic()
    p = subprocess.run(sys.argv[2:], cwd=sys.argv[1], capture_output=True, text=True, timeout=120)
    print(json.dumps({"rc": p.returncode, "seconds": time.monotonic() - t0, "stderr": p.stderr,
                      "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
""")


def test_very_large_seed(project, tmp_path):
    seed = seed_path(project)
    original = seed.read_text(encoding="utf-8")
    proc = run_build(project, "figures", str(seed), "--json", timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    n_original = len(json.loads(proc.stdout))

    lines = original.split("\n")
    t = next(i for i, ln in enumerate(lines) if ln.startswith("# "))
    body = "\n".join(lines[t + 1:]).strip("\n")
    seed.write_text(lines[t] + "\n\n" + "\n\n".join([body] * 1000) + "\n", encoding="utf-8")
    assert seed.stat().st_size > 5_000_000

    t0 = time.monotonic()
    proc = run_build(project, "figures", str(seed), "--json", timeout=60)
    took = time.monotonic() - t0
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = json.loads(proc.stdout)
    assert len(rows) >= 900 * n_original, (len(rows), n_original)
    assert took < 60
    print(f"\nfigures on a {seed.stat().st_size // 1000} kB seed: {len(rows)} candidates in {took:.1f} s")

    script = tmp_path / "measure.py"
    script.write_text(MEASURE, encoding="utf-8")
    m = json.loads(subprocess.run([PY, str(script), str(project), PY, str(project / "build.py")], env=ENV,
                                  capture_output=True, text=True, timeout=150, check=True).stdout)
    print(f"full build: exit {m['rc']} in {m['seconds']:.1f} s, max RSS {m['maxrss_kb'] // 1024} MB")
    stderr = m["stderr"]
    assert m["rc"] == 1, stderr[-3000:]
    assert "Traceback" not in stderr, stderr[-3000:]
    # a report's article is at most 1 MB (read/files.py: KINDS): refused by its size before it is read
    assert re.search(r"seeds/000_\w+\.txt: the article is too large \(7,\d{3},\d{3} bytes; at most 1,048,576 are "
                     r"read\)", stderr), stderr[-3000:]
    assert re.search(r"^1 problem; nothing was published, .+ is unchanged\.$", stderr, re.M)
    assert m["seconds"] < 30
    assert m["maxrss_kb"] < 512 * 1024
    assert not (project / "site").exists() and leftovers(project) == []
