"""Problems found while reading input: collected, never raised one at a time."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path


def shown(path) -> str:
    """A path for messages, as the user reaches it from where the build runs (relative when inside)."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def excerpt(text: str, start: int, end: int | None = None, width: int = 20) -> str:
    """The part of text around text[start:end], about width characters on each side, '…' where cut: a
    message quotes the offending part, not the beginning of a long text."""
    end = start + 1 if end is None else end
    a, b = max(0, start - width), min(len(text), end + width)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    path: str
    line: int
    message: str
    hint: str = ""
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        kind = "warning: " if self.warning else ""
        text = f"{where}: {kind}{self.message}"
        return f"{text}\n  --> {self.hint}" if self.hint else text


@dataclass
class Problems:
    """Collects every problem of a run so the user sees them all at once."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, message: str, hint: str = "") -> None:
        """Record an error."""
        self.items.append(Problem(str(path), line, message, hint))

    def warn(self, path: str, line: int, message: str, hint: str = "") -> None:
        """Record a warning: reported, but the build goes on."""
        self.items.append(Problem(str(path), line, message, hint, warning=True))

    def extend(self, other: Problems) -> None:
        """Take over another collector's problems."""
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.warning]

    def __bool__(self) -> bool:
        return bool(self.errors)

    def report(self, stream=None) -> None:
        """Print every problem, errors and warnings, sorted by place."""
        stream = stream or sys.stderr
        for p in sorted(self.items, key=lambda p: (p.warning, p.path, p.line)):
            print(p, file=stream)


class BuildError(Exception):
    """Raised once, at the end of a stage, carrying every problem found."""

    def __init__(self, problems: Problems):
        super().__init__(f"{len(problems.errors)} problem(s)")
        self.problems = problems
