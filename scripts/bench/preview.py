"""Section 3: preview latency, from saving a source file to `build.py serve` answering with the change."""
from __future__ import annotations

import re
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .common import PY, log, median
from .project import Edit, chinese_edit, english_edit

POLL_S = 0.02
WATCH_INTERVAL_S = 0.1  # how often `build.py serve` looks for changes (sitegen/commands/serve.py)
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # ignore *_proxy settings


def free_port() -> int:
    """A TCP port of 127.0.0.1 free at the moment."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> bytes | None:
    """The body at url; None when there is no answer (yet)."""
    try:
        with DIRECT.open(url, timeout=timeout) as r:
            return r.read()
    except OSError:
        return None


def seconds_until_seen(url: str, word: str, limit_s: float = 300) -> float | None:
    """Seconds until the page at url contains word (polled every 20 ms); None on timeout."""
    t_edit = time.perf_counter()
    while time.perf_counter() - t_edit < limit_s:
        body = fetch(url, timeout=2)
        if body is not None and word.encode() in body:
            return time.perf_counter() - t_edit
        time.sleep(POLL_S)
    return None


def preview_series(base_url: str, edit: Edit, n: int, name: str) -> dict:
    """n edits while `build.py serve` runs at base_url: per edit, seconds from saving the file to the first
    answer of the edited page that contains the new word."""
    latencies, timeouts = [], 0
    try:
        for i in range(n):
            seen = seconds_until_seen(base_url + edit.page, edit.write())
            if seen is None:
                timeouts += 1
            else:
                latencies.append(seen)
            log(f"  {name} edit {i + 1}/{n}: " + ("timed out" if seen is None else f"{seen:.2f} s"))
            time.sleep(1.0)  # the next edit starts from an idle watcher
    finally:
        edit.restore()
    return {"median_s": median(latencies), "runs_s": [round(x, 3) for x in latencies], "timeouts": timeouts,
            "page": edit.page}


@contextmanager
def serving(project: Path, port: int, page: str, log_file: Path) -> Iterator[float]:
    """`build.py serve` of the project on port, until it answers page; yields its start-up seconds."""
    with open(log_file, "w") as fh:
        proc = subprocess.Popen([PY, "build.py", "serve", "--port", str(port)], cwd=project, stdout=fh,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        t0 = time.monotonic()
        while fetch(f"http://127.0.0.1:{port}{page}") is None:
            if proc.poll() is not None or time.monotonic() - t0 > 300:
                raise RuntimeError(f"build.py serve did not start: {log_file.read_text()[-2000:]}")
            time.sleep(0.1)
        yield time.monotonic() - t0
    finally:
        stop(proc)


def preview_latency(project: Path, work: Path, edits: int) -> dict:
    """`edits` edits of one unit's English in en.yml, then as many of a paragraph of a Chinese page."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    en, zh = english_edit(project), chinese_edit(project)
    log_file = work / "serve.log"
    with serving(project, port, en.page, log_file) as startup:
        log(f"  serve answered after {startup:.2f} s")
        time.sleep(1.0)  # let the watcher take its first snapshot
        english = preview_series(base_url, en, edits, "English")
        chinese = preview_series(base_url, zh, edits, "Chinese")
    rebuilds = [float(x) for x in re.findall(r"rebuilt in ([\d.]+) s", log_file.read_text(errors="replace"))]
    return {**english, "edits": edits, "unit": en.label, "poll_interval_ms": round(POLL_S * 1000),
            "zh": {**chinese, "file": zh.file.relative_to(project).as_posix()},
            "server_startup_s": round(startup, 2),
            "server_reported_rebuild_s": rebuilds[1:],  # the first is the start-up build
            "watch_interval_s": WATCH_INTERVAL_S}


def stop(proc: subprocess.Popen) -> None:
    """Stop a process this benchmark started (SIGINT first, as Ctrl+C), by its own handle."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
