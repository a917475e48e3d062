"""The share card of a page: its 1200x630 Open Graph / WeChat link preview.

``share_image`` draws the site name on a red band (#b3261e), the star's emblem, the page title (at most three
balanced lines, shrunk to fit), an optional kicker line and one headline figure in the page's accent colour,
all centred inside the middle 630x630 square, so a messenger's square crop keeps them. The card is
deterministic: the same arguments give the same bytes (Pillow's basic layout engine, no metadata, no
timestamps). Nothing is ever drawn as tofu: every text is checked first and a DrawError names the characters
the font lacks. Drawn on the drawing package (render/draw/: fonts, text, vector icons, palette).
"""
from __future__ import annotations

import io
import unicodedata

from PIL import Image, ImageDraw, ImageFont

from ..numbers import WRITING, writing
from .draw import DrawError
from .draw.canvas import CARD_BAND, CARD_H, CARD_W, SQUARE_X0, SQUARE_X1, Run, Shape, paint
from .draw.fonts import DIGIT_TOP, EM_BOTTOM, EM_TOP, face, find_cjk_font, glyphs_missing
from .draw.palette import BAND_RED, HEX_COLOUR, INK, MUTED, RULE, WHITE, tint
from .draw.text import balanced, ellipsize, fit, is_cjk, text_length, wrap_text
from .draw.vector import icon_strokes

__all__ = ["card_drawing", "card_problems", "emblem", "emblem_box", "frame", "layout_card", "share_image", "touch_icon",
           "WIDTH", "HEIGHT"]

WIDTH, HEIGHT = CARD_W, CARD_H

# A messenger that crops the card to a square keeps its centre (canvas.SQUARE_X0 .. SQUARE_X1, 285 .. 915):
# every text that matters (title, kicker, figure, label) and the star's emblem are laid out inside it, with a
# margin; the two side panels carry only the accent colour's tint and the emblem drawn faintly (frame()).
MARGIN_X = SQUARE_X0 + 40                  # the text column: 325 .. 875
BAND_H = CARD_BAND
STRIP_H = 10                # accent strip along the bottom edge
BOTTOM = HEIGHT - STRIP_H - 34
CONTENT_W = WIDTH - 2 * MARGIN_X
CENTRE_X = WIDTH // 2
EMBLEM_D = 76               # the emblem disc's diameter
EMBLEM_TOP = BAND_H + 22
RULE_GAP = 22                    # from the hairline down to the top of the figure's digits


CARD_TEXT = 600  # characters of one text kept for the card: more than three lines of the smallest size hold


def _centred(f: ImageFont.FreeTypeFont, text: str) -> int:
    """The x at which a line of text is centred on the card."""
    return CENTRE_X - round(text_length(f, text) / 2)


def emblem_box(icon: str) -> tuple[int, int, int, int] | None:
    """Where the star's emblem disc goes (inside the centred square), or None when the card has none."""
    if not icon:
        return None
    x0 = CENTRE_X - EMBLEM_D // 2
    return x0, EMBLEM_TOP, x0 + EMBLEM_D, EMBLEM_TOP + EMBLEM_D


def _bold(size: int) -> ImageFont.FreeTypeFont:
    return face("Bold", size)


def _regular(size: int) -> ImageFont.FreeTypeFont:
    return face("Regular", size)


def layout_card(*, site_name: str, title: str, kicker: str, number: str, unit: str, label: str,
                accent: str, lang: str, icon: str = "") -> list[Run]:
    """Where every text of the card goes (share_image draws exactly these items): centred, inside the
    centred square; from the top: site name on the band, the emblem, kicker, title, then the figure."""
    if lang not in WRITING:
        raise DrawError(f"share card: lang must be one of {', '.join(WRITING)}, not {lang!r}")
    if not HEX_COLOUR.fullmatch(accent or ""):
        raise DrawError(f"share card: accent must be a colour #RRGGBB, not {accent!r}")
    if icon:
        icon_strokes(icon)      # an icon that cannot be drawn is refused before anything is laid out
    # a card holds a few lines: longer text is cut before measuring (Pillow refuses a million characters)
    site_name, title, kicker = (" ".join((s or "")[:CARD_TEXT].split()) for s in (site_name, title, kicker))
    number, unit, label = (" ".join((s or "")[:CARD_TEXT].split()) for s in (number, unit, label))
    if not title:
        raise DrawError("share card: the title is empty")
    if kicker and kicker.casefold() in title.casefold():
        kicker = ""          # the title says it already ("Safety and Rule of Law" in "… Law Star")
    items: list[Run] = []
    site = band_run(site_name, lang)
    if site is not None:
        items.append(site)
    figure_top = _figure(items, number, unit, label, accent, lang) if number else BOTTOM
    # the kicker and the title: under the emblem and above the figure (centred when there is none)
    top = (EMBLEM_TOP + EMBLEM_D + 24) if icon else BAND_H + 36
    bottom = figure_top - RULE_GAP - 26 if number else BOTTOM
    _title(items, title, kicker, top, bottom, bool(number), accent, lang)
    return items


def _figure(items: list[Run], number: str, unit: str, label: str, accent: str, lang: str) -> int:
    """The headline figure, from the bottom up: label, then number + unit on one baseline; the top of its digits."""
    text, size = fit(label, _regular, range(28, 23, -1), CONTENT_W, lang)
    label_base = BOTTOM - round(EM_BOTTOM * size)
    if text:
        items.append(Run("label", text, "Regular", size, _centred(_regular(size), text), label_base, MUTED))
        number_base = label_base - round(EM_TOP * size) - 18
    else:
        number_base = BOTTOM - 8
    for num_size in range(96, 39, -4):
        unit_size = max(24, round(num_size * 0.42))
        # a CJK unit or a per-cent sign has its own side bearing; a word needs a word space
        gap = 0 if not unit else round(num_size * (0.04 if unit[:1] in "%‰°" or is_cjk(unit[0]) else 0.1))
        total = text_length(_bold(num_size), number) + gap + (text_length(_bold(unit_size), unit) if unit else 0)
        if total <= CONTENT_W:
            break
    else:
        raise DrawError(f"share card: the figure {number} {unit} is too wide for the card")
    x = CENTRE_X - round(total / 2)
    items.append(Run("number", number, "Bold", num_size, x, number_base, accent))
    if unit:
        items.append(Run("unit", unit, "Bold", unit_size, x + round(text_length(_bold(num_size), number)) + gap,
                         number_base, accent))
    return number_base - round(DIGIT_TOP * num_size)


def _kicker_lines(kicker: str, lang: str) -> tuple[list[str], int]:
    """The kicker's lines and size: one line if it fits at 24 px or more, else two balanced lines (the second cut
    short)."""
    text, size = fit(kicker, _bold, range(26, 23, -1), CONTENT_W, lang)
    lines = [text] if text == kicker else balanced(kicker, _bold(24), CONTENT_W, 2)
    if len(lines) > 2:
        rest = (" " if writing(lang).spaced else "").join(lines[1:])
        lines = [lines[0], ellipsize(rest, _bold(24), CONTENT_W, lang)]
    return lines, (size if len(lines) == 1 and text == kicker else 24)


def _title(items: list[Run], title: str, kicker: str, top: int, bottom: int, number: bool, accent: str, lang: str
           ) -> None:
    """The kicker and the title, centred in the room from top to bottom: the title at the largest size at which it
    fits in at most three lines."""
    kicker_lines, kicker_size = _kicker_lines(kicker, lang) if kicker else ([], 0)
    kicker_h = kicker_size + (len(kicker_lines) - 1) * round(kicker_size * 1.25) + 14 if kicker else 0
    room = bottom - top - kicker_h
    pitch = writing(lang).card_pitch
    sizes = range(58 if number else 66, 29, -2)

    def height(n: int, size: int) -> int:
        return size + (n - 1) * round(size * pitch)

    for size in sizes:   # the largest size at which it fits in at most three lines
        if text_length(_bold(size), title) > 3 * CONTENT_W + size:
            continue         # cannot fit in three lines (breaks drop at most two spaces)
        lines = balanced(title, _bold(size), CONTENT_W)
        if len(lines) <= 3 and height(len(lines), size) <= room:
            break
    else:                # too long even at the smallest size: three lines, the last one cut short
        size = sizes[-1]
        while size > 24 and height(3, size) > room:
            size -= 2
        lines = wrap_text(title, _bold(size), CONTENT_W)
        if len(lines) > 3:
            rest = lines[2]
            for line in lines[3:]:
                rest += (" " if not (is_cjk(rest[-1]) or is_cjk(line[0])) else "") + line
            lines = lines[:2] + [ellipsize(rest, _bold(size), CONTENT_W, lang)]
    spare = room - height(len(lines), size)
    y = top + max(spare // 2, 0)     # kicker and title centred in the room between emblem and figure
    for n, line in enumerate(kicker_lines):
        items.append(Run("kicker", line, "Bold", kicker_size, _centred(_bold(kicker_size), line),
                         y + round(EM_TOP * kicker_size) + n * round(kicker_size * 1.25), accent))
    y += kicker_h
    base = y + round(EM_TOP * size)
    for line in lines:
        items.append(Run("title", line, "Bold", size, _centred(_bold(size), line), base, INK))
        base += round(size * pitch)


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
        except DrawError as e:
            out.append(("icon", f"the share card cannot draw the star's icon: {e}"))
    if out:
        return out
    try:
        layout_card(site_name=site_name, title=title, kicker=kicker, number=number, unit=unit, label=label,
                    accent=accent, lang=lang, icon=icon)
    except DrawError as e:
        out.append(("number" if "figure" in str(e) else "title", f"the share card cannot be laid out: {e}"))
    return out


def frame(accent: str, icon: str = "") -> list[Shape]:
    """What a card has outside the centred square — colour, never content: the side panels (a light tint of the
    accent, the emblem drawn large and faint when there is one: ``icon`` names it in the card's icons), the red
    band and the accent strip along the bottom. Every card of the site is drawn on it."""
    side = tint(accent, 0.08)
    shapes = [Shape("rect", (0, BAND_H, SQUARE_X0, HEIGHT), side, role="panel"),
              Shape("rect", (SQUARE_X1, BAND_H, WIDTH, HEIGHT), side, role="panel")]
    if icon:
        big = 190
        y0 = BAND_H + (HEIGHT - BAND_H - STRIP_H - big) // 2
        shapes += [Shape("icon", (cx - big // 2, y0, cx + big // 2, y0 + big), tint(accent, 0.2), name=icon,
                         role="decoration", stroke=1.6) for cx in (SQUARE_X0 // 2, (SQUARE_X1 + WIDTH) // 2)]
    return shapes + [Shape("rect", (0, 0, WIDTH, BAND_H), BAND_RED, role="band"),
                     Shape("rect", (0, HEIGHT - STRIP_H, WIDTH, HEIGHT), accent, role="strip")]


DECORATION = ("panel", "decoration", "band", "strip")   # frame()'s roles: all that may lie outside the square


def emblem(box: tuple[int, int, int, int], icon: str, colour: str, figure: str = "") -> list[Shape]:
    """A star's emblem: its icon (named in the card's icons) in white on a disc of its colour, in box."""
    pad = round((box[2] - box[0]) * 0.24)
    return [Shape("dot", box, colour, role="emblem", figure=figure),
            Shape("icon", (box[0] + pad, box[1] + pad, box[2] - pad, box[3] - pad), WHITE, name=icon, role="emblem",
                  figure=figure, stroke=2.2)]


def band_run(site_name: str, lang: str, sizes=range(30, 23, -1)) -> Run | None:
    """The site's name on the band, centred on the card (inside the square) and on the ideographic em box."""
    text, size = fit(site_name, _bold, sizes, CONTENT_W, lang)
    if not text:
        return None
    base = round(BAND_H / 2 + (EM_TOP - EM_BOTTOM) * size / 2)
    return Run("site", text, "Bold", size, _centred(_bold(size), text), base, WHITE)


def card_drawing(**spec) -> tuple[list[Run], list[Shape], dict[str, str]]:
    """Everything a page's card draws: its texts (layout_card), the frame, the emblem, the rule over the figure;
    and the icons they name."""
    items = layout_card(**spec)
    accent, icon = spec["accent"], spec.get("icon", "")
    shapes = frame(accent, "emblem" if icon else "")
    box = emblem_box(icon)
    if box:
        shapes += emblem(box, "emblem", accent)
    number = next((i for i in items if i.role == "number"), None)
    if number is not None:   # a short accent bar on a hairline sets the figure apart from the title
        y = number.y - round(DIGIT_TOP * number.size) - RULE_GAP
        shapes += [Shape("rect", (MARGIN_X, y - 1, WIDTH - MARGIN_X, y + 1), RULE, role="rule"),
                   Shape("rect", (CENTRE_X - 36, y - 3, CENTRE_X + 36, y + 3), accent, role="rule")]
    return items, shapes, {"emblem": icon} if icon else {}


def share_image(*, site_name: str, title: str, kicker: str, number: str, unit: str, label: str,
                accent: str, lang: str, icon: str = "") -> bytes:
    """A 1200x630 PNG share card (Open Graph / WeChat preview) that survives a square crop: the site name
    on a red band, the star's emblem (its icon, white on an accent disc), the page title large (at most
    3 lines, shrunk to fit) and a headline figure (number big in ``accent``, unit small after it, label
    under it), all centred in the middle square; the side panels are a light tint of the accent with
    the emblem drawn faintly. Deterministic bytes. Raises DrawError if the font cannot draw a
    character (no tofu) or the icon cannot be drawn."""
    spec = dict(site_name=site_name, title=title, kicker=kicker, number=number, unit=unit, label=label,
                accent=accent, lang=lang, icon=icon)
    items, shapes, icons = card_drawing(**spec)
    fonts = {w: find_cjk_font(w) for w in ("Bold", "Regular")}
    # every text as given (even the part of a long title that is cut off) and every line as drawn
    given = [("site name", site_name, "Bold"), ("title", title, "Bold"), ("kicker", kicker, "Bold"),
             ("number", number, "Bold"), ("unit", unit, "Bold"), ("label", label, "Regular")]
    for role, text, weight in given + [(i.role, i.text, i.weight) for i in items]:
        path, index = fonts[weight]
        missing = glyphs_missing(text, path, index)
        if missing:
            chars = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing)
            raise DrawError(f"font {path} cannot draw: {chars} (in the {role} {text!r})")
    return rgb_png(paint(items, shapes, (WIDTH, HEIGHT), icons))


def rgb_png(image) -> bytes:
    """A card as a plain RGB PNG: its inks exact (a page card has few colours; no palette needed), no metadata."""
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
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
