"""The pictures of a build are checked and drawn in a pool of forked processes (or a thread), every one exactly
once."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.problems import Problems
from sitegen.render.pictures import ImageJob
from sitegen.write import engine
from sitegen.write.cache import entry, lookup
from sitegen.write.drawing import DrawAhead, job_groups


def problem(text: str) -> Problems:
    p = Problems()
    p.add("site_src/figures.yml", 12, text)
    return p


def jobs(n: int, wrong: set[int] = frozenset(), calls: str | None = None) -> list[ImageJob]:
    """n groups of two pictures sharing a key; the check of group i in wrong finds a problem; each check appends
    its number to the file `calls` (so a test sees which ran, in any process)."""
    def check(i: int) -> Problems:
        if calls:
            with open(calls, "a") as f:
                f.write(f"{i}\n")
        return problem(f"picture {i} cannot be drawn") if i in wrong else Problems()

    out = []
    for i in range(n):
        out += [ImageJob("share", f"key-{i}", lambda i=i: f"card {i}".encode(), f"{i}/share.png", lambda i=i: check(i)),
                ImageJob("chart-svg", f"key-{i}", lambda i=i: f"svg {i}".encode(), f"{i}/chart.svg")]
    return out


@pytest.fixture(params=["processes", "thread"])
def mode(request, monkeypatch):
    """DrawAhead forks where it can (engine.can_fork: no other thread runs but its pools'); else it draws on a
    thread."""
    monkeypatch.setattr(engine, "can_fork", lambda: request.param == "processes")
    return request.param


def test_every_picture_is_checked_once_and_drawn(tmp_path, mode):
    cache, calls = tmp_path / "cache", tmp_path / "calls"
    todo = jobs(30, calls=str(calls))
    ahead = DrawAhead(cache, todo, workers=2)
    assert bool(ahead.children) == (mode == "processes")
    assert not ahead.problems()
    ahead.help()
    ahead.join()
    assert sorted(int(x) for x in calls.read_text().split()) == list(range(30))  # one check per key
    for job in todo:
        assert lookup(cache, job.kind, job.key) == job.make()
    again = DrawAhead(cache, todo, workers=2)   # all in .cache/: nothing to check or draw
    assert not again.todo and not again.children and not again.problems()
    again.join()


def test_problems_of_every_process_are_reported_and_wrong_pictures_never_drawn(tmp_path, mode):
    cache = tmp_path / "cache"
    todo = jobs(20, wrong={3, 11, 19})
    ahead = DrawAhead(cache, todo, workers=2)
    found = ahead.problems()
    ahead.stop()
    assert sorted(p.message for p in found.errors) == [f"picture {i} cannot be drawn" for i in (11, 19, 3)]
    assert all(p.path == "site_src/figures.yml" and p.line == 12 for p in found.errors)
    for job in todo:   # a picture whose check failed is not in .cache/, where a later build would not check it
        if job.key in ("key-3", "key-11", "key-19"):
            assert not entry(cache, job.kind, job.key).is_file()


def test_a_drawing_that_fails_is_raised_in_the_build(tmp_path, mode):
    def broken() -> bytes:
        raise ValueError("the drawing broke")

    todo = jobs(4) + [ImageJob("share", "key-broken", broken, "x/share.png")]
    ahead = DrawAhead(tmp_path / "cache", todo, workers=2)
    assert not ahead.problems()   # a drawing's failure is not a problem of the content: join() raises it
    with pytest.raises(Exception, match="the drawing broke"):
        ahead.help()
        ahead.join()


def test_groups_keep_a_key_together_and_start_with_the_costliest():
    todo = jobs(3) + [ImageJob("explainer", "long", bytes, "zh/explainer/longimage.png"),
                      ImageJob("explainer-runs", "long", bytes, "zh/explainer/longimage.json")]
    groups = job_groups(todo)
    assert [g[0].key for g in groups][0] == "long"
    assert all(len({j.key for j in g}) == 1 for g in groups)
    assert sorted(j.path for g in groups for j in g) == sorted(j.path for j in todo)


def test_drawing_processes_die_with_the_build(tmp_path):
    """A build killed with SIGKILL takes its drawing processes with it: nothing draws into .cache/ once the
    build that held the lock is gone."""
    import signal
    import subprocess
    import sys
    import textwrap
    import time

    from conftest import ROOT

    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from sitegen.render.pictures import ImageJob
        from sitegen.write.drawing import DrawAhead
        def slow(i):
            time.sleep(0.2)
            return b"x"
        jobs = [ImageJob("share", f"k{{i}}", lambda i=i: slow(i), f"{{i}}.png") for i in range(200)]
        ahead = DrawAhead(Path({str(tmp_path / 'cache')!r}), jobs, workers=2)
        print(" ".join(str(pid) for pid in ahead.children), flush=True)
        time.sleep(60)
    """)
    build = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    children = [int(x) for x in build.stdout.readline().split()]
    assert len(children) == 2
    time.sleep(0.5)
    build.send_signal(signal.SIGKILL)
    build.wait()
    time.sleep(0.5)

    def alive(pid: int) -> bool:
        try:
            state = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            return False
        return "State:\tZ" not in state  # a zombie draws nothing

    assert not any(alive(pid) for pid in children)
    drawn = len(list((tmp_path / "cache").rglob("*.bin")))
    time.sleep(0.6)
    assert len(list((tmp_path / "cache").rglob("*.bin"))) == drawn
