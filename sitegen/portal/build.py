"""build_portal: every report of portal.yml built by the report pipeline under <output>/<slug>/, then the portal's
own pages, all in one staged folder swapped in for the output at once (the previous output stays intact otherwise)."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from .. import signals
from ..check.indicators import check_indicators, check_statements
from ..check.output import MARKER_TEXT, SITE_MARKER, is_built_site, refused_by
from ..effects import Effects
from ..pipeline import build_site
from ..problems import BuildError, Problems, shown
from ..read.files import read_bytes, read_text
from ..read.paths import Paths
from ..read.portal import LANGUAGES, Portal, PortalReport, read_portal
from ..render.compare import compare_page, figure_rows, stated_indicators
from ..render.portal import Built, portal_index, portal_root, portal_sitemap, words
from ..write.assets import fingerprint
from ..write.lock import build_lock, output_lock
from ..write.publish import STAGE, publish, recover_site


def build_portal(root: Path, portal_file: Path, fx: Effects | None = None, release: bool = False) -> dict:
    """Read portal.yml, build each report into a staged portal, add the index pages, root, 404 and sitemap, and
    swap the stage in for the output; BuildError with every problem (of portal.yml, or of every failing report)."""
    fx = fx or Effects()
    problems = Problems()
    portal = read_portal(portal_file, problems)
    if portal is None:
        raise BuildError(problems)
    base = Paths.default(root)
    check_portal_output(portal, base, problems)
    check_indicators(portal, problems)
    if problems:
        raise BuildError(problems)
    clock = signals.Stopwatch()
    # the project's lock, and the output folder's (a report's build, or another portal, aimed at it waits), its stage
    # named after it (write/publish.py: new_stage)
    with build_lock(base, log=fx.log), signals.deferred(), output_lock(portal.output, log=fx.log):
        recover_site(portal.output, fx)
        stage = fx.temp_dir(portal.output.parent, f"{STAGE}{portal.output.name}-")
        try:
            built = build_reports(root, portal, stage, fx, release)
            check_statements(portal, [(b.slug, b.indicators) for b in built], problems)
            if problems:  # a figure naming an indicator the portal does not declare, or unlike it
                raise BuildError(problems)
            write_portal_pages(base.templates, portal, built, stage, fx)
            publish(stage, portal.output, fx)
        except BaseException:
            fx.remove_tree(stage)
            raise
    return {"reports": len(built), "seconds": clock.total(), "output": portal.output}


def check_portal_output(portal: Portal, base: Paths, problems: Problems) -> None:
    """The portal goes only into a folder that is absent, empty or a site built here, never over a project folder
    nor over one of its reports' content folders."""
    where = shown(portal.path)
    out = portal.output
    folder = refused_by(out, base, also=tuple(r.content for r in portal.reports))
    if folder is not None:
        problems.add(where, 0, f"the output folder {shown(out)} overlaps the folder {folder}",
                     "choose an output folder of its own, e.g. output: site-portal")
    elif out.exists() and not out.is_dir():
        problems.add(where, 0, f"the output folder {shown(out)} is a file", "choose a new or empty folder")
    elif out.is_dir() and any(out.iterdir()) and not is_built_site(out, base):
        problems.add(where, 0, f"the output folder {shown(out)} is not empty and is not a site this build made (it "
                     f"has no {SITE_MARKER}): the build would replace everything in it", "choose a new or empty folder")


def report_paths(root: Path, portal: Portal, report: PortalReport, stage: Path) -> Paths:
    """Where one report of the portal is built: into the stage's <slug>/, at <portal site_url>/<slug>/, its generated
    pages in docs/portal-<slug>/ (never the report's own docs/ or site, whatever its report.yml says), its build cache
    in .cache/portal/<slug>/ (the report's own, as a report built on another machine has)."""
    own = Paths.default(root, report.content, stage / report.slug)
    docs = Paths.default(root).docs / f"portal-{report.slug}"
    index = tuple((lang, portal.title[lang], f"../../{lang}/") for lang in LANGUAGES)  # from <slug>/<lang>/
    return dataclasses.replace(own, docs=docs, site_url=portal.report_url(report.slug),
                               cache=root / ".cache" / "portal" / report.slug, collection=index)


def build_reports(root: Path, portal: Portal, stage: Path, fx: Effects, release: bool) -> list[Built]:
    """Each report by the report pipeline; a report that fails does not stop the others from being checked, and
    then BuildError lists every failing report's problems, each report named."""
    built, failed = [], Problems()
    for r in portal.reports:
        paths = report_paths(root, portal, r, stage)
        fx.log(f"report {r.slug}: {shown(r.content)} -> {portal.report_url(r.slug)}")
        try:
            info = build_site(paths, fx, release=release)
        except BuildError as e:
            failed.add(shown(portal.path), r.line, f"report {r.slug} ({shown(r.content)}) was not built: "
                       f"{len(e.problems.errors)} problem(s), listed below")
            failed.extend(e.problems)
            continue
        sitemap = read_text(paths.site / "sitemap.xml", "published", paths.site)
        built.append(Built(r.slug, info["listing"], sitemap, info["indicators"],
                           stated_figures(paths.site, info, paths.templates) if info["indicators"] else {}))
    if failed:
        raise BuildError(failed)
    return built


def stated_figures(site: Path, info: dict, templates: Path) -> dict[str, dict]:
    """Per language, the rows of a built report's figures.json (as its pages write each figure) of the figures
    that state an indicator, by figure id."""
    ids = {s["figure"] for s in info["indicators"]}
    out = {}
    for lang in info["languages"]:
        rows = figure_rows(json.loads(read_text(site / lang / "figures.json", "published", site)),
                           words(templates)[lang]["t"])
        out[lang] = {k: v for k, v in rows.items() if k in ids}
    return out


def write_portal_pages(templates: Path, portal: Portal, built: list[Built], stage: Path, fx: Effects) -> None:
    """The portal's own files beside its reports: assets (the theme's CSS), the index per language, the root page,
    the 404, the sitemap, robots.txt and the marker that lets the next build replace the folder."""
    assets = {}
    for name in ("site.css", "favicon.svg"):
        data = read_bytes(templates / "assets" / name, "asset", templates)
        stem, ext = name.rsplit(".", 1)
        assets[name] = f"{stem}.{fingerprint(data)}.{ext}"
        fx.write(stage / "assets" / assets[name], data)
    compared = tuple(stated_indicators(portal, built))
    for lang in LANGUAGES:
        fx.write(stage / lang / "index.html", portal_index(templates, portal, built, lang, assets, compared))
        for ind in compared:
            fx.write(stage / lang / "compare" / ind.id / "index.html",
                     compare_page(templates, portal, built, ind, lang, assets))
    fx.write(stage / "index.html", portal_root(templates, portal, len(built), assets))
    fx.write(stage / "404.html", portal_root(templates, portal, len(built), assets, "portal/404.html"))
    fx.write(stage / "sitemap.xml", portal_sitemap(templates, portal, built, compared))
    fx.write(stage / "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {portal.site_url.rstrip('/')}/sitemap.xml\n")
    fx.write(stage / SITE_MARKER, MARKER_TEXT)
