"""Messages an editor can act on: YAML errors in plain words with the fix, quotes cut around the offending
part, hints naming the folder being built, and no follow-on errors that blame a consequence."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import build_here, tree_digest
from sitegen.problems import Problems, excerpt
from sitegen.read.yamlsrc import parse_yaml


def yaml_problem(text: str) -> str:
    problems = Problems()
    assert parse_yaml(text, "f.yml", problems) is None
    assert len(problems.items) == 1
    return str(problems.items[0])


@pytest.mark.parametrize("text, line, words, fix", [
    ("a: b\nen: Goal: more jobs\n", 2, "a ': ' (colon and space) inside a value", 'quotes: en: "Goal: more jobs"'),
    ("a:\n\tb: 1\n", 2, "a tab character", "indent with spaces only"),
    ("a: ok\nb: \"never closed\nc: 2\n", 2, "the quote opened at line 2 is never closed", "same quote mark"),
    ("a:\n  b: 1\n c: 2\n", 3, "the indentation does not match", "same column"),
    ("a:\n  - x\n  y: 2\n", 3, "a list item and a key at the same indentation", "'- '"),
    ("a: b\nc\nd: e\n", 2, "a line that is neither 'key: value' nor a list item", "add ': ' after the key"),
    ("a: @x\n", 1, "a value cannot start with '@'", "put the value in quotes"),
])
def test_yaml_errors_in_plain_words_with_the_fix(text, line, words, fix):
    message = yaml_problem(text)
    assert message.startswith(f"f.yml:{line}: malformed YAML: {words}"), message
    assert "\n  --> " in message and fix in message.split("-->", 1)[1], message


def test_a_colon_in_an_english_description(project):
    f = project / "site_src" / "report.yml"
    text = f.read_text(encoding="utf-8")
    old = re.search(r"(?m)^    description: (How .*)$", text)
    assert old, "the English description of report.yml"
    f.write_text(text.replace(old.group(0), "    description: The goal: " + old.group(1)), encoding="utf-8")
    line = f.read_text(encoding="utf-8")[:old.start()].count("\n") + 1
    proc = build_here(project)
    assert proc.returncode == 1
    assert f"site_src/report.yml:{line}: malformed YAML: a ': ' (colon and space) inside a value" in proc.stderr
    assert '--> put the whole value in quotes: description: "The goal: How' in proc.stderr


def test_excerpt_is_centred_on_the_offending_part():
    text = "甲" * 100 + "37" + "乙" * 100
    cut = excerpt(text, 100, 102, width=10)
    assert cut == "…" + "甲" * 10 + "37" + "乙" * 10 + "…"
    assert excerpt("short 5 text", 6, 7) == "short 5 text"


def test_a_number_typed_late_in_a_long_translation_is_quoted_around_it(project):
    f = project / "site_src" / "translations" / "en.yml"
    text = f.read_text(encoding="utf-8")
    m = re.search(r"(?m)^p2-2:\n  src: .*\n  text: >-\n(    .*\n)+", text)
    assert m, "unit p2-2 in en.yml"
    f.write_text(text.replace(m.group(0), m.group(0) + "    And in the end, exactly 4321 households took part.\n"),
                 encoding="utf-8")
    proc = build_here(project)
    assert proc.returncode == 1
    msg = next(ln for ln in proc.stderr.splitlines() if "typed by hand" in ln)
    assert "4321" in msg.split("typed by hand: ", 1)[1].split(" in ", 1)[1], msg
    assert "exactly 4321 households" in msg, msg


def test_a_number_typed_late_in_a_caption_is_quoted_around_it(project):
    f = project / "site_src" / "figures.yml"
    text = f.read_text(encoding="utf-8")
    old = "are measured by area and are not shown here."
    assert old in text
    f.write_text(text.replace(old, old[:-1] + ", and 12 more were planned."), encoding="utf-8")
    proc = build_here(project)
    assert proc.returncode == 1
    msg = next(ln for ln in proc.stderr.splitlines() if "typed by hand" in ln)
    assert "the number 12 is typed by hand in '…" in msg and "and 12 more were planned" in msg, msg


@pytest.fixture
def other_folder(project) -> Path:
    """The report's content as site_src-copy (a report of its own, with its own address)."""
    content = project / "site_src-copy"
    shutil.copytree(project / "site_src", content)
    f = content / "report.yml"
    f.write_text(f.read_text(encoding="utf-8") + "publish: {site_url: 'https://copy.example.org/'}\n",
                 encoding="utf-8")
    return content


def test_hints_name_the_folder_being_built(project, other_folder):
    f = other_folder / "translations" / "en.yml"
    f.write_text(f.read_text(encoding="utf-8").replace("  src: '", "  src: 'x", 1), encoding="utf-8")
    proc = build_here(project, "--content", "site_src-copy")
    assert proc.returncode == 1
    assert "python build.py --content site_src-copy stamp en" in proc.stderr, proc.stderr
    assert "put the image in site_src-copy/photos/" in proc.stderr
    ok = build_here(project, "--content", "site_src-copy", "--out", str(project / "site_src-copy" / "out"))
    assert ("choose an output folder outside the project's own folders (seeds/, site_src-copy/, templates/"
            in ok.stderr), ok.stderr


def test_a_missing_unit_is_reported_once_as_the_cause(project, other_folder):
    """A figure in a unit nobody knows: that one problem, not also each chart and caption that uses the figure."""
    f = other_folder / "figures.yml"
    f.write_text(f.read_text(encoding="utf-8").replace("unit: 平方米", "unit: 平方丈"), encoding="utf-8")
    before = tree_digest(project / "site") if (project / "site").exists() else {}
    proc = build_here(project, "--content", "site_src-copy")
    assert proc.returncode == 1
    errors = [ln for ln in proc.stderr.splitlines() if re.match(r"^\S+:\d*:? ", ln) and "warning:" not in ln]
    assert errors and all("does not know the unit '平方丈'" in ln for ln in errors), proc.stderr
    assert "add it to site_src-copy/units.yml" in proc.stderr
    assert "is not a figure id" not in proc.stderr and "unknown figure" not in proc.stderr
    assert (tree_digest(project / "site") if (project / "site").exists() else {}) == before


