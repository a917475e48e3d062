"""A picture as a list of text runs and shapes, laid out once and then painted as PNG (Pillow) or written as SVG
(text as text): the two files of one picture are made from the same list, so they cannot disagree."""
from __future__ import annotations

import io
from dataclasses import dataclass
from html import escape

from PIL import Image, ImageDraw

from .fonts import PROPORTIONAL_QUOTES_FAMILY, face, for_text, has_cjk
from .palette import WHITE
from .vector import PATH, icon_strokes, paste_icon, stroke_width

FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
LATIN_FAMILY = f"{PROPORTIONAL_QUOTES_FAMILY}, Source Han Sans JP, {FONT_FAMILY}"
CARD_W, CARD_H = 1200, 630   # a link preview (Open Graph's 1.91:1): every share card and chart picture
CARD_BAND = 84               # the red band across the top of each, with the site's name
# A messenger that shows a link's card as a square thumbnail (WeChat, most chat apps) crops its centre: a share
# card keeps what it says (title, figures, emblem) inside the centred CARD_H x CARD_H square, x 285 to 915.
SQUARE_X0 = (CARD_W - CARD_H) // 2
SQUARE_X1 = SQUARE_X0 + CARD_H


@dataclass(frozen=True)
class Run:
    """One line of text on a picture, its left end on the baseline at (x, y)."""

    role: str
    text: str
    weight: str           # Bold / Regular
    size: int
    x: int
    y: int
    fill: str
    figure: str = ""      # the figure id when the run is (part of) a figure
    part: str = ""        # before, number, rest


@dataclass(frozen=True)
class Shape:
    """A filled rectangle (radius > 0: rounded), an icon of templates/icons/, a dot (a disc filling its box), a
    triangle pointing down from the top of its box (an arrowhead) or the QR code, with what it draws (its role, and
    the figure it stands for)."""

    kind: str             # rect, icon, dot, tri, qr
    box: tuple            # x0, y0, x1, y1 (x1 and y1 outside)
    fill: str = ""
    radius: int = 0
    name: str = ""        # icon name / QR url
    role: str = ""        # bar, track, segment, tile … (the SVG's class)
    figure: str = ""      # the figure id it draws
    stroke: float = 0     # an icon's stroke width in its own units (0: the icon's own)


def paint(runs: list[Run], shapes: list[Shape], size: tuple[int, int], icons: dict[str, str]) -> Image.Image:
    """The picture drawn on white: the shapes first, then the text runs."""
    from .qr import qr_png

    image = Image.new("RGB", size, WHITE)
    draw = ImageDraw.Draw(image)
    for s in shapes:
        x0, y0, x1, y1 = s.box
        if x1 <= x0 or y1 <= y0:  # nothing to paint (a bar of a zero value, a part rounded to no width)
            continue
        if s.kind == "rect":
            fill = s.fill[:7]
            if s.radius:
                draw.rounded_rectangle((x0, y0, x1 - 1, y1 - 1), radius=s.radius, fill=fill)
            else:
                draw.rectangle((x0, y0, x1 - 1, y1 - 1), fill=fill)
        elif s.kind == "icon":
            paste_icon(image, icons[s.name], s.box, s.fill, s.stroke or None)
        elif s.kind == "dot":
            draw.ellipse((x0, y0, x1 - 1, y1 - 1), fill=s.fill)
        elif s.kind == "tri":
            draw.polygon([(x0, y0), (x1 - 1, y0), ((x0 + x1 - 1) / 2, y1 - 1)], fill=s.fill)
        elif s.kind == "qr":
            code = Image.open(io.BytesIO(qr_png(s.name, scale=1))).convert("RGB")
            image.paste(code.resize((x1 - x0, y1 - y0), Image.NEAREST), (x0, y0))
    for r in runs:
        draw.text((r.x, r.y), r.text, font=for_text(face(r.weight, r.size), r.text), fill=r.fill, anchor="ls")
    return image


def png_bytes(image: Image.Image) -> bytes:
    """An image as an indexed-colour PNG: 256 colours hold the few inks and their anti-aliasing (a long image is
    190 KB instead of 630 KB: quicker to forward on a phone); the fast octree (median cut costs 5x the time for
    no visible difference), no dithering, no optimize pass; deterministic."""
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(out, format="PNG")
    return out.getvalue()


def _attrs(role: str, figure: str) -> str:
    return (f' class="{escape(role)}"' if role else "") + (f' data-figure="{escape(figure)}"' if figure else "")


def _symbol(name: str, svg: str) -> str:
    """An icon of templates/icons/ as a <symbol> of the picture (stroked in the colour of the <use> that shows it)."""
    (x, y, size), _ = icon_strokes(svg)   # refused here as on the PNG if it holds anything but paths
    paths = "".join(f'<path d="{escape(d)}"/>' for d in PATH.findall(svg))
    return (f'<symbol id="icon-{escape(name)}" viewBox="{x:g} {y:g} {size:g} {size:g}" fill="none" '
            f'stroke="currentColor" stroke-width="{stroke_width(svg):g}" stroke-linecap="round" '
            f'stroke-linejoin="round">{paths}</symbol>')


def _shape(s: Shape) -> str:
    x0, y0, x1, y1 = s.box
    a = _attrs(s.role, s.figure)
    if s.kind == "rect":
        radius = f' rx="{s.radius}"' if s.radius else ""
        return f'<rect{a} x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}"{radius} fill="{s.fill[:7]}"/>'
    if s.kind == "icon":
        return (f'<use{a} href="#icon-{escape(s.name)}" x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" '
                f'color="{s.fill}"/>')
    if s.kind == "dot":
        return f'<circle{a} cx="{(x0 + x1) / 2:g}" cy="{(y0 + y1) / 2:g}" r="{(x1 - x0) / 2:g}" fill="{s.fill}"/>'
    if s.kind == "tri":
        return f'<polygon{a} points="{x0},{y0} {x1},{y0} {(x0 + x1) / 2:g},{y1}" fill="{s.fill}"/>'
    raise ValueError(f"a {s.kind} shape has no SVG form")


def _span(r: Run) -> str:
    weight = ' font-weight="700"' if r.weight == "Bold" else ""
    # a line with no Chinese is set in the face whose quotes are not full width, as the PNG measures it (fonts.py)
    family = "" if has_cjk(r.text) else f' font-family="{LATIN_FAMILY}"'
    return f'font-size="{r.size}"{weight}{family} fill="{r.fill}"'


def _texts(runs: list[Run], spaced: bool) -> list[str]:
    """The runs as <text> elements; the pieces of one figure on one baseline (qualifier, number, unit) as one
    <text> of <tspan>s, so that its text is the figure as written ("more than 3,000 copies")."""
    out: list[str] = []
    i = 0
    while i < len(runs):
        r = runs[i]
        j = i + 1
        while r.figure and r.part and j < len(runs) and runs[j].figure == r.figure and runs[j].y == r.y \
                and runs[j].role == r.role and runs[j].part:
            j += 1
        a = _attrs(r.role, r.figure)
        if j == i + 1:
            out.append(f'<text{a} x="{r.x}" y="{r.y}" {_span(r)}>{escape(r.text)}</text>')
        else:
            sep = " " if spaced else ""
            spans = "".join(f'<tspan x="{p.x}" {_span(p)}>{escape(p.text)}{sep if k < j - 1 else ""}</tspan>'
                            for k, p in enumerate(runs[i:j], start=i))
            out.append(f'<text{a} y="{r.y}">{spans}</text>')
        i = j
    return out


def svg_document(runs: list[Run], shapes: list[Shape], size: tuple[int, int], title: str, icons: dict[str, str],
                 spaced: bool) -> str:
    """The picture as a standalone SVG: the same shapes and runs as paint() draws, the texts as text (searchable,
    copyable), each icon once as a <symbol> shown by a <use> per icon drawn."""
    w, h = size
    used = sorted({s.name for s in shapes if s.kind == "icon"})
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
           f'font-family="{FONT_FAMILY}"><title>{escape(title)}</title>']
    if used:
        out.append("<defs>" + "".join(_symbol(n, icons[n]) for n in used) + "</defs>")
    out.append(f'<rect width="{w}" height="{h}" fill="{WHITE}"/>')
    out += [_shape(s) for s in shapes]
    out += _texts(runs, spaced)
    out.append("</svg>")
    return "\n".join(out) + "\n"
