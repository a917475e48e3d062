"""Quality gates on the built files (no browser): Nu Html Checker on every page and stylesheet, and an
own crawl of every internal link and #fragment. Each gate also runs on tests/fixtures/broken/ and must
fail there, naming the page and the problem."""
from __future__ import annotations

import pytest

import checkers
from checkers import assert_no_problems, report


def _print(capsys, title: str, lines: list[str]) -> None:
    """Show non-failing findings in the test output even when pytest captures it."""
    if lines:
        with capsys.disabled():
            print(f"\n{title}: {len(lines)}\n  " + "\n  ".join(lines))


@pytest.fixture(scope="module")
def vnu_site(vnu_jar, built_site, site_url):
    """Two JVMs side by side: vnu.jar on every HTML page at once (fetched from the session's
    http.server, so the meta-CSP checks see real http: URLs), and vnu.jar --css on every CSS file."""
    html = checkers.page_urls(built_site, site_url)
    css = sorted(built_site.rglob("*.css"))
    assert html and css, f"no HTML or no CSS file in {built_site}"
    procs = {"html": checkers.start_vnu(vnu_jar, html), "css": checkers.start_vnu(vnu_jar, css, css=True)}
    return {k: checkers.vnu_problems(checkers.finish_vnu(p), built_site, site_url) for k, p in procs.items()}


def test_vnu_html_no_errors(vnu_site, capsys):
    errors, warnings = vnu_site["html"]
    _print(capsys, "Nu Html Checker warnings (not failing)", warnings)
    assert_no_problems("Nu Html Checker errors in the built HTML", errors)


def test_vnu_css_no_errors(vnu_site, capsys):
    errors, warnings = vnu_site["css"]
    _print(capsys, "Nu Html Checker CSS warnings (not failing)", warnings)
    assert_no_problems("Nu Html Checker errors in the built CSS", errors)


def test_links_and_fragments_resolve(built_site):
    problems = checkers.check_links(built_site)
    assert_no_problems("broken internal links, fragments or third-party resources", problems)


def test_link_check_covers_the_site(built_site):
    """Guard against a vacuous crawl: it must see every page's links, including #fragments."""
    parsed = {f: checkers._parse(f) for f in checkers.html_files(built_site)}
    frags = [v for p in parsed.values() for (_, _, _, v, kind) in p.refs if kind == "nav" and "#" in v]
    assert len(parsed) >= 5 and frags, "the link crawl found no pages or no #fragment links"


# ---- the gates must fail on the broken fixture -------------------------------------------------

def test_vnu_gate_fails_on_broken_fixture(vnu_jar, broken_site):
    errors, _ = checkers.vnu_problems(
        checkers.run_vnu(vnu_jar, checkers.html_files(broken_site)), broken_site)
    assert any(e.startswith("page.html:") and "“p” end tag" in e for e in errors), \
        report("vnu did not report the <p><div></div></p> nesting error on page.html", errors)
    assert any(e.startswith("page.html:") and "“alt”" in e for e in errors), \
        report("vnu did not report the <img> without alt on page.html", errors)


def test_links_gate_fails_on_broken_fixture(broken_site):
    problems = checkers.check_links(broken_site)
    assert any(p.startswith("index.html:") and "no-such-section" in p and "page.html" in p
               for p in problems), report("missing #fragment not reported", problems)
    assert any(p.startswith("index.html:") and "cdn.jsdelivr.net" in p and "another host" in p
               for p in problems), report("third-party <script src> not reported", problems)
    assert not any("#present" in p for p in problems), report("an existing fragment was reported", problems)
