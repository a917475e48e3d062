"""Rebuilds reuse each language's pages and search index from .cache/ only when nothing they depend on
changed, and a site assembled from the cache is byte-identical to a build from empty caches."""
from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import run_build, tree_digest

FRESH_RE = re.compile(r"^  (pages|search): built ([^;]*); from \.cache/ (.*)$", re.M)


def build(project: Path, *args: str) -> dict[str, list[str]]:
    """Build with --timings; which languages had their pages / search index built anew."""
    proc = run_build(project, "--timings", *args)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    fresh = {what: [] if built == "none" else built.split(", ") for what, built, _ in FRESH_RE.findall(proc.stdout)}
    assert set(fresh) == {"pages", "search"}, proc.stdout
    return fresh


def cold_build(project: Path, out: Path) -> dict[str, bytes]:
    """The same sources built with no cache at all (into out, with a docs/ of its own)."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    build(project, "--out", str(out))
    return tree_digest(out)


def edit_en_unit(project: Path, unit: str, marker: str) -> None:
    """Prefix one unit's English text in translations/en.yml (a one-paragraph edit)."""
    f = project / "site_src" / "translations" / "en.yml"
    text = f.read_text(encoding="utf-8")
    m = re.search(rf"^{re.escape(unit)}:\n(?:  .*\n)*?  text: >-\n    ", text, re.M)
    assert m, f"{unit} not found in the form expected"
    f.write_text(text[:m.end()] + marker + " " + text[m.end():], encoding="utf-8")


def edit_zh_page(project: Path, marker: str) -> None:
    """Add a sentence to the first paragraph of prose on the Chinese about page."""
    f = project / "site_src" / "pages" / "zh" / "about.md"
    text = f.read_text(encoding="utf-8")
    m = re.search(r"^## .*\n\n", text, re.M)
    f.write_text(text[:m.end()] + marker + "。" + text[m.end():], encoding="utf-8")


def test_unchanged_rebuild_builds_nothing_anew(project):
    build(project)
    assert build(project) == {"pages": [], "search": []}


def test_an_english_edit_rebuilds_the_english_only_and_matches_a_cold_build(project, tmp_path):
    build(project)
    edit_en_unit(project, "p4-2", "Qzxv")
    assert build(project) == {"pages": ["en"], "search": ["en"]}
    site = tree_digest(project / "site")
    assert "Qzxv" in site["en/ecology/index.html"].decode("utf-8")
    assert b"Qzxv" not in site["zh/ecology/index.html"]
    fragments = [gzip.decompress(data) for name, data in site.items() if name.startswith("en/pagefind/fragment/")]
    assert any(b"Qzxv" in f for f in fragments), "the English search index does not hold the edited word"
    cold = cold_build(project, tmp_path / "cold" / "site")
    assert site.keys() == cold.keys()
    assert [n for n in site if site[n] != cold[n]] == [], "the rebuilt site differs from a cold build"


def test_a_chinese_edit_rebuilds_the_chinese_only(project, tmp_path):
    build(project)
    edit_zh_page(project, "增补说明甲乙")
    assert build(project) == {"pages": ["zh"], "search": ["zh"]}
    site = tree_digest(project / "site")
    assert "增补说明甲乙" in site["zh/about/index.html"].decode("utf-8")
    cold = cold_build(project, tmp_path / "cold" / "site")
    assert [n for n in site.keys() | cold.keys() if site.get(n) != cold.get(n)] == []


def test_theme_or_configuration_change_rebuilds_every_language(project):
    build(project)
    main = project / "templates" / "theme" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{# a comment #}\n", encoding="utf-8")
    assert build(project)["pages"] == ["zh", "en"]
    cfg = project / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("https://baiyige-report.example.org/",
                                                           "https://example.net/report/"), encoding="utf-8")
    assert build(project) == {"pages": ["zh", "en"], "search": ["zh", "en"]}
    assert b"https://example.net/report/en/" in (project / "site" / "en" / "index.html").read_bytes()


def test_generator_code_change_rebuilds_every_language(project):
    build(project)
    code = project / "sitegen" / "numbers.py"
    code.write_text(code.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert build(project)["pages"] == ["zh", "en"]


CACHED_KINDS = ("share", "chart", "qr", "touch-icon", "pages-zh", "pages-en", "search-zh", "search-en")


def damage(entries: list[Path], how: str) -> None:
    """Spoil every cache entry the way a full disk, a bad sector, a stray copy or an old version would."""
    originals = [f.read_bytes() for f in entries]
    for i, f in enumerate(entries):
        data = originals[i]
        if how == "truncated":
            f.write_bytes(data[: len(data) // 2])
        elif how == "corrupted":  # one byte of the data flipped, the length unchanged
            pos = len(data) - 1 - (len(data) // 3)
            f.write_bytes(data[:pos] + bytes([data[pos] ^ 0x55]) + data[pos + 1:])
        elif how == "foreign":  # another (whole, valid) entry's file in its place
            f.write_bytes(originals[(i + 1) % len(entries)])
        elif how == "headerless":  # the bare data, as an older version of the cache kept it
            f.write_bytes(data[len(b"sitegen-cache-1\n") + 64:])


@pytest.mark.parametrize("how", ["truncated", "corrupted", "foreign", "headerless"])
def test_damaged_cache_entries_of_every_kind_are_rebuilt(project, tmp_path, how):
    build(project)
    cache = project / ".cache"
    entries = [f for kind in CACHED_KINDS for f in sorted((cache / kind).glob("*.bin"))]
    assert {f.parent.name for f in entries} == set(CACHED_KINDS), "every kind of entry is there to damage"
    jinja = sorted((cache / "jinja").glob("*")) + sorted((cache / "jinja-theme").glob("*"))
    assert jinja
    damage(entries, how)
    for f in jinja:  # Jinja's own bytecode cache checks its magic and source checksum, and a short file
        f.write_bytes(f.read_bytes()[: len(f.read_bytes()) // 2])
    assert build(project) == {"pages": ["zh", "en"], "search": ["zh", "en"]}
    site = tree_digest(project / "site")
    cold = cold_build(project, tmp_path / "cold" / "site")
    assert [n for n in site.keys() | cold.keys() if site.get(n) != cold.get(n)] == []


def test_a_whole_search_entry_missing_files_is_never_used(project, tmp_path):
    """A search-index entry with a valid checksum but without pagefind.js or a fragment (as a build that
    raced another one once stored) is rebuilt, and the site gets its whole index."""
    from sitegen.write.cache import MAGIC, pack, unpack

    build(project)
    for lang, drop in (("zh", "pagefind.js"), ("en", "fragment/")):
        for f in (project / ".cache" / f"search-{lang}").glob("*.bin"):
            raw = f.read_bytes()
            files = unpack(raw[len(MAGIC) + 64:])
            kept = {n: b for n, b in files.items() if not n.startswith(drop)}
            assert len(kept) < len(files)
            data = pack(kept)
            f.write_bytes(raw[: len(MAGIC) + 32] + hashlib.sha256(data).digest() + data)
    assert build(project) == {"pages": [], "search": ["zh", "en"]}
    site = project / "site"
    for lang in ("zh", "en"):
        assert (site / lang / "pagefind" / "pagefind.js").is_file()
        assert list((site / lang / "pagefind" / "fragment").glob("*.pf_fragment"))
    cold = cold_build(project, tmp_path / "cold" / "site")
    assert tree_digest(site) == cold


def test_the_cache_keeps_only_recent_builds_of_a_language(project):
    build(project)
    for i in range(10):  # ten edits in a row, built after each
        edit_en_unit(project, "p4-2", f"Edit{chr(97 + i)}x")  # no digits: numbers are checked
        build(project)
    for kind in ("pages-en", "search-en"):
        assert 1 <= len(list((project / ".cache" / kind).glob("*.bin"))) <= 8, kind


def test_a_change_the_source_stamps_miss_is_still_rebuilt(project, tmp_path):
    """The stamps (size and time of the sources) only decide what to start early: an edit of the same
    size with the old modification time is still found by the content hashes, and rebuilt."""
    build(project)
    f = project / "site_src" / "translations" / "en.yml"
    text, st = f.read_text(encoding="utf-8"), f.stat()
    edited = text.replace("Second, the township", "Second, the Township", 1)
    assert edited != text and len(edited.encode()) == len(text.encode())
    f.write_text(edited, encoding="utf-8")
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert build(project) == {"pages": ["en"], "search": ["en"]}
    site = tree_digest(project / "site")
    assert "Second, the Township" in site["en/ecology/index.html"].decode("utf-8")
    cold = cold_build(project, tmp_path / "cold" / "site")
    assert [n for n in site.keys() | cold.keys() if site.get(n) != cold.get(n)] == []


def test_a_change_to_the_drawing_code_is_never_hidden_by_the_cache(project):
    """Share cards and chart specs are cached with the code that draws them in their keys: change a
    drawing constant, rebuild with the warm cache, and the new drawing is published (no .cache/ purge)."""
    build(project)
    card = project / "site" / "zh" / "share.png"
    chart_page = project / "site" / "en" / "overview" / "index.html"
    before_card, before_chart = card.read_bytes(), chart_page.read_text(encoding="utf-8")
    palette = project / "sitegen" / "render" / "draw" / "palette.py"
    palette.write_text(palette.read_text(encoding="utf-8").replace('BAND_RED = "#b3261e"', 'BAND_RED = "#123456"'),
                       encoding="utf-8")
    charts = project / "sitegen" / "render" / "charts.py"
    text = charts.read_text(encoding="utf-8")
    assert 'FONT = "PingFang SC' in text
    charts.write_text(text.replace('FONT = "PingFang SC', 'FONT = "Test Sans, PingFang SC'), encoding="utf-8")
    build(project)
    assert card.read_bytes() != before_card
    after_chart = chart_page.read_text(encoding="utf-8")
    assert "Test Sans" not in before_chart and "Test Sans" in after_chart
