"""Figures: formatting per language, the figures command, and every figure on both overviews."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitegen.numbers import en_parts, format_en, zh_parts

ROOT = Path(__file__).resolve().parent.parent
FIGURES = yaml.safe_load((ROOT / "site_src" / "figures.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("value,style,text,expected", [
    (2000, "money_wan", "2000万元", "CNY 20 million"),
    (350, "money_wan", "350万元", "CNY 3.5 million"),
    (1300, "area_mu", "1300亩", "1,300 mu (about 87 ha)"),
    (3000, "count", "3000余份", "more than 3,000"),
    (400, "area_m2", "400余平方米", "more than 400 m²"),
    (6, "count", "六种", "six"),
    (6, "count", "6次", "six"),
    (1236, "count", "1236人次", "1,236"),
    (2022, "year", "2022年度", "2022"),
])
def test_english_formatting(value, style, text, expected):
    assert format_en(value, style, text) == expected


def test_tile_parts():
    assert zh_parts("3000余份", "份") == ("3000余", "份")
    assert zh_parts("2000万元", "万元") == ("2000", "万元")
    assert en_parts(2000, "money_wan") == ("20", "million yuan (CNY)")
    assert en_parts(1300, "area_mu") == ("1,300", "mu (about 87 ha)")


def run_figures(*args):
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "figures", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)


def test_figures_command_lists_every_seed_figure():
    proc = run_figures(str(ROOT / "seeds" / "000_7d6fa804764c86b5.txt"), "--json")
    assert proc.returncode == 0, proc.stderr
    cands = json.loads(proc.stdout)
    assert {"value", "unit", "approx", "quote"} <= set(cands[0])
    listed = {(c["paragraph"], c["text"]) for c in cands}
    for f in FIGURES["figures"]:
        assert (f["source"]["unit"], f["text"]) in listed, f["id"]
    leaflets = next(c for c in cands if c["text"] == "3000余份")
    assert leaflets["approx"] is True and leaflets["value"] == 3000 and leaflets["unit"] == "份"
    assert sum(1 for c in cands if c["kind"] == "digits") >= 33


def test_figures_command_on_any_text(tmp_path):
    f = tmp_path / "note.txt"
    f.write_text("全年投入１２０万元，增长3.5%，覆盖近百户。\n\n培训1.5万人次，完成百分之三十。\n", encoding="utf-8")
    proc = run_figures(str(f), "--json")
    got = {(c["text"], c["value"], c["unit"], c["approx"]) for c in json.loads(proc.stdout)}
    assert ("１２０万元", 120, "万元", False) in got
    assert ("3.5%", 3.5, "%", False) in got
    assert any(c[1] == 100 and c[3] for c in got), got
    assert any(c[1] == 1.5 and c[2] == "万人次" for c in got), got
    assert any(c[1] == 30 and c[2] == "%" for c in got), got
    text = run_figures(str(f)).stdout
    assert "１２０万元" in text and "≈" in text


def test_figures_command_bad_file(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes("投资2000万元".encode("gbk"))
    proc = run_figures(str(f))
    assert proc.returncode == 1 and f"{f}:1: the article is not UTF-8" in proc.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_figure_on_the_overview_with_source_link(built_site, lang):
    from sitegen.typography import zh_punctuation

    html = (built_site / lang / "overview" / "index.html").read_text(encoding="utf-8")
    for f in FIGURES["figures"]:
        row = re.search(rf'<tr id="{f["id"]}">(.*?)</tr>', html, re.S)
        assert row, f"{lang}: figure {f['id']} has no #anchor row on the overview"
        assert f'href="../article/#{f["source"]["unit"]}"' in row.group(1), f["id"]
        # the quote as displayed: the seed's half-width marks between Chinese characters made full-width
        assert zh_punctuation(f["source"]["quote"]) in row.group(1), f["id"]


def test_english_prose_takes_numbers_from_the_data(built_site):
    eco = (built_site / "en" / "ecology" / "index.html").read_text(encoding="utf-8")
    assert "invested <span class=\"fig\">CNY 20 million</span>" in eco
    assert "<span class=\"fig\">1,300 mu (about 87 ha)</span>" in eco
    safety = (built_site / "en" / "safety" / "index.html").read_text(encoding="utf-8")
    assert "<span class=\"fig\">more than 3,000</span> leaflets" in safety
    zh = (built_site / "zh" / "ecology" / "index.html").read_text(encoding="utf-8")
    assert "<span class=\"fig\">2000万元</span>" in zh


def test_investment_total_is_the_sum_of_its_parts(built_site):
    money = [f["value"] for f in FIGURES["figures"] if f["unit"] == "万元"]
    zh = (built_site / "zh" / "overview" / "index.html").read_text(encoding="utf-8")
    en = (built_site / "en" / "overview" / "index.html").read_text(encoding="utf-8")
    assert f'<span class="num">{sum(money):g}</span><span class="unit">万元</span>' in zh
    assert f'<span class="num">{sum(money) / 100:g}</span><span class="unit">million yuan (CNY)</span>' in en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_star_page_has_a_chart_of_its_own_figures(built_site, lang):
    groups = {f["id"]: f["group"] for f in FIGURES["figures"]}
    for star in ("industry", "ecology", "safety", "civility", "branch"):
        charts = [c for c in FIGURES["charts"] if c["page"] == star]
        assert charts and all(groups[x] == star for c in charts for x in c["figures"]), star
        html = (built_site / lang / star / "index.html").read_text(encoding="utf-8")
        for c in charts:
            assert f'id="chart-{c["id"]}"' in html and "<table>" in html
