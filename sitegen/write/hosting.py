"""What static hosts read besides the pages: a `_headers` file and precompressed `.gz` copies.

`_headers` is the Netlify / Cloudflare Pages format: a path pattern, then indented `Name: value`
lines. It carries what a `<meta>` Content-Security-Policy cannot (frame-ancestors, nosniff, the
referrer policy) and the caching: content-hashed `/assets/*` for a year, pages for five minutes. The
guides give the same rules for nginx and Caddy. Each text file gets a gzip -9 copy beside it
(`index.html.gz`), made deterministically (no name, mtime 0), so two builds are identical in bytes and
a host (nginx `gzip_static`, Caddy `precompressed`) serves it without compressing on the fly.
"""
from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

TEXT_TYPES = (".html", ".css", ".js", ".svg", ".xml", ".json", ".txt", ".csv")
SECURITY = ("Content-Security-Policy: frame-ancestors 'none'", "X-Frame-Options: DENY",
            "X-Content-Type-Options: nosniff", "Referrer-Policy: strict-origin-when-cross-origin")
LONG_CACHE = "Cache-Control: public, max-age=31536000, immutable"
SHORT_CACHE = "Cache-Control: public, max-age=300, must-revalidate"
BIG = 64 * 1024  # bytes: larger files are compressed once and kept in .cache/ (smaller ones are quicker to redo)


def headers_file(top_level: list[str]) -> str:
    """_headers for a site whose top level holds these folders and files (assets/ is content-hashed)."""
    rules = [("/*", SECURITY), ("/assets/*", (LONG_CACHE,))]
    # pages and everything else get the short cache; listed one by one so that no rule for a page also
    # matches /assets/* (hosts join the values of two matching rules)
    for name in sorted(top_level):
        if name == "assets":
            continue
        rules.append((f"/{name}/*" if "." not in name else f"/{name}", (SHORT_CACHE,)))
    rules.append(("/", (SHORT_CACHE,)))
    lines = ["# Written by the build (sitegen/write/hosting.py) for Netlify and Cloudflare Pages; nginx and Caddy:",
             "# see the editors' guide, \"Publishing\"."]
    for path, headers in rules:
        lines.append(path)
        lines += [f"  {h}" for h in headers]
    return "\n".join(lines) + "\n"


def gzip_bytes(data: bytes) -> bytes:
    """gzip -9 with no file name and mtime 0: the same input always gives the same bytes."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def precompress(folder: Path, fx, cached=None) -> int:
    """A .gz beside every text file under folder (written by fx, the build's Effects); returns how many.
    cached(kind, key, make) reuses
    earlier results (plotly.js alone takes a tenth of a second to compress)."""
    n = 0
    for f in sorted(folder.rglob("*")):
        if not f.is_file() or f.suffix.lower() not in TEXT_TYPES:
            continue
        data = f.read_bytes()
        if cached is None or len(data) < BIG:
            packed = gzip_bytes(data)
        else:
            packed = cached("gzip", hashlib.sha256(data).hexdigest(), lambda data=data: gzip_bytes(data))
        fx.write(f.with_name(f.name + ".gz"), packed)
        n += 1
    return n
