"""A portal: several reports in one site (portal.yml, `build.py portal FILE`; README "A portal of reports")."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import build_example_portal, build_here, tree_digest
from sitegen.problems import Problems, shown
from sitegen.read.portal import read_portal

ROOT = Path(__file__).resolve().parent.parent

GOOD = """\
title: {zh: 范县五星支部报告, en: Fan County Five-Star Reports}
site_url: https://reports.example.org/
output: site-portal
issuer: {zh: 某县委宣传部（示例）, en: County Publicity Office (an example)}
reports:
  - slug: baiyige
    content: site_src
"""


def read(tmp_path: Path, text: str) -> tuple[object, list[str]]:
    (tmp_path / "site_src").mkdir(exist_ok=True)
    (tmp_path / "site_src" / "report.yml").write_text("seed: x\n", encoding="utf-8")
    f = tmp_path / "portal.yml"
    f.write_text(text, encoding="utf-8")
    problems = Problems()
    portal = read_portal(f, problems)
    return portal, [f"{p.line}: {p.message}" for p in problems.errors]


def test_a_portal_file_is_read_with_its_paths_from_its_folder(tmp_path):
    portal, problems = read(tmp_path, GOOD)
    assert problems == []
    assert portal.title == {"zh": "范县五星支部报告", "en": "Fan County Five-Star Reports"}
    assert portal.output == tmp_path / "site-portal"
    assert [(r.slug, r.content) for r in portal.reports] == [("baiyige", tmp_path / "site_src")]
    assert portal.report_url("baiyige") == "https://reports.example.org/baiyige/"


def test_every_problem_of_a_portal_file_at_its_line_at_once(tmp_path):
    text = GOOD.replace("en: County Publicity Office (an example)", "eng: x").replace(
        "site_url: https://reports.example.org/", 'site_url: "https://x.org/\\" onload=x"') + """\
  - slug: en
    content: nowhere
  - slug: baiyige
    content: site_src
  - slug: ok
    contnt: x
colour: red
"""
    portal, problems = read(tmp_path, text)
    assert portal is None
    assert sorted(problems, key=lambda p: int(p.split(":")[0])) == [
        "2: site_url 'https://x.org/\" onload=x' is not a plain absolute http(s) address",
        "4: unknown key 'eng' in issuer",
        "4: issuer is missing the required key 'en'",
        "8: report 2: slug 'en' is not a safe path name (it is one of the portal's own names)",
        "9: report en: 'nowhere' is not a content folder (no report.yml in " + str(tmp_path / "nowhere") + ")",
        "10: slug 'baiyige' is used twice",
        "11: report baiyige: the content folder 'site_src' is listed twice",
        "12: report 4 is missing the required key 'content'",
        "13: unknown key 'contnt' in report 4",
        "14: unknown key 'colour' in portal.yml",
    ], problems


# ---- the example portal, built in this process ------------------------------------------------------------------
HREF = re.compile(r'<a class="card-link" href="([^"]+)"')


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> Path:
    """The example portal built once in a project copy (conftest: build_example_portal); its project folder."""
    return build_example_portal(tmp_path_factory.mktemp("portal") / "project")


def test_the_index_lists_every_report_with_a_link_to_its_built_pages(portal):
    out = portal / "site-portal"
    for lang in ("zh", "en"):
        page = (out / lang / "index.html").read_text(encoding="utf-8")
        links = HREF.findall(page)
        assert links == ["../baiyige/" + lang + "/", "../xingfuli/" + lang + "/"]
        for href in links:
            assert ((out / lang / href).resolve() / "index.html").is_file(), href
        assert "<script" not in page and 'hreflang="x-default"' in page
        assert re.search(r'<link rel="stylesheet" href="\.\./assets/site\.\w+\.css">', page)
        assert list((out / "assets").glob("site.*.css"))
    en = (out / "en" / "index.html").read_text(encoding="utf-8")
    assert en.count('<section class="portal-place"') == 2  # one place each
    assert "Xingfuli Community, Luwan District, Lanxi (fictional)" in en and "Published: December 5, 2026" in en


def test_each_report_is_built_at_its_portal_address_and_its_headline_is_written_as_its_pages_write_it(portal):
    out = portal / "site-portal"
    home = (out / "baiyige" / "en" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://reports.example.org/baiyige/en/">' in home
    assert '<link rel="canonical" href="https://reports.example.org/xingfuli/zh/">' in \
        (out / "xingfuli" / "zh" / "index.html").read_text(encoding="utf-8")
    figure = re.compile(r'data-fig="planning_measures">(.*?)</span></(?:span|p)>')
    for lang in ("zh", "en"):
        shown = figure.search((out / lang / "index.html").read_text(encoding="utf-8")).group(1)
        hero = figure.search((out / "baiyige" / lang / "index.html").read_text(encoding="utf-8")).group(1)
        assert shown == hero and "585" in shown
    assert not (portal / "site").exists() and not (portal / "tests" / "fixtures" / "report2" / "site").exists()
    for slug in ("baiyige", "xingfuli"):  # each report with a cache of its own (pages, search index, pictures)
        assert list((portal / ".cache" / "portal" / slug).glob("share/*")), slug


def test_the_root_sitemap_and_404(portal):
    out = portal / "site-portal"
    root = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="zh/"' in root and 'href="en/"' in root and "<script" not in root
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locs[:2] == ["https://reports.example.org/zh/", "https://reports.example.org/en/"]
    assert '<xhtml:link rel="alternate" hreflang="en" href="https://reports.example.org/en/"/>' in sitemap
    for slug in ("baiyige", "xingfuli"):
        assert f"https://reports.example.org/{slug}/en/article/" in locs
    for loc in locs:  # every page the sitemap lists is built
        assert (out / loc.removeprefix("https://reports.example.org/") / "index.html").is_file(), loc
    assert sitemap.count("<url>") == len(locs) and sitemap.endswith("</urlset>\n")
    notfound = (out / "404.html").read_text(encoding="utf-8")
    assert 'href="/zh/"' in notfound and 'href="/en/"' in notfound and "noindex" in notfound
    assert (out / ".sitegen-site").is_file()


def broken_build(portal: Path, *args: str):
    """The portal built with report2's report.yml broken (restored after)."""
    report = portal / "tests" / "fixtures" / "report2" / "site_src" / "report.yml"
    good = report.read_text(encoding="utf-8")
    report.write_text(good.replace("languages: [zh, en]", "languages: [zh, en"), encoding="utf-8")
    try:
        return build_here(portal, "portal", *args)
    finally:
        report.write_text(good, encoding="utf-8")


def test_a_broken_report_is_listed_with_its_problems_and_published_as_it_last_built(portal):
    out = portal / "site-portal"
    before = tree_digest(out)
    proc = broken_build(portal, "portal.example.yml")
    assert proc.returncode == 1
    assert "portal.example.yml:15: report xingfuli (tests/fixtures/report2/site_src) was not built: 1 problem(s), " \
        "listed below; its last good version is published in its place" in proc.stderr
    assert "report2/site_src/report.yml:5: malformed YAML" in proc.stderr
    assert "published, but 1 report(s) failed their checks and are published as they last built: xingfuli" \
        in proc.stderr
    assert tree_digest(out) == before  # nothing else changed: the portal is published as it was
    assert any(c.op == "exchange" and c.path == out for c in proc.effects.changes)  # and it was published
    assert not list(out.parent.glob(".site-new-*"))


def test_under_release_or_without_a_good_version_a_broken_report_publishes_nothing(portal):
    out = portal / "site-portal"
    before = tree_digest(out)
    proc = broken_build(portal, "portal.example.yml", "--release")
    assert proc.returncode == 1 and "nothing was published, the portal's output is unchanged" in proc.stderr
    assert "report xingfuli (tests/fixtures/report2/site_src) was not built" in proc.stderr
    # a new report that never built: nothing to publish in its place
    text = (portal / "portal.example.yml").read_text(encoding="utf-8")
    (portal / "new-portal.yml").write_text(text.replace("slug: xingfuli", "slug: xingfuli-new"), encoding="utf-8")
    proc = broken_build(portal, "new-portal.yml")
    assert proc.returncode == 1 and "it has no good version to publish" in proc.stderr
    assert "nothing was published, the portal's output is unchanged" in proc.stderr
    assert tree_digest(out) == before
    assert not [c for c in proc.effects.lasting() if out in c.path.parents or c.path == out]
    assert not list(out.parent.glob(".site-new-*"))


def test_a_bad_portal_file_stops_before_any_report_is_built(portal, tmp_path):
    bad = portal / "bad-portal.yml"
    bad.write_text((portal / "portal.example.yml").read_text(encoding="utf-8").replace("slug: xingfuli", "slug: en"),
                   encoding="utf-8")
    proc = build_here(portal, "portal", "bad-portal.yml")
    assert proc.returncode == 1
    assert "bad-portal.yml:15: report 2: slug 'en' is not a safe path name" in proc.stderr
    bad.write_text(bad.read_text(encoding="utf-8").replace("slug: en", "slug: pagefind-zh-1"), encoding="utf-8")
    proc = build_here(portal, "portal", "bad-portal.yml")
    assert "slug 'pagefind-zh-1' is not a safe path name (it is one of the portal's own names)" in proc.stderr
    assert "report baiyige" not in proc.stderr and not proc.effects.changes


# ---- comparisons of an indicator (portal.yml indicators, figures.yml indicator:) --------------------------------
COMPARE_ROW = re.compile(r'<tr class="(stated|not-stated)" id="report-([a-z0-9-]+)">(.*?)</tr>', re.S)
SOURCE = re.compile(r'<a href="([^"]+)" class="compare-source">([^<]*)</a>')
BAR = re.compile(r'<rect class="bar-fill" x="0" y="0" width="([0-9.]+)"')
TAGGED = {"baiyige": "safety_center_investment", "xingfuli": "safety_investment"}  # the example's tagged figures


def compare_rows(out: Path, lang: str, indicator: str = "safety-investment") -> dict[str, dict]:
    """A comparison page's rows by report: stated or not, its value's link and text, its bar's width, its text."""
    page = (out / lang / "compare" / indicator / "index.html").read_text(encoding="utf-8")
    rows = {}
    for kind, slug, body in COMPARE_ROW.findall(page):
        src, bar = SOURCE.search(body), BAR.search(body)
        rows[slug] = {"stated": kind == "stated", "href": src and src.group(1), "shown": src and src.group(2),
                      "bar": bar and float(bar.group(1)), "text": body}
    return rows


def own_display(out: Path, slug: str, lang: str, figure: str) -> tuple[str, float]:
    """What a report's own figures.json says of a figure: its display text and its value in the base unit."""
    import json

    import yaml
    t = yaml.safe_load((ROOT / "templates" / "strings.yml").read_text(encoding="utf-8"))[lang]
    rows = json.loads((out / slug / lang / "figures.json").read_text(encoding="utf-8"))
    row = next(r for r in rows if r[t["figure_id"]] == figure)
    return row[t["figure_display"]], row[t["figure_number"]]


def test_a_comparison_lists_each_report_as_its_own_pages_write_it_linked_to_its_sentence(portal):
    out = portal / "site-portal"
    for lang in ("zh", "en"):
        rows = compare_rows(out, lang)
        assert list(rows) == ["baiyige", "xingfuli"] and all(r["stated"] for r in rows.values())
        numbers = {}
        for slug, row in rows.items():
            written, numbers[slug] = own_display(out, slug, lang, TAGGED[slug])
            assert row["shown"] == written, (lang, slug)
            page, anchor = row["href"].split("#")
            assert page == f"../../../{slug}/{lang}/article/"
            article = (out / lang / "compare" / "safety-investment" / page / "index.html").resolve()
            html = article.read_text(encoding="utf-8")
            sentence = re.search(rf'id="{anchor}"[^>]*>(.*?)(?:id="p\d|</p>)', html, re.S)
            # the element the link names holds the figure, written as the comparison writes it
            assert sentence and f'data-fig="{TAGGED[slug]}">{written}</span>' in sentence.group(1), (lang, slug)
        top = max(numbers.values())  # one scale: the bars' lengths are the values in one unit
        assert {s: r["bar"] for s, r in rows.items()} == {s: round(100 * v / top, 2) for s, v in numbers.items()}
        assert ("CNY 3.5 million" if lang == "en" else "350万元") == rows["baiyige"]["shown"]
        index = (out / lang / "index.html").read_text(encoding="utf-8")
        assert 'href="compare/safety-investment/"' in index
        assert "<script" not in index
    en = (out / "en" / "compare" / "safety-investment" / "index.html").read_text(encoding="utf-8")
    assert "<script" not in en and '<html lang="en">' in en and "in yuan" in en
    assert "(different period)" in en  # the two reports' periods are not stated alike
    assert re.search(r'<link rel="stylesheet" href="\.\./\.\./\.\./assets/site\.\w+\.css">', en)
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://reports.example.org/zh/compare/safety-investment/</loc>" in sitemap


SVG_BAR = re.compile(r'<rect class="(bar|track)" data-figure="([a-z0-9-]+)" x="\d+" y="\d+" width="(\d+)"')


def picture_bars(folder: Path) -> dict[str, float]:
    """A comparison picture's bars (chart.svg, the same drawing as chart.png): each report's bar over its track."""
    svg = (folder / "chart.svg").read_text(encoding="utf-8")
    marks: dict[str, dict] = {}
    for kind, slug, width in SVG_BAR.findall(svg):
        marks.setdefault(slug, {})[kind] = int(width)
    return {slug: m["bar"] / m["track"] for slug, m in marks.items()}


def test_a_comparison_has_its_picture_and_share_card_drawn_from_its_values(portal):
    """chart.png/chart.svg draw the page's bars at the page's lengths, each report at its place's name, linked for
    download; share.png is the page's card; each index page has a card of its own."""
    from PIL import Image
    out = portal / "site-portal"
    for lang in ("zh", "en"):
        folder = out / lang / "compare" / "safety-investment"
        rows = compare_rows(out, lang)
        bars = picture_bars(folder)
        assert set(bars) == {"baiyige", "xingfuli"}
        for slug, row in rows.items():  # the same lengths as the page's bars (pixels: within half a pixel)
            assert abs(100 * bars[slug] - row["bar"]) < 0.1, (lang, slug, bars[slug], row["bar"])
        svg = (folder / "chart.svg").read_text(encoding="utf-8")
        for slug, row in rows.items():
            assert f">{row['shown']}</text>" in svg, (lang, slug)
        assert ("各报告所述时期不同" if lang == "zh" else "the reports’ periods differ") in svg
        page = (folder / "index.html").read_text(encoding="utf-8")
        assert 'href="chart.png" download' in page and 'href="chart.svg" download' in page
        assert f'<meta property="og:image" content="https://reports.example.org/{lang}/compare/safety-investment/' \
            'share.png">' in page
        for name in ("chart.png", "share.png"):
            assert Image.open(folder / name).size == (1200, 630)
        index = (out / lang / "index.html").read_text(encoding="utf-8")
        assert f'<meta property="og:image" content="https://reports.example.org/{lang}/share.png">' in index
        assert Image.open(out / lang / "share.png").size == (1200, 630)
        for slug in ("baiyige", "xingfuli"):  # each report's entry shows its own card, made small
            assert f'<img class="card-thumb" src="cards/{slug}.png" alt="" width="480" height="252"' in index
            with Image.open(out / lang / "cards" / f"{slug}.png") as small, \
                    Image.open(out / slug / lang / "share.png") as card:
                assert small.size == (480, 252) and card.size == (1200, 630)
                big = card.convert("RGB").resize((480, 252)).getpixel((240, 20))  # the red band, in both
                assert max(abs(a - b) for a, b in zip(small.convert("RGB").getpixel((240, 20)), big, strict=True)) < 24


def test_a_changed_value_changes_the_comparison_and_a_report_without_it_is_not_stated(portal):
    """A copy of report2 whose sentence and figure say 95万元, and one without the indicator, beside the demo."""
    fixture = portal / "tests" / "fixtures" / "report2"
    for name, edit in (("changed", lambda s: s.replace("85万元", "95万元").replace("value: 85\n", "value: 95\n")),
                       ("silent", lambda s: s.replace("    indicator: safety-investment", "    # no indicator"))):
        shutil.copytree(fixture, portal / name, ignore=shutil.ignore_patterns("site", "docs", ".cache"))
        for f in (portal / name).rglob("*"):
            if f.suffix in (".yml", ".txt"):
                f.write_text(edit(f.read_text(encoding="utf-8")), encoding="utf-8")
    text = (portal / "portal.example.yml").read_text(encoding="utf-8").replace("output: site-portal", "output: site-c")
    text = text.replace("content: tests/fixtures/report2/site_src", "content: changed/site_src")
    text = text.replace("reports:\n", "reports:\n  - slug: silent\n    content: silent/site_src\n")
    (portal / "changed-portal.yml").write_text(text, encoding="utf-8")
    # the English sentence was reviewed against the old Chinese one: reviewed again, as an editor would
    assert build_here(portal, "--content", "changed/site_src", "stamp", "en", "p3-2").returncode == 0
    proc = build_here(portal, "portal", "changed-portal.yml")
    assert proc.returncode == 0, proc.stderr
    out = portal / "site-c"
    for lang, written in (("zh", "95万元"), ("en", "CNY 950,000")):
        rows = compare_rows(out, lang)
        assert list(rows) == ["silent", "baiyige", "xingfuli"]
        assert rows["xingfuli"]["shown"] == written == own_display(out, "xingfuli", lang, "safety_investment")[0]
        assert rows["xingfuli"]["bar"] == round(100 * 950000 / 3500000, 2)
        silent = rows["silent"]
        assert not silent["stated"] and silent["href"] is None and silent["bar"] is None
        assert ("未提及" if lang == "zh" else "not stated") in silent["text"] and "0" not in silent["text"]
        # the picture: no bar for the report that does not state it, which is named under the bars instead
        folder = out / lang / "compare" / "safety-investment"
        bars = picture_bars(folder)
        assert set(bars) == {"baiyige", "xingfuli"} and abs(bars["xingfuli"] - 950000 / 3500000) < 0.005
        svg = (folder / "chart.svg").read_text(encoding="utf-8")
        source = re.findall(r'<text class="source" x="\d+" y="(\d+)"[^>]*>([^<]*)', svg)
        lines = sorted((int(y), text) for y, text in source)
        footer = ("" if lang == "zh" else " ").join(text for _, text in lines)  # the footer, as its lines wrap it
        place = re.search(r'<th scope="row"><a [^>]*>[^<]*</a><br><span class="card-label">([^<]*)</span>',
                          silent["text"]).group(1)
        assert ("未提及：" if lang == "zh" else "not stated: ") + place in footer, footer


def test_values_unlike_the_indicator_are_refused_at_their_figure_and_nothing_is_published(portal):
    out = portal / "site-portal"
    before = tree_digest(out)
    text = (portal / "portal.example.yml").read_text(encoding="utf-8").replace("role: result", "role: target")
    (portal / "target-portal.yml").write_text(text, encoding="utf-8")
    proc = build_here(portal, "portal", "target-portal.yml")
    assert proc.returncode == 1
    for where, fid in (("site_src/figures.yml", "safety_center_investment"),
                       ("tests/fixtures/report2/site_src/figures.yml", "safety_investment")):
        line = next(i for i, x in enumerate((portal / where).read_text(encoding="utf-8").split("\n"), 1)
                    if x == f"  - id: {fid}")
        assert f"{where}:{line}: figure {fid} " in proc.stderr and "is a result (role); the indicator " \
            "safety-investment compares only target values" in proc.stderr, proc.stderr
    assert tree_digest(out) == before


def test_values_in_units_that_do_not_convert_to_one_are_refused_at_their_figure(portal):
    """Two counts of unlike things (11 projects, 个; five patrol teams, 支) named as one indicator: same dimension,
    same role, but no common unit, so the later report's figure is refused at its line and nothing is published."""
    out = portal / "site-portal"
    before = tree_digest(out)
    files = {"site_src/figures.yml": "industry_projects",
             "tests/fixtures/report2/site_src/figures.yml": "safety_patrols"}
    texts = {f: (portal / f).read_text(encoding="utf-8") for f in files}
    text = (portal / "portal.example.yml").read_text(encoding="utf-8")
    (portal / "teams-portal.yml").write_text(text + "  - id: teams\n    zh: 队伍数\n    en: Teams\n"
                                             "    dimension: count\n    role: result\n", encoding="utf-8")
    try:
        for f, fid in files.items():
            (portal / f).write_text(texts[f].replace(f"  - id: {fid}\n", f"  - id: {fid}\n    indicator: teams\n", 1),
                                    encoding="utf-8")  # the figure (a chart of the same id comes later)
        proc = build_here(portal, "portal", "teams-portal.yml")
    finally:
        for f, t in texts.items():
            (portal / f).write_text(t, encoding="utf-8")
    assert proc.returncode == 1
    line = texts["tests/fixtures/report2/site_src/figures.yml"].split("\n").index("  - id: safety_patrols") + 1
    assert f"tests/fixtures/report2/site_src/figures.yml:{line}: figure safety_patrols (五支, report xingfuli) is in " \
        "支, which does not convert to 个, the unit of the indicator teams in the other reports (figure " \
        "industry_projects of report baiyige)" in proc.stderr, proc.stderr
    assert "site_src/figures.yml" not in proc.stderr.replace("report2/site_src/figures.yml", "")
    assert tree_digest(out) == before


def test_an_indicator_the_portal_does_not_declare_or_of_another_dimension_is_refused_at_its_line(tmp_path):
    from sitegen.check.indicators import check_indicators, check_statements
    portal, problems = read(tmp_path, GOOD + "indicators:\n  - {id: money, zh: 投入资金, en: Money invested, "
                            "dimension: money, role: result}\n  - {id: odd, zh: 奇, en: Odd, dimension: mony, "
                            "role: reslt}\n")
    assert problems == []
    found = Problems()
    check_indicators(portal, found)
    said = [f"{p.line}: {p.message}" for p in found.errors]
    assert said == ["10: indicator odd: unknown dimension 'mony'", "10: indicator odd: unknown role 'reslt'"]
    stated = {"figure": "cameras", "text": "128个", "where": "r/figures.yml", "line": 40, "indicator_line": 47,
              "role": "result", "dimension": "count", "base": "个", "range": False}
    found = Problems()
    check_statements(portal, [("r", [{**stated, "indicator": "money"}, {**stated, "indicator": "mony"}])], found)
    assert [f"{p.path}:{p.line}: {p.message}" for p in found.errors] == [
        "r/figures.yml:40: figure cameras (128个, report r) is a count (dimension); the indicator money compares "
        "only money values: a comparison never sets unlike values side by side",
        f"r/figures.yml:47: figure cameras (128个, report r) names the indicator 'mony', which {shown(portal.path)} "
        "does not declare"]


def test_every_report_page_links_back_to_its_languages_index(portal):
    """A reader who arrives at a report (by a shared link) finds the collection it belongs to: every page of every
    report names the portal in its footer and links to the index of its language."""
    import posixpath

    site = portal / "site-portal"
    pages = [p for p in site.glob("*/*/**/index.html") if p.relative_to(site).parts[0] not in ("zh", "en")]
    assert len(pages) > 40
    for page in pages:
        slug, lang = page.relative_to(site).parts[:2]
        m = re.search(r'<p class="footer-collection">[^<]*<a href="([^"]+)">([^<]+)</a>', page.read_text("utf-8"))
        assert m, f"{page.relative_to(site)}: no link back to the portal"
        target = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), m.group(1)))
        assert target == lang and (site / target / "index.html").is_file(), (page.relative_to(site), m.group(1))
    alone = (ROOT / "site" / "zh" / "index.html")
    if alone.is_file():
        assert "footer-collection" not in alone.read_text("utf-8"), "a report built alone names no collection"


def test_the_index_also_lists_the_reports_by_year_of_publication(portal):
    import yaml

    site = portal / "site-portal"
    for lang in ("zh", "en"):
        html = (site / lang / "index.html").read_text("utf-8")
        section = re.search(r'<section class="portal-years".*?</section>', html, re.S)
        assert section, lang
        years = re.findall(r"<h3>(.*?)</h3>", section.group(0))
        links = re.findall(r'<a href="\.\./([^/]+)/' + lang + '/"', section.group(0))
        assert sorted(links) == ["baiyige", "xingfuli"], (lang, links)
        for content in ("site_src", "tests/fixtures/report2/site_src"):
            report = yaml.safe_load((portal / content / "report.yml").read_text("utf-8"))
            year = str(report["first_published"].year)
            assert any(year in y for y in years), (lang, year, years)
