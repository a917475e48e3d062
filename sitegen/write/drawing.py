"""The pictures missing from .cache/ checked and drawn in forked processes while the build goes on."""
from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import signal
import sys
import threading
import time
import traceback
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


class Tickets:
    """Numbers 0..n-1 handed out once each to whichever process asks first (a pipe filled before the processes
    fork; reads of 4 bytes from a pipe are atomic). Past what a pipe holds, a ticket stands for several numbers."""

    SIZE = 4

    def __init__(self, n: int):
        per = max(1, -(-n * self.SIZE // 60_000))  # numbers per ticket: the tickets fit the pipe's 64 KiB
        self.n, self.per = n, per
        self.r, w = os.pipe()
        os.write(w, b"".join(i.to_bytes(self.SIZE, "little") for i in range(0, n, per)))
        os.close(w)   # once the tickets are taken a read returns nothing

    def take(self):
        """The numbers of the next ticket (none when every ticket is taken)."""
        data = os.read(self.r, self.SIZE)
        if len(data) < self.SIZE:
            return range(0)
        first = int.from_bytes(data, "little")
        return range(first, min(first + self.per, self.n))

    def __iter__(self):
        while numbers := self.take():
            yield from numbers

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.r)


UNCHECKED, FINE, WRONG = 0, 1, 2


def die_with(parent: int) -> None:
    """In a forked process: be killed when the build is (Linux prctl PR_SET_PDEATHSIG), so that nothing draws into
    .cache/ once the build that holds the lock is gone; and leave at once if it is gone already."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)


class DrawAhead:
    """Checks and draws the pictures missing from .cache/ while the pages are rendered and MkDocs runs.

    Drawing (Pillow, segno) is most of a cold build's work and needs nothing else of the build, so it runs in
    forked processes, one per core. Each takes groups of pictures to check from one set of tickets until none are
    left, tells the build what it found (a character the font lacks, by file and line), then takes groups to draw
    into .cache/ from a second set (whole entries only: cache.store renames); a group is drawn only once its
    check found nothing (its state is in memory the processes share). problems() waits for the checks; help()
    lets the build draw what is left once its own work is done, so all finish together; join() waits for the
    drawings and raises what went wrong. Where forking is not safe (other threads run, as in the preview) a
    thread does the same work. Created before MkDocsWorker forks, so that no process holds another's pipes."""

    def __init__(self, cache: Path, jobs: list[ImageJob], workers: int | None = None):
        from .cache import entry
        from .engine import can_fork

        self.cache, self.stopping = cache, False
        self.todo = [j for j in jobs if not entry(cache, j.kind, j.key).is_file()]
        self.groups = job_groups(self.todo)
        self.children: list[tuple[int, object]] = []  # (pid, the read end of its report pipe)
        self.found: Problems | None = None
        self.thread, self.error, self.checked = None, None, threading.Event()
        self.failed_drawing: BaseException | None = None  # the thread's
        self.to_check = self.to_draw = None
        if not self.todo:
            self.found = Problems()
            return
        if can_fork():
            import mmap

            self.state = mmap.mmap(-1, len(self.groups))  # shared with the forked processes
            for i, group in enumerate(self.groups):
                if all(j.check is None for j in group):
                    self.state[i] = FINE
            self.to_check, self.to_draw = Tickets(len(self.groups)), Tickets(len(self.groups))
            for _ in range(max(1, min(workers or os.cpu_count() or 1, len(self.groups)))):
                self.fork()
        else:
            self.found = Problems()
            self.thread = threading.Thread(target=self.in_thread, name="draw-ahead", daemon=True)
            self.thread.start()

    def over(self) -> bool:
        return self.stopping or bool(signals.received)

    def check_group(self, i: int, problems: Problems) -> None:
        found = Problems()
        for job in self.groups[i]:
            if job.check is not None:
                found.extend(job.check())
        problems.extend(found)
        self.state[i] = WRONG if found else FINE

    def draw_group(self, i: int) -> None:
        while self.state[i] == UNCHECKED:   # another process is checking it
            if self.over():
                return
            time.sleep(0.002)
        if self.state[i] == FINE:
            for job in self.groups[i]:
                if self.over():
                    return
                cached(self.cache, job.kind, job.key, job.make)

    def fork(self) -> None:
        r, w = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the drawing process: never returns into the build's code
            code = 1
            try:
                os.close(r)
                die_with(parent)
                with os.fdopen(w, "wb") as out:
                    try:
                        problems = Problems()
                        for i in self.to_check:
                            if self.over():
                                break
                            self.check_group(i, problems)
                        pickle.dump(("checked", problems.items), out)
                        out.flush()
                        for i in self.to_draw:
                            if self.over():
                                break
                            self.draw_group(i)
                        pickle.dump(("drawn", None), out)
                    except BaseException as e:  # noqa: BLE001 — reported to the build, which raises it
                        pickle.dump(("failed", "".join(traceback.format_exception(e))), out)
                code = 0
            finally:
                os._exit(code)
        os.close(w)
        self.children.append((pid, os.fdopen(r, "rb")))

    def in_thread(self) -> None:
        self.state = bytearray(len(self.groups))
        try:
            for i in range(len(self.groups)):
                self.check_group(i, self.found)
        except BaseException as e:  # a check that crashed: raised by problems()
            self.error = e
            return
        finally:
            self.checked.set()
        try:
            for i in range(len(self.groups)):
                if self.found or self.over():
                    return
                self.draw_group(i)
        except BaseException as e:  # a drawing that failed: raised by join(), as the processes' are
            self.failed_drawing = e

    def answer(self, pipe, wanted: str):
        """The next message of a drawing process, if it is the one wanted (a process that failed or was killed
        sends something else, or nothing)."""
        try:
            kind, value = pickle.load(pipe)
        except (EOFError, pickle.UnpicklingError):
            kind, value = "failed", "a drawing process stopped without an answer"
        if kind == "failed":
            self.error = self.error or RuntimeError(f"drawing the share images failed:\n{value}")
            return None
        return value if kind == wanted else None

    def problems(self) -> Problems:
        """Every problem the checks found (waits for the checks, not for the drawings)."""
        if self.found is None:
            found = Problems()
            for _, pipe in self.children:
                items = self.answer(pipe, "checked")
                found.items.extend(p for p in items or () if p not in found.items)
            self.found = found
        elif self.thread is not None:
            self.checked.wait()
        if self.error is not None:
            raise self.error
        return self.found

    def help(self) -> None:
        """Draw, in this process, the groups no drawing process has taken yet (all are checked by now)."""
        if self.to_draw is not None and not self.problems():
            for i in self.to_draw:
                if self.over():
                    break
                self.draw_group(i)

    def join(self) -> None:
        """Wait for every drawing; raise what went wrong."""
        self.problems()
        if self.thread is not None:
            self.thread.join()
        for pid, pipe in self.children:
            self.answer(pipe, "drawn")
            pipe.close()
            os.waitpid(pid, 0)
        self.children = []
        self.close()
        if self.error is not None:
            raise self.error
        if self.failed_drawing is not None:
            raise self.failed_drawing

    def close(self) -> None:
        for tickets in (self.to_check, self.to_draw):
            if tickets is not None:
                tickets.close()

    def stop(self) -> None:
        """After a failed build: each drawing process finishes the picture it draws and draws no more (nothing
        writes to .cache/ once the build has let go of its lock)."""
        self.stopping = True
        for pid, pipe in self.children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)  # deferred by signals.on_signal: it stops after the current picture
            pipe.close()
            os.waitpid(pid, 0)
        self.children = []
        self.close()
        if self.thread is not None:
            self.thread.join()


def write_images(paths: Paths, jobs: list[ImageJob], stage: Path, ahead: DrawAhead, fx) -> None:
    """Every picture into the staged site (from .cache/, where DrawAhead put what was new)."""
    ahead.help()
    ahead.join()
    for job in jobs:
        fx.write(stage / job.path, cached(paths.cache_dir, job.kind, job.key, job.make))
