"""build.py proof: build the report exactly as build.py does, then read back what was published and write its proof
sheet — one printable HTML file beside the output folder (site.proof.html beside site/, site-NAME.proof.html beside
site-NAME/) — and print its path last.

Beside the output, not in it: the sheet is for the people who publish, not for readers, so it is never published;
the output's parent already holds what a build makes (the site, and the staged and old copies while it swaps them),
never a source folder (check/output.py keeps an output out of site_src/, seeds/, templates/ …), and the sheet of each
report has a name of its own. Written atomically (a temporary file, then a rename): a reader never sees half a sheet.
"""
from __future__ import annotations

import time
from pathlib import Path

from ..check.places import chart_picture_places, download_places, long_image_places, pages_places, with_earlier
from ..check.report import read_report
from ..check.unbacked import unbacked_numbers
from ..effects import Effects
from ..problems import Problems
from ..read.paths import Paths
from ..render.pages import Renderer
from ..render.pictures import explainer_models
from ..render.proof import proof_model, render_sheet, share_card_places


def sheet_path(paths: Paths) -> Path:
    """Where a report's proof sheet goes: beside its output folder, named after it."""
    return paths.site.parent / f"{paths.site.name}.proof.html"


def read_back(paths: Paths, renderer: Renderer) -> tuple[list, list]:
    """(every place of the built site that shows a figure, every number shown with no figure behind it)."""
    site, report = paths.site, renderer.r
    earlier = {f.to: f.id for f in report.figures.figures if f.role == "baseline" and f.to}
    explainers = explainer_models(renderer)
    places, unbacked = [], []
    for lang in report.content.languages:
        found, texts = pages_places(site, lang)
        labels = {f.id: f.label[lang] for f in report.figures.figures}
        for chart in report.figures.charts:
            found += chart_picture_places(site, lang, chart, labels)
        for page, _ in explainers:
            if page.lang == lang:
                found += long_image_places(site, lang, page.slug)
        found += download_places(site, lang, renderer.strings[lang])
        places += with_earlier(found, earlier)
        unbacked += unbacked_numbers(texts, lang, report)
    places += with_earlier(share_card_places(renderer, explainers), earlier)
    return places, unbacked


def write_proof(paths: Paths, effects: Effects | None = None) -> tuple[Path, dict]:
    """Read back the built site of paths and write its proof sheet; (its path, the sheet's model)."""
    problems = Problems()
    report = read_report(paths, problems)   # the build just checked it: no problem can be new here
    if report is None:
        raise RuntimeError(f"the report could not be read again after its build: {problems.items}")
    renderer = Renderer(report, paths.templates, paths.site_url)
    places, unbacked = read_back(paths, renderer)
    model = proof_model(renderer, places, unbacked, paths)
    target = sheet_path(paths)
    (effects or Effects()).write(target, render_sheet(paths.templates, model), atomic=True)
    return target, model


def proof(args, paths: Paths, build) -> int:
    """The proof command: build (its problems printed and exit 1 if it fails: no sheet), then the sheet. The
    project's build lock is held from the build to the sheet, and the output folder's while the sheet reads the
    site (write/lock.py): no build of this project, and no build aimed at this folder, replaces the site it reads.
    The output's lock is taken once the build has checked where it writes (a refused build makes no lock file)."""
    from ..write.lock import build_lock, output_lock

    log = (args.effects or Effects()).log
    with build_lock(paths, log=log):
        code = build(args)
        if code != 0:
            return code
        with output_lock(paths.site, log=log):
            start = time.perf_counter()
            target, model = write_proof(paths, args.effects)
    print(f"proof sheet: {len(model['entries'])} figures, {model['places']} places, {model['flags']} flag(s), "
          f"{len(model['unbacked'])} number(s) with no figure behind them, in {time.perf_counter() - start:.2f} s")
    print(target)
    return 0
