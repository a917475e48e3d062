"""How a figure is shown, in one place: what a tile, a table row, a chart bar, a share card, the long image and the
downloads show of a figure (stated or derived) in a language — its number, unit and qualifier words, and what its
role makes of it: a target is marked as one, a change carries its sign (+31.6 percentage points), a rank reads as a
rank (第2名, 2nd), a result with an earlier value shows the pair (41% → 68%). Pure functions of the renderer's data.
"""
from __future__ import annotations

from ..numbers import QUALIFIER_EN, en_parts, en_prefix, format_en, zh_number_split, zh_parts, zh_qualifier

RANK_MARKS = "第前"       # 第2名 (second place), 前三名 (the top three)
ROLE_NOTED = ("target", "threshold", "baseline")   # the roles a reader must be told of wherever the figure appears


def ordinal_en(n: int) -> str:
    """2 -> '2nd', 11 -> '11th', 23 -> '23rd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_mark(f) -> str:
    """The word of ranking the article writes before a rank's number: 第 or 前 ('' if none)."""
    at = f.quote.find(f.text)
    return f.quote[at - 1] if at > 0 and f.quote[at - 1] in RANK_MARKS else ""


def zh_shown(f) -> tuple[str, str, str]:
    """(before, text, after) of a figure as Chinese writes it: its qualifier words, a rank's 第, a change's sign."""
    if getattr(f, "role", "") == "rank":
        return rank_mark(f), f.text, ""
    before, after = zh_qualifier(f.text, f.quote, f.qualifier)
    return before, f.text, after


def zh_prose(f) -> str:
    """A figure in Chinese as the article writes it, in a sentence or a table: 近3000户, 第2名."""
    before, text, after = zh_shown(f)
    return f"{before}{text}{after}"


def en_prose(f, prose: bool = True) -> str:
    """A figure in English: 'more than 3,000', '2nd', 'the top 3', with a change's sign outside a sentence."""
    if getattr(f, "role", "") == "rank":
        n = int(f.value)
        return f"the top {n}" if rank_mark(f) == "前" else ordinal_en(n)
    return format_en(f.value, f.style, f.qualifier, prose=prose, value_max=getattr(f, "value_max", None))


def number_view(f, lang: str) -> dict:
    """The parts a tile sets: qualifier words before and after, currency, number (its inner 余/多 apart), unit."""
    sign = getattr(f, "sign", "") if getattr(f, "role", "") == "change" else ""
    if lang == "zh":
        before, text, after = zh_shown(f)
        number, unit = zh_parts(text, f.unit)
        prose = f"{sign}{before}{text}{after}" if sign and not before else f"{before}{text}{after}"
        prefix = ""
    elif getattr(f, "role", "") == "rank":
        number, unit, before, after, prefix = en_prose(f), "", "", "", ""
        prose = number
    else:
        high = getattr(f, "value_max", None)  # a range (3至5名); a derived figure has none
        (number, unit), before, after = en_parts(f.value, f.style, high), QUALIFIER_EN[f.qualifier], ""
        prose = (f"{sign}" if sign and not before else "") + en_prose(f, prose=False)
        prefix = en_prefix(f.style)
    core, inner = zh_number_split(number) if lang == "zh" else (number, "")
    return {"number": number, "number_core": core, "number_q": inner, "prefix": prefix, "unit": unit,
            "before": before, "after": after, "prose": prose, "sign": "" if before else sign, "from": None}


def figure_view(r, f, lang: str) -> dict:
    """Everything the pages, pictures and downloads show of a figure in a language (r: the Renderer)."""
    role = getattr(f, "role", "result")
    view = number_view(f, lang)
    earlier = next((b for b in r.r.figures.figures if b.role == "baseline" and b.to == f.id), None)
    return {**view, "id": f.id, "label": f.label[lang], "role": role,
            "role_note": r.strings[lang].get(f"role_{role}", "") if role in ROLE_NOTED else "",
            "from": number_view(earlier, lang) | {"id": earlier.id} if earlier else None,
            "to": getattr(f, "to", ""),
            "quote": r.display_zh(f.quote), "corrected": None if f.derived else r.correction_of(f, lang),
            "unit_id": f.unit_id, "group": f.group, "colour": r.group_colour(f.group), "text": f.text,
            "value": f.value, "source_unit": f.unit, "qualifier": f.qualifier, "kind": f.kind,
            "derived": f.derived, "formula": r.formula_words(f, lang) if f.derived else "",
            "formula_html": r.formula_words(f, lang, marked=True) if f.derived else ""}
