"""The output and docs folders hold nothing but what the build makes: --out and docs_dir never name a
folder of the project, nor an existing folder the build did not make; docs/.manifest.json entries outside
docs/ are ignored. Each refusal exits 1 and leaves the named folder byte-identical."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from test_robust import tree_meta

from conftest import build_here, tree_digest

MARKER = ".sitegen-site"


def assert_refused(proc, *words: str) -> None:
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert "nothing was published" in proc.stderr
    for w in words:
        assert w in proc.stderr, proc.stderr


@pytest.mark.parametrize("out", [".git", "sitegen", "tests", ".", "..", ".cache", "docs", "docs/en", "tools/x"])
def test_output_over_a_project_folder_is_refused(built_project, out):
    p = built_project
    subprocess.run(["git", "init", "-q", str(p)], check=True)
    (p / "tests").mkdir(exist_ok=True)
    (p / "tests" / "test_x.py").write_text("def test(): pass\n")
    before = tree_meta(p)
    proc = build_here(p, "--out", out)
    assert_refused(proc, "overlaps")
    assert tree_meta(p) == before, "nothing written or deleted"
    assert not list(p.parent.glob(".site-new-*"))


def test_output_into_an_unrelated_folder_is_refused(project, tmp_path):
    other = tmp_path / "photos-of-the-holiday"
    other.mkdir()
    (other / "beach.jpg").write_bytes(b"\xff\xd8 not really a photo")
    (other / "notes").mkdir()
    (other / "notes" / "todo.txt").write_text("buy milk\n")
    before = tree_meta(other)
    proc = build_here(project, "--out", str(other))
    assert_refused(proc, str(other), "is not a site this build made", MARKER)
    assert tree_meta(other) == before
    assert not list(tmp_path.glob(".site-new-*"))


def test_a_file_as_output_is_refused(project, tmp_path):
    f = tmp_path / "out.html"
    f.write_text("mine")
    assert_refused(build_here(project, "--out", str(f)), "is a file")
    assert f.read_text() == "mine"


def test_building_twice_into_the_same_folder_and_into_an_empty_one(project, tmp_path):
    out = tmp_path / "pub"
    out.mkdir()  # empty: accepted
    assert build_here(project, "--out", str(out)).returncode == 0
    assert (out / MARKER).is_file()
    first = tree_digest(out)
    proc = build_here(project, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert tree_digest(out) == first, "the marker is the same on every build"


def test_a_site_built_before_the_marker_is_still_replaced(project):
    """A checkout's site/ built by an older version (no marker) is accepted when the build records name
    it; the same folder copied elsewhere, unknown to the records, is refused."""
    assert build_here(project).returncode == 0
    (project / "site" / MARKER).unlink()
    proc = build_here(project)
    assert proc.returncode == 0, proc.stderr
    assert (project / "site" / MARKER).is_file()
    copy = project.parent / "copied-site"
    shutil.copytree(project / "site", copy)
    (copy / MARKER).unlink()
    assert_refused(build_here(project, "--out", str(copy)), "is not a site this build made")


@pytest.mark.parametrize("docs_dir", ["site_src/pages", "site_src", "seeds", "templates/pages", "sitegen",
                                      ".", "site"])
def test_docs_dir_over_a_source_folder_is_refused(built_project, docs_dir):
    p = built_project
    cfg = p / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("docs_dir: docs", f"docs_dir: {docs_dir}"),
                   encoding="utf-8")
    assert f"docs_dir: {docs_dir}" in cfg.read_text(encoding="utf-8")
    before = tree_meta(p)
    proc = build_here(p)
    assert_refused(proc, "docs_dir", "overlaps")
    assert tree_meta(p) == before


def test_docs_dir_an_unrelated_folder_is_refused(built_project, tmp_path):
    p = built_project
    other = tmp_path / "my-notes"
    other.mkdir()
    (other / "en").mkdir()
    (other / "en" / "about.md").write_text("my own notes\n")
    cfg = p / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("docs_dir: docs", f"docs_dir: {other}"),
                   encoding="utf-8")
    before, site = tree_meta(other), tree_meta(p / "site")
    assert_refused(build_here(p), "docs_dir", "was not written by this build")
    assert tree_meta(other) == before and tree_meta(p / "site") == site


def test_manifest_entries_outside_docs_are_ignored(built_project, tmp_path):
    p = built_project
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    (p / "docs" / "elsewhere").symlink_to(p / "site_src")
    manifest = p / "docs" / ".manifest.json"
    entries = json.loads(manifest.read_text())
    entries.update({"../site_src/report.yml": "0000000000", str(victim): "0000000000",
                    "elsewhere/article.yml": "0000000000", "en/../../seeds/x.txt": "0000000000"})
    manifest.write_text(json.dumps(entries))
    sources = tree_meta(p / "site_src"), tree_meta(p / "seeds")
    proc = build_here(p)
    assert proc.returncode == 0, proc.stderr
    for name in ("'../site_src/report.yml'", repr(str(victim)), "'elsewhere/article.yml'"):
        assert f"warning: manifest entry {name} is not a file inside" in proc.stderr, proc.stderr
    assert (tree_meta(p / "site_src"), tree_meta(p / "seeds")) == sources
    assert victim.read_text() == "keep me\n"
    assert "../site_src/report.yml" not in json.loads(manifest.read_text())


def test_a_docs_folder_linked_out_is_refused(built_project, tmp_path):
    """docs/en a link to a folder elsewhere: the build would write its pages there."""
    p = built_project
    other = tmp_path / "elsewhere"
    shutil.copytree(p / "docs" / "en", other)
    shutil.rmtree(p / "docs" / "en")
    (p / "docs" / "en").symlink_to(other)
    (other / "about.md").write_text("not generated\n")
    before = tree_meta(other)
    assert_refused(build_here(p, "--force"), "outside docs_dir")
    assert tree_meta(other) == before
