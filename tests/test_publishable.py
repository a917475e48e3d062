"""Issue 15, the publishable report: Chinese qualifiers set smaller than the numeral, the star page's
reading path (each number once as a figure), headline figures, paragraph breaks in the English and the
glossary's terms to avoid."""
from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from sitegen.paths import Paths
from sitegen.problems import Problems
from sitegen.render import Renderer
from sitegen.site import read_report

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    problems = Problems()
    report = read_report(Paths.default(ROOT), problems)
    assert not problems, "\n".join(map(str, problems))
    return Renderer(report, ROOT / "templates", "https://example.org/", cache=None)


def star_pages(r: Renderer):
    for lang in r.c.languages:
        for s in r.c.stars:
            yield lang, s, r.render_page(r.c.pages[lang][s.id])


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


# ---- Chinese typography: 余 and 多 inside a number are set smaller (.num .q) --------------------------

def test_qualifier_inside_a_chinese_number_is_its_own_span(renderer):
    from sitegen.numbers import zh_number_split

    assert zh_number_split("3000余") == ("3000", "余") and zh_number_split("50多") == ("50", "多")
    assert zh_number_split("11") == ("11", "") and zh_number_split("余") == ("余", "")
    fig = next(f for f in renderer.r.figures.figures if f.text.endswith("余份") or "余" in f.text)
    view = renderer.figure_view(fig, "zh")
    html = renderer.env.get_template("_macros.html").module.fignum(view, renderer.strings["zh"])
    core = fig.text[:fig.text.index("余")]
    assert f'<span class="num">{core}<span class="q">余</span></span>' in str(html), html
    assert text_of(str(html)).startswith(f"{core}余")
    # on the pages that show tiles, cards and KPIs: no "余" left at numeral size inside .num
    for slug in ("index", "overview", "civility"):
        body = renderer.render_page(renderer.c.pages["zh"][slug]).body
        nums = re.findall(r'<span class="num">(.*?)</span>(?!</span>)', body)
        assert nums, slug
        for n in re.findall(r'<span class="num">([^<]*)', body):
            assert not n.endswith(("余", "多")), (slug, n)
    assert 'class="q">余' in renderer.render_page(renderer.c.pages["zh"]["civility"]).body
    css = (ROOT / "templates/assets/site.css").read_text(encoding="utf-8")
    assert re.search(r"\.num \.q[^{]*\{[^}]*font-size:\s*\.\d+em", css)


# ---- the star page's reading path: each figure once as a figure (a tile or a chart bar) -----------------

def visible(body: str) -> str:
    """The page as read: without the collapsed chart tables, the hidden live charts and the share panel."""
    body = re.sub(r"<details\b.*?</details>", "", body, flags=re.S)
    body = re.sub(r'<div class="chart-live"[^>]*hidden></div>', "", body)
    body = re.sub(r'<(?:section|aside)[^>]*class="share[^"]*".*?</(?:section|aside)>', "", body, flags=re.S)
    return body


def sentence_form(r: Renderer, f, lang: str) -> str:
    """How the article's sentence writes a figure (the same words as the tile in Chinese)."""
    from sitegen.numbers import format_en, format_zh

    return format_zh(f.text, f.quote, f.qualifier) if lang == "zh" else format_en(f.value, f.style, f.qualifier)


def test_each_figure_is_shown_once_as_a_figure_on_its_star_page(renderer):
    """Tiles: the star's headline, and the figures no chart of the page draws. A figure in a chart is not
    also a tile; the chart's table stays as accessible data, collapsed in <details>; the sentence of the
    article states each figure once."""
    for lang, star, page in star_pages(renderer):
        body = page.body
        tiles = re.findall(r'<div class="tile g-[^"]*" id="([^"]+)"', body)
        bars = [text_of(b) for b in re.findall(r'<span class="bar-value">(.*?)</span>', visible(body))]
        charted = {fid for ch in renderer.charts_for(star.id) for fid in ch.figures}
        assert tiles[0] == star.headline, (lang, star.id, tiles)
        assert 'tile-lead' in re.search(rf'<div class="tile[^"]*" id="{star.headline}"', body).group(0)
        assert not (set(tiles[1:]) & charted), (lang, star.id)          # no tile repeats a bar
        assert len(tiles) == len(set(tiles))
        for ch in renderer.charts_for(star.id):
            table = re.search(rf'id="chart-{ch.id}".*?<details class="chart-table">', body, re.S)
            assert table, (lang, ch.id)                                  # the data table is collapsed
        seen = text_of(visible(body))
        figs = [f for f in renderer.r.figures.figures if f.group == star.id]
        shown = {f.id: renderer.figure_view(f, lang)["prose"] for f in figs}
        counts = {}
        for x in sorted(set(shown.values()), key=len, reverse=True):   # "more than 50 people" before "… 50"
            key = x.split(" (")[0]
            pattern = re.compile(rf"(?<![\w.,]){re.escape(key)}(?![\w]|[.,]\d)")   # "6", not "1,236" or "6.5"
            counts[x] = len(pattern.findall(seen))
            seen = pattern.sub("\0", seen)
        for f in figs:
            same = [g for g in figs if shown[g.id] == shown[f.id]]      # two figures may read alike (50余)
            figure_places = tiles.count(f.id) + bars.count(shown[f.id]) // len(same)
            assert figure_places == 1 or (f.id == star.headline and figure_places == 2), (lang, f.id, figure_places)
            # in the visible text: once as a figure (the headline also as its bar), and each sentence that
            # states a figure in these words ("more than 50" in a sentence may be people or events)
            key = shown[f.id].split(" (")[0]
            sentences = [g for g in figs if sentence_form(renderer, g, lang) == key]
            allowed = sum(2 if g.id == star.headline else 1 for g in same) + len(sentences)
            assert counts[shown[f.id]] <= allowed, (lang, f.id, counts[shown[f.id]])


def test_every_figure_of_a_star_is_on_its_page(renderer):
    """Fewer tiles must not lose a figure: each is a tile, a bar or at least in the article's sentence."""
    for lang, star, page in star_pages(renderer):
        body = visible(page.body)
        for f in renderer.r.figures.figures:
            if f.group == star.id:
                assert f'id="{f.id}"' in body or renderer.figure_view(f, lang)["prose"] in text_of(body), (lang, f.id)
