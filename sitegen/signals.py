"""Ctrl-C and SIGTERM stop a build between two of its steps, or within a second wherever it is.

Raising KeyboardInterrupt from a signal handler can land anywhere: inside logging's or a fork hook's lock
handling, where Python must ignore it ("Exception ignored in …") and the lock stays taken, so the build either
publishes anyway or hangs on the next log line. So while a build runs in the main thread the handler first only
remembers the signal, and the build calls check() between its stages and before it swaps the new site in. A step
may take longer than a person waits (a picture drawn, MkDocs building a language), so the handler also starts a
timer: a build that has not stopped itself GRACE seconds after the signal is stopped where it is (KeyboardInterrupt,
the usual clean-up), and one still running FINAL seconds after it (a clean-up stuck on a lock) ends at once
(os._exit, exit code 130). Neither can harm the published site: it is replaced by one atomic rename, and what a
killed build leaves beside it is cleared by the next (write/publish.py). Outside a build (the preview's server
loop, a draft) a signal raises at once, as usual."""
from __future__ import annotations

import atexit
import contextlib
import os
import signal
import sys
import threading
import time

received: list[int] = []
_deferring = 0  # builds running in the main thread
_owner = 0      # the process whose build defers (a forked drawing process inherits the handler, not the timer)
_overdue = 0    # times the timer went off in this build
_stopped_by_signal = False  # a build of this process was stopped by Ctrl-C or SIGTERM: it exits with 130
GRACE, FINAL = 0.25, 0.6  # seconds after a signal: stopped where it is; ended at once
INTERRUPTED = 130


def on_signal(signum, frame) -> None:
    """Remember the signal; stop at once unless a build will stop itself at its next check() (within GRACE)."""
    received.append(signum)
    if not _deferring:
        raise KeyboardInterrupt
    if os.getpid() == _owner and len(received) == 1 and hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, overdue)
        signal.setitimer(signal.ITIMER_REAL, GRACE)


def overdue(signum, frame) -> None:
    """The build did not stop at a check() in time: stop it here; the next time, end the process. After the build
    has stopped (its clean-up done), a clean-up of the process that still hangs (a pool joining its workers) ends
    it too: the timer runs until the process exits."""
    global _overdue
    if not _deferring and not received:
        return
    _overdue += 1
    if _overdue == 1 and _deferring:
        signal.setitimer(signal.ITIMER_REAL, FINAL - GRACE)
        raise KeyboardInterrupt
    os.write(2, b"interrupted (the build did not stop in time: ended at once; the published site is unchanged)\n")
    os._exit(INTERRUPTED)


@atexit.register
def _no_timer_at_exit() -> None:
    """The process is exiting. After a build that a signal stopped, it ends here with exit code 130: the rest of the
    exit (other atexit hooks: multiprocessing joining a pool's workers) may hang, and no timer may go off once Python
    has put the default handlers back (it would end the process by SIGALRM). Otherwise no timer is left."""
    if _stopped_by_signal and os.getpid() == _owner:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(INTERRUPTED)
    if hasattr(signal, "setitimer"):
        signal.setitimer(signal.ITIMER_REAL, 0)


def install() -> None:
    """Ctrl-C (SIGINT) and SIGTERM both stop a command as Ctrl-C does."""
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)


def in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def deferred():
    """A build in the main thread: signals wait for its next check() (a build on another thread — the
    preview's — is left alone: the signal goes to the main thread, which stops the preview)."""
    global _deferring, _owner, _overdue, _stopped_by_signal
    main = in_main_thread()
    _deferring += main
    _owner = os.getpid() if main else _owner
    try:
        yield
    finally:
        _deferring -= main
        if main and not _deferring and hasattr(signal, "setitimer"):
            if not received:
                signal.setitimer(signal.ITIMER_REAL, 0)  # the build ended with no signal: no timer left
                _overdue = 0
            elif os.getpid() == _owner:
                _stopped_by_signal = True    # the process ends at exit, or by FINAL if its clean-up hangs before
                if signal.getitimer(signal.ITIMER_REAL)[0] == 0:
                    signal.setitimer(signal.ITIMER_REAL, FINAL)


def check() -> None:
    """In the main thread: raise KeyboardInterrupt if Ctrl-C or SIGTERM arrived since the command started."""
    if received and in_main_thread():
        raise KeyboardInterrupt


class Stopwatch:
    """Seconds spent in each stage of a build (`build.py --timings` prints them)."""

    def __init__(self):
        self.t0 = self.last = time.perf_counter()
        self.laps: dict[str, float] = {}

    def lap(self, name: str) -> None:
        check()  # a stage is done: the place where a Ctrl-C or SIGTERM stops the build
        now = time.perf_counter()
        self.laps[name] = round(self.laps.get(name, 0) + now - self.last, 3)
        self.last = now

    def total(self) -> float:
        return round(time.perf_counter() - self.t0, 2)
