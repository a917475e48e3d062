"""Page weight before any interaction: every built page with the CSS and scripts it loads (not plotly.js, which is
fetched only when a reader reaches for a chart), gzipped, is within budget: 60 KB for a star page and for every
other page (KB = 1024 bytes). scripts/benchmark.py measures the same in a browser; this is the quick gate."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

import checkers

BUDGET = 60 * 1024
ASSET = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*\ssrc)="([^"]+)"')


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weight(site: Path, page: Path) -> tuple[int, list[str]]:
    """Gzipped bytes of the page and the stylesheets and scripts it loads by itself."""
    html = page.read_text(encoding="utf-8")
    total, parts = gz(html.encode("utf-8")), []
    for ref in sorted(set(ASSET.findall(html))):
        target = (page.parent / ref).resolve()
        if target.is_file() and site.resolve() in target.parents:
            total += gz(target.read_bytes())
            parts.append(target.name)
    return total, parts


def test_every_page_within_budget_before_interaction(built_site):
    over, sizes = [], {}
    for page in checkers.html_files(built_site):
        size, parts = page_weight(built_site, page)
        sizes[checkers.url_path(built_site, page)] = size
        if size > BUDGET:
            over.append(f"{checkers.url_path(built_site, page)}: {size / 1024:.1f} KB gzipped ({', '.join(parts)})")
        assert not any("plotly" in p for p in parts), f"{page}: plotly.js loaded before interaction"
    assert len(sizes) >= 20
    assert not over, "pages over 60 KB gzipped before interaction:\n" + "\n".join(over)
    print("heaviest:", ", ".join(f"{p} {s / 1024:.1f} KB" for p, s in sorted(sizes.items(), key=lambda x: -x[1])[:4]))
