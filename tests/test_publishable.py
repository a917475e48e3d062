"""Issue 15, the publishable report: Chinese qualifiers set smaller than the numeral, the star page's
reading path (each number once as a figure), headline figures, paragraph breaks in the English and the
glossary's terms to avoid."""
from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from sitegen.check.report import read_report
from sitegen.problems import Problems
from sitegen.read.paths import Paths
from sitegen.render import blocks
from sitegen.render.pages import Renderer

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    problems = Problems()
    report = read_report(Paths.default(ROOT), problems)
    assert not problems, "\n".join(map(str, problems))
    return Renderer(report, ROOT / "templates", "https://example.org/")


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
    body = re.sub(r'<div class="chart-details".*?</div>\s*</div>', "", body, flags=re.S)  # shown on a tap only
    body = re.sub(r'<(?:section|aside)[^>]*class="share[^"]*".*?</(?:section|aside)>', "", body, flags=re.S)
    # a chart's title states its finding with the chart's own figures (issue 14): it heads the chart, it is
    # not another place the reader meets the figure
    body = re.sub(r'<h2 class="chart-title".*?</h2>', "", body, flags=re.S)
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
        bars = [text_of(b) for b in re.findall(r'<span class="bar-value"[^>]*>(.*?)</span>', visible(body))]
        # a tiles chart's tiles are figures drawn by a chart, like bars
        ctiles = [" ".join(text_of(b).split()) for b in re.findall(
            r'<div class="ctile[^"]*">.*?<p class="tile-num"[^>]*>(.*?)</p>', visible(body), re.S)]
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
            in_tiles = sum(1 for t in ctiles if t and shown[f.id].startswith(t))  # "more than 50" (people)
            figure_places = tiles.count(f.id) + (bars.count(shown[f.id]) + in_tiles) // len(same)
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
        charted = {fid for ch in renderer.charts_for(star.id) for fid in ch.figures}
        for f in renderer.r.figures.figures:
            if f.group == star.id:
                assert (f.id in charted or f'id="{f.id}"' in body
                        or renderer.figure_view(f, lang)["prose"] in text_of(body)), (lang, f.id)


# ---- the English: paragraphs broken where the Chinese runs on, one anchor -------------------------------

def with_text(r: Renderer, uid: str, text: str):
    """Context: the English of one unit replaced for the duration (the renderer's content is shared)."""
    import contextlib
    import dataclasses

    @contextlib.contextmanager
    def swap():
        units = r.c.translations["en"]
        old = units[uid]
        units[uid] = dataclasses.replace(old, text=text)
        try:
            yield
        finally:
            units[uid] = old
    return swap()


def test_a_blank_line_breaks_an_english_unit_into_paragraphs_with_one_anchor(renderer):
    page = renderer.c.pages["en"]["work"]
    with with_text(renderer, "p2-2", "Second, one.\n\nAnd {6次} more."):     # as YAML gives a folded blank line
        body = blocks.seed(renderer, page, "p2-2")
        assert body.count('id="p2-2"') == 1
        assert re.search(r'<p id="p2-2">Second, one\.</p>\s*<p class="para-cont">And <span class="fig"[^>]*>six</span> '
                         r'more\. <a class="para-link"', body), body
        art = blocks.article(renderer, renderer.c.pages["en"]["article"])
        group = re.search(r'<div class="para-group" id="p2">(.*?)</div>\s*<(?:p|h3|div) ', art, re.S).group(1)
        assert re.search(r'<div class="seg" id="p2-2"><p>Second, one\.</p><p>And', group), group
        assert art.count('id="p2-2"') == 1 and art.count('id="p2"') == 1
    with with_text(renderer, "p2-2", "Line one\nstill one.\n\nTwo."):         # a literal block: blank line = two
        assert [text_of(p) for p in renderer.unit_paras("p2-2", "en")] == ["Line one still one.", "Two."]
    zh = blocks.seed(renderer, renderer.c.pages["zh"]["work"], "p2-2")
    assert "para-cont" not in zh                                          # the Chinese stays one paragraph
    art_zh = blocks.article(renderer, renderer.c.pages["zh"]["article"])
    assert "para-group" not in art_zh


def test_this_reports_long_english_paragraphs_are_broken(renderer):
    """The English of the longest units (p4-5, p5-2 …) is broken into paragraphs, each < 130 words."""
    for uid, _unit in renderer.c.translations["en"].items():
        for para in renderer.unit_paras(uid, "en"):
            assert len(text_of(para).split()) < 130, (uid, len(text_of(para).split()))
    assert len(renderer.unit_paras("p4-5", "en")) >= 2


def test_a_blank_line_outside_a_paragraph_is_refused(renderer):
    import dataclasses

    from sitegen.check.validate import check_translation

    units = renderer.c.translations["en"]
    old = units["s1"]
    units["s1"] = dataclasses.replace(old, text="Firming Up\nResponsibilities")
    try:
        problems = Problems()
        check_translation(renderer.c, "en", renderer.r.units, renderer.r.candidates, renderer.r.figures, problems)
    finally:
        units["s1"] = old
    said = [str(p) for p in problems.errors]
    assert any("unit s1: a blank line splits a paragraph" in p and f":{old.line}:" in p for p in said), said


# ---- the glossary: one established term, slogans explained at first mention -------------------------------

def test_a_term_the_glossary_avoids_is_refused_in_any_english_text(renderer):
    from sitegen.check.validate import check_avoided_terms

    problems = Problems()
    check_avoided_terms(renderer.c, renderer.r.figures, problems)
    assert not problems.errors, [str(p) for p in problems.errors]                 # this report uses the one form
    text = renderer.c.translations["en"]["p4-5"].text.replace("fighting bastions", "fighting fortresses")
    with with_text(renderer, "p4-5", text):
        problems = Problems()
        check_avoided_terms(renderer.c, renderer.r.figures, problems)
    said = [str(p) for p in problems.errors]
    assert any("translations/en.yml" in p and "unit p4-5: 'fighting fortress' is not the form" in p
               and "'fighting bastion'" in p for p in said), said
    import dataclasses
    fig = renderer.r.figures.figures[0]
    renderer.r.figures.figures[0] = dataclasses.replace(fig, label={**fig.label, "en": '"Strong Branch" star'})
    try:
        problems = Problems()
        check_avoided_terms(renderer.c, renderer.r.figures, problems)
    finally:
        renderer.r.figures.figures[0] = fig
    assert any("figures.yml" in str(p) and "Strong Branch Star" in str(p) for p in problems.errors), problems.errors


def test_slogans_are_explained_at_their_first_mention_on_each_english_page(renderer):
    glossed = [g for g in renderer.c.glossary if g.get("gloss")]
    assert {"两委", "“三零”平安创建"} <= {g["zh"] for g in glossed}
    for slug in ("work", "branch", "article"):
        body = renderer.render_page(renderer.c.pages["en"][slug]).body
        g = next(g for g in glossed if g["zh"] == "两委")
        gloss = f'<span class="gloss">({g["gloss"]})</span>'.replace("'", "’")   # English quotes set curly
        assert body.count(gloss) == 1, slug                                 # once per page, not per mention
        assert body.index("“two committees” " + gloss) < body.rindex("two committees")
    zh = renderer.render_page(renderer.c.pages["zh"]["work"]).body
    assert 'class="gloss"' not in zh
    safety = renderer.render_page(renderer.c.pages["en"]["work"]).body
    assert '“Three Zeros” safety campaign <span class="gloss">' in safety


def test_one_spelling_and_currency_style_in_the_english(renderer):
    """US spelling and dates, CNY before amounts, star names in title case."""
    from sitegen.check.validate import english_texts

    uk = re.compile(r"\b(?:\w+isation|organis\w*|centre|colour|honour|labour|favour|programme"
                    r"|analys(?:e|ed|ing))\b", re.I)
    texts = [t for *_, t in english_texts(renderer.c, renderer.r.figures)]
    strings = [v for v in renderer.strings["en"].values() if isinstance(v, str)]
    for text in texts + strings:
        assert not uk.search(text or ""), text
        assert "yuan (CNY)" not in (text or "")
    import datetime as dt
    assert renderer.date_shown(dt.date(2026, 11, 28), "en") == "November 28, 2026"
    assert renderer.date_shown(dt.date(2026, 11, 28), "zh") == "2026年11月28日"
    home = renderer.render_page(renderer.c.pages["en"]["index"]).body
    for s in renderer.c.stars:
        assert f'{s.names["en"]} Star</span>' in home
    money = next(f for f in renderer.r.figures.figures if f.style.startswith("money"))
    html = str(renderer.env.get_template("_macros.html").module.fignum(renderer.figure_view(money, "en"),
                                                                       renderer.strings["en"]))
    assert text_of(html).startswith("CNY "), html


# ---- share cards: the star's emblem and colour, inside the square ---------------------------------------

def test_star_share_cards_carry_the_star_emblem_and_colour(renderer):
    import io

    from PIL import Image

    from sitegen.render import share

    for lang in renderer.c.languages:
        for s in renderer.c.stars:
            spec = renderer.share_spec(renderer.c.pages[lang][s.id])
            assert spec["icon"] == renderer.icons[s.icon] and spec["accent"] == s.colour
            assert spec["number"] and spec["label"] == renderer.figure_view(renderer.figs[s.headline], lang)["label"]
        home = renderer.share_spec(renderer.c.pages[lang]["index"])
        assert home["icon"] == ""                                  # no star, no emblem
    s = renderer.c.stars[2]
    spec = renderer.share_spec(renderer.c.pages["zh"][s.id])
    image = Image.open(io.BytesIO(share.share_image(**spec))).convert("RGB")
    accent = tuple(int(s.colour[i:i + 2], 16) for i in (1, 3, 5))
    x0, y0, x1, y1 = share.emblem_box(spec["icon"])
    assert image.getpixel(((x0 + x1) // 2, y0 + 3)) == accent         # the disc, in the star's colour
    for item in share.layout_card(**spec):
        assert item.x > share.SQUARE_X0, item
