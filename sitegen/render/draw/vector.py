"""The one reader of SVG path data used by every picture, and the icons of templates/icons/ stroked with it.

``polylines`` reads a path's d attribute — M L H V C S Q T A Z, absolute and relative, numbers run together
as SVG allows ("6.1.9-4.4") — into polylines (curves and arcs flattened into 16 segments). The icons are
simple line drawings (24x24, stroked, round caps and joins), so Pillow draws them from these polylines,
4x supersampled; an icon with anything but <path d=…/> elements (a <circle>, a transform, a fill) is refused
(``icon_strokes``) so a picture never silently loses a part of it.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from PIL import Image, ImageDraw

from . import DrawError

NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
TOKEN = re.compile(r"([MmLlHhVvCcSsQqTtAaZz])|" + NUMBER.pattern)
ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}
STEPS = 16        # segments of a flattened curve or arc
SUPER = 4         # icons are stroked this much larger, then scaled down (antialiasing)

Point = tuple[float, float]


def arc_points(p0: Point, rx: float, ry: float, phi: float, large: bool, sweep: bool, p1: Point) -> list[Point]:
    """Points along an SVG elliptical arc (the endpoint-to-centre conversion of the SVG specification, F.6.5)."""
    if rx == 0 or ry == 0 or p0 == p1:
        return [p1]
    c, s = math.cos(math.radians(phi)), math.sin(math.radians(phi))
    dx, dy = (p0[0] - p1[0]) / 2, (p0[1] - p1[1]) / 2
    x1, y1 = c * dx + s * dy, -s * dx + c * dy
    rx, ry = abs(rx), abs(ry)
    lam = x1 ** 2 / rx ** 2 + y1 ** 2 / ry ** 2
    if lam > 1:
        rx, ry = rx * math.sqrt(lam), ry * math.sqrt(lam)
    num = rx ** 2 * ry ** 2 - rx ** 2 * y1 ** 2 - ry ** 2 * x1 ** 2
    den = rx ** 2 * y1 ** 2 + ry ** 2 * x1 ** 2
    k = math.sqrt(max(0.0, num / den)) * (-1 if large == sweep else 1)
    cx1, cy1 = k * rx * y1 / ry, -k * ry * x1 / rx
    cx = c * cx1 - s * cy1 + (p0[0] + p1[0]) / 2
    cy = s * cx1 + c * cy1 + (p0[1] + p1[1]) / 2

    def angle(ux, uy, vx, vy):
        return math.atan2(ux * vy - uy * vx, ux * vx + uy * vy)

    t0 = angle(1, 0, (x1 - cx1) / rx, (y1 - cy1) / ry)
    dt = angle((x1 - cx1) / rx, (y1 - cy1) / ry, (-x1 - cx1) / rx, (-y1 - cy1) / ry)
    if not sweep and dt > 0:
        dt -= 2 * math.pi
    elif sweep and dt < 0:
        dt += 2 * math.pi
    out = []
    for i in range(1, STEPS + 1):
        t = t0 + dt * i / STEPS
        out.append((cx + rx * math.cos(t) * c - ry * math.sin(t) * s, cy + rx * math.cos(t) * s + ry * math.sin(t) * c))
    return out


def bezier(p0: Point, p1: Point, p2: Point, p3: Point) -> list[Point]:
    """Points along a cubic Bézier curve."""
    out = []
    for i in range(1, STEPS + 1):
        t = i / STEPS
        u = 1 - t
        out.append(tuple(u ** 3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t ** 3 * d
                         for a, b, c, d in zip(p0, p1, p2, p3, strict=True)))
    return out


def quadratic(p0: Point, q: Point, end: Point) -> list[Point]:
    """A quadratic Bézier curve as points (as the cubic of the same curve)."""
    c1 = (p0[0] + 2 / 3 * (q[0] - p0[0]), p0[1] + 2 / 3 * (q[1] - p0[1]))
    c2 = (end[0] + 2 / 3 * (q[0] - end[0]), end[1] + 2 / 3 * (q[1] - end[1]))
    return bezier(p0, c1, c2, end)


def mirror(ctrl: Point | None, pos: Point) -> Point:
    """The first control point of a smooth curve (S, T): the last one's reflection, or the current point."""
    return (2 * pos[0] - ctrl[0], 2 * pos[1] - ctrl[1]) if ctrl else pos


def segment(up: str, v: list[float], pos: Point, o: Point, rel: bool, cubic: Point | None, quad: Point | None
            ) -> tuple[list[Point], Point | None, Point | None]:
    """The points of one drawing command (not M or Z) from pos, and the control points a following S or T
    mirrors; o is the origin of its numbers (pos when relative)."""
    ox, oy = o
    if up == "L":
        return [(ox + v[0], oy + v[1])], None, None
    if up == "H":
        return [((pos[0] if rel else 0) + v[0], pos[1])], None, None
    if up == "V":
        return [(pos[0], (pos[1] if rel else 0) + v[0])], None, None
    if up in ("C", "S"):
        c1 = (ox + v[0], oy + v[1]) if up == "C" else mirror(cubic, pos)
        c2, end = (ox + v[-4], oy + v[-3]), (ox + v[-2], oy + v[-1])
        return bezier(pos, c1, c2, end), c2, None
    if up in ("Q", "T"):
        q = (ox + v[0], oy + v[1]) if up == "Q" else mirror(quad, pos)
        end = (ox + v[-2], oy + v[-1])
        return quadratic(pos, q, end), None, q
    return arc_points(pos, v[0], v[1], v[2], bool(v[3]), bool(v[4]), (ox + v[5], oy + v[6])), None, None


def polylines(d: str) -> list[list[Point]]:
    """The polylines of one SVG path's d attribute (one per subpath; a closed one ends where it began)."""
    strokes: list[list[Point]] = []
    pos = start = (0.0, 0.0)
    cubic = quad = None
    cmd = ""
    tokens = [(m.group(1), m.group(0)) for m in TOKEN.finditer(d)]
    i = 0
    while i < len(tokens):
        if tokens[i][0]:
            cmd = tokens[i][0]
            i += 1
        if not cmd:
            raise DrawError(f"icon path {d!r}: a number before any command")
        n = ARGS[cmd.upper()]
        if n == 0:
            if strokes:
                strokes[-1].append(start)
            pos, cmd, cubic, quad = start, "", None, None
            continue
        args = tokens[i:i + n]
        if len(args) < n or any(a[0] for a in args):
            raise DrawError(f"icon path {d!r}: {cmd} needs {n} numbers")
        v = [float(a[1]) for a in args]
        i += n
        rel = cmd.islower()
        o = pos if rel else (0.0, 0.0)
        if cmd.upper() == "M":
            pos = start = (o[0] + v[0], o[1] + v[1])
            strokes.append([pos])
            cmd, cubic, quad = ("l" if rel else "L"), None, None     # numbers after a moveto are linetos
            continue
        if not strokes:
            strokes.append([pos])
        pts, cubic, quad = segment(cmd.upper(), v, pos, o, rel, cubic, quad)
        strokes[-1].extend(pts)
        pos = pts[-1]
    return strokes


VIEWBOX = re.compile(r'viewBox="\s*([-\d.]+)[\s,]+([-\d.]+)[\s,]+([-\d.]+)[\s,]+([-\d.]+)\s*"')
PATH = re.compile(r'<path\s+d="([^"]*)"')
STROKE_WIDTH = re.compile(r'stroke-width="([\d.]+)"')


@lru_cache(maxsize=64)
def icon_strokes(svg: str) -> tuple[tuple[float, float, float], tuple[tuple[Point, ...], ...]]:
    """An icon of templates/icons/ (24x24 stroked paths) as (viewBox x, y, size) and its polylines; anything but
    <path d=…/> elements in it is refused (DrawError), so a picture never silently loses a part of it."""
    box = VIEWBOX.search(svg)
    if not box:
        raise DrawError("icon: the SVG has no viewBox")
    body = re.sub(r"<svg\b[^>]*>|</svg>|<path\s+d=\"[^\"]*\"\s*/>|<title>[^<]*</title>|\s+", "", svg)
    if body:
        raise DrawError(f"icon: only <path d=…/> elements can be drawn on the share card, not {body[:60]!r}")
    strokes = tuple(tuple(line) for d in PATH.findall(svg) for line in polylines(d))
    if not strokes:
        raise DrawError("icon: the SVG has no path")
    x, y, w, h = (float(box.group(k)) for k in range(1, 5))
    return (x, y, max(w, h)), strokes


def stroke_width(svg: str) -> float:
    """The icon's own stroke width (its stroke-width attribute; SVG's default 2 for these icons)."""
    m = STROKE_WIDTH.search(svg)
    return float(m.group(1)) if m else 2.0


def icon_mask(svg: str, w: int, h: int, width: float) -> Image.Image:
    """The icon stroked into a w x h mask (L): lines `width` units of its viewBox wide with round joins (Pillow's
    curve joint) and a round cap at each end of every polyline, as stroke-linejoin and -linecap round draw them,
    antialiased by drawing SUPER times larger."""
    (vx, vy, vsize), strokes = icon_strokes(svg)
    layer = Image.new("L", (w * SUPER, h * SUPER), 0)
    draw = ImageDraw.Draw(layer)
    k = w * SUPER / vsize
    line_w = max(1, round(width * k))
    for line in strokes:
        pts = [((px - vx) * k, (py - vy) * k) for px, py in line]
        if len(pts) > 1:
            draw.line(pts, fill=255, width=line_w, joint="curve")
        for px, py in (pts[0], pts[-1]):    # round caps
            draw.ellipse((px - line_w / 2, py - line_w / 2, px + line_w / 2, py + line_w / 2), fill=255)
    return layer.resize((w, h), Image.Resampling.LANCZOS)


def paste_icon(image: Image.Image, svg: str, box: tuple[int, int, int, int], colour: str,
               width: float | None = None) -> None:
    """The icon stroked in colour into box of image (its own stroke width unless width is given)."""
    w, h = box[2] - box[0], box[3] - box[1]
    mask = icon_mask(svg, w, h, stroke_width(svg) if width is None else width)
    image.paste(Image.new("RGB", (w, h), colour), box[:2], mask)
