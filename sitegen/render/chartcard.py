"""One chart as a picture of its own: the 1200x630 share card of its page (<lang>/charts/<id>/share.png), which is
also its PNG download, and the same drawing as SVG (chart.svg). Drawn with Pillow and Noto Sans CJK (render/share.py)
from the rows chart_context gives (render/charts.py): the site name on the red band, the chart's title, a bar per
figure with its label and its value as the pages write it (qualifier included), the source line and the page's
address. Deterministic: the same chart gives the same bytes.

Why Pillow and not Kaleido: a card is ~0.1 s with Pillow and needs nothing but the fonts; Kaleido needs a Chromium
started per build (over a second, measured in the note) and a package of its own, for a picture of a few bars.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .draw import DrawError
from .draw.canvas import CARD_BAND as BAND_H
from .draw.canvas import CARD_H as HEIGHT
from .draw.canvas import CARD_W as WIDTH
from .draw.canvas import png_bytes
from .draw.fonts import EM_BOTTOM, EM_TOP, find_cjk_font, font, glyphs_missing, texts_missing
from .draw.palette import BAND_RED, INK, MUTED, WHITE
from .draw.text import balanced, ellipsize

MARGIN = 64
TRACK = "#ece8e3"
FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"


@dataclass(frozen=True)
class Item:
    """A text (its left end on the baseline at x, y) or a rectangle (x, y, w, h) of the card."""

    kind: str          # text / rect
    role: str
    x: int
    y: int
    w: int = 0
    h: int = 0
    text: str = ""
    weight: str = "Regular"
    size: int = 0
    fill: str = INK
    anchor: str = "ls"  # ls: left; rs: right end on the baseline


def _fonts():
    return {w: find_cjk_font(w) for w in ("Bold", "Regular")}


def _f(fonts, weight: str, size: int):
    path, index = fonts[weight]
    return font(str(path), index, size)


def layout_chart(*, site_name: str, title: str, rows: list[dict], source: str, address: str, lang: str) -> list[Item]:
    """Where everything of the chart card goes (chart_png and chart_svg draw exactly these items)."""
    if not rows:
        raise DrawError("chart card: the chart has no figures")
    fonts = _fonts()
    items = [Item("rect", "band", 0, 0, WIDTH, BAND_H, fill=BAND_RED)]
    size = 32
    base = round(BAND_H / 2 + (EM_TOP - EM_BOTTOM) * size / 2)
    items.append(Item("text", "site", MARGIN, base, text=ellipsize(site_name, _f(fonts, "Bold", size),
                                                                  WIDTH - 2 * MARGIN, lang), weight="Bold", size=size,
                      fill=WHITE))
    width = WIDTH - 2 * MARGIN
    for tsize in (46, 42, 38, 34):
        lines = balanced(title, _f(fonts, "Bold", tsize), width, max_lines=2)
        if len(lines) <= 2:
            break
    lines = lines[:2]
    y = BAND_H + 28
    for line in lines:
        y += round(tsize * 1.25)
        items.append(Item("text", "title", MARGIN, y, text=line, weight="Bold", size=tsize))
    # the footer: the source line, and under it the page's address
    foot = HEIGHT - 30
    items.append(Item("text", "address", MARGIN, foot, text=ellipsize(address, _f(fonts, "Bold", 24), width, lang),
                      weight="Bold", size=24, fill=BAND_RED))
    items.append(Item("text", "source", MARGIN, foot - 38,
                      text=ellipsize(source, _f(fonts, "Regular", 22), width, lang), size=22, fill=MUTED))
    items.append(Item("rect", "rule", MARGIN, foot - 80, width, 2, fill="#e4e0dc"))
    foot -= 40
    # the bars: each row a label and its value on one line, the bar under them
    top, bottom = y + 28, foot - 60
    pitch = min(110, (bottom - top) // len(rows))
    label_size = max(18, min(30, round(pitch * 0.3)))
    bar_h = max(8, min(24, round(pitch * 0.22)))
    top += (bottom - top - pitch * len(rows)) // 2     # a chart of few bars sits in the middle of its room
    for n, r in enumerate(rows):
        row_top = top + n * pitch
        base = row_top + round(label_size * 1.05)
        value_w = round(_f(fonts, "Bold", label_size).getlength(r["display"]))
        label = ellipsize(r["label"], _f(fonts, "Regular", label_size), width - value_w - 24, lang)
        items.append(Item("text", "label", MARGIN, base, text=label, size=label_size))
        items.append(Item("text", "value", WIDTH - MARGIN, base, text=r["display"], weight="Bold", size=label_size,
                          fill=r["colour"], anchor="rs"))
        bar_y = base + round(label_size * 0.35)
        items.append(Item("rect", "track", MARGIN, bar_y, width, bar_h, fill=TRACK))
        items.append(Item("rect", "bar", MARGIN, bar_y, max(bar_h, round(width * r["width"] / 100)), bar_h,
                          fill=r["colour"]))
    return items


def card_glyph_problems(items: list[Item]) -> list[str]:
    """Texts of the card with characters the font cannot draw."""
    if not texts_missing([(i.text, i.weight) for i in items if i.kind == "text"], "the chart card's"):
        return []
    fonts = _fonts()
    out = []
    for i in items:
        if i.kind == "text":
            missing = glyphs_missing(i.text, *fonts[i.weight])
            if missing:
                out.append(f"the chart card's font cannot draw {', '.join(f'U+{ord(c):04X}' for c in missing)} "
                           f"(in {i.text!r})")
    return out


def chart_png(items: list[Item], checked: bool = False) -> bytes:
    """The card as PNG (white, deterministic); its texts checked for tofu unless the caller did (checked)."""
    from PIL import Image, ImageDraw

    problems = [] if checked else card_glyph_problems(items)
    if problems:
        raise DrawError("; ".join(problems))
    fonts = _fonts()
    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    for i in items:
        if i.kind == "rect":
            draw.rectangle((i.x, i.y, i.x + i.w - 1, i.y + i.h - 1), fill=i.fill)
        else:
            draw.text((i.x, i.y), i.text, font=_f(fonts, i.weight, i.size), fill=i.fill, anchor=i.anchor)
    return png_bytes(image)


def chart_svg(items: list[Item], title: str) -> str:
    """The same card as a standalone SVG (text as text: it can be searched, copied and scaled)."""
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
           f'role="img" font-family="{FONT_FAMILY}"><title>{escape(title)}</title>',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{WHITE}"/>']
    for i in items:
        if i.kind == "rect":
            out.append(f'<rect x="{i.x}" y="{i.y}" width="{i.w}" height="{i.h}" fill="{i.fill}"/>')
        else:
            anchor = ' text-anchor="end"' if i.anchor == "rs" else ""
            weight = ' font-weight="700"' if i.weight == "Bold" else ""
            out.append(f'<text x="{i.x}" y="{i.y}" font-size="{i.size}"{weight} fill="{i.fill}"{anchor}>'
                       f'{escape(i.text)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
