"""check_fields: a tiny schema checker for mappings read by read_yaml (all problems, with lines)."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .. import limits
from ..problems import Problems
from .yamlsrc import LDict, closest

TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
              list: "a list", dict: "a mapping"}


@dataclass(frozen=True)
class Field:
    """One key of a mapping: its type(s), whether it must be there, and what it means (for docs)."""

    types: tuple
    required: bool = True
    doc: str = ""
    text: bool = False  # free text shown to readers (any characters but invisible controls; escaped on output)
    max: int = limits.TEXT  # characters of a text value (or of each text of a list): limits.py


def short(doc: str = "", required: bool = True) -> Field:
    """A text shown in a fixed place (a title, a label, a name): at most limits.SHORT characters."""
    return Field((str,), required=required, doc=doc, text=True, max=limits.SHORT)


# Characters no editor means to publish and no reader can see: C0 controls but tab and newline, DEL, C1
# controls, the zero-width space and a BOM inside text, and the bidi embeddings, overrides and isolates
# (U+202A-U+202E, U+2066-U+2069), which can make text read differently from what it says.
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2066-\u2069\ufeff]")
INVISIBLE_HINT = ("delete it: most editors do not show it (find it with: grep -nP '[\\x00-\\x08\\x0b-\\x1f"
                  "\\x7f\\x{80}-\\x{9f}\\x{200b}\\x{202a}-\\x{202e}\\x{2066}-\\x{2069}\\x{feff}]' FILE)")


def invisible_problem(text: str) -> str:
    """'' if text has no invisible control character, else what the first one is."""
    m = INVISIBLE.search(text)
    if not m:
        return ""
    ch = m.group(0)
    name = unicodedata.name(ch, "a control character")
    return f"the invisible character U+{ord(ch):04X} ({name.lower()})"


def check_text(value: Any, where: str, line: int, what: str, problems: Problems) -> None:
    """Text (or a list of texts) with no invisible control characters."""
    for item in (value if isinstance(value, list) else [value]):
        bad = invisible_problem(item) if isinstance(item, str) else ""
        if bad:
            problems.add(where, line, f"{what} contains {bad}", INVISIBLE_HINT)


def type_name(types: tuple) -> str:
    return " or ".join(TYPE_NAMES.get(t, getattr(t, "__name__", str(t))) for t in types)


def type_ok(value: Any, types: tuple) -> bool:
    """isinstance, except that a bool is not a number and an int is a float."""
    if isinstance(value, bool):
        return bool in types
    if isinstance(value, dt.datetime):  # YAML reads 2026-11-28T10:00 as a datetime, a subclass of date
        return dt.datetime in types
    if isinstance(value, int) and float in types:
        return True
    return isinstance(value, types)


def check_fields(data: Any, fields: dict[str, Field], where: str, problems: Problems,
                 what: str = "entry", line: int = 0) -> bool:
    """Check a mapping against its fields; report missing, unknown and mistyped keys. True if usable."""
    if not isinstance(data, dict):
        problems.add(where, getattr(data, "line", line),
                     f"{what} must be a mapping of keys to values, got {kind(data)}")
        return False
    ok = True
    own_line = getattr(data, "line", line)
    for key, value in data.items():
        key_line = data.line_of(key) if isinstance(data, LDict) else own_line
        if key not in fields:
            problems.add(where, key_line, f"unknown key '{key}' in {what}", closest(key, fields))
            ok = False
            continue
        f = fields[key]
        if value is None and not f.required:
            continue
        if not type_ok(value, f.types):
            problems.add(where, key_line, f"'{key}' must be {type_name(f.types)}, got {kind(value)}")
            ok = False
            continue
        long = next((x for x in (value if isinstance(value, list) else [value])
                     if isinstance(x, str) and len(x) > f.max), None)
        if long is not None:
            problems.add(where, key_line, f"'{key}' in {what} is {len(long):,} characters long: a report needs at "
                         f"most {f.max:,}", "shorten it (a text pasted twice over?)")
            ok = False
            continue
        check_text(value, where, key_line, f"'{key}' in {what}", problems)
    for key, f in fields.items():
        if f.required and key not in data:
            problems.add(where, own_line, f"{what} is missing the required key '{key}'")
            ok = False
    return ok


def kind(value: Any) -> str:
    """A short description of a value for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dt.datetime):
        return f"a date and time ({value.isoformat()}): write the date alone, YYYY-MM-DD"
    if isinstance(value, str):
        return f"the text {value[:30]!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def as_list(data: Any, where: str, problems: Problems, what: str, line: int = 0, most: int = 0) -> list:
    """The value if it is a list (else a problem and []); one longer than most (limits.py) is a problem and [],
    refused before any of its items is checked."""
    if data is None:
        return []
    if not isinstance(data, list):
        problems.add(where, getattr(data, "line", line), f"{what} must be a list, got {kind(data)}")
        return []
    if most and len(data) > most:
        problems.add(where, getattr(data, "line", line), f"{what}: {limits.count_problem('entries', len(data), most)}",
                     "a report never needs this many: is it the right file?")
        return []
    return data


LANG_TEXT = {"zh": Field((str,), text=True), "en": Field((str,), text=True)}  # shown text in each language
LANG_SHORT = {"zh": short(), "en": short()}  # a label or a title in each language
