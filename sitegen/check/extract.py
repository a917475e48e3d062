"""Find every figure candidate (every number) in article paragraphs, with what it means.

Each candidate has a value (and `value_max` for a range such as 3至5个), its unit as written with its
万/亿 scale, a qualifier read from the words around it (余, 近, 约, 左右, 以上, 突破 …), a kind of
quantity (amount, count, people, share, change, threshold, date, name …) and a proposal for the draft:
`figure`, or `not_figure` with the reason (a date, a slogan, a star level, an ordinal …).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import asdict, dataclass

from ..units import BASES
from ..units import SCALES as _SCALES
from ..units import unit_kind as _unit_kind
from .roles import pair_from_to, role_of
from .segment import inside_word, starts_longer_word

QUALIFIERS: tuple[str, ...] = ("exact", "more_than", "nearly", "about", "at_least", "at_most")
# The kinds of figure (what the number measures, from its unit and its place: sitegen/units.py), and of non-figures.
KINDS: tuple[str, ...] = ("amount", "count", "events", "people", "households", "person_times", "share", "points",
                          "times", "duration", "age", "rank", "date", "name")
# Measure words and units that may follow a numeral (longest match wins): every base unit of the units model.
UNITS: tuple[str, ...] = tuple(u for u in BASES if u != "分之")  # 三分之一 is read as a fraction
SCALES: dict[str, int] = dict(_SCALES)
# Words containing a numeral that is not a count. A Chinese numeral inside any
# occurrence of these is never a candidate. ("一批" is a candidate, proposed as vague.)
# Enumerators ("一是") are handled by rule, not listed.
EXCLUDED_WORDS: tuple[str, ...] = (
    "一些", "一起", "一直", "一定", "一般", "一样", "一切", "统一", "唯一", "万一",
    "进一步", "下一步", "一体", "一线", "一致", "一道", "一同", "同一", "之一",
    "一方面", "一律", "一旦", "千家万户", "一次性", "一成不变", "三番五次", "成千上万", "千方百计",
    "万无一失", "一系列", "千万", "一级",
)
# Qualifier words right before the number (longest first). A one-character one must be a word of its own in the
# segmented text: 约 in 签约 or 村规民约, 近 in 最近 are parts of other words (check/segment.py).
BEFORE: dict[str, str] = {
    "将近": "nearly", "接近": "nearly", "近乎": "nearly", "近": "nearly",
    "大约": "about", "大概": "about", "约": "about",
    "超过": "more_than", "多于": "more_than", "高于": "more_than", "逾": "more_than", "超": "more_than",
    "超出": "more_than",
    "突破": "at_least", "不少于": "at_least", "不低于": "at_least", "至少": "at_least",
    "不超过": "at_most", "不高于": "at_most", "不足": "at_most", "不到": "at_most", "最多": "at_most",
    "低于": "at_most", "少于": "at_most", "至多": "at_most",
}
# Markers that may stand a few words before the number in the same clause ("最多可容纳企业40家").
FAR_MARKERS: tuple[str, ...] = ("将近", "接近", "突破", "不少于", "不低于", "至少", "最多", "不超过",
                                "不足", "不到", "大约")
# Comparisons: with words between them and the number (高于城镇居民1.9个百分点, 比上年多12个) the number is the
# difference, exact; right before the number they qualify it (高于90%).
COMPARISONS: tuple[str, ...] = ("高于", "低于", "超过", "超出", "多于", "少于")
FAR_WINDOW = 10
# Before a bare magnitude (上千人, 过万人) only: "over".
MAGNITUDE_MARKERS: dict[str, str] = {"上": "at_least", "过": "at_least"}
INFIX: dict[str, str] = {"余": "more_than", "多": "more_than"}           # between numeral and unit
# After the unit; in official usage 以上 and 以下 include the number (at least, at most).
AFTER: dict[str, str] = {"左右": "about", "上下": "about", "以上": "at_least", "以内": "at_most",
                         "以下": "at_most"}
FILLERS = "了"
RANK_UNITS = ("名", "位")     # 第2名, 第3位: a place in a ranking
SPANS = ("年", "个月", "天", "周")   # 近三年来: 'the last three years'
SINCE = ("来", "以来")
VAGUE = ("数", "几", "若")                  # 数十个, 十几个, 几百人: an approximate number, no figure
ARTICLE_BEFORE = ("了", "是", "的", "为")   # 交出了一份, 是…的一个缩影: 一 is the article 'a'
NEGATIONS = ("不", "没", "无", "未")        # 不漏一人: 'not a single'
COUNTED = ("count", "events", "people", "households", "person_times")
RANGE_SEPS = "至到—－~～-"
QUOTE_MAX = 12  # a numeral inside a quotation this short is part of a slogan or a name
DELIMITERS = "，。；：！？,;!?\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
LIST_SEP = "、"  # not a clause delimiter (the quote runs over it), but the end of a qualifier's reach
QUOTE_MAX_SIDE = 100  # cap on quote length each side of the candidate (pathological input)

_D = "[0-9０-９]"
_DIGITS = (rf"{_D}{{1,3}}(?:,{_D}{{3}}){{1,20}}(?!{_D})(?:[.．]{_D}{{1,30}})?"
           rf"|{_D}{{1,60}}(?:[.．]{_D}{{1,30}})?")
_WORD_CHARS = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
_WORDS = f"[{_WORD_CHARS}]{{1,20}}"
_MASTER = re.compile(rf"(?P<pct>百分之)(?:(?P<pd>{_DIGITS})|(?P<pw>{_WORDS}))"
                     rf"|(?P<fd>{_WORDS})分之(?P<fn>{_WORDS})"
                     rf"|(?P<d>{_DIGITS})|(?P<w>{_WORDS})")
_NUMBER_AT = re.compile(rf"{_DIGITS}|{_WORDS}")
_UNIT_RE = re.compile("|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True)))
_SCALE_RE = re.compile("|".join(sorted(SCALES, key=len, reverse=True)))
_DELIM_RE = re.compile("[" + re.escape(DELIMITERS) + "]")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.", ",")
_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")}
_CN_DIGIT.update({"〇": 0, "两": 2})
_CN_DIGIT.update({c: i + 1 for i, c in enumerate("壹贰叁肆伍陆柒捌玖")})
_CN_SMALL = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
_CN_BIG = {"万": 10**4, "亿": 10**8}
_BEFORE_LONGEST = sorted(BEFORE, key=len, reverse=True)
_BEFORE_MAX = max(map(len, BEFORE))
_BEFORE_END = re.compile("(?:" + "|".join(map(re.escape, _BEFORE_LONGEST)) + ")$")   # a qualifier ends right there
_FAR_RE = re.compile("|".join(map(re.escape, FAR_MARKERS + COMPARISONS)))


@dataclass(frozen=True)
class Candidate:
    """One number found in a paragraph: value, unit, meaning and clause, and the draft's proposal."""

    paragraph: str
    start: int
    text: str
    number: str
    value: int | float
    value_max: int | float | None   # the high end of a range (3至5个), in the same unit; else None
    unit: str
    scale: int
    qualifier: str                  # one of QUALIFIERS
    marker: str                     # the qualifier word as written ("近", "余", "左右"), or ""
    kind: str                       # one of KINDS
    form: str                       # "digits" or "words"
    quote: str
    proposal: str                   # "figure" or "not_figure"
    reason: str                     # why not a figure ("" for a figure)
    role: str = "result"            # one of roles.ROLES: what the number says in its sentence
    pair: str = ""                  # a baseline's later value, as written (由4个增加到9个: the 4's pair is 9个)
    compared: str = ""              # the comparison it is the difference of (高于 in 高于城镇居民1.9个百分点)
    cue: str = ""                   # the words its role was read from (力争, 以上的, 增长, 由…增加到)


def as_written(c: Candidate) -> str:
    """The quantity with its qualifier words as the article writes it: 近3000户, 3000余份, 4500元左右."""
    if not c.marker or c.marker in c.text:
        return c.text
    return c.text + c.marker if c.marker in AFTER else c.marker + c.text


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


def base_unit(unit: str) -> str:
    """The unit without its 万/亿 prefix: 万元 -> 元 (a bare 万 stays)."""
    m = _SCALE_RE.match(unit)
    return unit[m.end():] if m and len(unit) > m.end() else unit


def unit_kind(unit: str) -> str:
    """The kind of quantity a unit measures: 万元 -> amount, 人次 -> person_times, 个 -> count (sitegen/units.py)."""
    return _unit_kind(unit)


def kind_agrees(declared: str, read: str, unit: str) -> bool:
    """Does a figure's declared kind agree with what the extractor reads for its unit? A count of things (个) may be
    declared as the people, events or households it counts, and any count as a plain count (50余人(户): people and
    households, the label says); a rank (第2名) is also a count of people."""
    base = unit_kind(unit)
    return declared in (read, base) or (base == "count" and declared in ("events", "people", "households")) or (
        read == "rank" and declared in ("people", "count")) or (declared == "count" and base in COUNTED)


def _excluded_mask(text: str) -> bytearray:
    """Mark every character covered by an occurrence of an EXCLUDED_WORDS entry."""
    mask = bytearray(len(text))
    if not any(c in text for c in "一万千三"):
        return mask
    for word in EXCLUDED_WORDS:
        i = text.find(word)
        while i >= 0:
            mask[i:i + len(word)] = b"\x01" * len(word)
            i = text.find(word, i + 1)
    return mask


@dataclass
class _Tail:
    """What follows a numeral: the end of the candidate, its unit, scale and infix qualifier."""

    end: int
    unit: str
    scale: int
    marker: str


def _tail(text: str, pos: int) -> _Tail:
    """Parse an infix 余/多, a 万/亿 prefix and a measure word at pos."""
    marker = ""
    if pos < len(text) and text[pos] in INFIX:
        marker, pos = text[pos], pos + 1
    prefix, scale = "", 1
    m = _SCALE_RE.match(text, pos)
    if m:
        prefix, scale, pos = m.group(), SCALES[m.group()], m.end()
        if not marker and pos < len(text) and text[pos] in INFIX:
            marker, pos = text[pos], pos + 1
    m = _UNIT_RE.match(text, pos)
    measure = m.group() if m else ""
    if marker == "多" and not measure and not prefix:
        return _Tail(pos - 1, "", 1, "")  # 多 not followed by a unit is a word of its own (多方)
    return _Tail(pos + len(measure), prefix + measure, scale, marker)


def _quote(text: str, delims: list[int], start: int, end: int) -> str:
    """The clause around text[start:end], bounded by delimiters (capped in length)."""
    i = bisect_left(delims, start)
    left = delims[i - 1] + 1 if i > 0 else 0
    j = bisect_left(delims, end)
    right = delims[j] if j < len(delims) else len(text)
    left, right = max(left, start - QUOTE_MAX_SIDE), min(right, end + QUOTE_MAX_SIDE)
    return text[left:right].strip()


def _in_quotation(text: str, start: int, end: int) -> str:
    """The short quotation (“…”) that text[start:end] stands in, or ''."""
    left = text.rfind("“", max(0, start - QUOTE_MAX), start + 1)
    if left < 0 or "”" in text[left:start]:
        return ""
    right = text.find("”", end, end + QUOTE_MAX)
    if right < 0 or right - left - 1 > QUOTE_MAX or "“" in text[end:right]:
        return ""
    return text[left:right + 1]


def _repeated_pattern(text: str, start: int, end: int, number: str) -> bool:
    """True for a slogan built on a repeated numeral: 一村一品, 一周一调度, 一网一组一员."""
    if len(number) != 1:
        return False
    after = text[end:end + 4]
    before = text[max(0, start - 3):start]
    return bool(re.match(rf"[^\W\d{_WORD_CHARS}]{{0,2}}{number}", after)) or (
        number in before and not any(c in _WORD_CHARS for c in before[before.rindex(number) + 1:])
        and before.rindex(number) < len(before) - 1)


class _Scanner:
    """Extracts candidates from one paragraph."""

    def __init__(self, pid: str, text: str) -> None:
        """Prepare delimiter positions and the exclusion mask for text."""
        self.pid, self.text = pid, text
        self.delims = [m.start() for m in _DELIM_RE.finditer(text)]
        self.mask = _excluded_mask(text)
        self.found: list[Candidate] = []

    # ---- qualifiers -----------------------------------------------------------------
    def floor(self, start: int) -> int:
        """Where a qualifier before start may begin: after the previous delimiter, 、 or candidate."""
        text = self.text
        i = bisect_left(self.delims, start)
        low = self.delims[i - 1] + 1 if i > 0 else 0
        reach = max(0, start - FAR_WINDOW - 4)
        low = max(low, text.rfind(LIST_SEP, reach, start) + 1, reach)
        if self.found and self.found[-1].start + len(self.found[-1].text) > low:
            low = self.found[-1].start + len(self.found[-1].text)
        return max(low, 0)

    def before(self, start: int, bare: bool) -> tuple[str, str, int, str]:
        """(qualifier, marker, marker start, comparison) of a qualifier word before start, or ('', '', start, '');
        comparison: the number is the difference of a comparison (高于城镇居民1.9个百分点), not qualified."""
        text, low = self.text, self.floor(start)
        pos = start - 1 if start > low and text[start - 1] in FILLERS else start
        if bare and pos > low and text[pos - 1] in MAGNITUDE_MARKERS and not inside_word(text, pos - 1):
            return MAGNITUDE_MARKERS[text[pos - 1]], text[pos - 1], pos - 1, ""
        near = _BEFORE_END.search(text, max(low, pos - _BEFORE_MAX), pos) if pos > low else None
        if near:
            for word in _BEFORE_LONGEST:
                at = pos - len(word)
                if at >= low and text.startswith(word, at):
                    if len(word) == 1 and inside_word(text, at):  # 签约, 村规民约, 最近: part of another word
                        continue
                    return BEFORE[word], word, at, ""
        window = text[max(low, start - FAR_WINDOW):start]
        if not _FAR_RE.search(window) or any(c in window for c in "0123456789０１２３４５６７８９"):
            return "", "", start, ""
        compare = max(((window.rfind(w), w) for w in COMPARISONS if w in window), default=None)
        best = max(((window.rfind(w), w) for w in FAR_MARKERS if w in window), default=None)
        if compare and (best is None or compare[0] > best[0]):
            if not window.endswith("的"):  # 高于城镇居民1.9个百分点: the difference; 超过全县的三分之一: a bound
                return "", "", start, compare[1]
            best = compare
        if best is None:
            return "", "", start, ""
        return BEFORE[best[1]], best[1], start - len(window) + best[0], ""

    def after(self, end: int) -> tuple[str, str]:
        """(qualifier, marker) of a qualifier word right after the unit, or ('', '')."""
        for word, q in AFTER.items():
            if self.text.startswith(word, end):
                return q, word
        return "", ""

    # ---- kinds ----------------------------------------------------------------------
    def kind(self, c: dict) -> tuple[str, str]:
        """(kind, reason-if-not-a-figure) of a candidate from its unit and the words around it."""
        text, start, end, unit = self.text, c["start"], c["end"], c["unit"]
        base = unit_kind(unit)
        if base == "name" and unit:
            return "name", "a star level or a number in a name (五星, 3号), not a quantity"
        quoted = _in_quotation(text, start, end)
        if quoted and base != "date":
            return "name", f"part of the slogan or name {quoted}, not a quantity"
        if c["form"] == "words" and _repeated_pattern(text, start, end, c["number"]):
            return "name", "part of a slogan or a mechanism name (one … one …), not a quantity"
        if start > 0 and text[start - 1] in "第前" and base_unit(unit) in RANK_UNITS:
            return "rank", ""  # 位列第2名, 由第9名跃升至第1名, 位列前三名
        if base == "date":
            return "date", "a date or a period of time, not a quantity"
        if start > 0 and text[start - 1] == "第":
            return "name", "an ordinal (第…), not a quantity"
        if not unit:
            return "name", "a number without a unit: a name or a code, not a quantity"
        return base, ""

    def proposal(self, c: dict, kind: str, reason: str) -> tuple[str, str]:
        """The draft's proposal: a figure, or not one with the reason."""
        if reason:
            return "not_figure", reason
        text, start = self.text, c["start"]
        if c["form"] == "words" and c["value"] == 1 and base_unit(c["unit"]) == "批":
            return "not_figure", "a vague quantity (一批 'a number of'), not a count"
        if start > 0 and text[start - 1] == "每":
            return "not_figure", "the base of a rate (每千人口 'per thousand people'), not a count"
        end = c["start"] + len(c["number"])
        if c["form"] == "words" and (text[start - 1:start] in VAGUE or text[end:end + 1] in VAGUE):
            return "not_figure", "a vague quantity (数十 'dozens', 十几 'a dozen or so'), not a count"
        if c["value"] == 1 and kind == "events" and "每" in text[self.floor(start):start]:
            return "not_figure", "a frequency (once every …), not a count of work done"
        if c["form"] == "words" and c["number"] == "一" and kind in COUNTED and (
                text[start - 1:start] in ARTICLE_BEFORE or any(w in text[max(0, start - 3):start] for w in NEGATIONS)):
            return "not_figure", "an article ('a', 'not a single'), not a count: 交出了一份, 是…的一个, 不漏一人"
        return "figure", ""

    # ---- candidates -----------------------------------------------------------------
    def make(self, start: int, num_start: int, num_end: int, form: str, pct: str = "") -> int:
        """Build the candidate whose numeral is text[num_start:num_end]; return its end."""
        text = self.text
        number = text[num_start:num_end] or text[num_end:num_end + 1]
        value: int | float = digits_value(number) if form == "digits" else (
            words_value(number) if num_end > num_start else 1)
        value_max = None
        if pct == "%":
            tail = _Tail(num_end, "%", 1, "")
        elif pct:
            tail = _Tail(num_end, pct, 1, "")
        else:
            tail = _tail(text, num_end)
            rng = self.range_end(tail)
            if rng:
                tail, value_max = rng
        if form == "words" and not tail.unit:
            return num_end
        bare = form == "words" and number[0] in "百千万亿"
        q0, m0, mstart, compared = self.before(start, bare)
        if m0 == "近" and base_unit(tail.unit) in SPANS and text.startswith(SINCE, tail.end):
            q0 = m0 = ""  # 近三年来: the last three years, not nearly three
        q1 = INFIX.get(tail.marker, "") if not self.infix_in_word(num_end, tail) else ""
        q2, m2 = self.after(tail.end)
        qualifier = q0 or q1 or q2 or "exact"
        marker = m0 if q0 else (tail.marker if q1 else m2)
        c = {"start": start, "end": tail.end, "after_end": tail.end + len(m2), "unit": tail.unit, "number": number,
             "form": form, "value": value, "qualifier": qualifier, "marker": marker,
             "marker_start": mstart if q0 else start, "compared": compared}
        kind, reason = self.kind(c)
        proposal, reason = self.proposal(c, kind, reason)
        prev = self.found[-1] if self.found else None
        role, cue = role_of(text, c, kind, prev) if proposal == "figure" else ("", "")
        self.found.append(Candidate(
            self.pid, start, text[start:tail.end], number, value, value_max, tail.unit, tail.scale, qualifier,
            marker, kind, form, _quote(text, self.delims, start, tail.end), proposal, reason, role, "", compared, cue))
        return tail.end

    def infix_in_word(self, num_end: int, tail: _Tail) -> bool:
        """A 余 or 多 after the numeral that begins a word of its own which is no unit (多功能), not a qualifier."""
        if not tail.marker:
            return False
        at = self.text.find(tail.marker, num_end, tail.end)
        return at >= 0 and starts_longer_word(self.text, at, lambda rest: bool(_UNIT_RE.match(rest) or
                                                                                  _SCALE_RE.match(rest)))

    def range_end(self, low: _Tail) -> tuple[_Tail, int | float] | None:
        """The high end of a range (3至5个, 3—5个, 8000元至1万元): (the range's tail, the high value).

        The high value is given in the low end's unit (8000元至1万元: 8000 to 10000 元)."""
        text, pos = self.text, low.end
        if low.marker or pos >= len(text) or text[pos] not in RANGE_SEPS:
            return None
        m = _NUMBER_AT.match(text, pos + 1)
        if not m or any(self.mask[m.start():m.end()]):
            return None
        digits = m.group()[0] not in _WORD_CHARS
        if digits != (text[pos - 1] not in _WORD_CHARS) and low.unit:
            return None
        num, n_end = m.group(), m.end()
        if not digits:
            while n_end > m.start() + 1 and text[n_end - 1] in _CN_BIG:
                n_end -= 1
            num = text[m.start():n_end]
        high = _tail(text, n_end)
        if not high.unit or high.marker:
            return None
        hv = digits_value(num) if digits else words_value(num)
        if not low.unit:
            return high, hv
        if base_unit(low.unit) != base_unit(high.unit) or unit_kind(low.unit) == "date":
            return None
        high_value = hv * high.scale / low.scale
        return _Tail(high.end, low.unit, low.scale, ""), int(high_value) if high_value.is_integer() else high_value

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
        if text.startswith("是", e):
            return e
        n = e
        while n > s and text[n - 1] in _CN_BIG:
            n -= 1
        if not any(c in _CN_DIGIT or c in _CN_SMALL for c in text[s:n]):
            # a bare magnitude after "over"/"nearly": 过万人, 近万户
            if n == s and s > 0 and text[s - 1] in "过上近逾超约" and _tail(text, s).unit[1:]:
                return self.make(s, s, s, "words")
            return e
        return self.make(s, s, n, "words")

    def run(self) -> list[Candidate]:
        """Scan the whole paragraph in order."""
        pos, text = 0, self.text
        while True:
            m = _MASTER.search(text, pos)
            if m is None:
                return pair_from_to(text, self.found)
            if m.group("pct"):
                form = "digits" if m.group("pd") else "words"
                pos = self.make(m.start(), m.end("pct"), m.end(), form, pct="%")
            elif m.group("fd"):
                pos = self.fraction(m)
            elif m.group("d"):
                pos = self.make(m.start(), m.start(), m.end(), "digits")
            else:
                pos = self.words(m.start(), m.end())
            pos = max(pos, m.end())

    def fraction(self, m: re.Match) -> int:
        """三分之一: a share, its value the fraction (rounded to four places)."""
        den, num = words_value(m.group("fd")), words_value(m.group("fn"))
        if den == 0:  # 零分之一: not a fraction
            return m.end()
        end = self.make(m.start(), m.start("fn"), m.end(), "words", pct="分之")
        c = self.found[-1]
        self.found[-1] = Candidate(**{**asdict(c), "value": round(num / den, 4)})
        return end


def extract_candidates(paragraphs: list[tuple[str, str]]) -> list[Candidate]:
    """Every number in the given (paragraph_id, text) pairs, in document order."""
    found: list[Candidate] = []
    for pid, text in paragraphs:
        found.extend(_Scanner(pid, text).run())
    return found


def to_json(cands: list[Candidate]) -> list[dict]:
    """Candidates as JSON-serialisable dicts. `kind` names the role where the role is a target, a threshold or a
    change (what a reader must not take for a stated result), else the kind of quantity; `measure` is always the
    kind of quantity and `role` the role."""
    return [{**asdict(c), "kind": c.role if c.role in SHOWN_ROLES else c.kind, "measure": c.kind} for c in cands]


SHOWN_ROLES = ("target", "threshold", "change")
