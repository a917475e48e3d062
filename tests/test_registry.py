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
