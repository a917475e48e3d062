"""The units a Chinese report writes its numbers in, as a model: a number is its value × the scale written with it
(万, 亿, 万亿) × a base unit of one dimension (mass, length, area, volume, money, power, time, a count of some thing,
a share, percentage points, a multiple). 1.2万吨 is 1.2 × 10⁴ × 1 tonne = 12,000 tonnes, by construction.

This is knowledge of the language, not of a report: every base unit the extractor can read is here once, with the
kind of figure it gives, its English name and its size in its dimension's common measure (what lets 亩 and 公顷, or
公里 and 米, be added and converted). The conversions are checked against Pint's definitions in tests/test_units.py
(Pint itself is not loaded by the build: importing it and making its registry takes ~0.5 s, a fifth of a build,
for the thirty conversions below).

A report may add measure words the model lacks (site_src/units.yml, e.g. 艘: {style: count}); units it can never
know are refused at their line, with what to do.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """One base unit as Chinese writes it (no scale): 吨, 亩, 个, 人次, %."""

    zh: str
    kind: str          # the kind of figure it gives: amount, count, events, people, households, person_times, share,
                       # points, times, duration, age, date, name
    dimension: str     # what it measures; only one dimension adds up: money, area, length, weight, volume, power,
                       # energy, count, share, points, ratio, duration, age, date, year, name
    en: str = ""       # the English unit after a number ('km', 'tonnes', 'mu'); '' for things counted (the label says)
    common: float = 1  # one unit in its dimension's common measure (m² for area, m, kg, m³, yuan, kW, %, days …)
    per: float = 1     # the value as written × per = the value in `en` (成: 3 → 30 %, 分之: 0.3333 → 33.33 %)


def _units(kind: str, dimension: str, spec: dict) -> dict[str, Unit]:
    return {zh: Unit(zh, kind, dimension, *((v,) if isinstance(v, str) else v)) for zh, v in spec.items()}


MU_M2 = 10000 / 15       # 1 亩 = 1/15 hectare
BASES: dict[str, Unit] = {
    **_units("amount", "money", {"元": ("yuan", 1), "角": ("yuan", 0.1, 0.1)}),
    **_units("amount", "money_usd", {"美元": "US dollars"}),
    **_units("amount", "area", {"平方米": ("m²", 1), "平方公里": ("km²", 1e6), "平方千米": ("km²", 1e6),
                                "亩": ("mu", MU_M2), "公顷": ("ha", 1e4)}),
    **_units("amount", "length", {"米": ("m", 1), "公里": ("km", 1e3), "千米": ("km", 1e3), "厘米": ("cm", 0.01),
                                  "毫米": ("mm", 0.001)}),
    **_units("amount", "weight", {"吨": ("tonnes", 1e3), "公斤": ("kg", 1), "千克": ("kg", 1), "克": ("g", 1e-3),
                                  "斤": ("jin", 0.5)}),
    **_units("amount", "volume", {"立方米": ("m³", 1), "升": ("liters", 1e-3)}),
    **_units("amount", "power", {"千瓦": ("kW", 1), "瓦": ("W", 1e-3), "兆瓦": ("MW", 1e3)}),
    **_units("amount", "energy", {"千瓦时": ("kWh", 1)}),
    **_units("share", "share", {"%": ("%", 1), "％": ("%", 1), "成": ("%", 1, 10), "半": ("%", 1, 50),
                                "分之": ("%", 1, 100)}),
    **_units("points", "points", {"个百分点": "percentage points", "百分点": "percentage points"}),
    **_units("times", "ratio", {"倍": "times"}),
    **_units("duration", "duration", {"个月": ("months", 30), "天": ("days", 1), "小时": ("hours", 1 / 24),
                                      "分钟": ("minutes", 1 / 1440), "秒": ("seconds", 1 / 86400),
                                      "个工作日": ("working days", 1), "工作日": ("working days", 1)}),
    **_units("age", "age", {"岁": "years of age", "周岁": "years of age"}),
    **_units("date", "date", {"月": "", "日": "", "号": "", "季度": "", "周": ""}),
    **_units("date", "year", {"年": "", "年度": ""}),
    **_units("name", "name", {"星": ""}),
    **_units("people", "count", {"人": "people", "名": "people", "位": "people"}),
    **_units("households", "count", {"户": "households"}),
    **_units("person_times", "count", {"人次": "person-times"}),
    **_units("events", "count", {u: "" for u in (*"次场期轮届起趟堂节例宗回",
                                                  "场次", "批次", "户次", "班次", "课时")}),
    # measure words of things counted (the label says what): a closed class of the language, the common ones
    **_units("count", "count", {u: "" for u in (*"个项支级种条张份座处村组办家类批所间套台辆棵株头只本部篇件",
                                                *"门块栋幢层片单笔艘袋口眼盏根架匹尾羽枚幅封册卷首则箱包",
                                                *"瓶桶顶副扇颗粒孔",
                                                "吨次", "车次", "架次", "人份")}),
}
# Scales written between a number and its unit (1.2万吨, 3.05亿元, 1万亿元), longest first.
SCALES: dict[str, int] = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
# Measure words that follow a figure only as part of longer words, never counted on their own
COUNTED_KINDS = ("count", "events", "people", "households", "person_times")


@dataclass(frozen=True)
class Parsed:
    """A unit as written, read: 万吨 -> scale 10⁴ × 吨."""

    written: str
    scale: int
    base: Unit

    @property
    def factor(self) -> float:
        """One unit as written in its dimension's common measure: 万吨 -> 10⁴ × 1000 kg."""
        return self.scale * self.base.common


def parse_unit(written: str, extra: dict[str, Unit] | None = None) -> Parsed | None:
    """The scale and base unit of a unit as written (万吨, 亿元, 个百分点, 万人次), or None if it is not one the model
    (or `extra`, a report's own measure words) knows."""
    known = BASES if not extra else {**BASES, **extra}
    if written in known:
        return Parsed(written, 1, known[written])
    for prefix, scale in SCALES.items():
        if written.startswith(prefix) and written[len(prefix):] in known:
            base = known[written[len(prefix):]]
            if base.dimension in ("date", "year", "name", "share", "points"):
                return None  # 万% or 万年 is no unit
            return Parsed(written, scale, base)
    return None


def unit_kind(written: str) -> str:
    """The kind of figure a unit gives: 万元 -> amount, 人次 -> person_times, 个 -> count; '' -> name (a number
    without a unit); a measure word the model does not know counts things."""
    if not written:
        return "name"
    p = parse_unit(written)
    return p.base.kind if p else "count"
