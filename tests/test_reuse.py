"""Chart pages worth reusing: each chart's own CSV (the rows of the site-wide download, whole links), the licence
report.yml declares (on the about page; without one, whom to ask), and a licence that is no web address refused."""
from __future__ import annotations

import csv
import io
import re

import pytest
import yaml

from conftest import ROOT, build_here

SITE_URL = "https://baiyige-report.example.org"


def rows(path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff"), "a spreadsheet reads the Chinese only with the byte order mark"
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_chart_has_its_csv_equal_to_its_rows_of_the_download(built_site, lang):
    figures = yaml.safe_load((ROOT / "site_src" / "figures.yml").read_text(encoding="utf-8"))
    relations = {r["id"]: r for r in figures.get("relations", [])}
    whole = rows(built_site / lang / "figures.csv")
    by_id = {r[0]: r for r in whole[1:]}
    for chart in figures["charts"]:
        ids = chart.get("figures") or [relations[chart["relation"]]["total"], *relations[chart["relation"]]["parts"]]
        own = rows(built_site / lang / "charts" / chart["id"] / "data.csv")
        assert own[0] == whole[0], chart["id"]
        assert own[1:] == [by_id[i] for i in ids], chart["id"]
    links = [r[-1] for r in whole[1:]]
    assert all(link.startswith(f"{SITE_URL}/{lang}/") for link in links), "a download's links work away from the site"


def test_the_about_page_states_the_licence(built_site):
    zh = (built_site / "zh" / "about" / "index.html").read_text(encoding="utf-8")
    en = (built_site / "en" / "about" / "index.html").read_text(encoding="utf-8")
    link = '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>'
    assert link in zh and link in en
    assert "原文的版权归作者和刊发媒体所有" in zh and "remains the copyright of its authors" in en
    assert f"{SITE_URL}/zh/" in zh and f"{SITE_URL}/en/" in en   # the credit a reuser writes


def test_without_a_licence_the_site_says_whom_to_ask(project):
    report = project / "site_src" / "report.yml"
    text = report.read_text(encoding="utf-8")
    start = text.index("licence:")
    end = text.index("\n\n", start)
    report.write_text(text[:start] + text[end + 2:], encoding="utf-8")
    proc = build_here(project)
    assert proc.returncode == 0, proc.stderr
    about = (project / "site" / "zh" / "about" / "index.html").read_text(encoding="utf-8")
    assert "转载本站图表和数据前请联系发布者" in about and 'rel="license"' not in about


def test_a_licence_that_is_no_address_is_refused(sources):
    report = sources / "site_src" / "report.yml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("url: https://creativecommons.org/licenses/by/4.0/", "url: see the about page"),
                      encoding="utf-8")
    line = next(n for n, s in enumerate(text.splitlines(), 1) if "creativecommons.org" in s)
    proc = build_here(sources)
    assert proc.returncode != 0
    assert f"site_src/report.yml:{line}: licence url 'see the about page' is no web address" in proc.stderr


def chart_ids() -> list[tuple[str, str]]:
    figures = yaml.safe_load((ROOT / "site_src" / "figures.yml").read_text(encoding="utf-8"))
    return [(c["id"], c["page"]) for c in figures["charts"]]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_chart_page_offers_its_data_an_embed_snippet_and_the_terms(built_site, lang):
    from html import unescape

    for chart_id, _ in chart_ids():
        folder = built_site / lang / "charts" / chart_id
        html = (folder / "index.html").read_text(encoding="utf-8")
        reuse = re.search(r'<section class="reuse".*?</section>', html, re.S)
        assert reuse, chart_id
        section = reuse.group(0)
        assert '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in section
        csv_link = re.search(r'<a href="([^"]+)" download="[^"]+\.csv" type="text/csv">', section)
        assert csv_link and (folder / csv_link.group(1)).is_file(), chart_id
        code = unescape(re.search(r'<pre class="reuse-embed"><code>(.*?)</code></pre>', section, re.S).group(1))
        own = f"{SITE_URL}/{lang}/charts/{chart_id}/"
        # the snippet shows the static picture the site publishes, links back to the chart's page, with the credit
        img = re.search(r'<img src="([^"]+)" alt="([^"]+)"', code)
        assert img.group(1) == own + "chart.svg" and (folder / "chart.svg").is_file()
        assert f'<a href="{own}">' in code and f"{SITE_URL}/{lang}/" in code and "CC BY 4.0" in code
        button = re.search(r'<button type="button" class="copy-link" data-url="([^"]+)"', section)
        assert button and unescape(button.group(1)) == code, "the button copies the snippet shown"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_related_charts_are_those_of_the_same_page(built_site, lang):
    charts = chart_ids()
    for chart_id, page in charts:
        html = (built_site / lang / "charts" / chart_id / "index.html").read_text(encoding="utf-8")
        nav = re.search(r'<nav class="related".*?</nav>', html, re.S)
        siblings = {c for c, p in charts if p == page and c != chart_id}
        linked = set(re.findall(r'<a href="\.\./([^/"]+)/">', nav.group(0))) if nav else set()
        assert siblings <= linked, (chart_id, siblings - linked)
        assert chart_id not in linked
        for other in linked:
            assert (built_site / lang / "charts" / other / "index.html").is_file()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_chart_picture_carries_its_date_and_licence(built_site, lang):
    day = {"zh": "2026年11月28日", "en": "November 28, 2026"}[lang]
    report = yaml.safe_load((ROOT / "site_src" / "report.yml").read_text(encoding="utf-8"))
    assert str(report["last_updated"]) == "2026-11-28", "the expected date follows report.yml"
    for chart_id, _ in chart_ids():
        svg = (built_site / lang / "charts" / chart_id / "chart.svg").read_text(encoding="utf-8")
        texts = [unescape_text(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)]
        line = next((t for t in texts if "CC BY 4.0" in t), "")
        assert day in line, (chart_id, texts[-3:])


def unescape_text(svg_text: str) -> str:
    from html import unescape

    return unescape(re.sub("<[^>]+>", "", svg_text))


def test_no_chart_keeps_an_empty_line_under_it(built_site, chromium):
    """The source line of a chart (hidden until sources are shown) takes no room: nothing under the chart's last
    line but the figure's own padding."""
    from conftest import checkers

    with checkers.serve(built_site) as base:
        page = chromium.new_page(viewport={"width": 390, "height": 844})
        try:
            page.goto(base + "/zh/ecology/", wait_until="load")
            gaps = page.evaluate("""() => [...document.querySelectorAll('figure.chart figcaption')].map(c => {
                const kids = [...c.children].filter(k => getComputedStyle(k).display !== 'none');
                const last = kids[kids.length - 1].getBoundingClientRect();
                return [c.getBoundingClientRect().bottom - last.bottom,
                        [...c.children].filter(k => k.classList.contains('chart-src'))
                          .map(k => k.getBoundingClientRect().height)];
            })""")
        finally:
            page.close()
    assert gaps
    for after_last, src_heights in gaps:
        assert after_last < 2 and all(h == 0 for h in src_heights), gaps
