"""The long image's measure and type scale, and the Flow it is laid out with: a cursor going down the image that
sets wrapped text, figures (qualifier, number and unit on one baseline), section headings and pictograms as text
runs and shapes (render/draw/canvas.py), and remembers where each section begins.

Width and type scale. The image is 1080 px wide: the width in device pixels of most phones' screens (1080 to 1290
px at 360 to 430 CSS px), so WeChat's full-screen viewer shows it at about 1:1, never blurred by upscaling (a
750-px image, the width of many government 一图读懂, is enlarged 1.4 to 1.7 times there). Shown 390 CSS px wide —
full screen, or edge to edge on its page — one pixel of it is 390/1080 = 0.36 CSS px, so no text is smaller than
36 px (13 CSS px; 12 CSS px down to a 360-px-wide display) and the body is 40 px (14.4 CSS px). Numbers are set
far larger than their words: a group's headline 116 px, the report's own 168 px.
"""
from __future__ import annotations

from ..numbers import writing
from .draw.canvas import Run, Shape
from .draw.fonts import face
from .draw.palette import BAND_RED, INK, WHITE
from .draw.text import balanced, line_width, space_lines, text_length, wrap_text

WIDTH = 1080
MARGIN = 60
INNER = WIDTH - 2 * MARGIN
PAD = 40                  # inside a card
RED = BAND_RED
GOLD = "#ffd54a"          # the badge, and the figures on the red head: 4.8:1 on its red
MUTED = "#4d4d4d"         # 8.6:1 on white, 7.9:1 on the tint
PAPER = WHITE
TINT = "#f4f0eb"           # a card's ground: apart from white after the 256-colour quantization
HAIR = "#e4e0dc"
SIZES = {"title": 76, "kicker": 38, "badge": 36, "h2": 52, "star": 50, "body": 40, "label": 38, "small": 36,
         "hero": 168, "big": 116, "num": 72, "step": 56}
MIN_SIZE = SIZES["small"]   # 13 CSS px at 390 (tests/test_explainer.py measures it on the page too)
ICONS_PER_ROW = 10          # pictograms in rows of ten, a gap after every five: counted at a glance


class Flow:
    """A top-to-bottom layout: a cursor y, text runs and shapes, and the sections by where they begin."""

    def __init__(self, lang: str):
        self.lang = lang
        self.y = 0
        self.runs: list[Run] = []
        self.shapes: list[Shape] = []
        self.sections: list[dict] = []
        self.pitch = writing(lang).image_pitch
        self.sep = " " if writing(lang).spaced else ""

    def font(self, weight: str, size: int):
        return face(weight, size)

    def width(self, text: str, weight: str, size: int) -> float:
        return line_width(self.font(weight, size), text)

    def section(self, name: str) -> None:
        """A section begins at the cursor (longimage.json lists them, with where each ends)."""
        self.sections.append({"id": name, "top": self.y})

    def text(self, text: str, role: str, size: int, x: int = MARGIN, width: int = INNER, weight: str = "Regular",
             fill: str = INK, gap_after: int = 0, centre: bool = False, figure: str = "") -> list[Run]:
        """Wrapped text from the cursor down; the cursor ends under its last line. Returns its runs."""
        font = self.font(weight, size)
        if role == "title":   # a headline breaks at its spaces when the pieces fit, else evenly
            pieces = text.split(" ") if writing(self.lang).headline_spaces else []
            fits = len(pieces) > 1 and all(text_length(font, p) <= width for p in pieces)
            lines = space_lines(pieces, font, width) if fits else balanced(text, font, width)
        else:
            lines = wrap_text(text, font, width)
        out = []
        for line in lines:
            self.y += round(size * self.pitch)
            lx = x + round((width - text_length(font, line)) / 2) if centre else x
            out.append(Run(role, line, weight, size, lx, self.y - round(size * (self.pitch - 1) / 2)
                           - round(size * 0.12), fill, figure))
        self.runs += out
        self.y += gap_after
        return out

    def figure(self, f: dict, big: int, x: int, width: int, fill: str, centre: bool = False) -> int:
        """A figure on one baseline — qualifier, number large, unit — shrunk (down to 0.6 of big) to fit width;
        returns its width."""
        for size in range(big, round(big * 0.6) - 1, -2):
            small = max(MIN_SIZE, round(size * 0.42))
            gap = round(small * 0.3) if self.sep else 0
            pieces = [("before", f["before"], small), ("number", f["number"], size), ("rest", f["rest"], small)]
            total = sum(self.width(p, "Bold", s) + gap for _, p, s in pieces if p) - gap
            if total <= width:
                break
        self.y += round(size * 0.92)
        cx = x + round((width - total) / 2) if centre else x
        for part, piece, s in pieces:
            if piece:
                self.runs.append(Run("figure", piece, "Bold", s, round(cx), self.y, fill, f["id"], part))
                cx += round(text_length(self.font("Bold", s), piece)) + gap
        self.y += round(size * 0.2)
        return round(total)

    def figure_line(self, f: dict, size: int, x: int, width: int, fill: str, label_fill: str) -> None:
        """A figure with its label on the same baseline after it when the label fits there on one line, else
        the label under it."""
        top = self.y
        used = self.figure(f, size, x, width, fill)
        lx = x + used + 20
        if self.width(f["label"], "Regular", SIZES["label"]) <= x + width - lx:
            self.runs.append(Run("label", f["label"], "Regular", SIZES["label"], lx,
                                 self.runs[-1].y if self.runs else top, label_fill))
        else:
            self.text(f["label"], "label", SIZES["label"], x=x, width=width, fill=label_fill)

    def heading(self, text: str, colour: str = RED, gap_after: int = 32) -> None:
        """A section's heading: bold white on a tab of colour as wide as its text (the whole width if it wraps)."""
        size, pad = SIZES["h2"], 32
        top = self.y
        self.y += 14
        runs = self.text(text, "h2", size, x=MARGIN + pad, width=INNER - 2 * pad, weight="Bold", fill=PAPER)
        self.y += 22
        wide = max(self.width(r.text, "Bold", size) for r in runs)
        self.shapes.append(Shape("rect", (MARGIN, top, MARGIN + round(wide) + 2 * pad, self.y), colour, 14,
                                 role="heading"))
        self.y += gap_after

    def pictograms(self, f: dict, icon: str, colour: str, x: int, width: int) -> None:
        """A small exact count drawn as that many icons of what it counts (a dot when its meaning names none), each a
        shape of the figure: longimage.json lists them, so a test counts them against the figure."""
        slot = min(76, (width - 24) // ICONS_PER_ROW)
        size = round(slot * 0.8)
        for i in range(f["count"]):
            row, col = divmod(i, ICONS_PER_ROW)
            ix = x + col * slot + (24 if col >= ICONS_PER_ROW // 2 else 0)
            iy = self.y + row * slot
            if icon:
                self.shapes.append(Shape("icon", (ix, iy, ix + size, iy + size), colour, name=icon, role="pictogram",
                                         figure=f["id"]))
            else:
                d = round(size * 0.7)
                o = (size - d) // 2
                self.shapes.append(Shape("dot", (ix + o, iy + o, ix + o + d, iy + o + d), colour, role="pictogram",
                                         figure=f["id"]))
        rows = -(-f["count"] // ICONS_PER_ROW)
        self.y += rows * slot - (slot - size)

    def ground(self, box: tuple, fill: str, radius: int = 0, at: int | None = None) -> None:
        """A background (a band, a card's tint), under what was set on it when `at` is where that began."""
        shape = Shape("rect", box, fill, radius, role="ground")
        if at is None:
            self.shapes.append(shape)
        else:
            self.shapes.insert(at, shape)
