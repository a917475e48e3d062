"""Where everything is (Paths), and which languages' sources changed since the last build (source stamps)."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..problems import BuildError, Problems, shown
from .schema import kind

HINTS = "source-stamps.json"  # in .cache/: per site folder, the sources' stamps at its last build


MANIFEST = ".manifest.json"  # in docs/: which files the build wrote, with their checksums (hand edits are kept)


@dataclass(frozen=True)
class Paths:
    """Where everything is, from the project root and the chosen content folder."""

    root: Path
    content: Path
    templates: Path
    docs: Path
    site: Path
    config: Path
    site_url: str = ""  # the report's published address ("" when it has none: check_address reports it)
    own: bool = True    # the content folder is the configuration's own (extra.content), so its address is there
    cache: Path | None = None  # this report's build cache (default: the project's .cache/; cache_dir)
    # the collection a report is built in (a portal): per language (lang, its title, its index relative to the
    # report's language root); its pages link back to it
    collection: tuple = ()

    @classmethod
    def default(cls, root: Path, content: Path | None = None, site: Path | None = None,
                config: Path | None = None) -> Paths:
        """Paths from an MkDocs configuration (default: the project's mkdocs.yml), relative to that file.

        Its extra.content names the default report's content folder, docs_dir and site_dir where that
        report's pages and site go, and site_url its address. Any other content folder is a report of its
        own: its address and output are the `publish:` entry of its report.yml (output relative to the
        folder that holds the content folder, default site-NAME beside it), and its generated pages go to
        docs/content-NAME/, so it can never overwrite the default report's site/ or docs/.
        """
        config = (config or root / "mkdocs.yml").resolve()
        base = config.parent
        cfg = read_config(config)
        configured = (base / ((cfg.get("extra") or {}).get("content") or "site_src")).resolve()
        content = (content or configured).resolve()
        docs = base / (cfg.get("docs_dir") or "docs")
        own = content == configured
        publish = read_publish(content)
        if own:
            site_url = str(cfg.get("site_url") or "")
            default_site = base / (cfg.get("site_dir") or "site")
        else:  # never the configured report's generated pages, site or address
            docs = docs / f"content-{folder_name(root, content)}"
            site_url = publish.get("site_url") if isinstance(publish.get("site_url"), str) else ""
            output = publish.get("output") if isinstance(publish.get("output"), str) else ""
            default_site = content.parent / (output or default_output(content))
        site = (site or default_site).resolve()
        return cls(root, content, root / "templates", docs, site, config, site_url, own)

    @property
    def cache_dir(self) -> Path:
        """Where this report's cached pages, search indexes and pictures are kept (the lock and the build records
        stay in the project's .cache/)."""
        return self.cache or self.root / ".cache"

    @property
    def default_site(self) -> Path:
        """The site folder of the configuration's own report (that no other report may write into)."""
        cfg = read_config(self.config)
        return (self.config.parent / (cfg.get("site_dir") or "site")).resolve()


def read_publish(content: Path) -> dict:
    """The `publish:` entry of a content folder's report.yml, read leniently ({} when absent or unreadable:
    the build reports what is wrong with the file, with its line)."""
    from .yamlsrc import parse_yaml, read_source

    quiet = Problems()  # reported with their lines when report.yml itself is read
    text = read_source(content / "report.yml", quiet, "the report", home=content)
    data = parse_yaml(text, "report.yml", quiet) if text is not None else None
    publish = data.get("publish") if isinstance(data, dict) else None
    return publish if isinstance(publish, dict) else {}


def default_output(content: Path) -> str:
    """site-NAME for the content folder site_src-NAME (site-FOLDER for any other name)."""
    name = content.name
    return "site-" + (name[len("site_src-"):] if name.startswith("site_src-") and len(name) > 9 else name)


def folder_name(root: Path, content: Path) -> str:
    """A file name unique to a content folder: its path from the project root, '/' written as '-'."""
    try:
        return "-".join(content.resolve().relative_to(root.resolve()).parts)
    except ValueError:  # outside the project: its name and a hash of where it is
        return f"{content.name}-{hashlib.sha256(str(content).encode()).hexdigest()[:8]}"


CONFIG_TEXT = ("site_url", "docs_dir", "site_dir")  # the keys of mkdocs.yml the generator itself reads


def read_config(config: Path) -> dict:
    """The MkDocs configuration, checked where the generator relies on it (MkDocs checks the rest when it
    loads it); every problem raised at once as a BuildError."""
    from .yamlsrc import parse_yaml, read_source

    problems = Problems()
    where = shown(config)
    text = read_source(config, problems, "the MkDocs configuration", "config", home=config.parent)
    cfg = parse_yaml(text, where, problems) if text is not None else None
    if cfg is not None and not isinstance(cfg, dict):
        problems.add(where, getattr(cfg, "line", 1), f"the configuration must be a mapping of keys to values, "
                     f"got {kind(cfg)}", "start from the project's mkdocs.yml")
    if problems:
        raise BuildError(problems)
    if not cfg:
        problems.add(where, 1, "the configuration is empty", "it needs at least site_name and site_url")
    for key in CONFIG_TEXT:
        if cfg.get(key) is not None and not isinstance(cfg[key], str):
            problems.add(where, cfg.line_of(key), f"'{key}' must be text, got {kind(cfg[key])}")
    extra = cfg.get("extra")
    if extra is not None and not isinstance(extra, dict):
        problems.add(where, cfg.line_of("extra"), f"'extra' must be a mapping, got {kind(extra)}")
    elif extra and extra.get("content") is not None and not isinstance(extra["content"], str):
        problems.add(where, extra.line_of("content"), f"'extra.content' must be text (a folder), "
                     f"got {kind(extra['content'])}")
    if problems:
        raise BuildError(problems)
    return cfg


def source_stamps(paths: Paths, languages: list[str]) -> dict[str, str]:
    """Per language, a stamp (names, sizes and times) of the sources its pages may depend on: everything
    but the other languages' own pages and translations. Only a hint, to start early the work a changed
    language will need (MkDocs, in a worker); what is rebuilt is decided by content hashes."""
    def own(lang: str) -> list[Path]:
        return [paths.content / "pages" / lang, paths.content / "translations" / f"{lang}.yml"]

    def stamp(p: Path) -> str:
        try:
            st = p.stat()
        except OSError:
            return f"{p}:-"
        return f"{p}:{st.st_size}:{st.st_mtime_ns}"

    owned = {str(p) for lang in languages for p in own(lang)}
    shared = []
    for folder in (paths.content, paths.root / "seeds", paths.templates, Path(__file__).resolve().parent.parent):
        for p in sorted(folder.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts and \
                    not any(str(p) == o or str(p).startswith(o + os.sep) for o in owned):
                shared.append(stamp(p))
    shared.append(stamp(paths.config))
    out = {}
    for lang in languages:
        mine = [stamp(q) for p in own(lang) for q in ([p] if not p.is_dir() else sorted(p.rglob("*")))]
        out[lang] = hashlib.sha256("\n".join(shared + mine).encode()).hexdigest()
    return out


def read_records(paths: Paths) -> dict:
    """site folder -> {language: stamp} at the last successful build into it."""
    try:
        records = json.loads((paths.root / ".cache" / HINTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return records if isinstance(records, dict) else {}


def expected_changes(paths: Paths, stamps: dict[str, str]) -> list[str]:
    """The languages whose sources changed since the last successful build (all, without a record)."""
    old = read_records(paths).get(str(paths.site))
    old = old if isinstance(old, dict) else {}
    return [lang for lang, st in stamps.items() if old.get(lang) != st]
