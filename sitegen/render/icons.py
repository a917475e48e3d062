"""Draw the stroke icons of templates/icons/*.svg with Pillow (no SVG library): their paths are flattened
to polylines (lines, cubic curves and arcs) and stroked with round caps and joins, 4x supersampled."""
from __future__ import annotations

import math
import re

from PIL import Image, ImageDraw

TOKEN = re.compile(r"[MmLlHhVvCcSsAaZz]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
PATH = re.compile(r'<path\b[^>]*\bd="([^"]+)"')
VIEWBOX = re.compile(r'viewBox="([-\d.\s]+)"')
ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "A": 7, "Z": 0}
SUPER = 4


class IconError(Exception):
    """An icon file uses SVG this small renderer does not draw."""


def _arc(p0: tuple, rx: float, ry: float, phi: float, large: bool, sweep: bool, p1: tuple) -> list[tuple]:
    """Points along an SVG elliptical arc (endpoint to centre parameterisation, SVG 1.1 F.6.5)."""
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
    for i in range(1, 17):
        t = t0 + dt * i / 16
        out.append((cx + rx * math.cos(t) * c - ry * math.sin(t) * s, cy + rx * math.cos(t) * s + ry * math.sin(t) * c))
    return out


def _cubic(p0: tuple, p1: tuple, p2: tuple, p3: tuple) -> list[tuple]:
    """Points along a cubic Bezier curve."""
    out = []
    for i in range(1, 17):
        t = i / 16
        u = 1 - t
        out.append(tuple(u ** 3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t ** 3 * d
                         for a, b, c, d in zip(p0, p1, p2, p3, strict=False)))
    return out


def flatten(d: str) -> list[list[tuple]]:
    """An SVG path's d attribute as polylines (one per subpath)."""
    tokens = TOKEN.findall(d)
    lines: list[list[tuple]] = []
    cur = start = (0.0, 0.0)
    ctrl = None
    i, cmd = 0, ""
    while i < len(tokens):
        if tokens[i].isalpha():
            cmd = tokens[i]
            i += 1
        elif not cmd:
            raise IconError(f"path data starts with a number: {d!r}")
        up, rel = cmd.upper(), cmd.islower()
        if up not in ARGS:
            raise IconError(f"path command {cmd!r} is not drawn")
        n = ARGS[up]
        vals = [float(x) for x in tokens[i:i + n]]
        if len(vals) < n:
            raise IconError(f"path command {cmd!r} lacks numbers: {d!r}")
        i += n
        ox, oy = cur if rel else (0.0, 0.0)
        if up == "M":
            cur = start = (ox + vals[0], oy + vals[1])
            lines.append([cur])
            cmd = "l" if rel else "L"   # further pairs after a moveto are linetos
            continue
        if not lines:
            lines.append([cur])
        if up == "Z":
            lines[-1].append(start)
            cur, ctrl = start, None
            if i < len(tokens) and not tokens[i].isalpha():
                raise IconError(f"numbers after z: {d!r}")
            continue
        if up == "L":
            pts = [(ox + vals[0], oy + vals[1])]
        elif up == "H":
            pts = [((ox if rel else 0) + vals[0], cur[1])]
        elif up == "V":
            pts = [(cur[0], (oy if rel else 0) + vals[0])]
        elif up == "C":
            c1, c2, end = (ox + vals[0], oy + vals[1]), (ox + vals[2], oy + vals[3]), (ox + vals[4], oy + vals[5])
            pts, ctrl = _cubic(cur, c1, c2, end), c2
        elif up == "S":
            c1 = (2 * cur[0] - ctrl[0], 2 * cur[1] - ctrl[1]) if ctrl else cur
            c2, end = (ox + vals[0], oy + vals[1]), (ox + vals[2], oy + vals[3])
            pts, ctrl = _cubic(cur, c1, c2, end), c2
        else:
            pts = _arc(cur, vals[0], vals[1], vals[2], bool(vals[3]), bool(vals[4]), (ox + vals[5], oy + vals[6]))
        if up not in "CS":
            ctrl = None
        lines[-1].extend(pts)
        cur = pts[-1]
    return lines


def draw_icon(svg: str, size: int, colour: str) -> Image.Image:
    """The icon as an RGBA image of size x size px, stroked in colour (the SVG's own stroke width)."""
    box = VIEWBOX.search(svg)
    vb = [float(x) for x in box.group(1).split()] if box else [0, 0, 24, 24]
    width = float(re.search(r'stroke-width="([\d.]+)"', svg).group(1)) if 'stroke-width="' in svg else 2.0
    big = size * SUPER
    k = big / vb[2]
    layer = Image.new("L", (big, big), 0)
    draw = ImageDraw.Draw(layer)
    w = max(1, round(width * k))
    for d in PATH.findall(svg):
        for line in flatten(d):
            pts = [((x - vb[0]) * k, (y - vb[1]) * k) for x, y in line]
            if len(pts) > 1:
                draw.line(pts, fill=255, width=w, joint="curve")
            for x, y in (pts[0], pts[-1]):    # round caps
                draw.ellipse((x - w / 2, y - w / 2, x + w / 2, y + w / 2), fill=255)
    mask = layer.resize((size, size), Image.LANCZOS)
    out = Image.new("RGBA", (size, size), colour)
    out.putalpha(mask)
    return out
