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


# ---- quotes: each language's style, set once here (never typed by hand in the content) ----------------------

DOUBLE = re.compile(r'"')
TAG = re.compile(r"(<[^>]*>)")
RAW_TAGS = ("script", "style", "code", "pre", "textarea")


def smart_quotes(text: str) -> str:
    """English quotation marks as a typesetter sets them: "Five Stars" -> “Five Stars”, it's -> it’s, 'x' -> ‘x’.
    An opening mark follows a space, an opening bracket or another mark (or starts the text); a closing one
    anything else."""
    out = []
    for i, ch in enumerate(text):
        if ch not in "\"'":
            out.append(ch)
            continue
        before = text[i - 1] if i else ""
        opening = not before or before.isspace() or before in "([{—–-/“‘"
        if ch == '"':
            out.append("“" if opening else "”")
        else:
            out.append("‘" if opening and i + 1 < len(text) and not text[i + 1].isspace() else "’")
    return "".join(out)


QUOTE_REFS_AS = {"&quot;": '"', "&#34;": '"', "&#x22;": '"', "&#x27;": "'", "&#39;": "'"}
QUOTE_REFS = re.compile("|".join(map(re.escape, QUOTE_REFS_AS)))


def smart_quotes_html(html: str) -> str:
    """smart_quotes on the text of an HTML fragment: tags, attribute values and <script>/<code> … left as they are.
    Character references of quotes (&quot; &#34; &#x27; &#39;) in text are quotes too; in attributes they stay."""
    out, raw = [], None
    for piece in TAG.split(html):
        if piece.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", piece)
            tag = name.group(1).lower() if name else ""
            if raw is None and tag in RAW_TAGS and not piece.startswith("</"):
                raw = tag
            elif raw == tag and piece.startswith("</"):
                raw = None
            out.append(piece)
        else:
            out.append(piece if raw else smart_quotes(QUOTE_REFS.sub(lambda m: QUOTE_REFS_AS[m.group(0)], piece))
                       .replace('"', "&quot;"))
    return "".join(out)


def inner_quotes(text: str) -> str:
    """Quotation marks inside a quotation set in the second style, as both languages do (分别组建“一办八组” quoted
    becomes “分别组建‘一办八组’”): for a text a page sets between its own “ ”."""
    return text.replace("“", "‘").replace("”", "’")


# ---- phrases: where a Chinese title may break (one rule for pages and pictures) ----------------------------

PLACE_ENDS = "乡镇县"
NUMBER = re.compile(r"^(?:[0-9０-９][0-9０-９.．,]*[%％]?|[零〇一二两三四五六七八九十百千万亿]+)$")
CLOSERS = "，。、；：！？）》」』”’…·,.;:!?)"
OPENERS = "（《「『“‘("


def phrases(text: str) -> list[str]:
    """A Chinese text cut where a line may break: between words (jieba's, as the qualifier reading uses), never
    inside a short quotation (“五星”), between a number and its unit or qualifier (2000万元, 3000余份), before a
    closing mark or after an opening one, nor inside a place name (白衣 + 阁乡). Joined, the pieces are the text."""
    from ..check.segment import words

    out: list[str] = []
    depth, prev = 0, ""
    for w in words(text):
        glue = bool(out) and (
            depth > 0 and len(out[-1]) < 8                             # inside a short quotation
            or w[0] in CLOSERS or out[-1][-1] in OPENERS                 # marks stay with their words
            or bool(NUMBER.match(prev)) and not w[0].isspace()           # a number keeps its unit
            or len(w) == 2 and w[-1] in PLACE_ENDS and len(prev) == 2 and "\u4e00" <= prev[-1] <= "\u9fff")
        depth += w.count("“") + w.count("‘") - w.count("”") - w.count("’")
        if glue:
            out[-1] += w
        else:
            out.append(w)
        prev = w
    return out


def phrase_breaks_html(html_text: str) -> str:
    """An escaped Chinese title with <wbr> between its phrases: with `word-break: keep-all` a browser breaks it only
    there (a Latin word, an address or a number is never broken inside)."""
    parts = TAG.split(html_text)
    out = []
    for piece in parts:
        out.append(piece if piece.startswith("<") else "<wbr>".join(phrases(piece)) if piece else piece)
    return "".join(out)


def url_breaks(url: str):
    """Jinja filter `urlbreaks`: an address, escaped, with a break opportunity after each / and . only (a line never
    breaks inside one of its names: "exampl/e.org")."""
    from markupsafe import Markup, escape

    return Markup(re.sub(r"(?<=[/.])(?=[^/.])", "<wbr>", str(escape(url))))


def typeset_text(text: str, lang: str) -> str:
    """A plain text as its language sets it (curly quotes in English)."""
    from ..numbers import WRITING

    w = WRITING.get(lang)
    return smart_quotes(text) if w and w.curly_quotes and text else text


NOT_TEXT = frozenset(("id", "icon", "icons", "icon_name", "url", "address", "src", "colour", "colours", "accent",
                      "lang", "kind", "picture", "page", "unit_id", "group", "figure", "html", "formula_html",
                      "finding_html", "role"))


def typeset_tree(value, lang: str):
    """Every text of a picture's model or spec (nested dicts and lists) as its language sets it: what the pictures
    draw reads as the pages do. Ids, addresses, colours, SVG and HTML (set with the page) are left as they are."""
    if isinstance(value, str):
        return typeset_text(value, lang)
    if isinstance(value, list):
        return [typeset_tree(v, lang) for v in value]
    if isinstance(value, dict):
        return {k: v if k in NOT_TEXT else typeset_tree(v, lang) for k, v in value.items()}
    return value


def typeset_html(html: str, lang: str) -> str:
    """An HTML fragment's text as its language sets it."""
    from ..numbers import WRITING

    w = WRITING.get(lang)
    return smart_quotes_html(html) if w and w.curly_quotes else html


def breaks_filter(html: str, lang: str) -> str:
    """Jinja filter `breaks`: a title's phrases joined by <wbr> where the language breaks titles between phrases."""
    from markupsafe import Markup

    from ..numbers import WRITING

    w = WRITING.get(lang)
    return Markup(phrase_breaks_html(str(html))) if w and w.phrase_breaks else Markup(str(html))


def plain_text(html: str) -> str:
    """The text of a small HTML fragment (a title as the renderer marks it up), its spaces collapsed."""
    from html import unescape

    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())
