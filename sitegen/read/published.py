"""read_published: what a built site shows, read back from its files as a reader gets them — the pages' HTML (every
element marked data-fig, and the other visible text), the chart pictures' SVG texts, the long image's runs and the
downloads' records. Plain models, no judgement: the proof sheet (check/proof.py) decides what agrees.

Only the published files are read, never the code that drew them, so the reading survives a rewrite of the drawing.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..numbers import writing
from .files import read_text

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
UNSEEN = {"script", "style", "svg", "template", "head", "title"}   # never read as text of the page
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "figcaption", "caption", "dd", "dt"}
# The kind of place a data-fig element is, from the classes around it (the first match going up wins).
PLACE_KINDS = (("chart-title", "chart title"), ("chart-table", "chart table"), ("kpi-total", "KPI"),
               ("tile-link", "KPI"), ("card", "star card"), ("tile", "tile"), ("ctile", "chart"), ("bar", "chart"),
               ("parts-total", "chart"), ("parts-legend", "chart"), ("icon-row", "chart"),
               ("derived-table", "overview table"), ("fig-table", "overview table"), ("relations", "relation"),
               ("summary-total", "summary"), ("summary", "summary"), ("page-explainer", "一图读懂 page"),
               ("chart", "chart"))
WORDS = ("sentence", "chart title", "chart caption", "relation", "derived formula")   # a figure within words
UNIT_ID = re.compile(r"p\d+(-\d+)*|[sfcx]\d+|title|subtitle")   # the article's unit ids: anchors of its paragraphs


def published(path: Path) -> str:
    """A file of the built site as every file is read (read/files.py): a regular file inside its folder, opened
    without blocking, within the size of a published file."""
    return read_text(path, "published", path.parent)


@dataclass
class Node:
    tag: str
    attrs: dict
    parent: Node | None = None
    children: list = field(default_factory=list)   # Node or str

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def hidden(self) -> bool:
        """Not seen on the page: hidden, or text for screen readers only."""
        return self.tag in UNSEEN or "hidden" in self.attrs or "visually-hidden" in self.classes

    def text(self, skip=lambda n: False, spaced: bool = False) -> str:
        return squeeze("".join(pieces(self, skip, spaced)))

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


SPACED = BLOCKS | {"div", "tr", "br", "section", "article", "ul", "ol", "table", "header", "details", "summary"}


def pieces(node: Node, skip=lambda n: False, spaced: bool = False):
    """The visible text of node, piece by piece, in order (a space between blocks and cells, as a reader sees; in a
    language that spaces its words, also before a figure's unit, which the style sets apart: 1,300 mu)."""
    for child in node.children:
        if isinstance(child, str):
            yield child
        elif not child.hidden() and not skip(child):
            if child.tag in SPACED or (spaced and "unit" in child.classes):
                yield " "
            yield from pieces(child, skip, spaced)
            if child.tag in SPACED:
                yield " "


def source_mark(node: Node) -> bool:
    """A provenance mark (¶p4-1, #, 'Source ¶p4-1'): furniture, left out of the text around a figure."""
    return "data-pagefind-ignore" in node.attrs


def squeeze(text: str) -> str:
    """Spaces closed up as a browser shows them."""
    return " ".join(text.split())


class TreeBuilder(HTMLParser):
    """A page's elements as a tree (html.parser: tolerant, no dependency)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.at = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v if v is not None else "" for k, v in attrs}, self.at)
        self.at.children.append(node)
        if tag not in VOID:
            self.at = node

    def handle_startendtag(self, tag, attrs):
        self.at.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.at))

    def handle_endtag(self, tag):
        node = self.at
        while node is not self.root and node.tag != tag:   # an element left open is closed with its parent
            node = node.parent
        if node is not self.root:
            self.at = node.parent

    def handle_data(self, data):
        self.at.children.append(data)


def parse_html(text: str) -> Node:
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def walk(node: Node):
    """Every element under node, in document order."""
    for child in node.children:
        if isinstance(child, Node):
            yield child
            yield from walk(child)


@dataclass(frozen=True)
class PagePlace:
    """An element of a page marked with a figure's id (data-fig): what it shows and what surrounds it."""

    figure: str
    page: str          # the page's slug: 'industry', 'charts/industry_counts', 'index'
    kind: str          # tile, KPI, star card, chart, chart table, overview table, summary, sentence, chart title …
    text: str          # the element's text: the figure as shown
    context: str       # the text of the smallest part around it that shows no other figure (its label, its mark)
    before: str = ""   # in a sentence: its words before the figure
    unit: str = ""     # in a sentence: the id of the article's unit it stands in (its paragraph's anchor)


@dataclass(frozen=True)
class PageText:
    """The visible text of a paragraph, cell or item of a page that no data-fig element holds: its runs, each a
    stretch of text between figures and marks, as written (an article's sentence gives the seed's words back)."""

    page: str
    runs: tuple[str, ...]
    block: str         # the whole text of its paragraph, cell or item


@dataclass(frozen=True)
class Page:
    lang: str
    slug: str
    places: list
    texts: list


def read_page(path: Path, lang: str, slug: str) -> Page:
    """One built page: its places (data-fig elements in <main>) and its other visible text."""
    root = parse_html(published(path))
    main = next((n for n in walk(root) if n.tag == "main"), root)
    marked = [n for n in walk(main) if "data-fig" in n.attrs and not hidden_in(n)]
    places = [page_place(n, slug, writing(lang).spaced) for n in marked]
    return Page(lang, slug, places, page_texts(main, slug))


def hidden_in(node: Node) -> bool:
    return node.hidden() or any(a.hidden() for a in node.ancestors())


def place_kind(node: Node) -> str:
    """What kind of place a data-fig element is: a figure within words (a span set as a figure, or plainly) is of a
    sentence, a chart's title or caption, a relation, a derived figure's formula; any other, of its block."""
    if "formula-part" in node.classes:
        return "derived formula"
    if node.tag == "span" and node.classes <= {"fig"}:
        for a in node.ancestors():
            if "chart-title" in a.classes or "page-head" in a.classes:   # on the chart's page: its heading
                return "chart title"
            if a.tag == "figcaption":
                return "chart caption"
            if "relations" in a.classes or "xp-relation" in a.classes:
                return "relation"
        return "sentence"
    for a in [node, *node.ancestors()]:
        kind = next((k for cls, k in PLACE_KINDS if cls in a.classes), None)
        if kind:
            return kind
    return "page"


def page_place(node: Node, slug: str, spaced: bool) -> PagePlace:
    kind = place_kind(node)
    if kind in WORDS:
        block = next((a for a in node.ancestors() if a.tag in BLOCKS), node.parent)
        before = squeeze("".join(pieces_before(block, node)))
        unit = next((a.attrs["id"] for a in [block, *block.ancestors()] if UNIT_ID.fullmatch(a.attrs.get("id", ""))),
                    "")
        return PagePlace(node.attrs["data-fig"], slug, kind, node.text(spaced=spaced), block.text(source_mark, spaced),
                         before, unit)
    part = node
    while part.parent is not None and part.parent.tag not in ("main", "#root") and count_marked(part.parent) == 1:
        part = part.parent
    return PagePlace(node.attrs["data-fig"], slug, kind, node.text(spaced=spaced), part.text(source_mark, spaced))


def count_marked(node: Node) -> int:
    return sum(1 for n in walk(node) if "data-fig" in n.attrs)


def pieces_before(block: Node, target: Node) -> list[str]:
    """The visible text of block up to target, as pieces (the same pieces as block.text(source_mark) begins with)."""
    out: list[str] = []

    def visit(node: Node) -> bool:
        for child in node.children:
            if child is target:
                return True
            if isinstance(child, str):
                out.append(child)
            elif not child.hidden() and not source_mark(child):
                out.append(" " if child.tag in SPACED else "")
                if visit(child):
                    return True
                out.append(" " if child.tag in SPACED else "")
        return False

    visit(block)
    return out


def page_texts(main: Node, slug: str) -> list[PageText]:
    """The visible text of main outside data-fig elements, source marks (data-pagefind-ignore) and decoration
    (aria-hidden), gathered by the paragraph, cell or item it stands in (or its element, outside any)."""
    def skip(n: Node) -> bool:
        return n.hidden() or "data-fig" in n.attrs or source_mark(n) or n.attrs.get("aria-hidden") == "true"

    groups: dict[int, tuple[Node, list[str]]] = {}

    def visit(node: Node, block: Node | None) -> None:
        for child in node.children:
            holder = block or node
            runs = groups.setdefault(id(holder), (holder, [""]))[1]
            if isinstance(child, str):
                runs[-1] += child
            elif skip(child):
                runs.append("")    # a figure or a mark between: the next words are another run
            elif "id" in child.attrs and block is not None:   # a unit of the article in its paragraph: a run of its own
                runs.append("")
                visit(child, block)
                groups[id(holder)][1].append("")
            else:
                runs[-1] += " " if child.tag in SPACED else ""
                visit(child, block or (child if child.tag in BLOCKS else None))
                runs = groups[id(holder)][1]
                runs[-1] += " " if child.tag in SPACED else ""

    visit(main, None)
    out = []
    for block, runs in groups.values():
        kept = tuple(squeeze(r) for r in runs if NUMERALS.search(r))
        if kept:
            out.append(PageText(slug, kept, block.text(source_mark)))
    return out


NUMERALS = re.compile(r"\d|[一二两三四五六七八九十百千万亿]")


def read_pages(site: Path, lang: str) -> list[Page]:
    """Every page of a language of the built site (the search page and the 404 show no figure)."""
    out = []
    for path in sorted((site / lang).rglob("index.html")):
        rel = path.parent.relative_to(site / lang).as_posix()
        if rel.startswith("pagefind") or rel == "search":
            continue
        out.append(read_page(path, lang, "index" if rel == "." else rel))
    return out


# ---- pictures and downloads -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SvgText:
    """A <text> of a picture: its words (its <tspan>s joined), baseline, size, and the figure it names, if any."""

    text: str
    y: float
    size: float
    figure: str = ""
    role: str = ""


def read_svg(path: Path) -> tuple[str, list[SvgText]]:
    """(the picture's <title>, its texts) of a chart's SVG."""
    root = parse_html(published(path))
    title = next((squeeze("".join(str(c) for c in n.children)) for n in walk(root) if n.tag == "title"), "")
    out = []
    for n in walk(root):
        if n.tag == "text":
            words = "".join(all_strings(n))
            out.append(SvgText(squeeze(words), number(n.attrs.get("y")), number(n.attrs.get("font-size")),
                               n.attrs.get("data-figure", ""), n.attrs.get("class", "")))
    return title, out


def all_strings(node: Node):
    for child in node.children:
        if isinstance(child, str):
            yield child
        else:
            yield from all_strings(child)


def number(text: str | None) -> float:
    try:
        return float(text or 0)
    except ValueError:
        return 0.0


def read_long_image(path: Path) -> list[dict]:
    """The long image's text runs (longimage.json: each with its role, text, position and figure id)."""
    return json.loads(published(path)).get("runs", [])


def read_downloads(folder: Path) -> tuple[list[dict], list[dict]]:
    """(figures.csv rows, figures.json records) of a language, keyed by their headers."""
    rows = list(csv.DictReader(io.StringIO(published(folder / "figures.csv"))))   # its BOM dropped
    records = json.loads(published(folder / "figures.json"))
    return rows, records
