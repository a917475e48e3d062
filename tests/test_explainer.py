"""一图读懂: the explainer page and its long image (sitegen/render/explainer.py, longimage.py), in both languages, for
four reports: the default one (five stars, an approach, money, a relation, a derived sum), tests/fixtures/report2
(four stars, no approach, no photos), tests/fixtures/report3 (no stars: focus areas) and
tests/fixtures/report4/songlin.txt (three stars, no approach), the last two drafted and filled in as the editors'
guide says. What the image draws is read back from longimage.json (its runs, marks and sections) and the PNG, and
checked against figures.yml and report.yml: the sections in the order the roles give, the approach as a sequence,
as many pictograms as the count, no text under 12 CSS px at 390, no empty section; the page shows the image."""
from __future__ import annotations

import gzip
import io
import json
import re
import shutil
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from PIL import Image

from conftest import ROOT, build_here, copy_project
from drafting import fill_in
from sitegen.icons import default_icon
from sitegen.numbers import QUALIFIER_EN, STYLES, base_value, en_prefix, format_zh
from sitegen.render.typography import typeset_text

LANGS = ("zh", "en")
FIXTURE = ROOT / "tests" / "fixtures" / "report2"
SCALE = {"billion": 1e9, "million": 1e6}
DRAFTED = {"report3": ROOT / "tests" / "fixtures" / "report3" / "seeds" / "hexi.txt",
           "songlin": ROOT / "tests" / "fixtures" / "report4" / "seeds" / "songlin.txt"}
ICON_KINDS = ("count", "events", "people", "households")   # check/figures.py: what an icon array may count
PHONE = 390          # CSS px: the display width the type is made for


@pytest.fixture(scope="module")
def reports(tmp_path_factory, built_site) -> dict[str, dict]:
    """Each report's built site and content folder: the default one, report2, and two drafted articles."""
    base = tmp_path_factory.mktemp("xp")
    project = copy_project(base / "project", code=False)
    shutil.copytree(FIXTURE, project / "tests" / "fixtures" / "report2", ignore=shutil.ignore_patterns("site", "docs"))
    out = {"main": {"site": built_site, "content": ROOT / "site_src"}}
    content2 = project / "tests" / "fixtures" / "report2" / "site_src"
    proc = build_here(project, "--content", str(content2), "--out", str(base / "report2"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    out["report2"] = {"site": base / "report2", "content": content2}
    for name, seed in DRAFTED.items():
        shutil.copy2(seed, project / "seeds" / seed.name)
        content = project / f"site_src-{name}"
        assert build_here(project, "draft", f"seeds/{seed.name}", str(content)).returncode == 0
        fill_in(content, f"https://{name}.example.org/")
        assert build_here(project, "--content", str(content), "stamp", "en").returncode == 0
        proc = build_here(project, "--content", str(content), "--out", str(base / name))
        assert proc.returncode == 0, proc.stderr[-3000:]
        out[name] = {"site": base / name, "content": content}
    return out


NAMES = ["main", "report2", "report3", "songlin"]


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


def raw_figures(content: Path) -> dict[str, dict]:
    """figures.yml as the editor wrote it: id -> entry (a role left out is a result)."""
    figs = load(content, "figures.yml")
    out = {f["id"]: {"role": "result", **f} for f in figs["figures"]}
    out.update({d["id"]: {"role": "result", "derived": True, **d} for d in figs.get("derived") or []})
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


def section_of(data: dict, y: float) -> str:
    """The section of the image a point at height y lies in."""
    return next(s["id"] for s in data["sections"] if s["top"] <= y < s["bottom"])


def number_runs(data: dict) -> list[dict]:
    """The number run of each figure drawn, top to bottom."""
    return [r for r in data["runs"] if r["figure"] and r["part"] == "number"]


class FigParser(HTMLParser):
    """The text of every figure the page sets as one (a <p> with data-fig), by its parts (qual / num / unit spans);
    the figures named in its sentences and formulas (spans with data-fig) are words of those texts."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
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


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", LANGS)
def test_every_number_on_the_image_and_the_page_is_the_figures_data(reports, name, lang):
    site, content = reports[name]["site"], reports[name]["content"]
    image = figures_in_runs(runs_of(site, lang))
    page = page_figures(site, lang)
    problems = [f"{fid}: the page shows {parts}, the image {image.get(fid)}" for fid, parts in page
                if image.get(fid) != parts]
    assert {fid for fid, _ in page} == set(image), "the page and the image show different figures"
    if (content / "units.yml").exists():   # the drafted reports' units are the units model's (no units.yml)
        data = figures_data(content)
        problems += [p for fid, parts in image.items() for p in check_figure(fid, **parts, lang=lang, data=data)]
        problems += [f"page: {p}" for fid, parts in page for p in check_figure(fid, **parts, lang=lang, data=data)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", LANGS)
def test_the_image_shows_the_whole_report(reports, name, lang):
    site, content = reports[name]["site"], reports[name]["content"]
    report, figs = load(content, "report.yml"), load(content, "figures.yml")
    runs = runs_of(site, lang)
    texts = [r["text"] for r in runs["runs"] if r["role"] == "group"]
    shown = figures_in_runs(runs)
    for star in report["stars"]:      # each star: its name and its headline figure
        assert any(t.startswith(star[lang].strip()) for t in texts), star[lang]
        assert star["headline"] in shown
    if not report["stars"]:           # no stars: each focus area with results of its own is a card
        assert {s["id"] for s in runs["sections"] if s["id"].startswith("group:")}, "no focus area shown"
    for rel in figs.get("relations") or []:
        assert {rel["total"], *rel["parts"]} <= set(shown)
    roles = {r["role"] for r in runs["runs"]}
    assert ("step" in roles) == bool(report.get("approach")), "the approach is shown exactly when it exists"
    assert ("period" in roles) == bool(report["meta"][lang].get("period"))
    for d in figs.get("derived") or []:
        if d["id"] in shown:
            assert "derived-mark" in roles, "a derived sum is marked as derived"
    joined = " ".join(r["text"] for r in runs["runs"])
    said = {k: typeset_text(v, lang) for k, v in report["meta"][lang].items() if isinstance(v, str)}  # curly in en
    assert said["place"] in joined and said["date"] in joined
    assert said["source"].replace(" ", "") in joined.replace(" ", "")
    assert ("issuer" in roles) == bool(report["meta"][lang].get("issuer"))
    address = report.get("publish", {}).get("site_url", "https://baiyige-report.example.org/")
    assert runs["url"] == address.rstrip("/") + f"/{lang}/"
    assert any(m["role"] == "qr" for m in runs["marks"])


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", LANGS)
def test_the_sections_follow_the_roles(reports, name, lang):
    """The main results first (the report's stated headline, then only results), then the approach, the groups,
    the relations, the money (results only), the targets apart, and the source, date and QR code last; a figure the
    site computed is small and never the last figure."""
    site, content = reports[name]["site"], reports[name]["content"]
    data, figs, report = runs_of(site, lang), raw_figures(content), load(content, "report.yml")
    order = ["head", "lead", "approach", "groups", "group", "relation", "money", "targets", "footer"]
    ids = [s["id"].split(":")[0] for s in data["sections"]]
    assert ids == sorted(ids, key=order.index) and ids[0] == "head" and ids[-1] == "footer", ids
    assert all(a["bottom"] == b["top"] for a, b in pairwise(data["sections"])), "sections abut"
    numbers = number_runs(data)
    where = {r["figure"]: section_of(data, r["y"]) for r in numbers}
    head = report.get("headline")
    if head in figs and figs[head]["role"] in ("result", "change"):
        assert numbers[0]["figure"] == head and where[head] == "lead", "the headline figure comes first"
        assert numbers[0]["size"] == max(r["size"] for r in numbers), "and is the largest number"
    for fid, section in where.items():
        role = figs[fid]["role"]
        if section == "lead" or section.startswith("group:"):
            assert role in ("result", "change"), f"{fid} ({role}) shown as a result in {section}"
        assert (section == "targets") == (role == "target"), f"{fid} ({role}) in {section}"
        if section == "money":
            assert role == "result", f"{fid}: a {role} drawn as a sum of money"
    derived = [r for r in numbers if figs[r["figure"]].get("derived")]
    assert not derived or numbers[-1] not in derived, "a site-computed figure is never the last figure"
    stated = sorted(x["size"] for x in numbers if not figs[x["figure"]].get("derived"))
    for r in derived:   # no larger than the body text, smaller than the article's figures are set
        assert r["size"] <= 40 < stated[len(stated) // 2], "a derived figure is set small"


@pytest.mark.parametrize("lang", LANGS)
def test_the_approach_is_drawn_as_a_sequence(reports, lang):
    """Each item of the approach is a numbered disc, its number inside it, top to bottom in order, each disc joined
    to the next by a line and an arrowhead pointing down to it, its name beside it; no approach, no steps."""
    data = runs_of(reports["main"]["site"], lang)
    items = load(ROOT / "site_src", "report.yml")["approach"]["items"]
    discs = [m["box"] for m in data["marks"] if m["role"] == "step"]
    nums = [r for r in data["runs"] if r["role"] == "step-num"]
    assert len(discs) == len(nums) == len(items)
    assert [r["text"] for r in nums] == [str(n) for n in range(1, len(items) + 1)]
    for (x0, y0, x1, y1), r in zip(discs, nums, strict=True):
        assert x1 - x0 >= 96 and x0 < r["x"] < x1 and y0 < r["y"] < y1, "the number is large, inside its disc"
        assert r["size"] >= 56
    assert all(a[3] < b[1] for a, b in pairwise(discs)), "the steps go down the image in order"
    links = [m for m in data["marks"] if m["role"] == "step-link"]
    for a, b in pairwise(discs):
        centre = (a[0] + a[2]) / 2
        between = [m for m in links if a[3] <= m["box"][1] and m["box"][3] <= b[1]
                   and m["box"][0] < centre < m["box"][2]]
        assert {m["kind"] for m in between} == {"rect", "tri"}, f"steps at {a[1]} and {b[1]} are not joined"
        line = next(m for m in between if m["kind"] == "rect")
        assert (b[1] - a[3]) - (line["box"][3] - line["box"][1]) < 48, "the line runs from one disc to the next"
    names = [r for r in data["runs"] if r["role"] == "step"]
    first = load(ROOT / "site_src", "report.yml")["approach"]["items"][0][lang]
    assert names and first.startswith(names[0]["text"].split("（")[0].split(" (")[0])
    for name in ("report2", "songlin"):
        assert not [m for m in runs_of(reports[name]["site"], lang)["marks"] if m["role"].startswith("step")]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", LANGS)
def test_pictograms_count_the_figures(reports, name, lang):
    """A small exact count the article reports done is drawn as that many icons of what it counts (figures.yml's
    icon, else its unit's and kind's; a dot for none) — as many marks in
    longimage.json as figures.yml's value, each painted in its colour in the PNG — and nothing else is."""
    site, content = reports[name]["site"], reports[name]["content"]
    data, figs = runs_of(site, lang), raw_figures(content)
    png = Image.open(site / lang / "explainer" / "longimage.png").convert("RGB")
    icons: dict[str, list] = {}
    for m in data["marks"]:
        if m["role"] == "pictogram":
            icons.setdefault(m["figure"], []).append(m)
    for fid, marks in icons.items():
        f = figs[fid]
        assert len(marks) == f["value"], f"{fid}: {len(marks)} icons for {f['value']}"
        assert f["qualifier"] == "exact" and f["kind"] in ICON_KINDS and f["value"] <= 20 and f["role"] == "result"
        want = f.get("icon") or default_icon(SimpleNamespace(unit=f["unit"], kind=f["kind"], style=f["unit"],
                                                             role=f["role"]))
        assert {m.get("icon") for m in marks} == {want or None}, f"{fid}: not drawn as what it counts ({want})"
        number = next(r for r in number_runs(data) if r["figure"] == fid)
        assert all(m["box"][1] > number["y"] for m in marks), "the icons follow their number"
        for m in marks:
            x0, y0, x1, y1 = m["box"]
            ink = tuple(int(m["fill"][i:i + 2], 16) for i in (1, 3, 5))
            drawn = sum(1 for p in png.crop((x0, y0, x1, y1)).getdata()
                        if sum(abs(a - b) for a, b in zip(p, ink, strict=True)) < 60)
            assert drawn > 40, f"{fid}: an icon at {m['box']} is not painted"
    carded = {r["figure"] for r in number_runs(data) if section_of(data, r["y"]).startswith("group:")}
    earlier = {f.get("to") for f in figs.values() if f["role"] == "baseline"}
    for fid in carded:
        f = figs[fid]
        small = (f.get("qualifier") == "exact" and f.get("kind") in ICON_KINDS and "value_max" not in f
                 and float(f["value"]).is_integer() and 1 <= f["value"] <= 20 and f["role"] == "result")
        assert (fid in icons) == (small and fid not in earlier), f"{fid}: pictograms {fid in icons}, small {small}"
    if name == "main":
        assert {"industry_projects", "safety_classes", "branch_service_centers"} <= set(icons)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", LANGS)
def test_the_text_reads_on_a_phone_and_no_section_is_empty(reports, name, lang):
    """Shown 390 CSS px wide, no text of the image is under 12 CSS px; nothing runs off it; no stretch of it is
    empty (a section without content) and every section holds text besides its heading."""
    site = reports[name]["site"]
    data = runs_of(site, lang)
    png = Image.open(site / lang / "explainer" / "longimage.png")
    assert png.size == (data["width"], data["height"]) == (1080, data["height"])
    smallest = min(r["size"] for r in data["runs"])
    assert smallest * PHONE / data["width"] >= 12, f"{smallest} px is {smallest * PHONE / data['width']:.1f} CSS px"
    font = {r["role"]: r["size"] for r in data["runs"]}
    assert font.get("step", 48) >= 40 and font.get("relation", 40) >= 40 and font.get("finding", 40) >= 40
    for r in data["runs"]:
        assert 0 < r["x"] < 1080 and 0 < r["y"] <= data["height"], r
    covered = sorted([(r["y"] - r["size"], r["y"]) for r in data["runs"]] + [(m["box"][1], m["box"][3])
                                                                              for m in data["marks"]])
    reach = covered[0][1]
    for top, bottom in covered:
        assert top - reach < 200, f"an empty stretch of {top - reach} px above y={top}"
        reach = max(reach, bottom)
    assert data["height"] - reach < 200
    for s, after in pairwise([*data["sections"], {"id": ""}]):
        inside = [r for r in data["runs"] if s["top"] <= r["y"] < s["bottom"] and r["role"] != "h2"]
        if s["id"] == "groups":   # the heading of the cards that follow it
            assert after["id"].startswith("group:")
            continue
        assert inside, f"section {s['id']} holds nothing but its heading"


def test_a_report_without_a_section_is_laid_out_without_it(built_site):
    """The layout of a model without its approach, its money, two of its stars, its main results or its
    relations: that section is gone, the image shorter, and no stretch of it empty."""
    from sitegen.render.longimage import make_layout

    model = main_model("zh")
    _, _, height, sections = make_layout(model)
    ids = [s["id"] for s in sections]
    assert {"lead", "approach", "money", "relation:problems_resolution"} <= set(ids)
    variants = {"approach": {"approach": None},
                "money": {"money": {"figures": [], "derived": [], "no_total": True}},
                "group:safety": {"groups": model["groups"][:2] + model["groups"][3:4]},
                "lead": {"headline": None, "lead": []},
                "relation:problems_resolution": {"relations": []}}
    for gone, change in variants.items():
        runs, shapes, h, secs = make_layout({**model, **change})
        assert gone not in [s["id"] for s in secs] and h < height, gone
        if gone.startswith("group"):
            assert len([s for s in secs if s["id"].startswith("group:")]) == 3, "three stars"
        marks = [s for s in shapes if s.role and s.role != "ground"]
        covered = sorted([(r.y - r.size, r.y) for r in runs] + [(s.box[1], s.box[3]) for s in marks])
        reach = covered[0][1]
        for top, bottom in covered:
            assert top - reach < 200, (gone, top, reach)
            reach = max(reach, bottom)


def main_model(lang: str) -> dict:
    from sitegen.check.report import read_report
    from sitegen.problems import Problems
    from sitegen.read.paths import Paths
    from sitegen.render.explainer import explainer_model
    from sitegen.render.pages import Renderer

    paths = Paths.default(ROOT)
    r = Renderer(read_report(paths, Problems()), paths.templates, paths.site_url)
    return explainer_model(r, lang)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", LANGS)
def test_the_page_shows_the_image_and_its_text(reports, name, lang):
    """The page's first content is the long image as an <img> (its real size, eager, with an alternative text naming
    the title and the sections), then its download and every text of it (indexed by Pagefind); no credit for
    photos the image does not have."""
    site = reports[name]["site"]
    html = (site / lang / "explainer" / "index.html").read_text(encoding="utf-8")
    main = html[html.index("<main"):html.index("</main>")]
    img = re.search(r'<figure class="xp-image">\s*<img ([^>]+)>', main)
    assert img, "no <img> of the long image"
    attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', img.group(1)))
    png = Image.open(site / lang / "explainer" / attrs["src"])
    assert (int(attrs["width"]), int(attrs["height"])) == png.size
    assert attrs["loading"] == "eager"
    data = runs_of(site, lang)
    title = "".join(r["text"] for r in data["runs"] if r["role"] == "title")
    alt = attrs["alt"].replace("&quot;", '"').replace("&#34;", '"')
    assert title.replace(" ", "")[:8] in alt.replace(" ", ""), (title, alt)
    heads = [r["text"] for r in data["runs"] if r["role"] == "h2"]
    assert all(h.replace("&", "") in alt.replace("&amp;", "").replace("&#39;", "'") for h in heads[:1])
    assert main.index('class="xp-image"') < main.index("download=") < main.index('<details class="xp-text">')
    text = main[main.index('<details class="xp-text">'):main.index("</details>", main.index('class="xp-text"'))]
    assert "data-pagefind-ignore" not in text
    indexed = pagefind_text(site, lang)
    for r in data["runs"]:
        if r["role"] in ("step", "finding", "group", "h2") and len(r["text"]) > 3:
            assert r["text"].replace(" ", "")[:6] in indexed, f"{r['text']!r} is not in the search index"
    credits = " ".join(r["text"] for r in data["runs"] if r["role"] == "credits")
    assert "文/图" not in credits and "photos" not in credits.lower()


def pagefind_text(site: Path, lang: str) -> str:
    """The text Pagefind indexed for the language's explainer page (its fragment), without its word breaks."""
    for f in (site / lang / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(f.read_bytes())
        data = json.loads(raw[raw.index(b"{"):])
        if data["url"].rstrip("/").endswith("/explainer"):
            return data["content"].replace("\u200b", "").replace(" ", "")
    raise AssertionError("the explainer page is not in the search index")


def test_the_image_is_shown_edge_to_edge_on_a_phone(built_site, chromium):
    """In Chromium at 390 x 844 the image spans the screen (its smallest text at least 12 CSS px), its top is in
    the first screen and nothing scrolls sideways; at 1366 it stands narrower than 31rem."""
    import checkers

    smallest = min(min(r["size"] for r in runs_of(built_site, lang)["runs"]) for lang in LANGS)
    js = """async () => { const i = document.querySelector('.xp-image img'); await i.decode();
            const r = i.getBoundingClientRect();
            return {top: r.top, width: r.width, natural: i.naturalWidth,
                    scroll: document.documentElement.scrollWidth}; }"""
    # the session's one Chromium: a second sync_playwright() in a worker that has one fails ("inside the asyncio loop")
    with checkers.serve(built_site) as base:
        for lang in LANGS:
            for width, height in ((390, 844), (1366, 900)):
                page = chromium.new_page(viewport={"width": width, "height": height})
                page.goto(f"{base}/{lang}/explainer/", wait_until="load")
                got = page.evaluate(js)
                page.close()
                css = smallest * got["width"] / got["natural"]
                assert got["natural"] == 1080 and got["scroll"] <= width, (lang, width, got)
                if width == PHONE:
                    assert got["width"] >= PHONE - 1 and css >= 12 and got["top"] < 0.15 * height, (lang, got)
                else:
                    assert got["width"] <= 31 * 16 and css >= 12, (lang, got)


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
    assert {"render/longflow.py", "render/draw/vector.py", "render/draw/qr.py"} \
        <= set(producer_files("explainer"))
    assert {"render/longcard.py", "render/cards.py", "render/share.py"} <= set(producer_files("explainer-card"))
    assert "render/longimage.py" in producer_files("explainer-size")


def test_the_number_check_catches_a_wrong_number_or_qualifier():
    data = figures_data(ROOT / "site_src")
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
    read back against figures.yml (each card inside the centred square: tests/test_cards.py)."""
    from sitegen.check.report import read_report
    from sitegen.problems import Problems
    from sitegen.read.paths import Paths
    from sitegen.render.explainer import explainer_model
    from sitegen.render.longcard import card_layout, explainer_card
    from sitegen.render.pages import Renderer

    paths = Paths.default(ROOT)
    r = Renderer(read_report(paths, Problems()), paths.templates, paths.site_url)
    model = explainer_model(r, lang)
    assert (built_site / lang / "explainer" / "share.png").read_bytes() == explainer_card(model, r.icons)
    data = figures_data(ROOT / "site_src")
    runs, _ = card_layout(model)
    pieces: dict[str, list[str]] = {}
    for x in runs:   # a figure set as a tile sets it: qualifier, number, unit, each a run of the figure
        if x.figure and x.role == "value":
            pieces.setdefault(x.figure, []).append(x.text)
    assert set(pieces) == {s["headline"] for s in load(ROOT / "site_src", "report.yml")["stars"]}
    for fid, parts in pieces.items():
        star = next(g for g in model["groups"] if g["headline"]["id"] == fid)["headline"]
        assert (" " if lang == "en" else "").join(parts) == star["shown"]
        assert not check_figure(fid, star["before"], star["number"], star["rest"], lang, data)
    assert all(x.x >= 285 and x.y < 630 for x in runs if x.role != "site"), "inside the square (tests/test_cards.py)"
    # a report without stars: its card shows the headline figure the long image leads with
    bare = {**model, "groups": []}
    runs, _ = card_layout(bare)
    assert [x.figure for x in runs if x.figure and x.part == "number"] == [model["headline"]["id"]]


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
