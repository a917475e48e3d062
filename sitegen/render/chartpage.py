"""A chart's own page (<lang>/charts/<id>/): which charts have one, what it shows beyond the chart — how to reuse it
(the licence or whom to ask, the credit, its data as CSV, a snippet that embeds its static picture) and the
related charts of the same star — and the date and licence line its picture carries."""
from __future__ import annotations

from html import escape

from ..read.content import Page
from ..typography import plain_text
from .reuse import reuse_terms

CHART_DIR = "charts"           # <lang>/charts/<id>/: a page per chart, its card (share.png), chart.png, chart.svg


def chart_pages(renderer, lang: str) -> list[Page]:
    """Each chart on a page of its own, whose link preview is that chart."""
    where = str(renderer.c.root / "figures.yml")
    colon = renderer.strings[lang]["colon"]
    out = []
    for ch in renderer.r.figures.charts:
        if ch.page in renderer.c.pages[lang]:
            title = plain_text(renderer.editorial(ch.title[lang], lang))
            # the page it is on and its title lead the description: two charts (on two pages) may share a title
            # and a caption, never a page's description
            home = renderer.c.pages[lang][ch.page].title
            description = f"{home} · {title}{colon}{plain_text(renderer.editorial(ch.caption[lang], lang))}"
            out.append(Page(f"{CHART_DIR}/{ch.id}", lang, where, title, "chart", description, None, (), False,
                            {"title": ch.line}))
    return out


def chart_of(renderer, page: Page):
    """The chart a chart page shows."""
    return next(ch for ch in renderer.r.figures.charts if f"{CHART_DIR}/{ch.id}" == page.slug)


def related_charts(renderer, chart, lang: str) -> list[dict]:
    """The other charts of the same page, then those of the pages of the same star: title and address (relative to
    a chart page)."""
    pages = renderer.c.pages[lang]
    star = pages[chart.page].star if chart.page in pages else None
    same_page = [ch for ch in renderer.r.figures.charts if ch.page == chart.page]
    same_star = [ch for ch in renderer.r.figures.charts if star and ch.page != chart.page and ch.page in pages
                 and pages[ch.page].star == star]
    return [{"title": plain_text(renderer.editorial(ch.title[lang], lang)), "url": f"../{ch.id}/"}
            for ch in same_page + same_star if ch.id != chart.id and ch.page in pages]


def picture_reuse_line(renderer, lang: str) -> str:
    """The line a chart's picture carries besides its source: the report's date and the licence of the site's
    charts (or that reuse needs the publisher's consent)."""
    t, c = renderer.strings[lang], renderer.c
    day = renderer.date_shown(c.last_updated, lang) if c.last_updated else ""
    terms = c.licence["name"] if c.licence else t["picture_ask"]
    return t["picture_reuse"].format(date=day, terms=terms) if day else terms


def embed_snippet(renderer, page: Page, title: str) -> str:
    """HTML another site pastes to show the chart's static picture, linked to its page, with the credit."""
    url = renderer.page_url(page)
    terms = reuse_terms(renderer, page.lang)
    credit = renderer.strings[page.lang]["embed_credit"].format(credit=terms["credit"])
    if terms["licence"]:
        credit += f' · <a href="{escape(terms["licence"]["url"])}">{escape(terms["licence"]["name"])}</a>'
    return (f'<figure><a href="{escape(url)}"><img src="{escape(url)}chart.svg" alt="{escape(title)}" '
            f'style="max-width:100%;height:auto"></a><figcaption>{credit}</figcaption></figure>')


def chart_page_context(renderer, page: Page) -> dict:
    """What a chart page's template is given: the chart, the page it is on, related charts and the reuse panel."""
    from .charts import chart_context

    chart = chart_of(renderer, page)
    return {"chart": chart_context(chart, renderer, page.lang), "chart_home": renderer.c.pages[page.lang][chart.page],
            "related": related_charts(renderer, chart, page.lang),
            "embed": embed_snippet(renderer, page, page.title)}
