"""With JavaScript off, every chart's numbers are still there: static bars with values and a real table."""
from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT

FIGURES = yaml.safe_load((ROOT / "site_src" / "figures.yml").read_text(encoding="utf-8"))
CHART_PAGES = sorted({c["page"] for c in FIGURES["charts"]})


def chart_figures(c: dict) -> dict:
    """A chart of figures.yml with its figures (a parts chart's are its relation's total and parts)."""
    if c.get("figures"):
        return c
    rel = next(r for r in FIGURES["relations"] if r["id"] == c["relation"])
    return {**c, "figures": [rel["total"], *rel["parts"]]}


@pytest.mark.browser
def test_charts_readable_without_javascript(chromium, site_url):
    ctx = chromium.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = ctx.new_page()
    problems = []
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    try:
        for lang in ("zh", "en"):
            for slug in CHART_PAGES:
                path = f"/{lang}/{slug}/"
                page.goto(site_url + path)
                charts = [chart_figures(c) for c in FIGURES["charts"] if c["page"] == slug]
                for c in charts:
                    fig = page.locator(f"#chart-{c['id']}")
                    if not fig.is_visible():
                        problems.append(f"{path}: chart {c['id']} not visible")
                        continue
                    bars = fig.locator(".chart-static .bar-value, .chart-static .tile-num")
                    values = [bars.nth(i).inner_text() for i in range(bars.count())]
                    if len(values) != len(c["figures"]) or not all(re.search(r"\d|[一二三四五六七八九十]", v)
                                                                    for v in values):
                        problems.append(f"{path}: chart {c['id']} shows values {values}")
                    rows = fig.locator("table tbody tr").count()
                    if rows != len(c["figures"]):
                        problems.append(f"{path}: chart {c['id']} table has {rows} rows, not {len(c['figures'])}")
                    if fig.locator(".js-plotly-plot").count():
                        problems.append(f"{path}: a Plotly chart was drawn with JavaScript off?")
                if page.evaluate("document.documentElement.scrollWidth") > 360:
                    problems.append(f"{path}: horizontal overflow at 360 px without JavaScript")
    finally:
        ctx.close()
    assert not [u for u in requested if "/assets/plotly." in u], "plotly.js requested with JavaScript off"
    assert not problems, "\n".join(problems)
