"""The theme's icons (templates/icons/*.svg) and the icon a figure is drawn with.

A figure's pictograms (an icon array: one icon per thing counted), its tile and its pictograms on the long image show
what it counts: the icon figures.yml names for it (`icon`), else one its meaning gives — its role (a target, a rank,
a change), its unit as written (户 and 村 a home, 份 and 篇 a document, 座 and 所 a building, 种 a grid of kinds),
the kind of thing the unit counts (people a person, events a calendar) or what it measures (money a coin) — else
none: a neutral dot in an icon array, no icon on a tile. A star's own icon (report.yml) stands for the star, never
for what a figure counts. The tables are the language's measure words, not facts of a report; a report names the
icon of a figure they do not fit (a meeting, a problem solved, a training class).
"""
from __future__ import annotations

from pathlib import Path

from .numbers import STYLES
from .units import parse_unit

ICON_DIR = Path(__file__).resolve().parent.parent / "templates" / "icons"
BY_ROLE = {"target": "target", "threshold": "target", "rank": "award", "change": "trend"}
BY_UNIT = {**dict.fromkeys("户村家", "home"), **dict.fromkeys("份篇本册张封", "document"),
           **dict.fromkeys("座栋幢间所处", "building"), **dict.fromkeys("种类", "grid")}
BY_KIND = {"people": "person", "person_times": "person", "households": "home", "events": "calendar"}
BY_DIMENSION = {"money": "coin", "money_usd": "coin"}


def icon_names(folder: Path = ICON_DIR) -> set[str]:
    """The names of the theme's icons: the stems of templates/icons/*.svg."""
    return {p.stem for p in folder.glob("*.svg")}


def default_icon(f) -> str:
    """The icon a figure's meaning gives (its role, its unit as written, the kind of thing its unit counts, what it
    measures), '' for none."""
    parsed = parse_unit(f.unit)   # 万元 -> 10⁴ × 元; a report's own measure word: by its kind alone
    style = STYLES.get(f.style)
    dimension = parsed.base.dimension if parsed else style.dimension if style is not None else ""
    return (BY_ROLE.get(getattr(f, "role", "result")) or BY_UNIT.get(parsed.base.zh if parsed else f.unit)
            or BY_KIND.get(parsed.base.kind if parsed else f.kind) or BY_DIMENSION.get(dimension, ""))


def icon_of(f) -> str:
    """The icon a figure is drawn with: the one figures.yml names, else its default ('' for none)."""
    return getattr(f, "icon", "") or default_icon(f)
