#!/usr/bin/env python3
"""Benchmark the site generator: page weight, build time, preview latency, scaling, Lighthouse.

    python scripts/benchmark.py [--quick] [--skip-lighthouse] [--out benchmarks/latest.json]

Prints the results as tables and writes them to --out (JSON) and to a Markdown summary beside it
(same name, .md). The code is the package scripts/bench/, one module per section (see its
__init__.py); the "Method" notes written into the Markdown say how each number is measured.

Sections:
  1. page weight   every page of sitemap.xml + the root chooser, loaded in Debian Chromium at
                   390x844 from a local server that gzips text types (level 6); bytes on the wire
                   counted by the server, before any interaction and after scrolling every chart
                   into view (plotly.js loaded); budgets: star page <= 150 KB, page without
                   charts <= 60 KB (KB = 1024 bytes), before interaction
  2. build time    cold (no .cache/, no site/, no docs/), unchanged rebuild, one paragraph changed,
                   and a plain `python -m mkdocs build` per language as the reference
  3. preview       `build.py serve`: edit a unit's English, poll its page every 20 ms
  4. scaling       every star page copied to <star>-copyK (K = 2..N) and put in the nav
  5. Lighthouse    12.2.3, mobile default, median of 3, home / industry / overview, zh and en
--quick: one run of each, page weight of the home, first star and overview pages only, scaling x1 and
x2 only, no Lighthouse (the smoke test uses it).
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # sitegen (the project copies' helper)

from bench.main import main  # noqa: E402  (scripts/, this file's folder, is on the path)

if __name__ == "__main__":
    sys.exit(main())
