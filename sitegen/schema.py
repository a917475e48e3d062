"""check_fields: a tiny schema checker for mappings read by read_yaml (all problems, with lines)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .problems import Problems
from .yamlsrc import LDict, closest

TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
              list: "a list", dict: "a mapping"}


@dataclass(frozen=True)
class Field:
    """One key of a mapping: its type(s), whether it must be there, and what it means (for docs)."""

    types: tuple
    required: bool = True
    doc: str = ""


def type_name(types: tuple) -> str:
    return " or ".join(TYPE_NAMES.get(t, getattr(t, "__name__", str(t))) for t in types)


def type_ok(value: Any, types: tuple) -> bool:
    """isinstance, except that a bool is not a number and an int is a float."""
    if isinstance(value, bool):
        return bool in types
    if isinstance(value, int) and float in types:
        return True
    return isinstance(value, types)


def check_fields(data: Any, fields: dict[str, Field], where: str, problems: Problems,
                 what: str = "entry", line: int = 0) -> bool:
    """Check a mapping against its fields; report missing, unknown and mistyped keys. True if usable."""
    if not isinstance(data, dict):
        problems.add(where, getattr(data, "line", line), f"{what} must be a mapping of keys to values, got {kind(data)}")
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
    if isinstance(value, str):
        return f"the text {value[:30]!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def as_list(data: Any, where: str, problems: Problems, what: str, line: int = 0) -> list:
    """The value if it is a list (else a problem and [])."""
    if data is None:
        return []
    if not isinstance(data, list):
        problems.add(where, getattr(data, "line", line), f"{what} must be a list, got {kind(data)}")
        return []
    return data


LANG_TEXT = {"zh": Field((str,)), "en": Field((str,))}
