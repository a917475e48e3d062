"""stamp: record that translations were reviewed against the current source text (their src hash)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

from .problems import Problems
from .site import Paths, read_report
from .content import source_hash


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
    lines = path.read_text(encoding="utf-8").split("\n")
    wanted = unit_ids or list(report.units)
    unknown = [u for u in wanted if u not in report.units]
    if unknown:
        print(f"{path}: unknown unit(s): {', '.join(unknown)}", file=sys.stderr)
        return 1
    for uid in wanted:
        lines = set_src(lines, uid, source_hash(report.units[uid]))
    path.write_text("\n".join(lines), encoding="utf-8")
    print(f"stamped {len(wanted)} unit(s) of {path.name} as reviewed")
    return 0


def set_src(lines: list[str], uid: str, digest: str) -> list[str]:
    """Replace or add the src line of one top-level unit entry."""
    key = re.compile(rf"^{re.escape(uid)}:\s*$")
    start = next((i for i, line in enumerate(lines) if key.match(line)), None)
    if start is None:
        return lines
    end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith((" ", "#"))), len(lines))
    for i in range(start + 1, end):
        if re.match(r"^  src:", lines[i]):
            lines[i] = f"  src: '{digest}'"
            return lines
    return lines[: start + 1] + [f"  src: '{digest}'"] + lines[start + 1:]
