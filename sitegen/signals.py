"""Ctrl-C and SIGTERM stop a build before it publishes, even when they arrive where Python must ignore the
KeyboardInterrupt they raise (in a fork hook or a finaliser, "Exception ignored in …"): the signal is also
remembered, and the build checks for it once more just before it swaps the new site in."""
from __future__ import annotations

import signal
import sys

received: list[int] = []


def on_signal(signum, frame) -> None:
    """Remember the signal, and stop what is running now through the usual clean-up."""
    received.append(signum)
    raise KeyboardInterrupt


def quiet_unraisable(info) -> None:
    """A KeyboardInterrupt Python had to ignore is not reported as a traceback: the signal is remembered and
    check() stops the build with it. Anything else is reported as usual."""
    if isinstance(info.exc_value, KeyboardInterrupt) and received:
        return
    sys.__unraisablehook__(info)


def install() -> None:
    """Ctrl-C (SIGINT) and SIGTERM both stop a command as Ctrl-C does."""
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    sys.unraisablehook = quiet_unraisable


def check() -> None:
    """Raise KeyboardInterrupt if a stop signal arrived, even one whose first exception was swallowed."""
    if received:
        raise KeyboardInterrupt
