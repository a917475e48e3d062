"""Sharing, search and print of the built site in Chromium (ONE browser, ONE http.server per session).

Every page of sitemap.xml (both languages) is visited ONCE in a module fixture (`visits`) that
records what several tests need: the share tags of <head>, the ids of the page, the decoded QR code
of the share panel, what the copy-link button put on the clipboard, which parts show in print and
the page's PDF. The searches run once in a second fixture (`searches`). Every context records each
request it makes, so the last test can check that nothing left 127.0.0.1.

Each test collects every problem (page and what is wrong) and fails once with the whole list.
"""
from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

import checkers
from checkers import assert_no_problems

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 900}
QR_PX = 300                   # the QR code is screenshot at this size (CSS px, device scale 1)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
CARD_W, CARD_H = 1200, 630
TITLE_BAND = (110, 420)       # y range of the card where the title is drawn
DARK = 80                     # a pixel is "dark" (the title's ink #1f1f1f) when max(r, g, b) < DARK
HIDDEN_IN_PRINT = (".site-nav", ".search-form", ".lang-switch")
SHOWN_IN_PRINT = (".share-url", ".share-qr svg")
SUMMARY_PAGES = ("/zh/summary/", "/en/summary/")

# query -> pages that must be among its results (and pages only reported, not required)
SEARCHES = [
    ("zh", "坑塘", ["/zh/ecology/"], []),
    ("zh", "督查通报", ["/zh/work/"], []),
    # on four pages; Pagefind 1.5 (indexing with another segmenter than the browser's) found only the article
    ("zh", "党群服务中心", ["/zh/branch/", "/zh/overview/", "/zh/summary/", "/zh/article/"], []),
    ("en", "ponds", ["/en/ecology/"], []),
    # words of a chart's title: the chart once, as a section of its page, never also its own page (issue 26)
    ("zh", "投资最多", ["/zh/overview/"], []),
    ("en", "largest investment", ["/en/overview/"], []),
    ("en", "inspection", ["/en/work/"], []),
]
# header search box: (page to start on, query)
HEADER_SEARCHES = [("/zh/ecology/", "坑塘"), ("/en/work/", "inspection")]


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------

def norm_path(path: str) -> str:
    """/zh/x/index.html -> /zh/x/ (a directory URL and its index.html are the same page)."""
    path = unquote(path or "/")
    return re.sub(r"index\.html$", "", path)


def pdf_page_count(pdf: bytes) -> int:
    """Pages of a PDF: the /Type /Page objects (not /Type /Pages, the page tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


def dark_pixels(img: Image.Image, box: tuple[int, int, int, int]) -> int:
    """Pixels of box whose brightest channel is below DARK (the title's near-black ink)."""
    r, g, b = img.convert("RGB").crop(box).split()
    brightest = ImageChops.lighter(ImageChops.lighter(r, g), b)
    return sum(brightest.histogram()[:DARK])


def new_context(browser, off_host: list[str], **kw):
    """A browser context that records every request to another host than 127.0.0.1."""
    ctx = browser.new_context(service_workers="block", **kw)
    ctx.set_default_timeout(15000)
    ctx.on("request", lambda r: None if checkers._is_local(r.url)
           else off_host.append(f"{r.url} ({r.resource_type}, from {r.frame.url if r.frame else '?'})"))
    return ctx


HEAD_JS = r"""
() => {
  const meta = {};
  for (const m of document.head.querySelectorAll('meta[name], meta[property]')) {
    const k = (m.getAttribute('property') || m.getAttribute('name')).toLowerCase();
    if (!(k in meta)) meta[k] = m.getAttribute('content');
  }
  const canon = document.head.querySelector('link[rel~="canonical"]');
  const share = [...document.querySelectorAll('.share-url a')].map(a => ({href: a.getAttribute('href'),
                                                                        text: a.textContent.trim()}));
  const ids = {};
  for (const el of document.querySelectorAll('[id]')) ids[el.id] = el.tagName.toLowerCase();
  return {meta, canonical: canon ? canon.getAttribute('href') : null, ids, share,
          lang: document.documentElement.lang};
}
"""

PIN_JS = r"""
(svg, px) => {
  for (const [k, v] of [['position', 'fixed'], ['top', '0'], ['left', '0'], ['width', px + 'px'],
                        ['height', px + 'px'], ['z-index', '2147483647'], ['background', '#fff']])
    svg.style.setProperty(k, v, 'important');
}
"""
UNPIN_JS = r"""
(svg) => { for (const k of ['position', 'top', 'left', 'width', 'height', 'z-index', 'background'])
             svg.style.removeProperty(k); }
"""

PRINT_JS = r"""
(sels) => {
  const out = {};
  for (const sel of sels) {
    const els = [...document.querySelectorAll(sel)];
    out[sel] = els.map(el => {
      const r = el.getBoundingClientRect();
      return {display: getComputedStyle(el).display,
              visible: el.checkVisibility({visibilityProperty: true}) && r.width > 0 && r.height > 0};
    });
  }
  return out;
}
"""


@dataclass
class PageRecord:
    """What one page showed in Chromium."""
    path: str
    status: int | None = None
    lang: str | None = None
    meta: dict = field(default_factory=dict)
    canonical: str | None = None
    ids: dict = field(default_factory=dict)        # id -> tag name
    share_links: list[dict] = field(default_factory=list)   # .share-url a: href and text
    qr_svgs: int = 0
    qr_texts: list[str] = field(default_factory=list)
    qr_size: tuple[int, int] | None = None
    copy_buttons: int = 0
    copy_visible: bool = False
    clipboard: str | None = None
    copy_problem: str | None = None
    print_display: dict = field(default_factory=dict)
    pdf_pages: int | None = None
    pdf_problem: str | None = None
    crash: list[str] = field(default_factory=list)
    seconds: dict = field(default_factory=dict)     # per step, to see where the time goes


@dataclass
class SearchRecord:
    lang: str
    query: str
    url: str
    status_text: str = ""
    results: list[dict] = field(default_factory=list)   # {"href": abs URL, "title": str, "subs": [abs URL]}
    problem: str | None = None

    @property
    def excerpts(self) -> list[str]:
        return [x for r in self.results for x in r.get("excerpts", [])]


# ---------------------------------------------------------------------------------------------
# fixtures: every page once, every search once
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def off_host() -> list[str]:
    """Every request any context of this module made to another host than 127.0.0.1."""
    return []


@pytest.fixture(scope="module")
def sitemap(built_site) -> tuple[str, list[str]]:
    """(production origin, the page paths of sitemap.xml under /zh/ and /en/)."""
    origin, paths, problems = checkers.read_sitemap(built_site)
    assert not problems, problems
    assert origin, "sitemap.xml has no URL"
    pages = [p for p in paths if checkers.other_language(p)]
    for lang in checkers.LANGS:
        assert any(p.startswith(f"/{lang}/") for p in pages), f"sitemap.xml: no page under /{lang}/"
    return origin, pages


@pytest.fixture(scope="module")
def visits(chromium, site_url, sitemap, off_host) -> dict[str, PageRecord]:
    """Each sitemap page once, at 1280x900, with the clipboard allowed."""
    import zxingcpp

    _, pages = sitemap
    records: dict[str, PageRecord] = {}
    ctx = new_context(chromium, off_host, viewport=VIEWPORT, device_scale_factor=1)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page = ctx.new_page()
    dialogs: list[str] = []

    def on_dialog(d):
        dialogs.append(f"{d.type}: {d.message!r} {d.default_value!r}")
        d.dismiss()

    page.on("dialog", on_dialog)
    t0 = time.monotonic()
    try:
        for path in pages:
            rec = records[path] = PageRecord(path)
            dialogs.clear()
            steps = (_visit_head, _visit_qr, _visit_copy, _visit_print)
            for step in steps:
                t1 = time.monotonic()
                try:
                    step(page, rec, site_url, dialogs, zxingcpp)
                except Exception as e:  # noqa: BLE001 - report, go on with the next step/page
                    rec.crash.append(f"{step.__name__[1:]}: {type(e).__name__}: "
                                     f"{str(e).splitlines()[0] if str(e) else ''}")
                    if page.is_closed():
                        page = ctx.new_page()
                        page.on("dialog", on_dialog)
                    if step is _visit_head:
                        break  # the page did not load: nothing more to record
                rec.seconds[step.__name__[7:]] = round(time.monotonic() - t1, 2)
    finally:
        ctx.close()
    print(f"\nsharing: visited {len(records)} pages in {time.monotonic() - t0:.1f} s; "
          + "; ".join(f"{r.path} {r.seconds}" for r in records.values()))
    return records


def _visit_head(page, rec: PageRecord, site_url, dialogs, zxingcpp) -> None:
    page.emulate_media(media="screen")
    resp = page.goto(site_url + rec.path, wait_until="load")
    rec.status = resp.status if resp else None
    head = page.evaluate(HEAD_JS)
    rec.meta, rec.canonical, rec.ids, rec.lang = head["meta"], head["canonical"], head["ids"], head["lang"]
    rec.share_links = head["share"]


def _visit_qr(page, rec: PageRecord, site_url, dialogs, zxingcpp) -> None:
    """Screenshot the share panel's QR code at QR_PX x QR_PX CSS px and decode it. The svg is pinned
    to the top left corner of the viewport for the shot (through the CSSOM, which the page's CSP
    allows): no scrolling, so charts that render when scrolled into view cannot move it."""
    svgs = page.locator(".share-qr svg")
    rec.qr_svgs = svgs.count()
    if not rec.qr_svgs:
        return
    svg = svgs.first
    svg.evaluate(PIN_JS, QR_PX)
    try:
        png = svg.screenshot(animations="disabled")
    finally:
        svg.evaluate(UNPIN_JS)
    img = Image.open(io.BytesIO(png))
    rec.qr_size = img.size
    rec.qr_texts = [b.text for b in zxingcpp.read_barcodes(img)]


def _visit_copy(page, rec: PageRecord, site_url, dialogs, zxingcpp) -> None:
    buttons = page.locator(".share .copy-link")
    rec.copy_buttons = buttons.count()
    if not rec.copy_buttons:
        return
    button = buttons.first
    rec.copy_visible = button.is_visible()
    if not rec.copy_visible:
        return
    page.evaluate("navigator.clipboard.writeText('')")   # nothing left over from the last page
    label = button.text_content()
    done = button.get_attribute("data-done")
    button.click()
    try:  # site.js shows data-done once the clipboard has the text
        page.wait_for_function("(l) => document.querySelector('.share .copy-link').textContent !== l",
                               arg=label, timeout=3000)
    except Exception:  # noqa: BLE001 - then the clipboard tells what happened
        rec.copy_problem = f"the button label did not change to {done!r} after the click"
    rec.clipboard = page.evaluate("navigator.clipboard.readText()")
    if dialogs:
        rec.copy_problem = "the button fell back to a dialog instead of the clipboard: " + "; ".join(dialogs)


def _visit_print(page, rec: PageRecord, site_url, dialogs, zxingcpp) -> None:
    page.emulate_media(media="print")
    try:
        rec.print_display = page.evaluate(PRINT_JS, list(HIDDEN_IN_PRINT + SHOWN_IN_PRINT))
        try:
            pdf = page.pdf(format="A4", prefer_css_page_size=True)
        except Exception as e:  # noqa: BLE001
            rec.pdf_problem = f"page.pdf failed: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
            return
        if not pdf.startswith(b"%PDF-"):
            rec.pdf_problem = f"page.pdf gave no PDF (starts with {pdf[:8]!r})"
            return
        rec.pdf_pages = pdf_page_count(pdf)
    finally:
        page.emulate_media(media="screen")


def _wait_for_results(page) -> None:
    """Until search.js has answered: the status is neither empty nor the loading text."""
    page.wait_for_function(
        """() => { const b = document.getElementById('search');
                   const s = b && b.querySelector('.search-status');
                   return s && s.textContent.trim() && s.textContent !== b.getAttribute('data-loading'); }""",
        timeout=15000)


RESULTS_JS = r"""
() => [...document.querySelectorAll('ol.search-results > li.search-result')].map(li => {
  const a = li.querySelector('h2 a[href]');
  return {href: a ? a.href : null, title: a ? a.textContent.trim() : null,
          subs: [...li.querySelectorAll('ul.search-subs a[href]')].map(s => s.href),
          excerpts: [...li.querySelectorAll('.search-excerpt')].map(p => p.textContent.trim())};
})
"""


@pytest.fixture(scope="module")
def searches(chromium, site_url, off_host) -> dict:
    """Every query of SEARCHES on /<lang>/search/?q=, and each header search box query."""
    out: dict = {"page": {}, "header": {}}
    ctx = new_context(chromium, off_host, viewport=VIEWPORT)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        for lang, query, _, _ in SEARCHES:
            url = f"{site_url}/{lang}/search/?q={quote(query)}"
            rec = out["page"][(lang, query)] = SearchRecord(lang, query, url)
            errors.clear()
            try:
                page.goto(url, wait_until="load")
                _wait_for_results(page)
                rec.status_text = page.locator("#search .search-status").text_content() or ""
                rec.results = page.evaluate(RESULTS_JS)
            except Exception as e:  # noqa: BLE001
                rec.problem = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
            if errors:
                rec.problem = (rec.problem or "") + " JS errors: " + "; ".join(errors)
        for start, query in HEADER_SEARCHES:
            rec = out["header"][(start, query)] = SearchRecord(start.split("/")[1], query, site_url + start)
            errors.clear()
            try:
                page.goto(site_url + start, wait_until="load")
                box = page.locator("#site-search")
                box.click()
                box.press_sequentially(query)
                with page.expect_navigation(wait_until="load"):
                    box.press("Enter")
                rec.url = page.url
                _wait_for_results(page)
                rec.status_text = page.locator("#search .search-status").text_content() or ""
                rec.results = page.evaluate(RESULTS_JS)
            except Exception as e:  # noqa: BLE001
                rec.url = page.url
                rec.problem = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
            if errors:
                rec.problem = (rec.problem or "") + " JS errors: " + "; ".join(errors)
    finally:
        ctx.close()
    return out


# ---------------------------------------------------------------------------------------------
# 1. share tags
# ---------------------------------------------------------------------------------------------

def test_every_page_is_visited(visits, sitemap):
    _, pages = sitemap
    problems = []
    for path in pages:
        rec = visits.get(path)
        if rec is None:
            problems.append(f"{path}: not visited")
            continue
        problems += [f"{path}: could not be checked: {c}" for c in rec.crash]
        if rec.status is None or rec.status >= 400:
            problems.append(f"{path}: HTTP {rec.status}")
        want = path.split("/")[1]
        if not (rec.lang or "").lower().startswith(want):
            problems.append(f"{path}: <html lang={rec.lang!r}>, expected {want}*")
    assert_no_problems("pages that could not be visited", problems)


def test_share_tags(visits, sitemap, built_site):
    """description, og:*, twitter:* on every page: absolute production URLs; og:image is the page's
    own share.png, a 1200x630 PNG."""
    origin, pages = sitemap
    prod = urlsplit(origin)
    problems: list[str] = []
    descriptions: dict[tuple[str, str], list[str]] = {}

    def on_prod(p, name, url) -> bool:
        u = urlsplit(url or "")
        if u.scheme != "https" or u.netloc != prod.netloc:
            problems.append(f"{p}: {name} {url!r} is not an absolute https URL on {prod.netloc}")
            return False
        return True

    for p in pages:
        rec = visits[p]
        m = rec.meta
        lang = p.split("/")[1]
        desc = (m.get("description") or "").strip()
        if not desc:
            problems.append(f"{p}: <meta name=description> missing or empty")
        else:
            descriptions.setdefault((lang, desc), []).append(p)
        for key in ("og:title", "og:description", "og:url", "og:image", "og:image:width",
                    "og:image:height", "twitter:card", "twitter:image"):
            if not (m.get(key) or "").strip():
                problems.append(f"{p}: <meta {key}> missing or empty")
        if m.get("og:description") and desc and m["og:description"].strip() != desc:
            problems.append(f"{p}: og:description {m['og:description']!r} differs from the description {desc!r}")
        if m.get("og:image:width") != "1200" or m.get("og:image:height") != "630":
            problems.append(f"{p}: og:image:width/height = {m.get('og:image:width')!r}/"
                            f"{m.get('og:image:height')!r}, expected '1200'/'630'")
        if m.get("twitter:card") != "summary_large_image":
            problems.append(f"{p}: twitter:card = {m.get('twitter:card')!r}, expected 'summary_large_image'")

        # canonical == og:url == the production URL of this very page
        if not rec.canonical:
            problems.append(f"{p}: no <link rel=canonical>")
        elif on_prod(p, "canonical", rec.canonical) and norm_path(urlsplit(rec.canonical).path) != p:
            problems.append(f"{p}: canonical {rec.canonical!r} is another page")
        if m.get("og:url") and m["og:url"] != rec.canonical:
            problems.append(f"{p}: og:url {m['og:url']!r} != canonical {rec.canonical!r}")
        if m.get("og:url"):
            on_prod(p, "og:url", m["og:url"])

        # og:image == twitter:image == <canonical>share.png, the page's own file, 1200x630 PNG
        for key in ("og:image", "twitter:image"):
            url = m.get(key)
            if url and on_prod(p, key, url) and urlsplit(url).path != p + "share.png":
                problems.append(f"{p}: {key} {url!r} is not this page's share.png ({p}share.png)")
        if m.get("twitter:image") and m.get("og:image") and m["twitter:image"] != m["og:image"]:
            problems.append(f"{p}: twitter:image {m['twitter:image']!r} != og:image {m['og:image']!r}")
        img_url = m.get("og:image")
        if img_url:
            local = checkers.local_file(built_site, urlsplit(img_url).path)
            if local is None:
                problems.append(f"{p}: og:image {img_url!r} has no file in the built site "
                                f"(expected {p.lstrip('/')}share.png)")
            else:
                data = local.read_bytes()
                if not data.startswith(PNG_MAGIC):
                    problems.append(f"{p}: {local.relative_to(built_site)} is not a PNG (starts {data[:8]!r})")
                else:
                    with Image.open(io.BytesIO(data)) as im:
                        if im.format != "PNG" or im.size != (CARD_W, CARD_H):
                            problems.append(f"{p}: {local.relative_to(built_site)} is {im.format} "
                                            f"{im.size[0]}x{im.size[1]}, expected PNG 1200x630")
    for (lang, desc), where in descriptions.items():
        if len(where) > 1:
            problems.append(f"{', '.join(where)}: the same description in {lang} ({desc!r}); "
                            "each page needs its own")
    assert_no_problems("share tags", problems)


# ---------------------------------------------------------------------------------------------
# 2. CJK (and Latin) really drawn on the share cards
# ---------------------------------------------------------------------------------------------

def _reference_render(text: str, font_path, index: int, size: int = 48) -> Image.Image:
    """text drawn with the card's font (Pillow, basic layout, as the card is drawn)."""
    font = ImageFont.truetype(str(font_path), size, index=index, layout_engine=ImageFont.Layout.BASIC)
    img = Image.new("RGB", (int(font.getlength(text)) + 2 * size, 2 * size), "white")
    ImageDraw.Draw(img).text((size, int(1.5 * size)), text, font=font, fill="#1f1f1f", anchor="ls")
    return img


def test_share_cards_draw_their_titles(visits, sitemap, built_site):
    """Every zh card (and every en card): the og:title has no character the card's font lacks (no
    .notdef box, checked with glyphs_missing), and the card's title area is not blank: it holds at
    least half the dark ink of a 48 px Pillow render of the og:title in the same font (the card
    draws titles at 36-80 px) and never less than 2000 dark pixels. The og:title is "page · report":
    the card draws the report's name on its own line, so the title band is measured against the page
    part."""
    from sitegen.render.draw.fonts import find_cjk_font, glyphs_missing

    font_path, index = find_cjk_font()
    _, pages = sitemap
    problems: list[str] = []
    checked = {"zh": 0, "en": 0}
    for p in pages:
        lang = p.split("/")[1]
        title = (visits[p].meta.get("og:title") or "").strip()
        if not title:
            problems.append(f"{p}: no og:title to check")
            continue
        missing = glyphs_missing(title, font_path, index)
        # og:title is "page · report"; the card draws the report's name in its own line above the title band
        site_name = (visits[p].meta.get("og:site_name") or "").strip()
        if site_name and title.endswith(" · " + site_name):
            title = title[: -len(" · " + site_name)]
        if missing:
            problems.append(f"{p}: {font_path.name} cannot draw "
                            + ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing)
                            + f" of the og:title {title!r}: it would show as empty boxes")
        ref = _reference_render(title, font_path, index)
        ref_ink = dark_pixels(ref, (0, 0) + ref.size)
        if ref_ink == 0:
            problems.append(f"{p}: the og:title {title!r} renders with no ink at all in {font_path.name}")
            continue
        local = checkers.local_file(built_site, p + "share.png")
        if local is None:
            problems.append(f"{p}: no share.png (reported by test_share_tags)")
            continue
        with Image.open(local) as card:
            if card.size != (CARD_W, CARD_H):
                problems.append(f"{p}: share.png is {card.size}, expected 1200x630")
                continue
            ink = dark_pixels(card, (0, TITLE_BAND[0], CARD_W, TITLE_BAND[1]))
        # the card draws the title at 36-80 px (the reference is 48 px): at least half the ink
        need = max(2000, ref_ink // 2)
        if ink < need:
            problems.append(f"{p}: share.png title area (y {TITLE_BAND[0]}-{TITLE_BAND[1]}) has "
                            f"{ink} dark pixels, expected >= {need} for the title {title!r} "
                            f"(a 48 px render of it has {ref_ink}): blank card?")
        checked[lang] += 1
    if not checked["zh"] or not checked["en"]:
        problems.append(f"cards checked: {checked}; expected zh pages and at least one en page")
    assert_no_problems("share cards", problems)


# ---------------------------------------------------------------------------------------------
# 3. QR code, 4. copy link
# ---------------------------------------------------------------------------------------------

def test_qr_code_scans_to_the_canonical_url(visits, sitemap):
    """The share panel's QR code decodes to the canonical URL, which .share-url shows and links."""
    _, pages = sitemap
    problems = []
    for p in pages:
        rec = visits[p]
        if len(rec.share_links) != 1:
            problems.append(f"{p}: {len(rec.share_links)} .share-url a link(s), expected 1")
        for link in rec.share_links:
            if link["href"] != rec.canonical or link["text"] != rec.canonical:
                problems.append(f"{p}: .share-url a href={link['href']!r} text={link['text']!r}, "
                                f"expected the canonical URL {rec.canonical!r}")
        if rec.qr_svgs != 1:
            problems.append(f"{p}: {rec.qr_svgs} QR code(s) (.share-qr svg), expected 1")
            continue
        if not rec.canonical:
            problems.append(f"{p}: no canonical URL to compare the QR code with")
        elif not rec.qr_texts:
            problems.append(f"{p}: the QR code (screenshot {rec.qr_size}) does not decode")
        elif rec.qr_texts != [rec.canonical]:
            problems.append(f"{p}: the QR code decodes to {rec.qr_texts!r}, expected {rec.canonical!r}")
    assert_no_problems("QR codes of the share panels", problems)


def test_copy_link_copies_the_canonical_url(visits, sitemap):
    _, pages = sitemap
    problems = []
    for p in pages:
        rec = visits[p]
        if rec.copy_buttons != 1:
            problems.append(f"{p}: {rec.copy_buttons} copy-link button(s) (.share .copy-link), expected 1")
            continue
        if not rec.copy_visible:
            problems.append(f"{p}: the copy-link button is not visible with JavaScript on")
            continue
        if rec.copy_problem:
            problems.append(f"{p}: copy link: {rec.copy_problem}")
        if rec.clipboard != rec.canonical:
            problems.append(f"{p}: after the click the clipboard holds {rec.clipboard!r}, "
                            f"expected the canonical URL {rec.canonical!r}")
    assert_no_problems("copy-link buttons", problems)


# ---------------------------------------------------------------------------------------------
# 5. search
# ---------------------------------------------------------------------------------------------

def _result_paths(rec: SearchRecord) -> list[str]:
    return [norm_path(urlsplit(r["href"]).path) for r in rec.results if r.get("href")]


def test_search_finds_the_pages(searches, site_url):
    problems, notes = [], []
    for lang, query, required, reported in SEARCHES:
        rec = searches["page"][(lang, query)]
        where = f"/{lang}/search/?q={query}"
        if rec.problem:
            problems.append(f"{where}: {rec.problem}")
        found = _result_paths(rec)
        for want in required:
            if want not in found:
                problems.append(f"{where}: {want} not among the {len(found)} result(s) {found} "
                                f"(status {rec.status_text!r})")
        for extra in reported:
            notes.append(f"{where}: {extra} {'IS' if extra in found else 'is NOT'} found")
        for r in rec.results:
            for url in [r["href"]] + r["subs"]:
                if url and urlsplit(url).netloc != urlsplit(site_url).netloc:
                    problems.append(f"{where}: result link {url!r} leaves the site")
    if notes:
        print("\n" + "\n".join(notes))
    assert_no_problems("search results", problems)


def test_a_chart_is_found_once(searches):
    """A chart's own page repeats a chart of another page: the index keeps only the section of that page, and an
    excerpt begins where a sentence, clause or list item begins, its list number apart from its words."""
    problems = []
    for (lang, query), rec in searches["page"].items():
        found = _result_paths(rec)
        if any("/charts/" in p for p in found):
            problems.append(f"/{lang}/search/?q={query}: a chart's own page is a result: {found}")
        if len(found) != len(set(found)):
            problems.append(f"/{lang}/search/?q={query}: a page is found twice: {found}")
        for text in rec.excerpts:
            if text[:1] in "）)、，,；;" or re.match(r"^\d[\u4e00-\u9fff]", text):
                problems.append(f"/{lang}/search/?q={query}: an excerpt starts mid-sentence: {text[:30]!r}")
    assert_no_problems("search results", problems)


def test_search_fragments_point_at_headings(searches, visits):
    """Sub-results link to page/#heading-id: every such id exists on its page; at least one is a heading."""
    problems = []
    good = 0
    for (lang, query), rec in searches["page"].items():
        for r in rec.results:
            for url in r["subs"]:
                parts = urlsplit(url)
                if not parts.fragment:
                    continue
                target, frag = norm_path(parts.path), unquote(parts.fragment)
                page = visits.get(target)
                if page is None:
                    problems.append(f"/{lang}/search/?q={query}: {url} -> {target} is not a sitemap page")
                    continue
                tag = page.ids.get(frag)
                if tag is None:
                    problems.append(f"/{lang}/search/?q={query}: {url} -> no id {frag!r} on {target}")
                elif re.fullmatch(r"h[1-6]", tag):
                    good += 1
    if not good:
        subs = [s for rec in searches["page"].values() for r in rec.results for s in r["subs"]]
        problems.append(f"no search result links to page/#id of a heading on its page (sub-results: {subs})")
    assert_no_problems("search result fragments", problems)


def test_header_search_box_lands_on_results(searches, site_url):
    problems = []
    for (start, query), rec in searches["header"].items():
        lang = start.split("/")[1]
        where = f"{start} #site-search {query!r} + Enter"
        if rec.problem:
            problems.append(f"{where}: {rec.problem}")
        landed = urlsplit(rec.url)
        if norm_path(landed.path) != f"/{lang}/search/":
            problems.append(f"{where}: landed on {rec.url}, expected /{lang}/search/?q=...")
        elif parse_qs(landed.query).get("q") != [query]:
            problems.append(f"{where}: landed on {rec.url}, q is not {query!r}")
        if not rec.results:
            problems.append(f"{where}: no results on {rec.url} (status {rec.status_text!r})")
    assert_no_problems("header search box", problems)


# ---------------------------------------------------------------------------------------------
# 6. print
# ---------------------------------------------------------------------------------------------

def test_print_layout(visits, sitemap):
    """In print: no navigation, search box or language switch; the share URL and QR code show;
    page.pdf(A4) works; the one-page summaries print on exactly one A4 page."""
    _, pages = sitemap
    problems = []
    for p in pages:
        rec = visits[p]
        shown = rec.print_display
        if not shown:
            problems.append(f"{p}: print layout not recorded ({'; '.join(rec.crash) or 'no data'})")
        for sel in HIDDEN_IN_PRINT:
            els = shown.get(sel)
            if els is None:
                continue
            if not els:
                problems.append(f"{p}: no {sel} on the page (expected in the header)")
            for i, e in enumerate(els):
                if e["display"] != "none":
                    problems.append(f"{p}: {sel} #{i + 1} printed (computed display {e['display']!r}, "
                                    f"expected 'none')")
        for sel in SHOWN_IN_PRINT:
            els = shown.get(sel)
            if els is None:
                continue
            if not els:
                problems.append(f"{p}: no {sel} on the page")
            for i, e in enumerate(els):
                if e["display"] == "none" or not e["visible"]:
                    problems.append(f"{p}: {sel} #{i + 1} not printed (display {e['display']!r}, "
                                    f"visible {e['visible']})")
        if rec.pdf_problem:
            problems.append(f"{p}: {rec.pdf_problem}")
        elif rec.pdf_pages is None:
            problems.append(f"{p}: no PDF made")
        elif rec.pdf_pages < 1:
            problems.append(f"{p}: the PDF has no page")
        elif p in SUMMARY_PAGES and rec.pdf_pages != 1:
            problems.append(f"{p}: the one-page summary prints on {rec.pdf_pages} A4 pages, expected 1")
    for p in SUMMARY_PAGES:
        if p not in visits:
            problems.append(f"{p}: not in sitemap.xml, so its print was not checked")
    assert_no_problems("print", problems)


# ---------------------------------------------------------------------------------------------
# 7. nothing leaves the machine (keep last: it covers every fixture above)
# ---------------------------------------------------------------------------------------------

def test_no_request_leaves_localhost(visits, searches, off_host):
    problems = [f"request to another host than {checkers.LOCAL_HOST}: {u}" for u in off_host]
    assert_no_problems("off-host requests during the sharing/search/print checks", problems)
