"""A portal's comparison pages (<output>/<lang>/compare/<indicator>/): every report of the portal with its value of
one indicator as its own pages write it (its figures.json), linked to its source sentence, with its period; bars on
one scale only when every value converts to one unit. Pure: strings only."""
from __future__ import annotations

from pathlib import Path

from ..read.portal import LANGUAGES, Indicator, Portal
from ..typography import typeset_html
from .downloads import DOWNLOAD_COLUMNS
from .portal import Built, environment, site, words


def figure_rows(figures_json: list[dict], strings: dict) -> dict[str, dict]:
    """figures.json (headers in its language) -> each figure's row by id, keyed by the download columns."""
    names = {strings[c]: c for c in DOWNLOAD_COLUMNS}
    rows = [{names[k]: v for k, v in record.items() if k in names} for record in figures_json]
    return {r["figure_id"]: r for r in rows}


def stated_indicators(portal: Portal, reports: list[Built]) -> list[Indicator]:
    """The indicators at least one report states, in portal.yml's order."""
    stated = {s["indicator"] for r in reports for s in r.indicators}
    return [ind for ind in portal.indicators if ind.id in stated]


def comparison(ind: Indicator, reports: list[Built], lang: str) -> dict:
    """One indicator in one language: a row per report (stated or not), the bars' widths or why none are drawn,
    whether the periods differ."""
    rows = []
    for r in reports:
        entry = r.listing[lang]
        s = next((s for s in r.indicators if s["indicator"] == ind.id), None)
        row = {"slug": r.slug, "site_name": entry["site_name"], "place": entry["place"], "period": entry["period"],
               "stated": s is not None}
        if s is not None:
            fig = r.figures[lang][s["figure"]]
            row.update(display=fig["figure_display"], unit=fig["figure_source"], label=fig["figure_label"],
                       number=fig["figure_number"], base_unit=fig["figure_base_unit"], base=s["base"],
                       range=s["range"])
        rows.append(row)
    stated = [row for row in rows if row["stated"]]
    refused = bars_refused(stated)
    if not refused:
        top = max(row["number"] for row in stated)
        for row in stated:
            row["bar"] = round(100 * row["number"] / top, 2) if top else 0
    periods = {row["period"] for row in stated}
    return {"indicator": ind, "rows": rows, "refused": refused, "unit": stated[0]["base_unit"] if stated else "",
            "periods_differ": len(periods) > 1 or "" in periods, "stated": len(stated)}


def bars_refused(stated: list[dict]) -> dict:
    """Why the values cannot be drawn to one scale ({} when they can): units that do not convert to one, a range,
    a value below zero."""
    units = sorted({row["base"] for row in stated})
    if len(units) > 1:
        return {"why": "units", "units": sorted({row["base_unit"] for row in stated})}
    if any(row["range"] for row in stated):
        return {"why": "range"}
    if any(row["number"] is None or row["number"] < 0 for row in stated):
        return {"why": "negative"}
    return {}


def compare_page(templates: Path, portal: Portal, reports: list[Built], ind: Indicator, lang: str,
                 assets: dict, has_picture: bool = False) -> str:
    """<output>/<lang>/compare/<indicator>/index.html (has_picture: its chart.png and chart.svg are beside it)."""
    w = words(templates)
    path = f"{lang}/compare/{ind.id}/"
    alternates = [{"code": x, "hreflang": w[x]["t"]["hreflang"], "html_lang": w[x]["t"]["html_lang"],
                   "name": w[x]["t"]["lang_name"], "url": f"{site(portal)}{x}/compare/{ind.id}/"} for x in LANGUAGES]
    return typeset_html(environment(templates).get_template("portal/compare.html").render(
        lang=lang, t=w[lang]["t"], p=w[lang]["p"], title=portal.title[lang], name=ind.name[lang],
        c=comparison(ind, reports, lang), alternates=alternates, canonical=site(portal) + path,
        site_url=site(portal), assets=assets, has_picture=has_picture,
        og={"title": f"{ind.name[lang]} · {w[lang]['p']['compare']}", "url": site(portal) + path,
            "image": site(portal) + path + "share.png", "locale": w[lang]["t"]["og_locale"],
            "site_name": portal.title[lang]}), lang)   # quotes as the language sets them, as on every page
