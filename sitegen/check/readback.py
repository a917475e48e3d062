"""A figure as a place shows it, read back: its number (in the unit English writes it in: 1.2万吨 and 12,000 tonnes
both read 12000), the qualifier words written with it, its unit. The Chinese is read by the article's own reader
(check/extract.py: numerals, 万/亿, units, 余 and 多 inside a number) and the qualifier words of its lexicon, each a
word of its own (check/segment.py: the 约 of 村规民约 is none); the English by a reader of its own here. Neither
uses the code that wrote the text (numbers.py, render/figureview.py), so a mistake there cannot hide itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..numbers import writing
from ..units import parse_unit
from .extract import AFTER, BEFORE, INFIX, MAGNITUDE_MARKERS, extract_candidates
from .segment import inside_word


@dataclass(frozen=True)
class Reading:
    """What a shown text says of a number."""

    value: float                   # in the unit English writes (value × scale × the unit's factor: 三成 = 30 %)
    high: float | None             # a range's high end
    words: tuple[str, ...]         # the qualifier words written with it, in order ('超过', '超过' when doubled)
    qualifiers: tuple[str, ...]    # what those words mean (exact, more_than …), one per word
    unit: str = ""                 # Chinese: the unit as written, without its scale (场次, 吨); English: what follows
    tolerance: float = 1e-9        # how far the value may be from another for the text to agree (rounding)
    signed: bool = False           # written with a sign (+31.6, −2)


# ---- Chinese ---------------------------------------------------------------------------------------------------

BEFORE_WORDS = sorted({*BEFORE, *MAGNITUDE_MARKERS}, key=len, reverse=True)


def read_zh(text: str, before: str = "") -> Reading | None:
    """The number a Chinese text shows (the last of a from→to pair: 4个 → 增至9个 reads 9个), with the qualifier words
    written with it, also those right before it in its sentence (before: the sentence's words up to the text)."""
    text = text.rsplit("→", 1)[-1]
    whole = before + text
    found = [c for c in extract_candidates([("x", whole)]) if c.start >= len(before) or
             c.start + len(c.text) > len(before)]
    if not found:
        return None
    c = found[0]
    unit = parse_unit(c.unit)
    factor = unit.scale * unit.base.per if unit else 1
    words = words_before(whole, c.start)
    inner = next((w for w in INFIX if w in c.text), "")
    tail = whole[c.start + len(c.text):]
    after = next((w for w in AFTER if tail.startswith(w)), "")
    written = [*words, *([inner] if inner else []), *([after] if after else [])]
    meaning = {**BEFORE, **MAGNITUDE_MARKERS, **INFIX, **AFTER}
    return Reading(c.value * factor, None if c.value_max is None else c.value_max * factor, tuple(written),
                   tuple(meaning[w] for w in written), unit.base.zh if unit else c.unit,
                   signed=whole[:c.start].rstrip().endswith(("+", "-", "−")))


def words_before(text: str, start: int) -> list[str]:
    """The qualifier words right before start (at most two: a doubled one is what this is for), in reading order; a
    one-character one only where it is a word of its own."""
    out: list[str] = []
    at = start
    while len(out) < 2:
        word = next((w for w in BEFORE_WORDS if at >= len(w) and text.startswith(w, at - len(w))
                     and (len(w) > 1 or not inside_word(text, at - 1))), "")
        if not word:
            break
        out.insert(0, word)
        at -= len(word)
    return out


# ---- English ---------------------------------------------------------------------------------------------------

# What English writes to qualify a number, and what it means (longest first, so 'no more than' is not 'more than').
EN_QUALIFIERS = {
    "no more than": "at_most", "no fewer than": "at_least", "no less than": "at_least", "more than": "more_than",
    "upwards of": "more_than", "over": "more_than", "at least": "at_least", "nearly": "nearly", "almost": "nearly",
    "close to": "nearly", "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "at most": "at_most", "up to": "at_most", "fewer than": "at_most", "less than": "at_most",
    "under": "at_most", "above": "more_than", "below": "at_most",
}
EN_QUALIFIER_RE = re.compile(r"\b(" + "|".join(sorted(EN_QUALIFIERS, key=len, reverse=True)) + r")\b", re.I)
SPELLED = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
DENOMINATORS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
                "tenth": 10}
MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_N = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
EN_NUMBER = re.compile(
    rf"(?P<sign>[+−-])?(?P<a>{_N})(?P<ord>st|nd|rd|th)?(?:\s*%)?(?:\s*(?:–|-|to)\s*(?P<b>{_N}))?(?P<pct>\s*%)?"
    r"(?:\s*(?P<mult>thousand|million|billion)\b)?"
    rf"|\b(?P<num>{'|'.join(SPELLED)})(?:\s+to\s+(?P<num2>{'|'.join(SPELLED)}))?"
    rf"(?:\s+(?P<den>{'|'.join(DENOMINATORS)})s?)?\b", re.I)


def read_en(text: str, before: str = "") -> Reading | None:
    """The number an English text shows (the last of a from→to pair), with the qualifier words before it, also those
    ending the sentence's words before the text (before)."""
    text = text.rsplit("→", 1)[-1]
    m = EN_NUMBER.search(text)
    if m is None:
        return None
    if m.group("num"):
        n = SPELLED.index(m.group("num").lower())
        den = DENOMINATORS.get((m.group("den") or "").lower())
        value, high, tol = (100 * n / den, None, 0.01 * 100 * n / den) if den else (float(n), None, 1e-9)
        if m.group("num2") and not den:   # a range in words: three to five
            high = float(SPELLED.index(m.group("num2").lower()))
    else:
        mult = MULTIPLIERS.get((m.group("mult") or "").lower(), 1)
        value = float(m.group("a").replace(",", "")) * mult
        high = float(m.group("b").replace(",", "")) * mult if m.group("b") else None
        decimals = len(m.group("a").partition(".")[2])
        # the last digit written, to half of it; 'CNY 20 million' to the hundredth of a million (money is written so)
        tol = 0.5 * 10 ** -max(decimals, 2 if mult > 1 else 0) * mult if decimals or mult > 1 else 1e-9
        if m.group("sign") in ("−", "-"):
            value = -value
    head = text[:m.start()]
    words = [w.group(1).lower() for w in EN_QUALIFIER_RE.finditer(head)]
    tail = before.rstrip()
    last = list(EN_QUALIFIER_RE.finditer(tail))[-1:]
    loose = bool(last) and last[0].group(1).lower() in LOOSE
    if last and last[0].end() == len(tail) and (not loose or words):   # a loose word only before a qualified figure
        words.insert(0, last[0].group(1).lower())
    return Reading(value, high, tuple(words), tuple(EN_QUALIFIERS[w] for w in words),
                   text[m.end():].strip(), tol, signed=bool(m.group("sign")))


# Words that also say other things before a number in a sentence ("over five years", "some of the 37", "villages
# above"): read from the sentence before a figure only where the figure writes a qualifier of its own ('above more
# than CNY 200,000' says it twice), as the build refuses them (numbers.Writing.loose_approximators).
LOOSE = ("over", "some", "under", "above", "below")


def read_back(text: str, lang: str, before: str = "") -> Reading | None:
    """A shown text read back in its language: Chinese, or English (any language set with spaces, as English is)."""
    return read_en(text, before) if writing(lang).spaced else read_zh(text, before)
