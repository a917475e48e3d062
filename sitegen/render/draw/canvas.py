"""A picture as a list of text runs and shapes, laid out once and then painted as PNG (Pillow)."""
from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw

from .fonts import face
from .palette import WHITE
from .vector import paste_icon

FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
CARD_W, CARD_H = 1200, 630   # a link preview (Open Graph's 1.91:1): every share card and chart picture
CARD_BAND = 84               # the red band across the top of each, with the site's name


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
    """A filled rectangle (radius > 0: rounded), an icon of templates/icons/, a dot (a disc filling its box) or
    the QR code, with what it draws (its role, and the figure it stands for)."""

    kind: str             # rect, icon, dot, qr
    box: tuple            # x0, y0, x1, y1 (x1 and y1 outside)
    fill: str = ""
    radius: int = 0
    name: str = ""        # icon name / QR url
    role: str = ""        # bar, track, segment, tile … (the SVG's class)
    figure: str = ""      # the figure id it draws


def paint(runs: list[Run], shapes: list[Shape], size: tuple[int, int], icons: dict[str, str]) -> Image.Image:
    """The picture drawn on white: the shapes first, then the text runs."""
    from .qr import qr_png

    image = Image.new("RGB", size, WHITE)
    draw = ImageDraw.Draw(image)
    for s in shapes:
        x0, y0, x1, y1 = s.box
        if s.kind == "rect":
            fill = s.fill[:7]
            if s.radius:
                draw.rounded_rectangle((x0, y0, x1 - 1, y1 - 1), radius=s.radius, fill=fill)
            else:
                draw.rectangle((x0, y0, x1 - 1, y1 - 1), fill=fill)
        elif s.kind == "icon":
            paste_icon(image, icons[s.name], s.box, s.fill)
        elif s.kind == "dot":
            draw.ellipse((x0, y0, x1 - 1, y1 - 1), fill=s.fill)
        elif s.kind == "qr":
            code = Image.open(io.BytesIO(qr_png(s.name, scale=1))).convert("RGB")
            image.paste(code.resize((x1 - x0, y1 - y0), Image.NEAREST), (x0, y0))
    for r in runs:
        draw.text((r.x, r.y), r.text, font=face(r.weight, r.size), fill=r.fill, anchor="ls")
    return image


def png_bytes(image: Image.Image) -> bytes:
    """An image as an indexed-colour PNG: 256 colours hold the few inks and their anti-aliasing (a long image is
    190 KB instead of 630 KB: quicker to forward on a phone); the fast octree (median cut costs 5x the time for
    no visible difference), no dithering, no optimize pass; deterministic."""
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(out, format="PNG")
    return out.getvalue()
