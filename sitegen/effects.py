"""What a build does to the world besides computing: its messages and its changes to the file system.

As in Observable Framework (`build(config, effects)`), the pipeline is handed an Effects and makes every
message and every change of docs/, of the staged site, of site/ and of the build's records through it, so
the caller decides where they go. The command line gives `Effects()`: messages to stderr, changes to the
disk. A test gives a `Recorder`, which does the same and keeps a journal: a failed build must leave it with
no lasting change (`Recorder.lasting`), and its messages can be read without capturing stderr.

Not through it (each for a reason of its own):
- the build cache, .cache/ (write/cache.py): a store of checked entries, also written by the drawing
  processes; its discipline (a temporary file, then a rename; a checksum on read) is its own;
- what MkDocs and Pagefind write: they are other programs, writing into the staged folder made here;
- the build lock (write/lock.py), an open file that is no output.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


def to_stderr(message: str) -> None:
    print(message, file=sys.stderr)


class Effects:
    """Messages to `log` (stderr by default) and changes to the disk."""

    def __init__(self, log=to_stderr):
        self._log = log

    def log(self, message: str) -> None:
        self._log(message)

    def mkdir(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)

    def write(self, path: Path, data: bytes | str, atomic: bool = False, parents: bool = True) -> None:
        """path holds data (str as UTF-8), its folder made first (unless not parents); atomic: written beside
        it, then renamed, so a reader (or a killed build) sees the old file or the new one, never half of one."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if parents:
            path.parent.mkdir(parents=True, exist_ok=True)
        if not atomic:
            path.write_bytes(raw)
            return
        tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
        tmp.write_bytes(raw)
        os.replace(tmp, path)

    def copy(self, src: Path, dst: Path) -> None:
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)

    def remove(self, path: Path) -> None:
        path.unlink(missing_ok=True)

    def remove_tree(self, path: Path) -> None:
        shutil.rmtree(path, ignore_errors=True)

    def temp_dir(self, parent: Path, prefix: str) -> Path:
        """A new empty folder in parent (made first)."""
        parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=prefix, dir=parent))

    def rename(self, src: Path, dst: Path) -> None:
        os.rename(src, dst)

    def exchange(self, a: Path, b: Path) -> bool:
        """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where that is unsupported."""
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            fn = libc.renameat2
        except (OSError, AttributeError):
            return False
        at_fdcwd, rename_exchange = -100, 2
        return fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0

    def chmod(self, path: Path, mode: int) -> None:
        os.chmod(path, mode)

    def link_tree(self, src: Path, dst: Path) -> None:
        """dst (absent) holds what src holds: its folders made, its files hard links to src's (copies where the
        file system links nothing). Only for files nothing writes to again (a built site: every build writes a
        new stage). Plain strings and scandir: a portal links tens of thousands of files."""
        todo = [(os.fspath(src), os.fspath(dst))]
        while todo:
            a, b = todo.pop()
            os.makedirs(b, exist_ok=True)
            with os.scandir(a) as entries:
                for e in entries:
                    target = os.path.join(b, e.name)
                    if e.is_dir(follow_symlinks=False):
                        todo.append((e.path, target))
                        continue
                    try:
                        os.link(e.path, target, follow_symlinks=False)
                    except OSError:
                        shutil.copy2(e.path, target, follow_symlinks=False)


@dataclass(frozen=True)
class Change:
    op: str     # mkdir, write, copy, remove, remove_tree, temp_dir, rename, exchange, chmod, link_tree
    path: Path  # what changed (for rename and exchange: the second path is `other`)
    other: Path | None = None


@dataclass
class Recorder(Effects):
    """Effects() that also keeps every message and change, in order (for tests); echo, if given, gets each
    message as well (e.g. to_stderr, as a build run from the command line)."""

    messages: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    echo: Callable[[str], None] | None = None

    def __post_init__(self):
        super().__init__(self._message)

    def _message(self, message: str) -> None:
        self.messages.append(message)
        if self.echo is not None:
            self.echo(message)

    def _note(self, op: str, path: Path, other: Path | None = None) -> None:
        self.changes.append(Change(op, Path(path), Path(other) if other is not None else None))

    def mkdir(self, path):
        if not Path(path).is_dir():  # only a folder that was not there is a change
            self._note("mkdir", path)
        super().mkdir(path)

    def write(self, path, data, atomic=False, parents=True):
        self._note("write", path)
        super().write(path, data, atomic, parents)

    def copy(self, src, dst):
        self._note("copy", dst, src)
        super().copy(src, dst)

    def remove(self, path):
        self._note("remove", path)
        super().remove(path)

    def remove_tree(self, path):
        self._note("remove_tree", path)
        super().remove_tree(path)

    def temp_dir(self, parent, prefix):
        path = super().temp_dir(parent, prefix)
        self._note("temp_dir", path)
        return path

    def rename(self, src, dst):
        self._note("rename", dst, src)
        super().rename(src, dst)

    def exchange(self, a, b):
        self._note("exchange", b, a)
        return super().exchange(a, b)

    def chmod(self, path, mode):
        self._note("chmod", path)
        super().chmod(path, mode)

    def link_tree(self, src, dst):
        self._note("link_tree", dst, src)
        super().link_tree(src, dst)

    def lasting(self) -> list[Change]:
        """The changes still in effect: all but those inside a folder that was removed again (a failed
        build's staged site) and that removal itself."""
        gone = [c.path for c in self.changes if c.op == "remove_tree"]
        return [c for c in self.changes if not any(c.path == g or g in c.path.parents for g in gone)]
