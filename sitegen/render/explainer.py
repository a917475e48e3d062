"""一图读懂: the whole report as one long vertical infographic, per language — what it shows.

``explainer_model`` gathers what it shows from the validated report (the same figure views as every
page: figure_view), so the explainer page (templates/pages/explainer.html) and the long image
(render/longimage.py) show the same texts.
"""
from __future__ import annotations

import re
from html import unescape

from ..numbers import STYLES, base_value, writing
from .charts import figure_pieces

RED = "#b3261e"
MORE = 4                  # figures of a star shown besides its headline (two rows of two)


def plain_text(html: str) -> str:
    """The text of a small HTML fragment (the renderer's unit_html / editorial output)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def fig_parts(view: dict, lang: str, f) -> dict:
    """A figure as the tiles show it: qualifier before, number, unit (with qualifier after), and the whole."""
    sep = " " if writing(lang).spaced else ""
    pieces = figure_pieces(view, lang)
    before, number, rest = pieces["before"], pieces["number"], pieces["rest"]
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
    head = renderer.figs.get(renderer.c.headline or "")
    on_cards = {s["headline"]["id"] for s in stars} | {f["id"] for s in stars for f in s["more"]}
    first = renderer.r.article.sections[0].id if renderer.r.article.sections else None
    approach = (renderer.c.approach or {}).get("source")   # the approach section shows its own numbers
    opening = set()
    for uid in renderer.r.units:
        if uid == first:
            break
        if uid != approach:
            opening.add(uid)
    out = [head] if head is not None and head.role in SHOWN_AS_DONE else []
    out += [f for f in renderer.r.figures.figures if f.unit_id in opening and f.role in SHOWN_AS_DONE
            and f not in out and f.id not in on_cards]
    return out[:LEAD]


def part_colours(colour: str, n: int) -> list[str]:
    """Colours of n parts: the total's colour (the site's red for a grey area), then lighter tints of it."""
    base = RED if colour.lower() == "#595959" else colour
    r, g, b = (int(base[i:i + 2], 16) for i in (1, 3, 5))
    out = []
    for k in range(n):
        mix = 0.55 * k / max(1, n - 1)         # the last part at 55% white: still 3:1 against white
        out.append("#" + "".join(f"{round(c + (255 - c) * mix):02x}" for c in (r, g, b)))
    return out
