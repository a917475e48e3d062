"""Chart pages worth reusing: each chart's own CSV (the rows of the site-wide download, whole links), the licence
report.yml declares (on the about page; without one, whom to ask), and a licence that is no web address refused."""
from __future__ import annotations

import csv
import io

import pytest
import yaml

from conftest import ROOT, build_here

SITE_URL = "https://baiyige-report.example.org"


def rows(path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff"), "a spreadsheet reads the Chinese only with the byte order mark"
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_chart_has_its_csv_equal_to_its_rows_of_the_download(built_site, lang):
    figures = yaml.safe_load((ROOT / "site_src" / "figures.yml").read_text(encoding="utf-8"))
    relations = {r["id"]: r for r in figures.get("relations", [])}
    whole = rows(built_site / lang / "figures.csv")
    by_id = {r[0]: r for r in whole[1:]}
    for chart in figures["charts"]:
        ids = chart.get("figures") or [relations[chart["relation"]]["total"], *relations[chart["relation"]]["parts"]]
        own = rows(built_site / lang / "charts" / chart["id"] / "data.csv")
        assert own[0] == whole[0], chart["id"]
        assert own[1:] == [by_id[i] for i in ids], chart["id"]
    links = [r[-1] for r in whole[1:]]
    assert all(link.startswith(f"{SITE_URL}/{lang}/") for link in links), "a download's links work away from the site"


def test_the_about_page_states_the_licence(built_site):
    zh = (built_site / "zh" / "about" / "index.html").read_text(encoding="utf-8")
    en = (built_site / "en" / "about" / "index.html").read_text(encoding="utf-8")
    link = '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>'
    assert link in zh and link in en
    assert "原文的版权归作者和刊发媒体所有" in zh and "remains the copyright of its authors" in en
    assert f"{SITE_URL}/zh/" in zh and f"{SITE_URL}/en/" in en   # the credit a reuser writes


def test_without_a_licence_the_site_says_whom_to_ask(project):
    report = project / "site_src" / "report.yml"
    text = report.read_text(encoding="utf-8")
    start = text.index("licence:")
    end = text.index("\n\n", start)
    report.write_text(text[:start] + text[end + 2:], encoding="utf-8")
    proc = build_here(project)
    assert proc.returncode == 0, proc.stderr
    about = (project / "site" / "zh" / "about" / "index.html").read_text(encoding="utf-8")
    assert "转载本站图表和数据前请联系发布者" in about and 'rel="license"' not in about


def test_a_licence_that_is_no_address_is_refused(sources):
    report = sources / "site_src" / "report.yml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("url: https://creativecommons.org/licenses/by/4.0/", "url: see the about page"),
                      encoding="utf-8")
    line = next(n for n, s in enumerate(text.splitlines(), 1) if "creativecommons.org" in s)
    proc = build_here(sources)
    assert proc.returncode != 0
    assert f"site_src/report.yml:{line}: licence url 'see the about page' is no web address" in proc.stderr
