"""Ctrl-C and SIGTERM stop a build between two of its steps, never in the middle of one.

Raising KeyboardInterrupt from a signal handler can land anywhere: inside logging's or a fork hook's lock
handling, where Python must ignore it ("Exception ignored in …") and the lock stays taken, so the build either
publishes anyway or hangs on the next log line. So while a build runs in the main thread the handler only
remembers the signal, and the build calls check() between its stages and before it swaps the new site in.
Outside a build (the preview's server loop, a draft) a signal raises at once, as usual."""
from __future__ import annotations

import contextlib
import signal
import threading
import time

received: list[int] = []
_deferring = 0  # builds running in the main thread


def on_signal(signum, frame) -> None:
    """Remember the signal; stop at once unless a build will stop itself at its next check()."""
    received.append(signum)
    if not _deferring:
        raise KeyboardInterrupt


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
    global _deferring
    main = in_main_thread()
    _deferring += main
    try:
        yield
    finally:
        _deferring -= main


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
