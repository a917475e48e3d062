"""The release record: an editorial edit corrects a figure, the build checks it, the site marks it."""
from __future__ import annotations

from conftest import build_here


def test_a_corrected_figure_is_marked_where_it_appears(project):
    art = project / "site_src" / "article.yml"
    art.write_text(art.read_text(encoding="utf-8").replace(
        "edits: []", "edits:\n  - unit: p2-2\n    from: 先后召开6次推进会\n    to: 先后召开7次推进会\n"
        "    date: 2026-12-01\n    zh: 乡里核对会议记录后更正\n"
        "    en: corrected after the township checked its minutes\n"),
        encoding="utf-8")
    proc = build_here(project)
    assert proc.returncode == 1
    assert "figure org_meetings" in proc.stderr and "the quote is not in seed unit p2-2" in proc.stderr
    assert "the translation of p2-2 is stale" in proc.stderr and "build.py stamp en p2-2" in proc.stderr

    figs = project / "site_src" / "figures.yml"
    text = figs.read_text(encoding="utf-8")
    text = text.replace("text: 6次\n    value: 6\n", "text: 7次\n    value: 7\n", 1).replace(
        "quote: 先后召开6次推进会", "quote: 先后召开7次推进会")
    figs.write_text(text, encoding="utf-8")
    en = project / "site_src" / "translations" / "en.yml"  # the reviewer updates the reference too
    head, rest = en.read_text(encoding="utf-8").split("\np2-2:", 1)
    unit, tail = rest.split("\np2-3:", 1)
    en.write_text(head + "\np2-2:" + unit.replace("{6次}", "{7次}") + "\np2-3:" + tail, encoding="utf-8")
    stamp = build_here(project, "stamp", "en", "p2-2")
    assert stamp.returncode == 0, stamp.stderr
    proc = build_here(project)
    assert proc.returncode == 0, proc.stderr

    for lang, word in (("zh", "已更正"), ("en", "Corrected")):
        overview = (project / "site" / lang / "overview" / "index.html").read_text(encoding="utf-8")
        row = overview.split('<tr id="org_meetings">', 1)[1].split("</tr>", 1)[0]
        assert word in row and "corrections/#correction-1" in row
        corrections = (project / "site" / lang / "corrections" / "index.html").read_text(encoding="utf-8")
        assert 'id="correction-1"' in corrections and "2026-12-01" in corrections
        assert "先后召开6次推进会" in corrections and "先后召开7次推进会" in corrections
    work = (project / "site" / "zh" / "work" / "index.html").read_text(encoding="utf-8")
    assert '<span class="fig" data-fig="org_meetings">7次</span>' in work, "the zh text shows the corrected wording"
    en = (project / "site" / "en" / "work" / "index.html").read_text(encoding="utf-8")
    assert '<span class="fig" data-fig="org_meetings">seven</span> progress meetings' in en, \
        "the en text takes the corrected figure"


def test_no_corrections_yet(built_site):
    for lang, text in (("zh", "自首次发布以来没有更正"), ("en", "No corrections since first publication")):
        page = (built_site / lang / "corrections" / "index.html").read_text(encoding="utf-8")
        assert text in page
