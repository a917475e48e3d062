"""Share previews: the 1200x630 Open Graph / WeChat card of a page, and the QR code of its URL.

- ``share_image`` draws a PNG card: the site name on a red band (#b3261e), the page title (at most
  three balanced lines, shrunk to fit), an optional kicker line and one headline figure in the
  page's accent colour. Everything is drawn with Noto Sans CJK SC (``find_cjk_font``), which also
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
from functools import lru_cache
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFont

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


@lru_cache(maxsize=None)
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


def glyphs_missing(text: str, font_path: Path, index: int) -> list[str]:
    """Characters of text that the font cannot draw (its .notdef box), so builds and tests can
    refuse tofu. Each character is listed once, in order of appearance; control characters (line
    breaks, tabs) are never drawn and never listed."""
    path = str(font_path)
    font = _font(path, index, 48)
    notdef = _notdef_signature(path, index)
    missing: list[str] = []
    seen: set[str] = set()
    for char in text:
        if char in seen or unicodedata.category(char) == "Cc":
            continue
        seen.add(char)
        if _glyph_signature(font, char) == notdef:
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


@lru_cache(maxsize=8192)
def _length(font: ImageFont.FreeTypeFont, text: str) -> float:
    """font.getlength, remembered: fitting a title measures the same lines again and again."""
    return font.getlength(text)


def _split_long(piece: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """A piece wider than the line (a long URL or word) cut by characters."""
    parts, cur = [], ""
    for char in piece:
        if cur and _length(font, cur + char) > width:
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
        if not line or _length(font, candidate) <= width:
            if line or _length(font, piece) <= width:
                line = candidate
                continue
        if line:
            lines.append(line)
        if _length(font, piece) <= width:
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
    if _length(font, text) <= width:
        return text
    dots = "…" if lang == "zh" else "..."
    lo, hi = 0, len(text)        # the longest prefix that fits with the dots after it
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _length(font, text[:mid].rstrip() + dots) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip(" ,，、;；:：") + dots


# --------------------------------------------------------------------------------------- layout

MARGIN_X = 80
BAND_H = 104
STRIP_H = 10                # accent strip along the bottom edge
BOTTOM = HEIGHT - STRIP_H - 50
CONTENT_W = WIDTH - 2 * MARGIN_X
EM_TOP, EM_BOTTOM = 0.88, 0.12   # ideographic em box of Noto Sans CJK around the baseline
DIGIT_TOP = 0.74                 # height of Noto's digits (and capitals) above the baseline
RULE_GAP = 30                    # from the hairline down to the top of the figure's digits


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
        if font_of(size).getlength(text) <= width:
            return text, size
    size = sizes[-1]
    return _ellipsize(text, font_of(size), width, lang), size


def layout_card(*, site_name: str, title: str, kicker: str, number: str, unit: str, label: str,
                accent: str, lang: str) -> list[Item]:
    """Where every text of the card goes (share_image draws exactly these items)."""
    if lang not in ("zh", "en"):
        raise ShareError(f"share card: lang must be 'zh' or 'en', not {lang!r}")
    if not HEX_COLOUR.fullmatch(accent or ""):
        raise ShareError(f"share card: accent must be a colour #RRGGBB, not {accent!r}")
    # a card holds a few lines: longer text is cut before measuring (Pillow refuses a million characters)
    site_name, title, kicker = (" ".join((s or "")[:CARD_TEXT].split()) for s in (site_name, title, kicker))
    number, unit, label = (" ".join((s or "")[:CARD_TEXT].split()) for s in (number, unit, label))
    if not title:
        raise ShareError("share card: the title is empty")
    bold_path, bold_index = find_cjk_font("Bold")
    reg_path, reg_index = find_cjk_font("Regular")

    def bold(size: int) -> ImageFont.FreeTypeFont:
        return _font(str(bold_path), bold_index, size)

    def regular(size: int) -> ImageFont.FreeTypeFont:
        return _font(str(reg_path), reg_index, size)

    items: list[Item] = []

    # the band: site name, vertically centred on the ideographic em box
    text, size = _fit(site_name, bold, range(36, 25, -1), CONTENT_W, lang)
    if text:
        base = round(BAND_H / 2 + (EM_TOP - EM_BOTTOM) * size / 2)
        items.append(Item("site", text, "Bold", size, MARGIN_X, base, WHITE))

    # the headline figure, from the bottom up: label, then number + unit on one baseline
    figure_top = BOTTOM
    if number:
        text, size = _fit(label, regular, range(30, 23, -1), CONTENT_W, lang)
        label_base = BOTTOM - round(EM_BOTTOM * size)
        if text:
            items.append(Item("label", text, "Regular", size, MARGIN_X, label_base, MUTED))
            number_base = label_base - round(EM_TOP * size) - 26
        else:
            number_base = BOTTOM - 8
        for num_size in range(104, 47, -4):
            unit_size = max(28, round(num_size * 0.42))
            # a CJK unit or a per-cent sign has its own side bearing; a word needs a word space
            gap = 0 if not unit else round(num_size * (0.04 if unit[:1] in "%‰°" or _is_cjk(unit[0]) else 0.1))
            total = bold(num_size).getlength(number) + gap + (bold(unit_size).getlength(unit) if unit else 0)
            if total <= CONTENT_W:
                break
        else:
            raise ShareError(f"share card: the figure {number} {unit} is too wide for the card")
        items.append(Item("number", number, "Bold", num_size, MARGIN_X, number_base, accent))
        if unit:
            x = MARGIN_X + round(bold(num_size).getlength(number)) + gap
            items.append(Item("unit", unit, "Bold", unit_size, x, number_base, accent))
        figure_top = number_base - round(DIGIT_TOP * num_size)

    # the kicker and the title: under the band and above the figure (centred when there is none)
    top = BAND_H + 50
    bottom = figure_top - RULE_GAP - 34 if number else BOTTOM
    kicker_item = None
    kicker_h = 0
    if kicker:
        text, size = _fit(kicker, bold, range(30, 23, -1), CONTENT_W, lang)
        kicker_item = Item("kicker", text, "Bold", size, MARGIN_X, round(EM_TOP * size), accent)
        kicker_h = size + 26
    room = bottom - top - kicker_h
    pitch = 1.3 if lang == "zh" else 1.22
    sizes = range(68 if number else 80, 35, -2)

    def height(n: int, size: int) -> int:
        return size + (n - 1) * round(size * pitch)

    for size in sizes:   # the largest size at which it fits in at most three lines
        if bold(size).getlength(title) > 3 * CONTENT_W + size:
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
    # with a figure the title hangs from the kicker (a little lower when there is room to spare);
    # without one, kicker and title are centred in the white area
    y = top + (round(min(spare * 0.25, 24)) if number else spare // 2)
    if kicker_item is not None:
        items.append(Item("kicker", kicker_item.text, "Bold", kicker_item.size, MARGIN_X,
                          y + kicker_item.y, accent))
        y += kicker_h
    base = y + round(EM_TOP * size)
    for line in lines:
        items.append(Item("title", line, "Bold", size, MARGIN_X, base, INK))
        base += round(size * pitch)
    return items


def card_problems(*, site_name: str, title: str, kicker: str, number: str, unit: str, label: str,
                  accent: str, lang: str) -> list[tuple[str, str]]:
    """(role, what is wrong) for each text of a card that could not be drawn — a character the font lacks,
    an empty title, a figure too wide — found before anything is drawn, so the build can say where."""
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
    if out:
        return out
    try:
        layout_card(site_name=site_name, title=title, kicker=kicker, number=number, unit=unit, label=label,
                    accent=accent, lang=lang)
    except ShareError as e:
        out.append(("number" if "figure" in str(e) else "title", f"the share card cannot be laid out: {e}"))
    return out


def share_image(*, site_name: str, title: str, kicker: str, number: str, unit: str, label: str,
                accent: str, lang: str) -> bytes:
    """A 1200x630 PNG share card (Open Graph / WeChat preview): the site name on a red band, the
    page title large (at most 3 lines, shrunk to fit), an optional kicker line and a headline
    figure (number big in ``accent``, unit small after it, label under it). White background,
    deterministic bytes. Raises ShareError if the font cannot draw a character (no tofu)."""
    items = layout_card(site_name=site_name, title=title, kicker=kicker, number=number, unit=unit,
                        label=label, accent=accent, lang=lang)
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
    draw.rectangle((0, 0, WIDTH - 1, BAND_H - 1), fill=BAND_RED)
    draw.rectangle((0, HEIGHT - STRIP_H, WIDTH - 1, HEIGHT - 1), fill=accent)
    number = next((i for i in items if i.role == "number"), None)
    if number is not None:   # a short accent bar and a hairline set the figure apart from the title
        y = number.y - round(DIGIT_TOP * number.size) - RULE_GAP
        draw.rectangle((MARGIN_X, y - 1, WIDTH - MARGIN_X - 1, y), fill=RULE)
        draw.rectangle((MARGIN_X, y - 3, MARGIN_X + 71, y + 2), fill=accent)
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
    return segno.make(url, error="m", boost_error=False, micro=False)


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
