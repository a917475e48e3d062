"""The kinds of page and of ::: block a report can use: one entry each, read by every stage.

A new block is its template, templates/pages/blocks/NAME.html, and an entry in BLOCKS. The template gets the
page's context (`page`, `t`, `meta`, `root` …) and the block's arguments as `args`; a block that needs more
(figures looked up, texts rendered) has a function in render/blocks.py, registered by @block(NAME), that renders
it instead.

A new page type is its template, templates/pages/NAME.html, and an entry in PAGE_TYPES; a method
Renderer.context_NAME(page) adds to its context if it needs more than every page has.

A new chart kind is an entry in CHART_KINDS naming its static drawing on the page (a template of
templates/pages/chart_kinds/) and its drawing on the chart's own picture (a function of render/chartcard.py,
registered by @picture(NAME)); a chart of a kind without a picture drawing is refused at check time.

The checks take from here which blocks exist and what their arguments name (check/validate.py), the reader
which page types an editor may write (read/content.py), the renderer and the pictures what a page type shows,
and the figures' check, the charts' rows and the pictures what each chart kind draws and takes.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BlockType:
    """A `::: NAME ARGS` line of a page."""

    args: str = ""             # what its arguments name: "units" (seed units), "group" (a figures group),
    #                            "page" (a page's slug), "" (it takes none)
    needs_stars: bool = False  # made of the stars: refused in a report without stars


BLOCKS: dict[str, BlockType] = {
    "seed": BlockType("units"),        # units of the article, word for word
    "approach": BlockType(),           # the approach's items (report.yml approach:)
    "stars": BlockType(needs_stars=True),
    "photos": BlockType(),             # the article's photos placed on this page
    "figures": BlockType("group"),     # a group's figures as tiles
    "charts": BlockType("page"),       # the charts figures.yml puts on a page
    "kpis": BlockType(),
    "overview": BlockType(),
    "summary": BlockType(needs_stars=True),
    "article": BlockType(),            # the whole article, with its credits and notes
    "credits": BlockType(),
    "notes": BlockType(),
    "corrections": BlockType(),
}


@dataclass(frozen=True)
class PageType:
    """A page's `template:` in its front matter."""

    written: bool = True        # an editor writes it in site_src/pages/ (else the build makes it: one per chart)
    headline: bool = False      # its share card shows the report's headline figure (report.yml headline:)
    report_title: bool = False  # its title in <title>, link previews and its card is the article's own title
    card: str = "page"          # its share card: "page" (title and a figure), "stars" (the report's title and each
    #                             star's emblem and headline figure; "page" for a report of no stars), "long image"
    #                             (the 一图读懂 in small, when the report has one), "chart" (the chart itself);
    #                             render/pictures.py: page_jobs


PAGE_TYPES: dict[str, PageType] = {
    "home": PageType(headline=True, report_title=True, card="stars"),
    "star": PageType(),
    "overview": PageType(headline=True),
    "work": PageType(),
    "article": PageType(),
    "about": PageType(),
    "search": PageType(),
    "summary": PageType(headline=True),
    "explainer": PageType(card="long image"),
    "chart": PageType(written=False, card="chart"),
}


@dataclass(frozen=True)
class ChartKind:
    """A chart's `kind:` in figures.yml: how its page and its picture draw it, what its marks measure, and what
    figures it takes. The page and the picture draw the same rows (render/charts.py: chart_context), so the
    picture people download and forward is the chart of the page."""

    template: str              # its static drawing on the page: a template of templates/pages/ (blocks/chart.html
    #                            includes it), given `c` (the chart: rows, total, parts …) and the page's context
    picture: str = ""          # its drawing on the chart's picture (share.png and chart.svg): the name of a function
    #                            of render/chartcard.py registered by @picture(NAME); "" = none, and refused
    scale: str = ""            # what its marks measure: "largest" (each figure a length against the largest),
    #                            "total" (the parts, side by side, in the length of their total), "count" (one mark
    #                            per thing counted), "" (nothing: the numbers themselves)
    live: bool = False         # Plotly adds hover and tap to its marks (charts.js loads plotly.js for it)
    relation: bool = False     # it draws a relation of figures.yml: a total the article states, and its parts
    one_measure: bool = False  # its figures share one axis: one kind of quantity in one unit


CHART_KINDS: dict[str, ChartKind] = {
    "bar": ChartKind("chart_kinds/bar.html", picture="bar", scale="largest", live=True, one_measure=True),
    "parts": ChartKind("chart_kinds/parts.html", picture="parts", scale="total", live=True, relation=True),
    "icons": ChartKind("chart_kinds/icons.html", picture="icons", scale="count"),
    "tiles": ChartKind("chart_kinds/tiles.html", picture="tiles"),
}
SCALES = ("largest", "total", "count", "")   # what render/charts.py knows how to measure
