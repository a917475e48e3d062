"""The example portal passes the project's gates as a report does: the Nu Html Checker on every page (the portal's
own and its reports'), every internal link and #fragment, and in Chromium its own pages (the index and comparison
of each language, the root and the 404) and pages of each report in it load with no error and no request to another
host, with no serious or critical axe-core violation."""
from __future__ import annotations

from pathlib import Path

import pytest

import checkers
from checkers import assert_no_problems
from conftest import build_example_portal


@pytest.fixture(scope="module")
def portal_site(tmp_path_factory) -> Path:
    """The example portal, its search in one bundle per report (so that the search merges bundles)."""
    from sitegen.portal import search
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(search, "MIN_BUCKET", 1)
        site = build_example_portal(tmp_path_factory.mktemp("portal-gates") / "project") / "site-portal"
    assert (site / "pagefind-zh-2").is_dir()
    return site


def own_pages(site: Path) -> list[str]:
    """The portal's own pages (not its reports'): root, 404, each language's index, search and comparisons."""
    pages = ["/", "/404.html"]
    for lang in checkers.LANGS:
        pages += [f"/{lang}/", f"/{lang}/search/"]
        pages += [f"/{lang}/compare/{d.name}/" for d in sorted((site / lang / "compare").iterdir())]
    return pages


def test_nu_finds_no_error_in_any_page_of_the_portal(portal_site, vnu_jar):
    with checkers.serve(portal_site) as base:
        errors, _ = checkers.vnu_problems(checkers.run_vnu(vnu_jar, checkers.page_urls(portal_site, base)),
                                          portal_site, base)
    assert_no_problems("Nu Html Checker errors in the portal", errors)


def test_every_link_and_fragment_of_the_portal_resolves(portal_site):
    assert_no_problems("broken links in the portal", checkers.check_links(portal_site))


def report_pages(site: Path) -> list[str]:
    """Pages of each report as the portal publishes them (its home, overview and article in each language): the
    same gates in the portal as at a report's own address."""
    slugs = sorted(p.parent.name for p in site.glob("*/.sitegen-report.json"))
    return [f"/{slug}/{lang}/{page}" for slug in slugs for lang in checkers.LANGS
            for page in ("", "overview/", "article/")]


def test_the_portals_pages_load_cleanly_and_pass_axe(portal_site, chromium, axe_source):
    """The portal's own pages and its reports' pages in it: no console error (a CSP violation is one), no request
    off the host, no overflow at 360 px, no serious or critical axe violation."""
    pages = own_pages(portal_site) + report_pages(portal_site)
    assert len(pages) >= 8 + 12, pages
    with checkers.serve(portal_site) as base:
        visits = checkers.visit_pages(chromium, base, pages, axe_source=axe_source)
    assert_no_problems("the portal's pages in Chromium", checkers.load_problems(visits)
                       + checkers.overflow_problems(visits) + checkers.axe_problems(visits))


def test_one_search_finds_the_pages_of_every_report_and_names_each_results_report(portal_site, chromium):
    """The portal's search page in each language: one query, results from both reports (each report's pages in a
    bundle of its own here, merged by the page), each result headed by its report's name and linking to a page of
    that report, in this language."""
    import json
    import re

    queries = {"zh": "平安", "en": "safety"}
    with checkers.serve(portal_site) as base:
        ctx = chromium.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
        page = ctx.new_page()
        off_host = []
        page.on("request", lambda r: off_host.append(r.url) if not r.url.startswith(base) else None)
        try:
            for lang, q in queries.items():
                page.goto(f"{base}/{lang}/search/?q={q}")
                page.wait_for_selector(".search-result", timeout=15000)
                names = json.loads(page.get_attribute("#search", "data-reports"))
                found = page.eval_on_selector_all(".search-result", """els => els.map(e => ({
                    report: (e.querySelector('.search-report') || {}).textContent,
                    href: e.querySelector('.search-result-title a').getAttribute('href')}))""")
                assert found, lang
                slugs = set()
                for r in found:
                    m = re.match(rf"^/([a-z0-9-]+)/{lang}/", r["href"])
                    assert m, r
                    slugs.add(m.group(1))
                    assert r["report"] == names[m.group(1)], r  # named by the report its link leads into
                assert slugs == {"baiyige", "xingfuli"}, (lang, found)
        finally:
            ctx.close()
    assert not off_host
