"""Noto Sans CJK SC (the Debian package fonts-noto-cjk): found on the machine, loaded once per size, and asked
which characters it cannot draw, so no picture ever shows tofu. It has Latin too, so a Chinese and an English
picture look alike. Drawn with Pillow's basic layout engine: one glyph per character, the same on every machine.
"""
from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont

from . import DrawError

FONT_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC")
FONT_FILES = ("NotoSansCJK", "NotoSansSC", "NotoSansCJKsc")
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
             Path.home() / ".local/share/fonts", Path.home() / ".fonts")
DEBIAN_PACKAGE = "fonts-noto-cjk"
WEIGHTS = ("Bold", "Regular")
EM_TOP, EM_BOTTOM = 0.88, 0.12   # ideographic em box of Noto Sans CJK around the baseline
DIGIT_TOP = 0.74                 # height of Noto's digits (and capitals) above the baseline

# The layout engine that draws the pictures and that glyphs_missing checks against: one glyph per
# character, no shaping differences between machines.
LAYOUT = ImageFont.Layout.BASIC


def _face_count(path: Path) -> int:
    """Number of faces in a font file (a .ttc collection has several; others have one)."""
    with open(path, "rb") as fh:
        head = fh.read(12)
    if head[:4] == b"ttcf":
        return int.from_bytes(head[8:12], "big")
    return 1


@cache
def _find_cjk_font(weight: str, dirs: tuple[Path, ...]) -> tuple[Path, int]:
    candidates: list[Path] = []
    for folder in dirs:
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            if (path.suffix.lower() in (".ttc", ".otc", ".otf", ".ttf")
                    and path.name.startswith(FONT_FILES) and path.is_file()):
                candidates.append(path)
    # files named after the weight first, then by name: the choice does not depend on rglob order
    candidates.sort(key=lambda p: (weight.lower() not in p.stem.lower(), "Mono" in p.name, str(p)))
    for path in candidates:
        try:
            faces = _face_count(path)
        except OSError:
            continue
        for index in range(faces):
            try:
                family, style = ImageFont.truetype(str(path), 12, index=index).getname()
            except OSError:
                break
            if family in FONT_FAMILIES and (style or "").lower() == weight.lower():
                return path, index
    where = ", ".join(str(d) for d in dirs) or "(no folders)"
    raise DrawError(
        f"no Simplified Chinese font (Noto Sans CJK SC {weight}) found in {where}; "
        f"install the Debian package {DEBIAN_PACKAGE} (apt-get install {DEBIAN_PACKAGE})")


def find_cjk_font(weight: str = "Bold", search_dirs: list[Path] | tuple[Path, ...] | None = None
                  ) -> tuple[Path, int]:
    """(path, face index) of a Simplified-Chinese-capable font (Noto Sans CJK SC from
    fonts-noto-cjk); raise DrawError naming the Debian package fonts-noto-cjk when none.

    ``search_dirs`` replaces the usual font folders (/usr/share/fonts, ...), searched recursively.
    """
    dirs = FONT_DIRS if search_dirs is None else tuple(Path(d) for d in search_dirs)
    return _find_cjk_font(weight, dirs)


@lru_cache(maxsize=24)  # FreeType maps the whole file for each (20 MB of Noto Sans CJK): at most 480 MB at once
def font(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    """One face of a font file at one size (kept while it is among the 24 last used; loading one takes 1 ms).
    Nothing else keeps a font: text.py remembers its measures by the font's key (limits.MEMORY_CAP)."""
    return ImageFont.truetype(path, size, index=index, layout_engine=LAYOUT)


def face(weight: str, size: int) -> ImageFont.FreeTypeFont:
    """Noto Sans CJK SC of a weight (Bold, Regular) at a size."""
    path, index = find_cjk_font(weight)
    return font(str(path), index, size)


# Noto Sans CJK sets the Western quotes full width in its Chinese face and proportional in its Japanese
# one (same Latin letters otherwise): a line with no Chinese in it is drawn with the latter, as a browser
# draws an English page's quotes with a Western font.
PROPORTIONAL_QUOTES_FAMILY = "Noto Sans CJK JP"


def has_cjk(text: str) -> bool:
    """Whether text holds a CJK character or full-width mark (from U+2E80 up)."""
    return any(ord(c) >= 0x2E80 for c in text)


@cache
def _proportional_face(path: str, index: int) -> int:
    """Index of the face of the same collection whose Western punctuation is proportional (index itself
    when the file has none)."""
    try:
        faces = _face_count(Path(path))
        style = ImageFont.truetype(path, 12, index=index).getname()[1]
        for i in range(faces):
            if ImageFont.truetype(path, 12, index=i).getname() == (PROPORTIONAL_QUOTES_FAMILY, style):
                return i
    except OSError:
        pass
    return index


def for_text(f: ImageFont.FreeTypeFont, text: str) -> ImageFont.FreeTypeFont:
    """The face that sets text: f, or for text with no CJK in it f's face with proportional quotes."""
    if has_cjk(text) or not isinstance(getattr(f, "path", None), str):
        return f
    index = _proportional_face(f.path, f.index)
    return f if index == f.index else font(f.path, index, f.size)


def _glyph_signature(f: ImageFont.FreeTypeFont, char: str) -> tuple:
    mask = f.getmask(char, mode="L")
    return mask.size, bytes(mask), f.getlength(char)


@lru_cache(maxsize=16)
def _notdef_signature(path: str, index: int) -> tuple:
    # U+10FFFF is a noncharacter: no font maps it, so it is drawn with the font's .notdef glyph.
    return _glyph_signature(font(path, index, 48), "\U0010FFFF")


@lru_cache(maxsize=65536)
def _is_notdef(path: str, index: int, char: str) -> bool:
    """Whether the font draws char as its .notdef box; remembered per character: a build checks the same few
    thousand characters on every card and long image."""
    return _glyph_signature(font(path, index, 48), char) == _notdef_signature(path, index)


def glyphs_missing(text: str, font_path: Path, index: int) -> list[str]:
    """Characters of text that the font cannot draw (its .notdef box), so builds and tests can
    refuse tofu. Each character is listed once, in order of appearance; control characters (line
    breaks, tabs) are never drawn and never listed."""
    path = str(font_path)
    missing: list[str] = []
    seen: set[str] = set()
    for char in text:
        if char in seen or unicodedata.category(char) == "Cc":
            continue
        seen.add(char)
        if _is_notdef(path, index, char):
            missing.append(char)
    return missing


_DRAWABLE: dict[str, set] = {}   # characters known to be in the font, by weight (checking one renders it)


def texts_missing(texts: list[tuple[str, str]], picture: str) -> list[str]:
    """For the (text, weight) pairs of a picture, one message per text with characters the font cannot draw
    ("the long image's font cannot draw U+1F600 (in '…')"); none when all can be drawn. All characters are
    checked at once first and remembered, so a second picture of the same texts costs nothing."""
    by_weight: dict[str, set] = {}
    for text, weight in texts:
        by_weight.setdefault(weight, set()).update(text)
    if not any(glyphs_missing("".join(sorted(chars - _DRAWABLE.get(w, set()))), *find_cjk_font(w))
               for w, chars in by_weight.items()):
        for w, chars in by_weight.items():   # every character drawable: remembered, a second check is free
            _DRAWABLE.setdefault(w, set()).update(chars)
        return []
    out = []
    for text, weight in texts:
        missing = glyphs_missing(text, *find_cjk_font(weight))
        if missing:
            chars = ", ".join(f"U+{ord(ch):04X}" for ch in missing)
            out.append(f"{picture} font cannot draw {chars} (in {text!r})")
    return out
