"""The built site: pages in both languages, the seed on the zh site, en counterparts, sitemap, metadata."""
from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

SLUGS = ["", "industry/", "ecology/", "safety/", "civility/", "branch/", "overview/", "work/", "article/", "about/",
         "search/", "summary/", "corrections/"]


class Ids(HTMLParser):
    """Collect ids with their text, the html lang and head links."""

    def __init__(self):
        super().__init__()
        self.ids, self.lang, self.links, self._stack = {}, None, [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "link":
            self.links.append(a)
        if tag in ("p", "span", "h2", "h3", "li", "tr", "a", "th", "td", "strong", "q", "br"):
            if tag != "br":
                self._stack.append([a.get("id"), tag, []])

    def handle_data(self, data):
        for item in self._stack:
            if item[0]:
                item[2].append(data)

    def handle_endtag(self, tag):
        if self._stack and self._stack[-1][1] == tag:
            i, _, parts = self._stack.pop()
            if i:
                self.ids[i] = "".join(parts)


def parse(path: Path) -> Ids:
    p = Ids()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def page(site: Path, lang: str, slug: str) -> Path:
    return site / lang / slug / "index.html"


def test_same_pages_in_both_languages(built_site):
    for lang in ("zh", "en"):
        found = sorted(str(p.parent.relative_to(built_site / lang)) for p in (built_site / lang).rglob("index.html"))
        assert found == sorted(s.rstrip("/") or "." for s in SLUGS), lang


def test_html_lang_canonical_and_alternates(built_site):
    for lang, html_lang in (("zh", "zh-CN"), ("en", "en")):
        for slug in SLUGS:
            p = parse(page(built_site, lang, slug))
            assert p.lang == html_lang
            canon = [ln["href"] for ln in p.links if ln.get("rel") == "canonical"]
            assert canon == [f"https://baiyige-report.example.org/{lang}/{slug}"]
            alts = {ln["hreflang"]: ln["href"] for ln in p.links if ln.get("rel") == "alternate"}
            assert alts["zh-Hans"] == f"https://baiyige-report.example.org/zh/{slug}"
            assert alts["en"] == f"https://baiyige-report.example.org/en/{slug}"


def test_every_seed_unit_is_on_the_zh_site(built_site):
    from test_article import CONFIG, SEED
    from sitegen.article import read_article
    from sitegen.problems import Problems

    article = read_article(SEED, CONFIG, Problems())
    full = parse(page(built_site, "zh", "article/"))
    about = page(built_site, "zh", "about/").read_text(encoding="utf-8")
    for uid, seg in article.segments().items():
        if uid.startswith("x"):
            assert html.escape(seg.text, quote=False) in about, "stray lines are explained on the about page"
            continue
        if uid in ("title", "subtitle") or uid.startswith("c"):
            assert seg.text.replace("张静文/图", "") in html.unescape(re.sub("<[^>]+>", "", page(
                built_site, "zh", "article/").read_text(encoding="utf-8")))
            continue
        assert uid in full.ids, f"{uid} has no anchor on the zh full article"
        assert full.ids[uid].strip().startswith(seg.text[:20]), uid
        assert seg.text in full.ids[uid], f"{uid}: the zh text differs from the seed"


def test_every_zh_unit_has_an_en_counterpart_with_the_same_anchor(built_site):
    zh = parse(page(built_site, "zh", "article/")).ids
    en = parse(page(built_site, "en", "article/")).ids
    assert set(zh) == set(en)
    for uid, text in en.items():
        assert text.strip(), uid
        assert not re.search(r"[\u4e00-\u9fff]", text), f"{uid}: Chinese left in the English"


def test_star_pages_show_their_unit_and_figures(built_site):
    for slug in ("industry", "ecology", "safety", "civility", "branch"):
        for lang in ("zh", "en"):
            text = page(built_site, lang, slug + "/").read_text(encoding="utf-8")
            assert 'class="tile' in text and 'class="chart"' in text, (lang, slug)


def test_language_switch_points_to_the_same_page(built_site):
    for slug in SLUGS:
        text = page(built_site, "zh", slug).read_text(encoding="utf-8")
        m = re.search(r'<a class="lang-switch" href="([^"]+)"', text)
        target = (page(built_site, "zh", slug).parent / m.group(1)).resolve()
        assert target == page(built_site, "en", slug).parent.resolve()


def test_sitemap_lists_every_page_with_alternates(built_site):
    xml = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert len(locs) == 2 * len(SLUGS)
    for lang in ("zh", "en"):
        for slug in SLUGS:
            assert f"https://baiyige-report.example.org/{lang}/{slug}" in locs
    assert xml.count('hreflang="en"') == 2 * len(SLUGS)


def test_no_other_host_in_any_resource(built_site):
    for f in built_site.rglob("*.html"):
        text = f.read_text(encoding="utf-8")
        for m in re.finditer(r'<(?:script|img|iframe|source)[^>]+src="([^"]+)"|<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', text):
            url = m.group(1) or m.group(2)
            assert not re.match(r"^(https?:)?//", url), f"{f}: {url}"


def test_plotly_only_on_chart_pages(built_site):
    for f in built_site.rglob("index.html"):
        text = f.read_text(encoding="utf-8")
        assert ("charts." in text) == ('class="chart"' in text), f


def test_downloads(built_site):
    for lang, header in (("zh", "编号"), ("en", "ID")):
        csv_text = (built_site / lang / "figures.csv").read_text(encoding="utf-8-sig")
        assert csv_text.splitlines()[0].startswith(header)
        data = json.loads((built_site / lang / "figures.json").read_text(encoding="utf-8"))
        assert len(data) == len(csv_text.splitlines()) - 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_missing_photos_are_captions_not_broken_images(built_site, lang):
    text = page(built_site, lang, "industry/").read_text(encoding="utf-8")
    main = text.split('<main', 1)[1]
    assert "<img" not in main and 'class="photo"' in main
