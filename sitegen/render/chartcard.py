"""One chart as a picture of its own: its 1200x630 PNG download (<lang>/charts/<id>/chart.png) and the same drawing as
SVG (chart.svg, text as text). Both are made from one list of text runs and shapes (render/draw/canvas.py), laid out
from the rows the page draws (render/charts.py: chart_context): the same lengths against the same scale, the same
counts, so the picture people download and forward is the chart of the page. Around it: the site name on the red
band, the chart's title, the article it comes from (in words) and the page's address. Deterministic: the same chart
gives the same bytes.

Each chart kind is drawn by a function registered here with @picture(NAME) and named by its entry in
sitegen/registry.py: CHART_KINDS (a kind without one is refused by the figures' check). A drawing gets the Body
(the room between the title and the footer, and what it draws into) and the chart's rows. The chart page's share card
(share.png, render/cards.py) draws the same rows with the same drawing in the centred square's column: a Body
narrower than NARROW sets its marks as the page does on a phone (pictograms under their words, tiles two a row).

Why Pillow and not Kaleido: a card is ~0.1 s with Pillow and needs nothing but the fonts; Kaleido needs a Chromium
started per build (over a second, measured in the note) and a package of its own, for a picture of a few bars.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..numbers import writing
from .draw import DrawError
from .draw.canvas import CARD_BAND, CARD_H, CARD_W, Run, Shape, paint, png_bytes, svg_document
from .draw.fonts import EM_BOTTOM, EM_TOP, face, texts_missing
from .draw.palette import BAND_RED, INK, MUTED, RULE, TRACK, WHITE, tint
from .draw.text import balanced, ellipsize, text_length, wrap_text

MARGIN = 64
WASH = "#f6f3ef"          # a tile's ground (the page's --wash)
PICTURES: dict[str, object] = {}   # kind's picture name -> its drawing: (Body, rows) -> None


def picture(name: str):
    """Register a chart kind's drawing on its picture under name (CHART_KINDS[kind].picture names it)."""
    def register(draw):
        PICTURES[name] = draw
        return draw
    return register


@dataclass
class Body:
    """The room a chart kind draws in (x0, y0 to x1, y1: between the title and the footer), and what it draws."""

    x0: int
    y0: int
    x1: int
    y1: int
    lang: str
    runs: list[Run] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0

    def length(self, text: str, weight: str, size: int) -> int:
        return round(text_length(face(weight, size), text))

    def text(self, role: str, text: str, size: int, x: float, y: float, fill: str = INK, weight: str = "Regular",
             figure: str = "", part: str = "") -> int:
        """A line of text, its left end on the baseline at (x, y); returns its advance."""
        self.runs.append(Run(role, text, weight, size, round(x), round(y), fill, figure, part))
        return self.length(text, weight, size)

    def rect(self, role: str, x0: float, y0: float, x1: float, y1: float, fill: str, figure: str = "",
             radius: int = 0) -> None:
        self.shapes.append(Shape("rect", (round(x0), round(y0), round(x1), round(y1)), fill, radius, role=role,
                                 figure=figure))

    def icon(self, name: str, x: int, y: int, size: int, colour: str, figure: str) -> None:
        """An icon in a size x size box (a dot, as on the page, where the figure's meaning names no icon)."""
        if name:
            self.shapes.append(Shape("icon", (x, y, x + size, y + size), colour, name=name, role="icon", figure=figure))
        else:
            d = round(size * 2 / 3)
            x0, y0 = x + (size - d) // 2, y + (size - d) // 2
            self.shapes.append(Shape("dot", (x0, y0, x0 + d, y0 + d), colour, role="icon", figure=figure))

    def figure(self, r: dict, size: int, x: float, base: float, fill: str, width: float) -> int:
        """A figure as a tile sets it — qualifier small, number large, unit small, on one baseline — shrunk (down to
        0.45 of size) to fit width; returns the size the number got."""
        sep = self.length(" ", "Bold", size) if writing(self.lang).spaced else 0
        for big in range(size, round(size * 0.45) - 1, -2):
            small = max(18, round(big * 0.46))
            pieces = [(p, r[p], big if p == "number" else small) for p in ("before", "number", "rest") if r[p]]
            total = sum(self.length(t, "Bold", s) for _, t, s in pieces) + sep * (len(pieces) - 1)
            if total <= width:
                break
        for part, piece, s in pieces:
            x += self.text("value", piece, s, x, base, fill, "Bold", r["id"], part) + sep
        return big


def layout_chart(*, site_name: str, title: str, rows: list[dict], source: str, address: str, lang: str,
                 picture: str, **_) -> tuple[list[Run], list[Shape]]:
    """Where everything of the chart's picture goes (chart_png and chart_svg draw exactly these runs and shapes):
    the band, the title, the footer, and between them the chart as its kind's drawing lays it out."""
    if not rows:
        raise DrawError("chart card: the chart has no figures")
    draw = PICTURES.get(picture)
    if draw is None:
        raise DrawError(f"chart card: no picture drawing {picture!r} (render/chartcard.py draws "
                        f"{', '.join(PICTURES)})")
    width = CARD_W - 2 * MARGIN
    body = Body(MARGIN, 0, CARD_W - MARGIN, 0, lang)
    body.rect("band", 0, 0, CARD_W, CARD_BAND, BAND_RED)
    size = 32
    body.text("site", ellipsize(site_name, face("Bold", size), width, lang), size, MARGIN,
              round(CARD_BAND / 2 + (EM_TOP - EM_BOTTOM) * size / 2), WHITE, "Bold")
    for tsize in (46, 42, 38, 34):
        lines = balanced(title, face("Bold", tsize), width, max_lines=2)
        if len(lines) <= 2:
            break
    y = CARD_BAND + 28
    for line in lines[:2]:
        y += round(tsize * 1.25)
        body.text("title", line, tsize, MARGIN, y, weight="Bold")
    # the footer, from the bottom up: the page's address, the article the chart comes from (one or two lines)
    foot = CARD_H - 30
    body.text("address", ellipsize(address, face("Bold", 24), width, lang), 24, MARGIN, foot, BAND_RED, "Bold")
    said = wrap_text(source, face("Regular", 22), width)
    if len(said) > 2:
        said = [said[0], ellipsize((" " if writing(lang).spaced else "").join(said[1:]), face("Regular", 22),
                                   width, lang)]
    for n, line in enumerate(reversed(said)):
        body.text("source", line, 22, MARGIN, foot - 38 - n * 30, MUTED)
    rule = foot - 38 - (len(said) - 1) * 30 - 42
    body.rect("rule", MARGIN, rule, CARD_W - MARGIN, rule + 2, RULE)
    body.y0, body.y1 = y + 28, rule - 24
    draw(body, rows)
    return body.runs, body.shapes


@picture("bar")
def bars(body: Body, rows: list[dict]) -> None:
    """A bar per figure, as the page draws it: its label and value on a line, under them the bar on its track, its
    length the figure's against the largest of the chart (the row's width, in % of the track)."""
    pitch = min(110, body.height // len(rows))
    size = max(18, min(30, round(pitch * 0.3)))
    while size > 18 and any(body.length(r["display"], "Bold", size) + 24 + body.length(r["label"], "Regular", size)
                            > body.width for r in rows):
        size -= 1      # smaller before a label is cut short
    bar_h = max(8, min(24, round(pitch * 0.22)))
    top = body.y0 + (body.height - pitch * len(rows)) // 2   # a chart of few bars sits in the middle of its room
    for n, r in enumerate(rows):
        base = top + n * pitch + round(size * 1.05)
        value_w = body.length(r["display"], "Bold", size)
        body.text("label", ellipsize(r["label"], face("Regular", size), body.width - value_w - 24, body.lang), size,
                  body.x0, base, figure=r["id"])
        body.text("value", r["display"], size, body.x1 - value_w, base, r["colour"], "Bold", r["id"])
        y = base + round(size * 0.35)
        body.rect("track", body.x0, y, body.x1, y + bar_h, TRACK, r["id"])
        body.rect("bar", body.x0, y, body.x0 + round(body.width * r["width"] / 100), y + bar_h, r["colour"], r["id"])


@picture("parts")
def split_bar(body: Body, rows: list[dict]) -> None:
    """A total and its parts, as the page draws them: the total's label and value, one bar as long as the total
    split into its parts side by side (each its x and width in % of the total, a lighter shade each), and a legend
    of the parts with their values."""
    total, parts = rows[0], rows[1:]
    need = 44 + 18 + 56 + 28 + 44 * len(parts)
    k = min(1.0, body.height / need)
    size, big, bar_h, line = max(18, round(28 * k)), max(20, round(36 * k)), round(56 * k), round(44 * k)
    y = body.y0 + max(0, (body.height - round(need * k)) // 2)
    base = y + round(big * 0.9)
    room = body.width - body.length(total["display"], "Bold", big) - round(size * 0.6)   # a long label is cut short
    label = ellipsize(total["label"], face("Regular", size), room, body.lang)
    x = body.x0 + body.text("label", label, size, body.x0, base, figure=total["id"]) + round(size * 0.6)
    body.text("value", total["display"], big, x, base, INK, "Bold", total["id"])
    top = base + round(18 * k) + round(big * 0.2)
    body.rect("whole", body.x0, top, body.x1, top + bar_h, TRACK, total["id"])   # the total's length
    for r in parts:
        x0 = body.x0 + round(body.width * r["x"] / 100)
        x1 = body.x0 + round(body.width * (r["x"] + r["width"]) / 100)
        body.rect("segment", x0, top, x1, top + bar_h, tint(r["colour"], r["opacity"]), r["id"])
    y = top + bar_h + round(28 * k)
    for r in parts:
        sw = round(size * 0.8)
        body.rect("swatch", body.x0, y + (line - sw) // 2, body.x0 + sw, y + (line + sw) // 2,
                  tint(r["colour"], r["opacity"]), r["id"])
        base = y + line // 2 + round(size * 0.36)
        x = body.x0 + sw + round(size * 0.5)
        room = body.x1 - x - body.length(r["display"], "Bold", size) - round(size * 0.5)
        label = ellipsize(r["label"], face("Regular", size), room, body.lang)
        x += body.text("label", label, size, x, base, figure=r["id"]) + round(size * 0.5)
        body.text("value", r["display"], size, x, base, INK, "Bold", r["id"])
        y += line


NARROW = 720    # a body narrower than this (a share card's square) sets its marks as the page does on a phone
MIN_TILE = 240  # the narrowest tile: a figure with its qualifier ('more than 3,000') still fits on one line


@picture("icons")
def pictograms(body: Body, rows: list[dict]) -> None:
    """One icon of what the figure counts (a dot when its meaning names none) per thing counted, as the page draws
    them: each row its value and label, then its icons in one line (under them in a narrow body, as on a phone)."""
    if body.width < NARROW:
        return stacked_pictograms(body, rows)
    pitch = min(100, body.height // len(rows))
    size = max(18, min(30, round(pitch * 0.34)))
    gap = round(size * 0.4)
    heads = [body.length(r["display"], "Bold", size) + gap + body.length(r["label"], "Regular", size) for r in rows]
    while max(heads) > body.width // 2 and size > 18:   # the words take at most half the width
        size -= 1
        gap = round(size * 0.4)
        heads = [body.length(r["display"], "Bold", size) + gap + body.length(r["label"], "Regular", size)
                 for r in rows]
    col = min(max(heads), body.width // 2) + 32
    most = max(r["count"] for r in rows)
    icon = min(48, round(pitch * 0.62))
    while icon > 8 and most * icon + (most - 1) * max(4, round(icon / 4)) > body.width - col:
        icon -= 1
    step = icon + max(4, round(icon / 4))
    top = body.y0 + (body.height - pitch * len(rows)) // 2
    for n, r in enumerate(rows):
        middle = top + n * pitch + pitch // 2
        base = middle + round(size * 0.36)
        x = body.x0 + body.text("value", r["display"], size, body.x0, base, r["colour"], "Bold", r["id"]) + gap
        body.text("label", ellipsize(r["label"], face("Regular", size), body.x0 + col - 32 - x, body.lang), size, x,
                  base, figure=r["id"])
        for i in range(r["count"]):
            body.icon(r["icon_name"], body.x0 + col + i * step, middle - icon // 2, icon, r["colour"], r["id"])


def stacked_pictograms(body: Body, rows: list[dict]) -> None:
    """The icons of a narrow body: each row its value and label on a line, its icons on the line under it."""
    pitch = min(120, body.height // len(rows))
    size = max(18, min(26, round(pitch * 0.3)))
    most = max(r["count"] for r in rows)
    icon = min(36, round(pitch * 0.4))
    while icon > 8 and most * icon + (most - 1) * max(4, round(icon / 4)) > body.width:
        icon -= 1
    step = icon + max(4, round(icon / 4))
    top = body.y0 + (body.height - pitch * len(rows)) // 2
    for n, r in enumerate(rows):
        y = top + n * pitch
        base = y + round(size * 0.95)
        x = body.x0 + body.text("value", r["display"], size, body.x0, base, r["colour"], "Bold", r["id"])
        x += round(size * 0.4)
        body.text("label", ellipsize(r["label"], face("Regular", size), body.x1 - x, body.lang), size, x, base,
                  figure=r["id"])
        for i in range(r["count"]):
            body.icon(r["icon_name"], body.x0 + i * step, base + round(size * 0.45), icon, r["colour"], r["id"])


@picture("tiles")
def tiles(body: Body, rows: list[dict]) -> None:
    """Each figure a tile, as the page draws it: on a light ground edged in its star's colour, the icon of what it
    counts, the figure large (qualifier and unit small) and what it counts; as many a row as are at least MIN_TILE
    wide (two in a share card's square, as on a phone). A tile too low for all of it (many tiles in a card) keeps its
    figure."""
    gap = 24
    cols = len(rows) if len(rows) <= 4 else -(-len(rows) // 2)
    cols = max(1, min(cols, (body.width + gap) // (MIN_TILE + gap)))
    lines = -(-len(rows) // cols)
    w = (body.width - (cols - 1) * gap) // cols
    h = min(260, (body.height - (lines - 1) * gap) // lines)
    top = body.y0 + (body.height - lines * h - (lines - 1) * gap) // 2
    low = h < 100                             # no icon, the figure near the top, a label only where it fits
    pad = max(10, h // 8) if low else 24
    icon = 0 if low else max(24, min(40, round(h * 0.16)))
    big = max(18, min(40, round(h * 0.3))) if low else max(28, min(60, round(h * 0.24)))
    last = len(rows) - (lines - 1) * cols     # the tiles of the last row
    for n, r in enumerate(rows):
        x0, y0 = body.x0 + (n % cols) * (w + gap), top + (n // cols) * (h + gap)
        if body.width < NARROW and n >= len(rows) - last and last < cols:   # as on a phone: they fill their row
            w = (body.width - (last - 1) * gap) // last
            x0 = body.x0 + (n - (len(rows) - last)) * (w + gap)
        body.rect("tile", x0, y0, x0 + w, y0 + h, WASH, r["id"], radius=10)
        body.rect("edge", x0, y0, x0 + 6, y0 + h, r["colour"], r["id"])
        if r["icon_name"] and icon:      # as on the page: a figure whose meaning names no icon has none on its tile
            body.icon(r["icon_name"], x0 + pad, y0 + pad, icon, r["colour"], r["id"])
        base = y0 + pad + (round(big * 0.8) if low else icon + round(h * 0.26))
        body.figure(r, big, x0 + pad, base, INK, w - 2 * pad)
        tile_label(body, r, x0 + pad, base, w - 2 * pad, y0 + h - 10, max(18, min(24, round(h * 0.1))))


def tile_label(body: Body, r: dict, x: int, base: int, width: int, floor: int, size: int) -> None:
    """What a tile's figure counts, under it: as many lines (up to three) as reach no lower than floor, the last cut
    short."""
    pitch = round(size * 1.3)
    keep = min(3, (floor - base - round(size * 0.6)) // pitch)
    said = wrap_text(r["label"], face("Regular", size), width) if keep > 0 else []
    if len(said) > keep:
        said = said[:keep - 1] + [ellipsize((" " if writing(body.lang).spaced else "").join(said[keep - 1:]),
                                            face("Regular", size), width, body.lang)]
    for i, line in enumerate(said):
        body.text("label", line, size, x, base + round(size * 0.6) + (i + 1) * pitch, MUTED, figure=r["id"])


def card_glyph_problems(runs: list[Run]) -> list[str]:
    """Texts of the picture with characters the font cannot draw."""
    return texts_missing([(r.text, r.weight) for r in runs], "the chart card's")


def chart_png(laid: tuple[list[Run], list[Shape]], icons: dict[str, str], checked: bool = False) -> bytes:
    """The picture as PNG (deterministic); its texts checked for tofu unless the caller did (checked)."""
    runs, shapes = laid
    problems = [] if checked else card_glyph_problems(runs)
    if problems:
        raise DrawError("; ".join(problems))
    return png_bytes(paint(runs, shapes, (CARD_W, CARD_H), icons))


def chart_svg(laid: tuple[list[Run], list[Shape]], title: str, icons: dict[str, str], lang: str) -> str:
    """The same picture as a standalone SVG: the same runs and shapes, its texts as text (searchable, copyable,
    scalable), every mark with its role and figure (class, data-figure)."""
    runs, shapes = laid
    return svg_document(runs, shapes, (CARD_W, CARD_H), title, icons, writing(lang).spaced)
