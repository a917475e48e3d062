"""Share cards that survive a square crop, and the root page that greets (issues 23 and 26).

WeChat and most chat apps show a link's og:image (1200x630) as a square thumbnail cut from its centre, x 285 to 915.
Every card of both reports (the root's, each page's, the home page's, each chart page's) must keep there its title
(at least its first words), its value(s) and its emblem — read two ways:

- by what it draws: the card's laid-out text runs (their ink boxes measured here with the font) and shapes, from the
  build's own picture jobs (render/pictures.py: ImageJob.layout), each inside 285..915 unless it is the frame's
  colour (side panels, their faint emblem, the band, the strip); what a card must show comes from the content files
  (report.yml, figures.yml), never from the drawing code;
- by its pixels, in the built sites: outside the square nothing but light colour (no text, no figure, no emblem disc)
  and a band of one colour.

No picture carries a ¶ mark or a paragraph id (every PNG and SVG of the site is a picture job; its texts are read
from its layout, its SVG or its runs list). The root page greets in each language with the report's title, its
headline figure as that language writes it and the ways in (home page, 一图读懂), with its own tags and card.

On the code this branch started from, the pixel test fails for the home page's card and every chart page's card,
the layout test cannot read a card's layout, the root tests find no og tags and no share.png.
"""
from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import pytest
import yaml
from PIL import Image, ImageFont
from test_chart_pictures import Report

from conftest import ROOT

REPORTS = {"main": ROOT / "site_src", "report2": ROOT / "tests" / "fixtures" / "report2" / "site_src"}
LANGS = ("zh", "en")
X0, X1 = 285, 915                       # the centred 630x630 square
BAND, STRIP = 84, 10                    # the red band at the top, the accent strip at the bottom
FRAME = {"panel", "decoration", "band", "strip"}   # a card's colour outside the square: never content
PARAGRAPH = re.compile(r"¶|\bp\d+(?:-\d+)?\b")


def content(name: str, file: str):
    return yaml.safe_load((REPORTS[name] / file).read_text(encoding="utf-8"))


QUOTES_TYPED = str.maketrans("“”‘’", "\"\"''")


def bare(text: str) -> str:
    """The text without its spaces, its quotation marks as typed (a picture sets them as its language does:
    tests/test_quotes.py)."""
    return re.sub(r"\s+", "", html.unescape(text)).translate(QUOTES_TYPED)


@functools.cache
def build_state(name: str):
    """The report read and rendered as the build does, and its picture jobs by path."""
    from sitegen.check.report import read_report
    from sitegen.problems import Problems
    from sitegen.read.paths import Paths
    from sitegen.render.pages import Renderer
    from sitegen.render.pictures import explainer_models, image_jobs

    paths = Paths.default(ROOT, content=None if name == "main" else REPORTS[name])
    report = read_report(paths, Problems())
    renderer = Renderer(report, paths.templates, paths.site_url)
    jobs = image_jobs(paths, report, renderer, explainer_models(renderer))
    return renderer, {job.path: job for job in jobs}


@functools.cache
def font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    from sitegen.render.draw.fonts import find_cjk_font

    path, index = find_cjk_font(weight)
    return ImageFont.truetype(str(path), size, index=index, layout_engine=ImageFont.Layout.BASIC)


def ink(run) -> tuple[int, int, int, int]:
    """The box of a text run's ink as Pillow draws it (anchor: left end of the baseline)."""
    x0, y0, x1, y1 = font(run.weight, run.size).getbbox(run.text, anchor="ls")
    return run.x + x0, run.y + y0, run.x + x1, run.y + y1


def seed_title(name: str, lang: str) -> str:
    """The report's title as the content gives it: the seed's first line, or its English translation."""
    if lang == "en":
        return content(name, "translations/en.yml")["title"]["text"]
    seed = REPORTS[name].parent / content(name, "report.yml")["seed"]
    return next(line[2:] for line in seed.read_text(encoding="utf-8").splitlines() if line.startswith("# "))


def page_title(name: str, lang: str, slug: str) -> str:
    """A chart page's title as its page has it (its chart's title with its figures written: the page renderer's)."""
    renderer = build_state(name)[0]
    return next(p.title for p in renderer.ordered(lang) if p.slug == slug)


def chart_figures(name: str, chart_id: str) -> set[str]:
    figures = content(name, "figures.yml")
    chart = next(c for c in figures["charts"] if c["id"] == chart_id)
    if chart.get("relation"):
        rel = next(r for r in figures["relations"] if r["id"] == chart["relation"])
        return {rel["total"], *rel["parts"]}
    return set(chart["figures"])


def what_it_shows(name: str, path: str) -> dict:
    """What a card must keep in the square, from the content files: the title(s) it opens with, the figures it shows
    (each by its id, or by its digits on a page card, which names none) and the emblems it draws."""
    report = content(name, "report.yml")
    stars = {s["id"]: s for s in report["stars"]}
    headline = report.get("headline")
    if path == "share.png":     # the root's: every language
        return {"titles": [seed_title(name, lang) for lang in LANGS], "figures": {headline} if headline else set(),
                "emblems": len(stars) or 1}
    lang, slug = path.split("/", 1)
    slug = slug[: -len("share.png")].rstrip("/") or "index"
    page = REPORTS[name] / "pages" / lang / f"{slug}.md"
    front = {} if slug.startswith("charts/") else yaml.safe_load(page.read_text(encoding="utf-8").split("---")[1])
    if slug == "index" or front.get("template") == "explainer":   # the home page's and the 一图读懂's: the title and
        # each star's headline figure (without stars, the 一图读懂's shows the report's headline)
        figures = {s["headline"] for s in stars.values()} or ({headline} if headline else set())
        return {"titles": [seed_title(name, lang)], "figures": figures, "emblems": len(stars)}
    if slug.startswith("charts/"):
        chart = next(c for c in content(name, "figures.yml")["charts"] if c["id"] == slug.split("/")[1])
        on = (REPORTS[name] / "pages" / lang / f"{chart['page']}.md").read_text(encoding="utf-8")
        star = yaml.safe_load(on.split("---")[1]).get("star")
        return {"titles": [page_title(name, lang, slug)], "figures": chart_figures(name, chart["id"]),
                "emblems": 1 if star else 0}
    star = stars.get(front.get("star") or "")
    figure = star["headline"] if star else headline if front["template"] in ("overview", "summary") else None
    return {"titles": [front["title"]], "digits": figure, "emblems": 1 if star else 0}


def card_paths(name: str) -> list[str]:
    return sorted(p for p, job in build_state(name)[1].items() if p.endswith("share.png"))


CARDS = [(name, path) for name in REPORTS for path in card_paths(name)]


def in_square(box) -> bool:
    return box[0] > X0 and box[2] < X1


def square_problems(name: str, path: str) -> list[str]:
    """What of a card's title, values and emblem lies outside the centred square (or is missing), by its layout."""
    renderer, jobs = build_state(name)
    runs, shapes = jobs[path].layout()
    want, out = what_it_shows(name, path), []
    for r in runs:
        box = ink(r)
        if not in_square(box):
            out.append(f"{r.role} {r.text!r} at x {box[0]}..{box[2]}")
        elif r.role != "site" and not (box[1] >= BAND and box[3] <= 630 - STRIP):
            out.append(f"{r.role} {r.text!r} on the band or the strip (y {box[1]}..{box[3]})")
    out += [f"{s.role} {s.kind} at x {s.box[0]}..{s.box[2]}" for s in shapes
            if s.role not in FRAME and not in_square(s.box)]
    titles = [r for r in runs if r.role == "title"]
    drawn = bare("".join(r.text for r in titles)).rstrip(".…")
    for title in want["titles"]:      # each title drawn in the square from its start, its first words at least
        if not any(bare(title).startswith(bare(drawn_part)) and len(bare(drawn_part)) >= min(len(bare(title)), 8)
                   for drawn_part in split_titles(titles, drawn, len(want["titles"]))):
            out.append(f"the title {title!r} is not drawn from its start (drawn: {drawn!r})")
    shown = {r.figure for r in runs if r.role in ("value", "number") and r.figure}
    out += [f"the figure {f} is not drawn" for f in want.get("figures", set()) - shown]
    if want.get("digits"):
        out += digit_problems(name, path, want["digits"], runs)
    discs = [s for s in shapes if s.role == "emblem" and s.kind == "dot"]
    if len(discs) != want["emblems"]:
        out.append(f"{len(discs)} emblems, the content names {want['emblems']}")
    return out


def split_titles(titles, drawn: str, n: int) -> list[str]:
    """The title lines as one text per language (the root card sets a title per language, each in its own ink)."""
    if n == 1:
        return [drawn]
    inks = list(dict.fromkeys(r.fill for r in titles))
    return [bare("".join(r.text for r in titles if r.fill == ink)).rstrip(".…") for ink in inks]


def digit_problems(name: str, path: str, fid: str, runs) -> list[str]:
    """A page card names no figure: its number must have the digits of the figure as the pages write it."""
    lang = path.split("/", 1)[0]
    report = Report(name)
    if fid not in report.figures:     # a derived headline: drawn, at least
        return [] if any(r.role == "number" for r in runs) else [f"the figure {fid} is not drawn"]
    want = re.sub(r"\D", "", report.shown(fid, lang))
    got = re.sub(r"\D", "", "".join(r.text for r in runs if r.role == "number"))
    return [] if want == got else [f"the figure {fid} reads {got!r}, the content {want!r}"]


@pytest.mark.parametrize("name, path", CARDS, ids=[f"{n}:{p}" for n, p in CARDS])
def test_each_card_keeps_its_title_values_and_emblem_in_the_square(name, path):
    kind = build_state(name)[1][path].kind
    problems = square_problems(name, path)
    assert not problems, f"{name} {path} ({kind}):\n" + "\n".join(problems)


def test_the_cards_cover_every_kind_of_card():
    """Both reports give every kind of card: the root's, page cards (with and without an emblem, with and without a
    figure), the home page's and chart pages' of every chart kind."""
    kinds = {build_state(n)[1][p].kind for n, p in CARDS}
    assert kinds >= {"root-card", "share", "home-card", "chart-card"}, kinds


# ---- the pixels of the built cards ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sites(built_site, report2_site) -> dict[str, Path]:
    """The default report's site and the fixture report's (tests/fixtures/report2; conftest: report2_site)."""
    return {"main": built_site, "report2": report2_site}


def pixel_problems(png: Path) -> list[str]:
    """Outside the centred square a card is colour only: light side panels (a tint and a faint emblem: no text, no
    figure, no emblem disc) and a band of one colour (no name on it outside the square)."""
    image = Image.open(png).convert("RGB")
    out = []
    if image.size != (1200, 630):
        return [f"{image.size[0]}x{image.size[1]}, not 1200x630"]
    for box in ((0, BAND, X0, 630 - STRIP), (X1, BAND, 1200, 630 - STRIP)):
        darkest = min(image.crop(box).getdata(), key=sum)
        if sum(darkest) <= 3 * 180:
            out.append(f"ink {darkest} outside the square in {box}")
    for box in ((0, 0, X0, BAND), (X1, 0, 1200, BAND)):
        colours = image.crop(box).getcolors(1 << 16)
        if len(colours) > 1:
            out.append(f"the band has {len(colours)} colours outside the square in {box}: text")
    square = image.crop((X0, BAND, X1, 630 - STRIP)).convert("L")
    if sum(1 for v in square.getdata() if v < 100) < 2000:
        out.append("the square holds almost no ink")
    return out


@pytest.mark.parametrize("name", list(REPORTS))
def test_every_built_card_is_square_safe_by_its_pixels(sites, name):
    site, problems = sites[name], []
    cards = sorted(site.rglob("share.png"))
    assert (site / "share.png") in cards, "the root page has no card"
    for png in cards:
        rel = png.relative_to(site).as_posix()
        problems += [f"{rel}: {p}" for p in pixel_problems(png)]
    assert not problems, "\n".join(problems)


# ---- no ¶ on any picture ----------------------------------------------------------------------------------------

def picture_texts(name: str, site: Path) -> dict[str, str]:
    """Every text of every picture of the site, by its path: a card's from its layout, a chart picture's from its
    SVG (chart.png is the same drawing), a long image's from its runs list."""
    import json
    import xml.etree.ElementTree as ET

    out = {}
    for path, job in build_state(name)[1].items():
        if job.layout is not None:
            out[path] = " ".join(r.text for r in job.layout()[0])
        elif path.endswith(".svg"):
            out[path] = " ".join("".join(t.itertext()) for t in ET.parse(site / path).getroot().iter()
                                 if t.tag.endswith("}text"))
        elif path.endswith(".json"):
            out[path] = " ".join(r["text"] for r in json.loads((site / path).read_text(encoding="utf-8"))["runs"])
    return out


@pytest.mark.parametrize("name", list(REPORTS))
def test_no_picture_carries_a_paragraph_mark(sites, name):
    site = sites[name]
    jobs = build_state(name)[1]
    pictures = {p.relative_to(site).as_posix() for ext in ("png", "svg") for p in site.rglob(f"*.{ext}")
                if p.relative_to(site).parts[0] != "assets" and "photos" not in p.relative_to(site).parts}
    assert pictures <= set(jobs), f"pictures the build does not draw as a job: {sorted(pictures - set(jobs))}"
    texts = picture_texts(name, site)
    read = {p for p in texts} | {p for p in pictures if p.endswith("chart.png") or p.endswith("longimage.png")}
    assert pictures <= read, f"pictures whose texts are not read: {sorted(pictures - read)}"
    marked = {p: PARAGRAPH.search(t).group(0) for p, t in texts.items() if PARAGRAPH.search(t)}
    assert not marked, marked


def test_a_paragraph_mark_would_be_found():
    """The check is sound: a card whose title carries ¶p2-3 is flagged."""
    from sitegen.render.share import card_drawing

    runs, _, _ = card_drawing(site_name="S", title="Title ¶p2-3", kicker="", number="", unit="", label="",
                              accent="#b3261e", lang="en")
    assert PARAGRAPH.search(" ".join(r.text for r in runs))


# ---- the cards' layouts at their limits -------------------------------------------------------------------------

def star(i: int, lang: str, text: str = "12,345") -> dict:
    icons = ["flag", "heart", "leaf", "shield", "sprout", "star"]
    return {"id": f"f{i}", "icon": icons[i % 6], "colour": "#1f6f8b", "label": "特色农业产业项目带动村集体经济增收"
            if lang == "zh" else "Specialty agricultural industry projects for village income", "before":
            "more than" if lang == "en" else "", "number": text, "rest": "person-times" if lang == "en" else "人次",
            "name": "星"}


def icons_of(laid) -> dict:
    return {s.name: (ROOT / "templates" / "icons" / f"{s.name}.svg").read_text(encoding="utf-8")
            for s in laid[1] if s.kind == "icon"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6])
def test_a_home_card_of_any_number_of_stars_stays_in_the_square(lang, n):
    from sitegen.render.cards import card_png, layout_home_card

    title = "“五星”闪耀 跑出乡村振兴“加速度”" * 3 if lang == "zh" else "Five Stars Shine as Rural Revitalization " * 4
    laid = layout_home_card(site_name="白衣阁乡" * 9, place="河南省濮阳市范县白衣阁乡" * 3, title=title, lang=lang,
                            stars=[star(i, lang) for i in range(n)])
    check_laid(laid)
    assert sum(1 for s in laid[1] if s.role == "emblem" and s.kind == "dot") == n
    assert {r.figure for r in laid[0] if r.role == "value"} == {f"f{i}" for i in range(n)}
    png = card_png(laid, icons_of(laid))
    assert png == card_png(layout_home_card(site_name="白衣阁乡" * 9, place="河南省濮阳市范县白衣阁乡" * 3,
                                            title=title, lang=lang, stars=[star(i, lang) for i in range(n)]),
                           icons_of(laid)), "deterministic"


@pytest.mark.parametrize("stars", [0, 5, 6])
@pytest.mark.parametrize("headline", [True, False])
def test_a_root_card_stays_in_the_square(stars, headline):
    from sitegen.render.cards import layout_root_card

    langs = [{"lang": lang, "site_name": "Site " * 12, "title": ("标题" * 40 if lang == "zh" else "Title " * 30),
              "headline": {**star(0, lang, "1,234,567"), "label": "Campaign measures set " * 3} if headline else None}
             for lang in LANGS]
    laid = layout_root_card(languages=langs, stars=[star(i, "zh") for i in range(stars)])
    check_laid(laid)
    assert sum(1 for s in laid[1] if s.role == "emblem" and s.kind == "dot") == (stars or 1)
    assert len({r.fill for r in laid[0] if r.role == "title"}) == 2, "a title per language"


@pytest.mark.parametrize("picture", ["bar", "parts", "icons", "tiles"])
@pytest.mark.parametrize("rows", [1, 3, 8])
def test_a_chart_card_of_many_rows_stays_in_the_square(picture, rows):
    from sitegen.render.cards import layout_chart_card

    n = max(rows, 2) if picture == "parts" else rows
    data = [{"id": f"f{i}", "label": "Governance education base and village service centre " * 2,
             "display": "more than CNY 12.5 million", "colour": "#1f6f8b", "width": 100 - 10 * i, "x": 10.0 * i,
             "opacity": 1.0, "count": 9, "icon_name": "leaf", "before": "more than", "number": "CNY 12.5",
             "rest": "million"} for i in range(n)]
    laid = layout_chart_card(site_name="Site", title="A chart title that runs on " * 6, rows=data, lang="en",
                             picture=picture, accent="#1f6f8b", emblem_icon="leaf", kicker="Star " * 20)
    check_laid(laid)
    assert {r.figure for r in laid[0] if r.role == "value"} == {f"f{i}" for i in range(n)}


def check_laid(laid) -> None:
    runs, shapes = laid
    for r in runs:
        box = ink(r)
        assert in_square(box), (r, box)
        assert (box[1] > 0 and box[3] < BAND) if r.role == "site" else (box[1] > BAND and box[3] < 630 - STRIP), r
    for s in shapes:
        if s.role not in FRAME:
            assert in_square(s.box) and s.box[1] > BAND and s.box[3] < 630 - STRIP, s


# ---- the root page ----------------------------------------------------------------------------------------------

def meta(page: str, key: str) -> str:
    m = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', page)
    return html.unescape(m.group(1)) if m else ""


@pytest.mark.parametrize("name", list(REPORTS))
def test_the_root_page_greets_in_both_languages(sites, name):
    """Each language's section: the report's title, its headline figure as that language writes it (report.yml
    headline, when the report names one), the way in to its home page and to its 一图读懂; no script."""
    site = sites[name]
    page = (site / "index.html").read_text(encoding="utf-8")
    report = content(name, "report.yml")
    headline = report.get("headline")
    assert "<script" not in page
    for lang in LANGS:
        html_lang = "zh-CN" if lang == "zh" else "en"
        section = re.search(rf'<section class="root-lang" lang="{html_lang}".*?</section>', page, re.S)
        assert section, lang
        text = bare(re.sub(r"<[^>]+>", "", section.group(0)))
        assert bare(seed_title(name, lang)) in text, (lang, seed_title(name, lang))
        if headline:
            assert bare(Report(name).shown(headline, lang)) in text, (lang, Report(name).shown(headline, lang))
        for href in (f"{lang}/", f"{lang}/explainer/"):
            assert f'href="{href}"' in section.group(0), href
            assert (site / href / "index.html").is_file(), href
    assert page.count("<h1") == 1


@pytest.mark.parametrize("name", list(REPORTS))
def test_the_root_page_has_its_own_tags_and_card(sites, name):
    site = sites[name]
    page = (site / "index.html").read_text(encoding="utf-8")
    base = content(name, "report.yml").get("publish", {}).get("site_url") or "https://baiyige-report.example.org/"
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', page).group(1)
    assert canonical == base
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page))
    assert alternates == {"zh-Hans": base + "zh/", "en": base + "en/", "x-default": base}
    assert meta(page, "og:url") == canonical and meta(page, "og:type") == "website"
    assert meta(page, "og:image") == meta(page, "twitter:image") == base + "share.png"
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
    assert meta(page, "twitter:card") == "summary_large_image"
    for lang in LANGS:   # the title and description in both languages
        assert bare(seed_title(name, lang)) in bare(meta(page, "og:title")), lang
        assert bare(content(name, "report.yml")["meta"][lang]["description"]) in bare(meta(page, "og:description"))
    assert meta(page, "og:locale") == "zh_CN" and meta(page, "og:locale:alternate") == "en_US"
    assert not pixel_problems(site / "share.png")
    assert not square_problems(name, "share.png")


def test_the_root_page_reads_on_a_phone_without_script(sites, chromium):
    """At 390x844 with JavaScript off: both titles, both headline figures and both ways in on the first screen, no
    horizontal scroll."""
    import checkers

    with checkers.serve(sites["main"]) as base:
        context = chromium.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
        try:
            tab = context.new_page()
            tab.goto(base + "/")
            assert tab.evaluate("document.documentElement.scrollWidth") <= 390
            for selector in (".root-title", ".root-figure", ".root-enter", ".root-ways .hero-star"):
                boxes = [e.bounding_box() for e in tab.query_selector_all(selector)]
                assert len(boxes) == 2 and all(b and b["y"] + b["height"] <= 844 and b["x"] >= 0
                                               and b["x"] + b["width"] <= 390 for b in boxes), (selector, boxes)
        finally:
            context.close()
