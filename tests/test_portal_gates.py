"""The example portal passes the project's gates as a report does: the Nu Html Checker on every page (the portal's
own and its reports'), every internal link and #fragment, and in Chromium its own pages (the index and comparison
of each language, the root and the 404) load with no error and no request to another host, with no serious or
critical axe-core violation."""
from __future__ import annotations

from pathlib import Path

import pytest

import checkers
from checkers import assert_no_problems
from conftest import build_example_portal


@pytest.fixture(scope="module")
def portal_site(tmp_path_factory) -> Path:
    return build_example_portal(tmp_path_factory.mktemp("portal-gates") / "project") / "site-portal"


def own_pages(site: Path) -> list[str]:
    """The portal's own pages (not its reports'): root, 404, each language's index and comparisons."""
    pages = ["/", "/404.html"]
    for lang in checkers.LANGS:
        pages.append(f"/{lang}/")
        pages += [f"/{lang}/compare/{d.name}/" for d in sorted((site / lang / "compare").iterdir())]
    return pages


def test_nu_finds_no_error_in_any_page_of_the_portal(portal_site, vnu_jar):
    with checkers.serve(portal_site) as base:
        errors, _ = checkers.vnu_problems(checkers.run_vnu(vnu_jar, checkers.page_urls(portal_site, base)),
                                          portal_site, base)
    assert_no_problems("Nu Html Checker errors in the portal", errors)


def test_every_link_and_fragment_of_the_portal_resolves(portal_site):
    assert_no_problems("broken links in the portal", checkers.check_links(portal_site))


def test_the_portals_own_pages_load_cleanly_and_pass_axe(portal_site, chromium, axe_source):
    pages = own_pages(portal_site)
    assert len(pages) >= 6, pages
    with checkers.serve(portal_site) as base:
        visits = checkers.visit_pages(chromium, base, pages, axe_source=axe_source)
    assert_no_problems("the portal's pages in Chromium", checkers.load_problems(visits)
                       + checkers.overflow_problems(visits) + checkers.axe_problems(visits))
