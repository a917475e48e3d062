"""A content-addressed cache of expensive generated things (share images, chart specs) under .cache/."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path


def cached(folder: Path | None, kind: str, key: str, make) -> bytes:
    """make() once per distinct key; kept in folder/kind/ by the hash of key (no folder: no caching)."""
    if folder is None:
        return make()
    digest = hashlib.sha256(f"{kind}\0{key}".encode("utf-8")).hexdigest()[:20]
    f = folder / kind / f"{digest}.bin"
    if f.exists():
        return f.read_bytes()
    data = make()
    f.parent.mkdir(parents=True, exist_ok=True)
    tmp = f.with_suffix(f".tmp{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, f)
    return data


def clean_leftovers(folder: Path) -> None:
    """Temporary files of a cache write that was interrupted (a killed build)."""
    for leftover in folder.glob("*/*.tmp*"):
        leftover.unlink(missing_ok=True)
