"""Smoke test of scripts/benchmark.py --quick: it runs to the end and writes every section.

No timing is asserted (speed goals are not tests); only that each number exists and is positive.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import checkers

ROOT = Path(__file__).resolve().parent.parent


def test_benchmark_quick(tmp_path):
    checkers.need_tool("playwright (Python package)", checkers.have_playwright(),
                       "pip install -r requirements-test.txt; never let Playwright download its own browser")
    checkers.need_tool(f"chromium at {checkers.CHROMIUM}", checkers.CHROMIUM.is_file(), "apt-get install chromium")
    out = tmp_path / "b.json"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "benchmark.py"), "--quick", "--skip-lighthouse",
                           "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-5000:]
    res = json.loads(out.read_text(encoding="utf-8"))
    assert (tmp_path / "b.md").is_file(), "the Markdown summary is written beside the JSON"

    # 1. page weight (quick: the home, first star and overview pages of each language, and the root)
    pw = res["page_weight"]
    paths = pw["sitemap_paths"]
    for lang in ("zh", "en"):
        assert {f"/{lang}/", f"/{lang}/industry/", f"/{lang}/overview/"} <= set(paths), (lang, paths)
    assert "/" in paths
    rows = {r["path"]: r for r in pw["pages"]}
    assert set(rows) == set(paths)
    for p, r in rows.items():
        for state in ("initial", "with_charts"):
            assert r[state]["bytes"] > 0 and r[state]["requests"] > 0, (p, state, r[state])
        assert r["with_charts"]["bytes"] >= r["initial"]["bytes"], p
        assert r["verdict"] in ("PASS", "OVER"), p
    assert any(r["kind"] == "star" for r in rows.values())

    # 2. build times
    bt = res["build_times"]
    for key in ("cold_full_build", "unchanged_rebuild", "every_language_rebuilt", "one_paragraph_changed",
                "one_zh_paragraph_changed"):
        assert bt[key]["median_s"] > 0 and bt[key]["pages"] > 0, key
    assert bt["plain_mkdocs_builtin_theme"]["total_median_s"] > 0
    assert bt["plain_mkdocs_same_config"]["total_median_s"] > 0, "the build's own MkDocs config was not captured"
    assert "ratio_warm_build_to_plain_mkdocs" in bt

    # 3. preview latency
    assert res["preview_latency"]["median_s"] > 0
    assert res["preview_latency"]["zh"]["median_s"] > 0

    # 4. scaling: x1 and x2 (quick), each with a time, peak memory and time per page
    sc = res["scaling"]
    assert [r["factor"] for r in sc["results"]] == [1, 2]
    for r in sc["results"]:
        if r.get("refused"):
            assert r["error"], r
            continue
        assert r["median_s"] > 0 and r["peak_rss_mb"] > 0 and r["seconds_per_page"] > 0, r
    assert "ratios" in sc

    assert res["lighthouse"]["skipped"] is True

    # 6. a portal of 2 and 4 generated reports (quick): cold, unchanged and one-edit builds, what each built
    po = res["portal"]
    assert [r["reports"] for r in po["results"]] == [2, 4]
    for r in po["results"]:
        n = r["reports"]
        assert (r["cold"]["reports_built"], r["unchanged"]["reports_built"]) == (n, 0), r
        assert (r["one_report_edited"]["reports_built"], r["one_report_edited"]["reports_taken"]) == (1, n - 1), r
        assert r["output"]["html_files"] > 40 * n and r["plain_mkdocs"]["rc"] == 0, r
    assert po["time_per_report_ratio"] > 0
    assert "## 6. A portal of reports" in (tmp_path / "b.md").read_text(encoding="utf-8")
