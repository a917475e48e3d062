"""A second, different report (tests/fixtures/report2/), built by the same code from its content alone.

The fixture is a fictional urban community's "four-star" campaign: four stars with their own ids, names,
colours and icons, no photos, no "12345" approach, no work or summary page, a page-break split inside a
sentence. It is built in a throw-away copy of the project (the checkout's docs/ and site/ stay untouched).
"""
from __future__ import annotations

import html
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from conftest import ROOT, build_here, copy_project

FIXTURE = ROOT / "tests" / "fixtures" / "report2"
CONTENT = Path("tests") / "fixtures" / "report2" / "site_src"
LANGS = ("zh", "en")
# What the fixture is meant to produce (also read from its content below, so the two must agree).
PAGES = {"index", "work", "safety", "living", "harmony", "overview", "explainer", "article", "about", "search"}
STAR_NAMES = {"work": ("宜业兴业星", "Jobs and Enterprise Star"),
              "safety": ("平安善治星", "Safety and Good Governance Star"),
              "living": ("宜居美丽星", "Livable and Beautiful Star"),
              "harmony": ("幸福和谐星", "Happiness and Harmony Star")}
FIRST_REPORT_SLUGS = {"industry", "ecology", "civility", "branch", "summary", "corrections"}
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def load(name: str):
    return yaml.safe_load((FIXTURE / "site_src" / name).read_text(encoding="utf-8"))


CHARTS = {f"charts/{c['id']}" for c in load("figures.yml")["charts"]}  # each chart's own page


@pytest.fixture(scope="module")
def report2(tmp_path_factory) -> SimpleNamespace:
    """The fixture built once, in a project copy with tests/fixtures/report2 added to it."""
    base = tmp_path_factory.mktemp("report2")
    project = copy_project(base / "project")
    shutil.copytree(FIXTURE, project / "tests" / "fixtures" / "report2",
                    ignore=shutil.ignore_patterns("__pycache__"))
    out = base / "site"
    content = project / CONTENT  # its own address (publish: in its report.yml), docs/ and output
    proc = build_here(project, "--content", str(content), "--out", str(out))
    site_url = load("report.yml")["publish"]["site_url"]
    return SimpleNamespace(proc=proc, out=out, project=project, site_url=site_url.rstrip("/"),
                           report=load("report.yml"), figures=load("figures.yml"))


@pytest.fixture(scope="module")
def site(report2) -> Path:
    """The built site (the build must have succeeded)."""
    assert report2.proc.returncode == 0, report2.proc.stdout + report2.proc.stderr
    return report2.out


def html_of(site: Path, lang: str, slug: str) -> str:
    folder = site / lang if slug == "index" else site / lang / slug
    return (folder / "index.html").read_text(encoding="utf-8")


def built_slugs(site: Path, lang: str) -> set:
    return {"index" if p.parent == site / lang else str(p.parent.relative_to(site / lang))
            for p in (site / lang).rglob("index.html")}


def text_of(fragment: str) -> str:
    """The text of an HTML fragment, entities decoded, white space collapsed."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment))).strip()


# ---- the build -------------------------------------------------------------------------------------
def test_fixture_builds_cleanly(report2):
    p = report2.proc
    assert p.returncode == 0, p.stdout + p.stderr
    assert re.search(rf"built {2 * len(PAGES | CHARTS)} pages", p.stdout), p.stdout
    assert "problem" not in p.stderr, p.stderr
    assert "warning" not in (p.stdout + p.stderr).lower(), p.stdout + p.stderr


def test_fixture_content_is_what_the_tests_expect():
    """The fixture's own content agrees with the constants above (so a test cannot pass vacuously)."""
    report = load("report.yml")
    assert [s["id"] for s in report["stars"]] == list(STAR_NAMES)
    for lang in LANGS:
        assert {p.stem for p in (FIXTURE / "site_src" / "pages" / lang).glob("*.md")} == PAGES
    assert set(report["nav"]) == PAGES - {"search"}
    assert "approach" not in report
    article = load("article.yml")
    assert article["photos"] == [] and article["stray"] == [] and article["edits"] == []
    seed = (FIXTURE / "seeds" / "community.txt").read_text(encoding="utf-8")
    assert "白衣阁" not in seed and "五星" not in seed


# ---- pages -----------------------------------------------------------------------------------------
def test_both_languages_have_the_same_pages(site):
    assert built_slugs(site, "zh") == built_slugs(site, "en") == PAGES | CHARTS
    for lang in LANGS:
        assert not FIRST_REPORT_SLUGS & built_slugs(site, lang)


def test_four_star_pages_with_their_own_slugs_and_names(site, report2):
    stars = report2.report["stars"]
    assert len(stars) == 4
    for i, star in enumerate(stars):
        sid = star["id"]
        for lang, name in zip(LANGS, STAR_NAMES[sid], strict=True):
            page = html_of(site, lang, sid)
            h1 = text_of(re.search(r'<header class="star-hero">.*?<h1>(.*?)</h1>', page, re.S).group(1))
            assert h1 == name, (lang, sid)
            assert f'class="page page-star g-{sid}"' in page
            assert re.search(rf"{i + 1}/4\b", text_of(page)), (lang, sid)  # "1/4": the number of stars is content
            home = html_of(site, lang, "index")
            card = re.search(rf'<li class="card g-{sid}">.*?</li>', home, re.S)
            assert card and f'href="{sid}/"' in card.group(0), (lang, sid)
            suffix = report2.report["meta"][lang]["star_suffix"]
            assert text_of(re.search(r'<span class="card-name">(.*?)</span>', card.group(0)).group(1)) == \
                star[lang] + suffix
    zh_home = html_of(site, "zh", "index")
    assert zh_home.count('<li class="card g-') == 4


def test_star_colours_come_from_the_content(site, report2):
    css = next((site / "assets").glob("report.*.css")).read_text(encoding="utf-8")
    for star in report2.report["stars"]:
        assert f'.g-{star["id"]} {{ --accent: {star["colour"]}; }}' in css


def test_nothing_of_the_first_report_leaks_in(site):
    for f in sorted(site.rglob("*")):
        if f.is_file() and f.suffix in (".html", ".xml", ".csv", ".json", ".txt"):
            text = f.read_text(encoding="utf-8", errors="replace")
            for word in ("白衣阁", "五星", "范县", "濮阳"):
                assert word not in text, f"{word} in {f.relative_to(site)}"


def test_search_placeholder_is_not_from_the_first_report(site):
    for lang in LANGS:
        for slug in PAGES:
            page = html_of(site, lang, slug)
            assert "坑塘" not in page and "ponds" not in page, (lang, slug)


def test_site_url_is_its_own(site):
    for lang in LANGS:
        assert "baiyige" not in html_of(site, lang, "index").lower()
    assert "baiyige" not in (site / "sitemap.xml").read_text(encoding="utf-8").lower()
    assert "https://xingfuli-report.example.org/en/" in html_of(site, "en", "index")


def test_the_checkouts_generated_pages_are_untouched(report2):
    assert (report2.project / "docs" / "content-tests-fixtures-report2-site_src" / "zh" / "index.md").exists()
    assert not (report2.project / "docs" / "zh").exists(), "the first report's docs/ is not written by report 2"


# ---- figures, charts and tiles ---------------------------------------------------------------------
def test_every_figure_is_on_the_overview_with_its_source_link(site, report2):
    figures = report2.figures["figures"]
    assert len(figures) >= 20
    for lang in LANGS:
        overview = html_of(site, lang, "overview")
        article = html_of(site, lang, "article")
        for f in figures:
            row = re.search(rf'<tr id="{re.escape(f["id"])}">(.*?)</tr>', overview, re.S)
            assert row, (lang, f["id"])
            unit = f["source"]["unit"]
            assert f'href="../article/#{unit}"' in row.group(1), (lang, f["id"])
            label = f["label"][lang].replace("'", "’") if lang == "en" else f["label"][lang]   # set curly
            assert label in text_of(row.group(1)), (lang, f["id"])
            # within the page's own “ ”, the quote's quotation marks are the second style (‘红袖标’)
            quote = f["source"]["quote"].replace("“", "‘").replace("”", "’")
            assert quote in text_of(row.group(1)), (lang, f["id"])
            assert f'id="{unit}"' in article, (lang, unit)  # the link lands on the paragraph
            if lang == "zh":
                assert f["text"] in text_of(row.group(1))


def test_relation_is_shown_on_the_overview(site):
    zh = text_of(html_of(site, "zh", "overview"))
    assert "收集居民问题45条，已解决38条，正在推进7条。" in zh
    en = text_of(html_of(site, "en", "overview"))
    assert "Of the 45 problems residents raised, 38 have been solved and seven are still being worked on." in en


def test_each_star_page_has_a_chart_and_tiles(site, report2):
    groups = {}
    for f in report2.figures["figures"]:
        groups.setdefault(f["group"], []).append(f["id"])
    for star in report2.report["stars"]:
        sid = star["id"]
        for lang in LANGS:
            page = html_of(site, lang, sid)
            assert re.search(r'<figure class="chart chart-k-', page), (lang, sid)
            tiles = re.findall(rf'<div class="tile g-{sid}[^"]*" id="([^"]+)"', page)
            # the headline leads; the other tiles are the figures no chart of the page draws
            charted = {f for ch in report2.figures["charts"] if ch["page"] == sid for f in ch.get("figures") or []}
            rest = [f for f in groups[sid] if f != star["headline"] and f not in charted]
            assert tiles == [star["headline"], *rest], (lang, sid)


def test_overview_has_at_least_two_charts(site):
    for lang in LANGS:
        assert len(re.findall(r'<figure class="chart chart-k-', html_of(site, lang, "overview"))) >= 2


def test_english_numbers_come_from_the_data(site):
    work = text_of(html_of(site, "en", "work"))
    assert "held six job fairs" in work and "offering more than 420 jobs" in work
    living = text_of(html_of(site, "en", "living"))
    assert "CNY 4.6 million" in living and "18,600 m²" in living
    safety = text_of(html_of(site, "en", "safety"))
    assert "formed five “Red Armband” safety patrol teams" in safety   # curly quotes set by the build


# ---- languages -------------------------------------------------------------------------------------
class ChineseOutsideZh(HTMLParser):
    """Text and visible attributes with Chinese characters outside any element with lang="zh…"."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    ATTRS = ("alt", "title", "aria-label", "placeholder", "content", "data-done", "data-none", "data-count",
             "data-loading")

    def __init__(self):
        super().__init__()
        self.stack, self.found = [], []

    def in_zh(self) -> bool:
        return any(z for _, z in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        zh = (a.get("lang") or "").lower().startswith("zh")
        if not (self.in_zh() or zh):
            self.found += [f"<{tag} {k}>: {a[k][:60]}" for k in self.ATTRS if a.get(k) and CJK.search(a[k])]
        if tag not in self.VOID:
            self.stack.append((tag, zh))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if not self.in_zh() and CJK.search(data):
            self.found.append(f"<{self.stack[-1][0] if self.stack else ''}>: {data.strip()[:60]}")


def chinese_outside_zh(page: str) -> list:
    p = ChineseOutsideZh()
    p.feed(page)
    return p.found


def test_the_checker_sees_chinese():
    assert chinese_outside_zh('<html lang="en"><p>Hello 你好</p></html>')
    assert chinese_outside_zh('<html lang="en"><img alt="照片"></html>')
    assert not chinese_outside_zh('<html lang="en"><p>Hi <q lang="zh-CN">你好</q></p></html>')


def test_english_pages_have_no_chinese_outside_zh_elements(site):
    files = sorted((site / "en").rglob("*.html"))
    assert len(files) == len(PAGES | CHARTS) + 1  # + 404.html
    for f in files:
        page = f.read_text(encoding="utf-8")
        assert '<html lang="en">' in page, f
        assert chinese_outside_zh(page) == [], f.relative_to(site)


# ---- what this report does not have -----------------------------------------------------------------
def test_no_approach_block(site):
    for lang in LANGS:
        for slug in PAGES:
            page = html_of(site, lang, slug)
            assert 'class="approach"' not in page and 'id="approach-title"' not in page, (lang, slug)
            assert "12345" not in page, (lang, slug)


def test_article_has_no_photo_captions(site):
    for lang, words in zip(LANGS, ("图片说明", "Photo captions"), strict=True):
        article = html_of(site, lang, "article")
        assert 'id="captions"' not in article and 'class="captions"' not in article, lang
        assert words not in article, lang
        assert not re.search(r'id="f\d+"', article), lang
        for slug in PAGES:
            assert 'class="photos"' not in html_of(site, lang, slug), (lang, slug)


def test_page_break_inside_a_sentence_is_rejoined(site):
    zh = html_of(site, "zh", "article")
    seg = re.search(r'<span id="p3-3" class="seg">(.*?)</span>\s*<span id="p3-4"', zh, re.S)
    assert seg and "外立面和屋面防水改造" in text_of(seg.group(1))
    assert re.search(r'<span id="p3-3" class="seg">', html_of(site, "en", "article"))
    assert not re.search(r'id="p5"', zh)  # the split did not make a paragraph of its own


# ---- sitemap ---------------------------------------------------------------------------------------
def test_sitemap_lists_every_page_in_both_languages(site, report2):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site / "sitemap.xml").getroot()
    urls = root.findall("s:url", ns)
    locs = {u.find("s:loc", ns).text for u in urls}
    base = report2.site_url
    want = {f"{base}/{lang}/" + ("" if slug == "index" else f"{slug}/") for lang in LANGS for slug in PAGES | CHARTS}
    assert locs == want
    for u in urls:
        alts = {a.get("href") for a in u.findall("x:link", ns)}
        loc = u.find("s:loc", ns).text
        lang = next(x for x in LANGS if loc.startswith(f"{base}/{x}/"))
        path = loc[len(f"{base}/{lang}/"):]
        assert alts == {f"{base}/{lang}/{path}" for lang in LANGS}, loc


def test_footer_names_issuer_contact_period_and_registration(site):
    for lang, words in (("zh", ("主办单位：鹭湾区幸福里社区党委（虚构）", "网站标识码：0000000000",
                                "ICP备案号：虚ICP备00000000号", "联系方式：电话")),
                        ("en", ("Issued by: Xingfuli Community Party Committee (fictional)", "Website code: 0000000000",
                                "Contact: Telephone", "This year", "ICP filing number: 虚ICP备00000000号"))):
        footer = html_of(site, lang, "work").split("<footer", 1)[1]
        for w in words:
            assert w in html.unescape(re.sub("<[^>]+>", "", footer)), (lang, w)
