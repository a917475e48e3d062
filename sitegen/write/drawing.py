"""The pictures missing from .cache/ checked and drawn in a pool of forked processes while the build goes on."""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from pathlib import Path

from .. import signals
from ..problems import Problems
from ..read.paths import Paths
from ..render.pictures import ImageJob
from .cache import cached

JOB_COST = {"explainer": 12, "explainer-card": 3}  # rough drawing time of a picture, in share cards


def job_groups(jobs: list[ImageJob]) -> list[list[ImageJob]]:
    """The jobs by key (the jobs of one key share their check and layout), the costliest group first: handed out
    in that order, the last pictures drawn are small ones and the processes finish together."""
    groups: dict[str, list[ImageJob]] = {}
    for job in jobs:
        groups.setdefault(job.key, []).append(job)
    return sorted(groups.values(), key=lambda g: -sum(JOB_COST.get(j.kind, 1) for j in g))


def die_with(parent: int) -> None:
    """In a forked process: be killed when the build is (Linux prctl PR_SET_PDEATHSIG), so that nothing draws into
    .cache/ once the build that holds the lock is gone; and leave at once if it is gone already."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)


# The groups of the build under way, set before the drawing processes fork: they inherit them (a job's functions
# are closures over the report, which need not be pickled), and get only the number of a group to check or draw.
_GROUPS: list[list[ImageJob]] = []
_CACHE: Path | None = None


def check_group(i: int) -> list:
    """The problems of the pictures of group i (a character the font lacks), in the process that runs it."""
    found = Problems()
    for job in _GROUPS[i]:
        if job.check is not None:
            found.extend(job.check())
    return found.items


def draw_group(i: int) -> None:
    """The pictures of group i, drawn into .cache/ (whole entries only: cache.store renames)."""
    for job in _GROUPS[i]:
        if signals.received:  # Ctrl-C or SIGTERM reached the process group: draw no more
            return
        cached(_CACHE, job.kind, job.key, job.make)


class DrawAhead:
    """Checks and draws the pictures missing from .cache/ while the pages are rendered and MkDocs runs.

    Drawing (Pillow, segno) is most of a cold build's work and needs nothing else of the build, so it runs in a
    concurrent.futures process pool (forked: one process per core) that the build feeds: every group's check first,
    then, as each check comes back clean, that group's drawing, at most one task per process at a time (so that
    help(), when the build's own work is done, finds groups still to draw in this process). problems() waits for
    the checks; join() for the drawings, and raises what went wrong. Where forking is not safe (other threads run,
    as in the preview) a one-thread pool does the same work."""

    def __init__(self, cache: Path, jobs: list[ImageJob], workers: int | None = None):
        from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
        from multiprocessing import get_context

        from .cache import entry
        from .engine import can_fork, started

        global _GROUPS, _CACHE
        self.cache, self.stopping = cache, False
        self.todo = [j for j in jobs if not entry(cache, j.kind, j.key).is_file()]
        self.groups = job_groups(self.todo)
        self.pool, self.processes = None, False
        self.checks, self.draws, self.waiting, self.handled = [], {}, [], set()
        self.lock = threading.Lock()
        self.found: Problems | None = None
        if not self.todo:
            self.found = Problems()
            return
        _GROUPS, _CACHE = self.groups, cache
        self.size = max(1, min(workers or os.cpu_count() or 1, len(self.groups)))
        if can_fork():
            self.processes = True
            self.pool = started(ProcessPoolExecutor(self.size, mp_context=get_context("fork"), initializer=die_with,
                                                    initargs=(os.getpid(),)))
        else:
            self.size = 1
            self.pool = ThreadPoolExecutor(1, thread_name_prefix="draw-ahead")
        self.checks = [self.pool.submit(check_group, i) for i in range(len(self.groups))]
        self.waiting = []  # checked clean, not yet handed to the pool
        for i, future in enumerate(self.checks):
            future.add_done_callback(lambda f, i=i: self.checked(i, f))

    def checked(self, i: int, future) -> None:
        """A group's check came back: queue its drawing if it found nothing (in the pool's own thread, or in the
        build's: see join)."""
        with self.lock:
            if i in self.handled:
                return
            self.handled.add(i)
            if future.cancelled() or future.exception() is not None or future.result():
                return
            self.waiting.append(i)
        self.feed()

    def feed(self) -> None:
        """Hand the pool the next groups to draw, keeping no more in its queue than it has processes."""
        with self.lock:
            while self.waiting and not self.stopping and self.pool is not None \
                    and sum(not f.done() for f in self.draws.values()) < self.size:
                i = self.waiting.pop(0)
                try:
                    self.draws[i] = future = self.pool.submit(draw_group, i)
                except RuntimeError:  # the pool is shutting down (a failed build): the group is not drawn
                    return
                future.add_done_callback(lambda f: self.feed())

    def problems(self) -> Problems:
        """Every problem the checks found (waits for the checks, not for the drawings)."""
        if self.found is None:
            found = Problems()
            for future in self.checks:
                items = future.result()  # a check that crashed raises here
                found.items.extend(p for p in items if p not in found.items)
            self.found = found
        return self.found

    def help(self) -> None:
        """Draw, in this process, the groups not yet handed to the pool (all are checked by now)."""
        if self.pool is None or self.problems():
            return
        while not self.stopping and not signals.received:
            with self.lock:
                if not self.waiting:
                    return
                i = self.waiting.pop()   # the smallest left: the pool's processes take the larger ones
            draw_group(i)

    def join(self) -> None:
        """Wait for every drawing; raise what went wrong."""
        self.problems()
        if self.pool is None:
            return
        for i, future in enumerate(self.checks):  # a check whose callback has not run yet: handled here
            self.checked(i, future)
        while True:
            with self.lock:
                pending = [f for f in self.draws.values() if not f.done()]
                left = list(self.waiting)
            if not pending and not left:
                break
            if left and not pending:
                self.help()
                continue
            pending[0].result()
        for future in self.draws.values():
            future.result()  # a drawing that failed raises here
        self.close()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True)
            self.pool = None

    def stop(self) -> None:
        """After a failed build: nothing more is handed out; the pictures being drawn are finished (whole entries:
        nothing half-drawn is left in .cache/), and the processes end."""
        self.stopping = True
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    @property
    def children(self) -> list[int]:
        """The pids of the drawing processes (none when it draws on a thread, or has nothing to draw)."""
        procs = getattr(self.pool, "_processes", None) or {}
        return sorted(procs)


def write_images(paths: Paths, jobs: list[ImageJob], stage: Path, ahead: DrawAhead, fx) -> None:
    """Every picture into the staged site (from .cache/, where DrawAhead put what was new)."""
    ahead.help()
    ahead.join()
    for job in jobs:
        fx.write(stage / job.path, cached(paths.cache_dir, job.kind, job.key, job.make))
