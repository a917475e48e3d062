"""Property tests of the article reader and the figures command on arbitrary input.

read_article must never raise: any text or bytes give either an Article or None with a problem
recorded; an Article keeps every character of the seed, has unique ids and no empty unit, and
follows the page-break rule (README.md, "How the article is read").
"""
from __future__ import annotations

import json
import os
import subprocess
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PY, ROOT
from sitegen.problems import Problems
from sitegen.read.article import Article, ReaderConfig, ends_sentence, read_article

CONFIGS = [
    ReaderConfig(),
    ReaderConfig(stray=("亦系赵珂。",), credit_roles=("全媒体记者", "记者", "通讯员", "摄影")),
]
# Characters the reader drops by rule: leading '#' of headings, leading dashes of the subtitle.
DROPPED = "#—－-"


# ---- a generator of Markdown-ish Chinese articles ------------------------------------------------

WORDS = ["白衣阁乡", "五星", "支部", "创建", "工作", "党员", "村“两委”干", "部必学", "发挥好党支部", "的战斗堡垒作用",
         "群众", "产业", "生态", "37条", "2000万元", "1,300亩", "近百", "3000余人", "（幸福花苑）", "《报告》",
         "乡村振兴", "abc", "Wang", "12345", "一批", "统一", "进一步"]
PUNCT = ["，", "、", "；", "：", "。", "！", "？", "…", "”", "“", "）", "!", "?", ".", " ", ""]
ENUMS = ["一是", "二是", "三是", "四是", "五是", "十是", "十一是"]
ENDS = ["。", "！", "？", "…", "。”", "！）", "?", "", "", "，"]  # "" and "，": a sentence cut by a page break


@st.composite
def sentence(draw) -> str:
    parts = draw(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(PUNCT)), min_size=1, max_size=5))
    return "".join(w + p for w, p in parts).rstrip("。！？…!?") + draw(st.sampled_from(ENDS))


@st.composite
def paragraph(draw) -> str:
    out = []
    for _ in range(draw(st.integers(1, 4))):
        out.append(draw(st.sampled_from(ENUMS)) if draw(st.booleans()) else "")
        out.append(draw(sentence()))
    text = "".join(out) or "空"
    if len(text) > 2 and draw(st.booleans()):  # a page break inside the paragraph
        cut = draw(st.integers(1, len(text) - 1))
        text = text[:cut] + draw(st.sampled_from(["\n\n", "\n", "\n\n\n", "\n  \n"])) + text[cut:]
    return text


@st.composite
def block(draw) -> str:
    kind = draw(st.sampled_from(["p", "p", "p", "p", "h1", "h2", "h3", "h3", "stray", "credit", "junk"]))
    if kind == "p":
        return draw(paragraph())
    if kind.startswith("h"):
        marks = "#" * int(kind[1]) + draw(st.sampled_from([" ", "", "  "]))
        dash = draw(st.sampled_from(["", "——", "—", "-", "－"])) if kind == "h2" else ""
        return marks + dash + draw(st.sampled_from(["", *WORDS])) + draw(st.sampled_from(["", *WORDS]))
    if kind == "stray":
        return "亦系赵珂。"
    if kind == "credit":
        return draw(st.sampled_from(["全媒体记者 王献伟", "通讯员 张静", "记者 王献伟\n通讯员 张静 文/图"]))
    return draw(st.text(alphabet="#。一是 \t\u3000\r—-\"”“", max_size=6))


@st.composite
def article_text(draw) -> str:
    blocks = draw(st.lists(block(), max_size=14))
    if draw(st.booleans()):
        blocks.insert(0, "# " + draw(st.sampled_from(WORDS)))
    seps = [draw(st.sampled_from(["\n\n", "\n", "\n\n\n", "\r\n\r\n", " \n\t\n"])) for _ in blocks]
    text = "".join(b + s for b, s in zip(blocks, seps, strict=True))
    return draw(st.sampled_from(["", "\ufeff"])) + text


# ---- the checks ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_file(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("props") / "seed.txt"


def kept(text: str) -> Counter:
    return Counter(ch for ch in text if not ch.isspace() and ch not in DROPPED)


def heading_between(lines: list[str], after: int, before: int) -> bool:
    """Whether a heading line lies between seed lines `after` and `before` (1-based, exclusive of before)."""
    return any(ln.strip().startswith("#") for ln in lines[after - 1:before - 1])


def check_reader(path: Path, data: bytes, config: ReaderConfig) -> Article | None:
    path.write_bytes(data)
    problems = Problems()
    article = read_article(path, config, problems)  # must not raise
    if article is None:
        assert problems.errors, "no Article, and no problem saying why"
        return None
    assert isinstance(article, Article)
    text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")

    blocks = article.all_blocks()
    block_ids = [b.id for b in blocks]
    assert len(block_ids) == len(set(block_ids)), f"duplicate block ids {block_ids}"
    seg_list = [s for b in blocks for s in (b.segments or ())] + [b for b in blocks if not b.segments]
    seg_ids = [s.id for s in seg_list]
    assert len(seg_ids) == len(set(seg_ids)), f"duplicate unit ids {seg_ids}"
    segments = article.segments()
    assert len(segments) == len(seg_list)
    if not problems.errors:  # a unit that is shown and translated must have some text
        empty = [i for i, s in segments.items() if not s.text.strip()]
        assert not empty, f"empty units {empty} read from {text!r}"

    # no character of the seed is lost or invented (only spaces, heading marks and subtitle dashes)
    body = "".join(s.text for s in segments.values())
    assert kept(body) == kept(text), f"lost {kept(text) - kept(body)}, added {kept(body) - kept(text)}"

    # paragraphs: p1, p2, … in reading order; a paragraph's points put back together are the paragraph
    paras = article.paragraphs
    assert [b.id for b in paras] == [f"p{i}" for i in range(1, len(paras) + 1)]
    for b in paras:
        if b.segments:
            assert "".join(s.text for s in b.segments) == b.text
            assert all(s.id == b.id or s.id.startswith(b.id + "-") for s in b.segments)

    # page-break rule: within a section, a paragraph that does not end a sentence was followed by a heading
    for group in [article.intro, *(s.paragraphs for s in article.sections)]:
        for a, b in pairwise(group):
            assert ends_sentence(a.text) or heading_between(lines, a.lines[-1], b.lines[0]), \
                f"{a.id} {a.text!r} does not end a sentence, yet {b.id} {b.text!r} was not joined to it"
    return article


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(), config=st.sampled_from(CONFIGS))
def test_reader_on_any_text(seed_file, text, config):
    check_reader(seed_file, text.encode("utf-8"), config)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=article_text(), config=st.sampled_from(CONFIGS))
def test_reader_on_markdownish_chinese_articles(seed_file, text, config):
    check_reader(seed_file, text.encode("utf-8"), config)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(), config=st.sampled_from(CONFIGS))
def test_reader_on_any_bytes(seed_file, data, config):
    seed_file.write_bytes(data)
    problems = Problems()
    article = read_article(seed_file, config, problems)  # must not raise
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        assert article is None
        assert any("not UTF-8" in p.message for p in problems.errors), problems.items
        return
    check_reader(seed_file, data, config)


def test_reader_examples():
    """A few fixed cases of the rules above (quick to read when a property fails)."""
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "seed.txt"
        a = check_reader(path, "# 标题\n\n村“两委”干\n\n部必学。\n\n### 节\n\n一是甲。二是乙\n\n"
                               "### 后\n\n丙。".encode(), CONFIGS[1])
        assert [p.text for p in a.paragraphs] == ["村“两委”干部必学。", "一是甲。二是乙", "丙。"]
        assert check_reader(path, b"\xff\xfe#", CONFIGS[0]) is None
        assert check_reader(path, "没有标题。".encode(), CONFIGS[0]) is None


# ---- the figures command -------------------------------------------------------------------------

@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(st.text(), article_text()))
def test_figures_command_on_random_text(seed_file, text):
    seed_file.write_bytes(text.encode("utf-8"))
    proc = subprocess.run([PY, str(ROOT / "build.py"), "figures", str(seed_file), "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    if proc.returncode == 0:
        rows = json.loads(proc.stdout)
        assert isinstance(rows, list)
        for row in rows:
            assert {"paragraph", "text", "value", "unit", "quote", "status"} <= row.keys()
            assert row["text"] and row["text"] in row["quote"]
    else:
        assert proc.stderr.strip(), "exit 1 must say why"
