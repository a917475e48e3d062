"""The report read and checked: content, seed and figures -> a validated Report, every problem at once."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

from ..problems import Problems, shown
from ..read.article import ReaderConfig, read_article
from ..read.content import is_content_folder, read_content
from ..read.paths import Paths
from .figures import read_figures, validate_figures
from .output import check_address
from .validate import check_pages, validate_report


def read_report(paths: Paths, problems: Problems):
    """Read and validate content, seed and figures; every problem collected. Nothing is read when the templates
    or the content folder hold a link out, a FIFO, a device or a socket (read/files.py: scan)."""
    if not inputs_are_files(paths, problems):
        return None
    content = read_content(paths.content, problems, paths.templates / "glossary-base.yml")
    if not is_content_folder(paths.content):  # reported by read_content; nothing else can be read
        return None
    check_languages(paths, content, problems)
    content.build_args = "" if paths.own else f" --content {shown(paths.content)}"
    check_address(paths, content, problems)
    article = None
    # the project, or the folder of its content folder; by the path as written (a link there is the editor's own)
    homes = {Path(os.path.abspath(paths.root)), Path(os.path.abspath(content.root.parent))}
    outside = content.seed is not None and not homes & set(Path(os.path.abspath(content.seed)).parents)
    if outside:  # the article is part of the project: never any file on the machine (/etc/passwd)
        problems.add(shown(content.root / "report.yml"), content.seed_line,
                     f"seed: names a file outside the project ({content.seed})",
                     "put the article in the project's seeds/ folder and name it there: seed: seeds/NAME.txt")
    elif content.seed is not None and not os.path.lexists(content.seed):  # where it is named, and what to do
        problems.add(shown(content.root / "report.yml"), content.seed_line,
                     f"the article named by seed: is not there ({shown(content.seed)})",
                     "put the article, as received, at that path (in seeds/), or correct seed:")
    elif content.seed is not None:  # else report.yml is unreadable or names no seed: already reported
        reader = ReaderConfig(stray=tuple(s["text"] for s in content.stray), credit_roles=content.credit_roles)
        written = Path(os.path.abspath(content.seed)).parents
        home = next(h for h in sorted(homes, key=lambda h: len(h.parts)) if h in written)
        article = read_article(content.seed, reader, problems, home=home)  # never through a link out of it
    if article is None:  # what does not depend on the seed is still checked: all problems in one run
        check_pages(content, None, read_figures(content, problems), problems)
        return None
    figs = read_figures(content, problems)
    # an unreadable figures file would make every figure check fail: report it alone
    report = validate_report(content, article, figs, problems, figures_ok=content.figures_data is not None)
    if content.figures_data is not None:
        validate_figures(content, figs, report.units, report.candidates, problems)
    return report


def inputs_are_files(paths: Paths, problems: Problems) -> bool:
    """The templates and the content folder hold only regular files and folders, and links that stay inside them:
    each other entry is a problem at its path, found before any file is opened."""
    from ..read.files import scan

    found = scan(paths.templates, what=lambda p: "template" if p.suffix == ".html" else
                 "icon" if p.parent.name == "icons" else "asset" if "assets" in p.parts else "file")
    if is_content_folder(paths.content):  # else read_content says what it is (never a search of / or ..)
        found += scan(paths.content, what=lambda p: "page" if p.suffix == ".md" and "pages" in p.parts else
                      "photo" if "photos" in p.relative_to(paths.content).parts else "file")
    for bad in found:
        bad.add_to(problems)
    return not found and (not is_content_folder(paths.content) or content_size_ok(paths, problems))


def content_size_ok(paths: Paths, problems: Problems) -> bool:
    """The content folder's files but its photos are together within limits.CONTENT_BYTES (by their sizes, before
    any is read): each file is within its kind's limit, and this bounds how many there may be."""
    from .. import limits

    total = 0
    for top, dirs, names in os.walk(paths.content):
        dirs[:] = [d for d in dirs if not (Path(top) == paths.content and d == "photos")]
        for name in names:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(top, name)).st_size
    if total <= limits.CONTENT_BYTES:
        return True
    problems.add(shown(paths.content), 0, f"the content folder holds {total:,} bytes of text: a report needs at "
                 f"most {limits.CONTENT_BYTES:,}", "keep only the report's own files in it (photos in photos/)")
    return False


def check_languages(paths: Paths, content, problems: Problems) -> None:
    """Every language of report.yml has its interface words in templates/strings.yml (menus, dates, labels)."""
    from ..read.yamlsrc import read_yaml

    strings = read_yaml(paths.templates / "strings.yml", problems, home=paths.templates)
    if not isinstance(strings, dict):
        if strings is not None:
            problems.add(shown(paths.templates / "strings.yml"), 1, "the interface words must be a mapping of "
                         "language code to words")
        return
    for lang in content.languages:
        if lang not in strings:
            problems.add(shown(paths.content / "report.yml"), content.languages_line,
                         f"language '{lang}' has no interface words in templates/strings.yml "
                         f"(it has {', '.join(map(str, strings))})",
                         f"remove '{lang}' from languages, or add a '{lang}:' section to templates/strings.yml "
                         f"translating every entry of another language")
