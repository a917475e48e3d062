"""stamp: record that translations were reviewed against the current source text (their src hash)."""
from __future__ import annotations

import errno
import os
import re
import sys
from pathlib import Path

from ..check.report import read_report
from ..problems import Problems
from ..read.content import source_hash
from ..read.files import Unsafe, read_text
from ..read.paths import Paths


def stamp(root: Path, lang: str, unit_ids: list[str], content: Path | None = None,
          config: Path | None = None) -> int:
    """Write src: <hash> under each named unit (all units when none named) of translations/LANG.yml."""
    paths = Paths.default(root, content, config=config)
    problems = Problems()
    report = read_report(paths, problems)
    if report is None:
        problems.report()
        return 1
    path = paths.content / "translations" / f"{lang}.yml"
    targets = report.content.languages[1:]
    if lang not in targets:
        return refuse(f"{paths.content / 'report.yml'}: '{lang}' is not a language this report is translated into "
                      f"(its translations: {', '.join(targets) or 'none'}); nothing was stamped")
    try:  # a regular file inside the content folder (read/files.py), as the build reads it
        lines = read_text(path, "data", paths.content).split("\n")
    except FileNotFoundError:
        return refuse(f"{path}: the translation file is missing; nothing was stamped")
    except Unsafe as e:
        return refuse(f"{path}: {e.message.replace('file is not UTF-8 text', 'not UTF-8 text')}; nothing was stamped")
    wanted = unit_ids or list(report.units)
    unknown = [u for u in wanted if u not in report.units]
    if unknown:
        print(f"{path}: unknown unit(s): {', '.join(unknown)}", file=sys.stderr)
        return 1
    absent = []
    for uid in wanted:
        lines, found = set_src(lines, uid, source_hash(report.units[uid]))
        absent += [] if found else [uid]
    if absent and not unit_ids and len(absent) < len(wanted):  # stamp the others; the build reports these
        print(f"{path}: warning: no entry for unit(s) {', '.join(absent[:8])}{' …' if len(absent) > 8 else ''}: "
              f"not stamped", file=sys.stderr)
    elif absent:  # a named unit missing, or a broken file: say so rather than claim units were stamped
        return refuse(f"{path}: no entry '{absent[0]}:' (at the start of a line) for unit(s) {', '.join(absent[:8])}"
                      f"{' …' if len(absent) > 8 else ''}; nothing was stamped\n  --> write each unit as "
                      f"'UNIT:' with its text indented under it, as the draft does, then stamp again")
    try:
        replace_file(path, "\n".join(lines))
    except OSError as e:
        return refuse(f"{path}: cannot write it: {e.strerror}; nothing was stamped\n  --> make the file and its "
                      "folder writable, then stamp again")
    print(f"stamped {len(wanted) - len(absent)} unit(s) of {path.name} as reviewed")
    return 0


def replace_file(path: Path, text: str) -> None:
    """The file's new text, written beside it and renamed over it (a file read-only or in a read-only folder is
    an OSError, and never half written); a link inside the content folder is written at its target."""
    real = Path(os.path.realpath(path))
    tmp = real.with_name(f".{real.name}.stamp{os.getpid()}")
    try:
        with open(tmp, "x", encoding="utf-8") as fh:
            fh.write(text)
        if not os.access(real, os.W_OK) or os.stat(real).st_mode & 0o222 == 0:  # root may write anything: the
            raise PermissionError(errno.EACCES, "the file is read-only", str(path))  # file's own mode decides
        os.chmod(tmp, os.stat(real).st_mode & 0o777)
        os.replace(tmp, real)
    finally:
        if tmp.exists():
            tmp.unlink()


def refuse(message: str) -> int:
    """A stamp that cannot be done: one sentence on stderr, exit code 1."""
    print(message, file=sys.stderr)
    return 1


def set_src(lines: list[str], uid: str, digest: str) -> tuple[list[str], bool]:
    """Replace or add the src line of one top-level unit entry; (lines, whether the entry was found)."""
    key = re.compile(rf"^{re.escape(uid)}:\s*$")
    start = next((i for i, line in enumerate(lines) if key.match(line)), None)
    if start is None:
        return lines, False
    end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith((" ", "#"))),
               len(lines))
    for i in range(start + 1, end):
        if re.match(r"^  src:", lines[i]):
            lines[i] = f"  src: '{digest}'"
            return lines, True
    return lines[: start + 1] + [f"  src: '{digest}'"] + lines[start + 1:], True
