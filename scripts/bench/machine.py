"""The machine the numbers come from: CPU, cores, memory, versions and the load average."""
from __future__ import annotations

import os
import platform
import re
import subprocess
from pathlib import Path

from .common import CHROMIUM


def read_proc(name: str) -> str:
    """A file of /proc ("" where there is none: not Linux)."""
    try:
        return (Path("/proc") / name).read_text()
    except OSError:
        return ""


def machine_info() -> dict:
    """CPU model, cores, memory, Python, Chromium and Node versions."""
    cpu = next((line.split(":", 1)[1].strip() for line in read_proc("cpuinfo").splitlines()
                if line.lower().startswith("model name")), "")
    m = re.search(r"MemTotal:\s+(\d+) kB", read_proc("meminfo"))
    mem_kb = int(m.group(1)) if m else 0
    return {"cpu": cpu or platform.processor() or "unknown", "cores": os.cpu_count(),
            "memory_gb": round(mem_kb / 1024 / 1024, 1), "python": platform.python_version(),
            "os": platform.platform(), "chromium": tool_version([str(CHROMIUM), "--version"]),
            "node": tool_version(["node", "--version"])}


def tool_version(cmd: list[str]) -> str:
    """What `cmd` prints ("" for a tool that is not installed or hangs)."""
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages ([] where unknown)."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def date_utc() -> str:
    """The date as `date -u` prints it."""
    return subprocess.run(["date", "-u"], capture_output=True, text=True).stdout.strip()
