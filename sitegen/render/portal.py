"""A portal's own pages (templates/portal/): the index per language, the root page, the 404 and the sitemap, from
portal.yml and what each report's build says of itself (pipeline: build_site's `listing`). Pure: strings only."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from ..read.files import read_text
from ..read.portal import LANGUAGES, Portal
from ..read.yamlsrc import FastLoader
from ..typography import typeset_html
from .root import site_root_path, xml_escape
from .templates import TemplateLoader


@dataclass(frozen=True)
class Built:
    """One report as built in the portal: its slug, what its index entry shows per language, its sitemap's text,
    the figures that state an indicator (pipeline: build_site's `indicators`) and, per language, their rows of its
    figures.json by figure id (render/compare.py: figure_rows)."""

    slug: str
    listing: dict[str, dict]
    sitemap: str
    indicators: list[dict] = field(default_factory=list)
    figures: dict[str, dict] = field(default_factory=dict)


_BYTECODE: list = [None]  # the compiled templates' cache of the portal's build (use_bytecode), if any


def use_bytecode(cache: jinja2.BytecodeCache | None) -> None:
    """Keep the portal's compiled templates in this cache (build_portal: .cache/portal-jinja/)."""
    _BYTECODE[0] = cache


def environment(templates: Path) -> jinja2.Environment:
    return cached_environment(templates, _BYTECODE[0])


@functools.lru_cache(maxsize=8)
def cached_environment(templates: Path, bytecode) -> jinja2.Environment:
    # each template read as every input is (render/templates.py: a regular file inside templates/); reloaded when
    # it changed (the loader's uptodate)
    return jinja2.Environment(loader=TemplateLoader(templates, templates), undefined=jinja2.StrictUndefined,
                              autoescape=True, bytecode_cache=bytecode)


def words(templates: Path) -> dict[str, dict]:
    """Per language: the report's interface words (strings.yml) as `t`, the portal's (portal/strings.yml) as `p`
    (read again when either file changed). The caller must not change them."""
    files = (templates / "strings.yml", templates / "portal" / "strings.yml")
    return read_words(templates, tuple(stamp(f) for f in files))


def stamp(f: Path) -> tuple:
    try:
        st = f.stat()
    except OSError:
        return ()
    return st.st_size, st.st_mtime_ns


@functools.lru_cache(maxsize=8)
def read_words(templates: Path, _stamps: tuple) -> dict[str, dict]:
    t = yaml.load(read_text(templates / "strings.yml", "data", templates), Loader=FastLoader)
    p = yaml.load(read_text(templates / "portal" / "strings.yml", "data", templates), Loader=FastLoader)
    return {lang: {"t": t[lang], "p": p[lang]} for lang in LANGUAGES}


def counted(p: dict, n: int) -> dict:
    return {**p, "count": p["count"].format(n=n)}


def by_year(reports: list[Built], lang: str) -> list[dict]:
    """The reports by the year they were first published, the latest year first (a report without a date last)."""
    years: dict = {}
    for r in reports:
        years.setdefault(r.listing[lang].get("year"), []).append({**r.listing[lang], "slug": r.slug})
    return [{"year": y, "reports": years[y]} for y in sorted(years, key=lambda y: (y is None, -(y or 0)))]


def portal_index(templates: Path, portal: Portal, reports: list[Built], lang: str, assets: dict,
                 compared: tuple = ()) -> str:
    """<output>/<lang>/index.html: the reports grouped by place (places in the order of their first report), then
    a link to the comparison of each indicator in `compared` (Indicators)."""
    w = words(templates)
    groups: dict[str, list] = {}
    for r in reports:
        entry = r.listing[lang]
        groups.setdefault(entry["place"], []).append({**entry, "slug": r.slug})
    alternates = alternates_of(portal, w)
    return typeset_html(environment(templates).get_template("portal/index.html").render(
        lang=lang, t=w[lang]["t"], p=counted(w[lang]["p"], len(reports)), title=portal.title[lang],
        issuer=portal.issuer[lang], groups=[{"place": k, "reports": v} for k, v in groups.items()],
        years=by_year(reports, lang),
        alternates=alternates, canonical=f"{site(portal)}{lang}/", site_url=site(portal), assets=assets,
        compared=[{"id": ind.id, "name": ind.name[lang]} for ind in compared],
        og={"title": portal.title[lang], "url": f"{site(portal)}{lang}/", "image": f"{site(portal)}{lang}/share.png",
            "locale": w[lang]["t"]["og_locale"], "site_name": portal.title[lang]}), lang)


def portal_search(templates: Path, portal: Portal, reports: list[Built], lang: str, assets: dict, script: dict,
                  bundles: list[str]) -> str:
    """<output>/<lang>/search/index.html: one search over every report's pages in this language, in Pagefind
    bundles (portal/search.py) merged when a reader searches; each result named by its report; script: search.js's
    file name and integrity hash."""
    import json

    w = words(templates)
    names = {r.slug: f"{r.listing[lang]['site_name']} · {r.listing[lang]['place']}" for r in reports}
    return typeset_html(environment(templates).get_template("portal/search.html").render(
        lang=lang, t=w[lang]["t"], p=w[lang]["p"], title=portal.title[lang], assets=assets, script=script,
        alternates=alternates_of(portal, w), canonical=f"{site(portal)}{lang}/search/",
        reports=json.dumps(names, ensure_ascii=False, sort_keys=True), first=bundles[0] if bundles else "",
        merge=json.dumps([f"../../{b}/" for b in bundles[1:]])), lang)


def alternates_of(portal: Portal, w: dict) -> list[dict]:
    """Each language's index: its code, hreflang, html lang, name and address."""
    return [{"code": x, "hreflang": w[x]["t"]["hreflang"], "html_lang": w[x]["t"]["html_lang"],
             "name": w[x]["t"]["lang_name"], "url": f"{site(portal)}{x}/"} for x in LANGUAGES]


def portal_root(templates: Path, portal: Portal, n: int, assets: dict, template: str = "portal/root.html") -> str:
    """<output>/index.html (choose a language) or, with portal/404.html, <output>/404.html."""
    w = words(templates)
    langs = [{"code": x, "t": w[x]["t"], "p": counted(w[x]["p"], n), "title": portal.title[x],
              "issuer": portal.issuer[x]} for x in LANGUAGES]
    og = {"title": " · ".join(portal.title[x] for x in LANGUAGES), "url": site(portal),
          "image": f"{site(portal)}{LANGUAGES[0]}/share.png", "locale": w[LANGUAGES[0]]["t"]["og_locale"],
          "site_name": portal.title[LANGUAGES[0]]}
    return environment(templates).get_template(template).render(langs=langs, assets=assets, site_url=site(portal),
                                                                 root=site_root_path(site(portal)), og=og)


URL_BLOCK = re.compile(r"^  <url>\n.*?^  </url>\n", re.M | re.S)


def portal_sitemap(templates: Path, portal: Portal, reports: list[Built], compared: tuple = ()) -> str:
    """Every page of the portal: its index pages and its comparison pages (each with its alternates), then every
    page of each report as the report's own sitemap lists it (already at its portal address, with its alternates)."""
    w = words(templates)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    lastmod = max((e["lastmod"] for r in reports for e in r.listing.values() if e["lastmod"]), default="")
    for path in ["", *(f"compare/{ind.id}/" for ind in compared)]:
        for lang in LANGUAGES:
            out.append("  <url>")
            out.append(f"    <loc>{xml_escape(site(portal) + lang + '/' + path)}</loc>")
            if lastmod:
                out.append(f"    <lastmod>{lastmod}</lastmod>")
            for alt in LANGUAGES:
                out.append(f'    <xhtml:link rel="alternate" hreflang="{w[alt]["t"]["hreflang"]}" '
                           f'href="{xml_escape(site(portal) + alt + "/" + path)}"/>')
            out.append("  </url>")
    body = "\n".join(out) + "\n"
    for r in reports:
        body += "".join(URL_BLOCK.findall(r.sitemap))
    return body + "</urlset>\n"


def site(portal: Portal) -> str:
    """The portal's address, ending in '/'."""
    return portal.site_url.rstrip("/") + "/"
