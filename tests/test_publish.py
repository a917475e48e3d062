"""Publishable in a browser: the phone's first screen is the page's own content, every menu item visible at
phone and desktop widths, a keyboard path through the menu, quiet provenance marks (hover, focus, the "show
sources" switch; never in print), and A4 printouts without near-empty sheets. Screenshots go to
test-output/screenshots/publish/."""
from __future__ import annotations

import math
import re

import pytest

import checkers
from checkers import assert_no_problems

pytestmark = pytest.mark.browser

WIDTHS = (1366, 390)
PAGES = ("", "industry/", "overview/", "article/", "summary/", "about/")
A4_PRINTABLE_MM = (210 - 2 * 14, 297 - 2 * 16)   # @page margins 16mm 14mm (templates/assets/site.css)
PX_PER_MM = 96 / 25.4
PRINTED = ("summary/", "industry/", "overview/")
MIN_LAST_SHEET = 0.25
SHOTS = checkers.SCREENSHOTS / "publish"

NAV_JS = r"""
() => [...document.querySelectorAll('.site-nav a')].map(a => {
  const r = a.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  return {href: a.getAttribute('href'), text: a.textContent.trim(), left: r.left, right: r.right,
          top: r.top, bottom: r.bottom, hit: !!hit && (hit === a || a.contains(hit))};
})
"""


@pytest.fixture(scope="module")
def context(chromium):
    ctx = chromium.new_context(service_workers="block")
    ctx.set_default_timeout(15000)
    yield ctx
    ctx.close()


FIRST_SCREEN = 0.15   # the page's own content begins within 15 % of a 390 x 844 phone screen (issue 23)


def test_the_phones_first_screen_is_the_page(context, site_url):
    """On a 390 x 844 screen the header is one line and the menu a disclosure: every page's content begins within
    15 % of the screen, in both languages; the home page's first screen holds the report's headline figure."""
    problems = []
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    for lang in checkers.LANGS:
        for slug in PAGES:
            page.goto(f"{site_url}/{lang}/{slug}", wait_until="load")
            top = page.evaluate("() => document.querySelector('main').firstElementChild.getBoundingClientRect().top")
            if top > FIRST_SCREEN * 844:
                problems.append(f"/{lang}/{slug}: the content begins {top:.0f} px down "
                                f"(over {FIRST_SCREEN:.0%} of 844)")
        page.goto(f"{site_url}/{lang}/", wait_until="load")
        figure = page.evaluate("() => { const n = document.querySelector('.hero-figure .num');"
                               " return n ? n.getBoundingClientRect().bottom : null; }")
        if figure is None or figure > 844:
            problems.append(f"/{lang}/: the headline figure is not on the first screen ({figure})")
    page.close()
    assert_no_problems("the phone's first screen", problems)


def open_menu(page, width: int) -> None:
    """On a phone the menu is a disclosure: open it (on a wide screen it is open)."""
    summary = page.locator(".nav-menu > summary")
    if summary.is_visible():
        summary.click()


def test_every_menu_item_is_visible_at_phone_and_desktop_widths(context, site_url):
    """At 1366 and 390 px (the menu opened), each menu item lies inside the viewport and is what the eye sees at its
    centre."""
    problems = []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = context.new_page()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for lang in checkers.LANGS:
            for slug in PAGES:
                page.goto(f"{site_url}/{lang}/{slug}", wait_until="load")
                open_menu(page, width)
                items = page.evaluate(NAV_JS)
                if len(items) < 10:
                    problems.append(f"/{lang}/{slug} at {width}px: only {len(items)} menu items")
                for it in items:
                    if it["left"] < 0 or it["right"] > width + 0.5 or not it["hit"]:
                        problems.append(f"/{lang}/{slug} at {width}px: menu item {it['text']!r} is not visible "
                                        f"({it['left']:.0f}–{it['right']:.0f} px)")
                name = f"{lang}-{slug.strip('/') or 'home'}-{width}.png"
                page.screenshot(path=str(SHOTS / name), full_page=True)
    page.close()
    assert_no_problems("menu items out of sight", problems)


def test_tab_reaches_every_menu_item_in_order(context, site_url):
    """From the top of the page, Tab walks through the header and then every menu item, in menu order."""
    problems = []
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    for lang in checkers.LANGS:
        page.goto(f"{site_url}/{lang}/industry/", wait_until="load")
        menu = [i["href"] for i in page.evaluate(NAV_JS)]
        focused = []
        for _ in range(len(menu) + 12):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.matches('.nav-menu > summary')"):
                page.keyboard.press("Enter")   # the phone's menu opens from the keyboard too
            focused.append(page.evaluate("() => { const a = document.activeElement; return a.closest('.site-nav') ?"
                                         " a.getAttribute('href') : (a.className || a.tagName) }"))
        walked = [f for f in focused if f in menu]
        if walked[:len(menu)] != menu:
            problems.append(f"/{lang}/: Tab visits the menu as {walked[:len(menu)]}, expected {menu}")
        first = focused.index(menu[0]) if menu[0] in focused else -1
        if first < 0 or focused[first:first + len(menu)] != menu:
            problems.append(f"/{lang}/: the menu items are not reached one after the other: {focused}")
        current = page.locator('.site-nav a[aria-current="page"]')
        if current.count() != 1:
            problems.append(f"/{lang}/industry/: {current.count()} current menu items")
    page.close()
    assert_no_problems("keyboard path", problems)


OPACITY_JS = r"""
(sel) => [...document.querySelectorAll(sel)].map(e => getComputedStyle(e).opacity)
"""


def test_source_marks_show_on_hover_focus_and_switch_only(context, site_url):
    problems = []
    page = context.new_page()
    page.set_viewport_size({"width": 1366, "height": 900})
    for lang in checkers.LANGS:
        page.goto(f"{site_url}/{lang}/industry/", wait_until="load")
        page.evaluate("() => localStorage.removeItem('show-sources')")
        page.reload(wait_until="load")
        marks = ".para-link, .tile-src, .heading-anchor, .chart-src"
        shown = [o for o in page.evaluate(OPACITY_JS, marks) if o != "0"]
        if shown or not page.evaluate(OPACITY_JS, marks):
            problems.append(f"/{lang}/industry/: marks visible before any hover: {len(shown)}")
        page.locator(".tile").first.hover()
        if page.locator(".tile").first.locator(".tile-src").evaluate("e => getComputedStyle(e).opacity") != "1":
            problems.append(f"/{lang}/industry/: a tile's source does not show on hover")
        link = page.locator(".para-link").first
        link.focus()
        if link.evaluate("e => getComputedStyle(e).opacity") != "1":
            problems.append(f"/{lang}/industry/: a paragraph mark does not show on keyboard focus")
        toggle = page.locator(".sources-toggle")
        if not toggle.is_visible():
            problems.append(f"/{lang}/industry/: no visible 'show sources' switch")
            continue
        toggle.click()
        page.mouse.move(0, 0)
        page.locator("h1").first.focus()
        if any(o != "1" for o in page.evaluate(OPACITY_JS, marks)) or toggle.get_attribute("aria-pressed") != "true":
            problems.append(f"/{lang}/industry/: the switch does not show every mark")
        page.goto(f"{site_url}/{lang}/ecology/", wait_until="load")
        if any(o != "1" for o in page.evaluate(OPACITY_JS, marks)):
            problems.append(f"/{lang}/ecology/: the switch is not remembered on the next page")
        page.emulate_media(media="print")
        printed = page.evaluate("(s) => [...document.querySelectorAll(s)].filter(e => e.checkVisibility()).length",
                                marks + ", .anchor, .src-link, .sources-toggle")
        if printed:
            problems.append(f"/{lang}/ecology/: {printed} source marks printed")
        page.emulate_media(media="screen")
        page.locator(".sources-toggle").click()
    page.close()
    assert_no_problems("quiet provenance", problems)


def pdf_pages(pdf: bytes) -> int:
    """Pages of a PDF: its /Type /Page objects (not /Type /Pages, the page tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


PRINT_JS = r"""
() => {
  const m = document.querySelector('main'), f = document.querySelector('.site-footer');
  const r = document.body.getBoundingClientRect();
  const hero = document.querySelector('.kpi-total .num, .star-hero h1');
  const icon = document.querySelector('.star-icon svg, .summary-name .card-icon svg');
  const footer = f ? f.innerText : '';
  return {height: document.documentElement.scrollHeight,
          hero: hero ? getComputedStyle(hero).color : null,
          icon: icon ? [icon.getBoundingClientRect().width, getComputedStyle(icon).color] : null,
          footer};
}
"""


def luminance(css: str) -> float:
    r, g, b = (int(x) for x in re.findall(r"\d+", css)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


@pytest.mark.parametrize("lang", checkers.LANGS)
def test_printouts_have_no_near_empty_sheet_and_carry_the_colophon(context, site_url, lang):
    """A4 PDFs of the summary, a star page and the overview: pages counted in the PDF; the last sheet at
    least a quarter full (print-media height of the page at the A4 printable width, modulo the printable
    height); dark hero numbers, icons kept; source, period, date and address in the printout."""
    problems = []
    page = context.new_page()
    width_px = round(A4_PRINTABLE_MM[0] * PX_PER_MM)
    sheet_px = A4_PRINTABLE_MM[1] * PX_PER_MM
    SHOTS.mkdir(parents=True, exist_ok=True)
    for slug in PRINTED:
        page.set_viewport_size({"width": width_px, "height": 200})  # scrollHeight is at least the viewport
        page.goto(f"{site_url}/{lang}/{slug}", wait_until="load")
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        (SHOTS / f"{lang}-{slug.strip('/')}.pdf").write_bytes(pdf)
        info = page.evaluate(PRINT_JS)
        n = pdf_pages(pdf)
        estimate = math.ceil(info["height"] / sheet_px)
        last = (info["height"] - (n - 1) * sheet_px) / sheet_px
        print(f"{lang}/{slug}: {n} page(s), content {info['height']} px, last sheet {last:.0%} full")
        # breaks kept out of tables and charts move content down; if they add a sheet the fill of the last
        # one cannot be read from the height: that counts as a failure too
        if n != estimate:
            problems.append(f"/{lang}/{slug}: {n} PDF pages for {info['height']} px of content ({estimate} sheets)")
        if n > 1 and last < MIN_LAST_SHEET:
            problems.append(f"/{lang}/{slug}: the last of {n} sheets is only {last:.0%} full")
        if info["hero"] and luminance(info["hero"]) > 0.45:
            problems.append(f"/{lang}/{slug}: the hero number prints pale ({info['hero']})")
        if info["icon"] is not None and (info["icon"][0] < 8 or luminance(info["icon"][1]) > 0.9):
            problems.append(f"/{lang}/{slug}: the icon vanishes in print ({info['icon']})")
        if lang == "zh":
            words = ("今年以来", "原文未注明刊发日期", "内容来源")
        else:
            words = ("This year", "does not state", "Source")
        for w in words + (f"/{lang}/{slug}",):
            if w not in info["footer"]:
                problems.append(f"/{lang}/{slug}: the printout lacks {w!r}")
        page.screenshot(path=str(SHOTS / f"{lang}-{slug.strip('/')}-print.png"), full_page=True)
        page.emulate_media(media="screen")
    page.close()
    assert_no_problems("print", problems)


PHRASES_JS = r"""
(sel) => { const bad = [];
  for (const h of document.querySelectorAll(sel)) {
    const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent; if (text.trim().length < 2) continue;
      const top = i => { const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
                         return Math.round(r.getBoundingClientRect().top); };
      if (top(0) !== top(text.length - 1)) bad.push(text);   // a phrase (between two <wbr>) broken inside
    }
  }
  return bad; }
"""


def test_chinese_headlines_break_only_between_phrases(context, site_url):
    """At 320–414 px every Chinese title (the home page's “五星”闪耀 跑出乡村振兴“加速度”, page and chart titles) breaks
    only between its phrases: never inside a word, a short quotation or a number and its unit."""
    problems = []
    page = context.new_page()
    for width in (320, 360, 375, 390, 414):
        page.set_viewport_size({"width": width, "height": 844})
        for slug in ("", "industry/", "overview/", "charts/overview_problems/"):
            page.goto(f"{site_url}/zh/{slug}", wait_until="load")
            broken = page.evaluate(PHRASES_JS, "h1, .chart-title")
            if broken:
                problems.append(f"/zh/{slug} at {width}px: a title breaks inside {broken}")
        page.goto(f"{site_url}/zh/", wait_until="load")
        if page.evaluate("() => document.querySelector('.hero-title').getClientRects().length") < 1:
            problems.append(f"/zh/ at {width}px: no hero title")
    page.close()
    assert_no_problems("Chinese headlines", problems)
