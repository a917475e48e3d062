"""Charts in a real browser, for both reports (this one and tests/fixtures/report2): at 320, 360, 390, 768 and
1366 px, in both languages, the bounding boxes of every chart title, label, value, legend, icon, tile and caption
never overlap and never leave their card — before Plotly draws, after it has drawn, and after a phone is turned
(390 → 1366 → 390) once it has drawn. Loading plotly.js shifts nothing (layout-shift entries of a
PerformanceObserver), Plotly's bars lie exactly on the static chart's marks, and a tap highlights one bar.
Screenshots of every chart page at 390 and 1366 px, before and after a tap, go to test-output/charts/."""
from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

import checkers
from checkers import assert_no_problems
from conftest import copy_project, run_build

pytestmark = pytest.mark.browser

WIDTHS = (320, 360, 390, 768, 1366)
SHOTS = checkers.SCREENSHOTS.parent / "charts"
REPORT2 = Path("tests") / "fixtures" / "report2"

# Every box a reader reads in a chart, by chart; each is named by its kind and text.
BOXES_JS = r"""
() => {
  const parts = ['.chart-title', '.bar-label', '.bar-value', '.bar-track', '.parts-track', '.swatch',
                 '.icon-array', '.tile-num', '.tile-label', '.ctile-icon', 'figcaption > p', '.chart-table > summary'];
  const out = [];
  for (const fig of document.querySelectorAll('figure.chart')) {
    const card = fig.getBoundingClientRect();
    const boxes = [];
    for (const el of fig.querySelectorAll(parts.join(','))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const kind = parts.find(p => el.matches(p));
      const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
      boxes.push({name: kind + (text ? ' "' + text + '"' : ''), l: r.left, t: r.top, r: r.right, b: r.bottom,
                  inside: !!el.closest('figcaption') ? 0 : 1});
    }
    const live = fig.querySelector('.chart-live .main-svg');
    const lr = live ? live.getBoundingClientRect() : null;
    const body = fig.querySelector('.chart-body').getBoundingClientRect();
    out.push({id: fig.id, card: {l: card.left, t: card.top, r: card.right, b: card.bottom}, boxes,
              live: lr ? {l: lr.left, t: lr.top, r: lr.right, b: lr.bottom} : null,
              body: {l: body.left, t: body.top, r: body.right, b: body.bottom},
              top: fig.getBoundingClientRect().top + window.scrollY});
  }
  return out;
}
"""

# The static marks and Plotly's bars drawn over them, in page pixels.
MARKS_JS = r"""
() => [...document.querySelectorAll('figure.chart.is-live')].map(fig => {
  const box = r => { const b = r.getBoundingClientRect(); return [b.left, b.top, b.width, b.height]; };
  return {id: fig.id, marks: [...fig.querySelectorAll('.chart-static [data-mark]')].map(box),
          bars: [...fig.querySelectorAll('.chart-live .barlayer .point path')].map(box)};
})
"""

SHIFT_INIT = r"""
window.__shifts = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) window.__shifts.push({t: e.startTime, v: e.value,
    src: (e.sources || []).map(s => s.node ? (s.node.id || s.node.className || s.node.nodeName) : '?').join(', ')});
}).observe({type: 'layout-shift', buffered: true});
"""


@pytest.fixture(scope="module")
def report2_site(tmp_path_factory) -> Path:
    """The second report, built once in a project copy."""
    base = tmp_path_factory.mktemp("charts-report2")
    project = copy_project(base / "project")
    shutil.copytree(checkers.ROOT / REPORT2, project / REPORT2, ignore=shutil.ignore_patterns("__pycache__"))
    proc = run_build(project, "--content", str(project / REPORT2 / "site_src"), "--out", str(base / "site"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return base / "site"


def chart_pages(site: Path) -> list[str]:
    """URL paths of every built page that shows a chart."""
    return sorted(checkers.url_path(site, f) for f in checkers.html_files(site)
                  if 'class="chart chart-k-' in f.read_text(encoding="utf-8"))


def overlaps(where: str, charts: list[dict]) -> list[str]:
    """Two boxes of one chart that overlap, or a box outside its card, named with page and chart."""
    out = []
    for ch in charts:
        card, boxes = ch["card"], ch["boxes"]
        for b in boxes:
            if (b["l"] < card["l"] - 0.5 or b["r"] > card["r"] + 0.5
                    or b["t"] < card["t"] - 0.5 or b["b"] > card["b"] + 0.5):
                out.append(f"{where}: {ch['id']}: {b['name']} is clipped: it leaves its card "
                           f"({b['l']:.0f}–{b['r']:.0f} px across, card {card['l']:.0f}–{card['r']:.0f})")
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                w = min(a["r"], b["r"]) - max(a["l"], b["l"])
                h = min(a["b"], b["b"]) - max(a["t"], b["t"])
                if w > 0.5 and h > 0.5:
                    out.append(f"{where}: {ch['id']}: {a['name']} overlaps {b['name']} ({w:.0f}×{h:.0f} px)")
        live = ch["live"]
        if live:  # Plotly's drawing is the static chart's size, in its place
            body = ch["body"]
            off = max(abs(live[k] - body[k]) for k in "ltrb")
            if off > 1:
                out.append(f"{where}: {ch['id']}: Plotly's svg is not the static chart's box (off by {off:.0f} px)")
    return out


def marks_problems(where: str, page) -> list[str]:
    """Plotly's bars must lie on the static marks (same position and length, within a pixel)."""
    out = []
    for ch in page.evaluate(MARKS_JS):
        if len(ch["marks"]) != len(ch["bars"]):
            out.append(f"{where}: {ch['id']}: {len(ch['bars'])} Plotly bars for {len(ch['marks'])} static marks")
            continue
        for n, (m, b) in enumerate(zip(ch["marks"], ch["bars"], strict=True)):
            off = max(abs(x - y) for x, y in zip(m, b, strict=False))
            if off > 1.5:
                out.append(f"{where}: {ch['id']}: Plotly's bar {n + 1} is {off:.1f} px off its static mark "
                           f"(static {[round(x) for x in m]}, Plotly {[round(x) for x in b]})")
    return out


def draw_all(page) -> int:
    """Reach for every interactive chart in turn, as a reader does (scrolled into view, so that a layout shift
    would be in the viewport and recorded), and wait until Plotly has drawn it."""
    figs = page.locator("figure.chart:has(.chart-live)")
    n = figs.count()
    for i in range(n):
        fig = figs.nth(i)
        fig.evaluate("f => f.scrollIntoView({block: 'center'})")  # no waiting for 'stable': a broken chart never is
        fig.dispatch_event("pointerenter")
        deadline = time.monotonic() + 20
        # polled from here: wait_for_function would eval a string, which the pages' CSP forbids
        while not fig.evaluate("f => !!f.querySelector('.chart-live .main-svg') && f.classList.contains('is-live')"):
            if time.monotonic() > deadline:  # the checks that follow name the chart that did not draw
                break
            page.wait_for_timeout(30)
    return n


def settle(page) -> None:
    """Fonts loaded and two frames painted."""
    page.evaluate("document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => "
                  "requestAnimationFrame(r))))")


def check_page(page, base: str, path: str, width: int, shots: str = "") -> list[str]:
    """Every state of one page at one width; the problems found (screenshots named after `shots`, if given)."""
    out = []
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base + path, wait_until="load")
    settle(page)
    where = f"{path} at {width} px"
    before = page.evaluate(BOXES_JS)
    out += overlaps(f"{where}, before Plotly", before)
    if shots and width in (390, 1366):
        page.screenshot(path=str(SHOTS / f"{shot_name(shots, path)}-{width}-before.png"), full_page=True)
    t0 = page.evaluate("performance.now()")
    n = draw_all(page)
    page.mouse.move(0, 0)  # no hover label left over the chart
    settle(page)
    shifts = page.evaluate(f"window.__shifts.filter(s => s.t >= {t0})")
    if shifts:
        out.append(f"{where}: loading and drawing Plotly shifted the layout by "
                   f"{sum(s['v'] for s in shifts):.4f} ({'; '.join(s['src'] for s in shifts)[:200]})")
    after = page.evaluate(BOXES_JS)
    out += overlaps(f"{where}, Plotly drawn", after)
    out += marks_problems(f"{where}, Plotly drawn", page)
    moved = [f"{a['id']} by {b['top'] - a['top']:+.0f} px"
             for a, b in zip(before, after, strict=False) if abs(b["top"] - a["top"]) > 0.5]
    if moved:
        out.append(f"{where}: charts moved when Plotly drew: {', '.join(moved)}")
    if n and width == 390:  # a phone turned, once Plotly has drawn, and turned back
        for w in (1366, 390):
            page.set_viewport_size({"width": w, "height": 800})
            page.wait_for_timeout(250)
            settle(page)
            out += overlaps(f"{path} drawn at 390 px, viewed at {w} px", page.evaluate(BOXES_JS))
            out += marks_problems(f"{path} drawn at 390 px, viewed at {w} px", page)
    if shots and width in (390, 1366):  # a page of icons and tiles only has nothing to tap: shot as it is
        out += tap_problems(page, where) if n else []
        page.screenshot(path=str(SHOTS / f"{shot_name(shots, path)}-{width}-tap.png"), full_page=True)
    return out


def tap_problems(page, where: str) -> list[str]:
    """A tap on the first bar of the first interactive chart dims the others (Plotly and the static labels) and shows
    what the static chart cannot: that figure's sentence with its number marked, its meaning, the link to it."""
    fig = page.locator("figure.chart.is-live").first
    bar = fig.locator(".chart-live .barlayer .point path").first
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(150)
    out = []
    dim = fig.locator("[data-row].is-dim").count()
    rows = fig.locator("[data-row]").count()
    if rows > 1 and dim != rows - 1:
        out.append(f"{where}: a tap on {fig.get_attribute('id')}'s first bar dims {dim} of the other {rows - 1} rows")
    shown = [d for d in fig.locator("[data-detail]").all() if d.is_visible()]
    if len(shown) != 1 or shown[0].get_attribute("data-detail") != "0":
        out.append(f"{where}: a tap on {fig.get_attribute('id')}'s first bar shows {len(shown)} details, not its own")
    elif not (shown[0].locator("blockquote mark").count() and shown[0].locator("a[href*='article/#']").count()):
        out.append(f"{where}: the tapped figure's detail has no marked sentence or no link to its paragraph")
    label = fig.locator(".hoverlayer .hovertext")
    if not label.count():
        out.append(f"{where}: a tap on {fig.get_attribute('id')}'s first bar shows no value")
    else:  # the value shown on a tap stays inside the chart's card, on a phone too
        card, box = fig.bounding_box(), label.first.bounding_box()
        if box["x"] < card["x"] - 0.5 or box["x"] + box["width"] > card["x"] + card["width"] + 0.5:
            out.append(f"{where}: {fig.get_attribute('id')}: the tapped value "
                       f"{label.first.text_content()!r} is clipped: it leaves its card")
    return out


def shot_name(report: str, path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", f"{report}{path}".lower()).strip("-")


@pytest.fixture(scope="module", params=["report", "report2"])
def layout_problems(request, chromium) -> tuple[str, list[str], list[str]]:
    """One report's pages with charts, at every width: (report, its chart pages, the problems found). One report
    per fixture instance, so that with pytest -n the two reports are measured by two workers at once."""
    name = request.param
    site = request.getfixturevalue("built_site" if name == "report" else "report2_site")  # only the one measured
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob(f"{name}-*.png"):
        old.unlink()
    paths = chart_pages(site)
    ctx = chromium.new_context()
    ctx.add_init_script(SHIFT_INIT)
    page = ctx.new_page()
    problems = []
    try:
        with checkers.serve(site) as base:
            for path in paths:
                for width in WIDTHS:
                    problems += check_page(page, base, path, width, shots=name)
    finally:
        ctx.close()
    return name, paths, problems


def test_charts_never_overlap_clip_or_shift(layout_problems):
    """No overlap, no clipping, no layout shift, Plotly on the static marks: every chart page of the report."""
    report, paths, problems = layout_problems
    langs = {p.split("/")[1] for p in paths}
    assert langs == {"zh", "en"}, f"{report}: chart pages found only in {langs}: {paths}"
    assert_no_problems(f"chart layout of {report}", problems)


def test_screenshots_of_every_chart_page(layout_problems):
    """Before and after a tap, at 390 and 1366 px, for every chart page of the report."""
    report, paths, _ = layout_problems
    shots = list(SHOTS.glob(f"{report}-*.png"))
    assert len(shots) == len(paths) * 4, f"{len(shots)} screenshots of {report} for {len(paths)} chart pages"
