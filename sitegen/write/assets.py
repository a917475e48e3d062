"""The site's shared assets (CSS, JS, icons, plotly.js), fingerprinted, and the article's photos."""
from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from ..read.files import Unsafe, read_bytes
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
    as in the content's photos/ (validated: inside it, images within the limits), without their metadata
    (render/metadata.py: no EXIF, GPS, XMP or comments; the compressed image as it is)."""
    from ..render.metadata import stripped

    folder = paths.content / "photos"
    for photo in report.content.photos:
        if not photo.file:
            continue
        try:
            data = read_bytes(folder / photo.file, "photo", folder)
        except FileNotFoundError:  # a warning of check_photos: its caption is left out or listed in a note
            continue
        try:
            data = stripped(data)
        except ValueError as e:  # checked as an image: only a file replaced during the build gets here
            raise Unsafe(folder / photo.file, f"photo cannot be published: {e}") from None
        fx.write(stage / "photos" / photo.file, data)


def make_touch_icon() -> bytes:
    from ..render.share import touch_icon  # Pillow is imported only when the cache lacks the icon

    return touch_icon()


def collect_assets(paths: Paths, report) -> dict[str, tuple[str, bytes]]:
    """Theme assets with content-hashed names: logical name -> (file name, bytes)."""
    a = paths.templates / "assets"

    def asset(path: Path) -> bytes:  # a regular file of templates/, never a link out of it (read/files.py)
        return read_bytes(path, "asset", paths.templates)

    files = {
        "site.css": asset(a / "site.css"),
        "charts.js": asset(a / "charts.js"),
        "search.js": asset(a / "search.js"),
        "site.js": asset(a / "site.js"),
        "touch-icon.png": cached(paths.cache_dir, "touch-icon", "v1", make_touch_icon),
        "favicon.svg": asset(a / "favicon.svg"),
        "plotly.js": asset(next((a / "vendor").glob("plotly-*.min.js"))),
        "report.css": report_css(report).encode("utf-8"),
    }
    out = {}
    for name, data in files.items():
        stem, ext = name.rsplit(".", 1)
        out[name] = (f"{stem}.{fingerprint(data)}.{ext}", data)
    return out
