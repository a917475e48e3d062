"""Bad input: every fault is reported as `path:line: message` (with a hint where one helps), the build
exits 1, and the published site is left exactly as it was.

Each test starts from a private copy of the project's sources (`sources`: no code, cache or site),
breaks one thing with a plain text edit, builds it in this process and checks the report and that the build
changed nothing (its Recorder, tests/conftest.py: build_here). Tests of what a failed build leaves of a
published site (byte for byte) start from a built copy (`built_project`).
Line numbers are found by searching the edited file for the text that was changed, never hard-coded.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import build_here, tree_digest

REPORT = "site_src/report.yml"
ARTICLE = "site_src/article.yml"
FIGURES = "site_src/figures.yml"
EN = "site_src/translations/en.yml"
SUMMARY = re.compile(r"^(\d+) problems?; nothing was published, .+ is unchanged\.$", re.M)


# ---- editing the project copy -----------------------------------------------------------------

def read(project: Path, rel: str) -> str:
    return (project / rel).read_bytes().decode("utf-8")


def write(project: Path, rel: str, text: str) -> None:
    (project / rel).write_bytes(text.encode("utf-8"))


def replace(project: Path, rel: str, old: str, new: str) -> None:
    """Replace the first occurrence of old (which must be there) by new."""
    text = read(project, rel)
    assert old in text, f"{rel} no longer contains {old!r}: the test needs updating"
    write(project, rel, text.replace(old, new, 1))


def line_of(project: Path, rel: str, needle: str, after: int = 0) -> int:
    """1-based number of the first line after line `after` that contains needle."""
    for n, line in enumerate(read(project, rel).split("\n"), start=1):
        if n > after and needle in line:
            return n
    raise AssertionError(f"{needle!r} not found in {rel} after line {after}")


def line_starting(project: Path, rel: str, prefix: str, after: int = 0) -> int:
    """1-based number of the first line after line `after` that starts with prefix (indentation ignored)."""
    for n, line in enumerate(read(project, rel).split("\n"), start=1):
        if n > after and line.lstrip().startswith(prefix):
            return n
    raise AssertionError(f"no line starting with {prefix!r} in {rel} after line {after}")


def set_line(project: Path, rel: str, n: int, new: str | None) -> None:
    """Replace line n (1-based) by new, keeping its indentation; None deletes the line."""
    lines = read(project, rel).split("\n")
    if new is None:
        del lines[n - 1]
    else:
        old = lines[n - 1]
        lines[n - 1] = old[: len(old) - len(old.lstrip())] + new
    write(project, rel, "\n".join(lines))


def entry_key(project: Path, rel: str, entry: str, key: str) -> int:
    """Line of `key:` inside the list entry that starts with `- id: <entry>` (a star or a figure)."""
    start = line_of(project, rel, f"- id: {entry}")
    n = line_starting(project, rel, f"{key}:", after=start)
    nxt = [i for i, line in enumerate(read(project, rel).split("\n"), start=1)
           if i > start and line.lstrip().startswith("- id:")]
    assert not nxt or n < nxt[0], f"{entry} in {rel} has no key {key!r}"
    return n


def seed_rel(project: Path) -> str:
    m = re.search(r"^seed:\s*(\S+)", read(project, REPORT), re.M)
    assert m, "report.yml names no seed"
    return m.group(1)


# ---- running the build and reading its report -------------------------------------------------

def build_fails(project: Path, before: dict | None = None) -> str:
    """Build the broken copy; the build must stop cleanly with every problem and change nothing: no lasting change
    through its effects (sitegen/effects.py, where every write of docs/ and site/ goes) and, given the bytes of the
    site a good build published (`before`), that site as it was."""
    proc = build_here(project)
    err = proc.stderr
    faults = []
    if "Traceback (most recent call last)" in err:
        faults.append("the build crashed with a traceback instead of reporting a problem")
    if proc.returncode != 1:
        faults.append(f"exit code {proc.returncode}, expected 1")
    if not SUMMARY.search(err):
        faults.append("no closing line 'N problems; nothing was published, <site> is unchanged.'")
    if proc.effects.lasting():
        faults.append(f"the build changed {[(c.op, str(c.path)) for c in proc.effects.lasting()][:5]}")
    if before is not None and tree_digest(project / "site") != before:
        faults.append("the published site changed")
    assert not faults, "; ".join(faults) + f"\n--- stdout ---\n{proc.stdout}\n--- stderr ---\n{err}"
    return err


def entries(stderr: str) -> list[tuple[str, str]]:
    """The report as (first line, first line + hint lines) per problem."""
    out: list[tuple[str, str]] = []
    for line in stderr.split("\n"):
        if line.startswith("  -->") and out:
            head, full = out[-1]
            out[-1] = (head, full + "\n" + line)
        elif line.strip():
            out.append((line, line))
    return out


def assert_reported(stderr: str, path: str, line, *phrases: str) -> None:
    """Some problem starts with `path:line: ` and says every phrase (in its message or hint).

    line: an int; a set of acceptable ints; or None where nothing is left to point at (a deleted
    file or entry) -- then `path: ` or `path:N: ` is accepted.
    """
    if line is None:
        where = rf"{re.escape(path)}(?::\d+)?: "
    else:
        lines = sorted(line) if isinstance(line, (set, frozenset)) else [line]
        where = rf"{re.escape(path)}:(?:{'|'.join(map(str, lines))}): "
    start = re.compile(where)
    hits = [full for head, full in entries(stderr) if start.match(head) and all(p in full for p in phrases)]
    assert hits, (f"expected a problem starting with {path}:{line if line is not None else '<any>'}: "
                  f"saying {phrases!r}\n--- stderr ---\n{stderr}")


@pytest.fixture
def site_before(built_project) -> dict:
    """The bytes of the site a good build published (what every failed build must leave alone)."""
    return tree_digest(built_project / "site")


# ---- 1, 2: malformed YAML ----------------------------------------------------------------------

def test_malformed_yaml_in_report(sources):
    p = sources
    n = line_starting(p, REPORT, "nav: [")
    line = read(p, REPORT).split("\n")[n - 1]
    set_line(p, REPORT, n, line.lstrip().replace("]", "", 1))  # the bracket is never closed
    assert "]" not in read(p, REPORT).split("\n")[n - 1]
    err = build_fails(p)
    assert_reported(err, REPORT, line_starting(p, REPORT, "nav: ["), "malformed YAML")


def test_malformed_front_matter(sources):
    p, page = sources, "site_src/pages/en/safety.md"
    n = line_starting(p, page, "title:")
    set_line(p, page, n, "title: Safety: what the township did")  # a second ': ' in a plain scalar
    err = build_fails(p)
    assert_reported(err, page, line_of(p, page, "title: Safety: what"), "malformed YAML")


# ---- 3, 4, 5: schema: types, required keys, unknown keys -------------------------------------

WRONG_TYPES = {
    "date": ("first_published", "first_published: yesterday", "'first_published' must be"),
    "colour": ("colour", "colour: 42", "'colour' must be"),
}


@pytest.mark.parametrize("case", sorted(WRONG_TYPES))
def test_wrong_type(sources, case):
    p = sources
    key, new, phrase = WRONG_TYPES[case]
    n = entry_key(p, REPORT, "safety", key) if key == "colour" else line_starting(p, REPORT, f"{key}:")
    set_line(p, REPORT, n, new)
    err = build_fails(p)
    assert_reported(err, REPORT, line_of(p, REPORT, new), phrase)


def test_missing_required_page_key(sources):
    p, page = sources, "site_src/pages/en/safety.md"
    set_line(p, page, line_starting(p, page, "description:"), None)
    assert "description:" not in read(p, page)
    err = build_fails(p)
    # the front matter opens with '---' on line 1, its first key is on line 2: either names it
    assert_reported(err, page, {1, 2}, "missing the required key 'description'")


def test_missing_required_star_key(sources):
    p = sources
    set_line(p, REPORT, entry_key(p, REPORT, "safety", "headline"), None)
    err = build_fails(p)
    assert_reported(err, REPORT, line_of(p, REPORT, "- id: safety"), "missing the required key 'headline'")


UNKNOWN_KEYS = {  # file, entry (None: the page's front matter), old key, new key
    "star colour": (REPORT, "safety", "colour", "color"),
    "page description": ("site_src/pages/en/safety.md", None, "description", "descripton"),
}


@pytest.mark.parametrize("case", sorted(UNKNOWN_KEYS))
def test_unknown_key_with_hint(sources, case):
    p = sources
    rel, entry, old, new = UNKNOWN_KEYS[case]
    n = entry_key(p, rel, entry, old) if entry else line_starting(p, rel, f"{old}:")
    line = read(p, rel).split("\n")[n - 1]
    set_line(p, rel, n, line.lstrip().replace(f"{old}:", f"{new}:", 1))
    err = build_fails(p)
    assert_reported(err, rel, line_starting(p, rel, f"{new}:"), f"unknown key '{new}'", f"did you mean '{old}'?")


# ---- 6, 7, 16, 17, 18: pages and templates -------------------------------------------------------

def test_page_in_one_language_only(sources):
    p = sources
    (p / "site_src/pages/en/work.md").unlink()
    err = build_fails(p)
    assert_reported(err, "site_src/pages/en/work.md", None, "site_src/pages/zh/work.md")


def test_unknown_star(sources):
    p = sources
    pages = ["site_src/pages/zh/industry.md", "site_src/pages/en/industry.md"]
    for page in pages:
        set_line(p, page, line_starting(p, page, "star:"), "star: industri")
    err = build_fails(p)
    for page in pages:
        assert_reported(err, page, line_of(p, page, "star: industri"), "unknown star", "did you mean 'industry'?")


def test_unknown_block(sources):
    p, page = sources, "site_src/pages/en/overview.md"
    set_line(p, page, line_starting(p, page, "::: kpis"), "::: kpi")
    err = build_fails(p)
    assert_reported(err, page, line_of(p, page, "::: kpi"), "unknown block", "did you mean 'kpis'?")


def test_template_with_missing_variable(sources):
    p, tpl = sources, "templates/pages/_plain.html"  # the layout the about page extends
    n = line_of(p, tpl, "</header>")
    lines = read(p, tpl).split("\n")
    lines.insert(n, "<p>{{ nosuchvar }}</p>")
    write(p, tpl, "\n".join(lines))
    err = build_fails(p)
    assert_reported(err, tpl, line_of(p, tpl, "{{ nosuchvar }}"), "nosuchvar")


def test_blocks_differ_between_languages(sources):
    p, page = sources, "site_src/pages/en/safety.md"
    set_line(p, page, line_starting(p, page, "::: charts safety"), "::: charts ecology")  # valid, but not zh's
    err = build_fails(p)
    assert_reported(err, page, line_of(p, page, "::: charts ecology"), "blocks differ", "site_src/pages/zh/safety.md")


def test_html_in_markdown_is_shown_as_text(built_project):
    p, page = built_project, "site_src/pages/en/about.md"
    write(p, page, read(p, page) + "\n\nInjected <script>alert(1)</script> and <img src=x onerror=alert(1)> here.\n")
    proc = build_here(p)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    about = (p / "site/en/about/index.html").read_text(encoding="utf-8")
    assert "alert(1)" in about, "the injected text is not on the page at all"
    assert "&lt;script" in about, "the <script> tag is not shown as text"
    for f in sorted((p / "site").rglob("*.html")):
        html = f.read_text(encoding="utf-8")
        assert "<script>alert" not in html, f"{f.relative_to(p)}: a live <script> from Markdown"
        assert not re.search(r"<[^<>]*\bonerror\s*=", html, re.I), f"{f.relative_to(p)}: a live onerror attribute"


# ---- 8, 9, 10: the translation -----------------------------------------------------------------

def test_stale_translation_after_editorial_edit(sources):
    p = sources
    replace(p, ARTICLE, "edits: []", 'edits:\n  - {unit: p4-3, from: "举行消防演练", to: "举行消防应急演练", '
                                      "date: 2026-12-01, zh: 补充, en: clarified}")
    err = build_fails(p)
    assert_reported(err, EN, line_starting(p, EN, "p4-3:"), "p4-3 is stale", "python build.py stamp en p4-3")


def test_translation_unit_missing(sources):
    p = sources
    lines = read(p, EN).split("\n")
    start = line_starting(p, EN, "p2-2:") - 1
    assert not lines[start].startswith(" ")
    end = next(i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith((" ", "#")))
    write(p, EN, "\n".join(lines[:start] + lines[end:]))
    assert "\np2-2:" not in read(p, EN)
    err = build_fails(p)
    assert_reported(err, EN, None, "unit p2-2 has no en translation")


def test_number_typed_by_hand_in_translation(sources):
    p = sources
    unit = line_starting(p, EN, "p2-2:")
    changed = line_of(p, EN, "{6次}", after=unit)
    lines = read(p, EN).split("\n")
    lines[changed - 1] = lines[changed - 1].replace("{6次}", "6", 1)
    write(p, EN, "\n".join(lines))
    err = build_fails(p)
    # the unit's entry or the very line that was changed
    assert_reported(err, EN, {unit, changed}, "p2-2", "typed by hand")
    assert_reported(err, EN, {unit, changed}, "p2-2", "6次", "not referenced")


# ---- 11-15: figures ----------------------------------------------------------------------------

def test_figure_quote_not_in_seed(sources):
    p = sources
    n = entry_key(p, FIGURES, "problems_found", "quote")
    set_line(p, FIGURES, n, "quote: 共发现问题37条")
    err = build_fails(p)
    assert_reported(err, FIGURES, line_of(p, FIGURES, "quote: 共发现问题37条"), "problems_found",
                    "quote is not in seed unit")


def test_figure_value_does_not_match_quote(sources):
    p = sources
    n = entry_key(p, FIGURES, "problems_found", "value")
    set_line(p, FIGURES, n, "value: 38")
    err = build_fails(p)
    assert_reported(err, FIGURES, n, "problems_found", "the seed says 37")


def test_seed_number_not_covered(sources):
    p = sources
    lines = read(p, FIGURES).split("\n")
    start = line_of(p, FIGURES, "- id: integration_slogans") - 1
    assert "76条" in "\n".join(lines[start:start + 4])
    end = next(i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("- id:")
               or (lines[i] and not lines[i].startswith(" ")))
    del lines[start:end]
    text = "\n".join(lines)
    text = re.sub(r"integration_slogans,\s*|,\s*integration_slogans\b", "", text)  # chart references
    assert "integration_slogans" not in text.split("\nnot_figures:")[0].split("\nfigures:")[1]
    write(p, FIGURES, text)
    err = build_fails(p)
    assert_reported(err, FIGURES, None, "'76条'", "neither a figure nor a listed non-figure")


def test_relation_that_does_not_hold(sources):
    p = sources
    replace(p, FIGURES, "\nrelations:", "\nrelations:\n  - id: found_equals_fixed\n    total: problems_found\n"
                                        "    parts: [problems_fixed]\n    zh: 不成立\n    en: Does not hold.")
    err = build_fails(p)
    assert_reported(err, FIGURES, line_of(p, FIGURES, "- id: found_equals_fixed"), "found_equals_fixed",
                    "does not hold")


def test_unit_the_formatter_does_not_know(sources):
    """A unit the units model does not know (公顷 it knows: it is refused as another unit than the seed's)."""
    p = sources
    set_line(p, FIGURES, entry_key(p, FIGURES, "ecology_ponds_area", "unit"), "unit: 平方丈")
    err = build_fails(p)
    assert_reported(err, FIGURES, line_of(p, FIGURES, "unit: 平方丈"), "does not know the unit '平方丈'",
                    "add it to site_src/units.yml as '平方丈: {style: count}'")
    set_line(p, FIGURES, line_of(p, FIGURES, "unit: 平方丈"), "unit: 公顷")
    err = build_fails(p)
    assert_reported(err, FIGURES, {line_of(p, FIGURES, "unit: 公顷"), entry_key(p, FIGURES, "ecology_ponds_area",
                    "value")}, "the data say 1300 公顷, the seed says 1300 亩")


# ---- three faults in three files, one run -----------------------------------------------------

def test_three_faults_reported_together(built_project, site_before):
    p, page = built_project, "site_src/pages/en/overview.md"
    set_line(p, REPORT, entry_key(p, REPORT, "safety", "colour"), "colour: 42")
    set_line(p, FIGURES, entry_key(p, FIGURES, "ecology_ponds_area", "unit"), "unit: 平方丈")
    set_line(p, page, line_starting(p, page, "::: kpis"), "::: kpi")
    err = build_fails(p, site_before)
    assert_reported(err, REPORT, line_of(p, REPORT, "colour: 42"), "'colour' must be")
    assert_reported(err, FIGURES, line_of(p, FIGURES, "unit: 平方丈"), "does not know the unit '平方丈'")
    assert_reported(err, page, line_of(p, page, "::: kpi"), "unknown block")
    assert int(SUMMARY.search(err).group(1)) >= 3


# ---- 20: the seed's encoding ---------------------------------------------------------------------

def seed_gbk(raw: bytes) -> bytes:
    text = raw.decode("utf-8")
    try:
        return text.encode("gbk")
    except UnicodeEncodeError:
        return text.encode("gb18030")


@pytest.mark.parametrize("case", ["gbk", "empty"])
def test_unreadable_seed(sources, case):
    p = sources
    rel = seed_rel(p)
    seed = p / rel
    data = seed_gbk(seed.read_bytes()) if case == "gbk" else b""
    seed.write_bytes(data)
    if case == "gbk":
        try:
            data.decode("utf-8")
            raise AssertionError("the GBK seed happens to be valid UTF-8")
        except UnicodeDecodeError as e:
            line, phrase = data[: e.start].count(b"\n") + 1, "not UTF-8"
    else:
        line, phrase = 1, "empty"
    err = build_fails(p)
    assert_reported(err, rel, line, phrase)


@pytest.mark.parametrize("case", ["bom", "crlf", "bom+crlf"])
def test_seed_with_bom_or_crlf_builds_the_same_site(built_project, site_before, case):
    p = built_project
    seed = p / seed_rel(p)
    raw = seed.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
    if "crlf" in case:
        raw = raw.replace(b"\n", b"\r\n")
    if "bom" in case:
        raw = b"\xef\xbb\xbf" + raw
    seed.write_bytes(raw)
    proc = build_here(p)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    after = tree_digest(p / "site")
    changed = sorted(k for k in set(after) | set(site_before) if not same_file(k, after.get(k), site_before.get(k)))
    assert not changed, f"the site differs from the build of the original seed: {changed[:10]}"


def same_file(name: str, a: bytes | None, b: bytes | None) -> bool:
    """Same bytes; a JSON file (the search index's entry) may list the same keys in another order."""
    if a is None or b is None or a == b:
        return a == b
    return name.endswith(".json") and json.loads(a) == json.loads(b)


def test_links_in_content_must_resolve(built_project):
    """A Markdown link to a missing page or anchor is reported at its line; external links are fine."""
    project = built_project
    before = tree_digest(project / "site")
    about = project / "site_src" / "pages" / "en" / "about.md"
    about.write_text(about.read_text(encoding="utf-8")
                     + "\nSee [nowhere](../nowhere/), [a figure](../overview/#no_such_figure), "
                       "[ok](../overview/#problems_found) and [the web](https://example.org/).\n", encoding="utf-8")
    line = about.read_text(encoding="utf-8").split("\n").index(
        next(ln for ln in about.read_text(encoding="utf-8").split("\n") if "nowhere" in ln)) + 1
    proc = build_here(project)
    assert proc.returncode == 1
    assert f"site_src/pages/en/about.md:{line}: link to a page that does not exist: '../nowhere/'" in proc.stderr
    assert f"site_src/pages/en/about.md:{line}: link to an anchor that does not exist: '../overview/#no_such_figure'" \
        in proc.stderr
    assert "problems_found" not in proc.stderr.split("no_such_figure")[1].split("\n")[0]
    assert "example.org" not in proc.stderr
    assert tree_digest(project / "site") == before


def test_figure_qualifier_and_kind_disagree_with_the_seed_all_at_once(sources):
    """The editor decides what a sentence means: where the build reads another qualifier or kind, it warns and
    quotes the words it read; an unknown qualifier is still an error. All in one run."""
    p = sources
    q = entry_key(p, FIGURES, "safety_leaflets", "qualifier")
    set_line(p, FIGURES, q, "qualifier: exact")
    k = entry_key(p, FIGURES, "org_meetings", "kind")
    set_line(p, FIGURES, k, "kind: people")
    u = entry_key(p, FIGURES, "problems_found", "qualifier")
    set_line(p, FIGURES, u, "qualifier: approximately")
    err = build_fails(p)
    assert_reported(err, FIGURES, q, "warning: figure safety_leaflets: the data say qualifier 'exact'",
                    "the build reads 'more_than' from '余' in '发放宣传页3000余份' (3000余份)",
                    "keep it if the article means exact; else write qualifier: more_than")
    assert_reported(err, FIGURES, k, "warning: figure org_meetings: the data say kind 'people'",
                    "reads 'events' from the unit '次'")
    assert_reported(err, FIGURES, u, "problems_found", "unknown qualifier 'approximately'", "one of: exact")
    assert "1 problem;" in err    # the two readings are warnings, not problems


def test_figure_may_declare_another_kind_with_a_warning(project):
    p = project
    k = entry_key(p, FIGURES, "ecology_ponds_area", "kind")
    set_line(p, FIGURES, k, "kind: count")
    proc = build_here(p)
    assert proc.returncode == 0, proc.stderr
    assert_reported(proc.stderr, FIGURES, k, "warning: figure ecology_ponds_area: the data say kind 'count'",
                    "reads 'amount'")


def test_derived_figures_that_are_not_declared_properly(sources):
    """A derived figure names unknown figures, adds people to events or money to area, has no label, or is
    made the headline without the editor's headline: true; a unit has a style the formatter lacks. All at once."""
    p = sources
    bad = ("\n  - id: bad_unknown\n    formula: {sum: [ecology_investment, no_such_figure]}\n"
           "    label: {zh: 推算, en: derived}\n"
           "  - id: bad_kinds\n    formula: {sum: [baseline_staff_tested, org_meetings]}\n"
           "    label: {zh: 推算, en: derived}\n"
           "  - id: bad_units\n    formula: {sum: [ecology_investment, ecology_ponds_area]}\n"
           "    label: {zh: 推算, en: derived}\n"
           "  - id: bad_nolabel\n    formula: {sum: [problems_fixed, problems_longterm]}\n"
           "  - id: bad_words\n    formula: {sum: [industry_models, industry_projects]}\n"
           "    label: {zh: 推算, en: derived}\n")
    replace(p, FIGURES, "\n  - id: investment_named_sum", bad.rstrip("\n") + "\n  - id: investment_named_sum")
    replace(p, REPORT, "headline: planning_measures", "headline: investment_named_sum")
    replace(p, "site_src/units.yml", "  张: {style: count}", "  张: {style: sheets}")
    err = build_fails(p)
    assert_reported(err, FIGURES, line_of(p, FIGURES, "- id: bad_unknown"), "unknown figure(s) no_such_figure")
    assert_reported(err, FIGURES, line_of(p, FIGURES, "- id: bad_kinds"), "different kinds",
                    "baseline_staff_tested (people)", "org_meetings (events)")
    assert_reported(err, FIGURES, line_of(p, FIGURES, "- id: bad_units"), "incommensurable units", "(亩)")
    assert_reported(err, FIGURES, line_of(p, FIGURES, "- id: bad_nolabel"), "missing the required key 'label'")
    assert_reported(err, FIGURES, line_of(p, FIGURES, "- id: bad_words"), "different measure words",
                    "industry_models (六种)", "industry_projects (11个)")
    assert_reported(err, REPORT, line_of(p, REPORT, "headline: investment_named_sum"),
                    "not marked headline: true")
    assert_reported(err, "site_src/units.yml", line_of(p, "site_src/units.yml", "张: {style: sheets}"),
                    "unknown style 'sheets'")
# ---- issue 16, class 7: nothing accepted in silence ---------------------------------------------

@pytest.mark.parametrize("char", ["\u202e", "\x07", "\u200b"], ids=["U+202E", "U+0007", "U+200B"])
def test_invisible_character_in_the_seed(sources, char):
    p = sources
    rel = seed_rel(p)
    lines = read(p, rel).split("\n")
    n = next(i for i, ln in enumerate(lines, start=1) if len(ln) > 20 and not ln.startswith("#"))
    lines[n - 1] = lines[n - 1][:10] + char + lines[n - 1][10:]
    write(p, rel, "\n".join(lines))
    err = build_fails(p)
    assert_reported(err, rel, n, f"the article contains the invisible character U+{ord(char):04X}", "never edited")


def test_control_character_in_yaml(sources):
    p, rel = sources, "site_src/glossary.yml"
    n = line_starting(p, rel, "en:")
    line = read(p, rel).split("\n")[n - 1]
    set_line(p, rel, n, line.lstrip() + "\x07")
    err = build_fails(p)
    assert_reported(err, rel, n, "the invisible character U+0007")


def test_bidi_override_in_a_page(sources):
    p, page = sources, "site_src/pages/en/about.md"
    write(p, page, read(p, page) + "\nA sentence that reads \u202ebackwards.\n")
    err = build_fails(p)
    assert_reported(err, page, line_of(p, page, "\u202e"), "the page contains the invisible character U+202E")


LINK_FORMS = {  # what is added to the about page, the phrase expected at its line
    "titled": ('See [this](../nowhere/ "a title").', "link to a page that does not exist: '../nowhere/'"),
    "reference": ("See [this][r].\n\n[r]: ../overview/#no_such", "link to an anchor that does not exist"),
    "undefined reference": ("See [this][nothing].", "the reference [nothing] is defined nowhere"),
    "autolink": ("See <https://example.org/>.", "is shown as text, not as a link"),
    "external image": ("![x](https://example.org/x.png)", "pages load nothing from another host"),
}


@pytest.mark.parametrize("case", sorted(LINK_FORMS))
def test_every_markdown_link_form_is_checked(sources, case):
    p, page = sources, "site_src/pages/en/about.md"
    text, phrase = LINK_FORMS[case]
    write(p, page, read(p, page) + "\n" + text + "\n")
    needle = text.split("\n")[-1] if case == "reference" else text
    err = build_fails(p)
    assert_reported(err, page, {line_of(p, page, text.split("\n")[0]), line_of(p, page, needle)}, phrase)


@pytest.mark.parametrize("key", ["languages", "nav"])
def test_duplicate_language_or_nav_entry(sources, key):
    p = sources
    n = line_starting(p, REPORT, f"{key}: [")
    line = read(p, REPORT).split("\n")[n - 1]
    item = re.search(r"\[(\w+)", line).group(1)
    set_line(p, REPORT, n, line.replace(f"[{item}", f"[{item}, {item}", 1))
    err = build_fails(p)
    assert_reported(err, REPORT, n, f"{key} lists '{item}' twice")


def test_page_saved_with_a_bom_builds_the_same_site(built_project, site_before):
    p = built_project
    for lang in ("zh", "en"):
        f = p / f"site_src/pages/{lang}/about.md"
        f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes().replace(b"\n", b"\r\n"))
    f = p / "site_src/glossary.yml"
    f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes())
    proc = build_here(p)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    after = tree_digest(p / "site")
    assert not [k for k in set(after) | set(site_before) if not same_file(k, after.get(k), site_before.get(k))]


@pytest.mark.parametrize("url", ['https://x.example/" onload="alert(1)', "javascript:alert(1)//",
                                 "https://x.example/a b/", "https://x.example/\u202e/", ""])
def test_unsafe_site_url(sources, url):
    p = sources
    text = read(p, "mkdocs.yml")
    assert re.search(r"(?m)^site_url: ", text)
    write(p, "mkdocs.yml", re.sub(r"(?m)^site_url: .*$", lambda m: "site_url: " + json.dumps(url), text))
    err = build_fails(p)
    assert_reported(err, "mkdocs.yml", line_starting(p, "mkdocs.yml", "site_url:"), "site_url")


def test_broken_yaml_does_not_hide_problems_in_other_files(sources):
    p, page = sources, "site_src/pages/en/overview.md"
    set_line(p, page, line_starting(p, page, "::: kpis"), "::: kpi")
    n = line_starting(p, REPORT, "nav: [")
    set_line(p, REPORT, n, read(p, REPORT).split("\n")[n - 1].lstrip().replace("]", "", 1))
    unit = line_starting(p, EN, "p2-2:")
    set_line(p, EN, unit, "p2-2: [")
    err = build_fails(p)
    assert_reported(err, REPORT, n, "malformed YAML")
    assert_reported(err, EN, {unit, unit + 1}, "malformed YAML")
    assert_reported(err, page, line_of(p, page, "::: kpi"), "unknown block")
    assert "has no en translation" not in err, "the unreadable translation file is reported as every unit missing"


BAD_CHARTS = {  # chart id -> (figures.yml lines of the chart after its id and page, the key the problem points at)
    "mixed_words": (["    kind: bar", "    figures: [industry_models, industry_projects]"], "figures"),
    "mixed_kinds": (["    figures: [baseline_staff_tested, branch_trainees]"], "figures"),
    "parts_alone": (["    kind: parts", "    figures: [problems_found, problems_fixed]"], "kind"),
    "parts_other": (["    relation: problems_resolution", "    figures: [problems_found, baseline_self_found]"],
                    "figures"),
    "icons_many": (["    kind: icons", "    figures: [industry_villages]"], "kind"),
    "unknown_rel": (["    relation: problems_found"], "relation"),
}


def test_charts_that_do_not_fit_their_figures(sources):
    """A bar chart mixing kinds or measure words, a parts chart without its relation or with other figures, an icon
    array of a large count, an unknown relation: each reported at its line, all at once."""
    p = sources
    text = read(p, FIGURES).rstrip("\n")
    for cid, (lines, _) in BAD_CHARTS.items():
        text += "\n" + "\n".join([f"  - id: {cid}", "    page: overview", *lines,
                                  "    title: {zh: 标题, en: Title}", "    caption: {zh: 说明。, en: Caption.}"])
    write(p, FIGURES, text + "\n")
    err = build_fails(p)
    say = {"mixed_words": ("mixes kinds or units", "counted in 种: industry_models", "counted in 个: industry_projects",
                           "split it into one chart per kind and unit"),
           "mixed_kinds": ("mixes kinds or units", "people", "person_times", "split it"),
           "parts_alone": ("a parts chart names the relation it draws", "problems_resolution"),
           "parts_other": ("a parts chart shows its relation's figures", "leave figures out"),
           "icons_many": ("not an exact count of at most 20", "industry_villages", "use kind: bar"),
           "unknown_rel": ("unknown relation 'problems_found'", "problems_resolution")}
    for cid, (_lines, key) in BAD_CHARTS.items():
        start = line_of(p, FIGURES, f"- id: {cid}")
        line = line_of(p, FIGURES, f"    {key}:", after=start)
        assert_reported(err, FIGURES, line, f"chart {cid}", *say[cid])
