"""The command line: every section on a copy of the project, results as JSON and as a Markdown summary."""
from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .builds import build_times
from .common import ROOT, log
from .lighthouse import lighthouse
from .machine import date_utc, load_average, machine_info
from .method import METHOD
from .portal import portal_section
from .preview import preview_latency
from .project import copy_of, output_dirs, star_ids
from .report import markdown
from .scaling import scaling
from .weight import page_weights

USAGE = """Benchmark the site generator: page weight, build time, preview latency, scaling, Lighthouse.

Prints the results as tables and writes them to --out (JSON) and to a Markdown summary beside it (same
name, .md). Everything that builds runs on a COPY of the project in a temporary folder: this checkout's
site/, docs/ and build cache are never read or written. The only thing written in the checkout besides
the results is the Lighthouse install in .cache/bench-tools/ (on demand, for the full run).

--quick: one run of each, page weight of the home, first star and overview pages only, scaling x1 and
x2 only, no Lighthouse (the smoke test uses it)."""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The benchmark's options."""
    ap = argparse.ArgumentParser(prog="benchmark.py", description=USAGE,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true",
                    help="one run of each, 3 pages per language, scaling x1 and x2, no Lighthouse")
    ap.add_argument("--skip-lighthouse", action="store_true")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "latest.json"), help="the JSON results file")
    ap.add_argument("--keep", action="store_true", help="keep the temporary project copies")
    ap.add_argument("--only", choices=["portal"], help="run only this section and update its results in --out "
                    "(the other sections' results stay as they are)")
    ap.add_argument("--portal-sizes", default=None, help="reports per portal, e.g. 10,50,200 (the default; "
                    "--quick: 2,4)")
    ap.add_argument("--markdown-only", action="store_true",
                    help="measure nothing: rewrite the Markdown summary from the JSON results file (--out)")
    return ap.parse_args(argv)


def write_results(out: Path, res: dict) -> str:
    """The results as JSON in out and as Markdown beside it; the Markdown."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    md = markdown(res)
    out.with_suffix(".md").write_text(md, encoding="utf-8")
    return md


def portal_sizes(args: argparse.Namespace) -> list[int]:
    text = args.portal_sizes or ("2,4" if args.quick else "10,50,200")
    return [int(x) for x in text.split(",")]


def run_sections(res: dict, work: Path, args: argparse.Namespace) -> None:
    """Every section (or only --only) on copies of the project, its results and seconds into res."""
    quick, skip_lighthouse = args.quick, args.skip_lighthouse
    sections = res.setdefault("section_seconds", {})

    def section(key: str, title: str, fn: Callable[..., dict], *args) -> None:
        log(title)
        t0 = time.monotonic()
        res[key] = fn(*args)
        sections[key] = round(time.monotonic() - t0, 1)

    sizes = portal_sizes(args)
    lh_runs = 0 if quick or skip_lighthouse else 3
    if args.only == "portal":
        section("portal", f"[6/6] portal of {sizes} reports", portal_section, work, sizes, lh_runs)
        return
    base = copy_of(work / "project")
    stars = star_ids(base)
    runs = 1 if quick else 3

    # the build section comes first: it leaves the copy's site/ built, which section 1 measures
    section("build_times", f"[2/5] build time ({runs} run(s) each) in {base}", build_times, base, work, runs)
    site = output_dirs(base)[1]
    section("page_weight", "[1/5] page weight", page_weights, site, stars, quick)
    edits = 1 if quick else 5
    section("preview_latency", f"[3/5] preview latency ({edits} edit(s))", preview_latency, base, work, edits)
    # a report has at most limits.PAGES (100) pages a language: ×16 makes 89 (the portal is how reports scale past it)
    factors = [1, 2] if quick else [1, 10, 16]
    section("scaling", f"[4/5] scaling {factors}", scaling, base, work, factors, runs)
    if quick or skip_lighthouse:
        res["lighthouse"] = {"skipped": True, "reason": "--quick" if quick else "--skip-lighthouse"}
    else:
        section("lighthouse", "[5/5] Lighthouse", lighthouse, site, work, 3, stars[0] if stars else "industry")
    section("portal", f"[6/6] portal of {sizes} reports", portal_section, work, sizes, lh_runs)


def main(argv: list[str] | None = None) -> int:
    """Measure (or, with --markdown-only, only rewrite the summary); 0 when done."""
    args = parse_args(argv)
    out = Path(args.out).resolve()
    if args.markdown_only:
        res = json.loads(out.read_text(encoding="utf-8"))
        res["method"] = METHOD
        write_results(out, res)
        print(f"rewrote {out.with_suffix('.md')} from {out}")
        return 0
    t_start = time.monotonic()
    res: dict = {"schema": 1, "mode": "quick" if args.quick else "full", "date": date_utc(),
                 "machine": machine_info(), "load_average": {"start": load_average()}, "method": METHOD}
    if args.only and out.is_file():  # the other sections' results, as they were measured
        res = {**json.loads(out.read_text(encoding="utf-8")), "method": METHOD}
        res.setdefault("section_dates", {})[args.only] = date_utc()
        res["load_average"][f"{args.only}_start"] = load_average()
    work = Path(tempfile.mkdtemp(prefix="site-bench-"))
    try:
        run_sections(res, work, args)
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if args.only:
        res["load_average"][f"{args.only}_end"] = load_average()
    else:
        res["load_average"]["end"] = load_average()
        res["duration_s"] = round(time.monotonic() - t_start, 1)
    print(write_results(out, res))
    log(f"wrote {out} and {out.with_suffix('.md')}")
    return 0
