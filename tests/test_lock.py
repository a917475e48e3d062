"""One build at a time per project: a second build waits for the first (and says so), both succeed, the
site ends complete; a build killed with SIGKILL leaves no lock behind; the cache a race could have
poisoned is never trusted (see also test_incremental.py: damaged entries of every kind)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

from conftest import PY, run_build, tree_digest

ENV = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def start_build(project: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([PY, str(project / "build.py"), *args], cwd=project, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=ENV)


def assert_complete(site: Path) -> None:
    """Both languages with their pages and a whole search index."""
    for lang in ("zh", "en"):
        assert (site / lang / "index.html").is_file(), lang
        bundle = site / lang / "pagefind"
        assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file(), lang
        assert list((bundle / "fragment").glob("*.pf_fragment")), lang
    assert (site / "sitemap.xml").is_file() and (site / "index.html").is_file()


def wait_for_lock_holder(project: Path, timeout: float = 30) -> None:
    """Until a build has taken the lock (it writes its pid into the lock file)."""
    f = project / ".cache" / "build.lock"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if f.is_file() and f.read_text().strip().isdigit():
            return
        time.sleep(0.02)
    raise AssertionError("the first build never took the lock")


def test_two_builds_at_once_both_succeed_one_after_the_other(project, tmp_path):
    shutil.rmtree(project / ".cache")  # a cold build: several seconds, so the second surely overlaps
    first = start_build(project)
    wait_for_lock_holder(project)  # (a fixed 0.3 s was too short on a loaded machine: the second came first)
    second = start_build(project)
    out1, err1 = first.communicate(timeout=300)
    out2, err2 = second.communicate(timeout=300)
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    assert f"another build is running (pid {first.pid}), waiting…" in err2
    assert "another build is running" not in err1
    assert_complete(project / "site")
    site = tree_digest(project / "site")
    assert run_build(project).returncode == 0  # and what the cache now holds builds the same, whole site
    assert tree_digest(project / "site") == site
    shutil.rmtree(project / ".cache")
    assert run_build(project, "--out", str(tmp_path / "cold")).returncode == 0
    assert tree_digest(tmp_path / "cold") == site, "the same site as a cold build"


def test_a_build_killed_with_sigkill_leaves_no_lock(project):
    shutil.rmtree(project / ".cache")
    victim = start_build(project)
    wait_for_lock_holder(project)
    victim.send_signal(signal.SIGKILL)
    victim.communicate(timeout=30)
    t0 = time.monotonic()
    proc = run_build(project, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "another build is running" not in proc.stderr
    assert time.monotonic() - t0 < 60
    assert_complete(project / "site")


def test_without_waiting_the_build_names_the_holder(project):
    """build_lock(wait=False) refuses at once, naming the pid that holds the lock."""
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from sitegen.write.lock import build_lock; "
            "from sitegen.read.paths import Paths; from pathlib import Path; import time\n"
            "with build_lock(Paths.default(Path(sys.argv[1]))):\n    print('held', flush=True); time.sleep(30)")
    holder = subprocess.Popen([PY, "-c", code, str(project)], stdout=subprocess.PIPE, text=True, env=ENV)
    try:
        assert holder.stdout.readline().strip() == "held"
        probe = ("import sys; sys.path.insert(0, sys.argv[1]); from sitegen.write.lock import build_lock; "
                 "from sitegen.read.paths import Paths; from sitegen.problems import BuildError\n"
                 "from pathlib import Path\n"
                 "try:\n    with build_lock(Paths.default(Path(sys.argv[1])), wait=False):\n        print('got it')\n"
                 "except BuildError as e:\n    e.problems.report(sys.stdout)")
        t0 = time.monotonic()
        out = subprocess.run([PY, "-c", probe, str(project)], capture_output=True, text=True, env=ENV, timeout=30)
        assert time.monotonic() - t0 < 10
        assert f"another build is running (pid {holder.pid})" in out.stdout, out.stdout + out.stderr
        assert "got it" not in out.stdout
    finally:
        holder.kill()
        holder.wait()
