"""format_*: a figure's value written as each language expects (pure functions)."""
from __future__ import annotations

STYLES = ("count", "count_wan", "money_wan", "money_yi", "area_mu", "area_m2", "percent", "year")
SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
APPROX_EN = {"余": "more than", "多": "more than", "逾": "more than", "超": "more than",
             "近": "nearly", "约": "about", "左右": "about", "上下": "about"}
MU_PER_HA = 15


def grouped(value: float) -> str:
    """1300 -> '1,300'; 3.5 -> '3.5'; no trailing zeros."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def approx_word(text: str) -> str:
    """The English quantifier for the approximation marker in a figure's text, or ''."""
    for marker in sorted(APPROX_EN, key=len, reverse=True):
        if marker in text:
            return APPROX_EN[marker]
    return ""


def money_en(yuan: float) -> str:
    """CNY amounts as an English reader expects: 'CNY 850,000', 'CNY 20 million', 'CNY 1.2 billion'."""
    if yuan >= 1e9:
        return f"CNY {grouped(round(yuan / 1e9, 2))} billion"
    if yuan >= 1e6:
        return f"CNY {grouped(round(yuan / 1e6, 2))} million"
    return f"CNY {grouped(yuan)}"


def en_parts(value: float, style: str) -> tuple[str, str]:
    """(number, unit) for an English tile or table: ('20', 'CNY million')."""
    if style == "money_wan":
        return grouped(value / 100), "million yuan (CNY)"
    if style == "money_yi":
        return grouped(value * 100), "million yuan (CNY)"
    if style == "count_wan":
        return grouped(round(value * 10000)), ""
    if style == "percent":
        return grouped(value), "%"
    if style == "area_mu":
        return grouped(value), f"mu (about {grouped(round(value / MU_PER_HA))} ha)"
    if style == "area_m2":
        return grouped(value), "m²"
    return grouped(value), ""


def format_en(value: float, style: str, text: str, prose: bool = True) -> str:
    """A figure as English prose: 'CNY 20 million', 'more than 3,000', 'six', '1,300 mu (about 87 ha)'."""
    quant = approx_word(text)
    if style == "money_wan":
        body = money_en(value * 1e4)
    elif style == "money_yi":
        body = money_en(value * 1e8)
    elif style == "count_wan":
        body = grouped(round(value * 10000))
    elif style == "percent":
        body = f"{grouped(value)}%"
    elif style == "area_mu":
        body = f"{grouped(value)} mu (about {grouped(round(value / MU_PER_HA))} ha)"
    elif style == "area_m2":
        body = f"{grouped(value)} m²"
    elif style == "year":
        body = str(int(value))
    elif prose and float(value).is_integer() and 0 <= value < 10 and not quant:
        body = SMALL[int(value)]
    else:
        body = grouped(value)
    return f"{quant} {body}" if quant else body


def zh_parts(text: str, unit: str) -> tuple[str, str]:
    """(number, unit) for a Chinese tile: the figure as written, '3000余' + '份'."""
    if unit and text.endswith(unit):
        return text[: -len(unit)], unit
    return text, ""


def money_parts(value: float, lang: str) -> tuple[str, str]:
    """(number, unit) of a sum of 万元 amounts for a tile: ('3950', '万元') / ('39.5', 'million yuan (CNY)')."""
    return (f"{value:g}", "万元") if lang == "zh" else en_parts(value, "money_wan")


def money_prose(value: float, lang: str) -> str:
    """A sum of 万元 amounts in a sentence: '3950万元' / 'CNY 39.5 million'."""
    return f"{value:g}万元" if lang == "zh" else format_en(value, "money_wan", "")


def chart_value(value: float, style: str, lang: str) -> float:
    """The number a chart plots: 万元 in Chinese, million yuan in English; counts in 万 as whole numbers."""
    if style == "money_wan" and lang != "zh":
        return value / 100
    if style == "money_yi" and lang != "zh":
        return value * 100
    if style == "count_wan" and lang != "zh":
        return value * 10000
    return value
