"""The site's shared assets (CSS, JS, icons, plotly.js), fingerprinted, and the article's photos."""
from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from ..read.paths import Paths
from ..render.draw.palette import GREY
from .cache import cached


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def sri(data: bytes) -> str:
    """A Subresource Integrity hash: on a script tag and in the CSP, it lets this one file run and no other."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


def report_css(report) -> str:
    """Star and area colours as classes (no inline styles: the pages keep a strict CSP)."""
    lines = ["/* generated from site_src: one hue per star, used for cards, icons, text and charts; grey for what "
             "belongs to no star */"]
    for s in report.content.stars:
        lines.append(f".g-{s.id} {{ --accent: {s.colour}; }}")
    for a in report.figures.areas:
        lines.append(f".g-{a['id']} {{ --accent: {GREY}; }}")
    return "\n".join(lines) + "\n"


def copy_photos(paths: Paths, report, stage: Path, fx) -> None:
    """The photos named in article.yml, shared by both languages: site/photos/ at the same relative path
    as in the content's photos/ (validated: inside it, images within the limits)."""
    for photo in report.content.photos:
        src = paths.content / "photos" / photo.file if photo.file else None
        if src and src.is_file():
            fx.copy(src, stage / "photos" / photo.file)


def make_touch_icon() -> bytes:
    from ..render.share import touch_icon  # Pillow is imported only when the cache lacks the icon

    return touch_icon()


def collect_assets(paths: Paths, report) -> dict[str, tuple[str, bytes]]:
    """Theme assets with content-hashed names: logical name -> (file name, bytes)."""
    a = paths.templates / "assets"
    files = {
        "site.css": (a / "site.css").read_bytes(),
        "charts.js": (a / "charts.js").read_bytes(),
        "search.js": (a / "search.js").read_bytes(),
        "site.js": (a / "site.js").read_bytes(),
        "touch-icon.png": cached(paths.cache_dir, "touch-icon", "v1", make_touch_icon),
        "favicon.svg": (a / "favicon.svg").read_bytes(),
        "plotly.js": next((a / "vendor").glob("plotly-*.min.js")).read_bytes(),
        "report.css": report_css(report).encode("utf-8"),
    }
    out = {}
    for name, data in files.items():
        stem, ext = name.rsplit(".", 1)
        out[name] = (f"{stem}.{fingerprint(data)}.{ext}", data)
    return out
