"""A content-addressed cache of expensive generated things under .cache/: share images, chart specs,
QR codes, and each language's MkDocs output and search index (so that an edit to one language rebuilds
only that language)."""
from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import re
import zipfile
from importlib.util import find_spec
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent  # sitegen/
# The code that draws each small cached kind, and the libraries it draws with: part of every entry's
# key, so a change to how a thing is drawn (a colour in draw/palette.py, a margin in charts.py, a line height
# in numbers.py, a new Pillow) is never hidden by an entry made by the old code. Named here are the
# modules that draw; every sitegen module they import, directly or not, counts too (producer_files).
# (The per-language pages and search indexes carry the whole generator's code in their keys already:
# write/languages.py: code_key.)
PRODUCERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "share": (("render/share.py",), ("PIL",)),
    "touch-icon": (("render/share.py",), ("PIL",)),
    "qr": (("render/draw/qr.py",), ("segno", "PIL")),
    "chart": (("render/charts.py", "numbers.py"), ("plotly",)),
    "chart-png": (("render/chartcard.py",), ("PIL",)),
    "chart-svg": (("render/chartcard.py",), ("PIL",)),
    "chart-card": (("render/cards.py",), ("PIL",)),
    "home-card": (("render/cards.py",), ("PIL",)),
    "root-card": (("render/cards.py",), ("PIL",)),
    "explainer": (("render/longimage.py",), ("PIL", "segno")),
    "explainer-card": (("render/longcard.py",), ("PIL",)),
    "explainer-size": (("render/longimage.py",), ("PIL",)),
    "explainer-runs": (("render/longimage.py",), ("PIL",)),
}


@functools.cache
def library_stamp(name: str) -> str:
    """Which version of a library is installed, without importing it: its package file's path, size and
    time, which change with every install."""
    spec = find_spec(name)
    if spec is None or not spec.origin:
        return f"{name}-missing"
    st = os.stat(spec.origin)
    return f"{spec.origin}:{st.st_size}:{st.st_mtime_ns}"


IMPORT = re.compile(r"^\s*from (\.+)([\w.]*) import ([\w, ()]+)", re.M)


def sitegen_imports(name: str, root: Path = HERE) -> set[str]:
    """The sitegen modules (paths relative to root, e.g. 'numbers.py') that module `name` imports, at its top or
    inside a function (relative imports: the only kind sitegen uses for itself). `from .draw import fonts` imports
    the package draw (its __init__.py) and its module fonts.py; `from .draw.fonts import face` the module alone."""
    here = Path(name).parent.parts
    out = set()
    for dots, module, names in IMPORT.findall((root / name).read_text(encoding="utf-8")):
        base = list(here[: len(here) - (len(dots) - 1)])
        source = base + module.split(".") if module else base
        targets = [source] + [source + [n.split()[0]] for n in names.strip("()").split(",") if n.strip()]
        for parts in targets:
            path = Path(*parts)
            for candidate in (path.with_suffix(".py"), path / "__init__.py"):
                if (root / candidate).is_file():
                    out.add(candidate.as_posix())
                    break
    return out


def producer_files(kind: str, root: Path = HERE) -> list[str]:
    """The modules that draw one cached kind and every sitegen module they import, directly or not."""
    todo, seen = list(PRODUCERS[kind][0]), set()
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += sorted(sitegen_imports(name, root) - seen)
    return sorted(seen)


@functools.cache
def producer_key(kind: str) -> str:
    """A hash of the source files and library versions that produce one cached kind ('' if unlisted)."""
    return producer_digest(kind, HERE) if kind in PRODUCERS else ""


def producer_digest(kind: str, root: Path) -> str:
    libraries = PRODUCERS[kind][1]
    h = hashlib.sha256()
    for name in producer_files(kind, root):
        h.update(name.encode() + b"\0" + (root / name).read_bytes())
    for name in libraries:
        h.update(library_stamp(name).encode())
    return h.hexdigest()


def entry(folder: Path, kind: str, key: str) -> Path:
    digest = hashlib.sha256(f"{kind}\0{producer_key(kind)}\0{key}".encode()).hexdigest()[:20]
    return folder / kind / f"{digest}.bin"


MAGIC = b"sitegen-cache-1\n"  # an entry: MAGIC, sha256 of (kind, key), sha256 of the data, the data


def header(kind: str, key: str, data: bytes) -> bytes:
    """What an entry starts with: which key it is for and the checksum of its data."""
    return MAGIC + hashlib.sha256(f"{kind}\0{key}".encode()).digest() + hashlib.sha256(data).digest()


def verified(raw: bytes, kind: str, key: str) -> bytes | None:
    """The data of an entry if it is whole and made for this key; None for a truncated, corrupted or
    foreign one (written by another version, or another key's file put in its place)."""
    size = len(MAGIC) + 64
    if len(raw) < size or not raw.startswith(MAGIC):
        return None
    data = raw[size:]
    return data if raw[:size] == header(kind, key, data) else None


def lookup(folder: Path | None, kind: str, key: str, touch: bool = False) -> bytes | None:
    """The bytes kept for key, or None (absent or damaged: the caller rebuilds them). With touch, a hit is
    marked as recently used, for a kind whose store() keeps only the most recent entries."""
    if folder is None:
        return None
    f = entry(folder, kind, key)
    try:
        raw = f.read_bytes()
    except OSError:
        return None
    data = verified(raw, kind, key)
    if data is None:
        f.unlink(missing_ok=True)  # damaged: rebuilt and stored again by the caller
        return None
    if touch:
        with contextlib.suppress(OSError):
            os.utime(f)
    return data


def store(folder: Path | None, kind: str, key: str, data: bytes, keep: int | None = None) -> None:
    """Keep data for key (written to a temporary file, then renamed: a reader sees a whole entry or none; a
    power cut's torn file fails the checksum);
    with keep, only the `keep` most recently used entries of this kind stay (for big entries such as a
    whole language's pages)."""
    if folder is None:
        return
    f = entry(folder, kind, key)
    f.parent.mkdir(parents=True, exist_ok=True)
    tmp = f.with_suffix(f".tmp{os.getpid()}")
    with open(tmp, "wb") as out:
        out.write(header(kind, key, data))
        out.write(data)
    os.replace(tmp, f)
    if keep is not None:
        entries = sorted(f.parent.glob("*.bin"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in entries[keep:]:
            if old != f:
                old.unlink(missing_ok=True)


def cached(folder: Path | None, kind: str, key: str, make) -> bytes:
    """make() once per distinct key; kept in folder/kind/ by the hash of key (no folder: no caching)."""
    data = lookup(folder, kind, key)
    if data is None:
        data = make()
        store(folder, kind, key, data)
    return data


def pack(files: dict[str, bytes]) -> bytes:
    """A folder's files (relative path -> bytes) as one uncompressed zip, in a fixed order."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name in sorted(files):
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), files[name])
    return buf.getvalue()


def unpack(data: bytes) -> dict[str, bytes] | None:
    """The files of pack(); None for a damaged entry (then the caller rebuilds it)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if z.testzip() is not None:
                return None
            files = {i.filename: z.read(i) for i in z.infolist() if not i.is_dir()}
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if not all(safe_name(n) for n in files):
        return None
    return files


def unpack_hit(folder: Path | None, kind: str, key: str, complete=None) -> dict[str, bytes] | None:
    """The files kept for key by store(..., pack(files), keep=N); None when absent, damaged or, by
    complete(files), missing a file it must have."""
    data = lookup(folder, kind, key, touch=True)
    files = unpack(data) if data is not None else None
    if files is not None and complete is not None and not complete(files):
        entry(folder, kind, key).unlink(missing_ok=True)
        return None
    return files


def jinja_bytecode(folder: Path):
    """A Jinja bytecode cache in folder (compiled templates, kept by their source's checksum)."""
    import jinja2

    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


def safe_name(name: str) -> bool:
    """A relative path that stays inside the folder it is written to."""
    return not (name.startswith("/") or ".." in name.split("/"))


def read_tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by its path relative to folder (with /)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def safe_files(files: dict[str, bytes]):
    """(name, bytes) of a cache entry's files, to write under a folder; ValueError for a name that would leave
    it (unpack() already drops such an entry)."""
    for name, data in files.items():
        if not safe_name(name):
            raise ValueError(f"unsafe path in a cache entry: {name}")
        yield name, data


def clean_leftovers(folder: Path) -> None:
    """Temporary files of a cache write that was interrupted (a killed build)."""
    for leftover in folder.glob("*/*.tmp*"):
        leftover.unlink(missing_ok=True)
