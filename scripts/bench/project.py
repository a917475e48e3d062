"""Project copies (the same helper as the tests'), their caches emptied, and one-paragraph edits.

Edits are text-level, so the comments and layout of an edited file stay as they were.
"""
from __future__ import annotations

import random
import re
import shutil
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sitegen.devtools import copy_project

from .common import ROOT, read_yaml

MARK_PREFIX = "Benchmarkmark"  # letters only: the build rejects numbers typed by hand in the English
ZH_MARK_CHARS = "甲乙丙丁戊己庚辛壬癸"  # not numerals: the build checks every number against the seed


def copy_of(dst: Path, src: Path = ROOT, with_cache: bool = False) -> Path:
    """A copy of the project in src (its .cache/ too when with_cache) in a new folder dst."""
    return copy_project(dst, src, cache=src / ".cache" if with_cache else None)


def output_dirs(project: Path) -> tuple[Path, Path]:
    """(docs folder, site folder) of a project copy, as its mkdocs.yml names them."""
    cfg = read_yaml(project / "mkdocs.yml") or {}
    return project / (cfg.get("docs_dir") or "docs"), project / (cfg.get("site_dir") or "site")


def star_ids(project: Path) -> list[str]:
    """The ids of the star pages, in report.yml's order."""
    return [s["id"] for s in read_yaml(project / "site_src" / "report.yml").get("stars") or []]


def make_cold(project: Path) -> None:
    """Remove everything a build makes: .cache/, the site and the generated docs."""
    docs, site = output_dirs(project)
    for folder in (project / ".cache", site, docs):
        shutil.rmtree(folder, ignore_errors=True)
    docs.mkdir()


def drop_language_caches(project: Path) -> None:
    """Empty the caches of each language's built pages and search index (.cache/pages-*, search-*);
    share images, chart specs and QR codes stay cached."""
    for kind in (project / ".cache").glob("*"):
        if kind.name.startswith(("pages-", "search-")):
            shutil.rmtree(kind)


def set_nav(report_yml: Path, nav: list[str]) -> None:
    """Replace the one-line `nav: [...]` of report.yml (or round-trip the file through YAML)."""
    text = report_yml.read_text(encoding="utf-8")
    new, n = re.subn(r"(?m)^nav:\s*\[[^\]\n]*\](.*)$", lambda m: f"nav: [{', '.join(nav)}]{m.group(1)}", text)
    if n != 1:
        data = yaml.safe_load(text)
        data["nav"] = nav
        new = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    report_yml.write_text(new, encoding="utf-8")


@dataclass
class Edit:
    """One kind of one-paragraph edit of a project copy: which file, how a new word is put in, which page
    shows it. write() saves the file with a new word and returns the word; restore() undoes every edit."""

    file: Path
    apply: Callable[[str, str], str]  # (original text, new word) -> edited text
    new_word: Callable[[], str]
    page: str  # the URL path of the page that shows the edit
    label: str
    where: dict  # what the results record of the place edited
    original: str = field(init=False)

    def __post_init__(self) -> None:
        self.original = self.file.read_text(encoding="utf-8")

    def write(self) -> str:
        """Save the file with a new word in the paragraph; the word."""
        word = self.new_word()
        self.file.write_text(self.apply(self.original, word), encoding="utf-8")
        return word

    def restore(self) -> None:
        """The file as it was before the first edit."""
        self.file.write_text(self.original, encoding="utf-8")


def english_edit(project: Path) -> Edit:
    """A new word at the start of one unit's English text in en.yml."""
    unit, slug = edit_target(project)
    return Edit(project / "site_src" / "translations" / "en.yml",
                lambda text, word: with_marker(text, unit, word), new_marker, f"/en/{slug}/", unit, {"unit": unit})


def chinese_edit(project: Path) -> Edit:
    """New characters at the start of the first paragraph of prose of a Chinese page."""
    file, line = zh_edit_target(project)
    return Edit(file, lambda text, word: with_zh_marker(text, line, word), new_zh_marker,
                "/zh/" + ("" if file.stem == "index" else f"{file.stem}/"), f"{file.name}:{line + 1}",
                {"line": line + 1})


def edit_target(project: Path) -> tuple[str, str]:
    """(unit, page slug) to edit: the seed segment of the star page of p4-2, else the first star's."""
    stars = (read_yaml(project / "site_src" / "report.yml") or {}).get("stars") or []
    for s in stars:
        if s.get("segment") == "p4-2":
            return s["segment"], s["id"]
    return stars[0]["segment"], stars[0]["id"]


def new_marker() -> str:
    """A new English word (letters only)."""
    return MARK_PREFIX + "".join(random.choice(string.ascii_lowercase) for _ in range(10))


def new_zh_marker() -> str:
    """Eight new Chinese characters (no numerals)."""
    return "".join(random.choice(ZH_MARK_CHARS) for _ in range(8))


def with_marker(original: str, unit: str, marker: str) -> str:
    """en.yml text with `marker` put before the first word of unit's English text."""
    lines = original.splitlines(keepends=True)
    head = re.compile(rf"^['\"]?{re.escape(unit)}['\"]?:\s*(#.*)?$")
    for i, line in enumerate(lines):
        if head.match(line.rstrip("\n")):
            edited = marked_text_line(lines, i + 1, marker)
            if edited is not None:
                return edited
    # unusual layout: round-trip through YAML (comments lost, content the same)
    data = yaml.safe_load(original)
    data[unit]["text"] = f"{marker} {data[unit]['text']}"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def marked_text_line(lines: list[str], start: int, marker: str) -> str | None:
    """The text with marker put into the `text:` value of the unit whose keys start at lines[start]."""
    for j in range(start, len(lines)):
        ln = lines[j]
        if ln.strip() and not ln[0].isspace():
            return None  # next unit: no text key found
        m = re.match(r"^(\s+)text:\s*(.*?)\s*$", ln)
        if not m:
            continue
        value = m.group(2)
        if value[:1] in (">", "|"):  # block scalar: the first content line
            for k in range(j + 1, len(lines)):
                if lines[k].strip():
                    indent = len(lines[k]) - len(lines[k].lstrip())
                    lines[k] = lines[k][:indent] + marker + " " + lines[k][indent:]
                    return "".join(lines)
        elif value:  # a plain or quoted scalar on the key's line: after the opening quote
            at = ln.index(value, ln.index("text:")) + (1 if value[0] in "'\"" else 0)
            lines[j] = ln[:at] + marker + " " + ln[at:]
            return "".join(lines)
    return None


def zh_edit_target(project: Path) -> tuple[Path, int]:
    """(page file, line) of the first paragraph of prose in the Chinese pages (not front matter, a
    heading, a list or a ::: block): the Chinese counterpart of the one-paragraph edit."""
    for f in sorted((project / "site_src" / "pages" / "zh").glob("*.md")):
        lines = f.read_text(encoding="utf-8").splitlines()
        start = lines.index("---", 1) + 1 if lines and lines[0] == "---" and "---" in lines[1:] else 0
        for i in range(start, len(lines)):
            text = lines[i].strip()
            if text and not text.startswith((":::", "#", "-", "*", "|", ">", "<", "[")) and not text[0].isdigit():
                return f, i
    raise RuntimeError("no paragraph of prose in site_src/pages/zh/*.md to edit")


def with_zh_marker(original: str, line: int, marker: str) -> str:
    """The page text with marker put at the start of the given line."""
    lines = original.splitlines(keepends=True)
    lines[line] = marker + lines[line]
    return "".join(lines)
