"""read_yaml: YAML files whose mappings and lists remember the line of every key and item."""
from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml

from .problems import Problems, shown


# libyaml's loader when PyYAML has it (about 10x faster); same nodes, same line marks
FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LDict(dict):
    """A mapping that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LList(list):
    """A list that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


def _convert(node: yaml.Node, loader: yaml.SafeLoader, offset: int = 0) -> Any:
    """Turn a composed node into plain Python values that remember their lines (shifted by offset)."""
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        out = LDict()
        out.line, out.key_lines = line, {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            key = key if isinstance(key, (str, int)) else str(key)
            if key in out:
                raise yaml.MarkedYAMLError(problem=f"duplicate key {key!r}", problem_mark=key_node.start_mark)
            out[key] = _convert(value_node, loader, offset)
            out.key_lines[key] = key_node.start_mark.line + 1 + offset
        return out
    if isinstance(node, yaml.SequenceNode):
        out = LList(_convert(n, loader, offset) for n in node.value)
        out.line, out.item_lines = line, [n.start_mark.line + 1 + offset for n in node.value]
        return out
    return loader.construct_object(node, deep=True)


def parse_yaml(text: str, where: str, problems: Problems, first_line: int = 1) -> Any:
    """Parse YAML text; a syntax error becomes a problem at its line (None returned)."""
    loader = FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return LDict()
        return _convert(node, loader, first_line - 1)
    except yaml.reader.ReaderError as e:  # a character YAML refuses (a control character): say which, where
        from .schema import INVISIBLE_HINT

        at = text.find(chr(e.character))  # its first occurrence: where the reader stopped
        line = text[: at if at >= 0 else e.position].count("\n") + first_line
        problems.add(where, line, f"the invisible character U+{e.character:04X} is not allowed here", INVISIBLE_HINT)
        return None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        context = getattr(e, "context", None) or ""
        context_mark = getattr(e, "context_mark", None)
        line = (mark.line + first_line) if mark else first_line
        what = getattr(e, "problem", None) or str(e)
        hint = ""
        if "flow" in context and context_mark is not None:  # an unclosed [ or {: point at where it opened
            opened = context_mark.line + first_line
            hint = f"the list or mapping opened at line {opened} is not closed properly (seen at line {line})"
            line = opened
        problems.add(where, line, f"malformed YAML: {what}", hint)
        return None
    finally:
        loader.dispose()


def read_yaml(path: Path, problems: Problems) -> Any:
    """Read a YAML file (UTF-8); problems are recorded, None returned when unusable."""
    where = shown(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # a BOM (saved by some editors) is not part of the text
    except FileNotFoundError:
        problems.add(where, 0, "file is missing")
        return None
    except UnicodeDecodeError:
        problems.add(where, 0, "file is not UTF-8 text")
        return None
    return parse_yaml(text, where, problems)


def closest(word: str, choices) -> str:
    """A hint naming the closest valid choice, or ''."""
    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else ""
