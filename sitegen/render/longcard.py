"""The 一图读懂 page's 1200x630 link preview (``explainer_card``; the home page's is the same with the site's name
in the badge): the long image in small, from the same model (render/explainer.py) — the badge and the title on
red and white, then each star's icon and headline figure in a row (decided from the screenshots: five figures in
the stars' colours say more in a chat than the title and one figure); a report without stars shows its headline
figure, as the long image leads with it.
"""
from __future__ import annotations

from ..numbers import writing
from .draw.canvas import CARD_BAND, CARD_H, CARD_W, Run, Shape
from .draw.palette import BAND_RED
from .draw.text import balanced, ellipsize, space_lines, wrap_text
from .longflow import GOLD, INK, PAPER, Flow
from .longimage import painted

W, H = CARD_W, CARD_H


def card_layout(model: dict) -> tuple[list[Run], list[Shape]]:
    """The card's text runs and shapes."""
    flow = Flow(model["lang"])
    runs, shapes = flow.runs, flow.shapes
    # as every share card of the site: a red band (here with the badge and the place), the title in ink on white
    shapes.append(Shape("rect", (0, 0, W, CARD_BAND), BAND_RED))
    badge_w = round(flow.width(model["badge"], "Bold", 30)) + 48
    shapes.append(Shape("rect", (60, 24, 60 + badge_w, 80), GOLD, 28))
    runs.append(Run("badge", model["badge"], "Bold", 30, 84, 63, INK))
    runs.append(Run("place", ellipsize(model["place"], flow.font("Regular", 28), W - 120 - badge_w - 24,
                                        model["lang"]), "Regular", 28, 84 + badge_w, 62, PAPER))
    stars = [g for g in model["groups"] if g["kind"] == "star"]
    below = stars or model["headline"]
    title(flow, model, 330 if below else H - 12)
    if below:
        shapes.append(Shape("rect", (60, 330, W - 60, 332), "#e4e0dc"))
    if stars:
        star_row(flow, stars)
    elif model["headline"]:
        headline(flow, model["headline"])
    shapes.append(Shape("rect", (0, H - 12, W, H), BAND_RED))
    return runs, shapes


def title(flow: Flow, model: dict, bottom: int) -> None:
    """The report's title in up to two lines, centred between the band and `bottom`."""
    pieces = model["title"].split(" ") if writing(model["lang"]).headline_spaces else []
    for size in (60, 54, 48, 42):
        font = flow.font("Bold", size)
        fits = len(pieces) > 1 and all(font.getlength(p) <= W - 120 for p in pieces)
        lines = space_lines(pieces, font, W - 120) if fits else balanced(model["title"], font, W - 120, max_lines=2)
        if len(lines) <= 2:
            break
    lines = lines[:2]
    pitch = round(size * 1.3)
    y = CARD_BAND + (bottom - CARD_BAND - pitch * len(lines)) // 2
    for line in lines:
        y += pitch
        flow.runs.append(Run("title", ellipsize(line, flow.font("Bold", size), W - 120, model["lang"]), "Bold", size,
                             60, y - round(size * 0.25), INK))


def star_row(flow: Flow, stars: list) -> None:
    """Each star's icon on a disc of its colour, its headline figure and what it counts, in a row."""
    col = (W - 120) // len(stars)
    spaced = writing(flow.lang).spaced  # the unit on a line of its own under the number
    for n, s in enumerate(stars):
        cx = 60 + n * col + col // 2
        flow.shapes.append(Shape("rect", (cx - 36, 356, cx + 36, 428), s["colour"], 36))
        flow.shapes.append(Shape("icon", (cx - 24, 368, cx + 24, 416), PAPER, name=s["icon"]))
        f = s["headline"]
        # the qualifier always stays with the number ("more than 3,000", 3000余份); in English the unit goes on a
        # line of its own
        text = f"{f['before']}{f['number']}{f['rest']}" if not spaced else \
            " ".join(x for x in (f["before"], f["number"]) if x)
        for size in (50, 44, 38, 32, 28):
            if flow.width(text, "Bold", size) <= col - 16:
                break
        y = 478 if spaced else 488
        flow.runs.append(Run("figure", text, "Bold", size, cx - round(flow.width(text, "Bold", size)) // 2, y,
                             s["colour"], f["id"], "whole"))
        if spaced and f["rest"]:
            unit = ellipsize(f["rest"], flow.font("Bold", 22), col - 12, flow.lang)
            flow.runs.append(Run("unit", unit, "Bold", 22, cx - round(flow.width(unit, "Bold", 22)) // 2, y + 30,
                                 s["colour"]))
        label_lines(flow, f["label"], cx, col, spaced)


def label_lines(flow: Flow, label: str, cx: int, col: int, spaced: bool) -> None:
    """What a star's figure counts (the star is told by its icon and colour), centred under it, cut short."""
    size = 22 if spaced else 24
    font = flow.font("Regular", size)
    names = wrap_text(label, font, col - 12)
    keep = 3 if spaced else 2
    if len(names) > keep:
        rest = (" " if spaced else "").join(names[keep - 1:])
        names = names[:keep - 1] + [ellipsize(rest, font, col - 12, flow.lang)]
    y = 546 if spaced else 540
    for name in names:
        flow.runs.append(Run("star", name, "Regular", size, cx - round(flow.width(name, "Regular", size)) // 2, y,
                             INK))
        y += 28


def headline(flow: Flow, f: dict) -> None:
    """A report without stars: its headline figure, centred, with what it counts."""
    flow.y = 360
    flow.figure(f, 96, 60, W - 120, BAND_RED, centre=True)
    label = ellipsize(f["label"], flow.font("Regular", 30), W - 120, flow.lang)
    flow.text(label, "label", 30, x=60, width=W - 120, centre=True)


def explainer_card(model: dict, icons: dict[str, str], checked: bool = False) -> bytes:
    """The explainer page's share card as PNG (deterministic)."""
    runs, shapes = card_layout(model)
    return painted(runs, shapes, (CARD_W, CARD_H), icons, checked)
