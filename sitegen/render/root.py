"""The site root: the bilingual entry page, the root 404 page and the sitemap."""
from __future__ import annotations

from html import escape as html_escape

import jinja2

from ..numbers import STYLES
from ..problems import shown
from ..read.paths import Paths
from ..typography import plain_text
from .pages import CHART_DIR, Renderer
from .templates import TemplateLoader


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
    """The site root: the bilingual entry page that greets in every language with the report's title, its headline
    figure and the ways in (the language's home page and its 一图读懂), with its own share card (share.png beside it);
    or, with 404.html, the bilingual page static hosts serve for any missing path."""
    env = jinja2.Environment(loader=TemplateLoader(paths.templates, paths.templates), undefined=jinja2.StrictUndefined,
                             autoescape=True, bytecode_cache=renderer.env.bytecode_cache)
    c = report.content
    langs = []
    for x in c.languages:
        explainer = renderer.explainer_page(x)
        langs.append({"code": x, "t": renderer.strings[x], "meta": c.meta[x], "title": renderer.unit_html("title", x),
                      "plain_title": plain_text(renderer.unit_html("title", x)), "url": f"{x}/",
                      "headline": renderer.report_headline(x),
                      "explainer": {"url": f"{x}/{explainer.slug}/", "title": explainer.title} if explainer else None})
    return env.get_template(template).render(langs=langs, assets={k: v[0] for k, v in assets.items()},
                                             canonical=base_url, root=site_root_path(base_url))


def site_root_path(base_url: str) -> str:
    """The site's root as an absolute path ("/" or "/sub/"): the root 404 page is served at any depth."""
    path = base_url.split("://", 1)[-1].split("/", 1)[1] if "/" in base_url.split("://", 1)[-1] else ""
    return "/" + (path.strip("/") + "/" if path.strip("/") else "")


def lang_site_url(base: str, lang: str) -> str:
    """The address of one language's pages: <site_url>/<lang>/."""
    return base.rstrip("/") + f"/{lang}/"


def report_listing(paths: Paths, report, renderer: Renderer) -> dict[str, dict]:
    """Per language, what a portal's index shows of this report, as its own pages write it: its site name, title,
    place, period, the article's date, first publication and last update, and its headline figure (markup)."""
    env = jinja2.Environment(loader=TemplateLoader(paths.templates, paths.templates), undefined=jinja2.StrictUndefined,
                             autoescape=True, bytecode_cache=renderer.env.bytecode_cache)
    c = report.content
    out = {}
    for x in c.languages:
        head = renderer.report_headline(x)
        meta = c.meta[x]
        out[x] = {"site_name": meta["site_name"], "place": meta["place"], "period": meta.get("period") or "",
                  "date": meta["date"], "description": meta["description"],
                  "title": plain_text(renderer.unit_html("title", x)),
                  "first_published": renderer.date_shown(c.first_published, x) if c.first_published else "",
                  "last_updated": renderer.date_shown(c.last_updated, x) if c.last_updated else "",
                  "lastmod": c.last_updated.isoformat() if c.last_updated else "",
                  "year": c.first_published.year if c.first_published else None,
                  "headline": env.get_template("portal/headline.html").render(f=head, t=renderer.strings[x])
                  if head else ""}
    return out


def report_indicators(report) -> list[dict]:
    """Every figure that names a portal's indicator (figures.yml `indicator:`): where it is written, its role, its
    dimension and the unit its value converts to (the base unit; for things counted, the measure word), for the
    portal to check and compare. A report built alone ignores them."""
    where = shown(report.content.root / "figures.yml")
    out = []
    for f in report.figures.figures:
        if f.indicator:
            s = STYLES[f.style]
            out.append({"indicator": f.indicator, "figure": f.id, "text": f.text, "where": where, "line": f.line,
                        "indicator_line": f.line_of("indicator"), "role": f.role, "dimension": s.dimension,
                        "base": s.base or f.unit.lstrip("万亿"), "range": f.value_max is not None})
    return out
