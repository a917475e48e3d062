"""docs/: the generated Markdown pages MkDocs reads, and the manifest that protects hand edits."""
from __future__ import annotations

import json
import os
from pathlib import Path

import yaml

from ..problems import BuildError, Problems, shown
from ..read.paths import MANIFEST, Paths
from ..read.yamlsrc import read_source
from .assets import fingerprint

FastDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: same output, several times faster


def read_manifest_file(path: Path, force: bool, problems: Problems) -> dict[str, str]:
    """docs/.manifest.json: generated file -> fingerprint, to tell hand edits from our own output. A
    damaged one is a problem (without it a hand edit could be overwritten) unless --force is given."""
    if not os.path.lexists(path):
        return {}
    found = Problems()
    text = read_source(path, found, "the list of generated files", home=path.parent)
    try:
        old = json.loads(text) if text is not None else None
    except ValueError as e:
        found.add(shown(path), getattr(e, "lineno", 0), f"the list of generated files is not JSON: {e.msg}")
        old = None
    if old is not None and not (isinstance(old, dict) and all(isinstance(v, str) for v in old.values())):
        found.add(shown(path), 1, "the list of generated files is not a mapping of file to fingerprint")
        old = None
    if old is not None:
        return old
    if force:  # --force overwrites docs/ anyway: the damaged list is simply replaced
        return {}
    for p in found.items:
        problems.add(p.path, p.line, p.message, "a build with --force writes it anew, overwriting any hand edit "
                     "in docs/ (make those in site_src/)")
    raise BuildError(problems)


def write_docs(paths: Paths, pages, data_files: dict, force: bool, problems: Problems, fx) -> None:
    """Write docs/ (generated) through fx, the build's Effects; refuse to overwrite a file changed by hand
    unless forced."""
    manifest_path = paths.docs / MANIFEST
    old = read_manifest(paths, force, problems)
    wanted = {}
    for p in pages:
        front = yaml.dump(p.front, Dumper=FastDumper, allow_unicode=True, sort_keys=True)
        wanted[f"{p.lang}/{p.path}"] = f"---\n{front}---\n\n{p.body}\n".encode()
    for lang, files in data_files.items():
        for name, text in files.items():
            wanted[f"{lang}/{name}"] = text.encode("utf-8")
    for rel_path in wanted:
        if not inside_docs(paths.docs, rel_path):
            problems.add(shown(paths.docs / rel_path), 0, "this generated page would be written outside docs_dir "
                         "(a folder of it is a link elsewhere)", "docs_dir is rewritten by every build: "
                         "remove the link, or choose a new folder")
    if problems:
        raise BuildError(problems)
    if not manifest_path.exists():  # mark the folder as ours before the first page: a killed build left it so
        fx.mkdir(paths.docs)
        write_manifest(manifest_path, {}, fx)
    if not force:
        for rel_path, digest in sorted(old.items()):
            f = paths.docs / rel_path
            if not f.exists():
                continue
            data = f.read_bytes()
            # a file that already holds what this build writes is no hand edit (e.g. a build killed
            # after writing pages but before the manifest)
            if fingerprint(data) != digest and data != wanted.get(rel_path):
                problems.add(shown(f), 0, "this generated file was changed by hand",
                             f"{shown(paths.docs)}/ is rebuilt from {shown(paths.content)}/: make the change in "
                             f"{shown(paths.content)}/ (or templates/), "
                             "or run with --force to overwrite it")
        if problems:
            raise BuildError(problems)
    new = {}
    for rel_path, data in wanted.items():
        f = paths.docs / rel_path
        if not f.exists() or f.read_bytes() != data:
            fx.write(f, data, atomic=True)
        new[rel_path] = fingerprint(data)
    for rel_path in sorted(set(old) - set(new)):
        fx.remove(paths.docs / rel_path)
    write_manifest(manifest_path, new, fx)


def write_manifest(manifest_path: Path, entries: dict[str, str], fx) -> None:
    fx.write(manifest_path, json.dumps(entries, indent=1, sort_keys=True) + "\n", atomic=True)


def inside_docs(docs: Path, rel_path: str) -> bool:
    """rel_path names a file inside docs, with no '..', no absolute path and no link out of it."""
    from .cache import safe_name

    if not safe_name(rel_path) or "\\" in rel_path or "\0" in rel_path:
        return False
    root = docs.resolve()
    target = (docs / rel_path).resolve()
    return root in target.parents


def read_manifest(paths: Paths, force: bool, problems: Problems) -> dict[str, str]:
    """docs/.manifest.json: generated file -> fingerprint (read_manifest_file). An entry outside docs_dir
    (absolute, '..', a link out) is never read, written nor deleted: it is dropped with a warning."""
    f = paths.docs / MANIFEST
    out = {}
    for rel_path, digest in read_manifest_file(f, force, problems).items():
        if isinstance(rel_path, str) and inside_docs(paths.docs, rel_path):
            out[rel_path] = digest
        else:
            problems.warn(shown(f), 0, f"manifest entry {rel_path!r} is not a file inside "
                          f"{shown(paths.docs)}: ignored (nothing outside docs_dir is written or deleted)")
    return out
