"""Section 1: the weight of every page (sitemap.xml and the root chooser) against its budget."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from .browser import chromium, measure_page
from .common import BUDGET_PLAIN, BUDGET_STAR, KB, log
from .server import gzip_server


def sitemap_paths(site: Path) -> list[str]:
    """URL paths of every <loc> of sitemap.xml, then the root chooser '/'."""
    paths = []
    for el in ET.parse(site / "sitemap.xml").iter():
        if el.tag.rsplit("}", 1)[-1] == "loc" and el.text:
            p = urlsplit(el.text.strip()).path or "/"
            if p not in paths:
                paths.append(p)
    if "/" not in paths:
        paths.append("/")
    return paths


def slug_of(path: str) -> str:
    """The page slug of a URL path ("" for a language's home and the root)."""
    parts = [x for x in path.split("/") if x]
    return parts[1] if len(parts) > 1 else ""


def quick_paths(paths: list[str], star_ids: list[str]) -> list[str]:
    """The root and, per language, the home, the first star page and the overview."""
    keep = {"", star_ids[0] if star_ids else "", "overview"}
    return [p for p in paths if slug_of(p) in keep]


def judge(row: dict, star_ids: list[str]) -> dict:
    """The row with its language, kind, budget and verdict."""
    parts = [x for x in row["path"].split("/") if x]
    row["lang"] = parts[0] if parts else ""
    if slug_of(row["path"]) in star_ids:
        row["kind"], row["budget_bytes"] = "star", BUDGET_STAR
    elif row.get("charts"):
        row["kind"], row["budget_bytes"] = "charts", BUDGET_STAR  # not a star page: star budget
    else:
        row["kind"], row["budget_bytes"] = "no charts", BUDGET_PLAIN
    row["verdict"] = "PASS" if row["initial"]["bytes"] <= row["budget_bytes"] else "OVER"
    return row


def page_weights(site: Path, star_ids: list[str], quick: bool = False) -> dict:
    """Every sitemap page + the root (quick: see quick_paths), both states, against the budgets."""
    paths = sitemap_paths(site)
    if quick:
        paths = quick_paths(paths, star_ids)
    rows = []
    with gzip_server(site) as server, chromium() as browser:
        for path in paths:
            row = judge(measure_page(browser, server, path), star_ids)
            rows.append(row)
            log(f"  {path:<22} {row['initial']['bytes'] / KB:7.1f} KB {row['initial']['requests']:3d} req"
                f"  | with charts {row['with_charts']['bytes'] / KB:7.1f} KB {row['with_charts']['requests']:3d}"
                f" req  {row['verdict']}")
    return {"sitemap_paths": paths, "pages": rows, "kb": KB,
            "budgets": {"star_bytes": BUDGET_STAR, "no_charts_bytes": BUDGET_PLAIN}, "summary": summary(rows)}


def summary(rows: list[dict]) -> dict:
    """Passes, overs, the heaviest star page and page without charts, and plotly.js's own weight."""
    star_rows = [r for r in rows if r["kind"] == "star"]
    plain_rows = [r for r in rows if r["kind"] == "no charts"]
    return {"pass": sum(r["verdict"] == "PASS" for r in rows), "over": sum(r["verdict"] == "OVER" for r in rows),
            "star_max_bytes": max((r["initial"]["bytes"] for r in star_rows), default=0),
            "no_charts_max_bytes": max((r["initial"]["bytes"] for r in plain_rows), default=0),
            "plotly_gzip_bytes": max((r["with_charts"]["by_type"].get("plotly.js", 0) for r in rows), default=0)}
