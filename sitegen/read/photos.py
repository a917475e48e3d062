"""Photos: image files from the content folder's photos/ only, checked from their bytes before they are
published (site/photos/, at the same relative path).

Limits, for a report read on phones: a photo is shown at most about 800 CSS px wide (1600 px on a 2x
screen), so 8000 px a side and 40 megapixels leave room for any camera's normal output while keeping a
page's pictures downloadable on a mobile connection (10 MB a file) and bounded in memory for anything
that decodes them (40 MP is 160 MB as RGBA). Only the header is read to learn the size: a
decompression bomb (a tiny file that claims 20000 x 20000 pixels) is refused before any pixel is decoded.
"""
from __future__ import annotations

import io
import os
import warnings
from pathlib import Path, PurePosixPath

MAX_SIDE = 8000
MAX_PIXELS = 40_000_000
MAX_BYTES = 10 * 1024 * 1024
FORMATS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",)}  # what every browser shows
EXPORT_HINT = "export it for the web, e.g. 2000 px on its long side, as JPEG, PNG or WebP"


def photo_path(folder: Path, name: str) -> tuple[Path | None, str]:
    """(the file inside folder that name denotes, '') or (None, why it is refused): relative, no '..',
    no link that leads out of folder."""
    pure = PurePosixPath(name)
    if not name or name.startswith("/") or "\\" in name or pure.is_absolute() or ":" in pure.parts[0]:
        return None, "must be a path relative to the photos folder"
    if ".." in pure.parts or any(part.startswith(".") for part in pure.parts):
        return None, "must not contain '..' or hidden names"
    target = folder / pure
    if not target.exists():
        return target, ""
    if folder.resolve() not in target.resolve().parents:
        return None, "is a link to a file outside the photos folder"
    return target, ""


def image_problem(f: Path, home: Path | None = None) -> str:
    """'' when f is a JPEG, PNG or WebP image within the limits (read from its bytes: a regular file inside home,
    if given, read/files.py), else what is wrong."""
    from PIL import Image, UnidentifiedImageError

    from .files import Unsafe, read_bytes

    try:
        size = os.stat(f).st_size
        if size > MAX_BYTES:
            return (f"is {size / 1024 / 1024:.1f} MB, more than the {MAX_BYTES // 1024 // 1024} MB a page's photo "
                    "may have")
        data = read_bytes(f, "photo", home)
    except Unsafe as e:  # a FIFO, a device, a link out of the photos folder, a folder: "photo is …"
        return e.message.removeprefix("photo ")
    except OSError:
        return "is not a file"
    # Pillow's own bomb check is off while only the header is read, so that a bomb is named by its size;
    # the size is checked below before anything else reads the file
    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:  # reads the header only
                fmt, (w, h) = img.format, img.size
                if w > MAX_SIDE or h > MAX_SIDE or w * h > MAX_PIXELS:
                    return (f"is {w} x {h} pixels: more than {MAX_SIDE} px a side or "
                            f"{MAX_PIXELS // 1_000_000} megapixels")
                if fmt not in FORMATS:
                    return f"is a {fmt} image, not JPEG, PNG or WebP"
                img.verify()  # the file's structure (PNG checksums, chunks) without decoding the pixels
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"claims more than {MAX_PIXELS // 1_000_000} megapixels (a decompression bomb?)"
    except UnidentifiedImageError:
        return "is not an image (its bytes are not JPEG, PNG or WebP, whatever its name says)"
    except (OSError, SyntaxError, ValueError) as e:  # Pillow reports a damaged file with these
        return f"is a damaged image ({e})"
    finally:
        Image.MAX_IMAGE_PIXELS = limit
    if os.path.splitext(f.name)[1].lower() not in FORMATS[fmt]:
        return f"is a {fmt} image with the extension {os.path.splitext(f.name)[1] or '(none)'}"
    return ""
