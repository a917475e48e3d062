"""A new ::: block, or a new page type, is one template and one entry in sitegen/registry.py (README.md, "What a
change touches"): tried on a project copy, whose code is then its own (so these build in a process of their own)."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import run_build
from sitegen.check.validate import DIRECTIVES, STAR_BLOCKS
from sitegen.read.content import TEMPLATES
from sitegen.registry import BLOCKS, CHART_KINDS, PAGE_TYPES, SCALES
from sitegen.render.blocks import RENDER


def add_entry(project: Path, table: str, line: str) -> None:
    """One line more in a table of the copy's registry.py."""
    reg = project / "sitegen" / "registry.py"
    text = reg.read_text(encoding="utf-8")
    new, n = re.subn(rf"(?m)^({table}: dict\[str, \w+\] = {{\n)", lambda m: m.group(1) + f"    {line}\n", text)
    assert n == 1
    reg.write_text(new, encoding="utf-8")


def use_on_about(project: Path, edit) -> None:
    for lang in ("zh", "en"):
        page = project / "site_src" / "pages" / lang / "about.md"
        page.write_text(edit(page.read_text(encoding="utf-8")), encoding="utf-8")


def test_the_checks_and_the_reader_take_the_registry():
    assert {name: b.args for name, b in BLOCKS.items()} == DIRECTIVES
    assert set(STAR_BLOCKS) == {"stars", "summary"}
    assert set(TEMPLATES) == {name for name, t in PAGE_TYPES.items() if t.written} and "chart" not in TEMPLATES
    assert set(RENDER) <= set(BLOCKS), "a block function for a block the registry does not list"
    templates = Path(__file__).resolve().parent.parent / "templates" / "pages"
    assert all((templates / "blocks" / f"{name}.html").is_file() for name in BLOCKS)
    assert all((templates / f"{name}.html").is_file() for name in PAGE_TYPES)
    assert all((templates / k.template).is_file() and k.scale in SCALES for k in CHART_KINDS.values())


def test_a_new_block_is_its_template_and_an_entry(project):
    (project / "templates" / "pages" / "blocks" / "contact.html").write_text(
        '<p class="contact-block">{{ meta.publisher }} ({{ args|join(",") }})</p>\n', encoding="utf-8")
    use_on_about(project, lambda text: text.rstrip("\n") + "\n\n::: contact\n")
    refused = run_build(project)  # not in the registry yet: an unknown block, named where it is written
    assert refused.returncode == 1
    assert re.search(r"site_src/pages/zh/about\.md:\d+: .*contact", refused.stderr), refused.stderr
    add_entry(project, "BLOCKS", '"contact": BlockType(),')
    built = run_build(project)
    assert built.returncode == 0, built.stdout + built.stderr
    for lang in ("zh", "en"):
        html = (project / "site" / lang / "about" / "index.html").read_text(encoding="utf-8")
        assert re.search(r'<p class="contact-block">[^<]+\(\)</p>', html), lang


def test_a_new_page_type_is_its_template_and_an_entry(project):
    (project / "templates" / "pages" / "timeline.html").write_text(
        '{% extends "_plain.html" %}\n', encoding="utf-8")
    use_on_about(project, lambda text: text.replace("template: about", "template: timeline", 1))
    refused = run_build(project)
    assert refused.returncode == 1 and "timeline" in refused.stderr, refused.stderr
    add_entry(project, "PAGE_TYPES", '"timeline": PageType(),')
    built = run_build(project)
    assert built.returncode == 0, built.stdout + built.stderr
    for lang in ("zh", "en"):
        html = (project / "site" / lang / "about" / "index.html").read_text(encoding="utf-8")
        assert 'class="page page-timeline"' in html, lang


DOTS_TEMPLATE = """{# a test kind: one dot per thing counted #}
  <ul class="chart-static dots-chart">
  {% for r in c.rows %}
    <li data-count="{{ r.count }}">{{ r.display }} {{ r.label }} {% for _ in range(r.count) %}&#9679;{% endfor %}</li>
  {% endfor %}
  </ul>
"""
DOTS_PICTURE = '''

@picture("dots")
def dots(body: Body, rows: list[dict]) -> None:
    """A test kind: each row its value and label, then one dot per thing counted."""
    for n, r in enumerate(rows):
        y = body.y0 + n * 60
        x = body.x0 + body.text("value", r["display"], 24, body.x0, y + 32, r["colour"], "Bold", r["id"]) + 12
        x += body.text("label", r["label"], 24, x, y + 32, figure=r["id"]) + 24
        for i in range(r["count"]):
            body.icon("", x + i * 36, y + 8, 32, r["colour"], r["id"])
'''


def changed_files(project: Path) -> set[str]:
    """The code, templates and content of a project copy that differ from the checkout's (or are new)."""
    root = Path(__file__).resolve().parent.parent
    out = set()
    for folder in ("sitegen", "templates", "site_src"):
        for f in (project / folder).rglob("*"):
            if f.is_file() and "__pycache__" not in f.parts:
                rel = f.relative_to(project).as_posix()
                if not (root / rel).is_file() or (root / rel).read_bytes() != f.read_bytes():
                    out.add(rel)
    return out


def test_a_new_chart_kind_is_its_entry_its_template_and_its_picture(project):
    """A chart kind is an entry in registry.py: CHART_KINDS naming its page template and its picture drawing (README.md,
    "What a change touches"): a 'dots' kind made of exactly those three draws a chart on its page and on its
    picture; the same entry without its drawing is refused at check time, where the chart names the kind."""
    figures = project / "site_src" / "figures.yml"
    text = figures.read_text(encoding="utf-8")
    chart = "  - id: safety_events\n    page: safety\n    kind: icons\n"
    assert chart in text
    figures.write_text(text.replace(chart, chart.replace("kind: icons", "kind: dots")), encoding="utf-8")
    line = text[:text.index(chart)].count("\n") + 3   # the line of its kind: dots
    (project / "templates" / "pages" / "chart_kinds" / "dots.html").write_text(DOTS_TEMPLATE, encoding="utf-8")
    add_entry(project, "CHART_KINDS", '"dots": ChartKind("chart_kinds/dots.html", scale="count"),')
    refused = run_build(project)  # an entry without a picture drawing: its charts are refused, nothing published
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert f"site_src/figures.yml:{line}: chart safety_events: kind 'dots' has no picture drawing" in refused.stderr, \
        refused.stderr
    assert not (project / "site").exists(), "the refused build published nothing"
    registry = project / "sitegen" / "registry.py"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        '"dots": ChartKind("chart_kinds/dots.html", scale="count")',
        '"dots": ChartKind("chart_kinds/dots.html", picture="dots", scale="count")'), encoding="utf-8")
    chartcard = project / "sitegen" / "render" / "chartcard.py"
    chartcard.write_text(chartcard.read_text(encoding="utf-8") + DOTS_PICTURE, encoding="utf-8")
    assert changed_files(project) == {"sitegen/registry.py", "sitegen/render/chartcard.py",
                                      "templates/pages/chart_kinds/dots.html", "site_src/figures.yml"}
    built = run_build(project)
    assert built.returncode == 0, built.stdout + built.stderr
    counts = {"safety_classes": 9, "safety_drills": 6}
    for lang in ("zh", "en"):
        for page in ("safety", "charts/safety_events"):
            html = (project / "site" / lang / page / "index.html").read_text(encoding="utf-8")
            assert 'class="chart chart-k-dots"' in html and 'data-count="9"' in html, page
            assert page == "safety" or "plotly" not in html, "a kind that is not live loads no plotly.js"
        svg = (project / "site" / lang / "charts" / "safety_events" / "chart.svg").read_text(encoding="utf-8")
        for fid, n in counts.items():
            assert svg.count(f'<circle class="icon" data-figure="{fid}"') == n, (lang, fid)
