"""一图读懂: the whole report as one long vertical infographic, per language.

``explainer_model`` gathers what it shows from the validated report (the same figure views as every
page: figure_view), so the explainer page (templates/pages/explainer.html) and the PNG show the same
texts. ``layout`` places every text run and shape of the PNG (1080 px wide: the width of most phone
screens in device pixels, so WeChat's full-screen viewer shows it at 1:1 or scaled down a little,
never up; the body text is 32 px and no text is smaller than 28 px). ``long_image`` draws it with
Pillow and Noto Sans CJK (sitegen/render/share.py) — deterministic bytes — and ``runs_json`` is the
machine-readable list of its texts written beside it (explainer.json), which tests read back.
"""
from __future__ import annotations

import io
import json
import re
from dataclasses import asdict, dataclass
from html import unescape

from ..numbers import STYLES, base_value, writing

WIDTH = 1080
MARGIN = 64
PAD = 40                  # inside a card
INNER = WIDTH - 2 * MARGIN
RED = "#b3261e"
INK = "#1f1f1f"
MUTED = "#4d4d4d"         # 8.6:1 on white
PAPER = "#ffffff"
TINT = "#f7f4f0"
MORE = 4                  # figures of a star shown besides its headline (two rows of two)
SIZES = {"title": 64, "kicker": 32, "badge": 30, "h2": 46, "star": 44, "body": 32, "label": 30, "small": 28,
         "big": 88, "num": 52}


def plain_text(html: str) -> str:
    """The text of a small HTML fragment (the renderer's unit_html / editorial output)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def fig_parts(view: dict, lang: str, f) -> dict:
    """A figure as the tiles show it: qualifier before (and a result's earlier value: '41% →'), number (a change with
    its sign), unit (with qualifier after), and the whole."""
    sep = " " if writing(lang).spaced else ""
    before, rest = view["before"], f"{view['unit']}{view['after']}"
    if view.get("from"):
        before = f"{view['from']['prose']} →" + (f" {before}" if before else "")
    number = sep.join(x for x in (view["prefix"], view.get("sign", "") + view["number"]) if x)  # 'CNY 20' (million)
    shown = "".join(x for x in (before, sep if before else "", number, sep if rest else "", rest))
    return {"id": view["id"], "before": before, "number": number, "rest": rest, "shown": shown,
            "label": view["label"], "colour": view["colour"], "group": view["group"], "unit_id": view["unit_id"],
            "derived": view["derived"], "role": view.get("role", "result"), "role_note": view.get("role_note", ""),
            "formula": view["formula"], "formula_html": view["formula_html"], "value": view["value"],
            "base": base_value(f.value, f.style)}


def explainer_model(renderer, lang: str) -> dict:
    """Everything the long image shows, in one language, from the report's data."""
    c, figs, t = renderer.c, renderer.r.figures, renderer.strings[lang]
    meta = c.meta[lang]

    def shown(f) -> dict:
        return fig_parts(renderer.figure_view(f, lang), lang, f)

    stars = []
    for s in c.stars:   # a star's results (a target has its own section; an earlier value is shown with its pair)
        group = [f for f in figs.figures if f.group == s.id and f.id != s.headline and f.role in SHOWN_AS_DONE]
        stars.append({"id": s.id, "name": s.names[lang] + meta["star_suffix"], "colour": s.colour, "icon": s.icon,
                      "headline": shown(renderer.figs[s.headline]),
                      "more": [shown(f) for f in group[:MORE]]})
    relations = []
    for r in figs.relations:
        total = shown(renderer.figs[r["total"]])
        total["colour"] = part_colours(total["colour"], 1)[0]   # a grey area's total in the site's red, as its bar
        parts = [shown(renderer.figs[p]) for p in r["parts"]]
        html = renderer.editorial(r[lang], lang, cls="")   # the page's: each figure marked with its id
        relations.append({"id": r["id"], "text": plain_text(html), "html": html,
                          "total": total, "parts": parts, "colours": part_colours(total["colour"], len(parts))})
    money = [shown(f) for f in figs.figures   # sums of money the article reports: no target, no threshold
             if STYLES[f.style].dimension == "money" and f.role == "result"]
    targets = [shown(f) for f in figs.figures if f.role == "target"]
    lead = lead_figures(renderer, stars)
    derived = [shown(d) for d in figs.derived
               if STYLES[d.style].dimension == "money"]
    approach = None
    if c.approach:
        items = [(renderer.display_zh(i["zh"]) if lang == "zh" else i[lang]) if lang in i else i["en"]
                 for i in c.approach["items"]]
        approach = {"title": meta["approach_title"], "items": items}
    fmt = t["date_format"]
    return {
        "lang": lang, "badge": t["explainer_badge"], "site_name": meta["site_name"], "place": meta["place"],
        "title": plain_text(renderer.unit_html("title", lang)),
        "subtitle": plain_text(renderer.unit_html("subtitle", lang)) if renderer.r.article.subtitle else "",
        "period": meta.get("period", ""), "approach": approach, "stars_title": meta["stars_title"], "stars": stars,
        "relations": relations, "money": money, "derived": derived, "targets": targets,
        "lead": [shown(f) for f in lead],
        "footer": [f"{t['footer_source']}{t['colon']}{meta['source']}", meta["credits"],
                   f"{t['article_date']}{t['colon']}{meta['date']}",
                   f"{t['published_by']}{t['colon']}{meta['publisher']}"
                   + (f" · {t['first_published']}{t['colon']}{c.first_published.strftime(fmt)}"
                      if c.first_published else "")],
        "url": renderer.site_url.rstrip("/") + f"/{lang}/",
        "t": {k: t[k] for k in ("period", "explainer_money", "explainer_money_note", "derived", "derived_formula",
                                "colon", "explainer_derived_note", "explainer_scan", "source", "explainer_lead",
                                "explainer_targets", "explainer_targets_note")},
    }


SHOWN_AS_DONE = ("result", "change")   # what a star card and the lead show: what the article reports done
LEAD = 4                                 # the opening's results shown first, besides the report's headline


def lead_figures(renderer, stars: list) -> list:
    """The results the article leads with: the report's headline (a stated one), then the results of the paragraphs
    before its first section (what an opening tallies: 全镇创成五星支部3个…), none already on a star card."""
    figs = renderer.r.figures
    head = renderer.figs.get(renderer.c.headline or "")
    on_cards = {s["headline"]["id"] for s in stars} | {f["id"] for s in stars for f in s["more"]}
    first = renderer.r.article.sections[0].id if renderer.r.article.sections else None
    opening = set()
    for uid in renderer.r.units:
        if uid == first or uid.startswith("s"):
            break
        opening.add(uid)
    out = [head] if head is not None and head.role in SHOWN_AS_DONE else []
    out += [f for f in figs.figures if f.unit_id in opening and f.role in SHOWN_AS_DONE and f not in out
            and f.id not in on_cards]
    return out[:LEAD]


# ------------------------------------------------------------------------------------------ layout

@dataclass(frozen=True)
class Run:
    """One line of text on the image, its left end on the baseline at (x, y)."""

    role: str
    text: str
    weight: str
    size: int
    x: int
    y: int
    fill: str
    figure: str = ""      # the figure id when the run is (part of) a figure
    part: str = ""        # before, number, rest


@dataclass(frozen=True)
class Shape:
    """A filled rectangle (radius > 0: rounded), an icon or the QR code."""

    kind: str             # rect, icon, qr
    box: tuple
    fill: str = ""
    radius: int = 0
    name: str = ""        # icon name / QR url


class Flow:
    """A top-to-bottom layout: a cursor y, text runs and shapes."""

    def __init__(self, lang: str):
        from .share import _font, find_cjk_font

        self.lang = lang
        self.y = 0
        self.runs: list[Run] = []
        self.shapes: list[Shape] = []
        self.fonts = {w: find_cjk_font(w) for w in ("Bold", "Regular")}
        self._font = _font
        self.pitch = writing(lang).image_pitch

    def font(self, weight: str, size: int):
        path, index = self.fonts[weight]
        return self._font(str(path), index, size)

    def width(self, text: str, weight: str, size: int) -> float:
        return self.font(weight, size).getlength(text)

    def text(self, text: str, role: str, size: int, x: int = MARGIN, width: int = INNER, weight: str = "Regular",
             fill: str = INK, gap_after: int = 0) -> None:
        """Wrapped text from the cursor down; the cursor ends under its last line."""
        from .share import _balanced, wrap_text

        font = self.font(weight, size)
        if role == "title":   # a headline breaks at its spaces when the pieces fit, else evenly
            pieces = text.split(" ") if writing(self.lang).headline_spaces else []
            fits = len(pieces) > 1 and all(font.getlength(p) <= width for p in pieces)
            lines = space_lines(pieces, font, width) if fits else _balanced(text, font, width)
        else:
            lines = wrap_text(text, font, width)
        for line in lines:
            self.y += round(size * self.pitch)
            self.runs.append(Run(role, line, weight, size, x, self.y - round(size * (self.pitch - 1) / 2)
                                 - round(size * 0.12), fill))
        self.y += gap_after

    def figure(self, f: dict, big: int, x: int, width: int, fill: str) -> None:
        """A figure on one baseline — qualifier, number large, unit — shrunk (down to 0.6 of big) to fit width."""
        for size in range(big, round(big * 0.6) - 1, -2):
            small = max(SIZES["small"], round(size * 0.46))
            sep = round(small * 0.3) if writing(self.lang).spaced else 0
            pieces = [("before", f["before"], small), ("number", f["number"], size), ("rest", f["rest"], small)]
            total = sum(self.width(p, "Bold", s) + sep for _, p, s in pieces if p)
            if total <= width:
                break
        self.y += round(size * 0.9)
        cx = x
        for part, piece, s in pieces:
            if piece:
                self.runs.append(Run("figure", piece, "Bold", s, cx, self.y, fill, f["id"], part))
                cx += round(self.width(piece, "Bold", s)) + sep
        self.y += round(size * 0.22)


_LAID: dict[str, tuple] = {}   # layouts already made in this process, by model: the build's check, the image and
                               # its runs list share one


def layout(model: dict) -> tuple[list[Run], list[Shape], int]:
    """Every text run and shape of the long image, and its height (made once per model and process)."""
    key = json.dumps(model, sort_keys=True, ensure_ascii=False, default=str)
    if key not in _LAID:
        _LAID[key] = make_layout(model)
    return _LAID[key]


def make_layout(model: dict) -> tuple[list[Run], list[Shape], int]:
    """Every text run and shape of the long image, and its height."""
    lang, t = model["lang"], model["t"]
    flow = Flow(lang)
    shapes = flow.shapes
    # the head: a red band with the badge (一图读懂), the place, the title and subtitle
    flow.y = 56
    badge_w = round(flow.width(model["badge"], "Bold", SIZES["badge"])) + 48
    shapes.append(Shape("rect", (MARGIN, flow.y, MARGIN + badge_w, flow.y + 56), "#ffd54a", 28))
    flow.runs.append(Run("badge", model["badge"], "Bold", SIZES["badge"], MARGIN + 24, flow.y + 39, INK))
    flow.y += 56 + 20
    flow.text(model["place"], "place", SIZES["kicker"], fill=PAPER, gap_after=8)
    flow.text(model["title"], "title", SIZES["title"], weight="Bold", fill=PAPER, gap_after=8)
    if model["subtitle"]:
        flow.text(model["subtitle"], "subtitle", SIZES["body"], fill=PAPER)
    flow.y += 48
    shapes.insert(0, Shape("rect", (0, 0, WIDTH, flow.y), RED))
    flow.y += 40
    if model["period"]:
        flow.text(f"{t['period']}{t['colon']}{model['period']}", "period", SIZES["body"], fill=MUTED, gap_after=24)
    if model["lead"]:
        figures_section(flow, t["explainer_lead"], "", model["lead"], RED)
    if model["approach"]:
        approach(flow, model["approach"])
    if model["stars"]:
        flow.text(model["stars_title"], "h2", SIZES["h2"], weight="Bold", gap_after=16)
        for star in model["stars"]:
            star_card(flow, star)
    for rel in model["relations"]:
        relation(flow, rel, t)
    if model["money"] or model["derived"]:
        money(flow, model, t)
    if model["targets"]:
        figures_section(flow, t["explainer_targets"], t["explainer_targets_note"], model["targets"], MUTED)
    footer(flow, model, t)
    return flow.runs, flow.shapes, flow.y


def figures_section(flow: Flow, title: str, note: str, figs: list, colour: str) -> None:
    """A heading, a note, and figures two by two with their labels (the lead results; the targets, apart)."""
    flow.text(title, "h2", SIZES["h2"], weight="Bold", gap_after=4 if note else 12)
    if note:
        flow.text(note, "note", SIZES["small"], fill=MUTED, gap_after=8)
    cell = (INNER - 32) // 2
    for row in range(0, len(figs), 2):
        top_row = bottom = flow.y
        for n, f in enumerate(figs[row:row + 2]):
            flow.y = top_row
            cx = MARGIN + n * (cell + 32)
            flow.figure(f, SIZES["num"], cx, cell, colour)
            flow.text(f["label"], "label", SIZES["label"], x=cx, width=cell, fill=MUTED)
            bottom = max(bottom, flow.y)
        flow.y = bottom + 16
    flow.y += 32


def approach(flow: Flow, a: dict) -> None:
    """The approach: its title, then each item with its number in a red disc."""
    flow.text(a["title"], "h2", SIZES["h2"], weight="Bold", gap_after=12)
    for n, item in enumerate(a["items"], start=1):
        top = flow.y + 12
        d = 52
        flow.shapes.append(Shape("rect", (MARGIN, top, MARGIN + d, top + d), RED, d // 2))
        num = str(n)
        nx = MARGIN + (d - round(flow.width(num, "Bold", SIZES["label"]))) // 2
        flow.runs.append(Run("approach-num", num, "Bold", SIZES["label"], nx, top + 37, PAPER))
        flow.text(item, "approach", SIZES["body"], x=MARGIN + d + 24, width=INNER - d - 24)
        flow.y = max(flow.y, top + d) + 12
    flow.y += 32


def star_card(flow: Flow, star: dict) -> None:
    """One star: a band in its colour with its icon and name, its headline figure and a few more."""
    top = flow.y
    behind = len(flow.shapes)   # where the tinted body goes: under the band and the texts
    icon = 72
    band_h = icon + 2 * 20
    flow.shapes.append(Shape("rect", (MARGIN, top, MARGIN + INNER, top + band_h), star["colour"], 16))
    flow.shapes.append(Shape("rect", (MARGIN + PAD - 8, top + 12, MARGIN + PAD + icon + 8, top + band_h - 12),
                             PAPER, (icon + 16) // 2))
    flow.shapes.append(Shape("icon", (MARGIN + PAD + 8, top + 28, MARGIN + PAD + icon - 8, top + band_h - 28),
                             star["colour"], name=star["icon"]))
    name_x = MARGIN + PAD + icon + 32
    flow.runs.append(Run("star", star["name"], "Bold", SIZES["star"], name_x,
                         top + band_h // 2 + round(SIZES["star"] * 0.36), PAPER))
    flow.y = top + band_h + 8
    body_top = flow.y
    x, w = MARGIN + PAD, INNER - 2 * PAD
    flow.figure(star["headline"], SIZES["big"], x, w, star["colour"])
    flow.text(star["headline"]["label"], "label", SIZES["label"], x=x, width=w, fill=MUTED, gap_after=8)
    cell = (w - 32) // 2
    for row in range(0, len(star["more"]), 2):     # the other figures two by two, under a hairline
        flow.y += 12
        flow.shapes.append(Shape("rect", (x, flow.y, x + w, flow.y + 2), "#e4e0dc"))
        flow.y += 8
        top_row, bottom = flow.y, flow.y
        for n, f in enumerate(star["more"][row:row + 2]):
            flow.y = top_row
            cx = x + n * (cell + 32)
            flow.figure(f, SIZES["num"], cx, cell, star["colour"])
            flow.text(f["label"], "label", SIZES["label"], x=cx, width=cell, fill=MUTED)
            bottom = max(bottom, flow.y)
        flow.y = bottom
    flow.y += 28
    flow.shapes.insert(behind, Shape("rect", (MARGIN, body_top - 24, MARGIN + INNER, flow.y), TINT, 16))
    flow.y += 32


def relation(flow: Flow, rel: dict, t: dict) -> None:
    """A stated part-to-whole relation: its sentence, the total and a split bar of the parts, labelled."""
    total = rel["total"]
    flow.text(total["label"], "h2", SIZES["h2"], weight="Bold", gap_after=8)   # what the relation is about
    flow.text(rel["text"], "relation", SIZES["body"], gap_after=12)
    flow.figure(total, SIZES["big"], MARGIN, INNER, total["colour"])
    flow.y += 16
    whole = sum(p["base"] for p in rel["parts"]) or 1
    x, top, h = MARGIN, flow.y, 56
    colours = rel["colours"]
    for n, p in enumerate(rel["parts"]):      # the parts side by side, in the order the article gives them
        w = round(INNER * p["base"] / whole) if n < len(rel["parts"]) - 1 else MARGIN + INNER - x
        flow.shapes.append(Shape("rect", (x, top, x + w, top + h), colours[n]))
        x += w
    flow.y = top + h + 12
    # a legend: the swatch of each part, its figure and label
    for p, colour in zip(rel["parts"], colours, strict=False):
        flow.y += 8
        flow.shapes.append(Shape("rect", (MARGIN, flow.y + 14, MARGIN + 36, flow.y + 50), colour, 6))
        flow.figure(p, SIZES["num"], MARGIN + 56, INNER - 56, INK)
        flow.text(p["label"], "label", SIZES["label"], x=MARGIN + 56, width=INNER - 56, fill=MUTED)
    flow.y += 40


def part_colours(colour: str, n: int) -> list[str]:
    """Colours of n parts: the total's colour (the site's red for a grey area), then lighter tints of it."""
    base = RED if colour.lower() == "#595959" else colour
    r, g, b = (int(base[i:i + 2], 16) for i in (1, 3, 5))
    out = []
    for k in range(n):
        mix = 0.55 * k / max(1, n - 1)         # the last part at 55% white: still 3:1 against white
        out.append("#" + "".join(f"{round(c + (255 - c) * mix):02x}" for c in (r, g, b)))
    return out


def money(flow: Flow, model: dict, t: dict) -> None:
    """The sums of money the article names, each with what it is; a derived sum marked as such, with its formula."""
    flow.text(t["explainer_money"], "h2", SIZES["h2"], weight="Bold", gap_after=4)
    flow.text(t["explainer_money_note"], "note", SIZES["small"], fill=MUTED, gap_after=8)
    top_value = max((f["base"] for f in model["money"]), default=1) or 1
    for f in model["money"]:                  # like quantities on one scale: a bar under each figure
        flow.y += 8
        flow.figure(f, SIZES["num"], MARGIN, INNER, f["colour"])
        flow.text(f["label"], "label", SIZES["label"], fill=MUTED, gap_after=8)
        flow.shapes.append(Shape("rect", (MARGIN, flow.y, MARGIN + INNER, flow.y + 20), "#ece8e3", 10))
        flow.shapes.append(Shape("rect", (MARGIN, flow.y, MARGIN + max(20, round(INNER * f["base"] / top_value)),
                                          flow.y + 20), f["colour"], 10))
        flow.y += 28
    for d in model["derived"]:
        flow.y += 24
        top = flow.y
        mark_w = round(flow.width(t["derived"], "Bold", SIZES["small"])) + 32
        flow.shapes.append(Shape("rect", (MARGIN, top + 8, MARGIN + mark_w, top + 52), MUTED, 8))
        flow.runs.append(Run("derived-mark", t["derived"], "Bold", SIZES["small"], MARGIN + 16, top + 40, PAPER))
        flow.y = top + 52
        flow.text(t["explainer_derived_note"], "note", SIZES["small"], fill=MUTED)
        flow.figure(d, SIZES["num"], MARGIN, INNER, INK)
        flow.text(d["label"], "label", SIZES["label"], fill=MUTED)
        flow.text(f"{t['derived_formula']}{t['colon']}{d['formula']}", "formula", SIZES["small"], fill=MUTED)
    flow.y += 40


def footer(flow: Flow, model: dict, t: dict) -> None:
    """Source, credits, date and publisher beside the QR code of the site, on a tinted band."""
    top = flow.y
    qr = 232
    flow.y += 40
    flow.text(t["explainer_scan"], "scan", SIZES["body"], weight="Bold", width=INNER - qr - 32)
    flow.text(model["url"], "url", SIZES["small"], width=INNER - qr - 32, gap_after=12)
    flow.y = max(flow.y, top + 40 + qr) + 16
    for line in model["footer"]:
        flow.text(line, "footer", SIZES["small"], fill=MUTED)
    flow.y += 56
    flow.shapes.append(Shape("rect", (0, top, WIDTH, flow.y), TINT))
    flow.shapes.append(Shape("qr", (WIDTH - MARGIN - qr, top + 40, WIDTH - MARGIN, top + 40 + qr), name=model["url"]))
    flow.shapes.append(Shape("rect", (0, flow.y, WIDTH, flow.y + 16), RED))
    flow.y += 16


def space_lines(pieces: list[str], font, width: float) -> list[str]:
    """Pieces of a Chinese headline (split at its spaces) joined greedily into lines that fit width."""
    lines: list[str] = []
    for piece in pieces:
        if lines and font.getlength(f"{lines[-1]} {piece}") <= width:
            lines[-1] += f" {piece}"
        else:
            lines.append(piece)
    return lines


# -------------------------------------------------------------------------------------------- draw

_DRAWABLE: dict[str, set] = {}   # characters known to be in the font, by weight (checking one renders it)


def check_glyphs(runs: list[Run]) -> list[str]:
    """Texts with characters the font cannot draw (never tofu on the image)."""
    from .share import find_cjk_font, glyphs_missing

    by_weight: dict[str, set] = {}
    for r in runs:
        by_weight.setdefault(r.weight, set()).update(r.text)
    if not any(glyphs_missing("".join(sorted(chars - _DRAWABLE.get(w, set()))), *find_cjk_font(w))
               for w, chars in by_weight.items()):
        for w, chars in by_weight.items():   # every character drawable: remembered, a second check is free
            _DRAWABLE.setdefault(w, set()).update(chars)
        return []
    out = []
    for r in runs:
        missing = glyphs_missing(r.text, *find_cjk_font(r.weight))
        if missing:
            chars = ", ".join(f"U+{ord(ch):04X}" for ch in missing)
            out.append(f"the long image's font cannot draw {chars} (in {r.text!r})")
    return out


def long_image(model: dict, icons: dict[str, str], checked: bool = False) -> bytes:
    """The long image as PNG bytes (deterministic: no metadata, fixed layout engine). Its texts are checked for
    characters the font lacks unless the caller did (checked)."""
    runs, shapes, height = layout(model)
    return paint(runs, shapes, (WIDTH, height), icons, model["lang"], checked)


def paint(runs: list[Run], shapes: list[Shape], size: tuple[int, int], icons: dict[str, str], lang: str,
          checked: bool) -> bytes:
    """A laid-out picture (the long image or its card) drawn: shapes first, then the text runs, as PNG."""
    from PIL import Image, ImageDraw

    from .icons import draw_icon
    from .share import ShareError, qr_png

    problems = [] if checked else check_glyphs(runs)
    if problems:
        raise ShareError("; ".join(problems))
    image = Image.new("RGB", size, PAPER)
    draw = ImageDraw.Draw(image)
    flow = Flow(lang)
    for s in shapes:
        x0, y0, x1, y1 = s.box
        if s.kind == "rect":
            fill = s.fill[:7]
            if s.radius:
                draw.rounded_rectangle((x0, y0, x1 - 1, y1 - 1), radius=s.radius, fill=fill)
            else:
                draw.rectangle((x0, y0, x1 - 1, y1 - 1), fill=fill)
        elif s.kind == "icon":
            icon = draw_icon(icons[s.name], x1 - x0, s.fill)
            image.paste(icon, (x0, y0), icon)
        elif s.kind == "qr":
            code = Image.open(io.BytesIO(qr_png(s.name, scale=1))).convert("RGB")
            image.paste(code.resize((x1 - x0, y1 - y0), Image.NEAREST), (x0, y0))
    for r in runs:
        draw.text((r.x, r.y), r.text, font=flow.font(r.weight, r.size), fill=r.fill, anchor="ls")
    return png_bytes(image)


def png_bytes(image) -> bytes:
    """An image as an indexed-colour PNG: 256 colours hold the few inks and their anti-aliasing (a long image is
    190 KB instead of 630 KB: quicker to forward on a phone); the fast octree (median cut costs 5x the time for
    no visible difference), no dithering, no optimize pass; deterministic."""
    from PIL import Image

    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(out, format="PNG")
    return out.getvalue()


def runs_json(model: dict) -> str:
    """explainer.json: the image's size and every text run (figure runs name their figure id)."""
    runs, _, height = layout(model)
    data = {"width": WIDTH, "height": height, "lang": model["lang"], "url": model["url"],
            "runs": [asdict(r) for r in runs]}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# ------------------------------------------------------------------------------------ share card

def card_layout(model: dict) -> tuple[list[Run], list[Shape]]:
    """The explainer page's 1200x630 link preview: the badge and the title on red, then each star's icon and
    headline figure in a row (the long image in small)."""
    from .share import BAND_H, BAND_RED, _balanced, _ellipsize
    from .share import HEIGHT as H
    from .share import WIDTH as W

    flow = Flow(model["lang"])
    runs, shapes = flow.runs, flow.shapes
    # as every share card of the site: a red band (here with the badge and the place), the title in ink on white
    shapes.append(Shape("rect", (0, 0, W, BAND_H), BAND_RED))
    badge_w = round(flow.width(model["badge"], "Bold", 30)) + 48
    shapes.append(Shape("rect", (60, 24, 60 + badge_w, 80), "#ffd54a", 28))
    runs.append(Run("badge", model["badge"], "Bold", 30, 84, 63, INK))
    runs.append(Run("place", _ellipsize(model["place"], flow.font("Regular", 28), W - 120 - badge_w - 24,
                                        model["lang"]), "Regular", 28, 84 + badge_w, 62, PAPER))
    top_h = 330 if model["stars"] else H - 12
    pieces = model["title"].split(" ") if writing(model["lang"]).headline_spaces else []
    for size in (60, 54, 48, 42):
        font = flow.font("Bold", size)
        fits = len(pieces) > 1 and all(font.getlength(p) <= W - 120 for p in pieces)
        lines = space_lines(pieces, font, W - 120) if fits else _balanced(model["title"], font, W - 120, max_lines=2)
        if len(lines) <= 2:
            break
    lines = lines[:2]
    pitch = round(size * 1.3)
    y = BAND_H + (top_h - BAND_H - pitch * len(lines)) // 2   # the title centred between the band and the stars
    for line in lines:
        y += pitch
        runs.append(Run("title", _ellipsize(line, flow.font("Bold", size), W - 120, model["lang"]), "Bold", size,
                        60, y - round(size * 0.25), INK))
    if model["stars"]:
        shapes.append(Shape("rect", (60, top_h, W - 60, top_h + 2), "#e4e0dc"))
    stars = model["stars"]
    if stars:
        col = (W - 120) // len(stars)
        spaced = writing(model["lang"]).spaced  # the unit on a line of its own under the number
        for n, s in enumerate(stars):
            cx = 60 + n * col + col // 2
            shapes.append(Shape("rect", (cx - 36, 356, cx + 36, 428), s["colour"], 36))
            shapes.append(Shape("icon", (cx - 24, 368, cx + 24, 416), PAPER, name=s["icon"]))
            f = s["headline"]
            # the qualifier always stays with the number ("more than 3,000", 3000余份); in English the unit
            # goes on a line of its own
            if not spaced:
                text = f"{f['before']}{f['number']}{f['rest']}"
            else:
                text = " ".join(x for x in (f["before"], f["number"]) if x)
            for size in (50, 44, 38, 32, 28):
                if flow.width(text, "Bold", size) <= col - 16:
                    break
            y = 478 if spaced else 488
            runs.append(Run("figure", text, "Bold", size, cx - round(flow.width(text, "Bold", size)) // 2, y,
                            s["colour"], f["id"], "whole"))
            if spaced and f["rest"]:
                unit = _ellipsize(f["rest"], flow.font("Bold", 22), col - 12, model["lang"])
                runs.append(Run("unit", unit, "Bold", 22, cx - round(flow.width(unit, "Bold", 22)) // 2, y + 30,
                                s["colour"]))
            from .share import wrap_text

            # what the number counts (the star is told by its icon and colour)
            names = wrap_text(f["label"], flow.font("Regular", 22 if spaced else 24), col - 12)
            keep = 3 if spaced else 2
            if len(names) > keep:
                rest = (" " if spaced else "").join(names[keep - 1:])
                names = names[:keep - 1] + [_ellipsize(rest, flow.font("Regular", 22 if spaced else 24), col - 12,
                                                       model["lang"])]
            y = 546 if spaced else 540
            for name in names:
                size_n = 22 if spaced else 24
                runs.append(Run("star", name, "Regular", size_n, cx - round(flow.width(name, "Regular", size_n)) // 2,
                                y, INK))
                y += 28
    shapes.append(Shape("rect", (0, H - 12, W, H), BAND_RED))
    return runs, shapes


def explainer_card(model: dict, icons: dict[str, str], checked: bool = False) -> bytes:
    """The explainer page's share card as PNG (deterministic)."""
    from .share import HEIGHT, WIDTH

    runs, shapes = card_layout(model)
    return paint(runs, shapes, (WIDTH, HEIGHT), icons, model["lang"], checked)
