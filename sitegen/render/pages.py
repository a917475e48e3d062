"""render_*: the validated Report -> page bodies (HTML) for docs/, one per page and language. Pure."""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import jinja2

from ..check.figures import REF
from ..check.validate import Report
from ..numbers import format_en, writing
from ..read.content import Directive, Page, md_html_raw
from ..read.files import read_text
from ..registry import CHART_KINDS, PAGE_TYPES
from .blocks import RENDER as BLOCK_RENDER
from .charts import chart_context
from .figureview import en_prose, figure_view, zh_prose, zh_shown
from .reuse import reuse_terms
from .templates import load_strings, make_env
from .typography import typeset_html, typeset_text, typeset_tree, zh_punctuation

CHART_DIR = "charts"           # <lang>/charts/<id>/: a page per chart, its card (share.png), chart.png, chart.svg
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


class Renderer:
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
        self.root = ""
        self.glossed_at: dict[str, str] = {}   # glossary term -> the unit of the page that explains it

    # ---- text of the article -------------------------------------------------------------
    def unit_html(self, uid: str, lang: str) -> str:
        """One unit's text, escaped, numbers marked (zh as written; other languages from the data)."""
        if lang == self.c.source_lang:
            return self.mark_source(uid)
        text = self.c.translations[lang][uid].text
        out, last = [], 0
        for m in REF.finditer(text):
            out.append(escape(text[last:m.start()]))
            out.append(self.ref_html(uid, m.group(1), lang))
            last = m.end()
        out.append(escape(text[last:]))
        return self.glossed(sentence_case("".join(out)), uid)

    def glossed(self, html: str, uid: str) -> str:
        """A translated unit with the glossary's gloss after the first mention of each glossed term on the page
        (the same unit asked again gets it again, so every part of a block agrees)."""
        for g in self.c.glossary:
            if not g.get("gloss") or g["zh"] not in self.r.units.get(uid, ""):
                continue
            if self.glossed_at.setdefault(g["zh"], uid) != uid:
                continue
            at = next((html.lower().find(escape(f).lower()) for f in [g["en"], *g["also"]]
                       if escape(f).lower() in html.lower()), -1)
            if at < 0:
                continue
            end = at + len(next(escape(f) for f in [g["en"], *g["also"]] if escape(f).lower() in html.lower()))
            closing = next((q for q in ("&quot;", "&#x27;", "”", "’") if html.startswith(q, end)), "")
            end += len(closing)      # after the term's closing quotation mark: "Three Zeros" (…)
            html = f'{html[:end]} <span class="gloss">({escape(g["gloss"])})</span>{html[end:]}'
        return html

    def unit_paras(self, uid: str, lang: str) -> list[str]:
        """A unit's text as paragraphs: a translation may break a long unit where the Chinese runs on (a
        blank line in its text, a line break once YAML has folded it); the Chinese is always one."""
        if lang == self.c.source_lang:
            return [self.unit_html(uid, lang)]
        html = self.unit_html(uid, lang)
        # a folded scalar (>-) keeps a blank line as one line break; a literal one (|) as two, and its single
        # breaks are only the editor's line ends
        parts = re.split(r"\n\s*\n", html) if "\n\n" in html else html.split("\n")
        return [" ".join(p.split("\n")) for p in parts if p.strip()] or [""]

    def ref_html(self, uid: str, ref: str, lang: str) -> str:
        """A {…} reference of a translation, written from the figure data."""
        fig = next((f for f in self.r.figures.in_unit(uid) if f.text == ref), None)
        if fig:
            return f'<span class="fig" data-fig="{fig.id}">{escape(en_prose(fig))}</span>'
        x = self.cands[uid][ref]
        style = self.c.style_of(x.unit) or "count"
        return escape(format_en(x.value, style, x.qualifier, value_max=x.value_max))

    def display_zh(self, text: str) -> str:
        """Seed text as readers see it (article.yml's punctuation; same length, so positions carry over)."""
        return zh_punctuation(text) if self.c.punctuation == "full-width" else text

    def mark_source(self, uid: str) -> str:
        """The source text with each figure wrapped (data-fig: its id), found at its quote in the seed as written."""
        seed = self.r.units[uid]
        text = self.display_zh(seed)
        spans = []
        for f in self.r.figures.in_unit(uid):
            q = seed.find(f.quote)
            if q >= 0:
                start = q + f.quote.index(f.text)
                before, _, after = zh_shown(f)
                # the mark covers the qualifier words the article writes around the number (近3000户)
                a = start - len(before) if before and text[:start].endswith(before) else start
                b = start + len(f.text)
                b += len(after) if after and text.startswith(after, b) else 0
                spans.append((a, b, f.id))
        out, last = [], 0
        for a, b, fid in sorted(spans):
            if a < last:   # two figures of one text (the first, by id, marks it)
                continue
            out += [escape(text[last:a]), f'<span class="fig" data-fig="{fid}">{escape(text[a:b])}</span>']
            last = b
        out.append(escape(text[last:]))
        return "".join(out).replace("\n", "<br>\n")  # a signature's lines (article.is_signature)

    def editorial(self, text: str, lang: str, cls: str = "fig") -> str:
        """Editorial text with {figure_id} written from the data, escaped; each figure in a span of its id (data-fig),
        of class cls (fig: set as a figure; '' where the text is set plain)."""
        from ..check.figures import FIG_REF

        attr = f' class="{cls}"' if cls else ""

        def one(m):
            f = self.figs[m.group(1)]
            shown = zh_prose(f) if lang == "zh" else en_prose(f)
            return f'<span{attr} data-fig="{f.id}">{escape(shown)}</span>'
        out, last = [], 0
        for m in FIG_REF.finditer(text):
            out += [escape(text[last:m.start()]), one(m)]
            last = m.end()
        return sentence_case("".join(out) + escape(text[last:]))

    # ---- figures ------------------------------------------------------------------------
    def figure_view(self, f, lang: str) -> dict:
        """What tiles, tables, charts, cards and downloads show of a figure (render/figureview.py)."""
        return figure_view(self, f, lang)

    def formula_words(self, d, lang: str, marked: bool = False) -> str:
        """How a derived figure is computed, in words: '2000万元 + 800万元' / 'CNY 20 million + CNY 8 million';
        marked: as HTML, each part in a span of its figure's id (data-fig)."""
        parts = [self.figure_view(self.figs[p], lang)["prose"] for p in d.parts]
        if marked:
            parts = [f'<span class="formula-part" data-fig="{p}">{escape(s)}</span>' for p, s in zip(d.parts, parts,
                                                                                                       strict=True)]
        if d.op == "ratio":
            return f"{parts[0]} ÷ {parts[1]} × 100%"
        return " + ".join(parts)

    def date_shown(self, day, lang: str) -> str:
        """A date as the language writes it (strings.yml date_format: 2026年11月28日, November 28, 2026)."""
        return day.strftime(self.strings[lang]["date_format"]) if lang in self.strings else day.isoformat()

    def any_figure(self, fid: str):
        """A stated figure or a derived one, by id."""
        return self.figs.get(fid) or next(d for d in self.r.figures.derived if d.id == fid)

    def correction_of(self, f, lang: str = "") -> dict | None:
        """The editorial edit that changed this figure's text since first publication, if any."""
        for n, e in enumerate(self.c.edits, start=1):
            if e.unit == f.unit_id and f.text in e.new and f.text not in e.old:
                return {"n": n, "date": self.date_shown(e.date, lang)}
        return None

    def group_colour(self, group: str) -> str:
        star = self.c.star(group) if group else None
        return star.colour if star else "#595959"

    def group_name(self, group: str, lang: str) -> str:
        star = self.c.star(group)
        if star:
            return star.names[lang] + self.c.meta[lang]["star_suffix"]
        area = next(a for a in self.r.figures.areas if a["id"] == group)
        return area[lang]

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
        """<lang>/charts/<id>/: each chart on a page of its own, whose link preview is that chart."""
        from html import unescape

        def plain(html: str) -> str:
            return " ".join(unescape(re.sub("<[^>]+>", "", html)).split())

        where = str(self.c.root / "figures.yml")
        colon = self.strings[lang]["colon"]
        out = []
        for ch in self.r.figures.charts:
            if ch.page in self.c.pages[lang]:
                title = plain(self.editorial(ch.title[lang], lang))
                # the page it is on and its title lead the description: two charts (on two pages) may share a title
                # and a caption, never a page's description
                home = self.c.pages[lang][ch.page].title
                description = f"{home} · {title}{colon}{plain(self.editorial(ch.caption[lang], lang))}"
                out.append(Page(f"{CHART_DIR}/{ch.id}", lang, where, title, "chart", description, None, (), False,
                                {"title": ch.line}))
        return out

    def chart_of(self, page: Page):
        """The chart a chart page shows."""
        return next(ch for ch in self.r.figures.charts if f"{CHART_DIR}/{ch.id}" == page.slug)

    def render_page(self, page: Page) -> RenderedPage:
        """One page: its blocks rendered, then its template."""
        lang = page.lang
        self.root = "" if page.slug == "index" else "../" * (page.slug.count("/") + 1)
        self.page = page
        self.glossed_at = {}
        blocks = [self.render_part(part, page) for part in page.parts]
        # charts.js and plotly.js (and inline styles, for Plotly) only where a chart is interactive: bar and parts
        has_charts = any(isinstance(d, Directive) and d.name == "charts"
                         and any(CHART_KINDS[ch.kind].live for ch in self.charts_for(d.args[0])) for d in page.parts) \
            or (page.template == "chart" and CHART_KINDS[self.chart_of(page).kind].live)
        star = self.c.star(page.star) if page.star else None
        pos = self.c.stars.index(star) if star else 0
        ctx = self.base_context(lang) | {
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
        body = typeset_html(self.env.get_template(f"{page.template}.html").render(ctx), lang)
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
        """A chart's own page: the chart, and the page it belongs to."""
        chart = self.chart_of(page)
        return {"chart": chart_context(chart, self, page.lang), "chart_home": self.c.pages[page.lang][chart.page]}

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
        link = f"{self.root}{explainer.slug}/" if explainer else ""
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

    def base_context(self, lang: str) -> dict:
        """What every template may use."""
        c = self.c
        return {"lang": lang, "t": self.strings[lang], "meta": c.meta[lang],
                "title": self.unit_html("title", lang), "subtitle": self.unit_html("subtitle", lang) if
                self.r.article.subtitle else "", "stars": c.stars, "icons": self.icons,
                "root": self.root, "chart_dir": CHART_DIR, "reuse": reuse_terms(self, lang)}

    def render_part(self, part, page: Page) -> str:
        """A Markdown chunk or a ::: block."""
        if isinstance(part, str):
            return md_to_html(part)
        made = BLOCK_RENDER.get(part.name)  # a block whose template needs only the page and its arguments has none
        if made is None:
            return self.block(part.name, page.lang, page=page, args=list(part.args))
        return made(self, page, *part.args)

    def block(self, name: str, lang: str, **ctx) -> str:
        return self.env.get_template(f"blocks/{name}.html").render(self.base_context(lang) | ctx)

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
        segments = [{"id": s.id, "html": self.unit_html(s.id, lang), "paras": self.unit_paras(s.id, lang)}
                    for s in segs]
        return {"id": block.id, "segments": segments, "split": any(len(s["paras"]) > 1 for s in segments)}


# A figure's words at the start of a sentence ("one hall", "more than 3,000", "nearly 100"): the build wrote them,
# so it capitalises them there (the editor's own words are left as written).
SENTENCE_START_FIG = re.compile(r'(^|[.!?。！？]\s+|\n\s*)(<span[^>]* data-fig="[^"]*">)([a-z])')


def sentence_case(html: str) -> str:
    """html with a figure's first letter capitalised where it begins a sentence."""
    return SENTENCE_START_FIG.sub(lambda m: m.group(1) + m.group(2) + m.group(3).upper(), html)

