"""Paths, budgets and small helpers shared by the benchmark's sections."""
from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
CHROMIUM = Path(os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
KB = 1024
BUDGET_STAR = 60 * KB       # a star page (or another page with charts), before any interaction
BUDGET_PLAIN = 60 * KB      # a page without charts, before any interaction


def log(msg: str) -> None:
    """Progress, on stderr (stdout gets the summary)."""
    print(msg, file=sys.stderr, flush=True)


def median(xs: list[float]) -> float | None:
    """The median rounded to milliseconds; None for no values."""
    return round(statistics.median(xs), 3) if xs else None


def read_yaml(path: Path):
    """A YAML file of a project copy."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))
