"""build_site: read -> check -> render -> write, one call per stage."""
from __future__ import annotations

from functools import partial
from pathlib import Path

import jinja2

from . import signals
from .check.output import SITE_MARKER, check_config, check_output_location, check_owner
from .check.release import check_release
from .check.report import read_report
from .check.targets import record_problem
from .effects import Effects
from .problems import BuildError, Problems
from .read.content import is_content_folder
from .read.paths import Paths, expected_changes, source_stamps
from .render.downloads import data_files
from .render.pages import Renderer
from .render.pictures import explainer_models, image_jobs
from .render.root import report_indicators, report_listing
from .signals import Stopwatch
from .write.assets import collect_assets, copy_photos
from .write.cache import cached, jinja_bytecode
from .write.docs import write_docs
from .write.drawing import DrawAhead, write_images
from .write.engine import MkDocsWorker, template_error_place
from .write.languages import build_languages, mkdocs_jobs
from .write.lock import output_lock
from .write.publish import new_stage, publish, remember_stamps, stage_identity, write_hosting_files, write_root_files


def build_site(paths: Paths, effects: Effects | None = None, force: bool = False, record_mkdocs: Path | None = None,
               pages_cache: bool = True, wait: bool = True, release: bool = False) -> dict:
    """The whole pipeline; the previous site/ stays intact unless everything succeeded. Its messages and its
    changes to docs/ and site/ go through effects (sitegen/effects.py; default: stderr and the disk). One build
    at a time per project: another build waits for this one (sitegen/write/lock.py). For measuring
    (scripts/benchmark.py): record_mkdocs and pages_cache, see build_languages. release: also refuse what is not
    ready to go out (sitegen/check/release.py)."""
    from .write.lock import build_lock

    fx = effects or Effects()
    with build_lock(paths, wait=wait, log=fx.log), signals.deferred():
        return build_locked(paths, fx, force, record_mkdocs, pages_cache, release)


def build_locked(paths: Paths, fx: Effects, force: bool, record_mkdocs: Path | None, pages_cache: bool,
                 release: bool = False) -> dict:
    """build_site, holding the build lock."""
    clock = Stopwatch()
    problems = Problems()
    if is_content_folder(paths.content):  # else that is the one problem: where it would build follows from it
        check_output_location(paths, problems)
        check_config(paths, problems)
    if record_mkdocs is not None and (wrong := record_problem(record_mkdocs, paths.root)):
        problems.add(str(record_mkdocs), 0, *wrong)
    report = read_report(paths, problems)
    if release and report is not None:
        check_release(paths, report, problems)
    if problems or report is None:
        raise BuildError(problems)
    with output_lock(paths.site, log=fx.log):  # builds aimed at this folder wait; builds into its siblings do not
        check_owner(paths, problems)  # again, under the lock: a build may have published here meanwhile
        if problems:
            raise BuildError(problems)
        stamps = source_stamps(paths, list(report.content.languages))
        clock.lap("read and validate")
        expected = expected_changes(paths, stamps) if pages_cache else list(report.content.languages)
        info = build_validated(paths, report, fx, force, problems, expected, clock, record_mkdocs, pages_cache)
        remember_stamps(paths, stamps, fx)
    return info


def build_validated(paths: Paths, report, fx: Effects, force: bool, problems: Problems, expected: list[str],
                    clock: Stopwatch, record_mkdocs: Path | None = None, pages_cache: bool = True) -> dict:
    """The checked report -> the published site: the pages rendered into docs/, MkDocs and Pagefind per language,
    the pictures, the root files, all in a staged folder that replaces site/ only when every step succeeded."""
    cache = paths.cache_dir
    renderer = Renderer(report, paths.templates, paths.site_url, memo=partial(cached, cache),
                        bytecode_cache=jinja_bytecode(cache / "jinja"))
    pictures = image_jobs(paths, report, renderer, explainer_models(renderer))
    assets = collect_assets(paths, report)
    stage = new_stage(paths, fx)
    ident = stage_identity(stage)
    jobs = mkdocs_jobs(paths, report, renderer, assets, stage)
    ahead = mkdocs = None
    try:
        ahead = DrawAhead(cache, pictures)  # checked and drawn meanwhile, in other processes (forked before MkDocs')
        mkdocs = MkDocsWorker(paths.root, paths.config, paths.docs, jobs, expected)  # ready while pages render
        pages, data_files = render_pages(paths, report, renderer, ahead, problems)
        clock.lap("render")
        write_docs(paths, pages, data_files, force, problems, fx)
        clock.lap("docs and assets")
        fresh = build_languages(paths, report, stage, mkdocs, clock, fx, record_mkdocs, pages_cache)
        write_root_files(paths, report, renderer, assets, stage, fx)
        write_images(paths, pictures, stage, ahead, fx)
        copy_photos(paths, report, stage, fx)
        clock.lap("root, share images, photos")
        write_hosting_files(paths, stage, fx)
        clock.lap("headers and gzip")
        publish(stage, paths.site, fx, ident, site_files(jobs, [j.path for j in pictures]))
        clock.lap("publish")
    except BaseException:
        if ahead is not None:
            ahead.stop()
        fx.remove_tree(stage)
        raise
    finally:
        if mkdocs is not None:
            mkdocs.close()
    for w in problems.warnings:
        fx.log(str(w))
    return {"pages": len(pages), "html_files": sum(1 for _ in paths.site.rglob("*.html")), "seconds": clock.total(),
            "warnings": len(problems.warnings), "timings": clock.laps, "fresh": fresh,
            "languages": list(report.content.languages),
            "listing": report_listing(paths, report, renderer),  # what a portal's index shows of it
            "indicators": report_indicators(report)}  # what a portal compares of it


def site_files(jobs: dict, pictures: list[str]) -> list[str]:
    """The files every built site has (a stage missing one was damaged during the build: never published)."""
    pages = [f"{lang}/" + ("" if src == "index.md" else src[:-3] + "/") + "index.html"
             for lang, job in jobs.items() for item in job["nav"] for src in item.values()]
    search = [f"{lang}/pagefind/pagefind.js" for lang in jobs]
    return ["index.html", "404.html", "sitemap.xml", "robots.txt", SITE_MARKER, "_headers", *pages, *search, *pictures]


def render_pages(paths: Paths, report, renderer: Renderer, ahead: DrawAhead, problems: Problems) -> tuple:
    """(every page, each language's data files); or BuildError with every problem of the templates and of the
    pictures' texts (a character the font lacks) together, before docs/ is touched."""
    pages = []
    try:
        pages = renderer.render_all()
    except jinja2.TemplateError as e:
        problems.add(*template_error_place(e, paths.root), f"template error: {e.message or e}",
                     "a template uses a variable or filter that does not exist")
    problems.extend(ahead.problems())
    if problems:
        raise BuildError(problems)
    return pages, {lang: data_files(renderer, lang) for lang in report.content.languages}
