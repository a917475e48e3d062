"""One command in a fresh process, measured: wall time, CPU time and peak memory.

The numbers come from wait4() on the command's own process: its CPU time including the children it
waited for, and the largest resident set of it and those children (for build.py: its Python, the forked
MkDocs worker, the Pagefind binary).
"""
from __future__ import annotations

import os
import re
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from .common import PY, median

BUILT = re.compile(r"built (\d+) pages \((\d+) HTML files\).* in ([\d.]+) s")


def run_measured(cwd: Path, cmd: list[str], timeout: float = 1800) -> dict:
    """Run cmd in cwd: rc, wall seconds, CPU seconds, peak RSS (KB), its output, and what build.py reported."""
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as out, \
            tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err)
        expired = threading.Event()
        timer = threading.Timer(timeout, lambda: (expired.set(), proc.kill()))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        if expired.is_set():
            raise subprocess.TimeoutExpired(cmd, timeout)
        out.seek(0)
        err.seek(0)
        r = {"rc": proc.returncode, "wall": wall, "maxrss_kb": usage.ru_maxrss,
             "cpu": usage.ru_utime + usage.ru_stime, "stdout": out.read(), "stderr": err.read()}
    m = BUILT.search(r["stdout"])
    r["pages"], r["html_files"], r["reported"] = (int(m.group(1)), int(m.group(2)), float(m.group(3))) if m \
        else (None, None, None)
    return r


def build(project: Path, *args: str, timeout: float = 1800) -> dict:
    """One `python build.py [args]` of a project copy, measured; raises if the build fails."""
    r = run_measured(project, [PY, "build.py", *args], timeout)
    if r["rc"] != 0:
        raise RuntimeError(f"build of {project} failed (exit {r['rc']}):\n{r['stderr'][-3000:]}")
    return r


def series(rs: list[dict]) -> dict:
    """Median and every run of a list of measured builds."""
    return {"median_s": median([r["wall"] for r in rs]), "runs_s": [round(r["wall"], 3) for r in rs],
            "reported_by_build_s": [r["reported"] for r in rs], "cpu_s": median([r["cpu"] for r in rs]),
            "peak_rss_mb": round(max(r["maxrss_kb"] for r in rs) / 1024, 1), "pages": rs[-1]["pages"],
            "html_files": rs[-1]["html_files"]}
