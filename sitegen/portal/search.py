"""A portal's search: Pagefind indexes every report's pages, per language, in buckets of consecutive reports
(<output>/pagefind-<lang>-<b>/), which the search page merges when a reader searches (Pagefind's mergeIndex: the
first bucket's script and WebAssembly serve them all; each further bucket costs its entry, metadata and the index
chunks of the words searched, a few KB). A bucket whose reports did not change is taken from the last build as it
is, so an edit re-indexes the pages of one bucket, not of the whole portal."""
from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

from ..effects import Effects
from ..problems import BuildError, Problems
from ..write.search import SUBDIR, finish_index, start_index
from .spare import SEARCH_RECORD, bucket_ready, link_in

MIN_BUCKET, MAX_BUCKETS = 8, 16  # reports per bucket at least; buckets per language at most


def buckets(slugs: list[str]) -> list[list[str]]:
    """The reports in buckets of consecutive reports of portal.yml: 8 each, or more when there are more than 128
    reports (at most 16 buckets: a search loads each one's entry, metadata and index chunks, a few KB)."""
    size = max(MIN_BUCKET, math.ceil(len(slugs) / MAX_BUCKETS))
    return [slugs[i:i + size] for i in range(0, len(slugs), size)]


def folder_name(lang: str, b: int) -> str:
    return f"{SUBDIR}-{lang}-{b + 1}"


def bundle_names(slugs: list[str], langs) -> dict[str, list[str]]:
    """Per language, the folders of its search bundles (the search page loads the first and merges the others)."""
    return {lang: [folder_name(lang, b) for b in range(len(buckets(slugs)))] for lang in langs}


def bucket_key(code: str, lang: str, members: list[str], keys: dict[str, str]) -> str:
    """What a bucket's index depends on: the code (Pagefind's pinned version with it), its language, its reports
    and each one's key (which decides its pages)."""
    text = json.dumps([code, lang, [(s, keys[s]) for s in members]])
    return hashlib.sha256(text.encode()).hexdigest()


def index_portal(stage: Path, previous: Path, code: str, langs: list[str], keys: dict[str, str], fx: Effects,
                 meanwhile=lambda: None, jobs: int = 2) -> None:
    """Every bucket of every language into the stage (bundle_names): kept if the stage holds it with its key
    (portal/spare.py), else linked from the previous output if that holds it, else indexed (at most `jobs` Pagefind
    processes at a time, meanwhile() running while the first ones index); other bundles are removed."""
    todo, out = [], bundle_names(list(keys), langs)
    for lang in langs:
        for name, members in zip(out[lang], buckets(list(keys)), strict=True):
            key = bucket_key(code, lang, members, keys)
            if bucket_ready(stage / name, key):
                continue
            fx.remove_tree(stage / name)
            if bucket_ready(previous / name, key):
                link_in(previous / name, stage / name, fx)
            else:
                todo.append((lang, members, name, key))
    names = {n for ns in out.values() for n in ns}
    for old in stage.glob(f"{SUBDIR}*"):
        if old.name not in names:
            fx.remove_tree(old)
    run_pagefind(stage, todo, fx, meanwhile, jobs)


def run_pagefind(stage: Path, todo: list[tuple], fx: Effects, meanwhile, jobs: int) -> None:
    """Index each (lang, members, name, key) of todo, `jobs` at a time, each bundle's record written when done."""
    running: list = []
    started_meanwhile = False
    try:
        while todo or running:
            while todo and len(running) < max(1, jobs):
                lang, members, name, key = todo.pop(0)
                folders = members[0] if len(members) == 1 else "{" + ",".join(members) + "}"
                running.append((start_index(stage, name, f"{folders}/{lang}/**/*.html"), name, key))
            if not started_meanwhile:
                started_meanwhile = True
                meanwhile()
            proc, name, key = running.pop(0)
            failed = finish_index(proc, stage, name, fx)
            if failed:
                problems = Problems()
                problems.add(str(stage / name), 0, failed)
                raise BuildError(problems)
            fx.write(stage / name / SEARCH_RECORD, json.dumps({"key": key}))
        if not started_meanwhile:
            meanwhile()
    except BaseException:
        for proc, _name, _key in running:
            proc.kill()
            proc.wait()
        raise
