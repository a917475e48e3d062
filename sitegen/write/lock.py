"""One build at a time per project, and one per output folder: lock files held by the kernel for the building process.

Two builds of one project would share docs/ and .cache/, so the second waits for the first (`.cache/build.lock`).
Two builds aimed at one output folder, from two checkouts or two reports, would replace each other's staged site,
so they wait for each other too (`.site-lock-NAME` beside the output folder NAME, which is itself swapped out by
every publish and so cannot hold a lock); builds into sibling folders take different locks and never wait. A lock
is a POSIX record lock (fcntl.lockf): the kernel drops it when the process ends, however it ends (kill -9
included), so a killed build never leaves it stuck; and unlike flock() it is not inherited by a forked worker, so a
worker outliving a killed build cannot hold it either.
"""
from __future__ import annotations

import fcntl
import os
import stat
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from ..problems import BuildError, Problems

NAME = "build.lock"
OUTPUT_LOCK = ".site-lock-"  # + the output folder's name, beside it
TIMEOUT = 600.0  # seconds a build waits for another one before giving up (a cold build takes ~5 s)
_held = threading.local()  # lock file -> nesting depth in this thread: a lock taken again by its holder is held
_process = threading.RLock()  # record locks are per process: threads of one process take turns here


def lock_path(paths) -> Path:
    return Path(paths.root) / ".cache" / NAME


def output_lock_path(site: Path) -> Path:
    return site.parent / f"{OUTPUT_LOCK}{site.name}"


def holder(fd: int) -> str:
    """The pid the open lock file names (written by the build that holds it), or '?'."""
    try:
        text = os.pread(fd, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return "?"
    return text if text.isdigit() else "?"


def refuse(f: Path, message: str,
           hint: str = "wait for it to finish, or stop it; a build that was killed holds nothing") -> BuildError:
    problems = Problems()
    problems.add(str(f), 0, message, hint)
    return BuildError(problems)


def try_lock(fd: int) -> bool:
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # EACCES or EAGAIN: held by another process
        return False
    return True


@contextmanager
def build_lock(paths, wait: bool = True, log=print, timeout: float = TIMEOUT):
    """Hold the project's build lock for the body; wait for another build (saying so) up to timeout, or,
    without wait, refuse at once naming the build that holds it (BuildError)."""
    f = lock_path(paths)
    f.parent.mkdir(parents=True, exist_ok=True)
    with holding(f, wait, log, timeout, "another build is running"):
        yield


@contextmanager
def output_lock(site: Path, wait: bool = True, log=print, timeout: float = TIMEOUT):
    """Hold the lock of one output folder (made first, with its parent) for the body: builds aimed at one folder
    wait for each other, whatever project or report they build."""
    f = output_lock_path(site)
    f.parent.mkdir(parents=True, exist_ok=True)
    with holding(f, wait, log, timeout, f"another build is publishing into {site}"):
        yield


@contextmanager
def holding(f: Path, wait: bool, log, timeout: float, busy: str):
    """Hold the record lock of the file f (created if need be) for the body; the holder's pid written in it."""
    depths = _held.__dict__.setdefault("depths", {})
    if depths.get(f):  # already held by this thread (a build inside a build's lock)
        depths[f] += 1
        try:
            yield
        finally:
            depths[f] -= 1
        return
    with _process:
        try:  # never through a link, and never anything but a regular file (a FIFO there must not block)
            fd = os.open(f, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK, 0o644)
        except OSError as e:
            raise refuse(f, f"cannot take the lock: {e.strerror}", "remove this file; a build makes it anew") from None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise refuse(f, "the lock file is not a regular file", "remove it; a build makes it anew")
            acquire(fd, f, wait, log, timeout, busy)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
            depths[f] = 1
            try:
                yield
            finally:
                depths[f] = 0
                os.ftruncate(fd, 0)
        finally:
            os.close(fd)  # closing releases the record lock


def acquire(fd: int, f: Path, wait: bool, log, timeout: float, busy: str) -> None:
    """Take the lock on fd, polling (a blocking lockf could not time out nor be interrupted cleanly)."""
    if try_lock(fd):
        return
    pid = holder(fd)
    if not wait:
        raise refuse(f, f"{busy} (pid {pid})")
    log(f"{busy} (pid {pid}), waiting…")
    deadline = time.monotonic() + timeout
    while not try_lock(fd):
        if time.monotonic() > deadline:
            raise refuse(f, f"{busy}: pid {holder(fd)} still holds the lock after {timeout:.0f} s")
        time.sleep(0.05)
