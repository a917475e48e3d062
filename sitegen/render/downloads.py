"""The figures as downloads, per language: figures.csv, figures.json and their Frictionless datapackage.json
(headers in that language; a value in its base unit, its meaning and its source quote). r: the Renderer."""
from __future__ import annotations

import csv
import io
import json
import re

from ..numbers import base_name, base_value, plain


def data_rows(r, lang: str) -> list[dict]:
    """One record per figure, stated then derived: value in the base unit, its meaning and its source."""
    rows = []
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
                     "figure_link": f"../article/#{f.unit_id}" if f.unit_id else f"../overview/#{f.id}"})
    return rows


def data_files(r, lang: str) -> dict[str, str]:
    """figures.csv, figures.json and their datapackage.json for one language, headers in that language."""
    t = r.strings[lang]
    rows = data_rows(r, lang)
    cols = list(DOWNLOAD_COLUMNS)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([t[c] for c in cols])
    w.writerows([cell(row[c]) if c.startswith("figure_number") else inert(row[c]) for c in cols] for row in rows)
    records = [{t[c]: row[c] for c in cols} for row in rows]
    return {"figures.csv": "\ufeff" + buf.getvalue(),
            "figures.json": json.dumps(records, ensure_ascii=False, indent=1, sort_keys=False) + "\n",
            "datapackage.json": json.dumps(datapackage(r, lang), ensure_ascii=False, indent=1) + "\n"}


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
# ("CSV Injection"): shown as text, never run. Only the CSV: figures.json keeps every text as written.
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
