"""One page in Debian Chromium (Playwright): the bytes it costs before any interaction, and with every
chart drawn. The bytes are the server's count (server.GzipServer); Chromium's own is a cross-check."""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from .common import CHROMIUM, log
from .server import GzipServer

CHROMIUM_ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 390, "height": 844}
# JavaScript run in the page: how many charts there are, how many drew, how many failed
CHARTS_STATE_JS = """() => {
  const boxes = [...document.querySelectorAll('.chart-live[data-spec]')];
  const live = boxes.filter(b => { const c = b.closest('.chart'); return c && c.classList.contains('is-live'); });
  const failed = boxes.filter(b => b.hidden && b.getAttribute('data-drawn'));
  return {charts: boxes.length, live: live.length, failed: failed.length};
}"""
# JavaScript run in the page: scroll by `step` pixels; whether the bottom is reached
SCROLL_JS = """(step) => { window.scrollBy(0, step);
  return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2; }"""
SCROLL_STEP_PX, SCROLL_PAUSE_MS, SCROLL_MAX = 400, 80, 400  # slowly: half a screen every 80 ms
CHARTS_TIMEOUT_MS = 45000


@contextmanager
def chromium() -> Iterator:
    """Debian Chromium (never a browser Playwright downloads), launched headless."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def resource_kind(path: str, ctype: str) -> str:
    """The kind a response is counted under: plotly.js, html, css, js, image, font or data."""
    if "plotly" in path:
        return "plotly.js"
    if ctype == "text/html":
        return "html"
    if ctype == "text/css":
        return "css"
    if "javascript" in ctype:
        return "js"
    if ctype.startswith("image/"):
        return "image"
    if ctype.startswith("font/") or path.endswith((".woff", ".woff2", ".ttf", ".otf")):
        return "font"
    return "data"


def summarize_records(records: list[dict]) -> dict:
    """Total bytes on the wire (headers + body), requests, and bytes per resource type."""
    by_type: dict[str, int] = {}
    for r in records:
        kind = resource_kind(r["path"], r["type"])
        by_type[kind] = by_type.get(kind, 0) + r["header_bytes"] + r["body_bytes"]
    return {"bytes": sum(r["header_bytes"] + r["body_bytes"] for r in records),
            "body_bytes": sum(r["body_bytes"] for r in records),
            "uncompressed_bytes": sum(r["raw_bytes"] for r in records),
            "requests": len(records), "by_type": dict(sorted(by_type.items())),
            "files": [f"{r['path']} {r['header_bytes'] + r['body_bytes']}" + (" gz" if r["gzip"] else "")
                      + ("" if r["status"] == 200 else f" HTTP {r['status']}") for r in records]}


def browser_bytes(requests: list) -> int:
    """Cross-check from Chromium's side: responseHeadersSize + responseBodySize (encoded) per request."""
    from playwright.sync_api import Error

    total = 0
    for r in requests:
        try:
            s = r.sizes()
        except Error:  # a request that failed or was cancelled has no sizes: it adds nothing
            continue
        total += max(s.get("responseHeadersSize", 0), 0) + max(s.get("responseBodySize", 0), 0)
    return total


def wait_network_idle(page, inflight: set, server: GzipServer, quiet_ms: int = 500, limit_s: float = 45) -> bool:
    """Until no request is in flight and the server wrote nothing for quiet_ms (False on timeout)."""
    deadline = time.monotonic() + limit_s
    last_n, last_change = -1, time.monotonic()
    while time.monotonic() < deadline:
        page.wait_for_timeout(50)  # lets Playwright deliver its events
        n = len(server.take())
        if n != last_n or inflight:
            last_n, last_change = n, time.monotonic()
        elif (time.monotonic() - last_change) * 1000 >= quiet_ms:
            return True
    return False


def reach_every_chart(page, charts: int, path: str) -> None:
    """Scroll slowly to the bottom and point at each chart (charts.js fetches plotly.js when a reader
    reaches for one); wait until every chart drew or failed."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(SCROLL_MAX):
        if page.evaluate(SCROLL_JS, SCROLL_STEP_PX):
            break
        page.wait_for_timeout(SCROLL_PAUSE_MS)
    for fig in page.locator("figure.chart").all():
        fig.scroll_into_view_if_needed()
        fig.hover()
    if charts:
        try:
            page.wait_for_function(f"() => ({CHARTS_STATE_JS})().live + ({CHARTS_STATE_JS})().failed >= {charts}",
                                   timeout=CHARTS_TIMEOUT_MS)
        except PlaywrightTimeout:  # recorded as charts_live < charts
            log(f"  {path}: not every chart drew within {CHARTS_TIMEOUT_MS / 1000:.0f} s")


def measure_page(browser, server: GzipServer, path: str) -> dict:
    """One page in a fresh browser context (empty cache): weight before interaction, then after every
    chart loaded plotly.js and drew."""
    ctx = browser.new_context(viewport=VIEWPORT, device_scale_factor=1, service_workers="block")
    page = ctx.new_page()
    inflight: set = set()
    reqs: list = []
    page.on("request", lambda r: (inflight.add(r), reqs.append(r)))
    page.on("requestfinished", lambda r: inflight.discard(r))
    page.on("requestfailed", lambda r: inflight.discard(r))
    out = {"path": path, "idle": True}
    t0 = time.monotonic()
    try:
        server.reset()
        resp = page.goto(server.base + path, wait_until="load", timeout=45000)
        out["status"] = resp.status if resp else None
        out["idle"] &= wait_network_idle(page, inflight, server)
        out["initial"] = summarize_records(server.take())
        out["initial"]["browser_bytes"] = browser_bytes(reqs)
        out["charts"] = page.evaluate(CHARTS_STATE_JS)["charts"]
        reach_every_chart(page, out["charts"], path)
        out["idle"] &= wait_network_idle(page, inflight, server)
        out["charts_live"] = page.evaluate(CHARTS_STATE_JS)["live"]
        out["with_charts"] = summarize_records(server.take())
        out["with_charts"]["browser_bytes"] = browser_bytes(reqs)
    finally:
        ctx.close()
    out["seconds"] = round(time.monotonic() - t0, 2)
    return out
