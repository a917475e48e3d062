"""Each chart shared on its own: <lang>/charts/<id>/ with its own title and link preview (share.png: a 1200x630 card
with its title and the chart inside the centred square), a PNG and an SVG download of the chart's picture (chart.png,
chart.svg: the whole width, with its source line and address), linked under the chart."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest
import yaml
from PIL import Image
from test_chart_pictures import Report

from conftest import ROOT
from sitegen.render.typography import typeset_text

LANGS = ("zh", "en")
SITE_URL = "https://baiyige-report.example.org"
SVG = "{http://www.w3.org/2000/svg}"


def content(name: str):
    return yaml.safe_load((ROOT / "site_src" / name).read_text(encoding="utf-8"))


FIGURES = content("figures.yml")
CHARTS = FIGURES["charts"]
BY_ID = {f["id"]: f for f in FIGURES["figures"]}


def chart_figures(chart: dict) -> list[str]:
    """A chart's figures: as listed, or a parts chart's relation's total and parts."""
    if chart.get("figures"):
        return chart["figures"]
    rel = next(r for r in FIGURES["relations"] if r["id"] == chart["relation"])
    return [rel["total"], *rel["parts"]]


def shown(fid: str, lang: str) -> str:
    """A figure as a chart writes it, from figures.yml alone (as test_chart_pictures reads it: a count of people the
    editor calls a plain count is written as one, 'more than 50')."""
    return Report("main").shown(fid, lang)


def meta(html: str, prop: str) -> str:
    m = re.search(rf'<meta property="{prop}" content="([^"]*)"', html)
    assert m, prop
    return m.group(1)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("chart", CHARTS, ids=[c["id"] for c in CHARTS])
def test_each_chart_has_a_page_whose_preview_is_the_chart(built_site, chart, lang):
    folder = built_site / lang / "charts" / chart["id"]
    html = (folder / "index.html").read_text(encoding="utf-8")
    url = f"{SITE_URL}/{lang}/charts/{chart['id']}/"
    title = unescape(re.search(r"<title>([^<]*)</title>", html).group(1))
    # the title's words around its figures ("发现问题{problems_found}，立即整改{problems_fixed}")
    pieces = [typeset_text(p.strip(" ,，"), lang) for p in re.split(r"\{[a-z0-9_]+\}", chart["title"][lang])]
    assert all(p in title for p in pieces if p), (pieces, title)
    assert meta(html, "og:url") == url and meta(html, "og:image") == url + "share.png"
    assert f'id="chart-{chart["id"]}"' in html, "the chart itself is on its page"
    card, picture = Image.open(folder / "share.png"), Image.open(folder / "chart.png")
    assert card.size == picture.size == (1200, 630)
    # the SVG is the same drawing, with its texts as text: the title, every value as the data writes it, the source
    # and the address
    svg = ET.parse(folder / "chart.svg").getroot()
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]   # a tile's figure: one text of three tspans
    values = {shown(fid, lang) for fid in chart_figures(chart)}
    assert values <= set(texts), values - set(texts)
    assert url.split("://")[1].rstrip("/") in texts, "the page's address is on the picture"
    # the article it comes from, in words (its paper and title), never a paragraph id
    source = content("report.yml")["meta"][lang]["source"]
    assert any(source[:8] in t for t in texts if t), "the source line is on the picture"
    assert not any("¶" in t for t in texts)
    assert svg.find(f"{SVG}title").text


@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_links_its_page_and_downloads(built_site, lang):
    pages = {c["page"] for c in CHARTS}
    for slug in pages:
        page = built_site / lang / ("" if slug == "index" else slug) / "index.html"
        html = page.read_text(encoding="utf-8")
        for chart in (c for c in CHARTS if c["page"] == slug):
            own = f"../charts/{chart['id']}/" if slug != "index" else f"charts/{chart['id']}/"
            assert f'<a href="{own}">' in html, f"{slug}: no link to the page of {chart['id']}"
            for name, kind in (("chart.png", "image/png"), ("chart.svg", "image/svg+xml")):
                link = re.search(rf'<a href="{re.escape(own + name)}" download="([^"]+)" type="{re.escape(kind)}">',
                                 html)
                assert link, f"{slug}: no {name} download of {chart['id']}"
                assert (page.parent / own / name).is_file()


def test_the_chart_card_is_deterministic_and_refuses_tofu():
    from sitegen.render.chartcard import card_glyph_problems, chart_png, chart_svg, layout_chart

    rows = [{"id": "a", "label": "雨污分流", "display": "2000万元", "colour": "#007A5E", "width": 100.0},
            {"id": "b", "label": "四水共治", "display": "800万元", "colour": "#007A5E", "width": 40.0}]
    spec = {"site_name": "白衣阁乡“五星”支部创建", "title": "文中提到的五笔投资", "lang": "zh", "picture": "bar",
            "rows": rows, "source": "出处：报纸综述", "address": "baiyige-report.example.org/zh/charts/x"}
    laid = layout_chart(**spec)
    assert chart_png(laid, {}) == chart_png(layout_chart(**spec), {})
    assert chart_svg(laid, "t", {}, "zh") == chart_svg(layout_chart(**spec), "t", {}, "zh")
    bars = [s for s in laid[1] if s.role == "bar"]
    assert bars[0].box[2] - bars[0].box[0] == 1072 and bars[1].box[2] - bars[1].box[0] == round(1072 * 0.4), \
        "bar lengths follow the chart's widths"
    runs, shapes = layout_chart(**{**spec, "title": "投资\U0001F4B0"})
    assert card_glyph_problems(runs)
    with pytest.raises(Exception, match="no picture drawing 'pie'"):
        layout_chart(**{**spec, "picture": "pie"})


def test_chart_pages_are_in_the_sitemap_and_not_in_the_menu(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    home = (built_site / "zh" / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="site-nav".*?</nav>', home, re.S).group(0)
    for chart in CHARTS:
        assert f"/zh/charts/{chart['id']}/</loc>" in sitemap
        assert f"charts/{chart['id']}/" not in nav
