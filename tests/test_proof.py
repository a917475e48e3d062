"""build.py proof: a proof sheet per report. It builds the report, reads back what was published and writes one
printable HTML file beside the output folder, its path printed last: every figure with its sentence, its meaning and
every place it is shown (page, tile, chart, chart picture, share card, long image, download) in both languages, a
flag where a place disagrees with its figure, and the numbers no figure stands behind. Each error of the trial
(1.2万吨 as '1.2 t', 村规民约27部 as 约27部, 95%以上 as 'more than 95%', 1100余场次 as 1100余场, 超过超过20万元 in a
chart title, a target shown as achieved, a threshold drawn as a sum of money) is injected here, the way it came
about or the way the code that writes it could bring it back, and must stand out flagged at its figure."""
from __future__ import annotations

import contextlib
import html
import re
import shutil
from pathlib import Path
from unittest import mock

import pytest

from conftest import build_here, copy_project
from drafting import fill_in
from sitegen.check.readback import read_back
from sitegen.numbers import QUALIFIER_EN
from sitegen.render import explainer as _explainer
from sitegen.render import figureview as _figureview

ARTICLE = __import__("test_meaning").ARTICLE   # the trial's article (tests/test_meaning.py)

# ---- reading back a shown figure -------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "text", "before", "value", "words", "unit"), [
    ("zh", "1.2万吨", "", 12000, (), "吨"),
    ("zh", "约27部", "", 27, ("约",), "部"),
    ("zh", "27部", "修订完善村规民约", 27, (), "部"),            # 约 of 村规民约 is no qualifier
    ("zh", "95%以上", "", 95, ("以上",), "%"),
    ("zh", "1100余场", "", 1100, ("余",), "场"),
    ("zh", "超过20万元", "超过", 200000, ("超过", "超过"), "元"),   # a qualifier before the figure, and in it
    ("zh", "4个 → 增至9个", "", 9, (), "个"),                      # a from→to pair: the later value
    ("zh", "三成", "", 30, (), "成"),
    ("en", "1.2 t", "", 1.2, (), "t"),
    ("en", "12,000 tonnes", "", 12000, (), "tonnes"),
    ("en", "more than 95%", "", 95, ("more than",), ""),
    ("en", "about 27", "", 27, ("about",), ""),
    ("en", "CNY 20 million", "", 20_000_000, (), ""),
    ("en", "1,300 mu (about 87 ha)", "", 1300, (), "mu (about 87 ha)"),
    ("en", "six", "", 6, (), ""),
    ("en", "three to five", "", 3, (), ""),
    ("en", "2nd", "", 2, (), ""),
    ("en", "more than CNY 200,000", "Villages with more than", 200000, ("more than", "more than"), ""),
    ("en", "five", "over", 5, (), ""),                             # 'over five years': no qualifier read
    ("en", "more than CNY 200,000", "Villages above", 200000, ("above", "more than"), ""),
])
def test_a_shown_figure_is_read_back(lang, text, before, value, words, unit):
    r = read_back(text, lang, before)
    assert (r.value, r.words, r.unit) == (pytest.approx(value), words, unit)


# ---- the sheet -------------------------------------------------------------------------------------------------

def sheet(path: Path) -> dict:
    """figure id -> its flags (at the figure, then in its rows) and its rows' text (places, zh, en)."""
    text = path.read_text(encoding="utf-8")
    out = {}
    for art in re.finditer(r'<article class="fig[^"]*" id="([^"]+)">(.*?)</article>', text, re.S):
        plain = [html.unescape(re.sub(r"<[^>]+>", " ", r)) for r in re.findall(r"<tr[ >].*?</tr>", art.group(2), re.S)]
        flags = [html.unescape(re.sub(r"<[^>]+>", "", f))
                 for f in re.findall(r'<span class="flag(?: warn)?">(.*?)</span>', art.group(2))]
        out[art.group(1)] = {"flags": flags, "rows": [" ".join(r.split()) for r in plain[1:]]}
    return out


def unbacked(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    tail = text[text.index("Numbers with no figure behind them"):]
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", r)).split()) for r in re.findall(r"<tr>(.*?)</tr>", tail)]


def proof(project: Path, *args: str):
    proc = build_here(project, *args, "proof")
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    return proc, Path(proc.stdout.strip().splitlines()[-1])


def data_figs(site: Path) -> dict[str, set[str]]:
    """figure id -> the pages (as the sheet names them: industry/, /) whose main part marks it."""
    out: dict[str, set[str]] = {}
    for page in site.glob("*/**/index.html"):
        rel = page.parent.relative_to(site).as_posix().split("/", 1)
        where = f"{rel[1]}/" if len(rel) > 1 else "/"
        main = page.read_text(encoding="utf-8").split("<main", 1)[-1].split("</main>")[0]
        for fid in re.findall(r'data-fig="([^"]+)"', main):
            out.setdefault(fid, set()).add(where)
    return out


def test_the_default_report_gets_a_sheet_with_every_figure_at_every_place(project):
    import yaml

    proc, path = proof(project)
    assert path == project / "site.proof.html" and path.is_file(), proc.stdout   # beside site/, its path last
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"<(?:link|script|img)\b|url\(|@import", text), "the sheet loads nothing"
    assert "@page { size: A4" in text
    figures = yaml.safe_load((project / "site_src" / "figures.yml").read_text(encoding="utf-8"))
    ids = [f["id"] for f in figures["figures"]] + [d["id"] for d in figures["derived"]]
    found = sheet(path)
    assert list(found) and set(found) == set(ids)
    assert not any(x["flags"] for x in found.values()), {k: x["flags"] for k, x in found.items() if x["flags"]}
    marked = data_figs(project / "site")
    for fid, x in found.items():
        rows = " ".join(x["rows"])
        assert all(w in rows for w in marked.get(fid, ())), (fid, marked.get(fid), rows)
        assert "download figures.csv, figures.json" in rows, fid
    for chart in figures["charts"]:
        for fid in chart.get("figures") or []:
            assert f"charts/{chart['id']}/chart.svg" in " ".join(found[fid]["rows"]), (chart["id"], fid)
    star = found["industry_projects"]["rows"]   # a star's headline: its card, the long image, the share cards
    assert any("long image explainer/longimage.png" in r for r in star)
    assert any("share card" in r and "industry/share.png" in r for r in star)


def test_every_qualifier_and_unit_reads_back_without_a_flag(tmp_path):
    """The tiny report of every qualifier and unit (近3000户, 3000余份, 约4500元 as a change, 4500元左右, 上千人,
    不超过20人, 18.5公里, 1.2万亩, 1.05亿元, two derived sums): each place agrees with its figure."""
    from conftest import tiny_tree

    project = tiny_tree(tmp_path / "tiny")
    _, path = proof(project)
    found = sheet(path)
    assert {"money_sum", "people_sum", "land", "clinic_people"} <= set(found)
    assert not any(x["flags"] for x in found.values()), {k: x["flags"] for k, x in found.items() if x["flags"]}
    assert any("about CNY 4,500" in r and "约4500元" in r for r in found["income_about"]["rows"])


# ---- a report of its own (--content), and the trial's errors --------------------------------------------------

@pytest.fixture(scope="module")
def trial(tmp_path_factory) -> Path:
    """The trial's article drafted, filled in as the guide says, stamped (as in test_meaning.py): a project."""
    project = copy_project(tmp_path_factory.mktemp("proof") / "project", code=False)
    (project / "seeds" / "lanxi.txt").write_text(ARTICLE, encoding="utf-8")
    assert build_here(project, "draft", "seeds/lanxi.txt", "site_src-lanxi").returncode == 0
    fill_in(project / "site_src-lanxi", "https://lanxi.example.org/")
    assert build_here(project, "--content", "site_src-lanxi", "stamp", "en").returncode == 0
    return project


def trial_copy(trial: Path, dst: Path, edits: dict | None = None) -> Path:
    """A copy of the trial project, with edits: file -> its new text, or (old, new) to replace once."""
    shutil.copytree(trial, dst, symlinks=True, ignore=shutil.ignore_patterns("site-lanxi", "*.proof.html"))
    for rel, edit in (edits or {}).items():
        f = dst / rel
        if isinstance(edit, str):
            f.write_text(edit, encoding="utf-8")
            continue
        text = f.read_text(encoding="utf-8")
        assert edit[0] in text, (rel, edit[0])
        f.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    return dst


def ids_by_text(project: Path) -> dict[str, str]:
    import yaml

    figures = yaml.safe_load((project / "site_src-lanxi" / "figures.yml").read_text(encoding="utf-8"))["figures"]
    return {f["text"]: f["id"] for f in figures}


def test_a_content_report_gets_its_own_sheet(trial, tmp_path):
    project = trial_copy(trial, tmp_path / "p")
    proc, path = proof(project, "--content", "site_src-lanxi")
    assert path == project / "site-lanxi.proof.html" and not (project / "site.proof.html").exists()
    found = sheet(path)
    assert set(found) == set(ids_by_text(project).values())
    assert not any(x["flags"] for x in found.values()), {k: x["flags"] for k, x in found.items() if x["flags"]}
    rows = found[ids_by_text(project)["1.2万吨"]]["rows"]
    assert any("tile industry/" in r and "1.2万吨" in r and "12,000 tonnes" in r for r in rows), rows
    assert any("long image" in r for r in rows) and any("download" in r for r in rows)
    assert "proof sheet: 10 figures" in proc.stdout


def sentence_qualifier(f):
    """zh_shown as the old draft wrote 村规民约27部: 约 taken for a qualifier."""
    before, text, after = ORIGINAL_ZH_SHOWN(f)
    return ("约", text, after) if f.text == "27部" else (before, text, after)


def shorter_unit(f):
    """zh_shown cutting 场次 to 场 (1100余场)."""
    before, text, after = ORIGINAL_ZH_SHOWN(f)
    return (before, "1100余场", after) if f.text == "1100余场次" else (before, text, after)


def money_with_thresholds(renderer, lang):
    """The 一图读懂 drawing every amount as a sum of money, thresholds too (超过5万元)."""
    from sitegen.render import explainer

    model = ORIGINAL_MODEL(renderer, lang)
    extra = [{**explainer.fig_parts(renderer.figure_view(f, lang), lang, f), "group_name": ""}
             for f in renderer.r.figures.figures if f.role == "threshold"]
    return {**model, "money": {**model["money"], "figures": model["money"]["figures"] + extra}}


# the originals the injections wrap
ORIGINAL_ZH_SHOWN, ORIGINAL_MODEL = _figureview.zh_shown, _explainer.explainer_model
FY = "site_src-lanxi/figures.yml"
TITLE_CHART = ("charts:\n- id: t\n  page: industry\n  kind: tiles\n  figures: [p2_4]\n"
               "  title: {zh: '超过{p2_2}的村', en: 'Villages above {p2_2}'}\n"
               "  caption: {zh: '村数。', en: 'Villages.'}\n")

# (name, the figure as the article writes it, edits of the project, a patch of the generator (a function giving a
# context manager) or None, a flag the sheet must show at that figure)
TRIAL_ERRORS = [
    ("1.2万吨 measured as 1.2 tonnes (units.yml, the guard that refuses it off)", "1.2万吨",
     {"site_src-lanxi/units.yml": "units:\n  万吨: {style: weight_t}\n"},
     lambda: mock.patch("sitegen.read.content.unit_contradiction", lambda *a: ""), r"reads 1\.2; the figure is 12,000"),
    ("村规民约27部 drafted as about", "27部",
     {FY: ("  qualifier: exact\n  kind: count\n  counts: 村规民约",
           "  qualifier: about\n  kind: count\n  counts: 村规民约")},
     None, r"the article reads exact \(no qualifier word\); the data say about"),
    ("村规民约27部 written 约27部", "27部", {}, lambda: mock.patch.object(_figureview, "zh_shown", sentence_qualifier),
     r"‘约’ says about; the figure is exact"),
    ("95%以上 written 'more than 95%'", "95%", {},
     lambda: mock.patch.dict(QUALIFIER_EN, {"at_least": "more than"}),
     r"‘more than’ says more_than; the figure is at_least"),
    ("1100余场次 written 1100余场", "1100余场次", {}, lambda: mock.patch.object(_figureview, "zh_shown", shorter_unit),
     r"unit 场; the figure's is 场次"),
    ("a chart title 超过{id} (the check of doubled qualifiers off)", "20万元", {FY: ("charts: []\n", TITLE_CHART)},
     lambda: mock.patch("sitegen.check.figures.check_doubled", lambda *a: None),
     r"qualifier written twice: 超过 \+ 超过"),
    ("a target (力争…) taken as a result", "8个", {FY: ("  role: target\n", "  role: result\n")}, None,
     r"the article reads a target from ‘力争’; the data say result"),
    ("a target's mark dropped from the interface words", "8个",
     {"templates/strings.yml": ("  role_target: 目标\n", "  role_target: ''\n")}, None,
     r"a target shown without its mark \(reads as achieved\): no 目标"),
    ("a threshold (超过20万元) drawn as a sum of money on the 一图读懂", "20万元", {},
     lambda: mock.patch.object(_explainer, "explainer_model", money_with_thresholds),
     r"a threshold shown without its mark \(reads as an amount\)"),
]


@pytest.mark.parametrize(("case", "text", "edits", "patch", "flag"), TRIAL_ERRORS, ids=[c[0] for c in TRIAL_ERRORS])
def test_each_error_of_the_trial_stands_out_on_the_sheet(trial, tmp_path, case, text, edits, patch, flag):
    project = trial_copy(trial, tmp_path / "p", edits)
    with patch() if patch else contextlib.nullcontext():
        _, path = proof(project, "--content", "site_src-lanxi")
    found = sheet(path)
    fid = ids_by_text(project)[text]
    assert any(re.search(flag, f) for f in found[fid]["flags"]), found[fid]["flags"]
    if "超过{id}" in case:   # and its English, 'Villages above {id}': 'above more than CNY 200,000'
        assert "qualifier written twice: above + more than" in found[fid]["flags"]
    others = {k: x["flags"] for k, x in found.items() if x["flags"] and k != fid}
    assert not others, others                       # flagged at its figure, nowhere else
    assert f'<a href="#{fid}">' in path.read_text(encoding="utf-8")   # and listed at the top


def test_a_number_typed_into_a_page_is_listed_at_the_end(trial, tmp_path):
    block = "::: figures industry\n"
    project = trial_copy(trial, tmp_path / "p", {
        "site_src-lanxi/pages/zh/industry.md": (block, f"全镇36个村全部通网。\n\n{block}"),
        "site_src-lanxi/pages/en/industry.md": (block, f"All 36 villages are online.\n\n{block}")})
    _, path = proof(project, "--content", "site_src-lanxi")
    rows = unbacked(path)
    assert "zh 36个 全镇36个村全部通网。 industry" in rows and "en 36 All 36 villages are online. industry" in rows
    assert not any("2025" in r for r in rows)        # a year of the article's sentence is no finding


def test_a_failed_build_writes_no_sheet(trial, tmp_path):
    project = trial_copy(trial, tmp_path / "p", {FY: ("  value: 1.2\n", "  value: 1.3\n")})
    proc = build_here(project, "--content", "site_src-lanxi", "proof")
    assert proc.returncode == 1 and "nothing was published" in proc.stderr
    assert not list(project.glob("*.proof.html")) and ".proof.html" not in proc.stdout
