"""`build.py --record-mkdocs FILE` and `--no-pages-cache`: the build's measuring hooks (scripts/bench/)."""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from conftest import run_build


def record(project: Path, file: Path, *args: str) -> tuple[list[dict], str]:
    """Build the project with --record-mkdocs file (and args): the records and the --timings output."""
    proc = run_build(project, "--record-mkdocs", str(file), "--timings", *args)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(file.read_text(encoding="utf-8")), proc.stdout


def test_unchanged_rebuild_runs_no_mkdocs(project, tmp_path):
    runs, out = record(project, tmp_path / "runs.json")
    assert runs == [], "every language's pages come from .cache/: MkDocs did not run"
    assert "pages: built none" in out


def test_no_pages_cache_records_every_language(project, tmp_path):
    runs, out = record(project, tmp_path / "runs.json", "--no-pages-cache")
    cfg = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    report = yaml.safe_load((project / "site_src" / "report.yml").read_text(encoding="utf-8"))
    assert [r["lang"] for r in runs] == report["languages"]
    assert "pages: built " + ", ".join(report["languages"]) + ";" in out
    for r in runs:
        lang = r["lang"]
        assert Path(r["config"]) == (project / "mkdocs.yml").resolve()
        assert Path(r["docs_dir"]) == project / "docs" / lang
        assert r["site_url"] == cfg["site_url"].rstrip("/") + f"/{lang}/"
        files = [next(iter(entry.values())) for entry in r["nav"]]
        assert "index.md" in files
        for name in files:  # the nav MkDocs was given names the pages it built
            assert (Path(r["docs_dir"]) / name).is_file(), name
            built = "index.html" if name == "index.md" else f"{name[:-3]}/index.html"
            assert (project / "site" / lang / built).is_file(), built
        assert [n["title"] for n in r["extra"]["nav"]] == [next(iter(e)) for e in r["nav"]]
        assert r["extra"]["t"] and r["extra"]["assets"], "the theme's strings and asset names are recorded"
    again, _ = record(project, tmp_path / "again.json", "--no-pages-cache")
    assert again == runs, "the same sources give MkDocs the same configuration"


def test_unwritable_record_is_a_problem(project, tmp_path):
    before = run_build(project)
    assert before.returncode == 0
    site = {p: p.read_bytes() for p in (project / "site").rglob("*.html")}
    proc = run_build(project, "--no-pages-cache", "--record-mkdocs", str(tmp_path / "missing" / "runs.json"))
    assert proc.returncode == 1
    assert f"{tmp_path / 'missing' / 'runs.json'}: cannot write the record of the MkDocs runs" in proc.stderr
    assert "--> give --record-mkdocs a file in a folder that exists" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert {p: p.read_bytes() for p in (project / "site").rglob("*.html")} == site
