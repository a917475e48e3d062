"""The ::: blocks whose template needs more than the page and the block's arguments: one function each,
(renderer, page, *args) -> HTML, found by the block's name. sitegen/registry.py lists every block and what its
arguments are; a block with no function here renders its template (templates/pages/blocks/NAME.html) with the
page alone (Renderer.render_part)."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..read.content import Page
from .charts import chart_context

if TYPE_CHECKING:
    from .pages import Renderer

RENDER: dict[str, Callable[..., str]] = {}


def block(name: str):
    """Register the function that renders the block `name`."""
    def register(fn):
        RENDER[name] = fn
        return fn
    return register


@block("seed")
def seed(r: Renderer, page: Page, *uids: str) -> str:
    headings = {s.id for s in r.r.article.sections}
    items = [{"id": u, "html": r.unit_html(u, page.lang), "paras": r.unit_paras(u, page.lang),
              "heading": u in headings} for u in uids]
    return r.block("seed", page.lang, items=items)


@block("approach")
def approach(r: Renderer, page: Page) -> str:
    if not r.c.approach:
        return ""
    a = r.c.approach
    items = [(r.display_zh(i["zh"]) if page.lang == "zh" else i[page.lang]) if page.lang in i else i["en"]
             for i in a["items"]]
    return r.block("approach", page.lang, items=items, source=a["source"])


@block("stars")
def stars(r: Renderer, page: Page) -> str:
    cards = [{"star": s, "icon": r.icons.get(s.icon, ""),
              "fig": r.figure_view(r.figs[s.headline], page.lang)}
             for s in r.c.stars]
    return r.block("stars", page.lang, cards=cards, columns=4 if len(cards) % 4 == 0 else 3)


@block("photos")
def photos(r: Renderer, page: Page) -> str:
    from urllib.parse import quote  # a file name with spaces or Chinese is a valid src once quoted

    # a caption without its photo is never a placeholder on a page: article.yml's missing_photos decides
    # whether it is listed in the article page's note (article, below)
    photos = [{"id": p.caption, "html": r.unit_html(p.caption, page.lang),
               "file": quote(r.photo_file(p.caption))}
              for p in r.c.photos if p.page == page.slug and r.photo_file(p.caption)]
    return r.block("photos", page.lang, photos=photos) if photos else ""


@block("figures")
def figures(r: Renderer, page: Page, group: str) -> str:
    """The group's tiles: its star's headline first, then the figures no chart of this page draws (a
    number is shown once as a figure: a tile or a bar; the article's sentence states it in words)."""
    figs = r.tile_figures(page, group)
    return r.block("figures", page.lang, figs=[r.figure_view(f, page.lang) for f in figs], anchors=True,
                      lead=figs[0].id if figs and r.is_headline(figs[0]) else "")


@block("charts")
def charts(r: Renderer, page: Page, slug: str) -> str:
    shown = [chart_context(ch, r, page.lang) for ch in r.charts_for(slug)]
    return r.block("charts", page.lang, charts=shown)


@block("kpis")
def kpis(r: Renderer, page: Page) -> str:
    lang = page.lang
    heads = [r.figure_view(r.figs[s.headline], lang) for s in r.c.stars]
    return r.block("kpis", lang, headline=r.report_headline(lang), heads=heads)


@block("summary")
def summary(r: Renderer, page: Page) -> str:
    lang = page.lang
    view = [{"star": s, "icon": r.icons.get(s.icon, ""),
             "figs": [r.figure_view(f, lang) for f in r.r.figures.figures if f.group == s.id]}
            for s in r.c.stars]
    return r.block("summary", lang, stars_view=view, headline=r.report_headline(lang))


@block("overview")
def overview(r: Renderer, page: Page) -> str:
    lang = page.lang
    groups = []
    for gid in [s.id for s in r.c.stars] + [a["id"] for a in r.r.figures.areas]:
        figs = [r.figure_view(f, lang) for f in r.r.figures.figures if f.group == gid]
        if figs:
            groups.append({"id": f"group-{gid}", "name": r.group_name(gid, lang),
                           "star": bool(r.c.star(gid)), "figs": figs})
    relations = [{"text": r.editorial(rel[lang], lang)} for rel in r.r.figures.relations]
    derived = [r.figure_view(d, lang) for d in r.r.figures.derived]
    return r.block("overview", lang, groups=groups, relations=relations, derived=derived)


@block("article")
def article(r: Renderer, page: Page) -> str:
    a = r.r.article
    captions = [{"id": b.id, "html": r.unit_html(b.id, page.lang), "file": r.photo_file(b.id)}
                for b in a.captions]
    sections = [{"heading": {"id": s.id, "html": r.unit_html(s.id, page.lang)},
                 "paragraphs": [r.paragraph_view(p, page.lang) for p in s.paragraphs]} for s in a.sections]
    return r.block("article", page.lang, translated=page.lang != r.c.source_lang,
                   intro=[r.paragraph_view(p, page.lang) for p in a.intro],
                   sections=sections, credits=[r.c.meta[page.lang]["credits"]] if a.credits else [],
                   captions=[c for c in captions if c["file"]],
                   photo_note=[c for c in captions if not c["file"]] if r.c.missing_photos == "note" else [])


@block("credits")
def credits(r: Renderer, page: Page) -> str:
    """The byline, one way everywhere: report.yml's meta credits (the article's credit lines as the editor reads
    them), not the seed's lines as printed (通讯员 张静文/图 and 张静 文/图 would be two bylines)."""
    return r.block("credits", page.lang, lines=[r.c.meta[page.lang]["credits"]])


@block("notes")
def notes(r: Renderer, page: Page) -> str:
    """What a reader needs of the source: where and when it appeared, who publishes the site. The editors' working
    notes on the seed (a stray line, how a credit was read: article.yml stray, credit_notes) are not published:
    the proof sheet lists them."""
    return r.block("notes", page.lang)


@block("corrections")
def corrections(r: Renderer, page: Page) -> str:
    lang = page.lang
    items = [{"n": n, "date": e.date.isoformat(), "shown": r.date_shown(e.date, lang), "unit": e.unit,
              "old": e.old, "new": e.new, "why": e.why[lang]}
             for n, e in enumerate(r.c.edits, start=1)]
    return r.block("corrections", lang, items=items)
