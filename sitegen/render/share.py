"""Share previews: the 1200x630 Open Graph / WeChat card of a page, and the QR code of its URL.

- ``share_image`` draws a PNG card: the site name on a red band (#b3261e), the star's emblem, the page
  title (at most three balanced lines, shrunk to fit), an optional kicker line and one headline figure
  in the page's accent colour, all centred inside the middle 630x630 square, so a messenger's square
  crop keeps them. Everything is drawn with Noto Sans CJK SC (``find_cjk_font``), which also
  has Latin, so a Chinese and an English card look alike. The card is deterministic: the same
  arguments give the same bytes (Pillow's basic layout engine, no metadata, no timestamps).
- Nothing is ever drawn as tofu: every text is checked with ``glyphs_missing`` first and a
  ``ShareError`` names the characters the font lacks.
- ``qr_svg`` / ``qr_png``: the QR code of a URL (segno, error correction M, quiet zone 2 modules),
  as inline SVG for the page (role="img" with a <title>, a viewBox and no fixed size, no ids) and as
  PNG.

The fonts come from the Debian package fonts-noto-cjk (installed by scripts/test.sh).
"""
from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFont

from ..numbers import WRITING, writing
from .qrmask import best_mask

__all__ = [
    "ShareError", "find_cjk_font", "glyphs_missing", "share_image", "layout_card", "wrap_text",
    "qr_svg", "qr_png", "WIDTH", "HEIGHT",
]

WIDTH, HEIGHT = 1200, 630
BAND_RED = "#b3261e"        # the restrained official red of the top band
INK = "#1f1f1f"             # title and QR modules
MUTED = "#555555"           # figure label (7.4:1 on white)
RULE = "#e4e0dc"            # hairline above the figure
WHITE = "#ffffff"

FONT_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC")
FONT_FILES = ("NotoSansCJK", "NotoSansSC", "NotoSansCJKsc")
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
             Path.home() / ".local/share/fonts", Path.home() / ".fonts")
DEBIAN_PACKAGE = "fonts-noto-cjk"

# The layout engine that draws the card and that glyphs_missing checks against: one glyph per
# character, no shaping differences between machines.
LAYOUT = ImageFont.Layout.BASIC

# Line breaking (a small kinsoku): these never start a line / never end one.
NO_LINE_START = "，。、；：！？）》」』】〕〉”’…—·%‰,.;:!?)]}"
NO_LINE_END = "（《「『【〔〈“‘([{"
CJK_PUNCT = "“”‘’…—·"     # ambiguous-width marks that behave like CJK in Chinese text
HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


class ShareError(Exception):
    """A share card or QR code cannot be made (no font, tofu, bad argument)."""


# ---------------------------------------------------------------------------------------- fonts

def _face_count(path: Path) -> int:
    """Number of faces in a font file (a .ttc collection has several; others have one)."""
    with open(path, "rb") as fh:
        head = fh.read(12)
    if head[:4] == b"ttcf":
        return int.from_bytes(head[8:12], "big")
    return 1


@cache
def _find_cjk_font(weight: str, dirs: tuple[Path, ...]) -> tuple[Path, int]:
    candidates: list[Path] = []
    for folder in dirs:
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            if (path.suffix.lower() in (".ttc", ".otc", ".otf", ".ttf")
                    and path.name.startswith(FONT_FILES) and path.is_file()):
                candidates.append(path)
    # files named after the weight first, then by name: the choice does not depend on rglob order
    candidates.sort(key=lambda p: (weight.lower() not in p.stem.lower(), "Mono" in p.name, str(p)))
    for path in candidates:
        try:
            faces = _face_count(path)
        except OSError:
            continue
        for index in range(faces):
            try:
                family, style = ImageFont.truetype(str(path), 12, index=index).getname()
            except OSError:
                break
            if family in FONT_FAMILIES and (style or "").lower() == weight.lower():
                return path, index
    where = ", ".join(str(d) for d in dirs) or "(no folders)"
    raise ShareError(
        f"no Simplified Chinese font (Noto Sans CJK SC {weight}) found in {where}; "
        f"install the Debian package {DEBIAN_PACKAGE} (apt-get install {DEBIAN_PACKAGE})")


def find_cjk_font(weight: str = "Bold", search_dirs: list[Path] | tuple[Path, ...] | None = None
                  ) -> tuple[Path, int]:
    """(path, face index) of a Simplified-Chinese-capable font (Noto Sans CJK SC from
    fonts-noto-cjk); raise ShareError naming the Debian package fonts-noto-cjk when none.

    ``search_dirs`` replaces the usual font folders (/usr/share/fonts, ...), searched recursively.
    """
    dirs = FONT_DIRS if search_dirs is None else tuple(Path(d) for d in search_dirs)
    return _find_cjk_font(weight, dirs)


@lru_cache(maxsize=64)
def _font(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=index, layout_engine=LAYOUT)


def _glyph_signature(font: ImageFont.FreeTypeFont, char: str) -> tuple:
    mask = font.getmask(char, mode="L")
    return mask.size, bytes(mask), font.getlength(char)


@lru_cache(maxsize=16)
def _notdef_signature(path: str, index: int) -> tuple:
    # U+10FFFF is a noncharacter: no font maps it, so it is drawn with the font's .notdef glyph.
    return _glyph_signature(_font(path, index, 48), "\U0010FFFF")


@lru_cache(maxsize=65536)
def _is_notdef(path: str, index: int, char: str) -> bool:
    """Whether the font draws char as its .notdef box; remembered per character: a build checks the same few
    thousand characters on every card and long image."""
    return _glyph_signature(_font(path, index, 48), char) == _notdef_signature(path, index)


def glyphs_missing(text: str, font_path: Path, index: int) -> list[str]:
    """Characters of text that the font cannot draw (its .notdef box), so builds and tests can
    refuse tofu. Each character is listed once, in order of appearance; control characters (line
    breaks, tabs) are never drawn and never listed."""
    path = str(font_path)
    missing: list[str] = []
    seen: set[str] = set()
    for char in text:
        if char in seen or unicodedata.category(char) == "Cc":
            continue
        seen.add(char)
        if _is_notdef(path, index, char):
            missing.append(char)
    return missing


# ------------------------------------------------------------------------------------- wrapping

def _is_cjk(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F") or char in CJK_PUNCT


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Unbreakable pieces of text as (piece, space before it): one per CJK character, one per
    run of other characters between spaces; punctuation is glued to its neighbour (kinsoku)."""
    atoms: list[tuple[str, bool]] = []
    run, run_space, space = "", False, False
    for char in text:
        if char.isspace():
            if run:
                atoms.append((run, run_space))
                run = ""
            space = True
        elif _is_cjk(char):
            if run:
                atoms.append((run, run_space))
                run = ""
            atoms.append((char, space))
            space = False
        else:
            if not run:
                run_space, space = space, False
            run += char
    if run:
        atoms.append((run, run_space))
    tokens: list[list] = []
    for piece, before in atoms:
        if tokens and not before and (piece[0] in NO_LINE_START or tokens[-1][0][-1] in NO_LINE_END):
            tokens[-1][0] += piece
        else:
            tokens.append([piece, before])
    return [(piece, before) for piece, before in tokens]


KERN_PROBES = ("AV", "AW", "AY", "VA", "LT", "LY", "Ta", "Te", "To", "Tr", "Yo", "Wa", "P.", "F,", "r.", "y.")


@lru_cache(maxsize=64)
def _kerns(font: ImageFont.FreeTypeFont) -> bool:
    """Whether the font moves any pair of the probes closer than their advances (a legacy kern table, which
    Pillow's basic layout applies)."""
    return any(font.getlength(pair) != font.getlength(pair[0]) + font.getlength(pair[1]) for pair in KERN_PROBES)


@lru_cache(maxsize=65536)
def _advance(font: ImageFont.FreeTypeFont, char: str) -> float:
    return font.getlength(char)


@lru_cache(maxsize=8192)
def _whole_length(font: ImageFont.FreeTypeFont, text: str) -> float:
    return font.getlength(text)


def text_length(font: ImageFont.FreeTypeFont, text: str) -> float:
    """font.getlength(text). Fitting and wrapping measure the same characters again and again, so where the font
    does not kern (Noto Sans CJK in Pillow's basic layout) this is the sum of each character's remembered
    advance — the same number exactly (advances are whole 1/64 px, added without rounding; a test compares
    them); a font that kerns is measured text by text."""
    if _kerns(font):
        return _whole_length(font, text)
    return sum(_advance(font, char) for char in text)



@lru_cache(maxsize=65536)
def _overhang(font: ImageFont.FreeTypeFont, char: str) -> tuple[float, float]:
    """How far a character's ink reaches before its origin and past its advance (0 where it stays inside)."""
    x0, _, x1, _ = font.getbbox(char, anchor="ls")
    return max(0.0, -x0), max(0.0, x1 - _advance(font, char))


def line_width(font: ImageFont.FreeTypeFont, text: str) -> float:
    """The width a line of text needs so that its ink stays inside, set from the left or centred: its advance,
    and twice the larger of its overhangs (a bold f at the end of a line, or a J at its start, reaches past the
    advance). Lines are wrapped, fitted and cut short by this measure; they are centred by their advance."""
    if not text:
        return 0.0
    return text_length(font, text) + 2 * max(_overhang(font, text[0])[0], _overhang(font, text[-1])[1])


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


def _balanced(text: str, font: ImageFont.FreeTypeFont, width: float, max_lines: int = 3) -> list[str]:
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


def _ellipsize(text: str, font: ImageFont.FreeTypeFont, width: float, lang: str) -> str:
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


# --------------------------------------------------------------------------------------- layout

# A messenger that crops the card to a square keeps its centre: every text that matters (title, kicker,
# figure, label) and the star's emblem are laid out inside the centred HEIGHT x HEIGHT square, with a
# margin; the two side panels carry only the accent colour's tint and the emblem drawn faintly.
SQUARE_X0 = (WIDTH - HEIGHT) // 2          # 285
SQUARE_X1 = SQUARE_X0 + HEIGHT             # 915
MARGIN_X = SQUARE_X0 + 40                  # the text column: 325 .. 875
BAND_H = 84
STRIP_H = 10                # accent strip along the bottom edge
BOTTOM = HEIGHT - STRIP_H - 34
CONTENT_W = WIDTH - 2 * MARGIN_X
CENTRE_X = WIDTH // 2
EMBLEM_D = 76               # the emblem disc's diameter
EMBLEM_TOP = BAND_H + 22
EM_TOP, EM_BOTTOM = 0.88, 0.12   # ideographic em box of Noto Sans CJK around the baseline
DIGIT_TOP = 0.74                 # height of Noto's digits (and capitals) above the baseline
RULE_GAP = 22                    # from the hairline down to the top of the figure's digits


@dataclass(frozen=True)
class Item:
    """One line of text on the card: drawn with its left end on the baseline at (x, y)."""

    role: str        # site, kicker, title, number, unit, label
    text: str
    weight: str      # Bold / Regular
    size: int
    x: int
    y: int
    fill: str


CARD_TEXT = 600  # characters of one text kept for the card: more than three lines of the smallest size hold


def _fit(text: str, font_of, sizes, width: float, lang: str) -> tuple[str, int]:
    """The largest size at which one line of text fits width, else the smallest, ellipsized."""
    for size in sizes:
        if line_width(font_of(size), text) <= width:
            return text, size
    size = sizes[-1]
    return _ellipsize(text, font_of(size), width, lang), size


def _centred(font: ImageFont.FreeTypeFont, text: str) -> int:
    """The x at which a line of text is centred on the card."""
    return CENTRE_X - round(text_length(font, text) / 2)


def emblem_box(icon: str) -> tuple[int, int, int, int] | None:
    """Where the star's emblem disc goes (inside the centred square), or None when the card has none."""
    if not icon:
        return None
    x0 = CENTRE_X - EMBLEM_D // 2
    return x0, EMBLEM_TOP, x0 + EMBLEM_D, EMBLEM_TOP + EMBLEM_D


def layout_card(*, site_name: str, title: str, kicker: str, number: str, unit: str, label: str,
                accent: str, lang: str, icon: str = "") -> list[Item]:
    """Where every text of the card goes (share_image draws exactly these items): centred, inside the
    centred square; from the top: site name on the band, the emblem, kicker, title, then the figure."""
    if lang not in WRITING:
        raise ShareError(f"share card: lang must be one of {', '.join(WRITING)}, not {lang!r}")
    if not HEX_COLOUR.fullmatch(accent or ""):
        raise ShareError(f"share card: accent must be a colour #RRGGBB, not {accent!r}")
    if icon:
        icon_strokes(icon)      # an icon that cannot be drawn is refused before anything is laid out
    # a card holds a few lines: longer text is cut before measuring (Pillow refuses a million characters)
    site_name, title, kicker = (" ".join((s or "")[:CARD_TEXT].split()) for s in (site_name, title, kicker))
    number, unit, label = (" ".join((s or "")[:CARD_TEXT].split()) for s in (number, unit, label))
    if not title:
        raise ShareError("share card: the title is empty")
    if kicker and kicker.casefold() in title.casefold():
        kicker = ""          # the title says it already ("Safety and Rule of Law" in "… Law Star")
    bold_path, bold_index = find_cjk_font("Bold")
    reg_path, reg_index = find_cjk_font("Regular")

    def bold(size: int) -> ImageFont.FreeTypeFont:
        return _font(str(bold_path), bold_index, size)

    def regular(size: int) -> ImageFont.FreeTypeFont:
        return _font(str(reg_path), reg_index, size)

    items: list[Item] = []

    # the band: site name, centred on the card and on the ideographic em box
    text, size = _fit(site_name, bold, range(30, 23, -1), CONTENT_W, lang)
    if text:
        base = round(BAND_H / 2 + (EM_TOP - EM_BOTTOM) * size / 2)
        items.append(Item("site", text, "Bold", size, _centred(bold(size), text), base, WHITE))

    # the headline figure, from the bottom up: label, then number + unit on one baseline
    figure_top = BOTTOM
    if number:
        text, size = _fit(label, regular, range(28, 23, -1), CONTENT_W, lang)
        label_base = BOTTOM - round(EM_BOTTOM * size)
        if text:
            items.append(Item("label", text, "Regular", size, _centred(regular(size), text), label_base, MUTED))
            number_base = label_base - round(EM_TOP * size) - 18
        else:
            number_base = BOTTOM - 8
        for num_size in range(96, 39, -4):
            unit_size = max(24, round(num_size * 0.42))
            # a CJK unit or a per-cent sign has its own side bearing; a word needs a word space
            gap = 0 if not unit else round(num_size * (0.04 if unit[:1] in "%‰°" or _is_cjk(unit[0]) else 0.1))
            total = text_length(bold(num_size), number) + gap + (text_length(bold(unit_size), unit) if unit else 0)
            if total <= CONTENT_W:
                break
        else:
            raise ShareError(f"share card: the figure {number} {unit} is too wide for the card")
        x = CENTRE_X - round(total / 2)
        items.append(Item("number", number, "Bold", num_size, x, number_base, accent))
        if unit:
            items.append(Item("unit", unit, "Bold", unit_size, x + round(text_length(bold(num_size), number)) + gap,
                              number_base, accent))
        figure_top = number_base - round(DIGIT_TOP * num_size)

    # the kicker and the title: under the emblem and above the figure (centred when there is none)
    top = (EMBLEM_TOP + EMBLEM_D + 24) if icon else BAND_H + 36
    bottom = figure_top - RULE_GAP - 26 if number else BOTTOM
    kicker_lines: list[str] = []
    kicker_size = kicker_h = 0
    if kicker:           # one line if it fits at 24 px or more, else two balanced lines (the second cut short)
        text, kicker_size = _fit(kicker, bold, range(26, 23, -1), CONTENT_W, lang)
        kicker_lines = [text] if text == kicker else _balanced(kicker, bold(24), CONTENT_W, 2)
        if len(kicker_lines) > 2:
            rest = (" " if writing(lang).spaced else "").join(kicker_lines[1:])
            kicker_lines = [kicker_lines[0], _ellipsize(rest, bold(24), CONTENT_W, lang)]
        kicker_size = kicker_size if len(kicker_lines) == 1 and text == kicker else 24
        kicker_h = kicker_size + (len(kicker_lines) - 1) * round(kicker_size * 1.25) + 14
    room = bottom - top - kicker_h
    pitch = writing(lang).card_pitch
    sizes = range(58 if number else 66, 29, -2)

    def height(n: int, size: int) -> int:
        return size + (n - 1) * round(size * pitch)

    for size in sizes:   # the largest size at which it fits in at most three lines
        if text_length(bold(size), title) > 3 * CONTENT_W + size:
            continue         # cannot fit in three lines (breaks drop at most two spaces)
        lines = _balanced(title, bold(size), CONTENT_W)
        if len(lines) <= 3 and height(len(lines), size) <= room:
            break
    else:                # too long even at the smallest size: three lines, the last one cut short
        size = sizes[-1]
        while size > 24 and height(3, size) > room:
            size -= 2
        lines = wrap_text(title, bold(size), CONTENT_W)
        if len(lines) > 3:
            rest = lines[2]
            for line in lines[3:]:
                rest += (" " if not (_is_cjk(rest[-1]) or _is_cjk(line[0])) else "") + line
            lines = lines[:2] + [_ellipsize(rest, bold(size), CONTENT_W, lang)]
    spare = room - height(len(lines), size)
    y = top + max(spare // 2, 0)     # kicker and title centred in the room between emblem and figure
    for n, line in enumerate(kicker_lines):
        items.append(Item("kicker", line, "Bold", kicker_size, _centred(bold(kicker_size), line),
                          y + round(EM_TOP * kicker_size) + n * round(kicker_size * 1.25), accent))
    y += kicker_h
    base = y + round(EM_TOP * size)
    for line in lines:
        items.append(Item("title", line, "Bold", size, _centred(bold(size), line), base, INK))
        base += round(size * pitch)
    return items


# ------------------------------------------------------------------------------------- the emblem

SVG_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
SVG_TOKEN = re.compile(r"([MmLlHhVvCcSsQqAaZz])|" + SVG_NUMBER.pattern)
SVG_ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "A": 7, "Z": 0}


def _arc_points(p0, rx, ry, phi, large, sweep, p1, steps=16) -> list[tuple[float, float]]:
    """An SVG elliptical arc as points (the endpoint-to-centre conversion of the SVG specification)."""
    import math

    (x0, y0), (x1, y1) = p0, p1
    if rx == 0 or ry == 0 or p0 == p1:
        return [p1]
    rx, ry, phi = abs(rx), abs(ry), math.radians(phi)
    c, s = math.cos(phi), math.sin(phi)
    dx, dy = (x0 - x1) / 2, (y0 - y1) / 2
    x_, y_ = c * dx + s * dy, -s * dx + c * dy
    lam = x_ ** 2 / rx ** 2 + y_ ** 2 / ry ** 2
    if lam > 1:
        rx, ry = rx * math.sqrt(lam), ry * math.sqrt(lam)
    num = rx ** 2 * ry ** 2 - rx ** 2 * y_ ** 2 - ry ** 2 * x_ ** 2
    k = math.sqrt(max(num, 0) / (rx ** 2 * y_ ** 2 + ry ** 2 * x_ ** 2)) * (-1 if large == sweep else 1)
    cx_, cy_ = k * rx * y_ / ry, -k * ry * x_ / rx
    cx, cy = c * cx_ - s * cy_ + (x0 + x1) / 2, s * cx_ + c * cy_ + (y0 + y1) / 2
    a0 = math.atan2((y_ - cy_) / ry, (x_ - cx_) / rx)
    a1 = math.atan2((-y_ - cy_) / ry, (-x_ - cx_) / rx)
    da = a1 - a0
    if sweep and da < 0:
        da += 2 * math.pi
    elif not sweep and da > 0:
        da -= 2 * math.pi
    out = []
    for i in range(1, steps + 1):
        a = a0 + da * i / steps
        out.append((cx + rx * math.cos(a) * c - ry * math.sin(a) * s, cy + rx * math.cos(a) * s + ry * math.sin(a) * c))
    return out


def _bezier(p0, p1, p2, p3, steps=16) -> list[tuple[float, float]]:
    """A cubic Bézier curve as points."""
    out = []
    for i in range(1, steps + 1):
        t = i / steps
        u = 1 - t
        out.append((u ** 3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t ** 3 * p3[0],
                    u ** 3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t ** 3 * p3[1]))
    return out


def _path_strokes(d: str) -> list[list[tuple[float, float]]]:
    """The polylines of one SVG path's d attribute (M L H V C S Q A Z, absolute and relative)."""
    strokes: list[list[tuple[float, float]]] = []
    pos = start = (0.0, 0.0)
    ctrl = None
    cmd = ""
    tokens = [(m.group(1), m.group(0)) for m in SVG_TOKEN.finditer(d)]
    i = 0
    while i < len(tokens):
        if tokens[i][0]:
            cmd = tokens[i][0]
            i += 1
        if not cmd:
            raise ShareError(f"icon path {d!r}: a number before any command")
        n = SVG_ARGS[cmd.upper()]
        if n == 0:
            if strokes:
                strokes[-1].append(start)
            pos, cmd = start, ""
            continue
        args = tokens[i:i + n]
        if len(args) < n or any(a[0] for a in args):
            raise ShareError(f"icon path {d!r}: {cmd} needs {n} numbers")
        v = [float(a[1]) for a in args]
        i += n
        rel = cmd.islower()
        ox, oy = pos if rel else (0.0, 0.0)
        up = cmd.upper()
        if up == "M":
            pos = start = (ox + v[0], oy + v[1])
            strokes.append([pos])
            cmd = "l" if rel else "L"     # numbers after a moveto are linetos
            continue
        if not strokes:
            strokes.append([pos])
        if up == "L":
            pts = [(ox + v[0], oy + v[1])]
        elif up == "H":
            pts = [((pos[0] if rel else 0) + v[0], pos[1])]
        elif up == "V":
            pts = [(pos[0], (pos[1] if rel else 0) + v[0])]
        elif up == "C":
            c1, c2, end = (ox + v[0], oy + v[1]), (ox + v[2], oy + v[3]), (ox + v[4], oy + v[5])
            pts, ctrl = _bezier(pos, c1, c2, end), c2
        elif up == "S":
            c1 = (2 * pos[0] - ctrl[0], 2 * pos[1] - ctrl[1]) if ctrl else pos
            c2, end = (ox + v[0], oy + v[1]), (ox + v[2], oy + v[3])
            pts, ctrl = _bezier(pos, c1, c2, end), c2
        elif up == "Q":
            q, end = (ox + v[0], oy + v[1]), (ox + v[2], oy + v[3])
            c1 = (pos[0] + 2 / 3 * (q[0] - pos[0]), pos[1] + 2 / 3 * (q[1] - pos[1]))
            c2 = (end[0] + 2 / 3 * (q[0] - end[0]), end[1] + 2 / 3 * (q[1] - end[1]))
            pts = _bezier(pos, c1, c2, end)
        else:
            pts = _arc_points(pos, v[0], v[1], v[2], bool(v[3]), bool(v[4]), (ox + v[5], oy + v[6]))
        if up not in ("C", "S"):
            ctrl = None
        strokes[-1].extend(pts)
        pos = pts[-1]
    return strokes


@lru_cache(maxsize=64)
def icon_strokes(svg: str) -> tuple[tuple[float, float, float], tuple[tuple[tuple[float, float], ...], ...]]:
    """An icon of templates/icons/ (24x24 stroked paths) as (viewBox x, y, size) and its polylines. The
    icons are simple line drawings, so a small path reader draws them with Pillow; anything else in
    them (a <circle>, a transform, a fill) is refused so the card never silently loses a part."""
    box = re.search(r'viewBox="\s*([-\d.]+)[\s,]+([-\d.]+)[\s,]+([-\d.]+)[\s,]+([-\d.]+)\s*"', svg)
    if not box:
        raise ShareError("icon: the SVG has no viewBox")
    body = re.sub(r"<svg\b[^>]*>|</svg>|<path\s+d=\"[^\"]*\"\s*/>|<title>[^<]*</title>|\s+", "", svg)
    if body:
        raise ShareError(f"icon: only <path d=…/> elements can be drawn on the share card, not {body[:60]!r}")
    strokes = tuple(tuple(line) for d in re.findall(r'<path\s+d="([^"]*)"', svg) for line in _path_strokes(d))
    if not strokes:
        raise ShareError("icon: the SVG has no path")
    x, y, w, h = (float(box.group(k)) for k in range(1, 5))
    return (x, y, max(w, h)), strokes


def _draw_icon(image: Image.Image, svg: str, box: tuple[int, int, int, int], colour: str, width: float) -> None:
    """Strokes an icon into box (round caps and joins as the SVG asks), antialiased by drawing 4x larger."""
    (vx, vy, vsize), strokes = icon_strokes(svg)
    scale = 4
    w, h = box[2] - box[0], box[3] - box[1]
    layer = Image.new("L", (w * scale, h * scale), 0)
    draw = ImageDraw.Draw(layer)
    k = w * scale / vsize
    line_w = max(1, round(width * k))
    for line in strokes:
        pts = [((px - vx) * k, (py - vy) * k) for px, py in line]
        if len(pts) > 1:
            draw.line(pts, fill=255, width=line_w)
        for px, py in pts:       # round joins and caps
            r = line_w / 2
            draw.ellipse((px - r, py - r, px + r, py + r), fill=255)
    mask = layer.resize((w, h), Image.Resampling.LANCZOS)
    image.paste(Image.new("RGB", (w, h), colour), box[:2], mask)


def _tint(colour: str, amount: float) -> str:
    """The colour mixed with white (amount 0 = white, 1 = the colour)."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * amount):02x}" for c in rgb)


def card_problems(*, site_name: str, title: str, kicker: str, number: str, unit: str, label: str,
                  accent: str, lang: str, icon: str = "") -> list[tuple[str, str]]:
    """(role, what is wrong) for each text of a card that could not be drawn — a character the font lacks,
    an empty title, a figure too wide, an icon it cannot draw — found before anything is drawn, so the
    build can say where."""
    out = []
    fonts = {w: find_cjk_font(w) for w in ("Bold", "Regular")}
    given = [("site name", site_name, "Bold"), ("title", title, "Bold"), ("kicker", kicker, "Bold"),
             ("number", number, "Bold"), ("unit", unit, "Bold"), ("label", label, "Regular")]
    for role, text, weight in given:
        missing = glyphs_missing(text, *fonts[weight])
        if missing:
            chars = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed')}" for c in missing)
            out.append((role, f"the share card's font cannot draw {chars} (in the {role} {text!r})"))
    if not title.strip():
        out.append(("title", "the title is empty: the share card and the browser tab need one"))
    if icon:
        try:
            icon_strokes(icon)
        except ShareError as e:
            out.append(("icon", f"the share card cannot draw the star's icon: {e}"))
    if out:
        return out
    try:
        layout_card(site_name=site_name, title=title, kicker=kicker, number=number, unit=unit, label=label,
                    accent=accent, lang=lang, icon=icon)
    except ShareError as e:
        out.append(("number" if "figure" in str(e) else "title", f"the share card cannot be laid out: {e}"))
    return out


def share_image(*, site_name: str, title: str, kicker: str, number: str, unit: str, label: str,
                accent: str, lang: str, icon: str = "") -> bytes:
    """A 1200x630 PNG share card (Open Graph / WeChat preview) that survives a square crop: the site name
    on a red band, the star's emblem (its icon, white on an accent disc), the page title large (at most
    3 lines, shrunk to fit) and a headline figure (number big in ``accent``, unit small after it, label
    under it), all centred in the middle square; the side panels are a light tint of the accent with
    the emblem drawn faintly. Deterministic bytes. Raises ShareError if the font cannot draw a
    character (no tofu) or the icon cannot be drawn."""
    items = layout_card(site_name=site_name, title=title, kicker=kicker, number=number, unit=unit,
                        label=label, accent=accent, lang=lang, icon=icon)
    fonts = {w: find_cjk_font(w) for w in ("Bold", "Regular")}
    # every text as given (even the part of a long title that is cut off) and every line as drawn
    given = [("site name", site_name, "Bold"), ("title", title, "Bold"), ("kicker", kicker, "Bold"),
             ("number", number, "Bold"), ("unit", unit, "Bold"), ("label", label, "Regular")]
    for role, text, weight in given + [(i.role, i.text, i.weight) for i in items]:
        path, index = fonts[weight]
        missing = glyphs_missing(text, path, index)
        if missing:
            chars = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing)
            raise ShareError(f"font {path} cannot draw: {chars} (in the {role} {text!r})")

    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    side = _tint(accent, 0.08)
    draw.rectangle((0, BAND_H, SQUARE_X0 - 1, HEIGHT - 1), fill=side)
    draw.rectangle((SQUARE_X1, BAND_H, WIDTH - 1, HEIGHT - 1), fill=side)
    if icon:                 # the emblem, large and faint, in each side panel: colour, not content
        big = 190
        for cx in (SQUARE_X0 // 2, (SQUARE_X1 + WIDTH) // 2):
            y0 = BAND_H + (HEIGHT - BAND_H - STRIP_H - big) // 2
            _draw_icon(image, icon, (cx - big // 2, y0, cx + big // 2, y0 + big), _tint(accent, 0.2), 1.6)
    draw.rectangle((0, 0, WIDTH - 1, BAND_H - 1), fill=BAND_RED)
    draw.rectangle((0, HEIGHT - STRIP_H, WIDTH - 1, HEIGHT - 1), fill=accent)
    box = emblem_box(icon)
    if box:
        draw.ellipse(box, fill=accent)
        pad = round(EMBLEM_D * 0.24)
        _draw_icon(image, icon, (box[0] + pad, box[1] + pad, box[2] - pad, box[3] - pad), WHITE, 2.2)
    number = next((i for i in items if i.role == "number"), None)
    if number is not None:   # a short accent bar on a hairline sets the figure apart from the title
        y = number.y - round(DIGIT_TOP * number.size) - RULE_GAP
        draw.rectangle((MARGIN_X, y - 1, WIDTH - MARGIN_X - 1, y), fill=RULE)
        draw.rectangle((CENTRE_X - 36, y - 3, CENTRE_X + 35, y + 2), fill=accent)
    for item in items:
        path, index = fonts[item.weight]
        draw.text((item.x, item.y), item.text, font=_font(str(path), index, item.size),
                  fill=item.fill, anchor="ls")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


# ------------------------------------------------------------------------------------------- QR

def _qr(url: str) -> segno.QRCode:
    if not url or not url.strip():
        raise ShareError("QR code: the URL is empty")
    options = {"error": "m", "boost_error": False, "micro": False}
    return segno.make(url, mask=best_mask(url, **options), **options)  # the mask segno would choose, found faster


def qr_svg(url: str, *, title: str) -> str:
    """An inline SVG QR code of the URL (error correction M, border 2, dark #1f1f1f on white, so
    it still scans on a dark page): role="img" with a <title>, a viewBox and no fixed size (CSS
    sizes it), no XML declaration, no ids; the same URL always gives the same text."""
    if not title or not title.strip():
        raise ShareError("QR code: the SVG needs a title (its accessible name)")
    svg = _qr(url).svg_inline(dark=INK, light=WHITE, border=2, title=title, omitsize=True,
                              svgclass="qr", lineclass=None)
    head, body = svg.split(">", 1)          # the <svg ...> start tag, then <title> and the paths
    head = re.sub(r'\s(?:width|height|id)="[^"]*"', "", head)
    return head.replace("<svg", '<svg role="img" shape-rendering="crispEdges"', 1) + ">" + body


def qr_png(url: str, scale: int = 8) -> bytes:
    """The same QR code as a PNG (``scale`` pixels per module)."""
    if not isinstance(scale, int) or scale < 1:
        raise ShareError(f"QR code: scale must be a positive whole number, not {scale!r}")
    out = io.BytesIO()
    _qr(url).save(out, kind="png", scale=scale, border=2, dark=INK, light=WHITE)
    return out.getvalue()


def touch_icon(size: int = 180) -> bytes:
    """The home-screen icon (apple-touch-icon): a gold star on the site's red, as favicon.svg draws it."""
    import math

    img = Image.new("RGB", (size, size), "#b3261e")
    draw = ImageDraw.Draw(img)
    cx, cy, outer, inner = size / 2, size / 2 + size * 0.03, size * 0.36, size * 0.36 * 0.4
    points = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(a), cy - r * math.sin(a)))
    draw.polygon(points, fill="#ffd54a")
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    return buf.getvalue()
