"""Figures: formatting per language, the figures command, and every figure on both overviews."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitegen.numbers import STYLES, base_value, combine_qualifiers, en_parts, en_prefix, format_en, format_zh, zh_parts

ROOT = Path(__file__).resolve().parent.parent
FIGURES = yaml.safe_load((ROOT / "site_src" / "figures.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("value,style,qualifier,expected", [
    (2000, "money_wan", "exact", "CNY 20 million"),
    (350, "money_wan", "exact", "CNY 3.5 million"),
    (1.05, "money_yi", "exact", "CNY 105 million"),
    (4500, "money_yuan", "about", "about CNY 4,500"),
    (1300, "area_mu", "exact", "1,300 mu (about 87 ha)"),
    (1.2, "area_wan_mu", "exact", "12,000 mu (about 800 ha)"),
    (3000, "count", "more_than", "more than 3,000"),
    (3000, "households", "nearly", "nearly 3,000"),
    (400, "area_m2", "more_than", "more than 400 m²"),
    (18.5, "length_km", "exact", "18.5 km"),
    (850, "length_m", "exact", "850 m"),
    (20, "weight_t", "at_most", "at most 20 tonnes"),
    (6, "count", "exact", "six"),
    (6, "count", "about", "about 6"),
    (1236, "person_times", "exact", "1,236"),
    (1000, "people", "at_least", "at least 1,000"),
    (96, "percent", "exact", "96%"),
    (2022, "year", "exact", "2022"),
])
def test_english_formatting(value, style, qualifier, expected):
    assert format_en(value, style, qualifier) == expected


@pytest.mark.parametrize("value,style,qualifier,expected", [
    (3000, "households", "nearly", "nearly 3,000 households"),
    (1000, "people", "at_least", "at least 1,000 people"),
    (1236, "person_times", "exact", "1,236 person-times"),
    (6, "count", "exact", "6"),
    (2000, "money_wan", "exact", "CNY 20 million"),
])
def test_english_outside_a_sentence_names_the_unit(value, style, qualifier, expected):
    """Tiles, tables, charts and downloads show the noun that a sentence would carry."""
    assert format_en(value, style, qualifier, prose=False) == expected


@pytest.mark.parametrize("text,quote,qualifier,expected", [
    ("3000户", "走访群众近3000户", "nearly", "近3000户"),
    ("3000余份", "发放宣传页3000余份", "more_than", "3000余份"),
    ("4500元", "人均增收约4500元", "about", "约4500元"),
    ("4500元", "户均收入4500元左右", "about", "4500元左右"),
    ("千人", "上千人参加", "at_least", "上千人"),
    ("20人", "每场不超过20人", "at_most", "不超过20人"),
    ("3950万元", "", "more_than", "超过3950万元"),
    ("37条", "发现问题37条", "exact", "37条"),
])
def test_chinese_keeps_the_qualifier_as_written(text, quote, qualifier, expected):
    assert format_zh(text, quote, qualifier) == expected


@pytest.mark.parametrize("parts,expected", [
    (["exact", "exact"], "exact"), (["more_than", "exact"], "more_than"), (["at_least", "exact"], "at_least"),
    (["more_than", "at_least"], "more_than"), (["nearly", "exact"], "nearly"), (["nearly", "at_most"], "at_most"),
    (["more_than", "nearly"], "about"), (["about", "exact"], "about"),
])
def test_the_qualifier_of_a_sum_is_the_weakest(parts, expected):
    assert combine_qualifiers(parts) == expected


def test_every_style_formats_and_every_extractor_unit_has_a_style():
    """The formatter writes every style units.yml may name, and every unit the extractor returns (with a 万/亿
    scale in front too) is one the units model knows: no unit needs an editor's choice of style."""
    from sitegen.check.extract import UNITS

    for style in STYLES:
        assert format_en(12, style, "about") and en_parts(12, style)[0]
    wan = tuple("万" + u for u in ("元", "亩", "平方米", "人", "户", "人次", "个", "吨", "袋")) + ("亿元", "万亿元")
    for unit in UNITS + wan:
        assert unit in STYLES, unit


def test_a_fraction_is_written_as_english_writes_it():
    """三分之一 (value 0.3333, unit 分之) is "about one third", never "0.33%" or "33.33%"."""
    assert STYLES["分之"] == STYLES["fraction"]
    assert format_en(0.3333, "fraction", "about") == "about one third"
    assert format_en(0.6667, "fraction") == "two thirds" and en_parts(0.25, "fraction") == ("one quarter", "")
    assert format_en(0.42, "fraction") == "42%"
    assert base_value(0.3333, "fraction") == 33.33


def test_tile_parts():
    assert zh_parts("3000余份", "份") == ("3000余", "份")
    assert zh_parts("2000万元", "万元") == ("2000", "万元")
    assert en_parts(2000, "money_wan") == ("20", "million") and en_prefix("money_wan") == "CNY"
    assert en_parts(4500, "money_yuan") == ("4,500", "") and en_prefix("area_mu") == ""
    assert en_parts(1300, "area_mu") == ("1,300", "mu (about 87 ha)")
    assert en_parts(1056, "people") == ("1,056", "people")


def run_figures(*args):
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "figures", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)


def test_figures_command_lists_every_seed_figure():
    proc = run_figures(str(ROOT / "seeds" / "000_7d6fa804764c86b5.txt"), "--json")
    assert proc.returncode == 0, proc.stderr
    cands = json.loads(proc.stdout)
    assert {"value", "unit", "scale", "qualifier", "kind", "quote", "status", "proposal", "reason"} <= set(cands[0])
    listed = {(c["paragraph"], c["text"]) for c in cands}
    for f in FIGURES["figures"]:
        assert (f["source"]["unit"], f["text"]) in listed, f["id"]
    leaflets = next(c for c in cands if c["text"] == "3000余份")
    assert leaflets["qualifier"] == "more_than" and leaflets["value"] == 3000 and leaflets["unit"] == "份"
    assert (leaflets["kind"], leaflets["proposal"], leaflets["status"]) == ("count", "figure", "figure safety_leaflets")
    assert sum(1 for c in cands if c["form"] == "digits") >= 33
    year = next(c for c in cands if c["text"] == "2023年")
    assert (year["kind"], year["proposal"]) == ("date", "not_figure") and year["reason"]


def test_figures_command_on_any_text(tmp_path):
    f = tmp_path / "note.txt"
    f.write_text("全年投入１２０万元，增长3.5%，覆盖近百户。\n\n培训1.5万人次，完成百分之三十。\n", encoding="utf-8")
    proc = run_figures(str(f), "--json")
    got = {(c["text"], c["value"], c["unit"], c["qualifier"]) for c in json.loads(proc.stdout)}
    assert ("１２０万元", 120, "万元", "exact") in got
    assert ("3.5%", 3.5, "%", "exact") in got
    assert any(c[1] == 100 and c[3] == "nearly" for c in got), got
    assert any(c[1] == 1.5 and c[2] == "万人次" for c in got), got
    assert any(c[1] == 30 and c[2] == "%" for c in got), got
    text = run_figures(str(f)).stdout
    assert "１２０万元" in text and "≈" in text and "change" in text


def test_figures_command_bad_file(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes("投资2000万元".encode("gbk"))
    proc = run_figures(str(f))
    assert proc.returncode == 1 and f"{f}:1: the article is not UTF-8" in proc.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_figure_on_the_overview_with_source_link(built_site, lang):
    from sitegen.render.typography import zh_punctuation

    html = (built_site / lang / "overview" / "index.html").read_text(encoding="utf-8")
    for f in FIGURES["figures"]:
        row = re.search(rf'<tr id="{f["id"]}">(.*?)</tr>', html, re.S)
        assert row, f"{lang}: figure {f['id']} has no #anchor row on the overview"
        assert f'href="../article/#{f["source"]["unit"]}"' in row.group(1), f["id"]
        # the quote as displayed: the seed's half-width marks between Chinese characters made full-width
        assert zh_punctuation(f["source"]["quote"]) in row.group(1), f["id"]


def test_english_prose_takes_numbers_from_the_data(built_site):
    eco = (built_site / "en" / "ecology" / "index.html").read_text(encoding="utf-8")
    assert "invested <span class=\"fig\" data-fig=\"ecology_investment\">CNY 20 million</span>" in eco
    assert "<span class=\"fig\" data-fig=\"ecology_ponds_area\">1,300 mu (about 87 ha)</span>" in eco
    safety = (built_site / "en" / "safety" / "index.html").read_text(encoding="utf-8")
    assert "<span class=\"fig\" data-fig=\"safety_leaflets\">more than 3,000</span> leaflets" in safety
    zh = (built_site / "zh" / "ecology" / "index.html").read_text(encoding="utf-8")
    assert "<span class=\"fig\" data-fig=\"ecology_investment\">2000万元</span>" in zh


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_sum_the_article_does_not_state_appears_unmarked(built_site, lang):
    """The sum of the five investments (3950万元 / CNY 39.5 million) is a declared derived figure: it is on
    the overview, in the table of derived figures, and on the 一图读懂 in its derived box, each time with its mark
    and formula; never a headline, a chart total or a share card."""
    money = sum(f["value"] for f in FIGURES["figures"] if f["unit"] == "万元")
    shown = f"{money:g}万元" if lang == "zh" else f"CNY {money / 100:g} million"
    number = f"{money:g}" if lang == "zh" else f"{money / 100:g}"
    mark = "推算" if lang == "zh" else "derived"
    for page in built_site.joinpath(lang).rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        main = html.split("<main", 1)[-1]
        if page.parent.name == "explainer" and f'<span class="num">{number}</span>' in main:
            # the 一图读懂 shows the money named in the article, and the sum only in its derived box
            box = re.search(r'<div class="xp-derived">(.*?)</div>', main, re.S)
            assert box and f'<span class="derived-mark">{mark}</span>' in box.group(1) and " + " in box.group(1)
            assert main.count(f'<span class="num">{number}</span>') == 1, "the derived sum appears once"
            continue
        if page.parent.name != "overview":
            assert shown not in main and f'<span class="num">{number}</span>' not in main, page
            continue
        rows = re.findall(r'<tr id="investment_named_sum">(.*?)</tr>', main, re.S)
        assert len(rows) == 1 and main.count(shown) == 1, "the derived sum appears once, in its row"
        assert f'<span class="derived-mark">{mark}</span>' in rows[0] and " + " in rows[0]
        assert f'<span class="num">{number}</span>' not in main, "the derived sum is not a tile"
    for word in (("合计", "各项投资合计") if lang == "zh" else ("Total", "All investments")):
        assert word not in (built_site / lang / "overview" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_star_page_has_a_chart_of_its_own_figures(built_site, lang):
    groups = {f["id"]: f["group"] for f in FIGURES["figures"]}
    for star in ("industry", "ecology", "safety", "civility", "branch"):
        charts = [c for c in FIGURES["charts"] if c["page"] == star]
        assert charts and all(groups[x] == star for c in charts for x in c["figures"]), star
        html = (built_site / lang / star / "index.html").read_text(encoding="utf-8")
        for c in charts:
            assert f'id="chart-{c["id"]}"' in html and "<table>" in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_problem_handling_is_one_parts_chart(built_site, lang):
    """37 found = 28 fixed at once + 9 long-term: one part-to-whole chart (the relation the article states), its
    title the finding; the 83 problems villages found themselves are a different set and never drawn with it."""
    html = "".join(p.read_text(encoding="utf-8") for p in (built_site / lang).rglob("index.html")
                   if "charts" not in p.relative_to(built_site / lang).parts)  # each chart's own page: a copy
    charts = re.findall(r'<figure class="chart chart-k-(\w+)" id="chart-(\w+)".*?</figure>', html, re.S)
    assert [k for k, _ in charts].count("parts") == 1, charts
    figure = re.search(r'<figure class="chart chart-k-parts".*?</figure>', html, re.S).group(0)
    static = figure.split("<figcaption>")[0]
    values = re.findall(r'<span class="bar-value"[^>]*>(.*?)</span>', static)
    assert values == (["37条", "28条", "9条"] if lang == "zh" else ["37", "28", "9"]), values
    title = re.sub(r"<[^>]+>", "", re.search(r'<h2 class="chart-title"[^>]*>(.*?)<a ', figure, re.S).group(1)).strip()
    assert title == ("发现问题37条，立即整改28条" if lang == "zh" else "28 of 37 problems fixed at once"), title
    widths = [float(w) for w in re.findall(r'<rect data-mark="\d" x="[\d.]+" width="([\d.]+)"', static)]
    assert widths == [round(100 * 28 / 37, 2), round(100 * 9 / 37, 2)], "the parts fill the total, to scale"
    self_found = "83条" if lang == "zh" else ">83<"
    assert all(self_found not in f for f in re.findall(r'<figure class="chart.*?</figure>', html, re.S)
               if "37" in f), "the villages' own 83 problems are not drawn beside the inspections' 37"


def test_chart_kind_defaults_follow_the_figures():
    """Left out, a chart's kind is chosen: a relation -> parts, all small exact counts -> icons, one figure ->
    tiles, else bar; a count over 20 or a qualified count is never an icon array."""
    from sitegen.check.figures import Chart, Figure, Figures, resolve_chart
    from sitegen.problems import Problems

    def fig(fid, value, kind="events", qualifier="exact", unit="次", style="count"):
        return Figure(fid, "g", f"{value}{unit}", value, unit, style, qualifier, kind, {}, "p1", "", 1)

    figs = Figures(figures=[fig("a", 9), fig("b", 6), fig("c", 37, "count", unit="条"),
                            fig("d", 28, "count", unit="条"), fig("e", 9, "count", unit="条"),
                            fig("f", 50, qualifier="more_than"), fig("g", 21)],
                   relations=[{"id": "r", "total": "c", "parts": ["d", "e"], "line": 1}])
    by_id = figs.by_id()

    def kind(ids=(), relation=""):
        p = Problems()
        ch = resolve_chart(Chart("x", "overview", "", tuple(ids), {}, {}, 1, relation), figs, by_id, "f.yml", p)
        assert not p.items, p.items
        return ch.kind, ch.figures

    assert kind(relation="r") == ("parts", ("c", "d", "e"))
    assert kind(["a", "b"]) == ("icons", ("a", "b"))
    assert kind(["f"]) == ("tiles", ("f",))
    assert kind(["a", "g"]) == ("bar", ("a", "g"))  # 21 is too many icons: like events on one scale
    p = Problems()
    assert resolve_chart(Chart("y", "overview", "icons", ("f",), {}, {}, 1), figs, by_id, "f.yml", p) is None
    assert "not an exact count of at most 20" in p.items[0].message


@pytest.mark.parametrize("args,prose,tile", [
    ((3, "people", "exact", 5), "three to five", ("3–5", "people")),
    ((8, "count", "exact", 12), "8 to 12", ("8–12", "")),
    ((100, "money_wan", "exact", 200), "CNY 1 to 2 million", ("1–2", "million")),
    ((50, "money_wan", "about", 120), "about CNY 500,000 to 1.2 million", ("0.5–1.2", "million")),
    ((3, "length_km", "nearly", 5), "nearly 3 to 5 km", ("3–5", "km")),
])
def test_a_range_says_both_ends_in_english(args, prose, tile):
    """3至5名 is never 'three': a sentence, a tile and a table say the high end too (issue found by drafting a
    new report)."""
    value, style, qualifier, high = args
    assert format_en(value, style, qualifier, value_max=high) == prose
    assert en_parts(value, style, high) == tile
    assert "to" in format_en(value, style, qualifier, prose=False, value_max=high)
