"""Text on a picture: measured (exactly as Pillow draws it), wrapped (Chinese between phrases, English
between words; no line starts with a closing mark or ends with an opening one), balanced, fitted and cut short
with the language's ellipsis."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from PIL import ImageFont

from ...numbers import writing
from .fonts import LAYOUT, for_text
from .fonts import font as load_font

# Line breaking (a small kinsoku): these never start a line / never end one.
NO_LINE_START = "，。、；：！？）》」』】〕〉”’…—·%‰,.;:!?)]}"
NO_LINE_END = "（《「『【〔〈“‘([{"
CJK_PUNCT = "“”‘’…—·"     # ambiguous-width marks that behave like CJK in Chinese text
KERN_PROBES = ("AV", "AW", "AY", "VA", "LT", "LY", "Ta", "Te", "To", "Tr", "Yo", "Wa", "P.", "F,", "r.", "y.")


def is_cjk(char: str) -> bool:
    """A character set as a square (a Chinese character or a mark that behaves like one)."""
    return unicodedata.east_asian_width(char) in ("W", "F") or char in CJK_PUNCT


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Unbreakable pieces of text as (piece, space before it): in Chinese the phrases of typography.py
    (where the pages break a title too: never inside a word, a short quotation or a number and its unit), else
    one per run of characters between spaces; punctuation is glued to its neighbour (kinsoku)."""
    from ...typography import phrases

    atoms: list[tuple[str, bool]] = []
    for m in re.finditer(r"\S+", text):
        space = m.start() > 0 and text[m.start() - 1].isspace()
        segment = m.group()
        pieces = phrases(segment) if any(is_cjk(ch) for ch in segment) else [segment]
        atoms += [(piece, space and n == 0) for n, piece in enumerate(pieces)]
    tokens: list[list] = []
    for piece, before in atoms:
        if tokens and not before and (piece[0] in NO_LINE_START or tokens[-1][0][-1] in NO_LINE_END):
            tokens[-1][0] += piece
        else:
            tokens.append([piece, before])
    return [(piece, before) for piece, before in tokens]


def font_key(font: ImageFont.FreeTypeFont) -> tuple | None:
    """(path, face index, size) of a face that fonts.font loads: the key of the measures remembered here, which
    then never keep a font alive (keyed by the font itself, they kept every face and size ever measured, each
    with FreeType's map of its whole file: 20 MB of Noto Sans CJK, and the cards try many sizes in two faces).
    None for any other font: it is measured, not remembered."""
    if isinstance(font.path, str) and font.layout_engine == LAYOUT:
        return font.path, font.index, font.size
    return None


def kerns(font: ImageFont.FreeTypeFont) -> bool:
    """Whether the font moves any pair of the probes closer than their advances (a legacy kern table, which
    Pillow's basic layout applies)."""
    key = font_key(font)
    return _kerns(key) if key else _kerns_of(font)


@lru_cache(maxsize=64)
def _kerns(key: tuple) -> bool:
    return _kerns_of(load_font(*key))


def _kerns_of(font: ImageFont.FreeTypeFont) -> bool:
    return any(font.getlength(pair) != font.getlength(pair[0]) + font.getlength(pair[1]) for pair in KERN_PROBES)


@lru_cache(maxsize=65536)
def _advance(key: tuple, char: str) -> float:
    return load_font(*key).getlength(char)


@lru_cache(maxsize=8192)
def _whole_length(key: tuple, text: str) -> float:
    return load_font(*key).getlength(text)


def text_length(font: ImageFont.FreeTypeFont, text: str) -> float:
    """font.getlength(text). Fitting and wrapping measure the same characters again and again, so where the font
    does not kern (Noto Sans CJK in Pillow's basic layout) this is the sum of each character's remembered
    advance — the same number exactly (advances are whole 1/64 px, added without rounding; a test compares
    them); a font that kerns is measured text by text. Text with no CJK in it is measured in the face that
    draws it (fonts.for_text)."""
    font = for_text(font, text)
    key = font_key(font)
    if key is None:
        return font.getlength(text)
    if _kerns(key):
        return _whole_length(key, text)
    return sum(_advance(key, char) for char in text)


def overhang(font: ImageFont.FreeTypeFont, char: str) -> tuple[float, float]:
    """How far a character's ink reaches before its origin and past its advance (0 where it stays inside)."""
    key = font_key(font)
    return _overhang(key, char) if key else _overhang_of(font, char, font.getlength(char))


@lru_cache(maxsize=65536)
def _overhang(key: tuple, char: str) -> tuple[float, float]:
    return _overhang_of(load_font(*key), char, _advance(key, char))


def _overhang_of(font: ImageFont.FreeTypeFont, char: str, advance: float) -> tuple[float, float]:
    x0, _, x1, _ = font.getbbox(char, anchor="ls")
    return max(0.0, -x0), max(0.0, x1 - advance)


def line_width(font: ImageFont.FreeTypeFont, text: str) -> float:
    """The width a line of text needs so that its ink stays inside, set from the left or centred: its advance,
    and twice the larger of its overhangs (a bold f at the end of a line, or a J at its start, reaches past the
    advance). Lines are wrapped, fitted and cut short by this measure; they are centred by their advance."""
    if not text:
        return 0.0
    ink = for_text(font, text)
    return text_length(font, text) + 2 * max(overhang(ink, text[0])[0], overhang(ink, text[-1])[1])


def _split_long(piece: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """A piece wider than the line (a long URL or word) cut by characters."""
    parts, cur = [], ""
    for char in piece:
        if cur and line_width(font, cur + char) > width:
            parts.append(cur)
            cur = char
        else:
            cur += char
    return parts + [cur] if cur else parts


def wrap_text(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Greedy line breaking of text into lines at most ``width`` px wide: Chinese breaks between
    any two characters, English between words; no line starts with a closing mark or ends with an
    opening one."""
    lines: list[str] = []
    line = ""
    for piece, space in _tokens(" ".join(text.split())):
        candidate = line + (" " if space and line else "") + piece
        if (not line or line_width(font, candidate) <= width) and (line or line_width(font, piece) <= width):
            line = candidate
            continue
        if line:
            lines.append(line)
        if line_width(font, piece) <= width:
            line = piece
        else:
            *full, line = _split_long(piece, font, width)
            lines.extend(full)
    if line:
        lines.append(line)
    return lines


def balanced(text: str, font: ImageFont.FreeTypeFont, width: float, max_lines: int = 3) -> list[str]:
    """The same number of lines as greedy wrapping at ``width``, but as even as possible (no
    lonely last character): the narrowest width that still needs no more lines."""
    lines = wrap_text(text, font, width)
    if not 2 <= len(lines) <= max_lines:
        return lines
    lo, hi = 1, int(width)
    while lo < hi:
        mid = (lo + hi) // 2
        if len(wrap_text(text, font, mid)) <= len(lines):
            hi = mid
        else:
            lo = mid + 1
    return wrap_text(text, font, hi)


def ellipsize(text: str, font: ImageFont.FreeTypeFont, width: float, lang: str) -> str:
    """The text, or its longest beginning that fits width with the language's ellipsis after it."""
    if line_width(font, text) <= width:
        return text
    dots = writing(lang).ellipsis
    lo, hi = 0, len(text)        # the longest prefix that fits with the dots after it
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if line_width(font, text[:mid].rstrip() + dots) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip(" ,，、;；:：") + dots


def fit(text: str, font_of, sizes, width: float, lang: str) -> tuple[str, int]:
    """The largest size at which one line of text fits width, else the smallest, ellipsized."""
    for size in sizes:
        if line_width(font_of(size), text) <= width:
            return text, size
    size = sizes[-1]
    return ellipsize(text, font_of(size), width, lang), size


def space_lines(pieces: list[str], font, width: float) -> list[str]:
    """Pieces of a Chinese headline (split at its spaces) joined greedily into lines that fit width."""
    lines: list[str] = []
    for piece in pieces:
        if lines and text_length(font, f"{lines[-1]} {piece}") <= width:
            lines[-1] += f" {piece}"
        else:
            lines.append(piece)
    return lines
