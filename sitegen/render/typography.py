"""zh_punctuation: the article's half-width punctuation between Chinese characters, shown full-width.

The seed was extracted from a newspaper page and mixes ASCII marks (`今年以来,范县`, `架构(成立`) with
full-width ones. Readers see full-width marks; the seed itself is never changed, every check (figure
quotes found in the seed, coverage, edits) reads the seed as written, and only the renderer calls
this function. Each mark becomes exactly one character, so a position in the seed is the same
position in the displayed text (figure spans found in the seed mark the displayed text). It is
reversible: `punctuation: as-written` in article.yml shows the seed's marks exactly as written.
"""
from __future__ import annotations

import re

FULL_WIDTH = {",": "，", "(": "（", ")": "）", ":": "：", ";": "；", "?": "？", "!": "！"}
# A Chinese character, or a full-width mark or quote that only stands in Chinese text
CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026"
# `,` `:` `;` `?` `!` after Chinese; `(` `)` with Chinese on either side. Between digits or Latin
# letters nothing changes ("1,300", "3:2", "(CNY)").
PATTERN = re.compile(rf"(?<=[{CJK}])[,:;?!]|(?<=[{CJK}])[()]|[()](?=[{CJK}])")


def zh_punctuation(text: str) -> str:
    """text with each half-width mark that stands between Chinese characters made full-width."""
    # twice: a mark made full-width is Chinese context for the next one ("评定),统筹" -> "评定），统筹")
    for _ in range(2):
        text = PATTERN.sub(lambda m: FULL_WIDTH[m.group(0)], text)
    return text


def as_written(shown: str, seed: str) -> bool:
    """True when shown is seed with only this normalisation applied (for checks against the seed)."""
    return len(shown) == len(seed) and zh_punctuation(seed) == shown


def plain_text(html: str) -> str:
    """The text of a small HTML fragment (a title as the renderer marks it up), its spaces collapsed."""
    from html import unescape

    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())
