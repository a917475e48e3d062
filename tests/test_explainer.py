"""一图读懂: the explainer page and its long image (sitegen/render/explainer.py), in both languages, for the report
and the four-star fixture without an approach. Every number on the image and the page is read back and
checked against figures.yml; the image is deterministic and made for a phone."""
from __future__ import annotations

import io
import json
import re
import shutil
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from PIL import Image

from conftest import ROOT, copy_project, run_build
from sitegen.numbers import QUALIFIER_EN, STYLES, base_value, en_prefix, format_zh

LANGS = ("zh", "en")
FIXTURE = ROOT / "tests" / "fixtures" / "report2"
REPORTS = {"main": ROOT / "site_src", "report2": FIXTURE / "site_src"}
SCALE = {"billion": 1e9, "million": 1e6}


@pytest.fixture(scope="module")
def report2_site(tmp_path_factory) -> Path:
    """tests/fixtures/report2 built in a project copy."""
    base = tmp_path_factory.mktemp("xp-report2")
    project = copy_project(base / "project")
    shutil.copytree(FIXTURE, project / "tests" / "fixtures" / "report2", ignore=shutil.ignore_patterns("site"))
    out = base / "site"
    proc = run_build(project, "--content", str(project / "tests/fixtures/report2/site_src"), "--out", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


@pytest.fixture(scope="module")
def sites(built_site, report2_site) -> dict[str, Path]:
    return {"main": built_site, "report2": report2_site}


def load(content: Path, name: str):
    return yaml.safe_load((content / name).read_text(encoding="utf-8"))


def figures_data(content: Path) -> dict[str, dict]:
    """figures.yml's stated figures with their style, and derived ones with their value summed from their parts."""
    figs, units = load(content, "figures.yml"), load(content, "units.yml")["units"]
    out = {}
    for f in figs["figures"]:
        style = units[f["unit"]]["style"]
        out[f["id"]] = {**f, "style": style, "base": base_value(f["value"], style)}
    for d in figs.get("derived") or []:
        parts = d["formula"]["sum"]
        out[d["id"]] = {**d, "derived": True, "base": sum(out[p]["base"] for p in parts),
                        "style": out[parts[0]]["style"]}
    return out


def check_figure(fid: str, before: str, number: str, rest: str, lang: str, data: dict) -> list[str]:
    """What is wrong with a figure as shown (qualifier, number, unit) against its record in figures.yml."""
    f = data.get(fid)
    if f is None:
        return [f"{fid}: not a figure of figures.yml"]
    if lang == "zh":
        shown = f"{before}{number}{rest}"
        if f.get("derived"):
            ok = float(re.sub(r"[^\d.]", "", number)) * 1e4 == f["base"] and rest.startswith("万元")
            return [] if ok else [f"{fid}: {shown} is not the sum of its parts ({f['base']} yuan)"]
        want = format_zh(f["text"], f["source"]["quote"], f["qualifier"])
        return [] if shown == want else [f"{fid}: shown {shown!r}, figures.yml says {want!r}"]
    problems = []
    prefix = en_prefix(f["style"])  # an amount says its currency: 'CNY 20 million', never '20 million'
    if prefix and not number.startswith(prefix + " "):
        problems.append(f"{fid}: {number} {rest} does not say its currency ({prefix})")
    number = number.removeprefix(prefix + " ") if prefix else number
    if STYLES[f["style"]].dimension != "year":
        scale = next((v for k, v in SCALE.items() if rest.startswith(k)), 1)
        value = float(number.replace(",", "")) * scale
        if abs(value - f["base"]) > 1e-6 * max(1, f["base"]):
            problems.append(f"{fid}: {number} {rest} is {value}, figures.yml says {f['base']}")
    want_q = QUALIFIER_EN.get(f.get("qualifier", "exact"), "")
    if not f.get("derived") and before != want_q:
        problems.append(f"{fid}: qualifier {before!r}, figures.yml says {f.get('qualifier')} ({want_q!r})")
    return problems


def runs_of(site: Path, lang: str) -> dict:
    return json.loads((site / lang / "explainer" / "longimage.json").read_text(encoding="utf-8"))


def figures_in_runs(runs: dict) -> dict[str, dict]:
    """Each figure on the image: its qualifier, number and unit runs (as drawn)."""
    out: dict[str, dict] = {}
    for r in runs["runs"]:
        if r["figure"]:
            out.setdefault(r["figure"], {"before": "", "number": "", "rest": ""})[r["part"]] = r["text"]
    return out


class FigParser(HTMLParser):
    """The text of every figure the page sets as one (a <p> with data-fig), by its parts (qual / num / unit spans);
    the figures named in its sentences and formulas (spans with data-fig) are words of those texts."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.stack: list[str | None] = []
        self.current: dict | None = None
        self.part = None
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-fig" in a and tag == "p":
            self.current, self.depth = {"before": "", "number": "", "rest": ""}, 0
            self.found.append((a["data-fig"], self.current))
        elif self.current is not None:
            self.depth += 1
            self.part = {"qual": "before", "num": "number", "unit": "rest"}.get(a.get("class", ""))

    def handle_endtag(self, tag):
        if self.current is not None:
            if self.depth == 0:
                self.current = None
            else:
                self.depth -= 1
                self.part = None

    def handle_data(self, data):
        if self.current is not None and self.part:
            self.current[self.part] += data


def page_figures(site: Path, lang: str) -> list[tuple[str, dict]]:
    p = FigParser()
    p.feed((site / lang / "explainer" / "index.html").read_text(encoding="utf-8"))
    return p.found


@pytest.mark.parametrize("name", ["main", "report2"])
@pytest.mark.parametrize("lang", LANGS)
def test_every_number_on_the_image_and_the_page_is_the_figures_data(sites, name, lang):
    site, content = sites[name], REPORTS[name]
    data = figures_data(content)
    image = figures_in_runs(runs_of(site, lang))
    page = page_figures(site, lang)
    problems = [p for fid, parts in image.items() for p in check_figure(fid, **parts, lang=lang, data=data)]
    problems += [f"page: {p}" for fid, parts in page for p in check_figure(fid, **parts, lang=lang, data=data)]
    problems += [f"{fid}: the page shows {parts}, the image {image.get(fid)}" for fid, parts in page
                 if image.get(fid) != parts]
    assert {fid for fid, _ in page} == set(image), "the page and the image show different figures"
    # every digit drawn on the image is part of a figure, the approach's numbering, a date or a text of the content
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ["main", "report2"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_image_shows_the_whole_report(sites, name, lang):
    site, content = sites[name], REPORTS[name]
    report, figs = load(content, "report.yml"), load(content, "figures.yml")
    runs = runs_of(site, lang)
    texts = [r["text"] for r in runs["runs"]]
    shown = figures_in_runs(runs)
    for star in report["stars"]:      # each star: its name and its headline figure
        assert any(t.startswith(star[lang].strip()) for t in texts), star[lang]
        assert star["headline"] in shown
    for rel in figs.get("relations") or []:
        assert {rel["total"], *rel["parts"]} <= set(shown)
    units = load(content, "units.yml")["units"]
    money = {f["id"] for f in figs["figures"] if STYLES[units[f["unit"]]["style"]].dimension == "money"}
    assert money <= set(shown), "every investment the article names"
    roles = {r["role"] for r in runs["runs"]}
    assert ("approach" in roles) == bool(report.get("approach")), "the approach is shown exactly when it exists"
    assert ("period" in roles) == bool(report["meta"][lang].get("period"))
    for d in figs.get("derived") or []:
        if d["id"] in shown:
            assert "derived-mark" in roles, "a derived sum is marked as derived"
    joined = " ".join(texts)
    assert report["meta"][lang]["place"] in joined and report["meta"][lang]["date"] in joined
    assert runs["url"] == report.get("publish", {}).get("site_url", "https://baiyige-report.example.org/").rstrip("/") \
        + f"/{lang}/"


@pytest.mark.parametrize("name", ["main", "report2"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_image_is_made_for_a_phone_with_no_gaps(sites, name, lang):
    site = sites[name]
    runs = runs_of(site, lang)
    png = Image.open(site / lang / "explainer" / "longimage.png")
    assert png.size == (1080, runs["height"]) and runs["width"] == 1080
    assert min(r["size"] for r in runs["runs"]) >= 28, "no text smaller than 28 px at 1080 px wide"
    assert min(r["size"] for r in runs["runs"] if r["role"] in ("approach", "relation", "period")) >= 32
    ys = sorted(r["y"] for r in runs["runs"])
    gaps = [b - a for a, b in pairwise(ys)]
    assert max(gaps) < 320, f"an empty stretch of {max(gaps)} px (a section without content)"
    for r in runs["runs"]:
        assert 0 < r["x"] < 1080 and 0 < r["y"] <= runs["height"]


def test_the_long_image_is_deterministic_and_checked_for_glyphs(built_site):
    from sitegen.check.report import read_report
    from sitegen.problems import Problems
    from sitegen.read.paths import Paths
    from sitegen.render.draw.canvas import Run
    from sitegen.render.explainer import explainer_model
    from sitegen.render.longimage import check_glyphs, long_image
    from sitegen.render.pages import Renderer

    paths = Paths.default(ROOT)
    report = read_report(paths, Problems())
    r = Renderer(report, paths.templates, paths.site_url)
    model = explainer_model(r, "zh")
    first, second = long_image(model, r.icons), long_image(model, r.icons)
    assert first == second, "the same content gives the same bytes"
    assert first == (built_site / "zh" / "explainer" / "longimage.png").read_bytes(), "the build's image is this one"
    assert b"tIME" not in first and b"tEXt" not in first
    assert check_glyphs([Run("label", "坏\U0001F600字", "Regular", 30, 1, 1, "#000000")])
    # a report without an approach: no approach section, and the stars follow the period directly
    bare = long_image({**model, "approach": None, "period": ""}, r.icons)
    assert Image.open(io.BytesIO(bare)).size[1] < Image.open(io.BytesIO(first)).size[1]


def test_linked_from_home_and_every_share_panel(built_site):
    for lang in LANGS:
        home = (built_site / lang / "index.html").read_text(encoding="utf-8")
        assert 'class="home-explainer"><a class="hero-star" href="explainer/"' in home
        for page in (built_site / lang).rglob("index.html"):
            html = page.read_text(encoding="utf-8")
            if 'class="share"' not in html:
                continue
            m = re.search(r'<a class="button" href="([^"]+)" download="([^"]+\.png)"', html)
            assert m, f"{page}: no download of the long image in its share panel"
            assert (page.parent / m.group(1)).resolve() == (built_site / lang / "explainer" / "longimage.png").resolve()


def test_producer_is_registered_for_the_cache():
    from sitegen.write.cache import PRODUCERS, producer_files

    assert "render/longimage.py" in PRODUCERS["explainer"][0]
    assert {"render/explainer.py", "render/draw/vector.py", "render/draw/qr.py"} <= set(producer_files("explainer"))


def test_the_number_check_catches_a_wrong_number_or_qualifier():
    data = figures_data(REPORTS["main"])
    fid = "safety_leaflets"   # 3000余份: more than 3,000
    assert data[fid]["qualifier"] == "more_than"
    assert not check_figure(fid, "", "3000余", "份", "zh", data)
    assert check_figure(fid, "", "3001余", "份", "zh", data), "a changed number is caught"
    assert not check_figure(fid, "more than", "3,000", "", "en", data)
    assert check_figure(fid, "", "3,000", "", "en", data), "a dropped qualifier is caught"
    assert check_figure(fid, "more than", "30", "", "en", data), "a wrong value is caught"
    assert check_figure("investment_named_sum", "", "3960", "万元", "zh", data), "a wrong sum is caught"


@pytest.mark.parametrize("lang", LANGS)
def test_the_explainer_card_shows_the_stars_figures(built_site, lang):
    """The explainer's link preview is the long image in small: each star's headline figure, its qualifier kept,
    read back against figures.yml. (The home page's card, square-safe, is tests/test_cards.py's.)"""
    from sitegen.check.report import read_report
    from sitegen.problems import Problems
    from sitegen.read.paths import Paths
    from sitegen.render.explainer import explainer_model
    from sitegen.render.longimage import card_layout, explainer_card
    from sitegen.render.pages import Renderer

    paths = Paths.default(ROOT)
    r = Renderer(read_report(paths, Problems()), paths.templates, paths.site_url)
    model = explainer_model(r, lang)
    assert (built_site / lang / "explainer" / "share.png").read_bytes() == explainer_card(model, r.icons)
    data = figures_data(REPORTS["main"])
    runs, _ = card_layout(model)
    shown = {x.figure: x.text for x in runs if x.figure}
    units = {x.text for x in runs if x.role == "unit"}
    assert set(shown) == {s["headline"] for s in load(REPORTS["main"], "report.yml")["stars"]}
    for fid, text in shown.items():
        star = next(s for s in model["stars"] if s["headline"]["id"] == fid)["headline"]
        if lang == "zh":
            assert text == star["shown"]
            assert not check_figure(fid, star["before"], star["number"], star["rest"], lang, data)
        else:
            assert text == " ".join(x for x in (star["before"], star["number"]) if x)
            assert not star["rest"] or star["rest"] in units, "the unit is on the card"
            assert not check_figure(fid, star["before"], star["number"], star["rest"], lang, data)
    assert all(x.x >= 0 and x.x + 1 < 1200 and 0 < x.y < 630 for x in runs)


def test_a_character_the_font_lacks_stops_the_build_naming_the_explainer(project):
    from conftest import run_build

    report = project / "site_src" / "report.yml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("en: One organizational structure", "en: \U0001F389 One organizational structure"),
                      encoding="utf-8")
    figures = project / "site_src" / "figures.yml"
    figures.write_text(figures.read_text(encoding="utf-8").replace(
        "en: Village collective economy models", "en: Village collective economy models \U0001F389"), encoding="utf-8")
    proc = run_build(project)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    out = proc.stderr + proc.stdout
    assert "site_src/pages/en/explainer.md:1: page en/explainer: the long image's font cannot draw U+1F389" in out
    assert "chart card's font cannot draw U+1F389" in out, "every problem in one run"
    assert "Traceback" not in out
