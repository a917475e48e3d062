"""Find every figure candidate (every number) in article paragraphs."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import asdict, dataclass

# Measure words and units that may follow a numeral (longest match wins).
UNITS: tuple[str, ...] = (
    "元", "角", "平方米", "平方公里", "平方千米", "立方米", "公里", "千米", "米", "亩", "公顷",
    "吨", "公斤", "千克", "斤", "%", "％", "个百分点", "个月", "个", "项", "支", "级", "种",
    "条", "次", "名", "人次", "人", "户", "期", "张", "份", "座", "处", "村", "组", "办",
    "家", "类", "批", "场", "所", "年度", "年", "月", "日", "天", "周", "岁", "间", "套",
    "台", "辆", "棵", "株", "头", "只", "本", "部", "篇", "件", "门", "轮", "届", "位",
    "单", "片", "块", "栋", "层", "星", "倍", "号", "小时", "分钟", "秒", "起", "笔", "节",
)
# Magnitude prefixes that become part of the unit ("万元", "亿元", "万人").
SCALES: dict[str, int] = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
# Words containing a numeral that is not a count. A Chinese numeral inside any
# occurrence of these is never a candidate. ("一批" is a real count: not here.)
# Enumerators ("一是") and ordinals ("第一") are handled by rule, not listed.
EXCLUDED_WORDS: tuple[str, ...] = (
    "一些", "一起", "一直", "一定", "一般", "一样", "一切", "统一", "唯一", "万一",
    "进一步", "下一步", "一体", "一线", "一致", "一道", "一同", "同一", "之一",
    "一方面", "一律", "一旦", "千家万户",
)
APPROX_BEFORE = "近约逾超"           # marker right before the numeral
APPROX_INFIX = "余多"                 # marker between numeral and unit
APPROX_AFTER = ("左右", "上下")       # marker right after the unit
# Two-character words ending in an APPROX_BEFORE char that are not markers.
NOT_APPROX: frozenset[str] = frozenset(
    {"最近", "附近", "就近", "签约", "节约", "制约", "预约", "合约", "履约", "集约", "赶超"})
DELIMITERS = "，。；：！？、,;!?\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
QUOTE_MAX_SIDE = 100  # cap on quote length each side of the candidate (pathological input)

_D = "[0-9０-９]"
_DIGITS = (rf"{_D}{{1,3}}(?:,{_D}{{3}}){{1,20}}(?!{_D})(?:[.．]{_D}{{1,30}})?"
           rf"|{_D}{{1,60}}(?:[.．]{_D}{{1,30}})?")
_WORD_CHARS = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
_WORDS = f"[{_WORD_CHARS}]{{1,20}}"
_MASTER = re.compile(rf"(?P<pct>百分之)(?:(?P<pd>{_DIGITS})|(?P<pw>{_WORDS}))"
                     rf"|(?P<d>{_DIGITS})|(?P<w>{_WORDS})")
_UNIT_RE = re.compile("|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True)))
_SCALE_RE = re.compile("|".join(sorted(SCALES, key=len, reverse=True)))
_DELIM_RE = re.compile("[" + re.escape(DELIMITERS) + "]")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.", ",")
_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")}
_CN_DIGIT.update({"〇": 0, "两": 2})
_CN_DIGIT.update({c: i + 1 for i, c in enumerate("壹贰叁肆伍陆柒捌玖")})
_CN_SMALL = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
_CN_BIG = {"万": 10**4, "亿": 10**8}


@dataclass(frozen=True)
class Candidate:
    """One number found in a paragraph, with its unit and clause."""

    paragraph: str
    start: int
    text: str
    number: str
    value: int | float
    unit: str
    scale: int
    approx: bool
    kind: str
    quote: str


def digits_value(number: str) -> int | float:
    """Value of an Arabic/full-width numeral such as "1,236", "１２" or "3.5"."""
    plain = number.translate(_FULLWIDTH)
    return float(plain) if "." in plain else int(plain)


def words_value(number: str) -> int:
    """Value of a Chinese numeral such as "二十三", "一百零五", "两" or "二〇二三"."""
    if not any(c in _CN_SMALL or c in _CN_BIG for c in number):
        return int("".join(str(_CN_DIGIT.get(c, 0)) for c in number) or "0")
    total = section = digit = 0
    for c in number:
        if c in _CN_DIGIT:
            digit = _CN_DIGIT[c]
        elif c in _CN_SMALL:
            section += (digit or 1) * _CN_SMALL[c]
            digit = 0
        elif c == "万":
            section = ((section + digit) or 1) * _CN_BIG[c]
            digit = 0
        elif c == "亿":
            total = ((total + section + digit) or 1) * _CN_BIG[c]
            section = digit = 0
    return total + section + digit


def _excluded_mask(text: str) -> bytearray:
    """Mark every character covered by an occurrence of an EXCLUDED_WORDS entry."""
    mask = bytearray(len(text))
    if not any(c in text for c in "一万千"):
        return mask
    for word in EXCLUDED_WORDS:
        i = text.find(word)
        while i >= 0:
            mask[i:i + len(word)] = b"\x01" * len(word)
            i = text.find(word, i + 1)
    return mask


def _tail(text: str, pos: int) -> tuple[int, str, int, bool]:
    """Parse approx infix, 万/亿 prefix and measure word at pos: (end, unit, scale, approx)."""
    approx = False
    if pos < len(text) and text[pos] in APPROX_INFIX:
        approx, pos = True, pos + 1
    prefix, scale = "", 1
    m = _SCALE_RE.match(text, pos)
    if m:
        prefix, scale, pos = m.group(), SCALES[m.group()], m.end()
        if not approx and pos < len(text) and text[pos] in APPROX_INFIX:
            approx, pos = True, pos + 1
    m = _UNIT_RE.match(text, pos)
    measure = m.group() if m else ""
    return pos + len(measure), prefix + measure, scale, approx


def _approx_before(text: str, start: int) -> bool:
    """True when an approximation marker directly precedes position start."""
    return (start > 0 and text[start - 1] in APPROX_BEFORE
            and text[max(0, start - 2):start] not in NOT_APPROX)


def _quote(text: str, delims: list[int], start: int, end: int) -> str:
    """The clause around text[start:end], bounded by delimiters (capped in length)."""
    i = bisect_left(delims, start)
    left = delims[i - 1] + 1 if i > 0 else 0
    j = bisect_left(delims, end)
    right = delims[j] if j < len(delims) else len(text)
    left, right = max(left, start - QUOTE_MAX_SIDE), min(right, end + QUOTE_MAX_SIDE)
    return text[left:right].strip()


class _Scanner:
    """Extracts candidates from one paragraph."""

    def __init__(self, pid: str, text: str) -> None:
        """Prepare delimiter positions and the exclusion mask for text."""
        self.pid, self.text = pid, text
        self.delims = [m.start() for m in _DELIM_RE.finditer(text)]
        self.mask = _excluded_mask(text)
        self.found: list[Candidate] = []

    def make(self, start: int, num_start: int, num_end: int, kind: str,
             force_pct: bool = False) -> int:
        """Build the candidate whose numeral is text[num_start:num_end]; return its end."""
        text = self.text
        number = text[num_start:num_end]
        if force_pct:
            end, unit, scale, approx = num_end, "%", 1, False
        else:
            end, unit, scale, approx = _tail(text, num_end)
        if kind == "words" and not unit:
            return num_end
        value = digits_value(number) if kind == "digits" else words_value(number)
        approx = approx or _approx_before(text, start) or text.startswith(APPROX_AFTER, end)
        self.found.append(Candidate(
            self.pid, start, text[start:end], number, value, unit, scale, approx, kind,
            _quote(text, self.delims, start, end)))
        return end

    def words(self, s: int, e: int) -> int:
        """Handle a Chinese-numeral run text[s:e], split around excluded words."""
        end, i = e, s
        while i < e:
            while i < e and self.mask[i]:
                i += 1
            j = i
            while j < e and not self.mask[j]:
                j += 1
            if j > i:
                end = max(end, self.words_one(i, j))
            i = j
        return end

    def words_one(self, s: int, e: int) -> int:
        """Handle one unexcluded Chinese-numeral run text[s:e]."""
        text = self.text
        if (s > 0 and text[s - 1] == "第") or text.startswith("是", e):
            return e
        n = e
        while n > s and text[n - 1] in _CN_BIG:
            n -= 1
        if not any(c in _CN_DIGIT or c in _CN_SMALL for c in text[s:n]):
            return e
        return self.make(s, s, n, "words")

    def run(self) -> list[Candidate]:
        """Scan the whole paragraph in order."""
        pos, text = 0, self.text
        while True:
            m = _MASTER.search(text, pos)
            if m is None:
                return self.found
            if m.group("pct"):
                kind = "digits" if m.group("pd") else "words"
                pos = self.make(m.start(), m.end("pct"), m.end(), kind, force_pct=True)
            elif m.group("d"):
                pos = self.make(m.start(), m.start(), m.end(), "digits")
            else:
                pos = self.words(m.start(), m.end())
            pos = max(pos, m.end())


def extract_candidates(paragraphs: list[tuple[str, str]]) -> list[Candidate]:
    """Every number in the given (paragraph_id, text) pairs, in document order."""
    found: list[Candidate] = []
    for pid, text in paragraphs:
        found.extend(_Scanner(pid, text).run())
    return found


def to_json(cands: list[Candidate]) -> list[dict]:
    """Candidates as JSON-serialisable dicts."""
    return [asdict(c) for c in cands]
