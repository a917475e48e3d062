"""The drawing every picture of the site is made with: Pillow and Noto Sans CJK, one module per concern.

- palette: the site's inks and how a colour is tinted or laid over white
- fonts: finding Noto Sans CJK SC, loading a face, refusing a character it cannot draw (no tofu)
- text: measuring, wrapping (Chinese between characters, English between words, a small kinsoku), balancing
  and cutting short a line
- vector: the one reader of SVG path data (M L H V C S Q T A Z, absolute and relative) and the stroking of the
  icons of templates/icons/
- canvas: a picture as text runs and shapes, painted as PNG or written as SVG from the same list
- qr, qrmask: QR codes (segno), with the mask chosen faster than segno chooses it

On it, each picture is a small module of render/: the share card (share.py), the chart picture (chartcard.py)
and the long image with its card (longimage.py). write/cache.py keys every cached picture by the modules its
drawing imports, so a change here redraws every picture that uses it.
"""
from __future__ import annotations


class DrawError(Exception):
    """A picture cannot be drawn (no font, a character the font lacks, an icon or argument it cannot draw)."""
