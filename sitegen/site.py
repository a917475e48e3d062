"""build_site: validated content -> docs/ -> MkDocs per language -> a complete site, swapped in at once."""
from __future__ import annotations

import base64
import contextlib
import ctypes
import hashlib
import json
import os
import pickle
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from functools import partial
from html import escape as html_escape
from pathlib import Path

import jinja2
import yaml

from . import signals
from .article import ReaderConfig, read_article
from .cache import cached, clean_leftovers, jinja_bytecode
from .content import is_content_folder, read_content
from .engine import MkDocsWorker, template_error_place, write_mkdocs_records
from .figures import read_figures, validate_figures
from .paths import Paths, expected_changes, remember_stamps, source_stamps
from .problems import BuildError, Problems, shown
from .render import CHART_DIR, Renderer
from .validate import check_pages, validate_report
from .yamlsrc import read_source

MANIFEST = ".manifest.json"
KEEP = 8  # cached builds of one language's pages (or search index) kept: the most recently used
FastDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: same output, several times faster


def read_report(paths: Paths, problems: Problems):
    """Read and validate content, seed and figures; every problem collected."""
    content = read_content(paths.content, problems, paths.templates / "glossary-base.yml")
    if not is_content_folder(paths.content):  # reported by read_content; nothing else can be read
        return None
    check_languages(paths, content, problems)
    content.build_args = "" if paths.own else f" --content {shown(paths.content)}"
    check_address(paths, content, problems)
    article = None
    if content.seed is not None:  # else report.yml is unreadable or names no seed: already reported
        reader = ReaderConfig(stray=tuple(s["text"] for s in content.stray), credit_roles=content.credit_roles)
        article = read_article(content.seed, reader, problems)
    if article is None:  # what does not depend on the seed is still checked: all problems in one run
        check_pages(content, None, read_figures(content, problems), problems)
        return None
    figs = read_figures(content, problems)
    # an unreadable figures file would make every figure check fail: report it alone
    report = validate_report(content, article, figs, problems, figures_ok=content.figures_data is not None)
    if content.figures_data is not None:
        validate_figures(content, figs, report.units, report.candidates, problems)
    return report


SITE_MARKER = ".sitegen-site"  # written into every site this generator builds: the next build may replace it
MARKER_TEXT = "A site built by build.py (sitegen). The next build replaces this whole folder.\n"
PROTECTED = (".git", "sitegen", "templates", "seeds", "tests", "docs", ".cache", "tools", "scripts", "guide")
# Folders the site may be put inside (a second report's site goes to tests/fixtures/NAME/site), though
# never be, nor contain: the project itself, tests/, the home folder.
HOLDERS = ("", "tests")


def overlap(a: Path, b: Path) -> bool:
    """a and b are the same folder, or one is inside the other."""
    return a == b or a in b.parents or b in a.parents


def guarded(paths: Paths, allowed: tuple[str, ...] = ()) -> tuple[list[Path], list[Path]]:
    """(folders nothing of the build may overlap, folders the build may only go inside), resolved."""
    whole = [paths.content.resolve(), paths.templates.resolve()]
    whole += [(paths.root / name).resolve() for name in PROTECTED if name not in HOLDERS + allowed]
    holders = [(paths.root / name).resolve() for name in HOLDERS] + [Path.home().resolve(), Path("/")]
    return whole, holders


def refused_by(target: Path, paths: Paths, allowed: tuple[str, ...] = (), also: tuple[Path, ...] = ()) \
        -> Path | None:
    """The project folder (or one of also) that target would overwrite or delete, if any."""
    whole, holders = guarded(paths, allowed)
    for folder in holders:
        if target == folder or target in folder.parents:
            return folder
    for folder in whole + [p.resolve() for p in also]:
        if overlap(target, folder):
            return folder
    return None


def is_built_site(folder: Path, paths: Paths) -> bool:
    """A folder this generator built: it has the marker, or (built by a version before the marker) the
    build records name it and it has a built site's shape."""
    try:
        if (folder / SITE_MARKER).read_text(encoding="utf-8") == MARKER_TEXT:
            return True
    except (OSError, UnicodeDecodeError):
        pass
    from .paths import read_records

    shape = all((folder / n).is_file() for n in ("index.html", "sitemap.xml", "robots.txt")) \
        and any((folder / "assets").glob("site.*.css"))
    return shape and str(folder) in read_records(paths)


def is_built_docs(folder: Path) -> bool:
    """A docs folder this generator wrote (it has a manifest), or one holding nothing but a README note."""
    if os.path.lexists(folder / MANIFEST):  # even a damaged one: read_manifest says what is wrong with it
        return True
    return all(p.is_file() and p.name.upper().startswith("README") for p in folder.iterdir())


def check_languages(paths: Paths, content, problems: Problems) -> None:
    """Every language of report.yml has its interface words in templates/strings.yml (menus, dates, labels)."""
    from .yamlsrc import read_yaml

    strings = read_yaml(paths.templates / "strings.yml", problems)
    if not isinstance(strings, dict):
        if strings is not None:
            problems.add(shown(paths.templates / "strings.yml"), 1, "the interface words must be a mapping of "
                         "language code to words")
        return
    for lang in content.languages:
        if lang not in strings:
            problems.add(shown(paths.content / "report.yml"), content.languages_line,
                         f"language '{lang}' has no interface words in templates/strings.yml "
                         f"(it has {', '.join(map(str, strings))})",
                         f"remove '{lang}' from languages, or add a '{lang}:' section to templates/strings.yml "
                         f"translating every entry of another language")


def built_site_above(folder: Path, paths: Paths) -> Path | None:
    """The nearest folder above this one that is a site this generator built (it has the marker), if any."""
    return next((p for p in folder.parents if (p / SITE_MARKER).is_file() and is_built_site(p, paths)), None)


def check_output_location(paths: Paths, problems: Problems) -> None:
    """Write the site only into a folder that is absent, empty or a site built here before, and never
    into (or over) a folder of the project; the same for the generated pages (docs_dir)."""
    site = paths.site.resolve()
    src = refused_by(site, paths, also=(paths.docs,))
    check_docs_location(paths, problems, also=() if src is not None else (paths.site,))
    if src is not None:
        problems.add(str(paths.site), 0, f"the output folder overlaps the project's folder {src}",
                     f"choose an output folder outside the project's own folders (seeds/, {shown(paths.content)}/, "
                     "templates/, sitegen/, docs/, .git/ …), e.g. site/ or a new folder")
    elif built_site_above(site, paths) is not None:
        problems.add(str(paths.site), 0, f"the output folder is inside the site {built_site_above(site, paths)}: "
                     "it would be published with that site, and deleted by its next build",
                     "choose a folder outside every built site, e.g. site-NAME beside site/")
    elif site.exists() and not site.is_dir():
        problems.add(str(paths.site), 0, "the output folder is a file", "choose a new or empty folder")
    elif site.is_dir() and any(site.iterdir()) and not is_built_site(site, paths):
        problems.add(str(paths.site), 0, "the output folder is not empty and is not a site this build made "
                     f"(it has no {SITE_MARKER}): the build would replace everything in it",
                     "choose a new or empty folder, or delete this one yourself if it is an old site")


def check_docs_location(paths: Paths, problems: Problems, also: tuple[Path, ...]) -> None:
    """The generated pages go to a folder of their own (docs/ or inside it by default): never a source
    folder, the site, or an existing folder this build did not write."""
    docs = paths.docs.resolve()
    src = refused_by(docs, paths, allowed=("docs",), also=also)
    if src is not None:
        problems.add(str(paths.config), 0, f"docs_dir {paths.docs} overlaps the folder {src}",
                     "docs_dir is rewritten by every build: give it a folder of its own, e.g. docs")
    elif docs.exists() and not docs.is_dir():
        problems.add(str(paths.config), 0, f"docs_dir {paths.docs} is a file", "choose a new or empty folder")
    elif docs.is_dir() and not is_built_docs(docs):
        problems.add(str(paths.config), 0, f"docs_dir {paths.docs} is not empty and was not written by this "
                     f"build (it has no {MANIFEST}): the build would overwrite its files",
                     "docs_dir is rewritten by every build: choose a new or empty folder")


def check_address(paths: Paths, content, problems: Problems) -> None:
    """Each report has one address of its own: a content folder other than the configuration's own must
    say where it is published (publish: in its report.yml), and never builds into the default report's site."""
    if not content.publish_line:  # report.yml missing or unreadable: reported as such, nothing to add
        return
    where = shown(paths.content / "report.yml")
    publish = content.publish or {}
    line = (publish.get("lines") or {}).get("site_url", content.publish_line)
    config = shown(paths.config)
    if paths.own:
        if publish.get("site_url") and publish["site_url"].rstrip("/") != paths.site_url.rstrip("/"):
            problems.add(where, line, f"publish.site_url {publish['site_url']!r} differs from site_url "
                         f"{paths.site_url!r} of {config}, which builds this content folder",
                         f"this report's address is set in {config}: remove publish.site_url or make them agree")
    elif not paths.site_url:
        name = paths.content.name
        out = paths.site.name
        problems.add(where, content.publish_line,
                     f"this report has no address of its own (it is not the content folder of {config})",
                     f"add to {where}:  publish: {{site_url: 'https://{name}.example.org/', output: {out}}}"
                     " — the address its canonical links, sitemap, share tags and QR codes will use")
    if paths.site_url and not SITE_URL.match(paths.site_url) and "TODO:" not in paths.site_url:
        problems.add(where if not paths.own else config, line if not paths.own else 0,
                     f"site_url {paths.site_url!r} is not an absolute http(s) address",
                     "write it as https://example.org/ or https://example.org/report/")
    if not paths.own and paths.site == paths.default_site:
        problems.add(where, (publish.get("lines") or {}).get("output", content.publish_line),
                     f"the output folder {shown(paths.site)} is the site of the report of {config}",
                     "give this report an output folder of its own (publish.output, or --out)")


# an absolute http(s) address with nothing that could leave an attribute or a URL: no quotes, spaces,
# angle brackets, backslashes, control or invisible characters (the site's address is in every page's head)
SITE_URL = re.compile(r"^https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?"
                      r"(?:/[A-Za-z0-9._~!$&()*+,;=:@%/-]*)?$")


def check_site_url(paths: Paths, problems: Problems) -> None:
    """site_url of the MkDocs configuration: an absolute http(s) URL that is safe to write into pages."""
    from .yamlsrc import read_yaml

    where = shown(paths.config)
    cfg = read_yaml(paths.config, problems)
    if not isinstance(cfg, dict):
        return
    url, line = cfg.get("site_url"), cfg.line_of("site_url")
    hint = "the address the site is published at, e.g. site_url: https://report.example.org/"
    if not isinstance(url, str) or not url:
        problems.add(where, line, "site_url must be the site's absolute address (http or https)", hint)
    elif not SITE_URL.match(url):
        bad = next((ch for ch in url if not ch.isascii() or not (ch.isalnum() or ch in "._~!$&()*+,;=:@%/-")), None)
        what = f"the character {bad!r} (U+{ord(bad):04X})" if bad else "no http:// or https:// address"
        problems.add(where, line, f"site_url {url!r} is not a plain absolute http(s) URL: {what}", hint)


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def sri(data: bytes) -> str:
    """A Subresource Integrity hash: on a script tag and in the CSP, it lets this one file run and no other."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


def report_css(report) -> str:
    """Star and area colours as classes (no inline styles: the pages keep a strict CSP)."""
    lines = ["/* generated from site_src: one hue per star, used for cards, icons, text and charts */"]
    for s in report.content.stars:
        lines.append(f".g-{s.id} {{ --accent: {s.colour}; }}")
    return "\n".join(lines) + "\n"


def card_model(renderer: Renderer, page, explainers: list[tuple]) -> dict | None:
    """The explainer model a page's share card is drawn from: the explainer page's own, and the home page's (with
    the site's name in the badge) — the five stars' figures read better in a preview than one headline figure."""
    model = next((m for p, m in explainers if p.lang == page.lang), None)
    if model is None or page.template not in ("explainer", "home"):
        return None
    return model if page.template == "explainer" else {**model, "badge": renderer.c.meta[page.lang]["site_name"]}


@dataclass(frozen=True)
class ImageJob:
    """One picture (or list) the build publishes: made by make() once per key, kept in .cache/<kind>/. Jobs of
    one key (a chart's card and SVG; a long image, its runs and its card) are drawn by the same process, after
    check(), when given, found nothing wrong with what they show."""

    kind: str
    key: str
    make: object       # () -> bytes
    path: str          # where it goes in the site: <lang>/<slug>/share.png …
    check: object = None  # () -> Problems: every text of the picture can be drawn (the font has each character)


FONT_HINT = "use characters the font has (no emoji, zero-width or direction marks)"


def image_jobs(paths: Paths, report, renderer: Renderer, explainers: list[tuple]) -> list[ImageJob]:
    """Every share card, chart card and SVG, long image and its runs list of the site, each with its check."""
    from .render import LONG_IMAGE

    jobs = []
    for lang in renderer.c.languages:
        for page in renderer.ordered(lang):
            folder = f"{lang}/" + ("" if page.slug == "index" else f"{page.slug}/")
            if page.template == "chart":
                spec = renderer.chart_card_spec(page)
                key = json.dumps(spec, sort_keys=True, ensure_ascii=False)
                check = partial(chart_card_check, page, spec, key)
                jobs += [ImageJob("chart-card", key, partial(draw_chart_card, spec, key), folder + "share.png", check),
                         ImageJob("chart-svg", key, partial(draw_chart_svg, spec, key), folder + "chart.svg")]
                continue
            model = card_model(renderer, page, explainers)
            if model is not None:
                # the home page's card is the long image's, but its texts (site name, place, title) are checked as
                # the home page's share card, so a problem is named where it is written
                check = partial(share_card_check, paths, report, page, renderer.share_spec(page)) \
                    if page.template == "home" else None  # the explainer page's: with its long image
                jobs.append(ImageJob("explainer-card", long_image_key(renderer, model),
                                     partial(draw_explainer_card, model, renderer.icons), folder + "share.png", check))
                continue
            spec = renderer.share_spec(page)
            jobs.append(ImageJob("share", json.dumps(spec, sort_keys=True, ensure_ascii=False),
                                 partial(draw_share_card, spec), folder + "share.png",
                                 partial(share_card_check, paths, report, page, spec)))
    for page, model in explainers:
        key, folder = long_image_key(renderer, model), f"{page.lang}/{page.slug}/"
        jobs += [ImageJob("explainer", key, partial(draw_long_image, model, renderer.icons), folder + LONG_IMAGE,
                          partial(long_image_check, page, model)),
                 ImageJob("explainer-runs", key, partial(draw_runs, model),
                          folder + LONG_IMAGE.replace(".png", ".json"))]
    return jobs


def share_card_check(paths: Paths, report, page, spec: dict) -> Problems:
    """A page's share card can be drawn — each character in the font, a title, a figure that fits — or each
    problem names the file and line of the text."""
    from .share import ShareError, card_problems

    problems = Problems()
    try:
        found = card_problems(**spec)
    except ShareError as e:  # no font at all: the machine, not the content
        problems.add("share cards", 0, str(e))
        return problems
    for role, message in found:
        where, line = share_text_place(paths, report, page, role)
        problems.add(where, line, f"page {page.lang}/{page.slug}: {message}", FONT_HINT)
    return problems


def chart_card_check(page, spec: dict, key: str) -> Problems:
    """A chart's card can be drawn (each character in the font), or the problem names the chart in figures.yml."""
    from .chartcard import card_glyph_problems
    from .share import ShareError

    problems = Problems()
    try:
        found = card_glyph_problems(chart_layout(spec, key))
    except ShareError as e:
        problems.add(shown(Path(page.path)), page.lines.get("title", 0), f"chart {page.slug}: {e}")
        return problems
    for message in found:
        problems.add(shown(Path(page.path)), page.lines.get("title", 0), f"chart {page.slug} ({page.lang}): {message}",
                     FONT_HINT)
    return problems


def long_image_check(page, model: dict) -> Problems:
    """Every text of a long image and of its card can be drawn with the font (never tofu), or the problem names
    the explainer page."""
    from .explainer import card_layout, check_glyphs, layout
    from .share import ShareError

    problems = Problems()
    try:
        found = check_glyphs(layout(model)[0] + card_layout(model)[0])
    except ShareError as e:  # no font at all: the machine, not the content
        problems.add("long image", 0, str(e))
        return problems
    for message in found:
        problems.add(page.path, 1, f"page {page.lang}/{page.slug}: {message}", FONT_HINT)
    return problems


_chart_layouts: dict[str, object] = {}


def chart_layout(spec: dict, key: str):
    """layout_chart(**spec), once per chart in a process: its check, its card and its SVG share it."""
    if key not in _chart_layouts:
        from .chartcard import layout_chart

        _chart_layouts[key] = layout_chart(**spec)
    return _chart_layouts[key]


# Pillow (and segno) are imported only when a picture must be drawn; every text was checked for the font first
# (the jobs' checks: share_card_check, chart_card_check, long_image_check), so the drawing functions do not check
# again.
def draw_share_card(spec: dict) -> bytes:
    from .share import share_image

    return share_image(**spec)


def draw_chart_card(spec: dict, key: str) -> bytes:
    from .chartcard import chart_png

    return chart_png(chart_layout(spec, key), checked=True)


def draw_chart_svg(spec: dict, key: str) -> bytes:
    from .chartcard import chart_svg

    return chart_svg(chart_layout(spec, key), spec["title"]).encode("utf-8")


def draw_explainer_card(model: dict, icons: dict) -> bytes:
    from .explainer import explainer_card

    return explainer_card(model, icons, checked=True)


def draw_long_image(model: dict, icons: dict) -> bytes:
    from .explainer import long_image

    return long_image(model, icons, checked=True)


def draw_runs(model: dict) -> bytes:
    from .explainer import runs_json

    return runs_json(model).encode("utf-8")


JOB_COST = {"explainer": 12, "explainer-card": 3}  # rough drawing time of a picture, in share cards


def job_groups(jobs: list[ImageJob]) -> list[list[ImageJob]]:
    """The jobs by key (the jobs of one key share their check and layout), the costliest group first: handed out
    in that order, the last pictures drawn are small ones and the processes finish together."""
    groups: dict[str, list[ImageJob]] = {}
    for job in jobs:
        groups.setdefault(job.key, []).append(job)
    return sorted(groups.values(), key=lambda g: -sum(JOB_COST.get(j.kind, 1) for j in g))


class Tickets:
    """Numbers 0..n-1 handed out once each to whichever process asks first (a pipe filled before the processes
    fork; reads of 4 bytes from a pipe are atomic). Past what a pipe holds, a ticket stands for several numbers."""

    SIZE = 4

    def __init__(self, n: int):
        per = max(1, -(-n * self.SIZE // 60_000))  # numbers per ticket: the tickets fit the pipe's 64 KiB
        self.n, self.per = n, per
        self.r, w = os.pipe()
        os.write(w, b"".join(i.to_bytes(self.SIZE, "little") for i in range(0, n, per)))
        os.close(w)   # once the tickets are taken a read returns nothing

    def take(self):
        """The numbers of the next ticket (none when every ticket is taken)."""
        data = os.read(self.r, self.SIZE)
        if len(data) < self.SIZE:
            return range(0)
        first = int.from_bytes(data, "little")
        return range(first, min(first + self.per, self.n))

    def __iter__(self):
        while numbers := self.take():
            yield from numbers

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.r)


UNCHECKED, FINE, WRONG = 0, 1, 2


class DrawAhead:
    """Checks and draws the pictures missing from .cache/ while the pages are rendered and MkDocs runs.

    Drawing (Pillow, segno) is most of a cold build's work and needs nothing else of the build, so it runs in
    forked processes, one per core. Each takes groups of pictures to check from one set of tickets until none are
    left, tells the build what it found (a character the font lacks, by file and line), then takes groups to draw
    into .cache/ from a second set (whole entries only: cache.store renames); a group is drawn only once its
    check found nothing (its state is in memory the processes share). problems() waits for the checks; help()
    lets the build draw what is left once its own work is done, so all finish together; join() waits for the
    drawings and raises what went wrong. Where forking is not safe (other threads run, as in the preview) a
    thread does the same work. Created before MkDocsWorker forks, so that no process holds another's pipes."""

    def __init__(self, cache: Path, jobs: list[ImageJob], workers: int | None = None):
        from .cache import entry
        from .engine import can_fork

        self.cache, self.stopping = cache, False
        self.todo = [j for j in jobs if not entry(cache, j.kind, j.key).is_file()]
        self.groups = job_groups(self.todo)
        self.children: list[tuple[int, object]] = []  # (pid, the read end of its report pipe)
        self.found: Problems | None = None
        self.thread, self.error, self.checked = None, None, threading.Event()
        self.to_check = self.to_draw = None
        if not self.todo:
            self.found = Problems()
            return
        if can_fork():
            import mmap

            self.state = mmap.mmap(-1, len(self.groups))  # shared with the forked processes
            for i, group in enumerate(self.groups):
                if all(j.check is None for j in group):
                    self.state[i] = FINE
            self.to_check, self.to_draw = Tickets(len(self.groups)), Tickets(len(self.groups))
            for _ in range(max(1, min(workers or os.cpu_count() or 1, len(self.groups)))):
                self.fork()
        else:
            self.found = Problems()
            self.thread = threading.Thread(target=self.in_thread, name="draw-ahead", daemon=True)
            self.thread.start()

    def over(self) -> bool:
        return self.stopping or bool(signals.received)

    def check_group(self, i: int, problems: Problems) -> None:
        found = Problems()
        for job in self.groups[i]:
            if job.check is not None:
                found.extend(job.check())
        problems.extend(found)
        self.state[i] = WRONG if found else FINE

    def draw_group(self, i: int) -> None:
        while self.state[i] == UNCHECKED:   # another process is checking it
            if self.over():
                return
            time.sleep(0.002)
        if self.state[i] == FINE:
            for job in self.groups[i]:
                if self.over():
                    return
                cached(self.cache, job.kind, job.key, job.make)

    def fork(self) -> None:
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the drawing process: never returns into the build's code
            code = 1
            try:
                os.close(r)
                with os.fdopen(w, "wb") as out:
                    try:
                        problems = Problems()
                        for i in self.to_check:
                            if self.over():
                                break
                            self.check_group(i, problems)
                        pickle.dump(("checked", problems.items), out)
                        out.flush()
                        for i in self.to_draw:
                            if self.over():
                                break
                            self.draw_group(i)
                        pickle.dump(("drawn", None), out)
                    except BaseException as e:  # noqa: BLE001 — reported to the build, which raises it
                        pickle.dump(("failed", "".join(traceback.format_exception(e))), out)
                code = 0
            finally:
                os._exit(code)
        os.close(w)
        self.children.append((pid, os.fdopen(r, "rb")))

    def in_thread(self) -> None:
        self.state = bytearray(len(self.groups))
        try:
            for i in range(len(self.groups)):
                self.check_group(i, self.found)
            self.checked.set()
            if not self.found:
                for i in range(len(self.groups)):
                    if self.over():
                        return
                    self.draw_group(i)
        except BaseException as e:  # handed to the build by join(), which raises it there
            self.error = e
        finally:
            self.checked.set()

    def answer(self, pipe, wanted: str):
        """The next message of a drawing process, if it is the one wanted (a process that failed or was killed
        sends something else, or nothing)."""
        try:
            kind, value = pickle.load(pipe)
        except (EOFError, pickle.UnpicklingError):
            kind, value = "failed", "a drawing process stopped without an answer"
        if kind == "failed":
            self.error = self.error or RuntimeError(f"drawing the share images failed:\n{value}")
            return None
        return value if kind == wanted else None

    def problems(self) -> Problems:
        """Every problem the checks found (waits for the checks, not for the drawings)."""
        if self.found is None:
            found = Problems()
            for _, pipe in self.children:
                items = self.answer(pipe, "checked")
                found.items.extend(p for p in items or () if p not in found.items)
            self.found = found
        elif self.thread is not None:
            self.checked.wait()
        if self.error is not None:
            raise self.error
        return self.found

    def help(self) -> None:
        """Draw, in this process, the groups no drawing process has taken yet (all are checked by now)."""
        if self.to_draw is not None and not self.problems():
            for i in self.to_draw:
                if self.over():
                    break
                self.draw_group(i)

    def join(self) -> None:
        """Wait for every drawing; raise what went wrong."""
        self.problems()
        if self.thread is not None:
            self.thread.join()
        for pid, pipe in self.children:
            self.answer(pipe, "drawn")
            pipe.close()
            os.waitpid(pid, 0)
        self.children = []
        self.close()
        if self.error is not None:
            raise self.error

    def close(self) -> None:
        for tickets in (self.to_check, self.to_draw):
            if tickets is not None:
                tickets.close()

    def stop(self) -> None:
        """After a failed build: each drawing process finishes the picture it draws and draws no more (nothing
        writes to .cache/ once the build has let go of its lock)."""
        self.stopping = True
        for pid, pipe in self.children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)  # deferred by signals.on_signal: it stops after the current picture
            pipe.close()
            os.waitpid(pid, 0)
        self.children = []
        self.close()
        if self.thread is not None:
            self.thread.join()


def write_images(paths: Paths, jobs: list[ImageJob], stage: Path, ahead: DrawAhead) -> None:
    """Every picture into the staged site (from .cache/, where DrawAhead put what was new)."""
    ahead.help()
    ahead.join()
    for job in jobs:
        target = stage / job.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(cached(paths.root / ".cache", job.kind, job.key, job.make))


def long_image_key(renderer: Renderer, model: dict) -> str:
    """The cache key of a long image: everything it shows and the icons it draws."""
    icons = {s["icon"]: renderer.icons.get(s["icon"], "") for s in model["stars"]}
    return json.dumps([model, icons], sort_keys=True, ensure_ascii=False, default=str)


def explainer_models(renderer: Renderer) -> list[tuple]:
    """(page, model) of each language's 一图读懂 page."""
    from .explainer import explainer_model

    out = []
    for lang in renderer.c.languages:
        page = renderer.explainer_page(lang)
        if page is not None:
            out.append((page, explainer_model(renderer, lang)))
    return out


def share_text_place(paths: Paths, report, page, role: str) -> tuple[str, int]:
    """The file and line a text of a page's share card comes from."""
    c = report.content
    report_yml = shown(paths.content / "report.yml")
    star = c.star(page.star) if page.star else None
    if role == "title" and page.template == "home":  # the article's title: the seed's, or its translation
        unit = c.translations.get(page.lang, {}).get("title")
        if unit is not None:
            return shown(paths.content / "translations" / f"{page.lang}.yml"), unit.line
        return shown(c.seed), report.article.title.line
    if role == "title":
        return page.path, page.lines.get("title", 1)
    if role in ("kicker", "icon") and star is not None:
        return report_yml, star.line
    if role in ("site name", "kicker"):
        return report_yml, c.meta_lines.get(page.lang, {}).get("site_name" if role == "site name" else "place", 0)
    figure = report.figures.by_id().get(star.headline) if star is not None else None
    if figure is not None:
        return shown(paths.content / "figures.yml"), figure.line_of("label" if role == "label" else "text")
    return shown(paths.templates / "strings.yml"), 0  # the money total's words are interface strings


def copy_photos(paths: Paths, report, stage: Path) -> None:
    """The photos named in article.yml, shared by both languages: site/photos/ at the same relative path
    as in the content's photos/ (validated: inside it, images within the limits)."""
    for photo in report.content.photos:
        src = paths.content / "photos" / photo.file if photo.file else None
        if src and src.is_file():
            target = stage / "photos" / photo.file
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)


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


def read_manifest_file(path: Path, force: bool, problems: Problems) -> dict[str, str]:
    """docs/.manifest.json: generated file -> fingerprint, to tell hand edits from our own output. A
    damaged one is a problem (without it a hand edit could be overwritten) unless --force is given."""
    if not os.path.lexists(path):
        return {}
    found = Problems()
    text = read_source(path, found, "the list of generated files")
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


def write_docs(paths: Paths, pages, data_files: dict, force: bool, problems: Problems) -> None:
    """Write docs/ (generated); refuse to overwrite a file changed by hand unless forced."""
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
        paths.docs.mkdir(parents=True, exist_ok=True)
        write_manifest(manifest_path, {})
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
        f.parent.mkdir(parents=True, exist_ok=True)
        if not f.exists() or f.read_bytes() != data:
            tmp = f.with_name(f".{f.name}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, f)
        new[rel_path] = fingerprint(data)
    for rel_path in set(old) - set(new):
        (paths.docs / rel_path).unlink(missing_ok=True)
    write_manifest(manifest_path, new)


def write_manifest(manifest_path: Path, entries: dict[str, str]) -> None:
    tmp = manifest_path.with_name(MANIFEST + ".tmp")
    tmp.write_text(json.dumps(entries, indent=1, sort_keys=True) + "\n")
    os.replace(tmp, manifest_path)


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
        "integrity": {k: sri(v[1]) for k, v in assets.items() if k.endswith(".js")},
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
    slugs += [f"{CHART_DIR}/{ch.id}" for ch in report.figures.charts if ch.page in c.pages[c.languages[0]]]
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
        signals.check()  # a stage is done: the place where a Ctrl-C or SIGTERM stops the build
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


def has_pages(nav: list[dict]):
    """A check that a cached language has the page of every menu entry (index.md -> index.html)."""
    wanted = [("index.html" if src == "index.md" else src[:-3] + "/index.html")
              for item in nav for src in item.values()]
    return lambda files: all(files.get(name) for name in wanted)


def build_languages(paths: Paths, report, stage: Path, mkdocs: MkDocsWorker, clock: Stopwatch,
                    record_mkdocs: Path | None = None, pages_cache: bool = True) -> dict[str, list[str]]:
    """Each language's pages (MkDocs) and search index (Pagefind) into stage/<lang>/.

    Both are kept in .cache/ by the hash of what they are made from, so a language whose sources did not
    change is copied, not rebuilt: an edit to the English rebuilds the English only. `mkdocs` was started
    with the configuration of each language expected to change. Without pages_cache every language's
    pages are built anew (and stored); record_mkdocs, a file, gets what each MkDocs run was given."""
    from .cache import pack, read_tree, store, unpack_hit, write_tree
    from .search import SUBDIR, complete_index, index_languages, version_key

    cache = paths.root / ".cache"
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
            write_tree(stage / lang, files)
    mkdocs.build(fresh["pages"])
    if record_mkdocs is not None:
        write_mkdocs_records(record_mkdocs, mkdocs.records(fresh["pages"]))
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
            write_tree(stage / lang / SUBDIR, index)
    index_languages(stage, fresh["search"])
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


def build_site(paths: Paths, force: bool = False, log=print, record_mkdocs: Path | None = None,
               pages_cache: bool = True, wait: bool = True) -> dict:
    """The whole pipeline; the previous site/ stays intact unless everything succeeded. One build at a
    time per project: another build waits for this one (sitegen/lock.py). For measuring
    (scripts/benchmark.py): record_mkdocs and pages_cache, see build_languages."""
    from .lock import build_lock

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
    renderer = Renderer(report, paths.templates, base_url, cache=paths.root / ".cache")
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
