"""read_article: the seed as received -> a structured Article with stable ids.

The seed is text extracted from a newspaper page, written with Markdown-like headings:
``#`` title, ``##`` subtitle, ``###`` section headings, blank-line separated blocks.

Rules (documented in README.md, "How the article is read"):
- Page-break rejoin: two consecutive body blocks of the same section are one paragraph when the
  first does not end a sentence (its last character, after closing quotes/brackets, is not one of
  。！？!?…). They are joined with nothing between them (a space between two Latin letters).
- Points: a paragraph is cut into segments before each enumerator 一是/二是/… that starts the
  paragraph or follows a full stop. Segment ids are ``pN-K``; a paragraph with no enumerator has
  one segment whose id is the paragraph id ``pN``. Text before the first enumerator is ``pN-0``.
- Ids: paragraphs ``p1…`` in reading order, stray lines ``x1…``, credits ``c1…``, photo
  captions ``f1…``, sections ``s1…``. The seed is never edited, so the ids never move.
- Which blocks are stray lines and which words start a credit line is content, not code: both
  come from ``site_src/article.yml`` (ReaderConfig).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from ..problems import Problems, shown
from .yamlsrc import read_source_bytes

SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』）)》〉】\"'"
# The signature (落款) closing a notice: the issuers' names, one a line, over the date alone.
SIGNATURE_DATE = re.compile(r"^(?:\d{4}|[〇零一二三四五六七八九]{4})年"
                            r"[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$")
SENTENCE_MARKS = re.compile(r"[。！？；，、：,;:!?]")
ENUMERATOR = re.compile(r"(?:(?<=^)|(?<=[。！？!?]))([一二三四五六七八九十]+)是")


@dataclass(frozen=True)
class ReaderConfig:
    """What the reader must be told about a given article (from site_src/article.yml)."""

    stray: tuple[str, ...] = ()
    credit_roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Segment:
    id: str
    text: str


@dataclass(frozen=True)
class Block:
    """A run of text with its id and the seed lines it came from."""

    id: str
    text: str
    lines: tuple[int, ...]
    segments: tuple[Segment, ...] = ()

    @property
    def line(self) -> int:
        return self.lines[0]


@dataclass(frozen=True)
class Section:
    id: str
    heading: Block
    paragraphs: tuple[Block, ...]


@dataclass(frozen=True)
class Article:
    path: str
    title: Block
    subtitle: Block | None
    stray: tuple[Block, ...]
    intro: tuple[Block, ...]
    sections: tuple[Section, ...]
    credits: tuple[Block, ...]
    captions: tuple[Block, ...]

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        """Every body paragraph in reading order."""
        return self.intro + tuple(p for s in self.sections for p in s.paragraphs)

    def segments(self) -> dict[str, Segment]:
        """Every translatable unit by id, in reading order."""
        out: dict[str, Segment] = {}
        for block in self.all_blocks():
            for seg in block.segments or (Segment(block.id, block.text),):
                out[seg.id] = seg
        return out

    def all_blocks(self) -> list[Block]:
        """Every block of text the seed holds, in reading order."""
        blocks = [self.title] + ([self.subtitle] if self.subtitle else []) + list(self.stray)
        blocks += list(self.intro)
        for s in self.sections:
            blocks += [s.heading, *s.paragraphs]
        return blocks + list(self.credits) + list(self.captions)

    def block(self, block_id: str) -> Block | None:
        """The block with this id, or None."""
        return next((b for b in self.all_blocks() if b.id == block_id), None)


def decode_seed(path: Path, problems: Problems, kind: str = "seed", home: Path | None = None) -> str | None:
    """The seed's text: UTF-8 (a BOM is dropped), CRLF/CR normalised; None if unreadable (or larger than its kind
    allows: read/files.py; inside home, if given)."""
    where = shown(path)
    raw = read_source_bytes(path, problems, "the article", kind, home)
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        problems.add(where, line, f"the article is not UTF-8 (byte 0x{raw[e.start]:02x} at offset {e.start})",
                     "save it as UTF-8; a GBK file can be converted with: iconv -f GBK -t UTF-8")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        problems.add(where, 1, "the article is empty")
        return None
    check_invisible(text, where, problems)
    return text


def check_invisible(text: str, where: str, problems: Problems) -> None:
    """Every line of the seed with an invisible control character: the site would publish it."""
    from .schema import invisible_problem

    for n, line in enumerate(text.split("\n"), start=1):
        bad = invisible_problem(line)
        if bad:
            problems.add(where, n, f"the article contains {bad}",
                         "the seed is kept exactly as received and never edited: get a clean copy of the article, "
                         "save it as a new file in seeds/ and name it in 'seed:' of report.yml")


def split_blocks(text: str) -> list[tuple[int, list[str]]]:
    """Blank-line separated blocks as (first line number, lines), trailing spaces kept off."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for n, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            if current:
                blocks.append((start, current))
                current = []
            continue
        if line.startswith("#") and current:  # a heading always starts a block
            blocks.append((start, current))
            current = []
        if not current:
            start = n
        current.append(line)
        if line.startswith("#"):
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def ends_sentence(text: str) -> bool:
    """True when the text ends a sentence (closing quotes and brackets looked through)."""
    stripped = text.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def is_signature(lines: list[str]) -> bool:
    """A notice's signature (落款): short lines of names without punctuation over a date alone."""
    rows = [ln.strip() for ln in lines]
    return len(rows) >= 2 and bool(SIGNATURE_DATE.match(rows[-1])) and \
        all(0 < len(r) <= 40 and not SENTENCE_MARKS.search(r) for r in rows)


def join_parts(a: str, b: str) -> str:
    """Rejoin a sentence split by a page break."""
    sep = " " if a[-1:].isascii() and a[-1:].isalpha() and b[:1].isascii() and b[:1].isalpha() else ""
    return a + sep + b


def split_points(pid: str, text: str) -> tuple[Segment, ...]:
    """Cut a paragraph before each enumerator 一是/二是/…; ids pN-K."""
    starts = [m.start() for m in ENUMERATOR.finditer(text)]
    if not starts:
        return (Segment(pid, text),)
    segs = []
    if starts[0] > 0:
        segs.append(Segment(f"{pid}-0", text[: starts[0]]))
    bounds = starts + [len(text)]
    for k, (a, b) in enumerate(pairwise(bounds), start=1):
        segs.append(Segment(f"{pid}-{k}", text[a:b]))
    return tuple(segs)


def heading_level(line: str) -> int:
    """Number of leading # of a heading line (0 for body text)."""
    return len(line) - len(line.lstrip("#"))


def read_article(path: Path, config: ReaderConfig, problems: Problems, kind: str = "seed",
                 home: Path | None = None) -> Article | None:
    """Parse the seed into an Article; problems are recorded, None if it cannot be read (see decode_seed)."""
    text = decode_seed(path, problems, kind, home)
    if text is None:
        return None
    where = shown(path)
    title = subtitle = None
    stray: list[Block] = []
    intro: list[Block] = []
    sections: list[tuple[Block, list[Block]]] = []
    credits: list[Block] = []
    captions: list[Block] = []
    pcount = 0
    body_open = False  # the last block was a body paragraph that may continue

    for line_no, lines in split_blocks(text):
        first = lines[0]
        level = heading_level(first)
        content = " ".join(lines).lstrip("#").strip()
        if level and not content.lstrip("—－-").strip():
            problems.add(where, line_no, "an empty heading (a line of only '#')",
                         "write the heading, or remove the line")
            continue
        if level == 1 and title is None:
            title = Block("title", content, (line_no,))
            body_open = False
            continue
        if level == 2 and subtitle is None and not sections:
            subtitle = Block("subtitle", content.lstrip("—－-").strip(), (line_no,))
            body_open = False
            continue
        if level >= 1:
            sections.append((Block(f"s{len(sections) + 1}", content, (line_no,)), []))
            body_open = False
            continue
        joined = "".join(lines)
        if joined in config.stray:
            stray.append(Block(f"x{len(stray) + 1}", joined, (line_no,)))
            continue
        if credits or captions or (sections and any(first.startswith(r) for r in config.credit_roles)):
            if not captions and any(first.startswith(r) for r in config.credit_roles):
                for i, ln in enumerate(lines):
                    credits.append(Block(f"c{len(credits) + 1}", ln, (line_no + i,)))
            else:
                captions.append(Block(f"f{len(captions) + 1}", joined, (line_no,)))
            continue
        target = sections[-1][1] if sections else intro
        if is_signature(lines):  # its lines stay lines ("中共…委员会 / …人民政府 / 2025年1月15日"), never run on
            pcount += 1
            target.append(Block(f"p{pcount}", "\n".join(ln.strip() for ln in lines), (line_no,)))
            body_open = False
            continue
        if body_open and target and not ends_sentence(target[-1].text):
            prev = target[-1]
            merged = join_parts(prev.text, joined)
            target[-1] = Block(prev.id, merged, prev.lines + (line_no,), split_points(prev.id, merged))
        else:
            pcount += 1
            pid = f"p{pcount}"
            target.append(Block(pid, joined, (line_no,), split_points(pid, joined)))
        body_open = True

    if title is None:
        problems.add(where, 1, "the article has no title line (a line starting with '# ')")
        return None
    return Article(
        path=where,
        title=title,
        subtitle=subtitle,
        stray=tuple(stray),
        intro=tuple(intro),
        sections=tuple(Section(h.id, h, tuple(ps)) for h, ps in sections),
        credits=tuple(credits),
        captions=tuple(captions),
    )
