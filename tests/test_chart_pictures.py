"""Every chart picture (<lang>/charts/<id>/chart.svg and chart.png, its downloads) of both reports, read back and
checked against figures.yml: a picture must draw what the page draws, not only say it. Bars as long as their values
on one scale (within a pixel), a parts chart as one bar split into its parts that fill the total's length, one icon
per thing counted, tiles as tiles, every label and value written, and no ¶ mark or paragraph id; the PNG has the
SVG's geometry (its bars measured by colour along a row, its icons counted along their row).

The expectations come from figures.yml and report.yml alone (values, labels, kinds, the stars' icons), never from
the drawing code: a picture whose texts are right and whose bars are all equal fails here (it did before the
pictures were drawn from the page's rows: 13 of the 21 pictures with bars drew every bar at full length)."""
from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from PIL import Image

from conftest import ROOT
from sitegen.icons import default_icon
from sitegen.numbers import STYLES, base_value, format_en, format_zh

SVG = "{http://www.w3.org/2000/svg}"
LANGS = ("zh", "en")
REPORTS = {"main": ROOT / "site_src", "report2": ROOT / "tests" / "fixtures" / "report2" / "site_src"}
TOLERANCE = 12   # how far a PNG pixel may be from its ink (the PNG has 256 colours: an ink may move a little)


def load(report: str, name: str):
    return yaml.safe_load((REPORTS[report] / name).read_text(encoding="utf-8"))


class Report:
    """What a report's charts show, from its content files alone."""

    def __init__(self, name: str):
        figures = load(name, "figures.yml")
        self.figures = {f["id"]: f for f in figures["figures"]}
        self.relations = {r["id"]: r for r in figures.get("relations", [])}
        self.charts = figures.get("charts", [])
        self.units = load(name, "units.yml")["units"] if (REPORTS[name] / "units.yml").exists() else {}

    def chart_figures(self, chart: dict) -> list[str]:
        """A chart's figures: as listed, or a parts chart's relation's total and parts."""
        if chart.get("relation"):
            rel = self.relations[chart["relation"]]
            return [rel["total"], *rel["parts"]]
        return chart["figures"]

    def kind(self, chart: dict) -> str:
        """The chart's kind as figures.yml gives it, or as README.md says it is chosen when left out."""
        if chart.get("kind") or chart.get("relation"):
            return chart.get("kind") or "parts"
        figs = [self.figures[i] for i in chart["figures"]]
        small = all(f["qualifier"] == "exact" and float(f["value"]).is_integer() and 1 <= f["value"] <= 20
                    and f["kind"] in ("count", "events", "people", "households") for f in figs)
        return "icons" if small else "tiles" if len(figs) == 1 else "bar"

    def icon(self, f: dict) -> str:
        """The icon a figure names, else the one its unit, kind and role give (sitegen/icons.py), '' for none."""
        return f.get("icon") or default_icon(SimpleNamespace(unit=f["unit"], kind=f["kind"], style=self.style(f),
                                                             role=f.get("role", "result")))

    def style(self, f: dict) -> str:
        """How a figure's unit is written: units.yml's style for a measure word the model lacks, else the unit as
        written (the units model); a count of people the editor calls a plain count is written as one."""
        style = self.units.get(f["unit"], {}).get("style") or f["unit"]
        s = STYLES[style]
        if f["kind"] == "count" and s.dimension == "count" and s.base:
            return "count" if s.per_base == 1 else "count_wan"
        return style

    def value(self, fid: str) -> float:
        """A figure in its base unit (2000万元: 20000000 yuan): the lengths of one chart compare these."""
        f = self.figures[fid]
        return base_value(f["value"], self.style(f))

    def shown(self, fid: str, lang: str) -> str:
        """A figure as the pages write it (its qualifier included)."""
        f = self.figures[fid]
        if lang == "zh":
            return format_zh(f["text"], f["source"]["quote"], f["qualifier"])
        return format_en(f["value"], self.style(f), f["qualifier"], prose=False,
                         value_max=f.get("value_max"))


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


QUOTES_TYPED = str.maketrans("“”‘’", "\"\"''")


def bare(text: str) -> str:
    """The text without its spaces, its quotation marks as typed (a picture sets them as its language does:
    tests/test_quotes.py)."""
    return re.sub(r"\s+", "", text).translate(QUOTES_TYPED)


class Picture:
    """A chart picture read back: its SVG's marks and texts by figure, and its PNG."""

    def __init__(self, folder: Path):
        self.svg = ET.parse(folder / "chart.svg").getroot()
        self.png = Image.open(io.BytesIO((folder / "chart.png").read_bytes())).convert("RGB")
        self.elements = list(self.svg.iter())

    def marks(self, fid: str, role: str) -> list:
        return [e for e in self.elements if e.get("data-figure") == fid and e.get("class") == role]

    def box(self, e) -> tuple[float, float, float, float]:
        """x, y, width, height of a rect or a <use>; a circle's box."""
        if e.tag == f"{SVG}circle":
            cx, cy, r = (float(e.get(k)) for k in ("cx", "cy", "r"))
            return cx - r, cy - r, 2 * r, 2 * r
        return tuple(float(e.get(k)) for k in ("x", "y", "width", "height"))

    def ink(self, e) -> tuple[int, int, int]:
        colour = e.get("fill") if e.tag != f"{SVG}use" else e.get("color")
        return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))

    def run_length(self, e) -> int:
        """How many pixels of a rect's colour the PNG has from its left end along its middle row."""
        x, y, w, h = self.box(e)
        ink, row, n = self.ink(e), round(y + h / 2), 0
        while x + n < self.png.width and near(self.png.getpixel((int(x) + n, row)), ink):
            n += 1
        return n

    def icons_in_png(self, marks: list) -> int:
        """The icons of one row counted in the PNG: runs of columns with ink of their colour, between the first
        icon's left end and the last one's right end, within their height."""
        boxes = [self.box(e) for e in marks]
        x0, x1 = int(min(b[0] for b in boxes)), int(max(b[0] + b[2] for b in boxes))
        y0, y1 = int(min(b[1] for b in boxes)), int(max(b[1] + b[3] for b in boxes))
        ink = self.ink(marks[0])
        inked = [any(near(self.png.getpixel((x, y)), ink) for y in range(y0, y1)) for x in range(x0, x1 + 1)]
        return sum(1 for a, b in zip([False, *inked], inked, strict=False) if b and not a)


def near(pixel, ink) -> bool:
    return max(abs(a - b) for a, b in zip(pixel, ink, strict=True)) <= TOLERANCE


def picture_problems(report: Report, chart: dict, lang: str, folder: Path) -> list[str]:
    """Everything the picture of one chart draws or writes that disagrees with figures.yml (empty: it is right)."""
    pic, ids, kind = Picture(folder), report.chart_figures(chart), report.kind(chart)
    out = []
    texts = [text_of(e) for e in pic.svg.iter(f"{SVG}text")]
    every = " ".join(texts)
    for fid in ids:   # each value one text, as the pages write it; each label whole (a tile's may wrap)
        label = report.figures[fid]["label"][lang]
        if bare(report.shown(fid, lang)) not in [bare(t) for t in texts]:
            out.append(f"{fid}: the value {report.shown(fid, lang)!r} is not written")
        if bare(label) not in bare(every):
            out.append(f"{fid}: the label {label!r} is not written whole")
    if "¶" in every or re.search(r"\bp\d+(?:-\d+)?\b", every):
        out.append(f"a ¶ mark or a paragraph id on the picture: {every!r}")
    if pic.png.size != (1200, 630):
        out.append(f"the PNG is {pic.png.size}, not 1200x630")
    draws = {"bar": bars, "parts": split_bar, "icons": icons, "tiles": tiles}[kind]
    return out + draws(report, pic, ids)


def bars(report: Report, pic: Picture, ids: list[str]) -> list[str]:
    """A bar per figure on one track length, each as long as its value against the largest (within a pixel)."""
    out, top = [], max(report.value(i) for i in ids)
    for fid in ids:
        bar, track = pic.marks(fid, "bar"), pic.marks(fid, "track")
        if len(bar) != 1 or len(track) != 1:
            out.append(f"{fid}: {len(bar)} bars on {len(track)} tracks, not one bar on its track")
            continue
        width, full = pic.box(bar[0])[2], pic.box(track[0])[2]
        want = full * report.value(fid) / top
        if abs(width - want) > 1:
            out.append(f"{fid}: its bar is {width:g} px long, its value says {want:.1f} of {full:g}")
        measured = pic.run_length(bar[0])
        if abs(measured - width) > 1:
            out.append(f"{fid}: the PNG's bar is {measured} px long, the SVG's {width:g}")
    return out


def split_bar(report: Report, pic: Picture, ids: list[str]) -> list[str]:
    """One bar the total's length, split into the parts side by side, each as long as its share of the total."""
    total, parts = ids[0], ids[1:]
    whole = pic.marks(total, "whole")
    if len(whole) != 1:
        return [f"{total}: {len(whole)} bars for the total, not one split bar"]
    x, y, full, h = pic.box(whole[0])
    out, left = [], x
    for fid in parts:
        seg = pic.marks(fid, "segment")
        if len(seg) != 1:
            out.append(f"{fid}: {len(seg)} segments, not one part of the total's bar")
            continue
        sx, sy, w, sh = pic.box(seg[0])
        if (sy, sh) != (y, h) or abs(sx - left) > 1:
            out.append(f"{fid}: its segment is not on the total's bar, after the part before it ({sx:g}, {sy:g})")
        want = full * report.value(fid) / report.value(total)
        if abs(w - want) > 1:
            out.append(f"{fid}: its segment is {w:g} px long, its share of the total says {want:.1f}")
        if abs(pic.run_length(seg[0]) - w) > 1:
            out.append(f"{fid}: the PNG's segment is {pic.run_length(seg[0])} px long, the SVG's {w:g}")
        left = sx + w
    stated = sum(report.value(p) for p in parts)
    if stated == report.value(total) and abs(left - (x + full)) > 1:
        out.append(f"the parts add up to the total, but their segments end at {left:g}, not at {x + full:g}")
    return out


def icons(report: Report, pic: Picture, ids: list[str]) -> list[str]:
    """One icon of what the figure counts (figures.yml's icon, else its unit's and kind's: a dot for none) per thing
    counted, in the SVG and the PNG."""
    out = []
    for fid in ids:
        f, marks = report.figures[fid], pic.marks(fid, "icon")
        if len(marks) != f["value"]:
            out.append(f"{fid}: {len(marks)} icons for {f['text']}")
            continue
        name = report.icon(f)
        want = f"#icon-{name}" if name else None
        drawn = {e.get("href") if e.tag == f"{SVG}use" else None for e in marks}
        if drawn != {want}:
            out.append(f"{fid}: its icons are {drawn}, not the icon of what it counts {want}")
        counted = pic.icons_in_png(marks)
        if counted != len(marks):
            out.append(f"{fid}: the PNG shows {counted} icons in its row, the SVG {len(marks)}")
    return out


def tiles(report: Report, pic: Picture, ids: list[str]) -> list[str]:
    """Each figure its own tile, edged in its colour (in the PNG too): no lengths, no shared scale."""
    out = []
    boxes = []
    for fid in ids:
        tile, edge = pic.marks(fid, "tile"), pic.marks(fid, "edge")
        if len(tile) != 1 or len(edge) != 1:
            out.append(f"{fid}: {len(tile)} tiles, not one")
            continue
        boxes.append(pic.box(tile[0]))
        x, y, w, h = pic.box(edge[0])
        if not near(pic.png.getpixel((int(x + w / 2), int(y + h / 2))), pic.ink(edge[0])):
            out.append(f"{fid}: the PNG has no tile edge where the SVG draws it")
    if any(pic.marks(fid, "bar") for fid in ids):
        out.append("a tiles chart draws bars")
    if len({(b[2], b[3]) for b in boxes}) > 1:
        out.append(f"the tiles differ in size: {boxes}")
    return out


# ---- both reports built once --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sites(built_site, report2_site) -> dict[str, Path]:
    """The default report's site and the fixture report's (tests/fixtures/report2; conftest: report2_site)."""
    return {"main": built_site, "report2": report2_site}


CASES = [(name, chart["id"], lang) for name in REPORTS for chart in Report(name).charts for lang in LANGS]


@pytest.mark.parametrize("name, chart_id, lang", CASES, ids=[f"{n}-{c}-{lang}" for n, c, lang in CASES])
def test_each_chart_picture_draws_the_figures(sites, name, chart_id, lang):
    report = Report(name)
    chart = next(c for c in report.charts if c["id"] == chart_id)
    problems = picture_problems(report, chart, lang, sites[name] / lang / "charts" / chart_id)
    assert not problems, f"{name} {lang}/charts/{chart_id} ({report.kind(chart)}):\n" + "\n".join(problems)


def test_every_kind_of_chart_is_read_back():
    """The cases cover every chart kind of the registry, in both reports together."""
    from sitegen.registry import CHART_KINDS

    kinds = {Report(n).kind(c) for n in REPORTS for c in Report(n).charts}
    assert kinds == set(CHART_KINDS), kinds


@pytest.mark.parametrize("name", list(REPORTS))
def test_no_picture_carries_a_paragraph_mark(sites, name):
    """The long image and its runs name their source in words, never ¶ or a paragraph id (a chart's picture is
    checked above)."""
    for runs in sites[name].rglob("longimage.json"):
        texts = " ".join(r["text"] for r in json.loads(runs.read_text(encoding="utf-8"))["runs"])
        assert "¶" not in texts and not re.search(r"\bp\d+(?:-\d+)?\b", texts), runs
