"""What the site publishes of a photo: its image, never its metadata.

A camera or a phone writes into the file where and when the picture was taken (EXIF, with its GPS position),
the camera and its owner, editing software's history (XMP, IPTC), comments, and often a second, full-size image
(a JPEG's Multi-Picture Format, or bytes after its end). None of it is the photo a reader sees, and some of it is
private; so the published file keeps only what draws the image: the compressed pixels, exactly as they are (no
re-encoding, no loss), the colour profile and, where the camera turned the picture by a tag rather than its
pixels, that one orientation tag in an EXIF block of its own. Pure: bytes in, bytes out.
"""
from __future__ import annotations

import io
import struct

ORIENTATION = 0x0112


def orientation(data: bytes) -> int:
    """The EXIF orientation of an image (1: as stored; anything unreadable counts as 1)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as img:
            value = img.getexif().get(ORIENTATION, 1)
    except Exception:  # noqa: BLE001 — a tag Pillow cannot read is no orientation
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def orientation_exif(value: int) -> bytes:
    """An EXIF block ('Exif\\0\\0' and its TIFF data) holding the orientation tag alone."""
    from PIL import Image

    exif = Image.Exif()
    exif[ORIENTATION] = value
    return exif.tobytes()


def stripped(data: bytes) -> bytes:
    """The photo without its metadata (JPEG, PNG or WebP, as read/photos.py admits them)."""
    if data.startswith(b"\xff\xd8"):
        return jpeg_stripped(data)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return png_stripped(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return webp_stripped(data)
    raise ValueError("not a JPEG, PNG or WebP image")


# JPEG: APP0 (JFIF), an ICC profile in APP2 and Adobe's APP14 (how the colours are coded) are kept; every other
# APPn (EXIF and XMP in APP1, MPF in APP2, IPTC in APP13, makers' own) and COM are dropped.
def jpeg_keeps(marker: int, body: bytes) -> bool:
    if marker == 0xFE or 0xE1 <= marker <= 0xEF and marker not in (0xE2, 0xEE):
        return False
    if marker == 0xE2:
        return body.startswith(b"ICC_PROFILE\0")
    if marker == 0xEE:
        return body.startswith(b"Adobe")
    return True


def jpeg_stripped(data: bytes) -> bytes:
    """The JPEG's segments that draw the image, up to its first end of image (what follows is dropped)."""
    out = [b"\xff\xd8"]
    turned = orientation(data)
    if turned != 1:
        exif = orientation_exif(turned)
        out.append(b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif)
    i, n = 2, len(data)
    while i < n:
        if data[i] != 0xFF:
            raise ValueError(f"JPEG: no marker at byte {i}")
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0xD9:  # end of image
            out.append(b"\xff\xd9")
            return b"".join(out)
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # markers without a length
            out.append(data[i:i + 2])
            i += 2
            continue
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        end = i + 2 + length
        if marker == 0xDA:  # start of scan: the compressed data runs to the next marker that is not a restart
            end = scan_end(data, end)
        elif jpeg_keeps(marker, data[i + 4:end]):
            pass
        else:
            i = end
            continue
        out.append(data[i:end])
        i = end
    raise ValueError("JPEG: no end of image")


def scan_end(data: bytes, i: int) -> int:
    """Where the entropy-coded data that starts at i ends: at the first 0xFF followed by neither 0x00 (a stuffed
    byte) nor a restart marker."""
    while True:
        i = data.find(b"\xff", i)
        if i < 0 or i + 1 >= len(data):
            raise ValueError("JPEG: the image data never ends")
        nxt = data[i + 1]
        if nxt == 0x00 or 0xD0 <= nxt <= 0xD7 or nxt == 0xFF:
            i += 1 if nxt == 0xFF else 2
            continue
        return i


# PNG: the chunks that draw the image (and an animation's); text (tEXt, zTXt, iTXt), eXIf and tIME are dropped.
PNG_KEEP = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB", b"cICP",
            b"pHYs", b"bKGD", b"acTL", b"fcTL", b"fdAT"}


def png_stripped(data: bytes) -> bytes:
    out, i = [data[:8]], 8
    while i + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[i:i + 8])
        end = i + 12 + length
        if kind in PNG_KEEP:
            out.append(data[i:end])
        if kind == b"IEND":
            return b"".join(out)
        i = end
    raise ValueError("PNG: no IEND chunk")


# WebP: the image (VP8, VP8L, ALPH), an animation (ANIM, ANMF) and the colour profile (ICCP); EXIF and XMP are
# dropped (an orientation kept as an EXIF chunk of its own) and VP8X's flags say what is left.
WEBP_KEEP = {b"VP8X", b"VP8 ", b"VP8L", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
EXIF_FLAG, XMP_FLAG = 0x08, 0x04


def webp_stripped(data: bytes) -> bytes:
    chunks, i = [], 12
    while i + 8 <= len(data):
        kind, length = data[i:i + 4], struct.unpack("<I", data[i + 4:i + 8])[0]
        end = i + 8 + length + (length & 1)
        if kind in WEBP_KEEP:
            chunks.append(bytearray(data[i:end]))
        i = end
    turned = orientation(data)
    if chunks and chunks[0][:4] == b"VP8X":
        chunks[0][8] &= 0xFF ^ (EXIF_FLAG | XMP_FLAG)
        if turned != 1:
            exif = orientation_exif(turned)[6:]  # a WebP EXIF chunk holds the TIFF data alone
            chunks[0][8] |= EXIF_FLAG
            chunks.append(bytearray(b"EXIF" + struct.pack("<I", len(exif)) + exif + b"\0" * (len(exif) & 1)))
    body = b"WEBP" + b"".join(bytes(c) for c in chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body
