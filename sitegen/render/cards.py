"""The share cards drawn on the canvas besides a page's own (render/share.py): a chart page's, the home page's and the
site root's. Each keeps what it says inside the centred 630x630 square that a messenger's square thumbnail shows
(x 285 to 915), on the frame every card shares (share.frame: outside the square only colour, a faint emblem, the
band and the strip):

- a chart page's card (``layout_chart_card``): the star's emblem and name (or the page's name), the chart's title and
  the chart itself, drawn by its kind's picture drawing (render/chartcard.py: PICTURES) from the same rows as the
  page, in the square's column — every value on it. The chart's picture download (chart.png, chart.svg) keeps the
  whole width for the chart (render/chartcard.py: layout_chart).
- the home page's (``layout_home_card``): the place, the report's title, and each star's emblem and headline figure
  in a grid of at most three a row.
- the root page's (``layout_root_card``): bilingual — both site names on the band, the stars' emblems, the title in
  each language and the report's headline figure as each language writes it, side by side.

Each returns its text runs and shapes (what the PNG paints, what the tests read back); ``card_png`` paints them.
Deterministic: the same spec gives the same bytes.
"""
from __future__ import annotations

from dataclasses import replace

from ..numbers import writing
from .chartcard import PICTURES, Body
from .draw import DrawError
from .draw.canvas import CARD_BAND, CARD_H, CARD_W, SQUARE_X0, SQUARE_X1, Run, Shape, paint, png_bytes
from .draw.fonts import DIGIT_TOP, EM_BOTTOM, EM_TOP, face, texts_missing
from .draw.palette import BAND_RED, INK, MUTED, RULE, WHITE
from .draw.text import balanced, ellipsize, fit, line_width, space_lines, text_length, wrap_text
from .share import DECORATION, STRIP_H, emblem, frame

COL_X0, COL_X1 = SQUARE_X0 + 36, SQUARE_X1 - 36   # the column everything is set in: 321 .. 879
COL_W = COL_X1 - COL_X0
CENTRE = CARD_W // 2
FLOOR = CARD_H - STRIP_H - 18                       # the lowest ink of a card, above the strip


def length(text: str, weight: str, size: int) -> float:
    return text_length(face(weight, size), text)


def centred(role: str, text: str, weight: str, size: int, base: int, fill: str, figure: str = "",
            part: str = "", centre: int = CENTRE) -> Run:
    """A line of text centred on centre (the card's middle), its baseline at base."""
    return Run(role, text, weight, size, centre - round(length(text, weight, size) / 2), base, fill, figure, part)


def lines_at(text: str, weight: str, sizes, width: int, lang: str, max_lines: int) -> tuple[list[str], int]:
    """The text in at most max_lines lines of width at the largest of sizes — a headline of a language that pauses
    at its spaces (Chinese) broken there when its pieces fit, as the long image breaks it; else balanced —; at the
    smallest, the last line cut short with the language's ellipsis."""
    sizes = list(sizes)
    pieces = text.split(" ") if writing(lang).headline_spaces else []
    for size in sizes if len(pieces) > 1 else ():    # at its pauses, at the largest size at which they fit
        font = face(weight, size)
        if all(line_width(font, piece) <= width for piece in pieces):
            lines = space_lines(pieces, font, width)
            if len(lines) <= max_lines:
                return lines, size
    for size in sizes:
        lines = balanced(text, face(weight, size), width, max_lines)
        if len(lines) <= max_lines:
            return lines, size
    lines = wrap_text(text, face(weight, size), width)
    rest = (" " if writing(lang).spaced else "").join(lines[max_lines - 1:])
    return lines[:max_lines - 1] + [ellipsize(rest, face(weight, size), width, lang)], size


def text_block(role: str, lines: list[str], weight: str, size: int, top: int, fill: str, lang: str,
               centre: int = CENTRE) -> tuple[list[Run], int]:
    """Centred lines from top down (top: the top of the first line's em box); the runs and the bottom of the last."""
    pitch = round(size * writing(lang).card_pitch)
    runs = [centred(role, line, weight, size, top + round(EM_TOP * size) + n * pitch, fill, centre=centre)
            for n, line in enumerate(lines)]
    return runs, top + size + (len(lines) - 1) * pitch


def band(site_name: str, lang: str) -> list[Run]:
    """The site's name on the band, centred inside the square."""
    text, size = fit(site_name, lambda s: face("Bold", s), range(30, 21, -1), COL_W, lang)
    return [centred("site", text, "Bold", size, round(CARD_BAND / 2 + (EM_TOP - EM_BOTTOM) * size / 2), WHITE)] \
        if text else []


def settle(runs: list[Run], shapes: list[Shape], top: int = CARD_BAND + 16, bottom: int = FLOOR
           ) -> tuple[list[Run], list[Shape]]:
    """The content (every run but the band's, every shape but the frame's) moved down to the middle of the room
    from top to bottom, as a whole."""
    moving = [r for r in runs if r.role != "site"]
    boxes = [(r.y - round(EM_TOP * r.size), r.y + round(EM_BOTTOM * r.size)) for r in moving]
    boxes += [(s.box[1], s.box[3]) for s in shapes if s.role not in DECORATION]
    if not boxes:
        return runs, shapes
    dy = max(0, (top + bottom - min(b[0] for b in boxes) - max(b[1] for b in boxes)) // 2)
    return ([r if r.role == "site" else replace(r, y=r.y + dy) for r in runs],
            [s if s.role in DECORATION else replace(s, box=(s.box[0], s.box[1] + dy, s.box[2], s.box[3] + dy))
             for s in shapes])


# ------------------------------------------------------------------------------------------------ a chart page's

def layout_chart_card(*, site_name: str, title: str, rows: list[dict], lang: str, picture: str, accent: str,
                      emblem_icon: str = "", kicker: str = "", **_) -> tuple[list[Run], list[Shape]]:
    """A chart page's card: the band, the emblem and the star's name (or the page's), the title (at most three
    lines), then the chart as its kind draws it, from the same rows as the page, in the square's column."""
    if not rows:
        raise DrawError("chart card: the chart has no figures")
    draw = PICTURES.get(picture)
    if draw is None:
        raise DrawError(f"chart card: no picture drawing {picture!r}")
    runs, shapes = band(site_name, lang), frame(accent, emblem_icon)
    y = CARD_BAND + 16
    if kicker:   # the emblem and the name it stands for, centred together on one line
        disc, size = (44, 24) if emblem_icon else (0, 24)
        text = ellipsize(kicker, face("Bold", size), COL_W - disc - 12, lang)
        width = disc + (12 if disc else 0) + round(length(text, "Bold", size))
        x = CENTRE - width // 2
        if disc:
            shapes += emblem((x, y, x + disc, y + disc), emblem_icon, accent)
        base = y + (disc or size) // 2 + round((EM_TOP - EM_BOTTOM) * size / 2)
        runs.append(Run("kicker", text, "Bold", size, x + disc + (12 if disc else 0), base, accent))
        y += (disc or size) + 14
    lines, size = lines_at(title, "Bold", range(40, 25, -2), COL_W, lang, 3)
    title_runs, y = text_block("title", lines, "Bold", size, y, INK, lang)
    body = Body(COL_X0, y + 18, COL_X1, FLOOR, lang)
    draw(body, rows)
    return runs + title_runs + body.runs, shapes + body.shapes


# ------------------------------------------------------------------------------------------------ the home page's

DISC = 48          # a star's emblem on the home card
LABEL = 18         # what a star's figure counts, under it


def label_lines(star: dict, width: int, lang: str) -> list[str]:
    """What a star's figure counts, in at most two lines (three in a language of words), the last cut short."""
    keep = 3 if writing(lang).spaced else 2
    names = wrap_text(star["label"], face("Regular", LABEL), width)
    if len(names) > keep:
        rest = (" " if writing(lang).spaced else "").join(names[keep - 1:])
        names = names[:keep - 1] + [ellipsize(rest, face("Regular", LABEL), width, lang)]
    return names


def star_cell(star: dict, cx: int, top: int, width: int, lang: str, size: int) -> tuple[list[Run], list[Shape]]:
    """One star on the home card: its emblem, its headline figure (the number large, qualifier and unit small, on
    one baseline; shrunk to the cell), what it counts."""
    shapes = emblem((cx - DISC // 2, top, cx + DISC // 2, top + DISC), star["icon"], star["colour"], star["id"])
    base = top + DISC + 8 + round(DIGIT_TOP * size)
    runs = figure_runs(star, cx, base, width - 24, size, star["colour"], lang)
    for n, name in enumerate(label_lines(star, width - 12, lang)):
        runs.append(centred("label", name, "Regular", LABEL, base + 28 + n * 22, MUTED, star["id"], centre=cx))
    return runs, shapes


def figure_runs(f: dict, cx: int, base: int, width: int, size: int, fill: str, lang: str) -> list[Run]:
    """A figure as a tile sets it — qualifier small, number large, unit small — centred on cx, shrunk to width."""
    sep = " " if writing(lang).spaced else ""
    for big in range(size, 17, -2):
        small = max(16, round(big * 0.5))
        pieces = [(p, f[p], big if p == "number" else small) for p in ("before", "number", "rest") if f[p]]
        gaps = length(sep, "Bold", big) * (len(pieces) - 1)
        total = sum(length(t, "Bold", s) for _, t, s in pieces) + gaps
        if total <= width:
            break
    x, runs = cx - total / 2, []
    for part, text, s in pieces:
        runs.append(Run("value", text, "Bold", s, round(x), base, fill, f["id"], part))
        x += length(text, "Bold", s) + length(sep, "Bold", big)
    return runs


def per_row(n: int) -> int:
    """Stars a row of the home card holds: three (five as three and two), four as two and two."""
    return 1 if n == 1 else 2 if n in (2, 4) else 3


def grid_rows(stars: list[dict], lang: str) -> list[tuple[list[dict], int]]:
    """The rows of stars and the height each needs (its emblems, figures and the longest label)."""
    per = per_row(len(stars))
    width = COL_W // per
    rows = []
    for n in range(0, len(stars), per):
        row = stars[n:n + per]
        most = max(len(label_lines(s, width - 12, lang)) for s in row)
        rows.append((row, DISC + 8 + 27 + 28 + 22 * (most - 1) + 8))
    return rows


def stars_grid(stars: list[dict], top: int, lang: str) -> tuple[list[Run], list[Shape]]:
    """The stars in rows of at most three, each row centred in the column, 16 px between rows."""
    width = COL_W // per_row(len(stars))
    runs, shapes = [], []
    for row, height in grid_rows(stars, lang):
        x0 = CENTRE - width * len(row) // 2
        for i, s in enumerate(row):
            r, sh = star_cell(s, x0 + i * width + width // 2, top, width, lang, 36)
            runs += r
            shapes += sh
        top += height + 16
    return runs, shapes


def layout_home_card(*, site_name: str, place: str, title: str, stars: list[dict], lang: str, **_
                     ) -> tuple[list[Run], list[Shape]]:
    """The home page's card: the place (where the title keeps at least 40 px without it: the band names the site),
    the report's title (at most two lines), and each star's emblem and headline figure — five figures in the stars'
    colours say more in a preview than the title and one figure."""
    if not stars:
        raise DrawError("home card: the report has no stars (its home page gets a page card)")
    runs, shapes = band(site_name, lang), frame(BAND_RED, "")
    pitch = writing(lang).card_pitch
    grid = sum(h + 16 for _, h in grid_rows(stars, lang))
    kicker = fit(place, lambda s: face("Bold", s), range(24, 19, -1), COL_W, lang) if place else ("", 0)
    y = CARD_BAND + 20
    if kicker[0] and (FLOOR - grid - 34 - y - kicker[1] - 14) >= 40 + round(40 * pitch):
        runs.append(centred("kicker", kicker[0], "Bold", kicker[1], y + round(EM_TOP * kicker[1]), BAND_RED))
        y += kicker[1] + 14
    room = FLOOR - grid - 34 - y      # what the grid leaves to the title
    sizes = [s for s in range(48, 27, -2) if s + round(s * pitch) <= room] or [28]
    lines, size = lines_at(title, "Bold", sizes, COL_W, lang, 2)
    title_runs, bottom = text_block("title", lines, "Bold", size, y, INK, lang)
    shapes.append(Shape("rect", (CENTRE - 36, bottom + 16, CENTRE + 36, bottom + 20), BAND_RED, role="rule"))
    cells = stars_grid(stars, bottom + 34, lang)
    return settle(runs + title_runs + cells[0], shapes + cells[1])


# ------------------------------------------------------------------------------------------------ the root page's

def layout_root_card(*, languages: list[dict], stars: list[dict], **_) -> tuple[list[Run], list[Shape]]:
    """The site root's card, in every language of the report: both site names on the band; the stars' emblems (the
    site's star when it has none); the report's title in each language; its headline figure as each language writes
    it, side by side with what it counts."""
    runs, shapes = [], frame(BAND_RED, "star")
    for n, lang in enumerate(languages[:2]):   # the band: a line per language
        size = 28 if n == 0 else 20
        text, size = fit(lang["site_name"], lambda s: face("Bold", s), range(size, size - 6, -1), COL_W,
                         lang["lang"])
        runs.append(centred("site", text, "Bold", size, (38 if len(languages) > 1 else 54) + n * 30, WHITE))
    y = CARD_BAND + 20
    heads = [lang for lang in languages if lang.get("headline")]
    marks = stars or [{"id": "", "icon": "star", "colour": BAND_RED}]
    disc, gap = (52, 16) if heads else (60, 18)     # without a figure, the emblems and titles take its room
    x = CENTRE - (len(marks) * disc + (len(marks) - 1) * gap) // 2
    for s in marks:
        shapes += emblem((x, y, x + disc, y + disc), s["icon"], s["colour"], s["id"])
        x += disc + gap
    y += disc + 22
    for n, lang in enumerate(languages):
        sizes = range(46 if heads else 56, 29, -2) if n == 0 else range(32 if heads else 38, 21, -2)
        lines, size = lines_at(lang["title"], "Bold", sizes, COL_W, lang["lang"], 2)
        block, y = text_block("title", lines, "Bold", size, y, INK if n == 0 else MUTED, lang["lang"])
        runs += block
        y += 16
    if heads:
        shapes.append(Shape("rect", (COL_X0, y + 2, COL_X1, y + 4), RULE, role="rule"))
        width = COL_W // len(heads)
        top = y + 24
        for n, lang in enumerate(heads):
            cx = COL_X0 + n * width + width // 2
            f = lang["headline"]
            base = top + round(DIGIT_TOP * 64)
            runs += figure_runs(f, cx, base, width - 20, 64, BAND_RED, lang["lang"])
            names = wrap_text(f["label"], face("Regular", 22), width - 20)[:2]
            runs += [centred("label", name, "Regular", 22, base + 36 + i * 28, MUTED, f["id"], centre=cx)
                     for i, name in enumerate(names)]
        if len(heads) > 1:
            shapes.append(Shape("rect", (COL_X0 + width - 1, top, COL_X0 + width + 1, top + 104), RULE, role="rule"))
    return settle(runs, shapes)


# ------------------------------------------------------------------------------------------------ painting

def card_glyph_problems(runs: list[Run]) -> list[str]:
    """Texts of a card with characters the font cannot draw."""
    return texts_missing([(r.text, r.weight) for r in runs], "the share card's")


def card_png(laid: tuple[list[Run], list[Shape]], icons: dict[str, str], checked: bool = False) -> bytes:
    """A card as PNG (deterministic); its texts checked for tofu unless the caller did (checked)."""
    runs, shapes = laid
    problems = [] if checked else card_glyph_problems(runs)
    if problems:
        raise DrawError("; ".join(problems))
    return png_bytes(paint(runs, shapes, (CARD_W, CARD_H), icons))
