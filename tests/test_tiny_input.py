"""Bad input in a report that is not this one: the tiny report (tests/fixtures/qualifiers, a 13-line invented
article with one star) built in this process from a small tree, each fault written inline as an edit of it.

Each failing build must say `path:line: what is wrong` for every fault at once, exit 1 and change nothing (its
Recorder has no lasting change: tests/conftest.py, build_here). One good build shows the tree itself is sound."""
from __future__ import annotations

import re

import pytest

from conftest import build_here, tiny_tree

REPORT, FIGURES, EN = "site_src/report.yml", "site_src/figures.yml", "site_src/translations/en.yml"
SUMMARY = re.compile(r"^(\d+) problems?; nothing was published, .+ is unchanged\.$", re.M)


def line_of(tree, rel: str, needle) -> int:
    """The line of the first line holding needle; needle (text, k): of the k-th such line."""
    text, k = needle if isinstance(needle, tuple) else (needle, 1)
    lines = (tree / rel).read_text(encoding="utf-8").split("\n")
    return [n for n, line in enumerate(lines, start=1) if text in line][k - 1]


def entries(stderr: str) -> list[str]:
    """Each problem with its hint lines (`  --> …`) joined to it."""
    out: list[str] = []
    for line in stderr.split("\n"):
        if line.startswith("  -->") and out:
            out[-1] += "\n" + line
        elif line.strip():
            out.append(line)
    return out


def fails(tree) -> str:
    proc = build_here(tree)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert SUMMARY.search(proc.stderr), proc.stderr
    assert proc.effects.lasting() == [], proc.effects.lasting()
    assert not (tree / "site").exists()
    return proc.stderr


def test_the_tiny_report_builds_in_both_languages(tmp_path):
    tree = tiny_tree(tmp_path / "tiny")
    proc = build_here(tree)
    assert proc.returncode == 0, proc.stderr
    for lang in ("zh", "en"):
        for slug in ("", "visits/", "overview/", "summary/"):
            assert (tree / "site" / lang / slug / "index.html").is_file(), (lang, slug)
    assert "nearly 3,000" in (tree / "site/en/index.html").read_text(encoding="utf-8")


CASES = {  # name: (edits, [(file, text on the reported line, phrase of the message)])
    "malformed figures.yml": (
        {FIGURES: ("    value: 3000\n", "    value: [3000\n")},
        [(FIGURES, "value: [3000", "malformed YAML")]),  # and only that: see test_a_malformed_file_is_one_problem
    "a quote the article does not have": (
        {FIGURES: ("quote: 全乡走访群众近3000户", "quote: 全乡走访群众近4000户")},
        [(FIGURES, "quote: 全乡走访群众近4000户", "the quote is not in seed unit p1")]),
    "a value its quote does not say": (
        {FIGURES: ("    value: 20\n", "    value: 25\n")},
        [(FIGURES, "value: 25", "20")]),
    "a number typed by hand in the translation": (
        {EN: ("handed out {3000余份} leaflets", "handed out 3,000 leaflets")},
        [(EN, "p1:", "typed by hand: 3,000"), (EN, "p1:", "figure leaflets (3000余份) is not referenced")]),
    "a qualifier typed before a reference that writes its own": (
        {EN: ("visited {3000户} households", "visited nearly {3000户} households")},
        [(EN, "p1:", "'nearly {3000户}' says it twice: the reference already writes 'nearly'")]),
    "'over' before a reference that writes 'more than'": (
        {EN: ("handed out {3000余份} leaflets", "handed out over {3000余份} leaflets")},
        [(EN, "p1:", "'over {3000余份}' says it twice: the reference already writes 'more than'")]),
    "a qualifier typed before an exact number": (
        {EN: ("It built {18.5公里} of road", "It built about {18.5公里} of road")},
        [(EN, "p4:", "'about' qualifies {18.5公里}, which the article states exactly")]),
    "a configuration without the generator's theme": (
        {"mkdocs.yml": ("theme:\n  name: null\n  custom_dir: templates/theme\n  static_templates: [404.html]\n", "")},
        [("mkdocs.yml", "# A tiny fictional report", "names no theme: MkDocs would use its default theme")]),
    "a value of 400 digits": (
        {FIGURES: ("    value: 3000\n", "    value: " + "9" * 400 + "\n")},
        [(FIGURES, "9999999999", "too large to be a figure")]),
    "two charts with one id": (
        {FIGURES: ("  - id: overview_counts\n", "  - id: visits_money\n")},
        [(FIGURES, ("- id: visits_money", 2), "chart id 'visits_money' is used twice")]),
    "a chart id that is no safe name": (
        {FIGURES: ("  - id: overview_counts\n", "  - id: \"a#b c\"\n")},
        [(FIGURES, "a#b c", "not a safe id")]),
    "an English chart title that names another figure": (
        {FIGURES: ("title: {zh: 两笔投资, en: Two investments}",
                   'title: {zh: "两笔投资{invest_yi}", en: "Two investments {invest_wan}"}')},
        [(FIGURES, 'title: {zh: "两笔投资{invest_yi}"', "the en text names invest_wan, the zh text invest_yi")]),
    "a derived sum that names a figure twice": (
        {FIGURES: ("formula: {sum: [invest_yi, invest_wan]}", "formula: {sum: [invest_yi, invest_wan, invest_wan]}")},
        [(FIGURES, "- id: money_sum", "its formula names invest_wan twice")]),
    "an article outside the project": (
        {REPORT: ("seed: seeds/q.txt", "seed: /etc/hostname")},
        [(REPORT, "seed: /etc/hostname", "names a file outside the project")]),
    "a star colour too light for text": (
        {REPORT: ('    colour: "#0072B2"', '    colour: "#56B4E9"')},
        [(REPORT, 'colour: "#56B4E9"', "too light for text: 2.1:1")]),
    "a unit shown twice on a page": (
        {"site_src/pages/en/visits.md": ("::: seed p1 p2 p3 p4", "::: seed p1 p2 p3 p4 p2"),
         "site_src/pages/zh/visits.md": ("::: seed p1 p2 p3 p4", "::: seed p1 p2 p3 p4 p2")},
        [("site_src/pages/en/visits.md", "::: seed p1", "unit p2 is already on this page")]),
    "a block twice on a page": (
        {"site_src/pages/en/visits.md": ("::: charts visits", "::: charts visits\n::: charts visits"),
         "site_src/pages/zh/visits.md": ("::: charts visits", "::: charts visits\n::: charts visits")},
        [("site_src/pages/zh/visits.md", ("::: charts visits", 2), "'::: charts visits' is already on this page")]),
    "a star page naming no star": (
        {"site_src/pages/en/visits.md": ("star: visits\n", ""), "site_src/pages/zh/visits.md": ("star: visits\n", "")},
        [("site_src/pages/en/visits.md", "---", "a star page names no star")]),
    "a unit in a style that measures something else": (
        {"site_src/units.yml": ("  万元: {style: money_wan}", "  万元: {style: money_yuan}")},
        [("site_src/units.yml", "万元: {style: money_yuan}", "unit '万元' is not measured in style 'money_yuan'")]),
    "a star page in one language only": (
        {"site_src/pages/en/visits.md": None},
        [("site_src/pages/en/visits.md", None, "exists in zh (site_src/pages/zh/visits.md) but not in en")]),
    "an unknown key, with the likely one": (
        {REPORT: ("    colour: \"#0072B2\"", "    color: \"#0072B2\"")},
        [(REPORT, "color:", "did you mean 'colour'?"), (REPORT, "- id: visits", "missing the required key 'colour'")]),
    "a nav entry that names no page": (
        {REPORT: ("nav: [index, visits, overview, summary]", "nav: [index, visits, overview, summary, nowhere]")},
        [(REPORT, "nav: [", "nowhere")]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_fault_of_another_report_is_one_clear_message(tmp_path, case):
    edits, expected = CASES[case]
    tree = tiny_tree(tmp_path / "tiny", edits)
    err = fails(tree)
    for rel, needle, phrase in expected:  # needle None: a file that is not there has no line to point at
        place = re.escape(rel) + (f":{line_of(tree, rel, needle)}: " if needle is not None else ": ")
        assert any(re.match(place, entry) and phrase in entry for entry in entries(err)), \
            f"expected {rel} at the line of {needle!r} saying {phrase!r}:\n{err}"


def test_a_malformed_file_is_one_problem(tmp_path):
    """Not also 'missing the required key' for every key of the file it could not read."""
    err = fails(tiny_tree(tmp_path / "tiny", CASES["malformed figures.yml"][0]))
    assert SUMMARY.search(err).group(1) == "1", err


def test_every_fault_of_every_file_is_reported_at_once(tmp_path):
    edits = {}
    for name in ("a quote the article does not have", "a number typed by hand in the translation",
                 "an unknown key, with the likely one"):
        edits.update(CASES[name][0])
    tree = tiny_tree(tmp_path / "tiny", edits)
    err = fails(tree)
    assert int(SUMMARY.search(err).group(1)) >= 3
    for rel in (FIGURES, EN, REPORT):
        assert re.search(rf"^{re.escape(rel)}:\d+: ", err, re.M), f"nothing reported in {rel}:\n{err}"


def test_a_number_of_400_digits_in_the_article_is_no_crash(tmp_path):
    long = ("发放宣传页3000余份。", "发放宣传页3000余份，编号" + "9" * 400 + "。")
    tree = tiny_tree(tmp_path / "tiny", {"seeds/q.txt": long})
    proc = build_here(tree)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr[-3000:]


def test_a_missing_article_is_one_message_naming_it(tmp_path):
    tree = tiny_tree(tmp_path / "tiny", {"seeds/q.txt": None})
    err = fails(tree)
    assert re.search(r"^site_src/report\.yml:\d+: .*seeds/q\.txt", err, re.M), err


LONG_TITLE = "Village Affairs in the Open: Guarding the Villagers' Purse, Every Account Posted"


def test_a_long_page_title_never_makes_a_phone_scroll_sideways(tmp_path, chromium):
    """A menu item wider than a 360 px screen wraps its words; the page is never wider than the screen (a drafted
    report's area title did that at 390 px)."""
    import checkers

    long = ("title: Visits star", f'title: "{LONG_TITLE}"')
    tree = tiny_tree(tmp_path / "tiny", {"site_src/pages/en/visits.md": long})
    proc = build_here(tree)
    assert proc.returncode == 0, proc.stderr
    ctx = chromium.new_context(viewport={"width": 360, "height": 740})
    try:
        page = ctx.new_page()
        with checkers.serve(tree / "site") as base:
            for path in ("/en/visits/", "/en/"):
                page.goto(base + path, wait_until="load")
                page.click(".nav-menu > summary")   # the phone's menu, opened
                wide = page.evaluate("document.documentElement.scrollWidth")
                assert wide <= 360, f"{path} is {wide} px wide at 360 px"
                assert LONG_TITLE in page.inner_text(".site-nav")
    finally:
        ctx.close()


def test_a_chart_on_a_page_without_a_charts_block_is_a_warning(tmp_path):
    """It would be shown on its own page only: said, with the block to add (the build goes on)."""
    moved = ("    page: visits\n    kind: bar", "    page: summary\n    kind: bar")
    tree = tiny_tree(tmp_path / "tiny", {FIGURES: moved})
    proc = build_here(tree)
    assert proc.returncode == 0, proc.stderr
    line = line_of(tree, FIGURES, "page: summary")
    assert any(e.startswith(f"{FIGURES}:{line}: warning: chart visits_money: no page has a '::: charts summary'")
               for e in entries(proc.stderr)), proc.stderr


def test_code_in_markdown_is_escaped_once_and_raw_html_is_text(tmp_path):
    """`<b>` shows as <b> in a code span (it was escaped twice: &lt;b>); raw HTML stays text."""
    add = "\n\nType `<b>` for bold; <script>alert(1)</script> & more.\n"
    tree = tiny_tree(tmp_path / "tiny", {"site_src/pages/en/index.md": ("::: seed p1", "::: seed p1" + add)})
    proc = build_here(tree)
    assert proc.returncode == 0, proc.stderr
    page = (tree / "site/en/index.html").read_text(encoding="utf-8")
    assert "<code>&lt;b&gt;</code>" in page and "&amp;lt;" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page and "<script>alert" not in page
