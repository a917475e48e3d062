"""Icons that say what they count (sitegen/icons.py): a figure's pictograms and tile show the icon figures.yml names
for it, else the one its role, unit and kind give, never the star's emblem; an unknown icon is a problem at its
line; every view gives a star's figures its colour and a figure of no star grey."""
from __future__ import annotations

import re
from types import SimpleNamespace

import yaml

from conftest import ROOT, build_here
from sitegen.icons import default_icon, icon_names, icon_of
from sitegen.render.draw.palette import GREY
from sitegen.render.draw.vector import icon_strokes


def figure(unit: str, kind: str = "count", role: str = "result", icon: str = "", style: str = "") -> SimpleNamespace:
    return SimpleNamespace(unit=unit, kind=kind, role=role, icon=icon, style=style or unit)


def test_a_default_follows_the_meaning():
    """By role first (a target is no thing done), then the unit as written, then what the unit counts, then what
    it measures; a measure word that says nothing gets no icon (a dot), never the star's emblem."""
    assert default_icon(figure("人", "people")) == "person"
    assert default_icon(figure("人次", "person_times")) == "person"
    assert default_icon(figure("户", "households")) == "home"
    assert default_icon(figure("个村", "count")) == ""          # no unit the model knows: its kind alone says
    assert default_icon(figure("村")) == "home"
    assert default_icon(figure("场次", "events")) == "calendar"
    assert default_icon(figure("份")) == "document"
    assert default_icon(figure("座")) == "building"
    assert default_icon(figure("种")) == "grid"
    assert default_icon(figure("万元", "amount")) == "coin"
    assert default_icon(figure("亿元", "amount")) == "coin"
    assert default_icon(figure("万元", "amount", role="target")) == "target"
    assert default_icon(figure("位", "people", role="rank")) == "award"
    assert default_icon(figure("个", "count")) == ""
    assert default_icon(figure("亩", "amount")) == ""
    assert icon_of(figure("个", icon="check")) == "check"
    every = {"person", "home", "calendar", "document", "building", "grid", "coin", "target", "award", "trend"}
    assert every <= icon_names(), "a default names an icon the theme lacks"


def test_every_icon_draws_on_pictures():
    """Every icon of the theme is paths alone (the pictures' one path reader draws it as the browser does)."""
    for name in icon_names():
        (x, y, size), strokes = icon_strokes((ROOT / "templates" / "icons" / f"{name}.svg").read_text())
        assert size == 24 and strokes, name


def test_an_unknown_icon_is_a_problem_at_its_line(sources):
    fy = sources / "site_src" / "figures.yml"
    text = fy.read_text(encoding="utf-8")
    text = text.replace("    icon: check\n", "    icon: chek\n", 1)
    fy.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    icon: chek") + 1
    proc = build_here(sources)
    assert proc.returncode != 0
    assert re.search(rf"site_src/figures\.yml:{line}: figure \w+: unknown icon 'chek'", proc.stderr), proc.stderr
    assert "did you mean 'check'?" in proc.stderr


def test_the_pages_draw_what_is_counted(built_site):
    """On the pages, each icon row draws its figure's icon (figures.yml's, else its default) as many times as it
    counts; no row draws a star's emblem unless the figure names it."""
    figs = {f["id"]: f for f in yaml.safe_load((ROOT / "site_src" / "figures.yml").read_text())["figures"]}
    stars = {s["id"]: s["icon"] for s in yaml.safe_load((ROOT / "site_src" / "report.yml").read_text())["stars"]}
    icons = {n: (ROOT / "templates" / "icons" / f"{n}.svg").read_text().strip() for n in icon_names()}
    rows = 0
    for page in (built_site / "zh").rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        for row in re.findall(r'<li class="icon-row g-[\w-]+">(.*?)</li>', html, re.S):
            fid = re.search(r'data-fig="(\w+)"', row)[1]
            f = figs[fid]
            want = f.get("icon") or default_icon(SimpleNamespace(unit=f["unit"], kind=f["kind"], style=f["unit"],
                                                                 role=f.get("role", "result")))
            picts = re.findall(r'<span class="pict">(.*?)</span>', row, re.S)
            assert len(picts) == f["value"], (page, fid)
            assert set(picts) == {icons[want] if want else picts[0]}, (page, fid, want)
            if want:
                assert want != stars.get(f["group"]) or f.get("icon") == want, (page, fid)
            else:
                assert "<circle" in picts[0]
            rows += 1
    assert rows >= 10


def test_no_star_is_grey_and_a_star_its_colour(built_site):
    """The theme's colours by group: each star its hue, each area of no star grey — on pages (report.css) and in
    the pictures (the chart's SVG inks)."""
    css = next((built_site / "assets").glob("report.*.css")).read_text()
    report = yaml.safe_load((ROOT / "site_src" / "report.yml").read_text())
    areas = yaml.safe_load((ROOT / "site_src" / "figures.yml").read_text())["areas"]
    for s in report["stars"]:
        assert f".g-{s['id']} {{ --accent: {s['colour']}; }}" in css
    for a in areas:
        assert f".g-{a['id']} {{ --accent: {GREY}; }}" in css
    svg = (built_site / "zh" / "charts" / "work_meetings" / "chart.svg").read_text()
    inks = {c.lower() for c in re.findall(r'(?:fill|stroke|color)="(#[0-9A-Fa-f]{6})"', svg)}
    assert GREY.lower() in inks
    assert not {s["colour"].lower() for s in report["stars"]} & inks, "a figure of no star drawn in a star's hue"
