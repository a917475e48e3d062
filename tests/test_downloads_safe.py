"""The downloads never run in a spreadsheet (issue 24, class 4): a text cell of figures.csv, or of a chart's own
data.csv, that Excel or WPS would read as a formula (=, +, -, @, a tab or a carriage return first) gets a leading
single quote, as OWASP advises; figures.json keeps every text as written."""
from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import build_here, tiny_tree

LABELS = {"Households visited": '=HYPERLINK("http://evil.example/","click me")',
          "Leaflets handed out": "+cmd|' /C calc'!A",
          "Income gain per person": "-cmd|' /C calc'!A",
          "Monthly income of model households": "@SUM(A:A)",
          "People at free clinics": "\tTab first"}


@pytest.mark.parametrize("text,shown", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("plain", "plain"), ("a=b", "a=b"), ("", ""), (None, ""),
])
def test_a_cell_a_spreadsheet_would_run_is_neutralised(text, shown):
    from sitegen.render.downloads import inert

    assert inert(text) == shown


def test_figures_csv_never_runs_and_figures_json_keeps_the_text(tmp_path):
    tree = tiny_tree(tmp_path / "p")
    f = tree / "site_src/figures.yml"
    text = f.read_text(encoding="utf-8")
    for label, hostile in LABELS.items():
        text = text.replace(f"en: {label}", f"en: {json.dumps(hostile)}", 1)
    f.write_text(text, encoding="utf-8")
    proc = build_here(tree)
    assert proc.returncode == 0, proc.stderr[-3000:]
    site = tree / "site" / "en"
    rows = csv_rows(site / "figures.csv")
    labels = {r["Figure"] for r in rows}
    for label in LABELS.values():
        assert "'" + label in labels, (label, labels)
    charts = sorted(site.glob("charts/*/data.csv"))  # each chart's own rows of figures.csv
    assert [p.parent.name for p in charts] == ["overview_counts", "visits_money"], charts
    chart_rows = csv_rows(charts[0])
    assert "'" + LABELS["Households visited"] in {r["Figure"] for r in chart_rows}
    for where, table in (("figures.csv", rows), *((p.parent.name, csv_rows(p)) for p in charts)):
        for row in table:  # no text cell of any CSV starts a formula
            for column, value in row.items():
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (where, column, value)
    records = json.loads((site / "figures.json").read_text(encoding="utf-8"))
    assert set(LABELS.values()) <= {r["Figure"] for r in records}, "the JSON keeps the labels as written"


def csv_rows(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
