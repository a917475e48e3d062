"""Numbers on the built site that no figure stands behind: every number of the pages' visible text outside the places
that show a figure (data-fig), outside the article's own words (its sentences give the seed back, word for word) and
outside the furniture a reader does not take for a finding — dates, page counters (1/5), paragraph ids (¶p2-3),
addresses, the licence's name (CC BY 4.0), and the years and names figures.yml lists as no figure. In Chinese the
article's own reader decides what is a number and what is a date or a name (check/extract.py); in English, digits.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..numbers import writing
from .extract import as_written, extract_candidates

FURNITURE = re.compile(
    r"https?://\S+|\b[\w.-]+\.(?:org|com|cn|net|gov)\S*"                    # addresses
    r"|\b\d{4}-\d{2}-\d{2}\b"                                                 # ISO dates
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},\s+\d{4}"                                                   # English dates
    r"|\b\d{3,4}-\d{7,8}\b"                                                    # telephone numbers
    r"|\d+\s*/\s*\d+"                                                         # page counters: 1/5
    r"|¶?\bp\d+(?:-\d+)*\b"                                                   # paragraph ids
    r"|\b[A-Z]{1,3}\d+\b")                                                    # codes (U+4E00, A4)
DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?%?")
HALF = str.maketrans("，（）：；？！", ",():;?!")


@dataclass(frozen=True)
class Unbacked:
    """A number shown with no figure behind it, where, and the words around it."""

    lang: str
    number: str
    context: str
    pages: tuple[str, ...]


def seed_words(report) -> str:
    """The article's text as a haystack (its punctuation half-width, as the pages may show it full-width)."""
    units = [*report.units.values(), *(s.text for s in report.article.segments().values())]
    return "\n".join(units).translate(HALF)


def not_figure_numbers(report) -> set[str]:
    """The digits of every number figures.yml lists as no figure (years, names such as 12345)."""
    return {re.sub(r"\D", "", n.get("text", "")) for n in report.figures.not_figures if isinstance(n, dict)} - {""}


def numbers_in(run: str, lang: str) -> list[tuple[str, int]]:
    """(number as written, where) of each number of a run of text (its furniture taken out first)."""
    if writing(lang).spaced:
        return [(m.group(0).rstrip(","), m.start()) for m in DIGITS.finditer(run)]
    return [(as_written(c), c.start) for c in extract_candidates([("x", run)]) if c.proposal == "figure"]


def unbacked_numbers(texts: list, lang: str, report) -> list[Unbacked]:
    """Every number of a language's pages (read/published.py PageText) that no figure stands behind, once per
    number and context, with the pages it is on."""
    haystack = seed_words(report)   # the article's words, also quoted on the other language's pages
    listed = not_figure_numbers(report)
    licence = (report.content.licence or {}).get("name", "")   # CC BY 4.0: a name, not a finding
    found: dict[tuple[str, str], list[str]] = {}
    contexts: dict[tuple[str, str], str] = {}   # one context per wording, however it is spaced
    for t in texts:
        for run in t.runs:
            own = run.translate(HALF).strip(" “”\"")
            if own in haystack or own.replace("‘", "“").replace("’", "”") in haystack:
                continue   # the article's own words (a quotation's marks set ‘ ’ inside the page's own “ ”)
            clean = " ".join(FURNITURE.sub(" ", run.replace(licence, " ") if licence else run).split())
            for number, at in numbers_in(clean, lang):
                if re.sub(r"\D", "", number) in listed or number.startswith("一") and not writing(lang).spaced:
                    continue   # a year or a name listed as no figure; 一 (one, each, a): a word, not a finding
                context = clean[max(0, at - 24):at + len(number) + 24]
                key = (number, "".join(context.split()))
                contexts.setdefault(key, context)
                if t.page not in found.setdefault(key, []):
                    found[key].append(t.page)
    return [Unbacked(lang, n, contexts[(n, c)], tuple(pages)) for (n, c), pages in found.items()]
