"""build_site: read -> check -> render -> write, one call per stage."""
from __future__ import annotations

import shutil
import tempfile
from functools import partial
from pathlib import Path

import jinja2

from . import signals
from .check.output import MARKER_TEXT, SITE_MARKER, check_output_location, check_site_url
from .check.report import read_report
from .problems import BuildError, Problems
from .read.content import is_content_folder
from .read.paths import Paths, expected_changes, remember_stamps, source_stamps
from .render.pages import Renderer
from .render.pictures import explainer_models, image_jobs
from .render.root import lang_site_url, root_index, sitemap_xml
from .signals import Stopwatch
from .write.assets import collect_assets, copy_photos
from .write.cache import cached, clean_leftovers, jinja_bytecode
from .write.docs import write_docs
from .write.drawing import DrawAhead, write_images
from .write.engine import MkDocsWorker, template_error_place
from .write.languages import build_languages, mkdocs_extra
from .write.publish import normalise_tree, recover_site, swap_in, write_hosting_files


def build_site(paths: Paths, force: bool = False, log=print, record_mkdocs: Path | None = None,
               pages_cache: bool = True, wait: bool = True) -> dict:
    """The whole pipeline; the previous site/ stays intact unless everything succeeded. One build at a
    time per project: another build waits for this one (sitegen/write/lock.py). For measuring
    (scripts/benchmark.py): record_mkdocs and pages_cache, see build_languages."""
    from .write.lock import build_lock

    with build_lock(paths, wait=wait, log=log), signals.deferred():
        return build_locked(paths, force, log, record_mkdocs, pages_cache)


def build_locked(paths: Paths, force: bool, log, record_mkdocs: Path | None, pages_cache: bool) -> dict:
    """build_site, holding the build lock."""
    clock = Stopwatch()
    problems = Problems()
    if is_content_folder(paths.content):  # else that is the one problem: where it would build follows from it
        check_output_location(paths, problems)
        check_site_url(paths, problems)
    report = read_report(paths, problems)
    if problems or report is None:
        raise BuildError(problems)
    stamps = source_stamps(paths, list(report.content.languages))
    clock.lap("read and validate")
    expected = expected_changes(paths, stamps) if pages_cache else list(report.content.languages)
    info = build_validated(paths, report, force, log, problems, expected, clock, record_mkdocs, pages_cache)
    remember_stamps(paths, stamps)
    return info


def build_validated(paths: Paths, report, force: bool, log, problems: Problems, expected: list[str],
                    clock: Stopwatch, record_mkdocs: Path | None = None, pages_cache: bool = True) -> dict:
    base_url = paths.site_url
    cache = paths.root / ".cache"
    renderer = Renderer(report, paths.templates, base_url, memo=partial(cached, cache),
                        bytecode_cache=jinja_bytecode(cache / "jinja"))
    explainers = explainer_models(renderer)
    pictures = image_jobs(paths, report, renderer, explainers)
    ahead = None
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
        # the pictures are checked and drawn in other processes (forked before MkDocs': none holds another's pipes)
        ahead = DrawAhead(paths.root / ".cache", pictures)
        mkdocs = MkDocsWorker(paths.root, paths.config, paths.docs, jobs, expected)  # ready while we render
        try:
            pages = renderer.render_all()
        except jinja2.TemplateError as e:
            problems.add(*template_error_place(e, paths.root), f"template error: {e.message or e}",
                         "a template uses a variable or filter that does not exist")
            problems.extend(ahead.problems())
            raise BuildError(problems) from None
        data_files = {lang: renderer.data_files(lang) for lang in report.content.languages}
        problems.extend(ahead.problems())
        if problems:   # every text that cannot be drawn, of every card and long image, in one run; docs/ untouched
            raise BuildError(problems)
        clock.lap("render")
        write_docs(paths, pages, data_files, force, problems)
        clock.lap("docs and assets")
        fresh = build_languages(paths, report, stage, mkdocs, clock, record_mkdocs, pages_cache)
        (stage / "assets").mkdir()
        for name, data in assets.values():
            (stage / "assets" / name).write_bytes(data)
        (stage / "sitemap.xml").write_text(sitemap_xml(base_url, report, renderer.strings), encoding="utf-8")
        (stage / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {base_url.rstrip('/')}/sitemap.xml\n")
        (stage / SITE_MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        (stage / "index.html").write_text(root_index(paths, report, renderer, assets, base_url), encoding="utf-8")
        (stage / "404.html").write_text(root_index(paths, report, renderer, assets, base_url, "404.html"),
                                        encoding="utf-8")
        write_images(paths, pictures, stage, ahead)
        copy_photos(paths, report, stage)
        clock.lap("root, share images, photos")
        write_hosting_files(paths, stage)
        clock.lap("headers and gzip")
        normalise_tree(stage)
        signals.check()  # the last moment a Ctrl-C or SIGTERM can stop the build: before it publishes
        swap_in(stage, paths.site)
        clock.lap("publish")
    except BaseException:
        if ahead is not None:
            ahead.stop()
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
