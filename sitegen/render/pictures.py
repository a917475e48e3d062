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
from .pages import Renderer


def card_model(renderer: Renderer, page, explainers: list[tuple]) -> dict | None:
    """The explainer model a page's share card is drawn from: the explainer page's own, and the home page's (with
    the site's name in the badge) — the five stars' figures read better in a preview than one headline figure."""
    model = next((m for p, m in explainers if p.lang == page.lang), None)
    if model is None or PAGE_TYPES[page.template].card != "long image":
        return None
    return model if page.template == "explainer" else {**model, "badge": renderer.c.meta[page.lang]["site_name"]}


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


FONT_HINT = "use characters the font has (no emoji, zero-width or direction marks)"


def image_jobs(paths: Paths, report, renderer: Renderer, explainers: list[tuple]) -> list[ImageJob]:
    """Every share card, chart card and SVG, long image and its runs list of the site, each with its check."""
    from .pages import LONG_IMAGE

    jobs = []
    for lang in renderer.c.languages:
        for page in renderer.ordered(lang):
            folder = f"{lang}/" + ("" if page.slug == "index" else f"{page.slug}/")
            if PAGE_TYPES[page.template].card == "chart":
                spec = chart_picture_spec(renderer, page)
                key = json.dumps(spec, sort_keys=True, ensure_ascii=False)
                laid_out = cache(partial(chart_layout, spec))  # once for the check, the card and the SVG
                jobs += [ImageJob("chart-card", key, partial(draw_chart_card, laid_out, spec), folder + "share.png",
                                  partial(chart_card_check, page, laid_out)),
                         ImageJob("chart-svg", key, partial(draw_chart_svg, laid_out, spec), folder + "chart.svg")]
                continue
            model = card_model(renderer, page, explainers)
            if model is not None:
                # the home page's card is the long image's, but its texts (site name, place, title) are checked as
                # the home page's share card, so a problem is named where it is written
                check = partial(share_card_check, paths, report, page, renderer.share_spec(page)) \
                    if page.template == "home" else None  # the explainer page's: with its long image
                jobs.append(ImageJob("explainer-card", long_image_key(renderer, model),
                                     partial(draw_explainer_card, model, renderer.icons), folder + "share.png", check))
                continue
            spec = renderer.share_spec(page)
            jobs.append(ImageJob("share", json.dumps(spec, sort_keys=True, ensure_ascii=False),
                                 partial(draw_share_card, spec), folder + "share.png",
                                 partial(share_card_check, paths, report, page, spec)))
    for page, model in explainers:
        key, folder = long_image_key(renderer, model), f"{page.lang}/{page.slug}/"
        jobs += [ImageJob("explainer", key, partial(draw_long_image, model, renderer.icons), folder + LONG_IMAGE,
                          partial(long_image_check, page, model)),
                 ImageJob("explainer-runs", key, partial(draw_runs, model),
                          folder + LONG_IMAGE.replace(".png", ".json"))]
    return jobs


def chart_picture_spec(renderer: Renderer, page) -> dict:
    """What a chart's picture (share.png, also its PNG download, and chart.svg) shows: the rows its page draws
    (render/charts.py), drawn by its kind's picture drawing (registry.py: CHART_KINDS), the icons they use, the
    chart's title, the article it comes from in words (its title and the paper) and the page's address."""
    from .charts import chart_context
    from .explainer import plain_text

    chart = renderer.chart_of(page)
    rows = chart_context(chart, renderer, page.lang)["rows"]
    t, meta = renderer.strings[page.lang], renderer.c.meta[page.lang]
    keep = ("id", "label", "display", "colour", "width", "x", "opacity", "count", "icon_name", "before", "number",
            "rest")
    article = plain_text(renderer.unit_html("title", page.lang))
    return {"site_name": meta["site_name"], "title": page.title, "lang": page.lang, "kind": chart.kind,
            "picture": CHART_KINDS[chart.kind].picture, "rows": [{k: r[k] for k in keep if k in r} for r in rows],
            "icons": {r["icon_name"]: renderer.icons[r["icon_name"]] for r in rows if r["icon_name"]},
            "source": t["picture_source"].format(title=article, source=meta["source"]),
            "address": renderer.page_url(page).split("://", 1)[-1].rstrip("/")}


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


def chart_card_check(page, laid_out) -> Problems:
    """A chart's card can be drawn (each character in the font), or the problem names the chart in figures.yml."""
    from .chartcard import card_glyph_problems
    from .draw import DrawError

    problems = Problems()
    try:
        found = card_glyph_problems(laid_out()[0])
    except DrawError as e:
        problems.add(shown(Path(page.path)), page.lines.get("title", 0), f"chart {page.slug}: {e}")
        return problems
    for message in found:
        problems.add(shown(Path(page.path)), page.lines.get("title", 0), f"chart {page.slug} ({page.lang}): {message}",
                     FONT_HINT)
    return problems


def long_image_check(page, model: dict) -> Problems:
    """Every text of a long image and of its card can be drawn with the font (never tofu), or the problem names
    the explainer page."""
    from .. import limits
    from .draw import DrawError
    from .longimage import card_layout, check_glyphs, layout

    problems = Problems()
    try:
        runs, _, height = layout(model)
        found = check_glyphs(runs + card_layout(model)[0])
    except DrawError as e:  # no font at all: the machine, not the content
        problems.add("long image", 0, str(e))
        return problems
    for message in found:
        problems.add(page.path, 1, f"page {page.lang}/{page.slug}: {message}", FONT_HINT)
    if height > limits.LONG_IMAGE_HEIGHT:  # laid out, never drawn: a picture of 1080 x 300,000 px is no reading
        parts = (("money", "sum of money", "sums of money"), ("relations", "relation", "relations"),
                 ("targets", "target", "targets"), ("stars", "star", "stars"))
        shown_ = ", ".join(f"{len(model[k])} {one if len(model[k]) == 1 else many}" for k, one, many in parts
                           if model.get(k))
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


def draw_chart_card(laid_out, spec: dict) -> bytes:
    from .chartcard import chart_png

    return chart_png(laid_out(), spec["icons"], checked=True)


def draw_chart_svg(laid_out, spec: dict) -> bytes:
    from .chartcard import chart_svg

    return chart_svg(laid_out(), spec["title"], spec["icons"], spec["lang"]).encode("utf-8")


def draw_explainer_card(model: dict, icons: dict) -> bytes:
    from .longimage import explainer_card

    return explainer_card(model, icons, checked=True)


def draw_long_image(model: dict, icons: dict) -> bytes:
    from .longimage import long_image

    return long_image(model, icons, checked=True)


def draw_runs(model: dict) -> bytes:
    from .longimage import runs_json

    return runs_json(model).encode("utf-8")


def long_image_key(renderer: Renderer, model: dict) -> str:
    """The cache key of a long image: everything it shows and the icons it draws."""
    icons = {s["icon"]: renderer.icons.get(s["icon"], "") for s in model["stars"]}
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
