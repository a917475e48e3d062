"""The 一图读懂 as a picture: the long image (``long_image``, 1080 px wide, no text under 36 px: render/longflow.py
says why) and its machine-readable twin (``runs_json``, longimage.json: every text run, every mark with its figure
and where each section begins, which tests read back), from the model of render/explainer.py. ``layout`` places
every text run and shape, section by section in the model's order; render/draw/ paints them (deterministic bytes).
Its 1200x630 share card is render/longcard.py.

The sections: the head on red (badge, place, title) holding the main results (the report's headline figure large
in gold, the opening's results under it); the approach as a sequence of numbered steps joined by arrows; a card per
star (or focus area) with its finding, its headline, its small counts as pictograms and a few more figures; each
stated part-to-whole as a split bar; the sums of money to one scale (the site's own sum small and marked); the
targets apart, in a box; and at the end the issuer, source, date, credits and the QR code.
"""
from __future__ import annotations

import json
from dataclasses import asdict

from .draw import DrawError
from .draw.canvas import Run, Shape, paint, png_bytes
from .draw.fonts import texts_missing
from .draw.palette import tint
from .draw.text import wrap_text
from .longflow import GOLD, HAIR, INK, INNER, MARGIN, MUTED, PAD, PAPER, RED, SIZES, TINT, WIDTH, Flow

_LAID: dict[str, tuple] = {}   # layouts already made in this process, by model: the build's check, the image and
                               # its runs list share one


def layout(model: dict) -> tuple[list[Run], list[Shape], int, list[dict]]:
    """Every text run and shape of the long image, its height and its sections (made once per model and process)."""
    key = json.dumps(model, sort_keys=True, ensure_ascii=False, default=str)
    if key not in _LAID:
        _LAID[key] = make_layout(model)
    return _LAID[key]


def make_layout(model: dict) -> tuple[list[Run], list[Shape], int, list[dict]]:
    """Every text run and shape of the long image, its height and its sections, in the model's order."""
    flow = Flow(model["lang"])
    head(flow, model)
    if model["approach"]:
        approach(flow, model["approach"])
    if model["groups"]:
        flow.section("groups")
        flow.heading(model["groups_title"])
        for n, group in enumerate(model["groups"], start=1):
            group_card(flow, group, n)
    for rel in model["relations"]:
        relation(flow, rel)
    if model["money"]["figures"] or model["money"]["derived"]:
        money(flow, model["money"], model["t"])
    if model["targets"]:
        targets(flow, model["targets"], model["t"])
    footer(flow, model)
    ends = [s["top"] for s in flow.sections[1:]] + [flow.y]
    sections = [{**s, "bottom": end} for s, end in zip(flow.sections, ends, strict=True)]
    return flow.runs, flow.shapes, flow.y, sections


def head(flow: Flow, model: dict) -> None:
    """The red head: the badge (一图读懂), the place, the title and subtitle; then the main results on it."""
    flow.section("head")
    flow.y = 56
    badge_w = round(flow.width(model["badge"], "Bold", SIZES["badge"])) + 56
    flow.shapes.append(Shape("rect", (MARGIN, flow.y, MARGIN + badge_w, flow.y + 64), GOLD, 32))
    flow.runs.append(Run("badge", model["badge"], "Bold", SIZES["badge"], MARGIN + 28, flow.y + 45, INK))
    flow.y += 64 + 20
    flow.text(model["place"], "place", SIZES["kicker"], fill=PAPER, gap_after=8)
    flow.text(model["title"], "title", SIZES["title"], weight="Bold", fill=PAPER, gap_after=8)
    if model["subtitle"]:
        flow.text(model["subtitle"], "subtitle", SIZES["body"], fill=PAPER)
    if model["headline"] or model["lead"]:
        lead(flow, model)
    flow.y += 60
    flow.ground((0, 0, WIDTH, flow.y), RED, at=0)
    flow.y += 64


def lead(flow: Flow, model: dict) -> None:
    """The article's main results, on the red: its headline figure large in gold with what it counts, then the
    results its opening leads with, two to a row (one alone takes the row)."""
    flow.section("lead")
    flow.y += 40
    flow.shapes.append(Shape("rect", (MARGIN, flow.y, MARGIN + INNER, flow.y + 3), tint(PAPER, 0.35), role="rule"))
    flow.y += 20
    flow.text(model["t"]["explainer_lead"], "lead-title", SIZES["label"], weight="Bold", fill=GOLD, gap_after=4)
    if model["headline"]:
        flow.figure(model["headline"], SIZES["hero"], MARGIN, INNER, GOLD)
        flow.text(model["headline"]["label"], "label", SIZES["body"], fill=PAPER, gap_after=12)
    grid(flow, model["lead"], MARGIN, INNER, PAPER, PAPER, big=SIZES["big"] if not model["headline"] else None)


def grid(flow: Flow, figs: list, x: int, width: int, colour: str, label_colour: str, big: int | None = None,
         note: str = "") -> None:
    """Figures two to a row with their labels (one alone takes the whole row); a target's mark before each."""
    per_row = 1 if len(figs) == 1 else 2
    cell = (width - 40 * (per_row - 1)) // per_row
    for row in range(0, len(figs), per_row):
        top = bottom = flow.y + 16
        for n, f in enumerate(figs[row:row + per_row]):
            flow.y = top
            cx = x + n * (cell + 40)
            if note:
                mark(flow, note, cx, "target-mark")
            flow.figure(f, big or SIZES["num"], cx, cell, colour)
            flow.text(f["label"], "label", SIZES["label"], x=cx, width=cell, fill=label_colour)
            bottom = max(bottom, flow.y)
        flow.y = bottom


def mark(flow: Flow, text: str, x: int, role: str) -> None:
    """A small dark pill with white words (目标 / Target, 推算 / derived) on its own line."""
    w = round(flow.width(text, "Bold", SIZES["small"])) + 32
    top = flow.y + 10
    flow.shapes.append(Shape("rect", (x, top, x + w, top + 56), MUTED, 10, role=role))
    flow.runs.append(Run(role, text, "Bold", SIZES["small"], x + 16, top + 41, PAPER))
    flow.y = top + 56


def approach(flow: Flow, a: dict) -> None:
    """The approach as a process: each step's number large in a red disc, the discs joined top to bottom by a line
    ending in an arrowhead, the step's name in bold beside its disc and what it holds under the name."""
    flow.section("approach")
    flow.heading(a["title"])
    d, gap = 104, 56
    cx = MARGIN + d // 2
    text_x = MARGIN + d + 32
    for i, step in enumerate(a["steps"]):
        top = flow.y
        flow.shapes.append(Shape("rect", (MARGIN, top, MARGIN + d, top + d), RED, d // 2, role="step"))
        num = str(step["n"])
        nw = round(flow.font("Bold", SIZES["step"]).getlength(num))
        flow.runs.append(Run("step-num", num, "Bold", SIZES["step"], cx - nw // 2, top + d // 2 + 20, PAPER))
        flow.y = top + (8 if step["detail"] else 22)
        flow.text(step["name"], "step", SIZES["body"] + 4, x=text_x, width=MARGIN + INNER - text_x, weight="Bold")
        if step["detail"]:
            flow.text(step["detail"], "step-detail", SIZES["small"], x=text_x, width=MARGIN + INNER - text_x,
                      fill=MUTED)
        bottom = max(flow.y, top + d)
        if i + 1 < len(a["steps"]):   # the line to the next step, and its arrowhead
            nxt = bottom + gap
            flow.shapes.append(Shape("rect", (cx - 4, top + d + 8, cx + 4, nxt - 30), tint(RED, 0.45),
                                     role="step-link"))
            flow.shapes.append(Shape("tri", (cx - 18, nxt - 34, cx + 18, nxt - 8), tint(RED, 0.45), role="step-link"))
            flow.y = nxt
        else:
            flow.y = bottom
    flow.y += 72


def group_card(flow: Flow, g: dict, n: int) -> None:
    """A star (or focus area): a band in its colour with its icon (an area: its number) and name; on a tint under
    it the finding, the headline figure, the small counts as pictograms and the other figures two to a row."""
    flow.section(f"group:{g['id']}")
    top, start = flow.y, len(flow.shapes)
    disc = 88
    name_x = MARGIN + PAD + disc + 28
    name_w = MARGIN + INNER - PAD - name_x
    name_h = len(wrap_text(g["name"], flow.font("Bold", SIZES["star"]), name_w)) * round(SIZES["star"] * flow.pitch)
    band_h = max(disc + 40, name_h + 40)
    flow.shapes.append(Shape("rect", (MARGIN, top, MARGIN + INNER, top + band_h), g["colour"], 18, role="group-band"))
    dy = top + (band_h - disc) // 2
    flow.shapes.append(Shape("rect", (MARGIN + PAD, dy, MARGIN + PAD + disc, dy + disc), PAPER, disc // 2))
    if g["icon"]:
        flow.shapes.append(Shape("icon", (MARGIN + PAD + 18, dy + 18, MARGIN + PAD + disc - 18, dy + disc - 18),
                                 g["colour"], name=g["icon"], role="group-icon"))
    else:
        num = str(n)
        nw = round(flow.font("Bold", SIZES["num"] - 24).getlength(num))
        flow.runs.append(Run("group-num", num, "Bold", SIZES["num"] - 24, MARGIN + PAD + (disc - nw) // 2,
                             dy + disc // 2 + 17, g["colour"]))
    flow.y = top + (band_h - name_h) // 2
    flow.text(g["name"], "group", SIZES["star"], x=name_x, width=name_w, weight="Bold", fill=PAPER)
    flow.y = top + band_h + 16
    x, w = MARGIN + PAD, INNER - 2 * PAD
    if g["finding"]:
        flow.text(g["finding"], "finding", SIZES["body"], x=x, width=w, weight="Bold", gap_after=12)
    h = g["headline"]
    flow.figure(h, SIZES["big"], x, w, g["colour"])
    flow.text(h["label"], "label", SIZES["label"], x=x, width=w, fill=MUTED, gap_after=16)
    if h["count"]:
        flow.pictograms(h, h["icon"], g["colour"], x, w)
        flow.y += 16
    for f in [f for f in g["more"] if f["count"]]:   # each small count with its pictograms
        hairline(flow, x, w)
        flow.figure_line(f, SIZES["num"], x, w, g["colour"], MUTED)
        flow.y += 16
        flow.pictograms(f, f["icon"], g["colour"], x, w)
        flow.y += 16
    rest = [f for f in g["more"] if not f["count"]]
    if rest:
        hairline(flow, x, w)
        grid(flow, rest, x, w, g["colour"], MUTED)
    flow.y += 36
    flow.ground((MARGIN, top + band_h - 24, MARGIN + INNER, flow.y), TINT, 18, at=start)
    flow.y += 48


def hairline(flow: Flow, x: int, w: int) -> None:
    flow.y += 8
    flow.shapes.append(Shape("rect", (x, flow.y, x + w, flow.y + 2), HAIR, role="rule"))
    flow.y += 4


def relation(flow: Flow, rel: dict) -> None:
    """A part-to-whole the article states: its sentence, the total, one bar split into the parts (in the order the
    article gives them, lighter each), and a legend of each part's figure and label."""
    total = rel["total"]
    flow.section(f"relation:{rel['id']}")
    flow.heading(total["label"])
    flow.text(rel["text"], "relation", SIZES["body"], gap_after=8)
    flow.figure(total, SIZES["big"], MARGIN, INNER, total["colour"])
    flow.y += 20
    whole = sum(p["base"] for p in rel["parts"]) or 1
    x, top, h = MARGIN, flow.y, 72
    for n, p in enumerate(rel["parts"]):
        w = round(INNER * p["base"] / whole) if n < len(rel["parts"]) - 1 else MARGIN + INNER - x
        flow.shapes.append(Shape("rect", (x, top, x + w, top + h), rel["colours"][n], role="segment", figure=p["id"]))
        x += w
    flow.y = top + h + 12
    for p, colour in zip(rel["parts"], rel["colours"], strict=True):
        flow.y += 12
        flow.shapes.append(Shape("rect", (MARGIN, flow.y + 18, MARGIN + 44, flow.y + 62), colour, 8, role="swatch",
                                 figure=p["id"]))
        flow.figure(p, SIZES["num"], MARGIN + 68, INNER - 68, INK)
        flow.text(p["label"], "label", SIZES["label"], x=MARGIN + 68, width=INNER - 68, fill=MUTED)
    flow.y += 72


def money(flow: Flow, m: dict, t: dict) -> None:
    """The sums of money the article reports, each with whose it is and a bar to one scale; what they are not (no
    targets, no thresholds; no total where the article states none); the site's own sum of them, if declared, small
    and marked under that note, so the section ends on what the article states."""
    flow.section("money")
    flow.heading(t["explainer_money"])
    note = t["explainer_money_note"] + (t["explainer_money_no_total"] if m["no_total"] else "")
    flow.text(note, "note", SIZES["small"], fill=MUTED, gap_after=8)
    for d in m["derived"]:
        derived(flow, d, t)
    top_value = max((f["base"] for f in m["figures"]), default=1) or 1
    for f in m["figures"]:
        flow.y += 8
        label = f"{f['group_name']} · {f['label']}" if f["group_name"] else f["label"]
        flow.figure_line({**f, "label": label}, SIZES["num"], MARGIN, INNER, f["colour"], MUTED)
        flow.y += 14
        flow.shapes.append(Shape("rect", (MARGIN, flow.y, MARGIN + INNER, flow.y + 28), "#ece8e3", 14, role="track"))
        flow.shapes.append(Shape("rect", (MARGIN, flow.y, MARGIN + max(28, round(INNER * f["base"] / top_value)),
                                          flow.y + 28), f["colour"], 14, role="bar", figure=f["id"]))
        flow.y += 36
    flow.y += 72


def derived(flow: Flow, d: dict, t: dict) -> None:
    """A sum the site computed, in a tinted box: in grey, no larger than the body text, after its mark (推算 /
    derived) and the note that the article does not give it, with how it is computed."""
    flow.y += 16
    box_top, start = flow.y, len(flow.shapes)
    x, w = MARGIN + 28, INNER - 56
    top = flow.y + 14
    flow.y = top
    mark(flow, t["derived"], x, "derived-mark")
    pill = flow.shapes[-1].box[2] - x + 20
    flow.y = top
    flow.text(t["explainer_derived_note"], "note", SIZES["small"], x=x + pill, width=w - pill, fill=MUTED)
    flow.y = max(flow.y, top + 66) + 4
    flow.figure_line(d, SIZES["body"], x, w, MUTED, MUTED)
    lines = [f"{t['derived_formula']}{t['colon']}"]   # broken between its terms, never inside a figure
    for n, term in enumerate(d["formula"].split(" + ")):
        joined = lines[-1] + (" + " if n else "") + term
        if n and flow.width(joined, "Regular", SIZES["small"]) > w:
            lines[-1] += " +"
            lines.append(term)
        else:
            lines[-1] = joined
    for line in lines:
        flow.text(line, "formula", SIZES["small"], x=x, width=w, fill=MUTED)
    flow.y += 24
    flow.ground((MARGIN, box_top, MARGIN + INNER, flow.y), TINT, 14, at=start)
    flow.y += 16


def targets(flow: Flow, figs: list, t: dict) -> None:
    """The targets the article sets, apart from what it reports done: in an outlined box, each marked as one."""
    flow.section("targets")
    flow.heading(t["explainer_targets"], colour=MUTED)
    flow.text(t["explainer_targets_note"], "note", SIZES["small"], fill=MUTED, gap_after=16)
    top = flow.y
    behind = len(flow.shapes)
    flow.y += 12
    grid(flow, figs, MARGIN + PAD, INNER - 2 * PAD, INK, MUTED, note=t["role_target"])
    flow.y += 36
    flow.ground((MARGIN + 4, top + 4, MARGIN + INNER - 4, flow.y - 4), PAPER, 14, at=behind)
    flow.ground((MARGIN, top, MARGIN + INNER, flow.y), MUTED, 18, at=behind)
    flow.y += 72


def footer(flow: Flow, model: dict) -> None:
    """At the end, on a tinted band: the QR code of the site with its address, then who issued it, the source and
    its date, the article's authors, the period and who made this."""
    flow.section("footer")
    top = flow.y
    qr = 248
    flow.y += 48
    text_w = INNER - qr - 40
    flow.text(model["t"]["explainer_scan"], "scan", SIZES["body"], weight="Bold", width=text_w, gap_after=8)
    flow.text(model["url"], "url", SIZES["small"], width=text_w)
    flow.y = max(flow.y, top + 48 + qr) + 24
    for line in model["footer"]:
        flow.text(line["text"], line["role"], SIZES["small"], fill=MUTED)
    flow.y += 56
    flow.ground((0, top, WIDTH, flow.y), TINT)
    flow.shapes.append(Shape("qr", (WIDTH - MARGIN - qr, top + 48, WIDTH - MARGIN, top + 48 + qr), name=model["url"],
                             role="qr"))
    flow.ground((0, flow.y, WIDTH, flow.y + 20), RED)
    flow.y += 20


# -------------------------------------------------------------------------------------------- draw

def check_glyphs(runs: list[Run]) -> list[str]:
    """Texts with characters the font cannot draw (never tofu on the image)."""
    return texts_missing([(r.text, r.weight) for r in runs], "the long image's")


def long_image(model: dict, icons: dict[str, str], checked: bool = False) -> bytes:
    """The long image as PNG bytes (deterministic: no metadata, fixed layout engine). Its texts are checked for
    characters the font lacks unless the caller did (checked)."""
    runs, shapes, height, _ = layout(model)
    return painted(runs, shapes, (WIDTH, height), icons, checked)


def painted(runs: list[Run], shapes: list[Shape], size: tuple[int, int], icons: dict[str, str], checked: bool
            ) -> bytes:
    """A laid-out picture (the long image or its card) as PNG, its texts checked first unless checked."""
    problems = [] if checked else check_glyphs(runs)
    if problems:
        raise DrawError("; ".join(problems))
    return png_bytes(paint(runs, shapes, size, icons))


def runs_json(model: dict) -> str:
    """longimage.json: the image's size, every text run (a figure's runs name their figure id), every mark (a
    step, a pictogram, a bar, a segment: shapes with a role, a figure's with its id, an icon's with its name) and the
    sections."""
    runs, shapes, height, sections = layout(model)
    marks = [{"kind": s.kind, "box": list(s.box), "fill": s.fill, "role": s.role, "figure": s.figure,
              **({"icon": s.name} if s.kind == "icon" else {})} for s in shapes if s.role and s.role != "ground"]
    data = {"width": WIDTH, "height": height, "lang": model["lang"], "url": model["url"],
            "runs": [asdict(r) for r in runs], "marks": marks, "sections": sections}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def image_size(model: dict) -> tuple[int, int]:
    """The long image's width and height in pixels (for the <img> of its page)."""
    return WIDTH, layout(model)[2]
