"""The article reader on the real seed: structure, rejoined page breaks, stable ids."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.problems import Problems
from sitegen.read.article import ReaderConfig, ends_sentence, read_article, split_points

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_7d6fa804764c86b5.txt"
CONFIG = ReaderConfig(stray=("亦系赵珂。",), credit_roles=("全媒体记者", "记者", "通讯员", "摄影"))


@pytest.fixture(scope="module")
def article():
    problems = Problems()
    a = read_article(SEED, CONFIG, problems)
    assert a is not None and not problems.items
    return a


def test_seed_is_the_shared_original():
    shared = ROOT.parent / "shared" / "seeds" / SEED.name
    if shared.exists():
        assert SEED.read_bytes() == shared.read_bytes()


def test_structure(article):
    assert article.title.text == "“五星”闪耀 跑出乡村振兴“加速度”"
    assert article.subtitle.text == "范县白衣阁乡“五星”支部创建工作综述"
    assert [s.heading.text for s in article.sections] == [
        "夯实责任 凝聚创星合力", "摸清底数 明确创星目标", "明确任务 把准创星重点", "统筹融合 确保创星实效"]
    assert [b.text for b in article.stray] == ["亦系赵珂。"]
    assert [b.text for b in article.credits] == ["全媒体记者 王献伟", "通讯员 张静文/图"]
    assert [b.text for b in article.captions] == [
        "白衣阁乡“五星”支部创建工作推进会召开。", "河南省闰华纺织科技有限公司工人正在车间纺织作业。",
        "东、西赵回迁安置房(幸福花苑)。", "河南牧良牧业有限公司。", "板桥古镇。", "特色种植。"]
    assert article.intro[0].text.startswith("今年以来,范县白衣阁乡")


def test_page_breaks_rejoined(article):
    texts = [p.text for p in article.paragraphs]
    assert any("村“两委”干部必学" in t for t in texts)
    assert any("发挥好党支部的战斗堡垒作用" in t for t in texts)
    assert all(ends_sentence(t) for t in texts), "every paragraph ends a sentence"
    joined = article.block("p4")
    assert joined.lines == (23, 25), "p4 records both seed lines it came from"


def test_ids_are_stable(article):
    assert [p.id for p in article.paragraphs] == ["p1", "p2", "p3", "p4", "p5"]
    units = list(article.segments())
    assert units == ["title", "subtitle", "x1", "p1", "s1", "p2-1", "p2-2", "p2-3", "s2", "p3-1", "p3-2", "p3-3",
                     "s3", "p4-1", "p4-2", "p4-3", "p4-4", "p4-5", "s4", "p5-1", "p5-2", "p5-3",
                     "c1", "c2", "f1", "f2", "f3", "f4", "f5", "f6"]
    segs = article.segments()
    assert segs["p4-2"].text.startswith("二是深入实施“生态强乡”战略") and "点亮“生态宜居星”" in segs["p4-2"].text
    assert segs["p4-5"].text.endswith("点亮“支部过硬星”。")


def test_every_character_of_the_body_is_kept(article):
    raw = SEED.read_text(encoding="utf-8")
    body = "".join(s.text for s in article.segments().values())
    strip = lambda t: "".join(ch for ch in t if not ch.isspace() and ch not in "#—")  # noqa: E731
    assert sorted(strip(body)) == sorted(strip(raw))


def test_points_split_only_at_enumerators():
    assert [s.id for s in split_points("p9", "一是甲。二是乙。")] == ["p9-1", "p9-2"]
    assert [s.id for s in split_points("p9", "前言。一是甲。")] == ["p9-0", "p9-1"]
    assert [s.id for s in split_points("p9", "他说一是好的")] == ["p9"]


def test_without_stray_config_the_line_is_a_paragraph():
    a = read_article(SEED, ReaderConfig(credit_roles=CONFIG.credit_roles), Problems())
    assert a.paragraphs[0].text == "亦系赵珂。"
