"""The role of a number in its sentence, read from the sentence's structure (general rules of the language, no
report's words):

- `threshold`: a bound that defines a group: 超过50万元的村, 30万元以上的村, 10亿元以上项目, 低于90%的乡镇;
- `target`: a goal, plan or forecast: a number after 力争, 计划, 预计, 目标, 争取, 拟, 确保, 将, 明年, 下一步,
  到2025年 … in its sentence;
- `baseline`: the earlier value of a from→to: the 4 of 由4个增加到9个, 从41%提升至68% (its `pair` is the later value);
- `rank`: a place in a ranking: 第2名, 第3位, 前三名;
- `change`: a difference or growth: 同比增长15%, 提高3个百分点 (percentage points are always one), 增长2倍, 增收1800元,
  高于城镇居民1.9个百分点;
- `result`: a stated fact, everything else.

Each reading keeps its cue, the words it was read from, so that a warning can quote them.

A threshold stays a threshold in a target's sentence (集体经济收入50万元以上的村达到5个: 50万元 defines the villages,
5个 is the target); the earlier value of a from→to is a baseline even where the later one is a target; a growth the
article aims at is a target (力争增长7%左右).
"""
from __future__ import annotations

import re

from ..units import COUNTED_KINDS
from .segment import tag_after, word_at

ROLES: tuple[str, ...] = ("result", "target", "threshold", "change", "baseline", "rank")
BOUNDS = ("more_than", "at_least", "at_most")
CHANGE_VERBS = ("增长", "下降", "提高", "增加", "减少", "上升", "降低", "提升", "下滑", "回落", "扩大", "缩小", "增收",
                "缩短", "缩减", "减收", "攀升", "回升", "增", "降", "减", "涨")
# Verbs that also mean 'to upgrade' a thing: before a count they are an action on things (改造提升11个 upgraded
# eleven), a change only of a share, points, a multiple or an amount, or where the clause compares (比上年, 同比)
LEVEL_VERBS = ("提高", "提升")
COMPARING = ("比", "较", "同比", "环比", "相比")
DOWN_WORDS = ("下降", "减少", "降低", "下滑", "回落", "缩小", "缩短", "缩减", "减收", "低于", "少于", "降幅", "降",
              "减")
FILLERS = "了"
LIST_SEP = "、"
SENTENCE_ENDS = "。！？!?\n"
# Words that make what follows in their sentence a goal, a plan or a forecast; each must be a word of its own (计划
# in 计划表 is a table; 将 in 将近 is 'nearly'), and a plan named in quotation marks ("培优"计划) is a name.
TARGET_WORDS = ("力争", "计划", "预计", "目标", "争取", "力求", "拟", "确保", "将", "明年", "下一步", "今后", "未来")
DEADLINE = re.compile(r"到(?:[0-9０-９]{4}|[〇零一二三四五六七八九]{4})年")
# The verb of a from→to between its two numbers (由4个增加到9个, 从41%提升至68%, 由第9名跃升至第1名)
TO = re.compile(r"(?:增加|提高|提升|下降|降低|减少|缩短|缩减|上升|跃升|攀升|增长|扩大|缩小|升|降|涨|增|减)"
                r"了?(?:到|至|为)")
FROM_WORDS = "由从"
FROM_REACH = 16  # how far before its number a 由/从 may stand ("由2023年的38.6%")


SENTENCE_MAX = 300  # how far back a sentence is read for its target words (a longer one is no sentence of a report)


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding pos begins (at most SENTENCE_MAX characters back)."""
    low = max(0, pos - SENTENCE_MAX)
    return max(max(text.rfind(c, low, pos) for c in SENTENCE_ENDS) + 1, low)


def threshold_cue(text: str, c: dict, measure: str) -> str:
    """The words that make the number a bound defining a group, or '': the number and its qualifier followed by 的
    (超过50万元的村, 10人以上的), or a qualifier after it by a noun (10亿元以上项目; a share so followed is a share of
    them: 90%以上的村卫生室)."""
    if c["qualifier"] not in BOUNDS or c["marker"] in ("余", "多"):
        return ""
    nxt = text[c["after_end"]:c["after_end"] + 1]
    if c["marker"] in ("以上", "以下", "以内"):
        defines = measure != "share" and nxt not in ("", LIST_SEP, "）", ")", "”") and nxt not in "，。；：！？,;!?\n"
        return c["marker"] + nxt if defines else ""
    return f"{c['marker']}…的" if nxt == "的" else ""


def target_cue(text: str, pos: int) -> str:
    """The target word or deadline (到2025年) before pos in its sentence that makes the number a goal, or ''."""
    head = text[sentence_start(text, pos):pos]
    base = pos - len(head)
    for word in TARGET_WORDS:
        i = head.find(word)
        while i >= 0:
            if target_word_at(text, base + i, word):
                return word
            i = head.find(word, i + 1)
    deadline = DEADLINE.search(head)
    return deadline.group(0) if deadline else ""


def target_word_at(text: str, at: int, word: str) -> bool:
    """The target word at text[at] is a word of its own, not the name of a plan nor part of another word."""
    if at > 0 and text[at - 1] in "”』」》\"":
        return False  # “培优”计划: the plan's name
    start, end = word_at(text, at)
    if start != at or end != at + len(word):
        return False
    return word != "将" or not takes_object(text, at)


def takes_object(text: str, at: int) -> bool:
    """将 before a quotation or a noun is 把 (该县将“12345”工作法推广到…, 将全县划分为…), not the future (将实施,
    将于)."""
    nxt = tag_after(text, at + 1)
    return nxt is None or nxt[0] in "“《‘\"" or nxt[1] in ("n", "nr", "m", "q")


def change_cue(text: str, c: dict, prev, measure: str = "") -> str:
    """The verb of change right before the number and its qualifier (同比增长12.5%, 增加了十九栋, 增收约1800元), or the
    list it continues (分别增长5.1%、7.3%); ''."""
    pos = c["marker_start"]
    while pos > 0 and text[pos - 1] in FILLERS:
        pos -= 1
    verb = next((v for v in CHANGE_VERBS if pos - len(v) >= 0 and text.startswith(v, pos - len(v))), "")
    if verb and verb in LEVEL_VERBS and measure in COUNTED_KINDS:
        clause = text[clause_start(text, pos, 40):pos]
        verb = verb if any(w in clause for w in COMPARING) else ""
    if verb:
        return verb
    if prev and prev.role == "change" and prev.unit == c["unit"] and \
            text[prev.start + len(prev.text):c["start"]] == LIST_SEP:
        return prev.cue
    return ""


RATE_WORDS = ("降幅", "增幅", "涨幅", "增速", "降速", "增长率", "下降率")   # 降幅达37%: the size of a change


def rate_of_change(text: str, pos: int) -> str:
    """A noun of the size of a change standing before the number in its clause (降幅达37%, 增速为5.8%), or ''."""
    clause = text[clause_start(text, pos, 12):pos]
    return next((w for w in RATE_WORDS if w in clause), "")


def role_of(text: str, c: dict, measure: str, prev) -> tuple[str, str]:
    """(role, the words read for it) of a figure candidate (c: its positions, unit, qualifier and marker) from its
    sentence; a from→to is paired afterwards (pair_from_to)."""
    cue = threshold_cue(text, c, measure)
    if cue:
        return "threshold", cue
    cue = target_cue(text, c["marker_start"])
    if cue:
        return "target", cue
    if measure == "rank":
        return "rank", text[c["start"] - 1]
    cue = c.get("compared") or change_cue(text, c, prev, measure) or rate_of_change(text, c["marker_start"])
    if measure in ("points", "times"):
        return "change", cue or c["unit"]
    return ("change", cue) if cue else ("result", "")


def sign(cue: str) -> str:
    """The direction of a change by the words it was read from: '+' (增长, 提高, 高于), '−' (下降, 减少, 低于), or ''
    where they do not say (是…的1.5倍)."""
    if any(w in cue for w in DOWN_WORDS):
        return "−"
    return "+" if any(w in cue for w in CHANGE_VERBS + ("高于", "超过", "超出", "多于")) else ""


def pair_from_to(text: str, found: list) -> list:
    """Mark the earlier value of each from→to of a paragraph as its baseline, paired with the later value:
    由4个增加到9个, 从41%提升至68%, 由2022年的42名增加到今年的98名, 由第9名跃升至第1名."""
    from dataclasses import replace

    out = list(found)
    figures = [i for i, x in enumerate(out) if x.proposal == "figure"]
    for n, (i, j) in enumerate(zip(figures, figures[1:], strict=False)):
        a, b = out[i], out[j]
        prev_end = out[figures[n - 1]].start + len(out[figures[n - 1]].text) if n else 0
        if not alike(a, b):
            continue
        between = text[a.start + len(a.text):b.start]
        to = TO.search(between) if len(between) <= FROM_REACH * 2 else None
        if to is None or any(ch in between for ch in SENTENCE_ENDS):
            continue
        before = text[max(sentence_start(text, a.start), a.start - FROM_REACH):a.start]
        at = max(before.rfind(w) for w in FROM_WORDS)
        if at < 0 or a.start - len(before) + at < prev_end:  # 由 … another figure … a: not a's from
            continue
        out[i] = replace(a, role="baseline", pair=b.text, cue=before[at] + "…" + to.group(0))
    return out


def alike(a, b) -> bool:
    """Two numbers of one from→to measure the same thing: one unit (less its scale), or both places in a ranking."""
    from .extract import base_unit

    return a.kind == b.kind and (a.kind == "rank" or base_unit(a.unit) == base_unit(b.unit))


CLAUSE_MARKS = "，。；：、！？,;:!?\n"


def clause_start(text: str, pos: int, reach: int) -> int:
    """Where the clause holding pos begins, looking back at most reach characters."""
    low = max(0, pos - reach)
    return max(max(text.rfind(c, low, pos) for c in CLAUSE_MARKS) + 1, low)


def counted_thing(text: str, start: int, end: int) -> str:
    """What a count counts, as the sentence names it: the noun after its measure word (39个村, 召开6次推进会), else
    the last noun before the number in its clause (打造“水美乡村”14个, 特色农业产业11个); '' where none is named."""
    after = tag_after(text, end)
    if after and noun_like(after[1]):
        return after[0]
    low = clause_start(text, start, 30)
    from .segment import tags

    nouns = [w for w, t in tags(text[low:start]) if noun_like(t)]
    return nouns[-1] if nouns else ""


def noun_like(tag: str) -> bool:
    """A part of speech of jieba's tagger that names things (nouns, their abbreviations; 村 is tagged zg)."""
    return tag.startswith("n") or tag in ("vn", "j", "zg")
