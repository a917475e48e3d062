"""format_*: a figure's value, unit and qualifier written as each language expects (pure functions)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .units import BASES, Unit, parse_unit


@dataclass(frozen=True)
class Writing:
    """How a language is set, as far as the pages and the pictures need to know: the rest of the code asks this
    (writing(lang)), never `lang == "zh"`. A third language is one entry here, its format_* functions below and its
    words in templates/strings.yml (the checks refuse one until it has them: check/report.py)."""

    spaced: bool                # words, and a qualifier, a number and its unit, are separated by spaces
    ellipsis: str               # what ends a text cut short to fit
    card_pitch: float           # line height of a share card's title, in font sizes
    image_pitch: float          # line height of the long image's texts, in font sizes
    headline_spaces: bool       # a space in a headline is a pause where it breaks first (Chinese titles)
    curly_quotes: bool = False  # straight quotes typed in its texts are set curly ("x" -> “x”, it's -> it’s)
    phrase_breaks: bool = False  # a title breaks only between phrases (render/typography.py: phrases)
    # words that qualify a number, which a translation must not write before a {…} reference: the reference
    # writes the article's own qualifier ("about 12,000 mu"), and an exact number is not to be qualified
    approximators: tuple[str, ...] = ()
    # words that also qualify a number but have other senses ("over five years"): only refused before a reference
    # that writes a qualifier of its own ('over {3000余份}' would say 'over more than 3,000')
    loose_approximators: tuple[str, ...] = ()


WRITING: dict[str, Writing] = {
    "zh": Writing(spaced=False, ellipsis="…", card_pitch=1.28, image_pitch=1.5, headline_spaces=True,
                  phrase_breaks=True),
    "en": Writing(spaced=True, ellipsis="...", card_pitch=1.18, image_pitch=1.34, headline_spaces=False,
                  curly_quotes=True,
                  approximators=("about", "around", "approximately", "roughly", "nearly", "almost", "more than",
                                 "less than", "fewer than", "at least", "at most", "up to", "no more than",
                                 "close to", "upwards of"),
                  loose_approximators=("over", "some", "under", "above", "below")),
}


def writing(lang: str) -> Writing:
    """How lang is set (KeyError for a language the generator cannot set)."""
    return WRITING[lang]


@dataclass(frozen=True)
class Style:
    """How a figure's unit is measured and written: made from the unit as written by the units model (sitegen/units.py:
    万吨 is 10⁴ tonnes), or named in a report's units.yml for a measure word the model lacks."""

    dimension: str        # money, area, length, weight, share, count, year …: only one dimension adds up
    base: str             # the base unit of tiles and downloads (yuan, mu, m², tonnes, %, people; '' counts things)
    per_base: float = 1   # value as written x per_base = value in the base unit (2000万元 -> 20,000,000 yuan)
    common: float = 1     # one base unit in its dimension's common measure (a mu in m²): what adds mu to ha
    name: str = ""        # the unit as written that it was made from (成, 分之 and 半 are written their own way)


def _style_of(written: str, scale: int, u: Unit) -> Style:
    return Style(u.dimension, u.en, scale * u.per, u.common / u.per, u.zh)


class _Styles(Mapping):
    """STYLES[key]: a unit as written (万吨, 个百分点) or a style name of units.yml (money_wan, count) -> its Style.
    Iterating gives the style names an editor may write in units.yml."""

    def __init__(self, named: dict[str, str]) -> None:
        self.named = named
        self.made: dict[str, Style] = {}

    def __getitem__(self, key: str) -> Style:
        if key not in self.made:
            p = parse_unit(self.named.get(key, key)) if isinstance(key, str) else None
            if p is None:
                raise KeyError(key)
            self.made[key] = _style_of(p.written, p.scale, p.base)
        return self.made[key]

    def __contains__(self, key) -> bool:
        return isinstance(key, str) and (key in self.named or parse_unit(key) is not None)

    def __iter__(self):
        return iter(self.named)

    def __len__(self) -> int:
        return len(self.named)


# The style names units.yml accepts (for a report's own measure words), each the unit it writes like.
STYLES = _Styles({
    "count": "个", "count_wan": "万个", "people": "人", "people_wan": "万人", "households": "户",
    "households_wan": "万户", "person_times": "人次", "person_times_wan": "万人次", "events": "次",
    "money_yuan": "元", "money_wan": "万元", "money_yi": "亿元", "money_jiao": "角", "money_usd": "美元",
    "area_mu": "亩", "area_wan_mu": "万亩", "area_ha": "公顷", "area_m2": "平方米", "area_wan_m2": "万平方米",
    "area_km2": "平方公里", "length_km": "公里", "length_m": "米", "weight_t": "吨", "weight_wan_t": "万吨",
    "weight_kg": "公斤", "weight_g": "克", "weight_jin": "斤", "volume_m3": "立方米", "power_kw": "千瓦",
    "power_wan_kw": "万千瓦", "percent": "%", "tenths": "成", "half": "半", "fraction": "分之",
    "percentage_points": "个百分点", "times": "倍", "duration_months": "个月", "duration_days": "天",
    "duration_hours": "小时", "duration_minutes": "分钟", "duration_seconds": "秒", "age_years": "岁",
    "date": "月", "level": "星", "year": "年",
})
# The Chinese name of each English base unit, for the downloads' base-unit column (the first unit that writes it).
BASE_NAMES: dict[str, str] = {"": ""}
for _u in BASES.values():
    BASE_NAMES.setdefault(_u.en, _u.zh)
SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
MU_PER_HA = 15   # the English of an area in mu says it in hectares too

# ---- qualifiers: what the article says about the number besides its value -------------------------------
QUALIFIER_EN = {"exact": "", "more_than": "more than", "nearly": "nearly", "about": "about",
                "at_least": "at least", "at_most": "at most"}
# How Chinese writes each qualifier, before and after the number (longest first); the first is the default
# used for a figure the article does not write (a derived sum). 以上 and 以下 include the number (official usage).
QUALIFIER_ZH_BEFORE = {"more_than": ("超过", "逾", "超出", "多于", "高于", "超"),
                       "nearly": ("近", "将近", "接近", "近乎"), "about": ("约", "大约", "大概"),
                       "at_least": ("至少", "突破", "不少于", "不低于", "上", "过"),
                       "at_most": ("不超过", "最多", "至多", "不足", "不到", "低于", "少于", "不高于")}
QUALIFIER_ZH_AFTER = {"more_than": ("余", "多"), "about": ("左右", "上下"), "at_least": ("以上",),
                      "at_most": ("以下", "以内")}
LOWER = {"more_than", "at_least"}   # the true value is above the number
UPPER = {"nearly", "at_most"}       # the true value is below it


def grouped(value: float) -> str:
    """1300 -> '1,300'; 3.5 -> '3.5'; no trailing zeros."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def plain(value: float) -> str:
    """A number for data files and Chinese: no grouping, no trailing zeros ('20000000', '1.05')."""
    return f"{int(value)}" if float(value).is_integer() else f"{value:.10g}"


def base_value(value: float, style: str) -> float:
    """The value in the style's base unit (2000 万元 -> 20000000 yuan)."""
    return round(value * STYLES[style].per_base, 6)


def common_value(value: float, style: str) -> float:
    """The value in its dimension's common measure (mu and ha in m²), for adding figures of one dimension."""
    s = STYLES[style]
    return value * s.per_base * s.common


def from_common(common: float, style: str) -> float:
    """The inverse of common_value: a common measure written in a style's unit."""
    s = STYLES[style]
    return round(common / (s.per_base * s.common), 6)


def combine_qualifiers(qualifiers: list[str]) -> str:
    """The qualifier of a sum: exact only if every part is; bounds of one direction keep it (more than +
    exact = more than, at least + exact = at least, nearly + at most = at most); mixed directions or any
    'about' give 'about'."""
    q = {x for x in qualifiers if x != "exact"}
    if not q:
        return "exact"
    if "about" in q or (q & LOWER and q & UPPER):
        return "about"
    if q & LOWER:
        return "more_than" if "more_than" in q else "at_least"
    return "nearly" if q == {"nearly"} else "at_most"


def money_en(yuan: float) -> str:
    """CNY amounts as an English reader expects: 'CNY 850,000', 'CNY 20 million', 'CNY 1.2 billion'."""
    if yuan >= 1e9:
        return f"CNY {grouped(round(yuan / 1e9, 2))} billion"
    if yuan >= 1e6:
        return f"CNY {grouped(round(yuan / 1e6, 2))} million"
    return f"CNY {grouped(yuan)}"


# The currency code written before an English amount: one style everywhere, "CNY 20 million" (tiles, cards,
# sentences, tables, charts and downloads alike).
CURRENCY_EN = {"money": "CNY"}


def en_prefix(style: str) -> str:
    """What an English tile writes before the number: the currency code of an amount ('CNY'), else ''."""
    return CURRENCY_EN.get(STYLES[style].dimension, "")


def en_parts(value: float, style: str, value_max: float | None = None) -> tuple[str, str]:
    """(number, unit) for an English tile: ('20', 'million') after en_prefix 'CNY', ('1,300', 'mu (about 87 ha)');
    a range (3至5名) as ('3–5', 'people')."""
    if value_max is not None:
        (low, low_unit), (high, unit) = en_parts(value, style), en_parts(value_max, style)
        scale = {"billion": 1e9, "million": 1e6}.get(unit)
        if low_unit != unit and scale and STYLES[style].dimension == "money":  # both ends in the high end's scale
            low, low_unit = grouped(round(base_value(value, style) / scale, 2)), unit
        if low.endswith("%") and high.endswith("%"):  # the sign once: 3–5%
            low = low[:-1]
        return (f"{low}–{high}" if low_unit == unit else f"{low} {low_unit}–{high}"), unit
    s = STYLES[style]
    if s.dimension == "year":
        return str(int(value)), ""
    if s.name == "分之":
        return fraction_en(value), ""
    if s.dimension == "money":
        yuan = base_value(value, style)
        for size, word in ((1e9, "billion"), (1e6, "million")):
            if yuan >= size:
                return grouped(round(yuan / size, 2)), word
        return grouped(yuan), ""
    base = base_value(value, style)
    if s.base == "mu":
        return grouped(base), f"mu (about {grouped(round(base / MU_PER_HA))} ha)"
    if s.base == "%":  # a sign, not a word: '93.5%', never '93.5 %'
        return f"{grouped(base)}%", ""
    return grouped(base), s.base


DENOMINATORS = {2: "half", 3: "third", 4: "quarter", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth",
                9: "ninth", 10: "tenth"}


def fraction_en(value: float) -> str:
    """A fraction as English writes it: 0.3333 -> 'one third', 0.6667 -> 'two thirds'; else a percentage."""
    for den, word in DENOMINATORS.items():
        num = round(value * den)
        if 0 < num < den and abs(num / den - value) < 1e-3:
            return f"{SMALL[num]} {word}{'s' if num > 1 else ''}"
    return f"{grouped(round(value * 100, 2))}%"


def format_en(value: float, style: str, qualifier: str = "exact", prose: bool = True,
              value_max: float | None = None, spell: bool = True) -> str:
    """A figure in English with its qualifier: 'CNY 20 million', 'more than 3,000', 'six', 'nearly 18.5 km'.
    In prose (a sentence that names the noun) a count is the bare number, small exact ones spelled out; in a
    tile, table, chart or download the count carries its noun ('more than 50 people'). A range (value to
    value_max) says both ends: 'three to five', '3 to 5 people', 'CNY 1 to 2 million'."""
    if value_max is not None:
        small = max(base_value(value, style), base_value(value_max, style)) < 10  # both ends spelled out, or none
        ends = [format_en(v, style, "exact", prose, spell=small) for v in (value, value_max)]
        word = QUALIFIER_EN.get(qualifier, "")
        return f"{word} {range_words(*ends)}" if word else range_words(*ends)
    s = STYLES[style]
    number, unit = en_parts(value, style)
    if s.dimension == "money":
        body = money_en(base_value(value, style))
    elif s.name == "分之":
        body = fraction_en(value)
    elif s.dimension == "count" and prose:
        whole = base_value(value, style)
        small = spell and float(whole).is_integer() and 0 <= whole < 10 and qualifier == "exact"
        body = SMALL[int(whole)] if small else number
    else:
        body = f"{number} {unit}".strip()
    word = QUALIFIER_EN.get(qualifier, "")
    return f"{word} {body}" if word else body


def range_words(low: str, high: str) -> str:
    """Two ends of a range in English, what they share said once: 'CNY 1 million', 'CNY 2 million' ->
    'CNY 1 to 2 million'; '3 km', '5 km' -> '3 to 5 km'; 'three', 'five' -> 'three to five'."""
    a, b = low.split(" "), high.split(" ")
    head = 0
    while head < min(len(a), len(b)) - 1 and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - 1 - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return " ".join(a[: len(a) - tail] + ["to"] + b[head:])


def zh_parts(text: str, unit: str) -> tuple[str, str]:
    """(number, unit) for a Chinese tile: the figure as written, '3000余' + '份'."""
    if unit and text.endswith(unit):
        return text[: -len(unit)], unit
    return text, ""


# Qualifier characters Chinese writes inside a number, after its digits (3000余, 50多): set smaller on tiles.
ZH_INNER_QUALIFIERS = "余多"


def zh_number_split(number: str) -> tuple[str, str]:
    """('3000', '余') of a tile's Chinese number '3000余'; (number, '') when it ends in no qualifier."""
    core = number.rstrip(ZH_INNER_QUALIFIERS)
    return (core, number[len(core):]) if core else (number, "")


def zh_qualifier(text: str, quote: str, qualifier: str) -> tuple[str, str]:
    """The qualifier words the article writes around a figure's text, (before, after): ('近', ''),
    ('', '左右'), ('上', ''); ('', '') when the text itself holds them (3000余份); the usual word when the
    article writes none at that place (a derived figure)."""
    before = QUALIFIER_ZH_BEFORE.get(qualifier, ())
    after = QUALIFIER_ZH_AFTER.get(qualifier, ())
    if qualifier == "exact" or any(w in text for w in before + after):
        return "", ""
    at = quote.find(text) if text else -1
    if at >= 0:
        head, tail = quote[:at], quote[at + len(text):]
        b = next((w for w in sorted(before, key=len, reverse=True) if head.endswith(w)), "")
        a = next((w for w in sorted(after, key=len, reverse=True) if tail.startswith(w)), "")
        if b or a:
            return b, a
    return (before[0], "") if before else ("", after[0])


def format_zh(text: str, quote: str, qualifier: str) -> str:
    """A figure in Chinese as the article writes it, qualifier included: '近3000户', '4500元左右'."""
    before, after = zh_qualifier(text, quote, qualifier)
    return f"{before}{text}{after}"


def zh_text(value: float, unit: str) -> str:
    """A figure the article does not write (a derived sum), in Chinese: '3950万元'."""
    return f"{plain(value)}{unit}"


def chart_value(value: float, style: str, lang: str) -> float:
    """The number a chart plots: money in 万元 in Chinese and million yuan in English, else the base unit."""
    s = STYLES[style]
    if s.dimension == "money":
        return base_value(value, style) / (1e4 if lang == "zh" else 1e6)
    return base_value(value, style)


def base_name(style: str, unit: str, lang: str) -> str:
    """The base unit's name in a language (a plain count keeps its measure word in Chinese: 条)."""
    s = STYLES[style]
    if s.base:
        return BASE_NAMES.get(s.base, s.base) if lang == "zh" else s.base
    if s.dimension == "year":
        return "年" if lang == "zh" else "year"
    return unit.lstrip("万亿") if lang == "zh" else "count"


def unit_contradiction(unit: str, style: str) -> str:
    """'' if a style of units.yml measures the unit as written (same dimension, same size of one unit: 万吨 is not
    weight_t); else what the unit is, for the message. Units the model does not know may be given any style."""
    p = parse_unit(unit)
    if p is None or style not in STYLES or p.base.dimension in ("year", "date", "name"):
        return ""
    e, g = STYLES[unit], STYLES[style]
    one, other = common_value(1, unit), common_value(1, style)
    if e.dimension == g.dimension and abs(one - other) <= 1e-9 * abs(one):
        return ""
    scale = f"{p.scale:,} " if p.scale != 1 else ""
    return f"{unit} is {scale}{p.base.en or p.base.zh} ({e.dimension})"
