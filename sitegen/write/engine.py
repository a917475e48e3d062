"""MkDocs, the engine: one build per language of docs/<lang>/ with our theme (templates/theme/).

MkDocs takes about 0.2 s to import and to load a configuration before it builds anything. A build
therefore starts it early, in the forked process of a concurrent.futures pool of one (`MkDocsWorker`) that
gets ready while this process renders the pages on the other core, then builds the languages it is asked
to. Where forking is not safe (other threads running, as in `build.py serve`, whose imports are warm anyway)
or not available, the same functions run in this process; the output is the same.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import traceback
from pathlib import Path

import jinja2
import markupsafe

from ..problems import BuildError, Problems


def template_error_place(e: Exception, root: Path) -> tuple[str, int]:
    """(template path, line) of a Jinja error, from the error or from its traceback."""
    name, line = getattr(e, "filename", None), getattr(e, "lineno", None)
    if not name:
        for frame in reversed(traceback.extract_tb(e.__traceback__)):
            if frame.filename.endswith(".html"):
                name, line = frame.filename, frame.lineno
                break
    if name:
        with contextlib.suppress(ValueError):
            name = str(Path(name).resolve().relative_to(root.resolve()))
    return name or "templates", line or 0


class PrerenderedPages:
    """An MkDocs plugin: our pages are already HTML (rendered from templates/pages), so Markdown need not
    parse them again. The files in docs/ stay ordinary Markdown pages any engine can read; this only
    spares Python-Markdown a second pass over HTML it would pass through unchanged."""

    MARK = "<!-- sitegen:prerendered -->"

    def __init__(self, jinja_cache: Path | None = None):
        self.bodies: dict[str, str] = {}
        self.jinja_cache = jinja_cache
        from mkdocs.plugins import BasePlugin

        self.__class__ = type("PrerenderedPagesPlugin", (PrerenderedPages, BasePlugin), {})
        BasePlugin.__init__(self)

    def on_env(self, env, **_):
        # every value the theme shows (titles, publisher, credits, URLs) is text: escaped on output, as in
        # templates/pages; only the page body, HTML rendered and escaped there, is marked safe (on_page_context)
        env.autoescape = True
        if self.jinja_cache is not None:  # compiled theme templates
            from .cache import jinja_bytecode

            env.bytecode_cache = jinja_bytecode(self.jinja_cache)
        return env

    def on_page_markdown(self, markdown, page, **_):
        self.bodies[page.file.src_uri] = markdown
        return self.MARK

    def on_page_content(self, html, page, **_):
        return self.bodies.pop(page.file.src_uri, html).strip("\n")

    def on_page_context(self, context, page, **_):
        page.content = markupsafe.Markup(page.content or "")  # rendered by templates/pages, escaped there
        return context


def mkdocs_config(root: Path, config: Path, docs: Path, lang: str, out: Path, extra: dict, site_url: str,
                  nav: list):
    """The MkDocs configuration of one language: mkdocs.yml, with docs/<lang> as docs_dir, out as
    site_dir, and what the theme needs in extra."""
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    cfg = load_config(config_file=str(config), docs_dir=str(docs / lang), site_dir=str(out), site_url=site_url,
                      nav=nav)
    cfg["extra"] = {**(cfg.get("extra") or {}), **extra}
    # a folder of its own: Jinja's bytecode cache keys ignore the autoescape setting
    cfg["plugins"]["sitegen-prerendered"] = PrerenderedPages(root / ".cache" / "jinja-theme-escaped")
    return cfg


def mkdocs_record(config: Path, docs: Path, lang: str, job: dict) -> dict:
    """What mkdocs_config is given for one language, as JSON data (`build.py --record-mkdocs FILE`).

    All but the site_dir, a temporary stage: the configuration file, docs_dir, site_url, nav, and the
    extra that mkdocs_config puts over the file's own `extra`. With these, plain `mkdocs build` of the
    same docs_dir uses the same theme, pages and navigation."""
    return {"lang": lang, "config": str(config), "docs_dir": str(docs / lang), "site_url": job["site_url"],
            "nav": job["nav"], "extra": job["extra"]}


def write_mkdocs_records(file: Path, records: list[dict], fx) -> None:
    """The records of this build's MkDocs runs as a JSON list in file (an empty list: MkDocs did not run)."""
    try:
        fx.write(file, json.dumps(records, ensure_ascii=False, indent=1) + "\n", atomic=True, parents=False)
    except OSError as e:
        problems = Problems()
        problems.add(str(file), 0, f"cannot write the record of the MkDocs runs: {e.strerror}",
                     "give --record-mkdocs a file in a folder that exists and is writable")
        raise BuildError(problems) from None


def mkdocs_build(root: Path, lang: str, cfg) -> None:
    """Build one language; MkDocs' and the theme's errors become problems with a place."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort

    try:
        build(cfg)
    except Abort as e:
        problems = Problems()
        problems.add(f"docs/{lang}", 0, f"MkDocs stopped: {e}")
        raise BuildError(problems) from None
    except jinja2.TemplateError as e:  # our theme (templates/theme/) has an error
        problems = Problems()
        problems.add(*template_error_place(e, root), f"template error: {getattr(e, 'message', None) or e}",
                     "fix the theme template named here")
        raise BuildError(problems) from None
    for junk in ("sitemap.xml", "sitemap.xml.gz"):  # the site's own sitemap covers both languages
        (Path(cfg["site_dir"]) / junk).unlink(missing_ok=True)


def run_mkdocs(root: Path, config: Path, docs: Path, lang: str, out: Path, extra: dict, site_url: str,
               nav: list) -> None:
    """One MkDocs build of docs/<lang> into out, in this process."""
    mkdocs_build(root, lang, mkdocs_config(root, config, docs, lang, out, extra, site_url, nav))


def own_thread(t: threading.Thread) -> bool:
    """A thread of one of this build's own concurrent.futures process pools (its manager, its queue's feeder):
    it never holds a lock a forked child needs, so a pool may still fork while it runs."""
    return type(t).__name__ == "_ExecutorManagerThread" or t.name == "QueueFeederThread"


def can_fork() -> bool:
    """Forking is safe here: this is the main thread and no other thread runs but the build's own pools' (in the
    preview a server and a watcher do: the work then runs in this process, or on a thread)."""
    others = [t for t in threading.enumerate() if t is not threading.main_thread() and not own_thread(t)]
    return hasattr(os, "fork") and threading.current_thread() is threading.main_thread() and not others


def started(pool):
    """The pool with its processes forked now (a fork-context pool forks them all at its first task), so that they
    start their work (initializers) while the build goes on."""
    pool.submit(int)
    return pool


# In the MkDocs process: each language's configuration, loaded while the build renders the pages.
_PREPARED: dict[str, tuple] = {}


def prepare_worker(parent: int, root: Path, config: Path, docs: Path, jobs: dict, langs: list[str]) -> None:
    """The MkDocs process's start: die with the build, import MkDocs and load each language's configuration."""
    from .drawing import die_with

    die_with(parent)
    for lang in langs:
        try:
            _PREPARED[lang] = ("ok", mkdocs_config(root, config, docs, lang, **jobs[lang]))
        except BaseException as e:  # noqa: BLE001 — reported if this language is asked for
            _PREPARED[lang] = ("error", e)


def build_prepared(root: Path, lang: str) -> tuple[str, object]:
    """One prepared language built, in the MkDocs process: ("ok", None), ("problems", Problems) or ("crash",
    its traceback as text)."""
    try:
        state, value = _PREPARED[lang]
        if state == "error":
            raise value
        mkdocs_build(root, lang, value)
    except BuildError as e:
        return "problems", e.problems
    except BaseException:  # noqa: BLE001
        return "crash", traceback.format_exc()
    return "ok", None


class MkDocsWorker:
    """MkDocs for every language in `jobs` (lang -> run_mkdocs arguments after root, config and docs).
    The languages in `prepare` (those expected to change) are configured from the start in a process of a
    concurrent.futures pool of one (forked at once: it imports MkDocs and loads their configurations while the
    pages are rendered); build(langs) builds those there and any other asked for here, at the same time."""

    def __init__(self, root: Path, config: Path, docs: Path, jobs: dict[str, dict], prepare: list[str]):
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        self.root, self.config, self.docs, self.jobs = root, config, docs, jobs
        self.prepared = [lang for lang in prepare if lang in jobs]
        self.pool = None
        if not self.prepared or not can_fork():
            self.prepared = []
            return
        for lang in self.prepared:
            (docs / lang).mkdir(parents=True, exist_ok=True)  # MkDocs checks docs_dir exists when configured
        self.pool = started(ProcessPoolExecutor(
            1, mp_context=get_context("fork"), initializer=prepare_worker,
            initargs=(os.getpid(), root, config, docs, jobs, self.prepared)))

    def build(self, langs: list[str]) -> None:
        """Build these languages (their docs/ written): the prepared ones in the pool's process, the others here."""
        there = [lang for lang in langs if lang in self.prepared and self.pool is not None]
        futures = [self.pool.submit(build_prepared, self.root, lang) for lang in there]
        try:
            for lang in langs:
                if lang not in there:
                    run_mkdocs(self.root, self.config, self.docs, lang, **self.jobs[lang])
        finally:  # the pool's process writes into the stage: done before a failure here removes it
            for future in futures:
                future.exception()
        for future in futures:
            try:
                state, value = future.result()
            except Exception as e:  # noqa: BLE001 — the process died (killed, out of memory)
                state, value = "crash", f"the MkDocs process stopped: {e!r}"
            if state == "problems":
                raise BuildError(value)
            if state == "crash":
                problems = Problems()
                problems.add("docs", 0, "MkDocs failed: "
                             f"{value.strip().splitlines()[-1] if value.strip() else value}")
                raise BuildError(problems)

    def records(self, langs: list[str]) -> list[dict]:
        """What each of these languages' MkDocs run is given (see mkdocs_record)."""
        return [mkdocs_record(self.config, self.docs, lang, self.jobs[lang]) for lang in langs]

    def close(self) -> None:
        """Stop the pool (its process has built what it was asked, or only read configurations)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
