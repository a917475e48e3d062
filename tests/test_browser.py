"""The built site in a real browser (Debian Chromium through Playwright, ONE browser and ONE
http.server per session). Every page of sitemap.xml in both languages, the root language chooser and
both 404 pages are visited ONCE (module fixture `visits`); each test below asserts one gate over all
pages and lists every failing page. The same gate functions must fail on tests/fixtures/broken/."""
from __future__ import annotations

import dataclasses
import json
import time

import pytest

import checkers
from checkers import assert_no_problems, report

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 360, 740


@pytest.fixture(scope="module")
def pages(built_site) -> list[str]:
    paths = checkers.pages_to_visit(built_site)
    assert len(paths) >= 5, f"sitemap.xml lists too few pages: {paths}"
    return paths


@pytest.fixture(scope="module")
def visits(chromium, site_url, pages):
    """One visit per page: load at 360x740, charts, overflow, axe-core, screenshots, language switch."""
    axe = checkers.AXE_JS.read_text(encoding="utf-8") if checkers.AXE_JS.is_file() else None
    checkers.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in checkers.SCREENSHOTS.glob("*.png"):
        old.unlink()
    t0 = time.monotonic()
    result = checkers.visit_pages(chromium, site_url, pages, axe_source=axe,
                                  shots_dir=checkers.SCREENSHOTS, width=WIDTH, height=HEIGHT)
    (checkers.SCREENSHOTS.parent / "browser-visits.json").write_text(
        json.dumps([dataclasses.asdict(v) for v in result.values()], indent=1, ensure_ascii=False),
        encoding="utf-8")
    print(f"\nvisited {len(result)} pages in {time.monotonic() - t0:.1f} s; slowest: "
          + ", ".join(f"{v.path} {v.seconds:.1f}s"
                      for v in sorted(result.values(), key=lambda v: -v.seconds)[:3]))
    return result


def test_every_built_page_is_visited(built_site, pages):
    """sitemap.xml (+ root and 404 pages) must cover every built HTML file, else pages go unchecked."""
    _, _, sitemap_problems = checkers.read_sitemap(built_site)
    seen = set(pages)
    missing = [f"{f.relative_to(built_site).as_posix()}: not in sitemap.xml, so never checked in the browser"
               for f in checkers.html_files(built_site) if checkers.url_path(built_site, f) not in seen]
    langs = {p.split("/")[1] for p in pages if p.count("/") >= 2}
    lang_problems = [f"sitemap.xml: no page under /{lang}/" for lang in checkers.LANGS if lang not in langs]
    problems = sitemap_problems + missing + lang_problems
    assert_no_problems("pages left out of the browser checks", problems)


def test_pages_load_without_errors(visits):
    """No console error, no uncaught exception, no failed request, no request to another host."""
    problems = checkers.load_problems(visits)
    assert_no_problems("pages with console errors, failed or off-host requests", problems)


def test_no_horizontal_overflow_at_360(visits):
    problems = checkers.overflow_problems(visits, WIDTH)
    assert_no_problems(f"pages wider than a {WIDTH} px phone", problems)


def test_language_switch_lands_on_same_page(visits, built_site):
    _, sitemap, _ = checkers.read_sitemap(built_site)
    required = [p for p in sitemap if checkers.other_language(p)]
    assert required, "no /zh/ or /en/ page in sitemap.xml"
    problems = checkers.lang_switch_problems(visits, required)
    assert_no_problems("language switch problems", problems)


def test_charts_render(visits):
    """Each figure.chart, scrolled into view and hovered, gets its Plotly chart (.js-plotly-plot inside)."""
    assert sum(v.charts for v in visits.values()) > 0, "no figure.chart on any page: nothing was checked"
    problems = checkers.chart_problems(visits)
    assert_no_problems("charts that did not render", problems)


def test_screenshots_written(visits):
    problems = checkers.screenshot_problems(visits)
    assert_no_problems(f"screenshots missing under {checkers.SCREENSHOTS}", problems)


def test_axe_no_serious_or_critical_violations(visits, axe_source, capsys):
    rest = checkers.axe_problems(visits, impacts=("moderate", "minor", None))
    if rest:
        with capsys.disabled():
            print(f"\naxe-core moderate/minor violations (not failing): {len(rest)}\n  " + "\n  ".join(rest))
    problems = checkers.axe_problems(visits)
    assert_no_problems("axe-core serious/critical violations", problems)


# ---- the gates must fail on the broken fixture -------------------------------------------------

@pytest.fixture(scope="module")
def broken_visits(chromium, broken_site):
    """The broken fixture, served by its own small http.server (the real site's server is untouched)."""
    axe = checkers.AXE_JS.read_text(encoding="utf-8") if checkers.AXE_JS.is_file() else None
    with checkers.serve(broken_site) as base:
        return checkers.visit_pages(chromium, base, ["/index.html", "/page.html"], axe_source=axe)


def test_browser_gate_fails_on_broken_fixture(broken_visits):
    problems = checkers.load_problems(broken_visits)
    assert any(p.startswith("/index.html:") and "another host" in p and "cdn.jsdelivr.net" in p
               for p in problems), report("the off-host <script src> request was not reported", problems)
    assert not any(p.startswith("/page.html:") for p in problems), \
        report("page.html has no load problem, yet some were reported", problems)


def test_axe_gate_fails_on_broken_fixture(broken_visits, axe_source):
    problems = checkers.axe_problems(broken_visits)
    assert any(p.startswith("/page.html:") and "image-alt" in p for p in problems), \
        report("axe-core image-alt was not reported for page.html", problems)


@pytest.mark.browser
def test_plotly_is_not_fetched_before_interaction(visits):
    """The first paint and the page weight never pay for plotly.js: it loads when a reader reaches for a chart."""
    early = [p for p, v in visits.items() if v.plotly_before_interaction]
    assert not early, "plotly.js fetched before any interaction on: " + ", ".join(early)
