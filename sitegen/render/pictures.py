"""Every picture a build publishes (share cards, chart cards and SVGs, long images) as a job: its cache key,
its font check and the function that draws it."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

from ..problems import Problems, shown
from ..read.paths import Paths
from ..registry import CHART_KINDS, PAGE_TYPES
from .draw.palette import BAND_RED
from .pages import LONG_IMAGE, Renderer

CHART_PNG = "chart.png"    # a chart's picture as PNG (its download), beside chart.svg; its page's card is share.png


def card_model(renderer: Renderer, page, explainers: list[tuple]) -> dict | None:
    """The explainer model a page's share card is drawn from (the 一图读懂 page's: the long image in small)."""
    model = next((m for p, m in explainers if p.lang == page.lang), None)
    if model is None or PAGE_TYPES[page.template].card != "long image":
        return None
    return model


@dataclass(frozen=True)
class ImageJob:
    """One picture (or list) the build publishes: made by make() once per key, kept in .cache/<kind>/. Jobs of
    one key (a chart's card and SVG; a long image, its runs and its card) are drawn by the same process, after
    check(), when given, found nothing wrong with what they show."""

    kind: str
    key: str
    make: object       # () -> bytes
    path: str          # where it goes in the site: <lang>/<slug>/share.png …
    check: object = None  # () -> Problems: every text of the picture can be drawn (the font has each character)
    layout: object = None  # a share card's () -> (runs, shapes): what it draws, where (the tests read it back)


FONT_HINT = "use characters the font has (no emoji, zero-width or direction marks)"


def image_jobs(paths: Paths, report, renderer: Renderer, explainers: list[tuple]) -> list[ImageJob]:
    """Every share card (the root's, each page's, each chart page's), chart picture (PNG and SVG), long image and
    its runs list of the site, each with its check."""
    jobs = [root_card_job(paths, renderer)]
    for lang in renderer.c.languages:
        for page in renderer.ordered(lang):
            jobs += page_jobs(paths, report, renderer, explainers, page)
    for page, model in explainers:
        key, folder = long_image_key(renderer, model), f"{page.lang}/{page.slug}/"
        jobs += [ImageJob("explainer", key, partial(draw_long_image, model, renderer.icons), folder + LONG_IMAGE,
                          partial(long_image_check, page, model)),
                 ImageJob("explainer-runs", key, partial(draw_runs, model),
                          folder + LONG_IMAGE.replace(".png", ".json"))]
    return jobs


def page_jobs(paths: Paths, report, renderer: Renderer, explainers: list[tuple], page) -> list[ImageJob]:
    """A page's share card; a chart page's also its chart's picture (chart.png and chart.svg)."""
    folder = f"{page.lang}/" + ("" if page.slug == "index" else f"{page.slug}/")
    card = PAGE_TYPES[page.template].card
    if card == "chart":
        spec = chart_picture_spec(renderer, page)
        key = json.dumps(spec, sort_keys=True, ensure_ascii=False)
        laid_out = cache(partial(chart_layout, spec))  # once for the check, the PNG and the SVG
        card_laid = cache(partial(canvas_layout, "layout_chart_card", spec))
        check = partial(chart_card_check, page, laid_out, card_laid)
        return [ImageJob("chart-card", key, partial(draw_card, card_laid, spec["icons"]), folder + "share.png",
                         check, card_laid),
                ImageJob("chart-png", key, partial(draw_chart_png, laid_out, spec), folder + CHART_PNG),
                ImageJob("chart-svg", key, partial(draw_chart_svg, laid_out, spec), folder + "chart.svg")]
    if card == "stars" and renderer.c.stars:
        spec = home_card_spec(renderer, page)
        laid = cache(partial(canvas_layout, "layout_home_card", spec))
        # its texts (site name, place, title) are checked as a page card's, so a problem is named where it is written
        check = partial(home_card_check, paths, report, page, renderer.share_spec(page), laid)
        return [ImageJob("home-card", json.dumps(spec, sort_keys=True, ensure_ascii=False),
                         partial(draw_card, laid, spec["icons"]), folder + "share.png", check, laid)]
    model = card_model(renderer, page, explainers)
    if model is not None:    # the 一图读懂 page's: the long image in small, checked with its long image
        return [ImageJob("explainer-card", long_image_key(renderer, model),
                         partial(draw_explainer_card, model, renderer.icons), folder + "share.png",
                         layout=partial(explainer_card_layout, model))]
    spec = renderer.share_spec(page)
    return [ImageJob("share", json.dumps(spec, sort_keys=True, ensure_ascii=False), partial(draw_share_card, spec),
                     folder + "share.png", partial(share_card_check, paths, report, page, spec),
                     partial(share_card_layout, spec))]


def root_card_job(paths: Paths, renderer: Renderer) -> ImageJob:
    """The site root's share card (share.png beside the root page): bilingual."""
    spec = root_card_spec(renderer)
    laid = cache(partial(canvas_layout, "layout_root_card", spec))
    check = partial(canvas_card_check, shown(paths.content / "report.yml"), 1, "the root page's share card", laid)
    return ImageJob("root-card", json.dumps(spec, sort_keys=True, ensure_ascii=False),
                    partial(draw_card, laid, spec["icons"]), "share.png", check, laid)


def star_figures(renderer: Renderer, lang: str) -> list[dict]:
    """Each star's emblem and headline figure as a tile sets it (qualifier, number, unit: figure_pieces)."""
    from .charts import figure_pieces

    out = []
    for s in renderer.c.stars:
        if s.headline in renderer.figs:
            view = renderer.figure_view(renderer.figs[s.headline], lang)
            out.append({"id": view["id"], "icon": s.icon, "colour": s.colour, "label": view["label"],
                        "name": s.names[lang] + renderer.c.meta[lang]["star_suffix"], **figure_pieces(view, lang)})
    return out


def home_card_spec(renderer: Renderer, page) -> dict:
    """What the home page's card shows: the place, the report's title, each star's emblem and headline figure."""
    from ..typography import plain_text, typeset_tree

    meta = renderer.c.meta[page.lang]
    stars = star_figures(renderer, page.lang)
    return typeset_tree({"site_name": meta["site_name"], "place": meta["place"], "lang": page.lang, "stars": stars,
                         "title": plain_text(renderer.unit_html("title", page.lang)),
                         "icons": {s["icon"]: renderer.icons[s["icon"]] for s in stars}}, page.lang)


def root_card_spec(renderer: Renderer) -> dict:
    """What the root page's card shows, in every language: the site's name, the report's title and its headline
    figure (report.yml headline, as each language writes it); and the stars' emblems."""
    from ..typography import plain_text, typeset_tree
    from .charts import figure_pieces

    languages = []
    for lang in renderer.c.languages:
        head = renderer.report_headline(lang)
        label = (f"{renderer.strings[lang]['derived']} · {head['label']}" if head and head["derived"]
                 else head["label"] if head else "")
        figure = {"id": head["id"], "label": label, **figure_pieces(head, lang)} if head else None
        languages.append(typeset_tree({"lang": lang, "site_name": renderer.c.meta[lang]["site_name"],
                                       "title": plain_text(renderer.unit_html("title", lang)), "headline": figure},
                                      lang))
    stars = [{"id": "", "icon": s.icon, "colour": s.colour} for s in renderer.c.stars]
    names = [s["icon"] for s in stars] + ["star"]   # the side panels draw the site's star faintly
    return {"languages": languages, "stars": stars, "icons": {n: renderer.icons[n] for n in names}}


def chart_picture_spec(renderer: Renderer, page) -> dict:
    """What a chart's picture (chart.png and chart.svg, its downloads) and its page's share card (share.png) show:
    the rows its page draws (render/charts.py), drawn by its kind's picture drawing (registry.py: CHART_KINDS), the
    icons they use, the chart's title; on the picture the article it comes from in words (its title and the paper)
    and the page's address; on the card the emblem and name of the chart's star (or the name of its page)."""
    from ..typography import typeset_tree
    from .chartpage import picture_reuse_line
    from .charts import chart_context
    from .explainer import plain_text

    chart = renderer.chart_of(page)
    rows = chart_context(chart, renderer, page.lang)["rows"]
    t, meta = renderer.strings[page.lang], renderer.c.meta[page.lang]
    host = renderer.c.pages[page.lang][chart.page]        # the page the chart is on: its star's, or its own name
    star = renderer.c.star(host.star) if host.star else None
    keep = ("id", "label", "display", "colour", "width", "x", "opacity", "count", "icon_name", "before", "number",
            "rest")
    article = plain_text(renderer.unit_html("title", page.lang))
    icons = {r["icon_name"]: renderer.icons[r["icon_name"]] for r in rows if r["icon_name"]}
    spec = {"site_name": meta["site_name"], "title": page.title, "lang": page.lang, "kind": chart.kind,
            "picture": CHART_KINDS[chart.kind].picture, "rows": [{k: r[k] for k in keep if k in r} for r in rows],
            "icons": icons | ({star.icon: renderer.icons[star.icon]} if star else {}),
            "accent": star.colour if star else BAND_RED, "emblem_icon": star.icon if star else "",
            "kicker": star.names[page.lang] + meta["star_suffix"] if star else host.title,
            "source": t["picture_source"].format(title=article, source=meta["source"]),
            "reuse": picture_reuse_line(renderer, page.lang),
            "address": renderer.page_url(page).split("://", 1)[-1].rstrip("/")}
    return typeset_tree(spec, page.lang)


def share_card_check(paths: Paths, report, page, spec: dict) -> Problems:
    """A page's share card can be drawn — each character in the font, a title, a figure that fits — or each
    problem names the file and line of the text."""
    from .draw import DrawError
    from .share import card_problems

    problems = Problems()
    try:
        found = card_problems(**spec)
    except DrawError as e:  # no font at all: the machine, not the content
        problems.add("share cards", 0, str(e))
        return problems
    for role, message in found:
        where, line = share_text_place(paths, report, page, role)
        problems.add(where, line, f"page {page.lang}/{page.slug}: {message}", FONT_HINT)
    return problems


def chart_card_check(page, laid_out, card_laid) -> Problems:
    """A chart's picture and card can be drawn (each character in the font), or the problem names the chart in
    figures.yml."""
    from .chartcard import card_glyph_problems
    from .draw import DrawError

    problems = Problems()
    try:
        found = card_glyph_problems(laid_out()[0] + card_laid()[0])
    except DrawError as e:
        problems.add(shown(Path(page.path)), page.lines.get("title", 0), f"chart {page.slug}: {e}")
        return problems
    for message in dict.fromkeys(found):
        problems.add(shown(Path(page.path)), page.lines.get("title", 0), f"chart {page.slug} ({page.lang}): {message}",
                     FONT_HINT)
    return problems


def home_card_check(paths: Paths, report, page, spec: dict, laid) -> Problems:
    """The home page's card can be drawn: its texts as a page card's (each named where it is written), then the
    stars' figures it adds."""
    problems = share_card_check(paths, report, page, spec)
    if not problems:
        problems.extend(canvas_card_check(page.path, 1, f"page {page.lang}/{page.slug}", laid))
    return problems


def canvas_card_check(where: str, line: int, name: str, laid) -> Problems:
    """A card of render/cards.py can be laid out and each character drawn, or the problem says which."""
    from .cards import card_glyph_problems
    from .draw import DrawError

    problems = Problems()
    try:
        found = card_glyph_problems(laid()[0])
    except DrawError as e:
        problems.add(where, line, f"{name}: {e}")
        return problems
    for message in found:
        problems.add(where, line, f"{name}: {message}", FONT_HINT)
    return problems


def long_image_check(page, model: dict) -> Problems:
    """Every text of a long image and of its card can be drawn with the font (never tofu), or the problem names
    the explainer page."""
    from .. import limits
    from .draw import DrawError
    from .longcard import card_layout
    from .longimage import check_glyphs, layout

    problems = Problems()
    try:
        runs, _, height, _ = layout(model)
        found = check_glyphs(runs + card_layout(model)[0])
    except DrawError as e:  # no font at all: the machine, not the content
        problems.add("long image", 0, str(e))
        return problems
    for message in found:
        problems.add(page.path, 1, f"page {page.lang}/{page.slug}: {message}", FONT_HINT)
    if height > limits.LONG_IMAGE_HEIGHT:  # laid out, never drawn: a picture of 1080 x 300,000 px is no reading
        money = model["money"]
        parts = ((len(money["figures"]) + len(money["derived"]), "sum of money", "sums of money"),
                 (len(model["relations"]), "relation", "relations"), (len(model["targets"]), "target", "targets"),
                 (len(model["groups"]), "star or area", "stars or areas"))
        shown_ = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in parts if n)
        problems.add(page.path, 1, f"page {page.lang}/{page.slug}: the long image would be {height:,} px tall (at most "
                     f"{limits.LONG_IMAGE_HEIGHT:,}): it shows {shown_}",
                     "a one-image summary holds a report's main figures: keep its money figures, relations and "
                     "targets to what a reader takes in at once (figures.yml)")
    return problems


def chart_layout(spec: dict):
    """A chart card's layout (chartcard is imported only when a chart must be checked or drawn)."""
    from .chartcard import layout_chart

    return layout_chart(**spec)


# Pillow (and segno) are imported only when a picture must be drawn; every text was checked for the font first
# (the jobs' checks: share_card_check, chart_card_check, long_image_check), so the drawing functions do not check
# again.
def draw_share_card(spec: dict) -> bytes:
    from .share import share_image

    return share_image(**spec)


def draw_chart_png(laid_out, spec: dict) -> bytes:
    from .chartcard import chart_png

    return chart_png(laid_out(), spec["icons"], checked=True)


def canvas_layout(name: str, spec: dict):
    """A card of render/cards.py laid out (cards is imported only when a card must be checked or drawn)."""
    from . import cards

    return getattr(cards, name)(**spec)


def draw_card(laid, icons: dict) -> bytes:
    from .cards import card_png

    return card_png(laid(), icons, checked=True)


def share_card_layout(spec: dict):
    """A page card's runs and shapes (share.card_drawing)."""
    from .share import card_drawing

    return card_drawing(**spec)[:2]


def explainer_card_layout(model: dict):
    from .longcard import card_layout

    return card_layout(model)


def draw_chart_svg(laid_out, spec: dict) -> bytes:
    from .chartcard import chart_svg

    return chart_svg(laid_out(), spec["title"], spec["icons"], spec["lang"]).encode("utf-8")


def draw_explainer_card(model: dict, icons: dict) -> bytes:
    from .longcard import explainer_card

    return explainer_card(model, icons, checked=True)


def draw_long_image(model: dict, icons: dict) -> bytes:
    from .longimage import long_image

    return long_image(model, icons, checked=True)


def draw_runs(model: dict) -> bytes:
    from .longimage import runs_json

    return runs_json(model).encode("utf-8")


def long_image_key(renderer: Renderer, model: dict) -> str:
    """The cache key of a long image: everything it shows and the icons it draws."""
    names = {g["icon"] for g in model["groups"]}
    names |= {f["icon"] for g in model["groups"] for f in [g["headline"], *g["more"]]}
    icons = {n: renderer.icons.get(n, "") for n in sorted(names - {""})}
    return json.dumps([model, icons], sort_keys=True, ensure_ascii=False, default=str)


def explainer_models(renderer: Renderer) -> list[tuple]:
    """(page, model) of each language's 一图读懂 page."""
    from .explainer import explainer_model

    out = []
    for lang in renderer.c.languages:
        page = renderer.explainer_page(lang)
        if page is not None:
            out.append((page, explainer_model(renderer, lang)))
    return out


def share_text_place(paths: Paths, report, page, role: str) -> tuple[str, int]:
    """The file and line a text of a page's share card comes from."""
    c = report.content
    report_yml = shown(paths.content / "report.yml")
    star = c.star(page.star) if page.star else None
    if role == "title" and PAGE_TYPES[page.template].report_title:  # the article's title: the seed's or translated
        unit = c.translations.get(page.lang, {}).get("title")
        if unit is not None:
            return shown(paths.content / "translations" / f"{page.lang}.yml"), unit.line
        return shown(c.seed), report.article.title.line
    if role == "title":
        return page.path, page.lines.get("title", 1)
    if role in ("kicker", "icon") and star is not None:
        return report_yml, star.line
    if role in ("site name", "kicker"):
        return report_yml, c.meta_lines.get(page.lang, {}).get("site_name" if role == "site name" else "place", 0)
    figure = report.figures.by_id().get(star.headline) if star is not None else None
    if figure is not None:
        return shown(paths.content / "figures.yml"), figure.line_of("label" if role == "label" else "text")
    return shown(paths.templates / "strings.yml"), 0  # the money total's words are interface strings
