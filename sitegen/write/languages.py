"""One MkDocs + Pagefind build per language, or its pages and index from .cache/ when nothing it reads changed."""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import jinja2

from ..problems import BuildError, Problems
from ..read.paths import Paths
from ..render.pages import Renderer
from ..render.root import lang_site_url
from ..signals import Stopwatch
from ..typography import typeset_text
from .assets import sri
from .engine import MkDocsWorker, write_mkdocs_records

KEEP = 8  # cached builds of one language's pages (or search index) kept: the most recently used


def mkdocs_extra(paths: Paths, report, renderer: Renderer, lang: str, assets: dict, base_url: str) -> dict:
    """What the theme needs besides the page: strings, metadata, nav, alternates, asset names."""
    c = report.content
    t = renderer.strings[lang]
    others = [x for x in c.languages if x != lang]
    other = others[0] if others else lang
    nav = []
    for page in renderer.ordered(lang):
        slug = page.slug
        nav.append({"url": "" if slug == "index" else f"{slug}/", "title": typeset_text(page.title, lang),
                    "group": page.star or "", "menu": page.menu})
    fmt = t["date_format"]
    return {
        "t": t, "meta": {k: typeset_text(v, lang) if isinstance(v, str) else v for k, v in c.meta[lang].items()},
        "nav": nav, "other_lang": other, "registration": c.registration,
        "other_hreflang": renderer.strings[other]["hreflang"], "other_html_lang": renderer.strings[other]["html_lang"],
        "alternates": [{"hreflang": renderer.strings[x]["hreflang"], "site_url": lang_site_url(base_url, x)}
                       for x in c.languages],
        "assets": {k: v[0] for k, v in assets.items()},
        "integrity": {k: sri(v[1]) for k, v in assets.items() if k.endswith(".js")},
        "first_published": c.first_published.strftime(fmt) if c.first_published else "",
        "first_published_iso": c.first_published.isoformat() if c.first_published else "",
        "last_updated": c.last_updated.strftime(fmt) if c.last_updated else "",
        "last_updated_iso": c.last_updated.isoformat() if c.last_updated else "",
        "about_title": c.pages[lang]["about"].title if "about" in c.pages[lang] else "",
        "search_slug": next((p.slug for p in c.pages[lang].values() if p.template == "search"), "search"),
        "corrections_title": c.pages[lang]["corrections"].title if "corrections" in c.pages[lang] else "",
        "collection": next(({"title": title, "url": url} for x, title, url in paths.collection if x == lang), None),
        "site_path": f"/{lang}/" if not base_url else "/" + base_url.split("://", 1)[-1].split("/", 1)[-1].strip("/")
        + ("/" if base_url.split("://", 1)[-1].split("/", 1)[-1].strip("/") else "") + f"{lang}/",
    }


def code_key() -> str:
    """Changes when the generator or the engine changes (part of the keys of cached build outputs)."""
    import markdown
    import mkdocs

    here = Path(__file__).resolve().parent.parent  # all of sitegen/
    h = hashlib.sha256()
    for f in sorted(here.rglob("*.py")):
        h.update(f.relative_to(here).as_posix().encode() + b"\0" + f.read_bytes())
    return f"{h.hexdigest()}:{mkdocs.__version__}:{jinja2.__version__}:{markdown.__version__}:{sys.version}"


def folder_key(folder: Path) -> str:
    """A hash of every file under folder (names and bytes)."""
    from .cache import read_tree

    return files_key(read_tree(folder)) if folder.is_dir() else "missing"


def files_key(files: dict[str, bytes]) -> str:
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return h.hexdigest()


def language_key(paths: Paths, lang: str, extra: dict, site_url: str, nav: list, code: str) -> str:
    """Everything one language's MkDocs output depends on: same key, same bytes. The pages are read
    back from docs/<lang>/ itself, so that anything MkDocs would see there counts."""
    h = hashlib.sha256()
    h.update(folder_key(paths.docs / lang).encode())
    h.update(json.dumps([extra, site_url, nav], sort_keys=True, ensure_ascii=False, default=str).encode())
    h.update(paths.config.read_bytes())
    h.update(folder_key(paths.templates / "theme").encode())
    h.update(code.encode())
    return h.hexdigest()


def has_pages(nav: list[dict]):
    """A check that a cached language has the page of every menu entry (index.md -> index.html)."""
    wanted = [("index.html" if src == "index.md" else src[:-3] + "/index.html")
              for item in nav for src in item.values()]
    return lambda files: all(files.get(name) for name in wanted)


def build_languages(paths: Paths, report, stage: Path, mkdocs: MkDocsWorker, clock: Stopwatch, fx,
                    record_mkdocs: Path | None = None, pages_cache: bool = True) -> dict[str, list[str]]:
    """Each language's pages (MkDocs) and search index (Pagefind) into stage/<lang>/.

    Both are kept in .cache/ by the hash of what they are made from, so a language whose sources did not
    change is copied, not rebuilt: an edit to the English rebuilds the English only. `mkdocs` was started
    with the configuration of each language expected to change. Without pages_cache every language's
    pages are built anew (and stored); record_mkdocs, a file, gets what each MkDocs run was given. What is
    copied from .cache/ is written by fx (the build's Effects); MkDocs and Pagefind write their own output."""
    from .cache import pack, read_tree, safe_files, store, unpack_hit
    from .search import SUBDIR, complete_index, index_languages, version_key

    cache = paths.cache_dir
    code = code_key()
    plans = []
    for lang in report.content.languages:
        job = mkdocs.jobs[lang]
        key = language_key(paths, lang, job["extra"], job["site_url"], job["nav"], code)
        hit = unpack_hit(cache, f"pages-{lang}", key, complete=has_pages(job["nav"])) if pages_cache else None
        plans.append((lang, key, hit))
    clock.lap("cache keys")
    fresh = {"pages": [lang for lang, _, files in plans if files is None], "search": []}
    for lang, _, files in plans:
        if files is not None:
            for name, data in safe_files(files):
                fx.write(stage / lang / name, data)
    mkdocs.build(fresh["pages"])
    if record_mkdocs is not None:
        write_mkdocs_records(record_mkdocs, mkdocs.records(fresh["pages"]), fx)
    trees = {}  # each language's pages, as the search index is made from them
    for lang, key, files in plans:
        if files is None:
            files = read_tree(stage / lang)
            store(cache, f"pages-{lang}", key, pack(files), keep=KEEP)
        trees[lang] = files
    clock.lap("mkdocs")
    pagefind = version_key()
    keys = {}
    for lang, files in trees.items():
        keys[lang] = f"{files_key({k: v for k, v in files.items() if k.endswith('.html')})}:{pagefind}"
        index = unpack_hit(cache, f"search-{lang}", keys[lang], complete=complete_index)
        if index is None:
            fresh["search"].append(lang)
        else:
            for name, data in safe_files(index):
                fx.write(stage / lang / SUBDIR / name, data)
    index_languages(stage, fresh["search"], fx)
    for lang in fresh["search"]:
        index = read_tree(stage / lang / SUBDIR)
        if not complete_index(index):  # never publish (nor keep) a search index without its files
            problems = Problems()
            problems.add(str(stage / lang / SUBDIR), 0, "Pagefind left an incomplete search index",
                         "run the build again; if it persists, reinstall Pagefind with scripts/setup.sh")
            raise BuildError(problems)
        store(cache, f"search-{lang}", keys[lang], pack(index), keep=KEEP)
    clock.lap("pagefind")
    return fresh


def mkdocs_jobs(paths: Paths, report, renderer: Renderer, assets: dict, stage: Path) -> dict[str, dict]:
    """Per language, what its MkDocs build is given: its output folder in the stage, the theme's extra, its
    address and its navigation."""
    return {lang: {"out": stage / lang, "extra": mkdocs_extra(paths, report, renderer, lang, assets, paths.site_url),
                   "site_url": lang_site_url(paths.site_url, lang),
                   "nav": [{typeset_text(p.title, lang): ("index.md" if p.slug == "index" else f"{p.slug}.md")}
                           for p in renderer.ordered(lang)]}
            for lang in report.content.languages}
