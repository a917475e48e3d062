"""A portal: several reports in one site (portal.yml, `build.py portal FILE`; README "A portal of reports")."""
from __future__ import annotations

from pathlib import Path

from sitegen.problems import Problems
from sitegen.read.portal import read_portal

ROOT = Path(__file__).resolve().parent.parent

GOOD = """\
title: {zh: 范县五星支部报告, en: Fan County Five-Star Reports}
site_url: https://reports.example.org/
output: site-portal
issuer: {zh: 某县委宣传部（示例）, en: County Publicity Office (an example)}
reports:
  - slug: baiyige
    content: site_src
"""


def read(tmp_path: Path, text: str) -> tuple[object, list[str]]:
    (tmp_path / "site_src").mkdir(exist_ok=True)
    (tmp_path / "site_src" / "report.yml").write_text("seed: x\n", encoding="utf-8")
    f = tmp_path / "portal.yml"
    f.write_text(text, encoding="utf-8")
    problems = Problems()
    portal = read_portal(f, problems)
    return portal, [f"{p.line}: {p.message}" for p in problems.errors]


def test_a_portal_file_is_read_with_its_paths_from_its_folder(tmp_path):
    portal, problems = read(tmp_path, GOOD)
    assert problems == []
    assert portal.title == {"zh": "范县五星支部报告", "en": "Fan County Five-Star Reports"}
    assert portal.output == tmp_path / "site-portal"
    assert [(r.slug, r.content) for r in portal.reports] == [("baiyige", tmp_path / "site_src")]
    assert portal.report_url("baiyige") == "https://reports.example.org/baiyige/"


def test_every_problem_of_a_portal_file_at_its_line_at_once(tmp_path):
    text = GOOD.replace("en: County Publicity Office (an example)", "eng: x").replace(
        "site_url: https://reports.example.org/", 'site_url: "https://x.org/\\" onload=x"') + """\
  - slug: en
    content: nowhere
  - slug: baiyige
    content: site_src
  - slug: ok
    contnt: x
colour: red
"""
    portal, problems = read(tmp_path, text)
    assert portal is None
    assert sorted(problems, key=lambda p: int(p.split(":")[0])) == [
        "2: site_url 'https://x.org/\" onload=x' is not a plain absolute http(s) address",
        "4: unknown key 'eng' in issuer",
        "4: issuer is missing the required key 'en'",
        "8: report 2: slug 'en' is not a safe path name (it is one of the portal's own names)",
        "9: report en: 'nowhere' is not a content folder (no report.yml in " + str(tmp_path / "nowhere") + ")",
        "10: slug 'baiyige' is used twice",
        "11: report baiyige: the content folder 'site_src' is listed twice",
        "12: report 4 is missing the required key 'content'",
        "13: unknown key 'contnt' in report 4",
        "14: unknown key 'colour' in portal.yml",
    ], problems
