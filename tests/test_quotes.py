"""Quotation marks as each language sets them, in every text an editor writes and every place it is shown: English
curly (“Five Stars”, it’s), a quotation inside Chinese “ ” in ‘ ’ — on the pages (text, titles, descriptions),
in the pictures (the long image, the chart pictures, the share cards' specs) and in the alternative texts."""
from __future__ import annotations

import html
import json
import re

import pytest

from sitegen.render.typography import inner_quotes, smart_quotes, smart_quotes_html, typeset_tree


@pytest.mark.parametrize(("written", "set_"), [
    ('"Five Stars" Shine', "“Five Stars” Shine"),
    ("the township's 'one village, one plan'", "the township’s ‘one village, one plan’"),
    ('("12345")', "(“12345”)"),
    ("Villages' roads", "Villages’ roads"),
])
def test_english_quotes_are_set_curly(written, set_):
    assert smart_quotes(written) == set_


def test_quotes_in_html_text_but_not_in_attributes_or_code():
    fragment = '<p title="a &#34;b&#34;">&#34;This year&#34; it&#39;s &quot;x&quot;</p><code>"k"</code>'
    assert smart_quotes_html(fragment) == '<p title="a &#34;b&#34;">“This year” it’s “x”</p><code>"k"</code>'


def test_a_quotation_inside_chinese_quotes_takes_single_marks():
    assert inner_quotes("分别组建“一办八组”") == "分别组建‘一办八组’"


def test_a_pictures_spec_is_typeset_but_its_ids_and_svg_are_not():
    spec = {"title": '"Four waters"', "id": "x'y", "icon": '<svg viewBox="0 0 24 24"/>',
            "rows": [{"label": "the 'model' village", "colour": "#000000"}]}
    assert typeset_tree(spec, "en") == {"title": "“Four waters”", "id": "x'y", "icon": '<svg viewBox="0 0 24 24"/>',
                                        "rows": [{"label": "the ‘model’ village", "colour": "#000000"}]}
    assert typeset_tree(spec, "zh") == spec


def visible_text(page: str) -> str:
    body = re.sub(r"<(script|style|code|pre)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_no_straight_quote_on_an_english_page_or_picture(built_site):
    """Every English page's text and <title>, every image's alternative text, the long image's texts and every
    chart picture's texts use curly quotes."""
    bad = []
    for f in sorted((built_site / "en").rglob("index.html")):
        page = f.read_text(encoding="utf-8")
        texts = [visible_text(page), *map(html.unescape, re.findall(r'\salt="([^"]*)"', page))]
        bad += [f"{f.parent.name}: {t[max(0, t.find(chr(34)) - 30):t.find(chr(34)) + 30]!r}" for t in texts
                if '"' in t]
    runs = json.loads((built_site / "en" / "explainer" / "longimage.json").read_text(encoding="utf-8"))["runs"]
    bad += [f"long image: {r['text']!r}" for r in runs if '"' in r["text"]]
    for svg in (built_site / "en" / "charts").glob("*/chart.svg"):
        texts = [visible_text(t) for t in re.findall(r"<text\b[^>]*>(.*?)</text>", svg.read_text(encoding="utf-8"),
                                                     re.S)]
        bad += [f"{svg.parent.name}/chart.svg: {t!r}" for t in texts if '"' in t]
    assert not bad, bad
    quoted = [r["text"] for r in runs if "“" in r["text"]]
    assert quoted, "the English long image quotes nothing: the test would not see a straight quote"
