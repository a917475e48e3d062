"""build_site: validated content -> docs/ -> MkDocs per language -> a complete site, swapped in at once."""
from __future__ import annotations

import ctypes
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from html import escape as html_escape

import jinja2
import yaml

from .article import ReaderConfig, read_article
from .content import read_content
from .engine import MkDocsWorker, template_error_place
from .paths import Paths, expected_changes, remember_stamps, source_stamps
from .figures import read_figures, validate_figures
from .problems import BuildError, Problems, shown
from .render import Renderer
from .cache import cached, clean_leftovers, jinja_bytecode
from .validate import validate_report

MANIFEST = ".manifest.json"
KEEP = 8  # cached builds of one language's pages (or search index) kept: the most recently used
FastDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: same output, several times faster


def read_report(paths: Paths, problems: Problems):
    """Read and validate content, seed and figures; every problem collected."""
    content = read_content(paths.content, problems)
    if content.seed is None:  # report.yml unreadable or without a seed: already reported
        return None
    reader = ReaderConfig(stray=tuple(s["text"] for s in content.stray), credit_roles=content.credit_roles)
    article = read_article(content.seed, reader, problems)
    if article is None:
        return None
    figs = read_figures(content, problems)
    # an unreadable figures file would make every figure check fail: report it alone
    report = validate_report(content, article, figs, problems, figures_ok=content.figures_data is not None)
    if content.figures_data is not None:
        validate_figures(content, figs, report.units, report.candidates, problems)
    return report


def check_output_location(paths: Paths, problems: Problems) -> None:
    """Refuse to write the site into a source folder (or a source folder into the site)."""
    for src in (paths.content, paths.root / "seeds", paths.templates):
        s, o = src.resolve(), paths.site.resolve()
        if o == s or s in o.parents or o in s.parents:
            problems.add(str(paths.site), 0, f"the output folder overlaps the source folder {src}",
                         "choose an output folder outside seeds/, site_src/ and templates/")


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def report_css(report) -> str:
    """Star and area colours as classes (no inline styles: the pages keep a strict CSP)."""
    lines = ["/* generated from site_src: one hue per star, used for cards, icons, text and charts */"]
    for s in report.content.stars:
        lines.append(f".g-{s.id} {{ --accent: {s.colour}; }}")
    return "\n".join(lines) + "\n"


def write_share_images(paths: Paths, renderer: Renderer, stage: Path) -> None:
    """Each page's share card (share.png beside its index.html), from cache when unchanged."""

    def share_image(**spec) -> bytes:
        from .share import share_image as draw  # Pillow is imported only when a card must be drawn

        return draw(**spec)

    for lang in renderer.c.languages:
        for page in renderer.ordered(lang):
            spec = renderer.share_spec(page)
            key = json.dumps(spec, sort_keys=True, ensure_ascii=False)
            png = cached(paths.root / ".cache", "share", key, lambda spec=spec: share_image(**spec))
            folder = stage / lang / ("" if page.slug == "index" else page.slug)
            (folder / "share.png").write_bytes(png)


def copy_photos(paths: Paths, report, stage: Path) -> None:
    """The photos named in article.yml, shared by both languages (site/photos/)."""
    for photo in report.content.photos:
        src = paths.content / "photos" / photo.file if photo.file else None
        if src and src.is_file():
            (stage / "photos").mkdir(exist_ok=True)
            shutil.copyfile(src, stage / "photos" / src.name)


def make_touch_icon() -> bytes:
    from .share import touch_icon  # Pillow is imported only when the cache lacks the icon

    return touch_icon()


def collect_assets(paths: Paths, report) -> dict[str, tuple[str, bytes]]:
    """Theme assets with content-hashed names: logical name -> (file name, bytes)."""
    a = paths.templates / "assets"
    files = {
        "site.css": (a / "site.css").read_bytes(),
        "charts.js": (a / "charts.js").read_bytes(),
        "search.js": (a / "search.js").read_bytes(),
        "site.js": (a / "site.js").read_bytes(),
        "touch-icon.png": cached(paths.root / ".cache", "touch-icon", "v1", make_touch_icon),
        "favicon.svg": (a / "favicon.svg").read_bytes(),
        "plotly.js": next((a / "vendor").glob("plotly-*.min.js")).read_bytes(),
        "report.css": report_css(report).encode("utf-8"),
    }
    out = {}
    for name, data in files.items():
        stem, ext = name.rsplit(".", 1)
        out[name] = (f"{stem}.{fingerprint(data)}.{ext}", data)
    return out


def write_docs(paths: Paths, pages, data_files: dict, force: bool, problems: Problems) -> None:
    """Write docs/ (generated); refuse to overwrite a file changed by hand unless forced."""
    manifest_path = paths.docs / MANIFEST
    old = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    wanted = {}
    for p in pages:
        front = yaml.dump(p.front, Dumper=FastDumper, allow_unicode=True, sort_keys=True)
        wanted[f"{p.lang}/{p.path}"] = f"---\n{front}---\n\n{p.body}\n".encode("utf-8")
    for lang, files in data_files.items():
        for name, text in files.items():
            wanted[f"{lang}/{name}"] = text.encode("utf-8")
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
                             "docs/ is rebuilt from site_src/: make the change in site_src/ (or templates/), "
                             "or run with --force to overwrite it")
        if problems:
            raise BuildError(problems)
    new = {}
    for rel_path, data in wanted.items():
        f = paths.docs / rel_path
        f.parent.mkdir(parents=True, exist_ok=True)
        if not f.exists() or f.read_bytes() != data:
            tmp = f.with_name(f".{f.name}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, f)
        new[rel_path] = fingerprint(data)
    for rel_path in set(old) - set(new):
        (paths.docs / rel_path).unlink(missing_ok=True)
    tmp = manifest_path.with_name(MANIFEST + ".tmp")
    tmp.write_text(json.dumps(new, indent=1, sort_keys=True) + "\n")
    os.replace(tmp, manifest_path)


def lang_site_url(base: str, lang: str) -> str:
    return base.rstrip("/") + f"/{lang}/"


def mkdocs_extra(paths: Paths, report, renderer: Renderer, lang: str, assets: dict, base_url: str) -> dict:
    """What the theme needs besides the page: strings, metadata, nav, alternates, asset names."""
    c = report.content
    t = renderer.strings[lang]
    others = [x for x in c.languages if x != lang]
    other = others[0] if others else lang
    nav = []
    for page in renderer.ordered(lang):
        slug = page.slug
        nav.append({"url": "" if slug == "index" else f"{slug}/", "title": page.title,
                    "group": page.star or "", "menu": page.menu})
    fmt = t["date_format"]
    return {
        "t": t, "meta": c.meta[lang], "nav": nav, "other_lang": other, "registration": c.registration,
        "other_hreflang": renderer.strings[other]["hreflang"], "other_html_lang": renderer.strings[other]["html_lang"],
        "alternates": [{"hreflang": renderer.strings[x]["hreflang"], "site_url": lang_site_url(base_url, x)}
                       for x in c.languages],
        "assets": {k: v[0] for k, v in assets.items()},
        "first_published": c.first_published.strftime(fmt) if c.first_published else "",
        "first_published_iso": c.first_published.isoformat() if c.first_published else "",
        "last_updated": c.last_updated.strftime(fmt) if c.last_updated else "",
        "last_updated_iso": c.last_updated.isoformat() if c.last_updated else "",
        "about_title": c.pages[lang]["about"].title if "about" in c.pages[lang] else "",
        "search_slug": next((p.slug for p in c.pages[lang].values() if p.template == "search"), "search"),
        "corrections_title": c.pages[lang]["corrections"].title if "corrections" in c.pages[lang] else "",
        "site_path": f"/{lang}/" if not base_url else "/" + base_url.split("://", 1)[-1].split("/", 1)[-1].strip("/")
        + ("/" if base_url.split("://", 1)[-1].split("/", 1)[-1].strip("/") else "") + f"{lang}/",
    }


def xml_escape(text: str) -> str:
    """Text for XML content or a double-quoted attribute (xml.sax.saxutils would import urllib: 35 ms)."""
    return html_escape(text, quote=True)


def sitemap_xml(base_url: str, report, strings: dict) -> str:
    """Every page with its alternates in the other languages."""
    c = report.content
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    lastmod = c.last_updated.isoformat() if c.last_updated else ""
    slugs = c.nav + sorted(s for s in c.pages[c.languages[0]] if s not in c.nav)
    for lang in c.languages:
        for slug in slugs:
            path = "" if slug == "index" else f"{slug}/"
            out.append("  <url>")
            out.append(f"    <loc>{xml_escape(lang_site_url(base_url, lang) + path)}</loc>")
            if lastmod:
                out.append(f"    <lastmod>{lastmod}</lastmod>")
            for alt in c.languages:
                href = xml_escape(lang_site_url(base_url, alt) + path)
                code = strings.get(alt, {}).get("hreflang", alt)
                out.append(f'    <xhtml:link rel="alternate" hreflang="{code}" href="{href}"/>')
            out.append("  </url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def root_index(paths: Paths, report, renderer: Renderer, assets: dict, base_url: str,
               template: str = "root.html") -> str:
    """The site root: a small bilingual entry page linking to each language (or, with 404.html, the
    bilingual page static hosts serve for any missing path)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(paths.templates)), undefined=jinja2.StrictUndefined,
                             autoescape=True, bytecode_cache=jinja_bytecode(paths.root / ".cache" / "jinja"))
    c = report.content
    langs = [{"code": x, "t": renderer.strings[x], "meta": c.meta[x], "title": renderer.unit_html("title", x),
              "url": f"{x}/"} for x in c.languages]
    return env.get_template(template).render(langs=langs, assets={k: v[0] for k, v in assets.items()},
                                             canonical=base_url, root=site_root_path(base_url))


def site_root_path(base_url: str) -> str:
    """The site's root as an absolute path ("/" or "/sub/"): the root 404 page is served at any depth."""
    path = base_url.split("://", 1)[-1].split("/", 1)[1] if "/" in base_url.split("://", 1)[-1] else ""
    return "/" + (path.strip("/") + "/" if path.strip("/") else "")


class Stopwatch:
    """Seconds spent in each stage of a build (`build.py --timings` prints them)."""

    def __init__(self):
        self.t0 = self.last = time.perf_counter()
        self.laps: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(self.laps.get(name, 0) + now - self.last, 3)
        self.last = now

    def total(self) -> float:
        return round(time.perf_counter() - self.t0, 2)


def code_key() -> str:
    """Changes when the generator or the engine changes (part of the keys of cached build outputs)."""
    import markdown
    import mkdocs

    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for f in sorted(here.glob("*.py")):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
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


def build_languages(paths: Paths, report, stage: Path, mkdocs: MkDocsWorker, clock: Stopwatch) \
        -> dict[str, list[str]]:
    """Each language's pages (MkDocs) and search index (Pagefind) into stage/<lang>/.

    Both are kept in .cache/ by the hash of what they are made from, so a language whose sources did not
    change is copied, not rebuilt: an edit to the English rebuilds the English only. `mkdocs` was started
    with the configuration of each language expected to change."""
    from .cache import pack, read_tree, store, unpack_hit, write_tree
    from .search import SUBDIR, index_languages, version_key

    cache = paths.root / ".cache"
    code = code_key()
    plans = []
    for lang in report.content.languages:
        job = mkdocs.jobs[lang]
        key = language_key(paths, lang, job["extra"], job["site_url"], job["nav"], code)
        plans.append((lang, key, unpack_hit(cache, f"pages-{lang}", key)))
    clock.lap("cache keys")
    fresh = {"pages": [lang for lang, _, files in plans if files is None], "search": []}
    for lang, _, files in plans:
        if files is not None:
            write_tree(stage / lang, files)
    mkdocs.build(fresh["pages"])
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
        index = unpack_hit(cache, f"search-{lang}", keys[lang])
        if index is None:
            fresh["search"].append(lang)
        else:
            write_tree(stage / lang / SUBDIR, index)
    index_languages(stage, fresh["search"])
    for lang in fresh["search"]:
        store(cache, f"search-{lang}", keys[lang], pack(read_tree(stage / lang / SUBDIR)), keep=KEEP)
    clock.lap("pagefind")
    return fresh


def build_site(paths: Paths, force: bool = False, log=print) -> dict:
    """The whole pipeline; the previous site/ stays intact unless everything succeeded."""
    clock = Stopwatch()
    problems = Problems()
    check_output_location(paths, problems)
    report = read_report(paths, problems)
    if problems or report is None:
        raise BuildError(problems)
    stamps = source_stamps(paths, list(report.content.languages))
    clock.lap("read and validate")
    info = build_validated(paths, report, force, log, problems, expected_changes(paths, stamps), clock)
    remember_stamps(paths, stamps)
    return info


def build_validated(paths: Paths, report, force: bool, log, problems: Problems, expected: list[str],
                    clock: Stopwatch) -> dict:
    cfg = yaml.safe_load(paths.config.read_text(encoding="utf-8"))
    base_url = cfg.get("site_url") or ""
    renderer = Renderer(report, paths.templates, base_url, cache=paths.root / ".cache")
    assets = collect_assets(paths, report)
    paths.site.parent.mkdir(parents=True, exist_ok=True)
    recover_site(paths.site)
    clean_leftovers(paths.root / ".cache")
    stage = Path(tempfile.mkdtemp(prefix=".site-new-", dir=paths.site.parent))
    mkdocs = None
    try:
        jobs = {lang: {"out": stage / lang, "extra": mkdocs_extra(paths, report, renderer, lang, assets, base_url),
                       "site_url": lang_site_url(base_url, lang),
                       "nav": [{p.title: ("index.md" if p.slug == "index" else f"{p.slug}.md")}
                               for p in renderer.ordered(lang)]}
                for lang in report.content.languages}
        mkdocs = MkDocsWorker(paths.root, paths.config, paths.docs, jobs, expected)  # ready while we render
        try:
            pages = renderer.render_all()
        except jinja2.TemplateError as e:
            problems.add(*template_error_place(e, paths.root), f"template error: {e.message or e}",
                         "a template uses a variable or filter that does not exist")
            raise BuildError(problems) from None
        data_files = {lang: renderer.data_files(lang) for lang in report.content.languages}
        clock.lap("render")
        write_docs(paths, pages, data_files, force, problems)
        clock.lap("docs and assets")
        fresh = build_languages(paths, report, stage, mkdocs, clock)
        (stage / "assets").mkdir()
        for name, data in assets.values():
            (stage / "assets" / name).write_bytes(data)
        (stage / "sitemap.xml").write_text(sitemap_xml(base_url, report, renderer.strings), encoding="utf-8")
        (stage / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {base_url.rstrip('/')}/sitemap.xml\n")
        (stage / "index.html").write_text(root_index(paths, report, renderer, assets, base_url), encoding="utf-8")
        (stage / "404.html").write_text(root_index(paths, report, renderer, assets, base_url, "404.html"),
                                        encoding="utf-8")
        write_share_images(paths, renderer, stage)
        copy_photos(paths, report, stage)
        clock.lap("root, share images, photos")
        write_hosting_files(paths, stage)
        clock.lap("headers and gzip")
        normalise_tree(stage)
        swap_in(stage, paths.site)
        clock.lap("publish")
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    finally:
        if mkdocs is not None:
            mkdocs.close()
    for w in problems.warnings:
        log(str(w))
    n = sum(1 for _ in paths.site.rglob("*.html"))
    return {"pages": len(pages), "html_files": n, "seconds": clock.total(),
            "warnings": len(problems.warnings), "timings": clock.laps, "fresh": fresh,
            "languages": list(report.content.languages)}


def write_hosting_files(paths: Paths, stage: Path) -> None:
    """_headers for Netlify / Cloudflare Pages, and a .gz beside every text file (sitegen/hosting.py)."""
    from .hosting import headers_file, precompress

    (stage / "_headers").write_text(headers_file([p.name for p in stage.iterdir()]), encoding="utf-8")
    precompress(stage, lambda kind, key, make: cached(paths.root / ".cache", kind, key, make))


def normalise_tree(folder: Path) -> None:
    """Fixed permissions, so two builds of the same input are identical in bytes and modes."""
    for p in sorted(folder.rglob("*")):
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
    os.chmod(folder, 0o755)


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def swap_in(stage: Path, site: Path) -> None:
    """Replace site/ by the staged tree: one atomic exchange, so at every instant one complete site exists."""
    if not site.exists():
        os.rename(stage, site)
        return
    if exchange(stage, site):
        shutil.rmtree(stage, ignore_errors=True)  # stage now holds the old site
        return
    old = site.parent / f".site-old-{os.getpid()}"  # fallback: two renames, recovered by recover_site()
    os.rename(site, old)
    os.rename(stage, site)
    shutil.rmtree(old, ignore_errors=True)


def recover_site(site: Path) -> None:
    """After a kill between the fallback's two renames, put the old site back; drop stale stages."""
    olds = sorted(site.parent.glob(".site-old-*"))
    if not site.exists() and olds:
        os.rename(olds[-1], site)
    for leftover in list(site.parent.glob(".site-new-*")) + list(site.parent.glob(".site-old-*")):
        shutil.rmtree(leftover, ignore_errors=True)
