"""一图读懂: the whole report as one long vertical infographic, per language — what it shows, in the order it shows it.

``explainer_model`` gathers it from the validated report (the same figure views as every page: figure_view), so the
explainer page (templates/pages/explainer.html) and the long image (render/longimage.py) show the same texts:

1. the article's main results first: the report's headline figure (report.yml headline, a stated result) and the
   results of the paragraphs before the first section (what an opening tallies), by their roles;
2. the approach (report.yml approach) as numbered steps;
3. each star (or, in a report without stars, each focus area: the figure groups of figures.yml) with its icon, its
   colour, one finding sentence — the editor's title of a chart of its results, written with figure references
   (Renderer.editorial) — its headline figure and a few more, the small exact counts drawn as pictograms;
4. each part-to-whole relation the article states (a split bar), the sums of money the article reports as results
   (a site-computed sum only small and marked), the targets apart, and the issuer, date, source and address.
"""
from __future__ import annotations

import json
import re
from html import unescape

from ..check.figures import iconable
from ..icons import icon_of
from ..numbers import STYLES, base_value, writing
from .charts import SHADES, figure_pieces
from .draw.palette import GREY, tint
from .typography import typeset_tree

SHOWN_AS_DONE = ("result", "change")   # what the lead and a group's card show: what the article reports done
LEAD = 4                                 # the opening's results shown first, the report's headline among them
MORE = 4                                 # figures of a group shown besides its headline
STEP = re.compile(r"^(?P<name>.+?)\s*[（(](?P<detail>.+)[）)]\s*[。.]?$")   # an approach item: name (what it holds)


def plain_text(html: str) -> str:
    """The text of a small HTML fragment (the renderer's unit_html / editorial output)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def fig_parts(view: dict, lang: str, f) -> dict:
    """A figure as the tiles show it: qualifier before, number, unit (with qualifier after), and the whole; with
    `count`, the number of pictograms it is drawn as (an exact small count of things, people or events), else 0."""
    sep = " " if writing(lang).spaced else ""
    pieces = figure_pieces(view, lang)
    before, number, rest = pieces["before"], pieces["number"], pieces["rest"]
    shown = "".join(x for x in (before, sep if before else "", number, sep if rest else "", rest))
    # pictograms for a small exact count the article reports done (not for a pair 4 → 9: its count is a change)
    count = int(f.value) if not f.derived and f.role in SHOWN_AS_DONE and iconable(f) and not view["from"] else 0
    return {"id": view["id"], "before": before, "number": number, "rest": rest, "shown": shown,
            "label": view["label"], "colour": view["colour"], "group": view["group"], "unit_id": view["unit_id"],
            "derived": view["derived"], "role": view.get("role", "result"), "role_note": view.get("role_note", ""),
            "formula": view["formula"], "formula_html": view["formula_html"], "value": view["value"],
            "base": base_value(f.value, f.style), "count": count, "icon": "" if f.derived else icon_of(f)}


def explainer_model(renderer, lang: str) -> dict:
    """Everything the long image shows, in one language, from the report's data."""
    c, figs, t = renderer.c, renderer.r.figures, renderer.strings[lang]
    meta = c.meta[lang]

    def shown(f) -> dict:
        return fig_parts(renderer.figure_view(f, lang), lang, f)

    head, lead = lead_figures(renderer)
    groups = group_cards(renderer, lang, shown, {f.id for f in [head, *lead] if f is not None})
    on_cards = {x["id"] for g in groups if g["kind"] == "star" for x in [g["headline"], *g["more"]]}
    lead = [f for f in lead if f.id not in on_cards]   # a star's figure is on its card
    return typeset_tree({
        "lang": lang, "badge": t["explainer_badge"], "site_name": meta["site_name"], "place": meta["place"],
        "title": plain_text(renderer.unit_html("title", lang)),
        "subtitle": plain_text(renderer.unit_html("subtitle", lang)) if renderer.r.article.subtitle else "",
        "period": meta.get("period", ""),
        "headline": shown(head) if head is not None else None, "lead": [shown(f) for f in lead],
        "approach": approach_steps(renderer, lang), "groups_title": meta["stars_title"], "groups": groups,
        "relations": [relation_view(renderer, r, lang, shown) for r in figs.relations],
        "money": money_view(renderer, lang, shown),
        "targets": [shown(f) for f in figs.figures if f.role == "target"],
        "footer": footer_lines(renderer, lang),
        "url": renderer.site_url.rstrip("/") + f"/{lang}/",
        "t": {k: t[k] for k in ("explainer_money", "explainer_money_note", "explainer_money_no_total", "derived",
                                "derived_formula", "colon", "explainer_derived_note", "explainer_scan", "source",
                                "explainer_lead", "explainer_targets", "explainer_targets_note", "role_target")},
    }, lang)


def explainer_context(renderer, lang: str) -> dict:
    """What the explainer page shows: the model, and the long image as an <img> (its size, laid out once per model
    and then kept in .cache/, and its alternative text)."""
    from .pages import LONG_IMAGE

    model = explainer_model(renderer, lang)

    def size() -> bytes:   # the fonts are loaded to lay it out: once per model, then the size comes from .cache/
        from .longimage import image_size

        return "x".join(str(n) for n in image_size(model)).encode()
    key = json.dumps(model, sort_keys=True, ensure_ascii=False, default=str)
    width, height = (int(n) for n in renderer.memo("explainer-size", key, size).decode().split("x"))
    return {"explainer": model, "image": {"src": LONG_IMAGE, "width": width, "height": height,
                                          "alt": image_alt(model, renderer.strings[lang])}}


def lead_figures(renderer) -> tuple:
    """The results the article leads with: the report's headline (a stated result; never a sum the site made), and
    the results of the paragraphs before its first section (what an opening tallies: 全镇创成五星支部3个…) that are
    not the approach's or the title's own numbers, in reading order."""
    head = renderer.figs.get(renderer.c.headline or "")
    head = head if head is not None and head.role in SHOWN_AS_DONE else None
    first = renderer.r.article.sections[0].id if renderer.r.article.sections else None
    approach = (renderer.c.approach or {}).get("source")   # the approach section shows its own numbers
    opening = set()
    for uid in renderer.r.units:
        if uid == first:
            break
        if uid not in (approach, "title", "subtitle"):   # the title's numbers are read in the title
            opening.add(uid)
    lead = [f for f in renderer.r.figures.figures if f.unit_id in opening and f.role in SHOWN_AS_DONE and f != head]
    return head, lead[:LEAD - (head is not None)]


def approach_steps(renderer, lang: str) -> dict | None:
    """The approach as numbered steps, each its name and, where the item ends in brackets, what it holds."""
    c = renderer.c
    if not c.approach:
        return None
    steps = []
    for n, item in enumerate(c.approach["items"], start=1):
        text = (renderer.display_zh(item["zh"]) if lang == "zh" else item[lang]) if lang in item else item["en"]
        m = STEP.match(text)
        name, detail = (m["name"], m["detail"]) if m else (text, "")
        steps.append({"n": n, "text": text, "name": name, "detail": detail})
    return {"title": c.meta[lang]["approach_title"], "steps": steps}


def group_cards(renderer, lang: str, shown, in_lead: set) -> list[dict]:
    """Each star — or, when the report has none, each focus area (a group of figures.yml) with results not already
    in the lead — as a card: name, colour, icon, finding, headline and a few more of its results."""
    c, figs = renderer.c, renderer.r.figures
    meta = c.meta[lang]
    out = []
    if c.stars:
        for s in c.stars:
            head = renderer.figs[s.headline]
            mine = [f for f in figs.figures if f.group == s.id and f.id != s.headline and f.role in SHOWN_AS_DONE]
            page = next((p.slug for p in c.pages[lang].values() if p.star == s.id), "")
            out.append({"id": s.id, "kind": "star", "name": s.names[lang] + meta["star_suffix"], "colour": s.colour,
                        "icon": s.icon, "page": page, **finding_of(renderer, s.id, head, lang),
                        "headline": shown(head), "more": [shown(f) for f in mine[:MORE]]})
        return out
    for a in figs.areas:
        mine = [f for f in figs.figures if f.group == a["id"] and f.role in SHOWN_AS_DONE and f.id not in in_lead]
        if not mine:
            continue
        out.append({"id": a["id"], "kind": "area", "name": a[lang], "colour": GREY, "icon": "", "page": "",
                    **finding_of(renderer, a["id"], mine[0], lang),
                    "headline": shown(mine[0]), "more": [shown(f) for f in mine[1:MORE + 1]]})
    return out


def finding_of(renderer, group: str, head, lang: str) -> dict:
    """A group's finding as the image says it (text) and as the page marks it (finding_html)."""
    html = finding(renderer, group, head, lang)
    return {"finding": plain_text(html), "finding_html": html}


def finding(renderer, group: str, head, lang: str) -> str:
    """One sentence of what a group achieved, as HTML with each figure marked (data-fig): the title of a chart of its
    results alone (the editor's finding, with the data's numbers), the one drawing its headline first; '' when no
    chart holds its results alone."""
    figs = renderer.figs
    charts = [ch for ch in renderer.r.figures.charts
              if all(fid in figs and figs[fid].group == group and figs[fid].role in SHOWN_AS_DONE
                     for fid in ch.figures)]
    charts.sort(key=lambda ch: head.id not in ch.figures)
    return renderer.editorial(charts[0].title[lang], lang, cls="") if charts else ""


def relation_view(renderer, r: dict, lang: str, shown) -> dict:
    """A part-to-whole relation: its sentence, its total, its parts in the colour of the total's star (grey for a
    group of no star), lighter each part — as the page's parts chart draws it."""
    total = shown(renderer.figs[r["total"]])
    parts = [shown(renderer.figs[p]) for p in r["parts"]]
    html = renderer.editorial(r[lang], lang, cls="")   # the page's: each figure marked with its id
    return {"id": r["id"], "text": plain_text(html), "html": html, "total": total, "parts": parts,
            "colours": part_colours(total["colour"], len(parts))}


def money_view(renderer, lang: str, shown) -> dict:
    """The sums of money the article reports as results (no target, no threshold: they are no sums spent), each
    with the group it belongs to; whether the article states a total of them; the site's money sums apart."""
    figs = renderer.r.figures
    money = [f for f in figs.figures if STYLES[f.style].dimension == "money" and f.role == "result"]
    totals = {r["total"] for r in figs.relations}
    out = []
    for f in money:
        view = shown(f)
        view["group_name"] = renderer.group_name(f.group, lang) if f.group else ""
        out.append(view)
    derived = [shown(d) for d in figs.derived if STYLES[d.style].dimension == "money"]
    return {"figures": out, "derived": derived, "no_total": not any(f.id in totals for f in money)}


def footer_lines(renderer, lang: str) -> list[dict]:
    """Who issued it, where it comes from and when, who wrote the article (the image has no photos, so a credit
    for text and photos names the writers only), the period, and who made this: each line with its role."""
    c, t = renderer.c, renderer.strings[lang]
    meta, colon = c.meta[lang], t["colon"]
    lines = [("issuer", f"{t['issuer']}{colon}{meta['issuer']}")] if meta.get("issuer") else []
    lines += [("source", f"{t['footer_source']}{colon}{meta['source']}"),
              ("date", f"{t['article_date']}{colon}{meta['date']}")]
    credits = without_photo_credit(meta["credits"], t["photo_credit_marks"])
    if credits:
        lines.append(("credits", f"{t['explainer_credits']}{colon}{credits}"))
    if meta.get("period"):
        lines.append(("period", f"{t['period']}{colon}{meta['period']}"))
    published = f"{t['published_by']}{colon}{meta['publisher']}"
    if c.first_published:
        published += f" · {t['first_published']}{colon}{c.first_published.strftime(t['date_format'])}"
    return [{"role": role, "text": text} for role, text in [*lines, ("publisher", published)]]


def image_alt(model: dict, t: dict) -> str:
    """The long image's alternative text: what it is, its title and its sections in order (its every text follows
    it on the page)."""
    heads = ([t["explainer_lead"]] if model["headline"] or model["lead"] else []) \
        + ([model["approach"]["title"]] if model["approach"] else []) \
        + ([model["groups_title"]] if model["groups"] else []) + [r["total"]["label"] for r in model["relations"]] \
        + ([t["explainer_money"]] if model["money"]["figures"] or model["money"]["derived"] else []) \
        + ([t["explainer_targets"]] if model["targets"] else [])
    return t["explainer_img_alt"].format(title=model["title"], sections=t["sep"].join(heads))


def without_photo_credit(credits: str, marks: list[str]) -> str:
    """A byline without the words that credit text and photos together (文/图, "Text and photos:"): said of a
    picture without photos they claim photos it does not show."""
    for mark in sorted(marks, key=len, reverse=True):   # "Text and photos by" before "Text and photos"
        credits = re.sub(r"[(（]?\s*" + re.escape(mark) + r"\s*[)）]?", " ", credits, flags=re.IGNORECASE)
    return " ".join(credits.split()).strip(" ;；,，:：")


def part_colours(colour: str, n: int) -> list[str]:
    """Colours of n parts: the total's colour (grey for a group of no star), lighter each part, as the page's
    parts chart shades them (render/charts.py SHADES)."""
    return [tint(colour, SHADES[min(k, len(SHADES) - 1)]) for k in range(n)]
