"""Every qualifier in every position, in both languages, on a small synthetic report (tests/fixtures/qualifiers):
tiles, sentences, chart labels and hover text, tables, the summary, share cards, CSV and JSON; derived figures
marked and computed across 亿元/万元; the data package descriptor matching its own files."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from sitegen.check.report import read_report
from sitegen.problems import Problems
from sitegen.read.paths import Paths
from sitegen.render import blocks
from sitegen.render.downloads import data_files
from sitegen.render.pages import Renderer

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "qualifiers"

# figure id -> (zh as the article writes it, en tile/table/chart/download text, en in a sentence)
EXPECTED = {
    "visit_households": ("近3000户", "nearly 3,000 households", "nearly 3,000"),
    "leaflets": ("3000余份", "more than 3,000", "more than 3,000"),
    "income_about": ("约4500元", "about CNY 4,500", "about CNY 4,500"),
    "income_range": ("4500元左右", "about CNY 4,500", "about CNY 4,500"),
    "clinic_people": ("上千人", "at least 1,000 people", "at least 1,000"),
    "per_event": ("不超过20人", "at most 20 people", "at most 20"),
    "road": ("18.5公里", "18.5 km", "18.5 km"),
    "land": ("1.2万亩", "12,000 mu (about 800 ha)", "12,000 mu (about 800 ha)"),
    "invest_yi": ("1.05亿元", "CNY 105 million", "CNY 105 million"),
    "invest_wan": ("2000万元", "CNY 20 million", "CNY 20 million"),
}
DERIVED = {"money_sum": ("12500万元", "CNY 125 million", "exact", 125000000),
           "people_sum": ("约1020人", "about 1,020 people", "about", 1020)}
# the number of a tile with its qualifier, tags stripped (zh: qualifier, number and unit; en: the same)
TILES = {
    "zh": {"visit_households": "近3000户", "leaflets": "3000余份", "income_range": "4500元左右",
           "clinic_people": "上千人", "per_event": "不超过20人"},
    "en": {"visit_households": "nearly 3,000households", "leaflets": "more than 3,000", "income_about":
           "about CNY 4,500", "clinic_people": "at least 1,000people", "per_event": "at most 20people",
           "road": "18.5km", "land": "12,000mu (about 800 ha)"},
}


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    problems = Problems()
    paths = Paths.default(ROOT, config=FIXTURE / "mkdocs.yml")
    report = read_report(paths, problems)
    assert not problems, "\n".join(map(str, problems))
    return Renderer(report, ROOT / "templates", "https://qualifiers.example.org/")


def page(r: Renderer, lang: str, slug: str):
    return r.c.pages[lang][slug]


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tiles_show_the_qualifier(renderer, lang):
    html = blocks.figures(renderer, page(renderer, lang, "visits"), "visits")
    for fid, want in TILES[lang].items():
        tile = re.search(rf'<div class="tile g-visits[^"]*" id="{fid}">\s*<p class="tile-num"[^>]*>(.*?)</p>', html,
                         re.S)
        assert tile and text_of(tile.group(1)) == want, (fid, tile and tile.group(1))
    assert "+" not in text_of(html), "no '3,000+' shorthand: the qualifier is written out"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sentences_show_the_qualifier(renderer, lang):
    marked = [text_of(m) for u in ("p1", "p2", "p3", "p4")
              for m in re.findall(r'<span class="fig"[^>]*>(.*?)</span>', renderer.unit_html(u, lang))]
    want = [EXPECTED[f][0 if lang == "zh" else 2] for f in EXPECTED]
    assert marked == want
    if lang == "en":
        assert renderer.unit_html("p1", "en").startswith(
            'The township visited <span class="fig" data-fig="visit_households">nearly 3,000</span> households')


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_labels_hover_and_table_show_the_qualifier(renderer, lang):
    from sitegen.render.charts import chart_context

    k = 0 if lang == "zh" else 1
    for chart in renderer.r.figures.charts:
        ctx = chart_context(chart, renderer, lang)
        for row in ctx["rows"]:
            assert row["display"] == EXPECTED[row["id"]][k], row["id"]
        if ctx["json"]:  # a bar chart's interactive layer: the hover text carries the qualifier too
            bar = json.loads(ctx["json"])["data"][0]
            assert bar["hovertext"] == [EXPECTED[r["id"]][k] for r in ctx["rows"]]
        html = renderer.block("charts", lang, charts=[ctx], root="../")
        cells = re.findall(r'<td class="n"[^>]*>(.*?)</td>', html)
        assert cells == [EXPECTED[f][k] for f in chart.figures]
        assert "合计" not in html and "Total" not in html, "a chart adds nothing up"
    money = next(ch for ch in renderer.r.figures.charts if ch.id == "visits_money")
    plots = [r["plot"] for r in chart_context(money, renderer, lang)["rows"]]
    assert plots == ([10500, 2000] if lang == "zh" else [105, 20]), "亿元 and 万元 plotted in one unit"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_table_and_derived_figures(renderer, lang):
    k = 0 if lang == "zh" else 1
    html = blocks.overview(renderer, page(renderer, lang, "overview"))
    for fid, texts in EXPECTED.items():
        row = re.search(rf'<tr id="{fid}">.*?<td class="n"[^>]*>(.*?)</td>', html, re.S)
        assert row and row.group(1) == texts[k], fid
    mark = "推算" if lang == "zh" else "derived"
    for did, (zh, en, _, _) in DERIVED.items():
        row = re.search(rf'<tr id="{did}">(.*?)</tr>', html, re.S).group(1)
        assert f'<span class="derived-mark">{mark}</span>' in row
        assert re.search(r'<td class="n"[^>]*>(.*?)</td>', row).group(1) == (zh if lang == "zh" else en)
    formula = {"zh": "= 1.05亿元 + 2000万元", "en": "= CNY 105 million + CNY 20 million"}[lang]
    assert formula in [text_of(c) for c in re.findall(r"<td>(.*?)</td>", html)]   # each part marked by its id
    assert '<span class="formula-part" data-fig="invest_yi">' in html
    assert "../datapackage.json" in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_summary_and_kpis(renderer, lang):
    k = 0 if lang == "zh" else 1
    html = blocks.summary(renderer, page(renderer, lang, "summary"))
    assert re.findall(r"<li><strong[^>]*>(.*?)</strong>", html) == [EXPECTED[f][k] for f in EXPECTED]
    mark = "推算" if lang == "zh" else "derived"
    head = re.search(r'<p class="summary-total">(.*?)</p>', html).group(1)
    assert f'<span class="derived-mark">{mark}</span>' in head and DERIVED["money_sum"][k] in head
    kpis = blocks.kpis(renderer, page(renderer, lang, "overview"))
    assert f'<span class="derived-mark">{mark}</span>' in kpis, "a derived headline is marked"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_share_cards_show_the_qualifier_and_mark_a_derived_headline(renderer, lang):
    star = renderer.share_spec(page(renderer, lang, "visits"))
    assert (star["number"], star["unit"]) == (("近3000", "户") if lang == "zh" else ("nearly 3,000", "households"))
    over = renderer.share_spec(page(renderer, lang, "overview"))
    assert (over["number"], over["unit"]) == (("12500", "万元") if lang == "zh" else ("CNY 125", "million"))
    assert over["label"].startswith("推算 · " if lang == "zh" else "derived · ")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_downloads_carry_qualifier_kind_base_value_and_display(renderer, lang):
    files = data_files(renderer, lang)
    t = renderer.strings[lang]
    rows = list(csv.DictReader(io.StringIO(files["figures.csv"].lstrip("\ufeff"))))
    records = json.loads(files["figures.json"])
    assert len(rows) == len(records) == len(EXPECTED) + len(DERIVED)
    k = 0 if lang == "zh" else 1
    by_id = {r[t["figure_id"]]: r for r in rows}
    for fid, texts in EXPECTED.items():
        assert by_id[fid][t["figure_display"]] == texts[k], fid
        assert by_id[fid][t["figure_status"]] == "stated"
    assert by_id["visit_households"][t["figure_qualifier"]] == "nearly"
    assert by_id["clinic_people"][t["figure_qualifier"]] == "at_least"
    assert by_id["invest_yi"][t["figure_number"]] == "105000000"
    assert by_id["invest_yi"][t["figure_base_unit"]] == ("元" if lang == "zh" else "yuan")
    assert by_id["land"][t["figure_number"]] == "12000"
    for did, (zh, en, qual, base) in DERIVED.items():
        assert by_id[did][t["figure_status"]] == "derived" and by_id[did][t["figure_qualifier"]] == qual
        assert by_id[did][t["figure_display"]] == (zh if lang == "zh" else en)
        assert by_id[did][t["figure_formula"]]
        rec = next(x for x in records if x[t["figure_id"]] == did)
        assert rec[t["figure_number"]] == base and isinstance(rec[t["figure_number"]], int)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_datapackage_describes_its_own_files(renderer, lang):
    """Validated structurally (the frictionless package is not a dependency): every resource names a file of
    the download, its schema's fields are exactly the CSV header and the JSON keys, in order, with types that
    hold for every value."""
    files = data_files(renderer, lang)
    package = json.loads(files["datapackage.json"])
    assert re.fullmatch(r"[a-z0-9._-]+", package["name"])
    assert "licenses" not in package, "no licence is claimed that the content does not give"
    assert {r["path"] for r in package["resources"]} == {"figures.csv", "figures.json"}
    header = next(csv.reader(io.StringIO(files["figures.csv"].lstrip("\ufeff"))))
    rows = list(csv.reader(io.StringIO(files["figures.csv"].lstrip("\ufeff"))))[1:]
    records = json.loads(files["figures.json"])
    checks = {"string": lambda v: isinstance(v, str), "number": lambda v: isinstance(v, (int, float))}
    optional = renderer.strings[lang]["figure_number_max"]  # a range's high end: empty when there is no range
    for res in package["resources"]:
        assert res["path"] in files and res["format"] in ("csv", "json")
        assert res["mediatype"] == {"csv": "text/csv", "json": "application/json"}[res["format"]]
        fields = res["schema"]["fields"]
        names = [f["name"] for f in fields]
        assert all(f["type"] in checks and f["description"] for f in fields)
        assert set(res["schema"]["primaryKey"]) <= set(names)
        if res["format"] == "csv":
            assert names == header
            for row in rows:
                for f, cell in zip(fields, row, strict=False):
                    if f["type"] == "number" and not (f["name"] == optional and cell == ""):
                        float(cell)
        else:
            for rec in records:
                assert list(rec) == names
                assert all(checks[f["type"]](rec[f["name"]]) for f in fields
                           if not (f["name"] == optional and rec[f["name"]] is None))


def test_a_percentage_keeps_its_sign_on_the_number(renderer):
    """'93.5%' on a tile, a card and the long image, never '93.5 %' (found drafting a new report)."""
    from dataclasses import replace

    share = replace(renderer.figs["road"], value=93.5, style="percent", unit="%", text="93.5%")
    view = renderer.figure_view(share, "en")
    assert (view["number"], view["unit"], view["prose"]) == ("93.5%", "", "93.5%")
    assert renderer.figure_view(share, "zh")["number"] + renderer.figure_view(share, "zh")["unit"] == "93.5%"
