"""Every file the build reads: a regular file inside its folder, opened once, with a size limit for its kind.

A folder of the project is a trust boundary: templates/ for the templates, icons and assets, the content folder
for its pages, data, translations and photos, the project for the seed. A symbolic link that stays inside its
folder is followed; one that leaves it (templates/assets/site.js -> /proc/self/environ), a device (/dev/zero), a
FIFO or a socket is a problem at its path, found by scan() with lstat and stat before anything is opened, so the
build never publishes a file of the machine and never blocks on a file that never ends. A file is then opened
without blocking (O_NONBLOCK: a FIFO swapped in after the scan cannot hang the build either), checked again on
the open descriptor (fstat) and read up to the limit of its kind (KINDS): a report never needs more, and memory
stays bounded whatever the input.
"""
from __future__ import annotations

import os
import stat
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from ..problems import BuildError, Problems, shown

KIB, MIB = 1024, 1024 * 1024


@dataclass(frozen=True)
class Kind:
    """What a file is, and the most bytes of it the build reads (a real report's largest is named for each)."""

    what: str
    limit: int


KINDS = {
    "config": Kind("the MkDocs configuration", 256 * KIB),     # mkdocs.yml: 0.7 kB
    "data": Kind("file", 4 * MIB),                              # figures.yml: 24 kB; translations: 14 kB
    "page": Kind("page", 512 * KIB),                            # a page: 2 kB
    "seed": Kind("the article", 1 * MIB),                       # the article: 7 kB (a 政府工作报告: ~100 kB)
    "template": Kind("template", 512 * KIB),                    # main.html: 7 kB
    "icon": Kind("icon", 64 * KIB),                             # an icon: 1 kB
    "asset": Kind("asset", 8 * MIB),                            # plotly.js: 1.1 MB
    "photo": Kind("photo", 10 * MIB),                           # read/photos.py: MAX_BYTES
    "text": Kind("the text", 256 * MIB),                        # build.py figures FILE: a listing, not a build
    "published": Kind("published file", 16 * MIB),              # the proof sheet's reading: the overview, 80 kB
    "input": Kind("file", 64 * MIB),                            # a portal's key of a report's inputs (any file)
}


class Unsafe(BuildError):
    """A file the build refuses to open or read: its place and what is wrong, as one problem (a BuildError, so a
    file refused while rendering is reported as any problem is)."""

    def __init__(self, path: Path, message: str, hint: str = ""):
        problems = Problems()
        problems.add(place(path), 0, message, hint)
        super().__init__(problems)
        self.path, self.message, self.hint = Path(path), message, hint

    def __str__(self) -> str:
        return str(self.problems.items[0])

    def add_to(self, problems: Problems) -> None:
        problems.extend(self.problems)


def place(path: Path) -> str:
    """A path for messages, its folder as shown() gives it and its own name as written (a link is not followed)."""
    path = Path(path)
    return str(Path(shown(path.parent)) / path.name)


def inside(path: Path, home: Path) -> bool:
    """path is home or inside it (both resolved, links followed)."""
    real, top = Path(os.path.realpath(path)), Path(os.path.realpath(home))
    return real == top or top in real.parents


def special(mode: int) -> str:
    """'' for a regular file, else what the entry is, in words."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device or other special file"


SPECIAL_HINT = "replace it by an ordinary file: the build reads only regular files"
OUT_HINT = "copy the file into the folder instead of linking to it: the build never follows a link out of its folder"


def entry_problem(path: Path, home: Path, what: str = "file", folders: bool = False) -> Unsafe | None:
    """What is wrong with the entry at path for the build to read it, by lstat and stat only (nothing is opened):
    a FIFO, a device or a socket (a folder too, unless folders), or a link out of home. None if it is fine, or
    missing (its reader says so where it is needed)."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    link = os.readlink(path) if stat.S_ISLNK(st.st_mode) else None
    out = None if inside(path, home) else Unsafe(
        path, f"{what} is a symbolic link to {link}, outside {shown(home)}/" if link else
        f"{what} is reached through a symbolic link, at {os.path.realpath(path)}, outside {shown(home)}/", OUT_HINT)
    if link:
        try:
            st = os.stat(path)
        except OSError:  # a link to nothing (an editor's lock file): nothing to read; its reader says so if needed
            return None
    kind = special(st.st_mode)
    if kind and not (folders and kind == "a folder"):
        also = f" (a symbolic link to {link})" if link else ""
        return Unsafe(path, f"{what} is {kind}, not a regular file{also}", SPECIAL_HINT)
    return out


def scan(folder: Path, home: Path | None = None, what=lambda path: "file") -> list[Unsafe]:
    """Every entry under folder that the build must not read (entry_problem, `what` naming each by its path),
    without opening any: links are not followed into folders (a link to a folder inside home is fine: its files
    are scanned where they are)."""
    home = home or folder
    top_problem = entry_problem(folder, home, what(folder), folders=True)
    if top_problem is not None:
        return [top_problem]
    found: list[Unsafe] = []
    todo = [folder]
    while todo:
        top = todo.pop()
        try:
            entries = sorted(os.scandir(top), key=lambda e: e.name)
        except OSError:
            continue
        for e in entries:
            p = Path(e.path)
            bad = entry_problem(p, home, what(p), folders=True)
            if bad is not None:
                found.append(bad)
            elif e.is_dir(follow_symlinks=False):
                todo.append(p)
    return found


def read_bytes(path: Path, kind: str, home: Path | None = None, what: str | None = None) -> bytes:
    """The bytes of a regular file (inside home, if given), read once up to the limit of its kind; Unsafe
    otherwise (what: the file in words, by default its kind's), FileNotFoundError if it is not there. Never
    blocks: opened O_NONBLOCK, checked on the descriptor."""
    k = KINDS[kind]
    k = Kind(what, k.limit) if what else k
    if home is not None:
        bad = entry_problem(path, home, k.what)
        if bad is not None:
            raise bad
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as e:
        raise Unsafe(path, f"{k.what} cannot be read: {e.strerror}") from None
    try:
        st = os.fstat(fd)
        what = special(st.st_mode)
        if what:
            raise Unsafe(path, f"{k.what} is {what}, not a regular file", SPECIAL_HINT)
        if st.st_size > k.limit:
            raise too_large(path, k, st.st_size)
        chunks, size = [], 0
        while True:  # a file that grows while it is read is cut at its limit and refused
            chunk = os.read(fd, min(1 * MIB, k.limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > k.limit:
                raise too_large(path, k, size)
        return b"".join(chunks)
    except OSError as e:
        raise Unsafe(path, f"{k.what} cannot be read: {e.strerror}") from None
    finally:
        os.close(fd)


def digest_files(h, folders: list[Path], home: Path) -> None:
    """Add to the hash h every entry under each folder (or file): its path relative to home and its bytes (a link:
    where it points; a FIFO, a device, a file too large: what it is; its build says what is wrong) — a key of those
    inputs. Never follows a link, never blocks on a FIFO; plain strings and scandir (a portal keys every report)."""
    def entries(top: str) -> list[tuple[str, os.DirEntry | None]]:
        out, todo = [], [top]
        while todo:
            folder = todo.pop()
            try:
                with os.scandir(folder) as it:
                    for e in it:
                        if e.name == "__pycache__":
                            continue
                        if e.is_dir(follow_symlinks=False):
                            todo.append(e.path)
                        else:
                            out.append((e.path, e))
            except OSError:  # a folder that cannot be listed: keyed by what it is
                out.append((folder, None))
        return sorted(out, key=lambda x: x[0])

    base = os.fspath(home)
    for top in map(os.fspath, folders):
        found = entries(top) if os.path.isdir(top) and not os.path.islink(top) else [(top, None)]
        for path, _ in found:
            h.update(os.path.relpath(path, base).encode("utf-8", "surrogateescape") + b"\0")
            h.update(digest_one(path))
            h.update(b"\0")


def digest_one(path: str) -> bytes:
    """A file's bytes for a key, or a word for what it is instead (a link: its target; missing; special)."""
    try:
        st = os.lstat(path)
    except OSError:
        return b"missing"
    if stat.S_ISLNK(st.st_mode):
        return b"link " + os.fsencode(os.readlink(path))
    if not stat.S_ISREG(st.st_mode) or st.st_size > KINDS["input"].limit:
        return f"not read: mode {st.st_mode:o}, {st.st_size} bytes".encode()
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0))
    except OSError as e:
        return f"unreadable: {e.strerror}".encode()
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as e:
        return f"unreadable: {e.strerror}".encode()
    finally:
        os.close(fd)


# The texts read while remembered() is active (read_content: the placeholder check reads what the readers read,
# never a file a second time); a ContextVar, so a build on the preview's thread keeps its own.
_READ: ContextVar[dict | None] = ContextVar("sitegen_texts_read", default=None)


@contextmanager
def remembered():
    """Within the block, every text read by read_source is kept: path -> text (yielded)."""
    token = _READ.set({})
    try:
        yield _READ.get()
    finally:
        _READ.reset(token)


def remember(path: Path, text: str) -> None:
    texts = _READ.get()
    if texts is not None:
        texts[Path(path)] = text


def too_large(path: Path, k: Kind, size: int) -> Unsafe:
    return Unsafe(path, f"{k.what} is too large ({size:,} bytes; at most {k.limit:,} are read)",
                  "a report never needs a file this large: is it the right file?")


def read_text(path: Path, kind: str, home: Path | None = None, what: str | None = None) -> str:
    """read_bytes as UTF-8 text (a BOM dropped); Unsafe if it is not UTF-8."""
    data = read_bytes(path, kind, home, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unsafe(path, f"{what or KINDS[kind].what} is not UTF-8 text") from None
