"""Content fields of issue 15 in a project copy: issuer and registration in the footer (and the warning
without an issuer), the warning for two pages with one description, and punctuation: as-written."""
from __future__ import annotations

import re

from conftest import build_here


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_issuer_contact_and_registration_show_in_the_footer(project):
    report = project / "site_src" / "report.yml"
    edit(report, "    publisher: 本网站编辑组\n",
         "    publisher: 本网站编辑组\n    issuer: 某某单位\n    contact: 电话 0393-0000000\n")
    edit(report, "\nmeta:\n", "\nregistration:\n  site_code: \"4109260001\"\n  icp: 豫ICP备00000000号\n\nmeta:\n")
    proc = build_here(project)
    assert proc.returncode == 0, proc.stderr
    assert "meta.zh names no issuer" not in proc.stderr and "meta.en names no issuer" in proc.stderr
    footer = (project / "site" / "zh" / "work" / "index.html").read_text(encoding="utf-8").split("<footer", 1)[1]
    text = re.sub("<[^>]+>", "", footer)
    for words in ("主办单位：某某单位", "联系方式：电话 0393-0000000", "网站标识码：4109260001",
                  "ICP备案号：豫ICP备00000000号"):
        assert words in text, words
    about = (project / "site" / "zh" / "about" / "index.html").read_text(encoding="utf-8")
    assert "<dt>主办单位</dt><dd>某某单位</dd>" in about


def test_without_issuer_the_build_warns_and_shows_no_empty_line(built_site):
    footer = (built_site / "en" / "index.html").read_text(encoding="utf-8").split("<footer", 1)[1]
    assert "Issued by" not in footer and 'class="registration"' not in footer


def test_the_build_says_no_issuer_is_named(project):
    proc = build_here(project)
    assert proc.returncode == 0, proc.stderr
    lines = (project / "site_src" / "report.yml").read_text(encoding="utf-8").split("\n")
    zh = lines.index("  zh:", lines.index("meta:")) + 1  # the line of meta.zh
    assert f"site_src/report.yml:{zh}: warning: meta.zh names no issuer" in proc.stderr


def test_two_pages_with_one_description_are_a_warning(project):
    page = project / "site_src" / "pages" / "en" / "ecology.md"
    industry = (project / "site_src" / "pages" / "en" / "industry.md").read_text(encoding="utf-8")
    desc = re.search(r"^description: .*$", industry, re.M).group(0)
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"^description: .*$", lambda m: desc, text, count=1, flags=re.M), encoding="utf-8")
    proc = build_here(project)
    assert proc.returncode == 0, proc.stderr
    assert "site_src/pages/en/industry.md:" in proc.stderr or "site_src/pages/en/ecology.md:" in proc.stderr
    assert re.search(r"warning: page '(ecology|industry)' has the same description as page '(ecology|industry)'",
                     proc.stderr), proc.stderr


def test_punctuation_as_written_shows_the_seed_marks(project):
    art = project / "site_src" / "article.yml"
    edit(art, "missing_photos: note\n", "missing_photos: note\npunctuation: as-written\n")
    proc = build_here(project)
    assert proc.returncode == 0, proc.stderr
    text = (project / "site" / "zh" / "article" / "index.html").read_text(encoding="utf-8")
    assert "今年以来,范县白衣阁乡" in text and "今年以来，范县" not in text


def test_a_mark_typed_twice_is_named_and_an_ellipsis_is_not():
    """'each icon is one..' was published in a caption: a mark typed twice (or two marks ending one sentence) is a
    warning at its line; an ellipsis, 'Co., Ltd.' and a number's comma are not."""
    from sitegen.check.wording import check_marks
    from sitegen.problems import Problems

    problems = Problems()
    for n, text in enumerate(["Each icon is one..", "完成整改。。", "共计，。", "分别为，，", "Done!!",
                              "Wait... then", "等等……", "Hongda Co., Ltd. at work", "1,056 people.", "e.g., this"]):
        check_marks(text, n + 1, "caption", "figures.yml", problems)
    assert sorted(p.line for p in problems.items) == [1, 2, 3, 4, 5], [str(p) for p in problems.items]
    assert all(p.warning for p in problems.items)
