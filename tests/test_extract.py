"""Tests for sitegen.check.extract: figure candidates in article text."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitegen.check.extract import KINDS, QUALIFIERS, Candidate, extract_candidates, to_json  # noqa: E402

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
        assert c.form in ("digits", "words")
        assert c.qualifier in QUALIFIERS and c.kind in KINDS
        assert (c.proposal == "figure") == (c.reason == "") and c.proposal in ("figure", "not_figure")
        assert c.scale in (1, 10**4, 10**8, 10**12)
    json.dumps(to_json(found))
    return found


# --- real cases from the article -------------------------------------------

def test_count_with_unit() -> None:
    c = one("先后召开6次推进会")
    assert (c.text, c.number, c.value, c.unit) == ("6次", "6", 6, "次")
    assert (c.qualifier, c.form, c.kind) == ("exact", "digits", "events")
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
    assert (c.text, c.value, c.unit, c.qualifier, c.marker) == ("3000余份", 3000, "份", "more_than", "余")


def test_square_metres() -> None:
    c = one("制作宣传图版400余平方米")
    assert (c.text, c.unit, c.qualifier, c.value, c.kind) == ("400余平方米", "平方米", "more_than", 400, "amount")


def test_people_with_bracket() -> None:
    c = one("评选出先进典型50余人(户)")
    assert (c.text, c.unit, c.qualifier, c.value, c.kind) == ("50余人", "人", "more_than", 50, "people")


def test_person_times() -> None:
    c = one("培训党员1236人次")
    assert (c.text, c.unit, c.value, c.kind) == ("1236人次", "人次", 1236, "person_times")


def test_words_yi_ban_ba_zu() -> None:
    found = cands("分别组建“一办八组”")
    assert [(c.text, c.number, c.value, c.unit, c.form) for c in found] == [
        ("一办", "一", 1, "办", "words"), ("八组", "八", 8, "组", "words")]
    assert found[0].quote == "分别组建“一办八组”"  # quotation marks are not delimiters


def test_words_six_kinds() -> None:
    c = one("等六种村集体经济经济发展模式")
    assert (c.text, c.number, c.value, c.unit, c.form, c.kind) == ("六种", "六", 6, "种", "words", "count")


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
    "一是完善组织架构", "二是建立调度机制", "进一步细化量化", "谋划下一步工作",
    "一些问题", "一起参加", "一直坚持", "统一组织", "唯一", "万一", "一体化", "一线", "一致",
    "之一", "一方面", "一律", "一旦", "同一个", "两微一端", "三零平安", "六防六促", "千家万户",
    "一乡一业", "", "没有数字",
])
def test_no_candidate(text: str) -> None:
    assert texts(text) == []


@pytest.mark.parametrize("text", ["第一次会议", "第十二个", "第3期"])
def test_ordinals_are_names_not_figures(text: str) -> None:
    c = one(text)
    assert (c.kind, c.proposal) == ("name", "not_figure") and "ordinal" in c.reason


def test_year_with_niandu() -> None:
    c = one("荣获濮阳市2022年度优秀青年志愿服务队称号")
    assert (c.text, c.value, c.unit, c.kind, c.proposal) == ("2022年度", 2022, "年度", "date", "not_figure")


def test_year() -> None:
    c = one("制订2023年村计划表")
    assert (c.text, c.unit) == ("2023年", "年")


# --- other forms -------------------------------------------------------------

def test_full_width_digits() -> None:
    c = one("举办１２次")
    assert (c.text, c.number, c.value, c.unit, c.form) == ("１２次", "１２", 12, "次", "digits")


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
    assert (c.unit, c.form, c.start, c.kind) == ("%", "words", 2, "share")


def test_percent_words_with_digits() -> None:
    c = one("百分之3.5")
    assert (c.value, c.unit, c.form) == (3.5, "%", "digits")


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
    assert (c.qualifier, c.value, c.unit, c.text) == ("nearly", 100, "户", "百户")


@pytest.mark.parametrize("text", ["约50人", "50人左右", "50人上下", "逾50人", "超50人", "50多人", "2000余万元"])
def test_approx_markers(text: str) -> None:
    assert one(text).qualifier != "exact"


@pytest.mark.parametrize("text", ["最近5天", "签约3个项目", "50人"])
def test_not_approx(text: str) -> None:
    assert one(text).qualifier == "exact"


def test_thousands_separator() -> None:
    c = one("1,236人次")
    assert (c.value, c.text, c.number, c.quote) == (1236, "1,236人次", "1,236", "1,236人次")


def test_digits_without_unit() -> None:
    c = one("坚持“12345”工作思路")
    assert (c.text, c.unit, c.value, c.scale, c.kind, c.proposal) == ("12345", "", 12345, 1, "name", "not_figure")


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
    assert list(data[0]) == ["paragraph", "start", "text", "number", "value", "value_max", "unit", "scale",
                             "qualifier", "marker", "kind", "form", "quote", "proposal", "reason", "role", "pair",
                             "compared", "cue", "measure"]
    assert json.loads(json.dumps(data)) == data


# --- the real article --------------------------------------------------------

def article_paragraphs() -> list[tuple[str, str]]:
    """The seed article as one paragraph per non-empty line, ids L1, L2, ..."""
    lines = [ln for ln in ARTICLE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return [(f"L{i}", ln) for i, ln in enumerate(lines, 1)]


def test_real_article() -> None:
    found = check_invariants(article_paragraphs())
    digits = [c for c in found if c.form == "digits"]
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
    assert c.value == n and c.unit == unit and c.form == "digits"


# --- qualifiers, kinds, ranges, clauses (issue 13) ------------------------------

@pytest.mark.parametrize("text, number_text, qualifier, marker", [
    ("发放宣传页3000余份", "3000余份", "more_than", "余"),
    ("开展活动50多次", "50多次", "more_than", "多"),
    ("惠及逾50人", "50人", "more_than", "逾"),
    ("投资超过5000万元", "5000万元", "more_than", "超过"),
    ("培训3000人以上", "3000人", "at_least", "以上"),    # official usage: 以上 includes the number
    ("走访近3000户", "3000户", "nearly", "近"),
    ("将近4000人次", "4000人次", "nearly", "将近"),
    ("接近200个", "200个", "nearly", "接近"),
    ("户均增收约4500元", "4500元", "about", "约"),
    ("户均增收4500元左右", "4500元", "about", "左右"),
    ("大约2.5亿元", "2.5亿元", "about", "大约"),
    ("年产值5亿元上下", "5亿元", "about", "上下"),
    ("惠及群众上千人", "千人", "at_least", "上"),
    ("可吸纳就业过万人", "万人", "at_least", "过"),
    ("引进资金突破80亿元", "80亿元", "at_least", "突破"),
    ("每户补贴不少于2000元", "2000元", "at_least", "不少于"),
    ("期限不超过15天", "15天", "at_most", "不超过"),
    ("原来不足100个", "100个", "at_most", "不足"),
    ("失业率控制在3.5%以内", "3.5%", "at_most", "以内"),
    ("最多可容纳企业40家", "40家", "at_most", "最多"),
    ("召开推进会6次", "6次", "exact", ""),
])
def test_qualifier_before_and_after(text: str, number_text: str, qualifier: str, marker: str) -> None:
    c = one(text)
    assert (c.text, c.qualifier, c.marker) == (number_text, qualifier, marker)


@pytest.mark.parametrize("text, value, unit, kind", [
    ("投资三百五十万元", 350, "万元", "amount"),
    ("开展活动四十余次", 40, "次", "events"),
    ("新建卫生室十一处", 11, "处", "count"),
    ("建成党群服务中心六个", 6, "个", "count"),
    ("完成一千二百户", 1200, "户", "households"),
    ("发展两千余个", 2000, "个", "count"),
    ("修路一百二十八公里", 128, "公里", "amount"),
    ("新增3.5万亩", 3.5, "万亩", "amount"),
    ("总投资1.05亿元", 1.05, "亿元", "amount"),
    ("化解率达百分之九十六", 96, "%", "share"),
    ("覆盖率96%", 96, "%", "share"),
    ("覆盖率９６％", 96, "％", "share"),
    ("妇女占比三成", 3, "成", "share"),
    ("占总数的一半", 1, "半", "share"),
    ("三分之一的村", 0.3333, "分之", "share"),
    ("培训1236人次", 1236, "人次", "person_times"),
    ("选派46名党员", 46, "名", "people"),
])
def test_every_way_of_writing_a_quantity(text: str, value, unit: str, kind: str) -> None:
    c = one(text)
    assert (c.value, c.unit, c.kind, c.proposal) == (value, unit, kind, "figure")


@pytest.mark.parametrize("text, low, high, unit", [
    ("新增停车位3至5个", 3, 5, "个"), ("充电桩3—5个", 3, 5, "个"), ("3~5个", 3, 5, "个"),
    ("三到五个", 3, 5, "个"), ("月收入8000元至1万元", 8000, 10000, "元"), ("10—20万元", 10, 20, "万元"),
])
def test_ranges(text: str, low, high, unit: str) -> None:
    c = one(text)
    assert (c.value, c.value_max, c.unit, c.proposal) == (low, high, unit, "figure")


def test_dates_are_not_ranges() -> None:
    assert texts("3月1日至3月31日") == ["3月", "1日", "3月", "31日"]
    assert all(c.kind == "date" and c.proposal == "not_figure" for c in cands("3月1日至3月31日"))


@pytest.mark.parametrize("text, role, cue", [
    ("收入超过20万元的村达到8个", "threshold", "超过…的"), ("新开工10亿元以上项目5个", "threshold", "以上项"),
    ("凡整改率低于90%的乡镇", "threshold", "低于…的"), ("吸纳就业10人以上的，给予奖励", "threshold", "以上的"),
    ("村集体经济收入全部突破10万元", "result", ""),     # every village above it: a stated result, not a group
    ("全县90%以上的村卫生室", "result", ""), ("完成投资120亿元以上", "result", ""),
    ("每户补贴不少于2000元", "result", ""),
    ("同比增长12.5%", "change", "增长"), ("较上年提高1.5个百分点", "change", "提高"),
    ("增加了十九栋", "change", "增加"),
    ("人均月增收约1800元", "change", "增收"), ("增速高于城镇居民1.9个百分点", "change", "高于"),
    ("由12栋增加到31栋", "result", ""), ("分别增长5.1%、7.3%", "change", "增长"),
    ("力争到2025年底五星支部达到6个", "target", "力争"), ("明年计划再建设示范村10个", "target", "计划"),
    ("预计投入资金不少于300万元", "target", "预计"), ("到２０２５年，占比达到９０％", "target", "到２０２５年"),
    ("全县将新建10个", "target", "将"), ("力争增长7%左右", "target", "力争"),
    ("集体经济收入50万元以上的村达到5个", "threshold", "以上的"),   # a threshold in a target's sentence
    ("该县将“12345”工作法推广到312个村", "result", ""),            # 将 is 把 here, not the future
    ("实施“培优”计划，每村储备3至5名", "result", ""),              # a plan's name, not a plan
    ("剩余3个村将于年底前完成", "result", ""),                     # before the future word
    ("位列全县第2名", "rank", "第"), ("位列前三名", "rank", "前"),
    ("新建党群服务中心5个，改造提升11个", "result", ""),          # 提升 here: upgraded eleven, no change
    ("比上年提升11个", "change", "提升"), ("降幅达37%", "change", "降幅"),
])
def test_roles_read_from_the_sentence(text: str, role: str, cue: str) -> None:
    c = [c for c in cands(text) if c.proposal == "figure"][-1 if text.startswith("由") else 0]
    assert (c.role, c.cue) == (role, cue)


def test_a_from_to_pairs_its_earlier_value() -> None:
    found = cands("超过50万元的村由2023年的9个增加到21个，生活污水治理率由41%提升至68%，由第9名跃升至第1名")
    roles = [(c.text, c.role, c.pair) for c in found if c.proposal == "figure"]
    assert roles == [("50万元", "threshold", ""), ("9个", "baseline", "21个"), ("21个", "result", ""),
                     ("41%", "baseline", "68%"), ("68%", "result", ""), ("9名", "baseline", "1名"),
                     ("1名", "rank", "")]


def test_a_change_has_a_direction() -> None:
    from sitegen.check.roles import sign
    assert [sign(c.cue) for c in cands("同比下降26%，提高31.6个百分点，是2020年的1.5倍")] == ["−", "+", "", ""]


@pytest.mark.parametrize("text, number_text, qualifier", [
    ("修订完善村规民约19部", "19部", "exact"), ("签约12个农业项目", "12个", "exact"),
    ("签约15.3万人", "15.3万人", "exact"),
    ("剩余6个村", "6个", "exact"), ("新建5个多功能运动场", "5个", "exact"), ("占比近四成", "四成", "nearly"),
    ("近三年来投入9.85亿元", "三年", "exact"), ("发放宣传资料近5万份", "5万份", "nearly"),
    ("开展文体活动150余场次", "150余场次", "more_than"),
])
def test_qualifier_words_are_read_as_words(text: str, number_text: str, qualifier: str) -> None:
    c = next(c for c in cands(text) if c.text == number_text)
    assert c.qualifier == qualifier


def test_units_of_the_model() -> None:
    assert [(c.text, c.unit, c.scale, c.kind) for c in cands("总库容1.2万吨，降雨300毫米，渔船5艘，一百零五万袋")] == [
        ("1.2万吨", "万吨", 10**4, "amount"), ("300毫米", "毫米", 1, "amount"), ("5艘", "艘", 1, "count"),
        ("一百零五万袋", "万袋", 10**4, "count")]


@pytest.mark.parametrize("text", ["交出了一份亮眼的成绩单", "是“归雁”工程的一个缩影", "重点人群不漏一人",
                                  "数十个村民小组", "十几个项目", "在村一级就地化解", "每千人口托位数"])
def test_the_article_one_is_not_a_count(text: str) -> None:
    assert all(c.proposal == "not_figure" for c in cands(text))


@pytest.mark.parametrize("text, number_text, kind, why", [
    ("2023年5月", "5月", "date", "date"), ("2023年5月", "2023年", "date", "date"),
    ("第一季度", "一季度", "date", "date"), ("坚持“12345”工作法", "12345", "name", "slogan"),
    ("实行一周一调度", "一周", "name", "slogan"), ("培育“一村一品”", "一村", "name", "slogan"),
    ("“四星”支部", "四星", "name", "star level"), ("第三批省级精品村", "三批", "name", "ordinal"),
    ("举办“千名党员进党校”培训班", "千名", "name", "slogan"), ("一批项目", "一批", "count", "vague"),
    ("每季度开展一次评比", "一次", "events", "frequency"),
])
def test_non_figures_with_their_reason(text: str, number_text: str, kind: str, why: str) -> None:
    c = next(c for c in cands(text) if c.text == number_text)
    assert (c.kind, c.proposal) == (kind, "not_figure") and why in c.reason


def test_quote_is_the_whole_clause_not_cut_at_the_enumeration_comma() -> None:
    c = one("一是发展食用菌、中药材等特色产业9个，带动群众增收")
    assert c.quote == "一是发展食用菌、中药材等特色产业9个"


def test_a_qualifier_does_not_reach_over_another_number_or_a_list_comma() -> None:
    found = cands("收入由原来的不足100个增加到209个")
    assert [(c.text, c.qualifier) for c in found] == [("100个", "at_most"), ("209个", "exact")]
    assert one("晒不足、谈打算3次").qualifier == "exact"


def test_kind_agreement_rule() -> None:
    from sitegen.check.extract import kind_agrees
    assert kind_agrees("count", "count", "个") and kind_agrees("amount", "amount", "万元")
    assert kind_agrees("count", "name", "组")       # an editor may call 一办八组 a count
    assert kind_agrees("people", "count", "个")     # 个 counts anything
    assert kind_agrees("people", "rank", "名")      # 第2名: a place, also read as people
    assert not kind_agrees("people", "events", "次") and not kind_agrees("amount", "count", "条")
    assert not kind_agrees("count", "amount", "万元")


@pytest.mark.parametrize("text, written", [("走访近3000户", "近3000户"), ("发放3000余份", "3000余份"),
                                           ("增收4500元左右", "4500元左右"), ("惠及上千人", "上千人"), ("6次", "6次")])
def test_as_written_keeps_the_qualifier_words(text: str, written: str) -> None:
    from sitegen.check.extract import as_written
    assert as_written(one(text)) == written
