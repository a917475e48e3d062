"""render_*: the validated Report -> page bodies (HTML) for docs/, one per page and language. Pure."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..check.validate import Report
from ..numbers import writing
from ..read.content import Directive, Page, md_html_raw
from ..read.files import read_text
from ..registry import CHART_KINDS, PAGE_TYPES
from ..typography import typeset_html, typeset_text, typeset_tree
from .articletext import ArticleText, first_glosses
from .blocks import RENDER as BLOCK_RENDER
from .chartpage import CHART_DIR, chart_of, chart_page_context, chart_pages
from .reuse import reuse_terms
from .templates import load_strings, make_env

LONG_IMAGE = "longimage.png"   # the 一图读懂 PNG, beside the explainer page's index.html (and longimage.json)
SAFE_URL = re.compile(r"^(?:https?://|mailto:|#|\.{0,2}/|[a-z0-9_-]+(?:/|\.html|\.csv|\.json|#|$))", re.I)


@dataclass(frozen=True)
class RenderedPage:
    lang: str
    slug: str
    path: str          # docs/<lang>/<path>
    front: dict        # front matter the theme reads
    body: str


def md_to_html(text: str) -> str:
    """Editor Markdown -> HTML, with raw HTML shown as text and unsafe link targets dropped."""
    html = md_html_raw(text)
    return re.sub(r'href="([^"]*)"', lambda m: m.group(0) if SAFE_URL.match(m.group(1)) else 'href="#"', html)


def no_memo(kind: str, key: str, make) -> bytes:
    """A Renderer's memo when none is given: everything is made anew."""
    return make()


class Renderer(ArticleText):
    """Renders every page of one report; holds the lookups all pages share.

    It reads templates and writes nothing: what is slow to make (QR codes, Plotly JSON) goes through memo(kind,
    key, make) -> bytes, which the build gives as its .cache/ (write/cache.py) and tests may leave out; compiled
    templates go to the Jinja bytecode_cache given, if any."""

    def __init__(self, report: Report, templates: Path, site_url: str = "", memo=no_memo,
                 bytecode_cache: jinja2.BytecodeCache | None = None):
        self.site_url = site_url
        self.memo = memo
        self.r = report
        self.c = report.content
        self.env = make_env(templates, bytecode_cache)
        self.strings = load_strings(templates)
        self.icons = {p.stem: read_text(p, "icon", templates).strip()
                      for p in sorted((templates / "icons").glob("*.svg"))}
        self.figs = report.figures.by_id()
        self.cands = {}
        for x in report.candidates:
            self.cands.setdefault(x.paragraph, {}).setdefault(x.text, x)
        self.nav = self.c.nav

    # ---- pages --------------------------------------------------------------------------
    def render_all(self) -> list[RenderedPage]:
        """Every page in every language."""
        return [self.render_page(p) for lang in self.c.languages for p in self.ordered(lang)]

    def ordered(self, lang: str) -> list[Page]:
        """Menu pages in nav order, then the pages reached otherwise (search), then one page per chart."""
        pages = self.c.pages[lang]
        return ([pages[s] for s in self.nav if s in pages] + [p for s, p in sorted(pages.items()) if s not in self.nav]
                + self.chart_pages(lang))

    def chart_pages(self, lang: str) -> list[Page]:
        """<lang>/charts/<id>/: each chart on a page of its own (render/chartpage.py)."""
        return chart_pages(self, lang)

    def chart_of(self, page: Page):
        """The chart a chart page shows."""
        return chart_of(self, page)

    def render_page(self, page: Page) -> RenderedPage:
        """One page: its blocks rendered, then its template."""
        lang = page.lang
        blocks = [self.render_part(part, page) for part in page.parts]
        # charts.js and plotly.js (and inline styles, for Plotly) only where a chart is interactive: bar and parts
        has_charts = any(isinstance(d, Directive) and d.name == "charts"
                         and any(CHART_KINDS[ch.kind].live for ch in self.charts_for(d.args[0])) for d in page.parts) \
            or (page.template == "chart" and CHART_KINDS[self.chart_of(page).kind].live)
        star = self.c.star(page.star) if page.star else None
        pos = self.c.stars.index(star) if star else 0
        ctx = self.base_context(lang, page_root(page)) | {
            "loop_index": pos + 1,
            "prev": self.c.stars[pos - 1] if star and pos > 0 else None,
            "next": self.c.stars[pos + 1] if star and pos + 1 < len(self.c.stars) else None,
            "page": page, "blocks": blocks, "star": star, "star_icon": self.icons.get(star.icon, "") if star else "",
            "star_figures": [self.figure_view(f, lang) for f in self.r.figures.figures if star and f.group == star.id],
        }
        ctx["share"] = self.share_context(page)
        more = getattr(self, f"context_{page.template}", None)  # what a page type needs beyond every page's
        if more is not None:
            ctx |= more(page)
        body = typeset_html(first_glosses(self.env.get_template(f"{page.template}.html").render(ctx)), lang)
        front = {"title": typeset_text(page.title, lang), "head_title": typeset_text(self.head_title(page), lang),
                 "description": typeset_text(page.description, lang),
                 "kind": page.template,
                 "has_charts": has_charts, "accent": star.colour if star else "", "search": page.template == "search"}
        path = "index.md" if page.slug == "index" else f"{page.slug}.md"
        return RenderedPage(lang, page.slug, path, front, body)

    def context_home(self, page: Page) -> dict:
        """The home page: the report's headline figure in its hero (its first screen on a phone)."""
        return {"headline": self.headline(page)}

    def context_chart(self, page: Page) -> dict:
        """A chart's own page: the chart, the page it belongs to, related charts, how to reuse it."""
        return chart_page_context(self, page)

    def context_explainer(self, page: Page) -> dict:
        """The 一图读懂 page: the model its long image and its text are made of, and the image (render/explainer.py)."""
        from .explainer import explainer_context

        return explainer_context(self, page.lang)

    def head_title(self, page: Page) -> str:
        """<title> and og:title: the page and the report ("产业兴旺星 · 白衣阁乡“五星”支部创建"); the home
        page is the report's own title, so a link preview never shows a bare menu label such as "首页"."""
        from html import unescape
        site = self.c.meta[page.lang]["site_name"]
        if PAGE_TYPES[page.template].report_title:
            title = unescape(re.sub("<[^>]+>", "", self.unit_html("title", page.lang))).strip()
            return f"{title} · {site}" if title and title != site else site
        return f"{page.title} · {site}"

    def page_url(self, page: Page) -> str:
        """The page's absolute, canonical URL."""
        path = "" if page.slug == "index" else f"{page.slug}/"
        return f"{self.site_url.rstrip('/')}/{page.lang}/{path}"

    def headline(self, page: Page):
        """The figure a page's share card shows: its star's headline; on home, overview and summary the
        report's headline (report.yml), if the editor named one. Never a sum the site made up."""
        if page.star and self.c.star(page.star):
            return self.figure_view(self.figs[self.c.star(page.star).headline], page.lang)
        if PAGE_TYPES[page.template].headline and self.report_headline(page.lang):
            return self.report_headline(page.lang)
        return None

    def report_headline(self, lang: str) -> dict | None:
        """report.yml headline as a view (a derived one only when figures.yml marks it headline: true)."""
        h = self.c.headline
        if not h or not (h in self.figs or any(d.id == h and d.headline for d in self.r.figures.derived)):
            return None
        return self.figure_view(self.any_figure(h), lang)

    def share_spec(self, page: Page) -> dict:
        """What the page's share card (1200x630 PNG) shows."""
        from html import unescape
        star = self.c.star(page.star) if page.star else None
        head = self.headline(page)
        number = unit = label = ""
        if head:
            sep = " " if writing(page.lang).spaced else ""
            number = sep.join(x for x in (head["before"], head["prefix"], head["number"]) if x)
            unit = f"{head['unit']}{head['after']}"
            label = f"{self.strings[page.lang]['derived']} · {head['label']}" if head["derived"] else head["label"]
        if PAGE_TYPES[page.template].report_title:
            title = unescape(re.sub("<[^>]+>", "", self.unit_html("title", page.lang)))
        else:
            title = page.title
        return typeset_tree({"site_name": self.c.meta[page.lang]["site_name"], "title": title,
                "kicker": self.c.meta[page.lang]["place"] if not star else star.names[page.lang],
                "number": number, "unit": unit, "label": label,
                "accent": star.colour if star else "#b3261e", "lang": page.lang,
                "icon": self.icons.get(star.icon, "") if star else ""}, page.lang)

    def share_context(self, page: Page) -> dict:
        """The share panel: the page's URL, its QR code (inline SVG), the share image."""
        def make() -> bytes:
            from .draw.qr import qr_svg  # segno and Pillow are imported only when the cache lacks the code

            return qr_svg(url, title=title).encode("utf-8")

        url = self.page_url(page)
        title = f"{self.strings[page.lang]['qr_title']}{self.strings[page.lang]['colon']}{url}"
        svg = self.memo("qr", f"{url}\0{title}", make)
        explainer = self.explainer_page(page.lang)
        link = f"{page_root(page)}{explainer.slug}/" if explainer else ""
        return {"url": url, "qr": svg.decode("utf-8"), "explainer": link,
                "explainer_title": explainer.title if explainer else "",
                "long_image": f"{link}{LONG_IMAGE}" if link else "",
                "long_image_name": self.long_image_name(page.lang)}

    def explainer_page(self, lang: str) -> Page | None:
        """The language's 一图读懂 page (template explainer), if the report has one."""
        return next((p for p in self.ordered(lang) if p.template == "explainer"), None)

    def long_image_name(self, lang: str) -> str:
        """The file name a download of the long image gets: the site's name and the page's."""
        page = self.explainer_page(lang)
        name = f"{self.c.meta[lang]['site_name']}-{page.title}" if page else ""
        return re.sub(r'[\\/:*?"<>|\s]+', "-", name).strip("-") + ".png" if page else ""

    def base_context(self, lang: str, root: str = "") -> dict:
        """What every template may use; root leads from the page to the language's top (page_root)."""
        c = self.c
        return {"lang": lang, "t": self.strings[lang], "meta": c.meta[lang],
                "title": self.unit_html("title", lang), "subtitle": self.unit_html("subtitle", lang) if
                self.r.article.subtitle else "", "stars": c.stars, "icons": self.icons,
                "root": root, "chart_dir": CHART_DIR, "reuse": reuse_terms(self, lang)}

    def render_part(self, part, page: Page) -> str:
        """A Markdown chunk or a ::: block."""
        if isinstance(part, str):
            return md_to_html(part)
        made = BLOCK_RENDER.get(part.name)  # a block whose template needs only the page and its arguments has none
        if made is None:
            return self.block(part.name, page, args=list(part.args))
        return made(self, page, *part.args)

    def block(self, name: str, page: Page, **ctx) -> str:
        """A ::: block's template, given the page it is on explicitly (as MkDocs' get_context is): no page state
        is kept on the renderer."""
        return self.env.get_template(f"blocks/{name}.html").render(
            self.base_context(page.lang, page_root(page)) | {"page": page} | ctx)

    # ---- ::: blocks ------------------------------------------------------------------------
    def photo_file(self, caption: str) -> str | None:
        """The image file of a caption, if the content has it (named and present in photos/)."""
        p = next((p for p in self.c.photos if p.caption == caption), None)
        return p.file if p and p.file and (self.c.root / "photos" / p.file).is_file() else None

    def is_headline(self, f) -> bool:
        """Whether a figure is its star's headline (report.yml stars: headline)."""
        star = self.c.star(f.group) if f.group else None
        return bool(star and star.headline == f.id)

    def tile_figures(self, page: Page, group: str) -> list:
        """Which figures of a group a page shows as tiles (the figures block: render/blocks.py)."""
        charted = {fid for ch in self.charts_for(page.slug) for fid in ch.figures}
        figs = [f for f in self.r.figures.figures if f.group == group]
        heads = [f for f in figs if self.is_headline(f)]
        shown = [f for f in figs if f not in heads and f.id not in charted]
        later = {f.id for f in heads + shown}  # an earlier value is shown in its later value's tile (41% → 68%)
        return heads + [f for f in shown if not (f.role == "baseline" and f.to in later)]

    def charts_for(self, slug: str) -> list:
        return [ch for ch in self.r.figures.charts if ch.page == slug]

    def paragraph_view(self, block, lang: str) -> dict:
        segs = block.segments or ()
        segments = [{"id": s.id, "html": self.unit_html(s.id, lang, True), "paras": self.unit_paras(s.id, lang, True)}
                    for s in segs]
        return {"id": block.id, "segments": segments, "split": any(len(s["paras"]) > 1 for s in segments)}


def page_root(page: Page) -> str:
    """The way from a page up to its language's top: "" for the home page, "../" per folder otherwise."""
    return "" if page.slug == "index" else "../" * (page.slug.count("/") + 1)
