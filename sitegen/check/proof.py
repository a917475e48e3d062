"""The proof sheet's judgement: what each place of the built site shows of a figure, read back (check/readback.py),
against what the figure is — its value × the scale written with it, its qualifier, its role — and the figure against
what the article's sentence says (the article's reader, check/extract.py). Cheap and general: a value read back that
differs, a qualifier word the figure does not have (or twice, or missing), another unit, a target or a threshold
without its mark, a change without its sign. Each finding is a short sentence on the sheet, beside what was shown.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..numbers import STYLES, grouped, writing
from ..units import parse_unit
from .readback import Reading, read_back

# The places where a figure stands in a sentence: the words around it say what it is (its role), so only its number,
# qualifier and unit are read there; everywhere else (a tile, a bar, a table, a card) its role must be marked.
SENTENCES = ("sentence", "chart title", "chart caption", "relation", "chart picture title")
# How a place marks a role a reader must not take for a result; any of these words in the place or around it.
ROLE_MARKS = {"target": ("目标", "target"), "threshold": ("标准", "threshold"),
              "baseline": ("原值", "earlier value", "→")}
COUNTED = ("count",)   # dimensions whose English names the thing counted in the label, not after the number


@dataclass(frozen=True)
class Place:
    """One place of the built site that shows a figure, in one language, as it is shown there."""

    figure: str
    lang: str
    where: str           # the page (industry/), picture (charts/x/chart.svg) or file (figures.csv) it is on
    kind: str            # tile, KPI, star card, chart, chart table, overview table, summary, sentence, chart title,
    #                      chart picture, share card, long image, download …
    text: str            # the figure as shown
    context: str = ""    # the words around it that say what it is (its label, its role's mark, its section)
    before: str = ""     # in a sentence: its words before the figure
    columns: tuple = ()  # a download's other cells: (('value', '12000'), ('qualifier', 'exact'), ('role', …))


@dataclass(frozen=True)
class Expect:
    """What every place must show of a figure."""

    value: float          # value × the scale written with it × its unit's factor: 1.2万吨 -> 12000 (tonnes)
    high: float | None
    qualifier: str
    role: str
    sign: str
    unit_zh: str          # its base unit as Chinese writes it (场次, 吨); '' for a derived figure
    unit_en: str          # the unit English must name after a measure (tonnes, km, mu, %); '' for things counted
    money: bool


def expect(f) -> Expect:
    """What a figure is, from its value and its unit as written (the units model), not from how the site writes it."""
    parsed = None if getattr(f, "derived", False) else parse_unit(f.unit)
    style = STYLES[f.style]
    factor = parsed.scale * parsed.base.per if parsed else style.per_base
    dimension = parsed.base.dimension if parsed else style.dimension
    unit_en = parsed.base.en if parsed else style.base
    high, role = getattr(f, "value_max", None), getattr(f, "role", "result")   # a derived figure has neither
    return Expect(f.value * factor, None if high is None else high * factor, f.qualifier, role,
                  getattr(f, "sign", ""), parsed.base.zh if parsed else "",
                  "" if dimension in COUNTED or dimension.startswith("money") or role == "rank" else unit_en,
                  dimension == "money")


def shown_number(x: float) -> str:
    return grouped(round(x, 6))


def place_flags(p: Place, e: Expect, article_text: bool = False) -> list[str]:
    """What is wrong with what a place shows of a figure ([] if nothing). article_text: the place is the article's
    own sentence (the seed as written), whose words are what the article says: only its number is read there."""
    sentence = p.kind in SENTENCES
    r = read_back(p.text, p.lang, p.before if sentence else "")
    if r is None:
        return [f"no number in “{p.text}”"]
    flags = value_flags(r, e)
    if not article_text:
        flags += qualifier_flags(r, e)
    flags += unit_flags(p, r, e)
    if not sentence and p.kind != "download":   # a download says the role in its own column
        flags += role_flags(p, r, e)
    return flags + column_flags(p, e)


def value_flags(r: Reading, e: Expect) -> list[str]:
    def off(a: float, b: float) -> bool:
        return abs(a - b) > max(r.tolerance, 1e-9 * abs(b))

    flags = []
    if off(abs(r.value), abs(e.value)):
        flags.append(f"reads {shown_number(r.value)}; the figure is {shown_number(e.value)}")
    if e.high is not None and (r.high is None or off(r.high, e.high)):
        flags.append(f"the range's end reads {shown_number(r.high or r.value)}; the figure's is {shown_number(e.high)}")
    return flags


def qualifier_flags(r: Reading, e: Expect) -> list[str]:
    if len(r.words) > 1:
        return [f"qualifier written twice: {' + '.join(r.words)}"]
    said = r.qualifiers[0] if r.qualifiers else "exact"
    if said == e.qualifier:
        return []
    if not r.words:
        return [f"no qualifier word; the figure is {e.qualifier}"]
    return [f"‘{r.words[0]}’ says {said}; the figure is {e.qualifier}"]


def unit_flags(p: Place, r: Reading, e: Expect) -> list[str]:
    if not writing(p.lang).spaced:
        if e.unit_zh and r.unit and r.unit != e.unit_zh and e.role != "rank":
            return [f"unit {r.unit}; the figure's is {e.unit_zh}"]
        return []
    if e.money and "CNY" not in p.text:
        return ["no currency (CNY)"]
    if e.unit_en == "%":   # a share in digits carries its sign (a fraction is written in words: one third)
        return [] if "%" in p.text or not any(ch.isdigit() for ch in p.text) else ["no % after the number"]
    if e.unit_en and e.unit_en not in r.unit:
        return [f"no unit ‘{e.unit_en}’ after the number"]
    return []


def role_flags(p: Place, r: Reading, e: Expect) -> list[str]:
    marks = ROLE_MARKS.get(e.role, ())
    seen = f"{p.text} {p.context}".lower()
    if marks and not any(m in seen for m in marks):
        what = {"target": "a target shown without its mark (reads as achieved)",
                "threshold": "a threshold shown without its mark (reads as an amount)",
                "baseline": "an earlier value shown without its mark"}[e.role]
        return [f"{what}: no {' / '.join(marks[:2])}"]
    if e.role == "change" and e.sign and not r.signed and not r.words:   # a qualifier word stands for it: 约4500元
        return [f"a change shown without its sign ({e.sign})"]
    return []


def column_flags(p: Place, e: Expect) -> list[str]:
    """A download's value (in its base unit), qualifier and role columns."""
    flags = []
    cells = dict(p.columns)
    if "value" in cells:
        try:
            value = float(cells["value"])
        except ValueError:
            value = None
        if value is None or abs(value - e.value) > 1e-6 * max(1.0, abs(e.value)):
            flags.append(f"value column {cells['value']}; the figure is {shown_number(e.value)}")
    if cells.get("qualifier", e.qualifier) != e.qualifier:
        flags.append(f"qualifier column {cells['qualifier']}; the figure is {e.qualifier}")
    if cells.get("role", e.role) != e.role:
        flags.append(f"role column {cells['role']}; the figure is {e.role}")
    return flags


def article_reading(f, report):
    """The article's reader's candidate at the figure's place in its sentence (None for a derived figure)."""
    if getattr(f, "derived", False):
        return None
    text = report.units.get(f.unit_id, "")
    at = text.find(f.quote)
    if at < 0:
        return None
    pos = at + max(f.quote.find(f.text), 0)
    return next((c for c in report.candidates if c.paragraph == f.unit_id and c.start <= pos < c.start + len(c.text)),
                None)


def figure_flags(f, report) -> list[str]:
    """Where the figure's data say something else than the article's sentence, as the article's reader reads it."""
    c = article_reading(f, report)
    if getattr(f, "derived", False):
        return []
    if c is None:
        return [f"the article's reader finds no number at ‘{f.text}’ in ¶{f.unit_id}"]
    flags = []
    if c.text != f.text:
        flags.append(f"the article writes {c.text}; the data say {f.text}")
    elif c.unit != f.unit:
        flags.append(f"the article's unit is {c.unit}; the data say {f.unit}")
    if abs(c.value - f.value) > 1e-9 * max(1.0, abs(f.value)):
        flags.append(f"the article says {c.value}; the data say {f.value}")
    if c.qualifier != f.qualifier:
        word = f" (‘{c.marker}’)" if c.marker else " (no qualifier word)"
        flags.append(f"the article reads {c.qualifier}{word}; the data say {f.qualifier}")
    if c.role and c.role != f.role and not (c.role == "result" and f.role in ("change", "rank")):
        cue = f" from ‘{c.cue}’" if c.cue else ""
        flags.append(f"the article reads a {c.role}{cue}; the data say {f.role}")
    return flags
