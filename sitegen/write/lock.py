"""One build at a time per project: a lock file in .cache/, held by the kernel for the building process.

Two builds at once would share docs/, .cache/ and the stage folders beside the site (each build deletes
the other's leftovers), so the second waits for the first. The lock is a POSIX record lock
(fcntl.lockf): the kernel drops it when the process ends, however it ends (kill -9 included), so a killed
build never leaves it stuck; and unlike flock() it is not inherited by the forked MkDocs worker, so a
worker outliving a killed build cannot hold it either.
"""
from __future__ import annotations

import fcntl
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from ..problems import BuildError, Problems

NAME = "build.lock"
TIMEOUT = 600.0  # seconds a build waits for another one before giving up (a cold build takes ~5 s)
_held = threading.local()  # nesting depth in this thread: serve's rebuild may hold the lock around build_site
_process = threading.RLock()  # record locks are per process: threads of one process take turns here


def lock_path(paths) -> Path:
    return Path(paths.root) / ".cache" / NAME


def holder(f: Path) -> str:
    """The pid the lock file names (written by the build that holds it), or '?'."""
    try:
        text = f.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return "?"
    return text if text.isdigit() else "?"


def refuse(f: Path, message: str) -> BuildError:
    problems = Problems()
    problems.add(str(f), 0, message, "wait for it to finish, or stop it; a build that was killed holds nothing")
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
    depth = getattr(_held, "depth", 0)
    if depth:  # already held by this thread (serve around build_site)
        _held.depth = depth + 1
        try:
            yield
        finally:
            _held.depth = depth
        return
    f = lock_path(paths)
    f.parent.mkdir(parents=True, exist_ok=True)
    with _process:
        fd = os.open(f, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            acquire(fd, f, wait, log, timeout)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
            _held.depth = 1
            try:
                yield
            finally:
                _held.depth = 0
                os.ftruncate(fd, 0)
        finally:
            os.close(fd)  # closing releases the record lock


def acquire(fd: int, f: Path, wait: bool, log, timeout: float) -> None:
    """Take the lock on fd, polling (a blocking lockf could not time out nor be interrupted cleanly)."""
    if try_lock(fd):
        return
    pid = holder(f)
    if not wait:
        raise refuse(f, f"another build is running (pid {pid})")
    log(f"another build is running (pid {pid}), waiting…")
    deadline = time.monotonic() + timeout
    while not try_lock(fd):
        if time.monotonic() > deadline:
            raise refuse(f, f"another build (pid {holder(f)}) still holds the lock after {timeout:.0f} s")
        time.sleep(0.05)
