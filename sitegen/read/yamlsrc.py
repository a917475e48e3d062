"""read_yaml: YAML files whose mappings and lists remember the line of every key and item."""
from __future__ import annotations

import difflib
import os
import re
from pathlib import Path
from typing import Any

import yaml

from ..problems import Problems, shown

# libyaml's loader when PyYAML has it (about 10x faster); same nodes, same line marks
FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Limits no real content comes near (the deepest file nests 4 levels, the largest has 2,000 values), so a
# hostile or broken file is refused with a message instead of exhausting memory, time or the C stack.
MAX_DEPTH = 64             # nesting of lists and mappings (libyaml's composer crashes near 100,000)
MAX_VALUES = 1_000_000     # values after every alias (*name) is expanded: a "billion laughs" stops here
LEAD = re.compile(r"^[ \t?:-]*", re.M)  # the indentation and block markers that start a line


class LimitError(yaml.MarkedYAMLError):
    """A YAML document beyond the limits (too deep, too many values, a recursive alias)."""


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


def _scalar(node: yaml.Node, loader: yaml.SafeLoader) -> Any:
    """A scalar's value; one YAML cannot represent in Python (2026-02-30, 5,000 digits) is a marked error."""
    try:
        return loader.construct_object(node, deep=True)
    except ValueError as e:  # int() over 4,300 digits, datetime.date(2026, 2, 30): no mark of their own
        what = {"tag:yaml.org,2002:timestamp": f"{node.value!r} is not a real date ({e})",
                "tag:yaml.org,2002:int": f"a number with {len(node.value)} characters is too long to read"}
        problem = what.get(node.tag, f"{node.value[:40]!r} cannot be read: {e}")
        raise yaml.MarkedYAMLError(problem=problem, problem_mark=node.start_mark) from None


def _convert(node: yaml.Node, loader: yaml.SafeLoader, offset: int = 0, depth: int = 0) -> Any:
    """Turn a composed node into plain Python values that remember their lines (shifted by offset)."""
    line = node.start_mark.line + 1 + offset
    if depth > MAX_DEPTH:
        raise LimitError(problem=f"lists and mappings nested more than {MAX_DEPTH} deep",
                         problem_mark=node.start_mark)
    if isinstance(node, yaml.MappingNode):
        out = LDict()
        out.line, out.key_lines = line, {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, loader)
            key = key if isinstance(key, (str, int)) else str(key)
            if key in out:
                raise yaml.MarkedYAMLError(problem=f"duplicate key {key!r}", problem_mark=key_node.start_mark)
            out[key] = _convert(value_node, loader, offset, depth + 1)
            out.key_lines[key] = key_node.start_mark.line + 1 + offset
        return out
    if isinstance(node, yaml.SequenceNode):
        out = LList(_convert(n, loader, offset, depth + 1) for n in node.value)
        out.line, out.item_lines = line, [n.start_mark.line + 1 + offset for n in node.value]
        return out
    return _scalar(node, loader)


def check_nesting(text: str) -> None:
    """Refuse nesting beyond MAX_DEPTH before libyaml composes it (its composer recurses in C). Scanning the
    events costs milliseconds, so it runs only when the text could nest that deep at all."""
    could = text.count("[") + text.count("{") + max((len(m) for m in LEAD.findall(text)), default=0)
    if could <= MAX_DEPTH:
        return
    loader = FastLoader(text)
    opening, closing = (yaml.SequenceStartEvent, yaml.MappingStartEvent), (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    depth = 0
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, opening):
                depth += 1
                if depth > MAX_DEPTH:
                    raise LimitError(problem=f"lists and mappings nested more than {MAX_DEPTH} deep",
                                     problem_mark=event.start_mark)
            elif isinstance(event, closing):
                depth -= 1
    finally:
        loader.dispose()


def check_aliases(root: yaml.Node) -> None:
    """Refuse a recursive alias and a document whose aliases expand to more than MAX_VALUES values,
    counted over the shared nodes (never by expanding them)."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else \
            node.value if isinstance(node, yaml.SequenceNode) else []
        if done:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            if sizes[key] > MAX_VALUES:
                raise LimitError(problem=f"the aliases (*name) expand to more than {MAX_VALUES:,} values",
                                 problem_mark=node.start_mark)
            continue
        if key in sizes:
            continue
        on_path.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in on_path:
                raise LimitError(problem="a recursive alias: the list or mapping anchored here contains itself",
                                 problem_mark=child.start_mark)
            if id(child) not in sizes:
                stack.append((child, False))


def parse_yaml(text: str, where: str, problems: Problems, first_line: int = 1) -> Any:
    """Parse YAML text; a syntax error becomes a problem at its line (None returned)."""
    loader = None
    try:
        check_nesting(text)
        loader = FastLoader(text)
        node = loader.get_single_node()
        if node is None:
            empty = LDict()
            empty.line, empty.key_lines = first_line, {}
            return empty
        if "*" in text:  # an alias can only be written with '*'
            check_aliases(node)
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
        elif not isinstance(e, LimitError):
            plain, hint, at = explain_yaml_error(what, context, text, mark, context_mark)
            what, line = (f"{plain} ({what})" if plain else what), (at + first_line if at is not None else line)
        if isinstance(e, LimitError):
            problems.add(where, line, f"YAML refused: {what}", "simplify the file; content never needs this")
        else:
            problems.add(where, line, f"malformed YAML: {what}", hint)
        return None
    finally:
        if loader is not None:
            loader.dispose()


def read_source_bytes(path: Path, problems: Problems, what: str = "file", kind: str = "data",
                      home: Path | None = None) -> bytes | None:
    """A source file's bytes (read/files.py: a regular file inside home, read once up to the limit of its kind);
    a missing, special (FIFO, device: never opened, so never blocking), linked-out, oversized or unreadable file
    is a problem and None."""
    from .files import Unsafe, read_bytes

    try:
        return read_bytes(path, kind, home, what)
    except FileNotFoundError:
        dangling = os.path.islink(path)
        problems.add(shown(path), 0, f"{what} is missing" + (" (a symbolic link to nothing)" if dangling else ""))
    except Unsafe as e:
        e.add_to(problems)
    return None


def read_source(path: Path, problems: Problems, what: str = "file", kind: str = "data",
                home: Path | None = None) -> str | None:
    """A content file's text (UTF-8); as read_source_bytes, and text that is not UTF-8 is a problem."""
    data = read_source_bytes(path, problems, what, kind, home)
    if data is None:
        return None
    try:
        text = data.decode("utf-8-sig")  # a BOM (saved by some editors) is not part of the text
    except UnicodeDecodeError:
        problems.add(shown(path), 0, f"{what} is not UTF-8 text")
        return None
    from .files import remember

    remember(path, text)
    return text


def explain_yaml_error(what: str, context: str, text: str, mark, context_mark) -> tuple[str, str, int | None]:
    """The parser's complaint in an editor's words: (what is wrong, how to fix it, 0-based line or None)."""
    lines = text.split("\n")
    row = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if "mapping values are not allowed" in what:
        key, _, value = row.strip().lstrip("- ").partition(": ")
        example = f'{key}: "{value.replace(chr(34), chr(39))}"' if value else 'key: "text: more text"'
        return ("a ': ' (colon and space) inside a value starts a new key",
                f"put the whole value in quotes: {example[:100]}", None)
    if "cannot start any token" in what:
        char = row[mark.column] if mark is not None and mark.column < len(row) else ""
        if char == "\t" or "\\t" in what:
            return ("a tab character", "indent with spaces only: YAML does not allow tabs", None)
        return (f"a value cannot start with {char or 'this character'!r}", "put the value in quotes", None)
    if "quoted scalar" in context and context_mark is not None:
        return (f"the quote opened at line {context_mark.line + 1} is never closed",
                "end the value with the same quote mark it starts with (\" or '); to write that mark inside the "
                "value, use the other kind around it", context_mark.line)
    if "expected ':'" in what and context_mark is not None:
        return ("a line that is neither 'key: value' nor a list item '- …'",
                "add ': ' after the key, or indent the line to continue the value above (or put the value in quotes)",
                context_mark.line)
    if "block collection" in context:
        return ("a list item and a key at the same indentation",
                "every item of a list starts with '- ' in the same column; a key must not sit between them", None)
    if "block mapping" in context:
        return ("the indentation does not match the lines above, or text follows a closing quote",
                "keys of one mapping start in the same column (spaces only); text after a value's closing quote "
                "belongs inside the quotes", None)
    return "", "", None


def read_yaml(path: Path, problems: Problems, home: Path | None = None) -> Any:
    """Read a YAML file (UTF-8; inside home, if given); problems are recorded, None returned when unusable (or
    empty)."""
    text = read_source(path, problems, home=home)
    if text is None:
        return None
    if not text.strip():
        problems.add(shown(path), 1, "the file is empty",
                     "restore it (an interrupted save?), or write [] or {} for an intentionally empty one")
        return None
    return parse_yaml(text, shown(path), problems)


def closest(word: str, choices) -> str:
    """A hint naming the closest valid choice, or ''."""
    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else ""
