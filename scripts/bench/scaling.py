"""Section 4: every star page copied to <star>-copyK (K = 2..N) and put in the nav; build time and memory."""
from __future__ import annotations

import shutil
from pathlib import Path

from .common import PY, log, read_yaml
from .measure import run_measured, series
from .project import copy_of, drop_language_caches, set_nav


def scaled_project(base: Path, dst: Path, factor: int) -> tuple[Path, int]:
    """A copy of base with every star page copied factor-1 times (<star>-copyK.md, K = 2..factor)."""
    project = copy_of(dst, base, with_cache=True)
    report_yml = project / "site_src" / "report.yml"
    report = read_yaml(report_yml)
    stars = [s["id"] for s in report.get("stars") or []]
    nav = list(report["nav"])
    added = []
    for k in range(2, factor + 1):
        for star in stars:
            for lang in report["languages"]:
                src = project / "site_src" / "pages" / lang / f"{star}.md"
                shutil.copy2(src, src.with_name(f"{star}-copy{k}.md"))
            added.append(f"{star}-copy{k}")
    last_star = max((nav.index(s) for s in stars if s in nav), default=len(nav) - 1)
    set_nav(report_yml, nav[: last_star + 1] + added + nav[last_star + 1:])
    return project, len(added)


def scaled_builds(project: Path, factor: int, runs: int) -> dict:
    """`runs` builds of a scaled copy, each with MkDocs and Pagefind for every language (their caches
    emptied first); the row of the results (refused: the build's error)."""
    row: dict = {}
    rs = []
    for i in range(runs):
        drop_language_caches(project)
        r = run_measured(project, [PY, "build.py"], timeout=3600)
        if r["rc"] != 0:
            log(f"  x{factor}: the build refused (exit {r['rc']}): {r['stderr'].strip()[-600:]}")
            row.update(refused=True, error=r["stderr"][-3000:])
            break
        rs.append(r)
        log(f"  x{factor} run {i + 1}/{runs}: {r['wall']:.2f} s, {r['pages']} pages, "
            f"peak {r['maxrss_kb'] / 1024:.0f} MB")
    if rs:
        s = series(rs)
        row.update(s)
        row["seconds_per_page"] = round(s["median_s"] / s["pages"], 4) if s["pages"] else None
    return row


def scaling(base: Path, work: Path, factors: list[int], runs: int) -> dict:
    """Build time, peak memory and time per page for each factor. The first run after the copy also draws
    the share images of the copies, later runs find them in the cache."""
    results = []
    for f in factors:
        project, added = scaled_project(base, work / f"scale-x{f}", f)
        results.append({"factor": f, "star_page_copies_added": added, **scaled_builds(project, f, runs)})
        shutil.rmtree(project, ignore_errors=True)
    return {"factors": factors, "runs": runs, "results": results, "ratios": ratios(results),
            "accepted": all(not r.get("refused") for r in results)}


def ratios(results: list[dict]) -> dict:
    """Per factor > 1: time and memory over those of x1, and time over N times x1's (1 = linear)."""
    one = next((r for r in results if r["factor"] == 1 and r.get("median_s")), None)
    out = {}
    for r in results:
        if one and r["factor"] > 1 and r.get("median_s"):
            out[f"x{r['factor']}"] = {"time_ratio": round(r["median_s"] / one["median_s"], 2),
                                      "vs_linear": round(r["median_s"] / (r["factor"] * one["median_s"]), 3),
                                      "memory_ratio": round(r["peak_rss_mb"] / one["peak_rss_mb"], 2)}
    return out
