"""Tests for sitegen.extract: figure candidates in article text."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitegen.extract import Candidate, extract_candidates, to_json  # noqa: E402

ARTICLE = Path(__file__).resolve().parent.parent / "seeds" / "000_7d6fa804764c86b5.txt"


def cands(text: str) -> list[Candidate]:
    """Candidates of a single paragraph with id "p"."""
    return extract_candidates([("p", text)])


def texts(text: str) -> list[str]:
    """Candidate texts of a single paragraph."""
    return [c.text for c in cands(text)]


def one(text: str) -> Candidate:
    """The only candidate of a single paragraph."""
    found = cands(text)
    assert len(found) == 1, found
    return found[0]


def check_invariants(paragraphs: list[tuple[str, str]]) -> list[Candidate]:
    """Extract and assert the structural invariants on every candidate."""
    found = extract_candidates(paragraphs)
    by_id = dict(paragraphs)
    for c in found:
        para = by_id[c.paragraph]
        assert para[c.start:c.start + len(c.text)] == c.text
        assert c.text and c.number and c.number in c.text
        assert c.text in c.quote and c.quote in para
        assert c.value >= 0
        assert c.kind in ("digits", "words")
        assert c.scale in (1, 10**4, 10**8, 10**12)
    json.dumps(to_json(found))
    return found


# --- real cases from the article -------------------------------------------

def test_count_with_unit() -> None:
    c = one("先后召开6次推进会")
    assert (c.text, c.number, c.value, c.unit) == ("6次", "6", 6, "次")
    assert (c.approx, c.kind) == (False, "digits")
    assert c.scale == 1 and c.start == 4 and c.quote == "先后召开6次推进会"


def test_ascii_commas_are_delimiters() -> None:
    found = cands("发布督查通报5期,发现问题37条,立即整改28条,长期坚持9条")
    assert [c.text for c in found] == ["5期", "37条", "28条", "9条"]
    assert [c.value for c in found] == [5, 37, 28, 9]
    assert found[1].quote == "发现问题37条"
    assert found[0].quote == "发布督查通报5期"


def test_wan_yuan() -> None:
    c = one("投资2000万元,实施城乡雨污水分流")
    assert (c.text, c.value, c.unit, c.scale) == ("2000万元", 2000, "万元", 10000)
    assert c.quote == "投资2000万元"


def test_approx_yu() -> None:
    c = one("发放宣传页3000余份")
    assert (c.text, c.value, c.unit, c.approx) == ("3000余份", 3000, "份", True)


def test_square_metres() -> None:
    c = one("制作宣传图版400余平方米")
    assert (c.text, c.unit, c.approx, c.value) == ("400余平方米", "平方米", True, 400)


def test_people_with_bracket() -> None:
    c = one("评选出先进典型50余人(户)")
    assert (c.text, c.unit, c.approx, c.value) == ("50余人", "人", True, 50)


def test_person_times() -> None:
    c = one("培训党员1236人次")
    assert (c.text, c.unit, c.value) == ("1236人次", "人次", 1236)


def test_words_yi_ban_ba_zu() -> None:
    found = cands("分别组建“一办八组”")
    assert [(c.text, c.number, c.value, c.unit, c.kind) for c in found] == [
        ("一办", "一", 1, "办", "words"), ("八组", "八", 8, "组", "words")]
    assert found[0].quote == "分别组建“一办八组”"  # quotation marks are not delimiters


def test_words_six_kinds() -> None:
    c = one("等六种村集体经济经济发展模式")
    assert (c.text, c.number, c.value, c.unit, c.kind) == ("六种", "六", 6, "种", "words")


@pytest.mark.parametrize("text, expected", [
    ("五项工作机制", ["五项"]),
    ("四支创建队伍", ["四支"]),
    ("三级联动联创", ["三级"]),
    ("两个工作关键", ["两个"]),
    ("一批项目", ["一批"]),
])
def test_words_measure(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize("text", [
    "一是完善组织架构", "二是建立调度机制", "进一步细化量化", "谋划下一步工作", "第一次会议", "第十二个",
    "一些问题", "一起参加", "一直坚持", "统一组织", "唯一", "万一", "一体化", "一线", "一致",
    "之一", "一方面", "一律", "一旦", "同一个", "两微一端", "三零平安", "六防六促", "千家万户",
    "一乡一业", "", "没有数字",
])
def test_no_candidate(text: str) -> None:
    assert texts(text) == []


def test_year_with_niandu() -> None:
    c = one("荣获濮阳市2022年度优秀青年志愿服务队称号")
    assert (c.text, c.value, c.unit) == ("2022年度", 2022, "年度")


def test_year() -> None:
    c = one("制订2023年村计划表")
    assert (c.text, c.unit) == ("2023年", "年")


# --- other forms -------------------------------------------------------------

def test_full_width_digits() -> None:
    c = one("举办１２次")
    assert (c.text, c.number, c.value, c.unit, c.kind) == ("１２次", "１２", 12, "次", "digits")


def test_decimal_percent() -> None:
    c = one("增长3.5%")
    assert (c.text, c.value, c.unit) == ("3.5%", 3.5, "%")
    assert isinstance(c.value, float)


def test_full_width_percent_and_point() -> None:
    c = one("增长３．５％")
    assert (c.value, c.unit) == (3.5, "％")


def test_percent_words() -> None:
    c = one("占比百分之三十")
    assert (c.text, c.number, c.value) == ("百分之三十", "三十", 30)
    assert (c.unit, c.kind, c.start) == ("%", "words", 2)


def test_percent_words_with_digits() -> None:
    c = one("百分之3.5")
    assert (c.value, c.unit, c.kind) == (3.5, "%", "digits")


def test_wan_people_decimal() -> None:
    c = one("1.5万人")
    assert (c.text, c.number, c.value, c.unit, c.scale) == ("1.5万人", "1.5", 1.5, "万人", 10000)


def test_yi_yuan() -> None:
    c = one("总投资3亿元")
    assert (c.unit, c.scale, c.value) == ("亿元", 10**8, 3)


def test_words_wan() -> None:
    c = one("两万人参加")
    assert (c.number, c.value, c.unit, c.scale) == ("两", 2, "万人", 10000)


def test_near_hundred() -> None:
    c = one("近百户")
    assert (c.approx, c.value, c.unit, c.text) == (True, 100, "户", "百户")


@pytest.mark.parametrize("text", ["约50人", "50人左右", "50人上下", "逾50人", "超50人", "50多人", "2000余万元"])
def test_approx_markers(text: str) -> None:
    assert one(text).approx is True


@pytest.mark.parametrize("text", ["最近5天", "签约3个项目", "50人"])
def test_not_approx(text: str) -> None:
    assert one(text).approx is False


def test_thousands_separator() -> None:
    c = one("1,236人次")
    assert (c.value, c.text, c.number, c.quote) == (1236, "1,236人次", "1,236", "1,236人次")


def test_digits_without_unit() -> None:
    c = one("坚持“12345”工作思路")
    assert (c.text, c.unit, c.value, c.scale) == ("12345", "", 12345, 1)


@pytest.mark.parametrize("numeral, value", [
    ("十二", 12), ("二十三", 23), ("一百零五", 105), ("三千", 3000), ("两万五千", 25000),
    ("二〇二三", 2023), ("叁拾", 30), ("十", 10),
])
def test_words_values(numeral: str, value: int) -> None:
    c = one(f"共{numeral}年")
    assert (c.number, c.value) == (numeral, value)


def test_document_order_and_paragraph_ids() -> None:
    found = extract_candidates([("A", "3个和5个"), ("B", "七条")])
    assert [(c.paragraph, c.text) for c in found] == [("A", "3个"), ("A", "5个"), ("B", "七条")]


def test_to_json_keys() -> None:
    data = to_json(cands("投资2000万元"))
    assert list(data[0]) == ["paragraph", "start", "text", "number", "value", "unit",
                             "scale", "approx", "kind", "quote"]
    assert json.loads(json.dumps(data)) == data


# --- the real article --------------------------------------------------------

def article_paragraphs() -> list[tuple[str, str]]:
    """The seed article as one paragraph per non-empty line, ids L1, L2, ..."""
    lines = [ln for ln in ARTICLE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return [(f"L{i}", ln) for i, ln in enumerate(lines, 1)]


def test_real_article() -> None:
    found = check_invariants(article_paragraphs())
    digits = [c for c in found if c.kind == "digits"]
    assert len(digits) >= 33
    values = {c.value for c in digits}
    for v in (1056, 1236, 585, 39, 1300, 800, 2000, 500, 350, 300, 76, 400, 3000):
        assert v in values
    assert extract_candidates(article_paragraphs()) == found  # deterministic


def test_large_input_is_fast() -> None:
    text = "\n".join(t for _, t in article_paragraphs())
    big = text * (1_000_000 // len(text) + 1)
    t0 = time.perf_counter()
    found = extract_candidates([("big", big)])
    assert time.perf_counter() - t0 < 10
    assert len(found) > 1000


@pytest.mark.parametrize("unit", ["1a", "一", "1,", "1.", "近", "百分之", "统一", "9" * 7, "亿"])
def test_pathological_input_is_fast(unit: str) -> None:
    big = unit * (200_000 // len(unit))
    t0 = time.perf_counter()
    found = extract_candidates([("p", big)])
    assert time.perf_counter() - t0 < 10
    for c in found:
        assert big[c.start:c.start + len(c.text)] == c.text and c.text in c.quote


# --- property tests ----------------------------------------------------------

CHINESE_ALPHABET = (
    "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
    "0123456789０１２３４５６７８９.．,%％"
    "元个项支级种条次名人户期张份座处村组办家类批场所年度月日天平方米公里亩吨"
    "余多近约逾超左右上下第是之统进步些分"
    "，。；：！？、,;!?\n\r “”()（） \t\x00\u2028abc"
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), max_size=4))
def test_property_arbitrary_text(parts: list[str]) -> None:
    check_invariants([(f"L{i}", t) for i, t in enumerate(parts)])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet=CHINESE_ALPHABET, max_size=80), max_size=4))
def test_property_chinese_text(parts: list[str]) -> None:
    found = check_invariants([(f"L{i}", t) for i, t in enumerate(parts)])
    assert found == extract_candidates([(f"L{i}", t) for i, t in enumerate(parts)])


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["个", "万元", "人次", "", "%"]))
def test_property_digits_roundtrip(n: int, unit: str) -> None:
    c = one(f"共{n}{unit}，")
    assert c.value == n and c.unit == unit and c.kind == "digits"
