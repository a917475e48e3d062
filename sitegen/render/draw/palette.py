"""The inks of the pictures (the site's own: official red, ink, muted text) and colour arithmetic."""
from __future__ import annotations

import re

BAND_RED = "#b3261e"        # the restrained official red of the top band
INK = "#1f1f1f"             # titles, text and QR modules
MUTED = "#555555"           # secondary text on the share cards (7.4:1 on white)
RULE = "#e4e0dc"            # hairlines
WHITE = "#ffffff"
TRACK = "#ece8e3"           # the empty part of a bar
GREY = "#595959"            # a figure of no star (an area of the report)
HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def rgb(colour: str) -> tuple[int, int, int]:
    """#RRGGBB as numbers."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def tint(colour: str, amount: float) -> str:
    """The colour mixed with white (amount 0 = white, 1 = the colour)."""
    return "#" + "".join(f"{round(255 - (255 - c) * amount):02x}" for c in rgb(colour))
