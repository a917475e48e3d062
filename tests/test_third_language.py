"""The README's claims are true (issue 24, class 8): what it says a third language touches is what a third language
touches. This test adds French (its texts a copy of the English) to a project copy by changing exactly the files
the README's row "a third language" names, builds it, and checks that the README names each file changed; a change
to the code that moves what a language needs makes it fail until the README says so. (That an output can never be
overwritten by another report: tests/test_outputs.py.)"""
from __future__ import annotations

import re
import shutil

import yaml

from conftest import ROOT, run_build

# Every place of the code that names the languages a report's texts are written in (the per-language keys of the
# content schema and where their values are kept), and how a language is set. Each must be found exactly once.
CODE = [
    ("sitegen/numbers.py", 'WRITING: dict[str, Writing] = {\n', 'WRITING: dict[str, Writing] = {\n    "fr": Writing('
     'spaced=True, ellipsis="...", card_pitch=1.18, image_pitch=1.34, headline_spaces=False),\n'),
    ("sitegen/read/schema.py", 'LANG_TEXT = {"zh": Field((str,), text=True), "en": Field((str,), text=True)',
     'LANG_TEXT = {"zh": Field((str,), text=True), "en": Field((str,), text=True), "fr": Field((str,), text=True)'),
    ("sitegen/read/schema.py", 'LANG_SHORT = {"zh": short(), "en": short()', 'LANG_SHORT = {"zh": short(), "en": '
     'short(), "fr": short()'),
    ("sitegen/read/content.py", '    "zh": short(), "en": short(),\n', '    "zh": short(), "en": short(), "fr": '
     'short(),\n'),
    ("sitegen/read/content.py", '"en": Field((str,), text=True)}\nPAGE_FIELDS', '"en": Field((str,), text=True), '
     '"fr": Field((str,), text=True)}\nPAGE_FIELDS'),
    ("sitegen/read/content.py", 'STRAY_FIELDS = {"text": Field((str,)), "zh": Field((str,), text=True), "en": '
     'Field((str,), text=True)', 'STRAY_FIELDS = {"text": Field((str,)), "zh": Field((str,), text=True), "en": '
     'Field((str,), text=True), "fr": Field((str,), text=True)'),
    ("sitegen/read/content.py", 'NOTE_FIELDS = {"id": Field((str,)), "zh": Field((str,), text=True), "en": '
     'Field((str,), text=True)', 'NOTE_FIELDS = {"id": Field((str,)), "zh": Field((str,), text=True), "en": '
     'Field((str,), text=True), "fr": Field((str,), text=True)'),
    ("sitegen/read/content.py", '"en": Field((str,), text=True, doc="why, in English")', '"en": Field((str,), '
     'text=True, doc="why, in English"), "fr": Field((str,), text=True)'),
    ("sitegen/read/content.py", '{"zh": s["zh"], "en": s["en"]}', '{"zh": s["zh"], "en": s["en"], "fr": s["fr"]}'),
    ("sitegen/read/content.py", '{"zh": item["zh"], "en": item["en"],', '{"zh": item["zh"], "en": item["en"], '
     '"fr": item["fr"],'),
    ("sitegen/read/content.py", '{"zh": e["zh"], "en": e["en"]}', '{"zh": e["zh"], "en": e["en"], "fr": e["fr"]}'),
    ("sitegen/check/figures.py", '"zh": Field((str,), text=True), "en": Field((str,), text=True)}\nAREA', '"zh": '
     'Field((str,), text=True), "en": Field((str,), text=True), "fr": Field((str,), text=True)}\nAREA'),
    ("sitegen/check/figures.py", 'AREA_FIELDS = {"id": Field((str,)), "zh": short(), "en": short()',
     'AREA_FIELDS = {"id": Field((str,)), "zh": short(), "en": short(), "fr": short()'),
    ("sitegen/check/figures.py", '"zh": a["zh"], "en": a["en"],', '"zh": a["zh"], "en": a["en"], "fr": a["fr"],'),
]


def with_french(value):
    """Every mapping with zh and en texts gets fr (the English, as a stand-in for a translation)."""
    if isinstance(value, dict):
        for v in value.values():
            with_french(v)
        if "zh" in value and isinstance(value.get("en"), (str, dict)) and "fr" not in value:
            value["fr"] = value["en"]
    elif isinstance(value, list):
        for v in value:
            with_french(v)
    return value


def test_a_third_language_touches_what_the_readme_says(project):
    changed = set()
    content = project / "site_src"
    shutil.copytree(content / "pages" / "en", content / "pages" / "fr")
    shutil.copy(content / "translations" / "en.yml", content / "translations" / "fr.yml")
    for rel in ("site_src/report.yml", "site_src/figures.yml", "site_src/article.yml", "templates/strings.yml"):
        data = with_french(yaml.safe_load((project / rel).read_text(encoding="utf-8")))
        if rel == "site_src/report.yml":
            data["languages"].append("fr")
        if rel == "templates/strings.yml":
            data["fr"] = {**data["fr"], "html_lang": "fr", "hreflang": "fr"}
        (project / rel).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000),
                                   encoding="utf-8")
        changed.add(rel)
    for rel, old, new in CODE:
        text = (project / rel).read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{rel} no longer has {old!r}: what a third language touches moved"
        (project / rel).write_text(text.replace(old, new), encoding="utf-8")
        changed.add(rel)

    proc = run_build(project)
    assert proc.returncode == 0, proc.stderr[-3000:]
    site = project / "site"
    home = (site / "fr" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in home and 'hreflang="fr"' in home
    assert 'hreflang="fr"' in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert len(list((site / "fr").rglob("index.html"))) == len(list((site / "en").rglob("index.html")))
    # numbers are written as in English until numbers.py has format_* functions of the language (README)
    assert "CNY 20 million" in (site / "fr" / "ecology" / "index.html").read_text(encoding="utf-8")

    row = next(line for line in (ROOT / "README.md").read_text(encoding="utf-8").split("\n")
               if line.startswith("| a third language |"))
    for rel in sorted(changed):
        name = rel.removeprefix("sitegen/")
        assert name in row or (rel.startswith("site_src/") and "site_src/" in row), f"the README's row does not " \
            f"name {rel}, which a third language touches"
    named = set(re.findall(r"`((?:read|check|render|write)/\w+\.py|numbers\.py|templates/strings\.yml)", row))
    assert named <= {r.removeprefix("sitegen/") for r in changed} | {"check/report.py", "render/figureview.py",
                                                                        "check/validate.py"}, named
