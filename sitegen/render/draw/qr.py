"""The QR code of a page's address (segno, error correction M, quiet zone 2 modules): as inline SVG for the page
(role="img" with a <title>, a viewBox and no fixed size, no ids) and as PNG for the pictures."""
from __future__ import annotations

import io
import re

import segno

from . import DrawError
from .palette import INK, WHITE
from .qrmask import best_mask


def _qr(url: str) -> segno.QRCode:
    if not url or not url.strip():
        raise DrawError("QR code: the URL is empty")
    options = {"error": "m", "boost_error": False, "micro": False}
    return segno.make(url, mask=best_mask(url, **options), **options)  # the mask segno would choose, found faster


def qr_svg(url: str, *, title: str) -> str:
    """An inline SVG QR code of the URL (error correction M, border 2, dark #1f1f1f on white, so
    it still scans on a dark page): role="img" with a <title>, a viewBox and no fixed size (CSS
    sizes it), no XML declaration, no ids; the same URL always gives the same text."""
    if not title or not title.strip():
        raise DrawError("QR code: the SVG needs a title (its accessible name)")
    svg = _qr(url).svg_inline(dark=INK, light=WHITE, border=2, title=title, omitsize=True,
                              svgclass="qr", lineclass=None)
    head, body = svg.split(">", 1)          # the <svg ...> start tag, then <title> and the paths
    head = re.sub(r'\s(?:width|height|id)="[^"]*"', "", head)
    return head.replace("<svg", '<svg role="img" shape-rendering="crispEdges"', 1) + ">" + body


def qr_png(url: str, scale: int = 8) -> bytes:
    """The same QR code as a PNG (``scale`` pixels per module)."""
    if not isinstance(scale, int) or scale < 1:
        raise DrawError(f"QR code: scale must be a positive whole number, not {scale!r}")
    out = io.BytesIO()
    _qr(url).save(out, kind="png", scale=scale, border=2, dark=INK, light=WHITE)
    return out.getvalue()
