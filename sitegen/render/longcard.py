"""The 一图读懂 page's 1200x630 link preview (``explainer_card``): the long image in small, from the same model
(render/explainer.py), on the frame every card shares and inside the centred 630x630 square a messenger's thumbnail
shows (render/cards.py) — the badge and the site's name on the band, the place and the report's title, then each
star's emblem and headline figure (five figures in the stars' colours say more in a chat than the title and one
figure, as on the home page's card); a report without stars shows its headline figure, as the long image leads
with it.
"""
from __future__ import annotations

from .cards import COL_W, FLOOR, band, card_png, centred, figure_runs, layout_home_card, lines_at, settle, text_block
from .draw.canvas import CARD_BAND, CARD_W, Run, Shape
from .draw.fonts import DIGIT_TOP, face
from .draw.palette import BAND_RED, INK, MUTED
from .draw.text import wrap_text
from .share import frame


def card_stars(model: dict) -> list[dict]:
    """Each star of the model as the home card sets it: emblem, colour, name and its headline figure's pieces."""
    out = []
    for g in model["groups"]:
        if g["kind"] == "star":
            h = g["headline"]
            out.append({"id": h["id"], "icon": g["icon"], "colour": g["colour"], "name": g["name"],
                        "label": h["label"], "before": h["before"], "number": h["number"], "rest": h["rest"]})
    return out


def card_layout(model: dict) -> tuple[list[Run], list[Shape]]:
    """The card's text runs and shapes."""
    site = f"{model['badge']} · {model['site_name']}"
    stars = card_stars(model)
    if stars:
        return layout_home_card(site_name=site, place=model["place"], title=model["title"], stars=stars,
                                lang=model["lang"])
    return headline_card(site, model)


def headline_card(site: str, model: dict) -> tuple[list[Run], list[Shape]]:
    """A report without stars: the place, the title, and its headline figure large with what it counts."""
    lang, head = model["lang"], model["headline"]
    runs, shapes = band(site, lang), frame(BAND_RED, "")
    y = CARD_BAND + 20
    if model["place"]:
        runs.append(centred("kicker", model["place"], "Bold", 24, y + 22, BAND_RED))
        y += 38
    lines, size = lines_at(model["title"], "Bold", range(48, 29, -2), COL_W, lang, 2 if head else 3)
    block, y = text_block("title", lines, "Bold", size, y, INK, lang)
    runs += block
    if head:
        shapes.append(Shape("rect", (CARD_W // 2 - 36, y + 16, CARD_W // 2 + 36, y + 20), BAND_RED, role="rule"))
        base = y + 44 + round(DIGIT_TOP * 80)
        runs += figure_runs(head, CARD_W // 2, base, COL_W, 80, BAND_RED, lang)
        for n, line in enumerate(wrap_text(head["label"], face("Regular", 24), COL_W)[:2]):
            runs.append(centred("label", line, "Regular", 24, base + 40 + n * 30, MUTED, head["id"]))
    return settle(runs, shapes, bottom=FLOOR)


def explainer_card(model: dict, icons: dict[str, str], checked: bool = False) -> bytes:
    """The explainer page's share card as PNG (deterministic)."""
    return card_png(card_layout(model), icons, checked)
