"""How each number is measured: written into the results and their Markdown summary."""
from __future__ import annotations

METHOD = [
    "Everything runs on a copy of the project's sources (build.py, mkdocs.yml, seeds/, site_src/, templates/, "
    "sitegen/; made by sitegen/devtools.py, as the tests' copies) in a temporary folder, with this checkout's "
    "Python and its installed tools/ (linked: the Pagefind binary); the checkout's site/, docs/ and .cache/ are "
    "not used.",
    "Page weight: the copy's site/ served by a threaded http.server subclass (scripts/bench/server.py), which "
    "gzips text types (html, css, js, json, svg, xml, csv, txt, wasm) at level 6 when the request accepts gzip "
    "and sets Content-Encoding and Content-Length (PNG and Pagefind's already-compressed files are sent as they "
    "are). The server logs, for every response it writes, the status line + headers + body bytes: that sum is "
    "the number reported (more reliable than the browser's numbers, which miss cancelled requests); Chromium's "
    "own responseHeadersSize + responseBodySize is kept in the JSON as browser_bytes, as a cross-check. Each "
    "page is loaded in a fresh browser context (empty cache) in Debian Chromium via Playwright at 390×844.",
    "Network idle = no request in flight in the browser and nothing written by the server for 500 ms.",
    "Build time: wall-clock of `python build.py` in a fresh process (so Python start-up and imports count); "
    "its CPU time and peak RSS come from wait4() on that process (the largest of build.py's Python and the "
    "children it waits for: the MkDocs worker, Pagefind). Cold = .cache/, site/ and docs/ deleted before each "
    "run; every language rebuilt = .cache/pages-* and .cache/search-* deleted before each run (share cards, "
    "chart specs, QR codes stay cached); one paragraph changed = one unit's English text in "
    "site_src/translations/en.yml given a new word before each run, and the same for the first paragraph of "
    "prose of a Chinese page (letters 甲…癸, not numerals).",
    "Plain MkDocs reference: one more build, `build.py --no-pages-cache --record-mkdocs FILE`, runs MkDocs for "
    "every language and writes down the exact configuration it gives MkDocs per language (our theme, nav, "
    "extra, strict, site_url); that is written to a YAML file and built with `python -m mkdocs build -q -f "
    "FILE` for each language. This is the fairest comparison: the same Markdown, the same theme and templates, "
    "the same MkDocs work — so the ratio shows what the rest of the pipeline (reading and validating the "
    "article and figures, rendering docs/, share images, Pagefind, the atomic swap) costs on top. A build with "
    "MkDocs' built-in `mkdocs` theme over the same docs/ is also given, for scale.",
    "Preview latency: `python build.py serve --port FREE` in the copy; time from writing en.yml (then a Chinese "
    "page) to the first response of the page containing the new word; polled every 20 ms with urllib; 1 s "
    "pause between edits.",
    "Scaling: for K = 2..N every star page of every language is copied to <star>-copyK.md (same front matter, "
    "same star) and added to `nav` in report.yml right after the last star page; .cache/pages-* and "
    ".cache/search-* are deleted before every run, so MkDocs and Pagefind run for every language.",
    "Lighthouse: installed on demand into .cache/bench-tools/ (npm, PUPPETEER_SKIP_DOWNLOAD=1), run with "
    "CHROME_PATH=/usr/bin/chromium against the gzip server, default (mobile) settings, JSON output; the median "
    "of each score and metric over the runs.",
    "Portal: `build.py portal portal-N.yml` in a fresh process per measurement (wall-clock, CPU and peak RSS from "
    "wait4(), as for a report), in a project copy per size; the N reports are the fixture report copied with a "
    "generated place name (zh and pinyin) and safety investment (60–99 万元), their English reviewed again by "
    "`build.py stamp en`. The reports build in parallel processes, one per core; a rebuild takes an unchanged "
    "report's folder from the last build (hard links). Run alone with `python scripts/benchmark.py --only portal`.",
]
