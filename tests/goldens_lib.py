"""Render the real project's pages in-process, as the build writes them into docs/ (for golden files)."""
from __future__ import annotations

from pathlib import Path

import yaml

from sitegen.check.report import read_report
from sitegen.problems import Problems
from sitegen.read.paths import Paths
from sitegen.render.pages import Renderer

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "goldens"


def rendered_pages() -> dict[str, str]:
    """docs-relative path -> text of every generated page."""
    paths = Paths.default(ROOT)
    problems = Problems()
    report = read_report(paths, problems)
    assert report is not None and not problems, "\n".join(map(str, problems.items))
    out = {}
    for p in Renderer(report, paths.templates).render_all():
        front = yaml.safe_dump(p.front, allow_unicode=True, sort_keys=True)
        out[f"{p.lang}/{p.path}"] = f"---\n{front}---\n\n{p.body}\n"
    return out
