"""The figures as downloads, per language: figures.csv, figures.json and their Frictionless datapackage.json
(headers in that language; a value in its base unit, its meaning and its source quote). r: the Renderer."""
from __future__ import annotations

import csv
import io
import json
import re

from ..numbers import base_name, base_value, plain
from .pages import CHART_DIR


def data_rows(r, lang: str) -> list[dict]:
    """One record per figure, stated then derived: value in the base unit, its meaning and its source."""
    rows = []
    home = f"{r.site_url.rstrip('/')}/{lang}/"   # a download is read away from the site: its links are whole
    for f in [*r.r.figures.figures, *r.r.figures.derived]:
        v = r.figure_view(f, lang)
        high = getattr(f, "value_max", None)  # a range's high end (a derived figure has none)
        rows.append({"figure_id": f.id, "figure_group": r.group_name(f.group, lang) if f.group else "",
                     "figure_label": v["label"], "figure_number": whole(base_value(f.value, f.style)),
                     "figure_number_max": None if high is None else whole(base_value(high, f.style)),
                     "figure_base_unit": r.strings[lang]["rank_unit"] if v["role"] == "rank" else
                     base_name(f.style, f.unit, lang), "figure_qualifier": f.qualifier,
                     "figure_display": v["prose"], "figure_kind": f.kind, "figure_role": v["role"],
                     "figure_to": v["to"],
                     "figure_status": "derived" if f.derived else "stated", "figure_formula": v["formula"],
                     "figure_value": "" if f.derived else f.text, "figure_unit": "" if f.derived else f.unit,
                     "figure_source": f.unit_id, "figure_quote": f.quote,
                     "figure_link": f"{home}article/#{f.unit_id}" if f.unit_id else f"{home}overview/#{f.id}"})
    return rows


def data_files(r, lang: str) -> dict[str, str]:
    """figures.csv, figures.json and their datapackage.json for one language, headers in that language; and each
    chart's own data.csv (charts/<id>/data.csv): the rows of figures.csv of the figures it draws, in its order."""
    t = r.strings[lang]
    rows = data_rows(r, lang)
    cols = list(DOWNLOAD_COLUMNS)
    records = [{t[c]: row[c] for c in cols} for row in rows]
    by_id = {row["figure_id"]: row for row in rows}
    charts = {f"{CHART_DIR}/{ch.id}/data.csv": csv_text(t, [by_id[fid] for fid in ch.figures]) for ch in
              r.r.figures.charts}
    return {"figures.csv": csv_text(t, rows),
            "figures.json": json.dumps(records, ensure_ascii=False, indent=1, sort_keys=False) + "\n",
            "datapackage.json": json.dumps(datapackage(r, lang), ensure_ascii=False, indent=1) + "\n", **charts}


def csv_text(t: dict, rows: list[dict]) -> str:
    """Rows as CSV with a byte order mark (a spreadsheet then reads the Chinese), headers in the language of t; a text
    cell a spreadsheet would run is made inert (figures.csv and every chart's data.csv alike)."""
    cols = list(DOWNLOAD_COLUMNS)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([t[c] for c in cols])
    w.writerows([cell(row[c]) if c.startswith("figure_number") else inert(row[c]) for c in cols] for row in rows)
    return "\ufeff" + buf.getvalue()


def datapackage(r, lang: str) -> dict:
    """The Frictionless Data package descriptor of the two downloads (fields named as in their headers)."""
    t, meta = r.strings[lang], r.c.meta[lang]
    fields = [{"name": t[c], "type": DOWNLOAD_COLUMNS[c], "description": t[f"{c}_doc"]} for c in DOWNLOAD_COLUMNS]
    schema = {"fields": fields, "primaryKey": [t["figure_id"]]}
    name = re.sub(r"[^a-z0-9._-]+", "-", r.site_url.split("//")[-1].strip("/").lower()) or "report"
    return {"name": f"{name}-figures-{lang}", "title": f"{meta['site_name']} — {t['download']}",
            "description": t["datapackage_doc"], "sources": [{"title": meta["source"]}],
            "resources": [
                {"name": "figures-csv", "path": "figures.csv", "format": "csv", "mediatype": "text/csv",
                 "encoding": "utf-8-sig", "schema": schema},
                {"name": "figures-json", "path": "figures.json", "format": "json",
                 "mediatype": "application/json", "encoding": "utf-8", "schema": schema}]}


# The download columns (keys of strings.yml, whose value is the header in each language) -> Frictionless type.
DOWNLOAD_COLUMNS = {
    "figure_id": "string", "figure_group": "string", "figure_label": "string", "figure_number": "number",
    "figure_number_max": "number",
    "figure_base_unit": "string", "figure_qualifier": "string", "figure_display": "string", "figure_kind": "string",
    "figure_role": "string", "figure_to": "string", "figure_status": "string", "figure_formula": "string",
    "figure_value": "string", "figure_unit": "string",
    "figure_source": "string", "figure_quote": "string", "figure_link": "string",
}


# A text cell a spreadsheet would run as a formula (=HYPERLINK(…), +, -, @, or after a tab or carriage return,
# Excel and WPS read it as a formula too) gets a leading single quote, as OWASP advises for CSV files
# ("CSV Injection"): shown as text, never run. Only the CSVs (figures.csv, charts/<id>/data.csv): figures.json
# keeps every text as written.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(x) -> str:
    """A text cell of the CSV, neutralised if a spreadsheet would run it."""
    text = "" if x is None else str(x)
    return "'" + text if text.startswith(FORMULA_START) else text


def cell(x) -> str:
    """A number as the CSV writes it: plain digits; empty for none (a missing value to a Frictionless reader)."""
    return "" if x is None else plain(x)


def whole(x: float) -> int | float:
    """20000000.0 -> 20000000, for JSON readers that tell integers from decimals."""
    return int(x) if float(x).is_integer() else x
