"""Section 5: Lighthouse (mobile default) of the home, a star page, the overview and the 一图读懂, per language."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from .common import CHROMIUM, ROOT, log, median
from .server import gzip_server

LH_VERSION = "12.2.3"
LH_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking "
            "--disable-component-update --disable-sync --no-first-run")
BENCH_TOOLS = Path(os.environ.get("BENCH_TOOLS", ROOT / ".cache" / "bench-tools"))
LH_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LH_METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
              "speed-index", "total-byte-weight")


def lighthouse_bin() -> Path:
    """Lighthouse in .cache/bench-tools/ (npm install on first use; no browser download)."""
    exe = BENCH_TOOLS / "node_modules" / ".bin" / "lighthouse"
    pkg = BENCH_TOOLS / "node_modules" / "lighthouse" / "package.json"
    if exe.exists() and pkg.is_file() and json.loads(pkg.read_text()).get("version") == LH_VERSION:
        return exe
    BENCH_TOOLS.mkdir(parents=True, exist_ok=True)
    if not (BENCH_TOOLS / "package.json").exists():
        (BENCH_TOOLS / "package.json").write_text('{"name": "bench-tools", "private": true}\n')
    log(f"  installing lighthouse@{LH_VERSION} into {BENCH_TOOLS} …")
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1", "CHROMEDRIVER_SKIP_DOWNLOAD": "true"}
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", f"lighthouse@{LH_VERSION}"], cwd=BENCH_TOOLS,
                   env=env, check=True, capture_output=True, text=True, timeout=1200)
    return exe


def sample(lhr: dict) -> dict:
    """Scores (0-100), metrics and the audits below 0.9 of one Lighthouse report."""
    scores = {c: round(100 * lhr["categories"][c]["score"]) if lhr["categories"][c]["score"] is not None else None
              for c in LH_CATEGORIES}
    return {**scores, **{m: lhr["audits"][m].get("numericValue") for m in LH_METRICS},
            "failed_audits": sorted(k for k, a in lhr["audits"].items()
                                    if a.get("score") is not None and a.get("score") < 0.9
                                    and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"))}


def run_once(exe: Path, url: str, report: Path) -> dict | None:
    """One Lighthouse run of url (its JSON report written to report); None if it failed."""
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM), "PUPPETEER_SKIP_DOWNLOAD": "1"}
    p = subprocess.run([str(exe), url, "--output", "json", "--output-path", str(report), "--quiet",
                        f"--chrome-flags={LH_FLAGS}"], env=env, capture_output=True, text=True, timeout=600)
    if p.returncode != 0 or not report.is_file():
        log(f"  lighthouse {url}: failed: {p.stderr.strip()[-500:]}")
        return None
    return sample(json.loads(report.read_text()))


def page_row(path: str, samples: list[dict]) -> dict:
    """The median of each score and metric of one page, and every audit below 0.9 in some run."""
    row: dict = {"path": path, "samples": len(samples)}
    for k in LH_CATEGORIES + LH_METRICS:
        vals = [s[k] for s in samples if s.get(k) is not None]
        row[k] = median(vals) if vals else None
    row["below_0.9_audits"] = sorted({a for s in samples for a in s["failed_audits"]})
    return row


def lighthouse(site: Path, work: Path, runs: int, star: str) -> dict:
    """Mobile default, `runs` runs per page, median of each score and metric."""
    exe = lighthouse_bin()
    pages = [f"/{lang}/{slug}" for slug in ("", f"{star}/", "overview/", "explainer/") for lang in ("zh", "en")]
    out = {"version": LH_VERSION, "runs": runs, "preset": "mobile (default, simulated throttling)", "pages": []}
    with gzip_server(site) as server:
        for path in pages:
            samples = []
            for i in range(runs):
                s = run_once(exe, server.base + path, work / f"lh-{path.strip('/').replace('/', '-')}-{i}.json")
                if s is not None:
                    samples.append(s)
                    log(f"  lighthouse {path} run {i + 1}/{runs}: " + " ".join(f"{c}={s[c]}" for c in LH_CATEGORIES))
            out["pages"].append(page_row(path, samples))
    return out
