"""The build's effects (sitegen/effects.py): every message and every change to docs/ and site/ goes through the
Effects the build is handed, so a test sees them all in a Recorder: none from a build that fails, a staged
folder made and removed again from one that fails late, and exactly the files of docs/ from one that succeeds."""
from __future__ import annotations

from pathlib import Path

from conftest import build_here
from sitegen.effects import Effects, Recorder

REPORT = "site_src/report.yml"


def files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def test_a_build_that_fails_its_checks_changes_nothing(project):
    (project / REPORT).write_text((project / REPORT).read_text(encoding="utf-8") + "\nnav: [index\n",
                                  encoding="utf-8")
    proc = build_here(project)
    assert proc.returncode == 1, proc.stderr
    assert proc.effects.changes == [] and proc.effects.messages == []
    assert not (project / "site").exists() and files(project / "docs") == set()


def test_a_build_that_fails_after_staging_leaves_no_lasting_change(project):
    theme = project / "templates" / "theme" / "main.html"
    theme.write_text(theme.read_text(encoding="utf-8") + "\n{% if %}\n", encoding="utf-8")  # MkDocs cannot compile it
    proc = build_here(project)
    assert proc.returncode == 1, proc.stderr
    ops = [c.op for c in proc.effects.changes]
    assert "temp_dir" in ops and ops[-1] == "remove_tree", ops
    stage = next(c.path for c in proc.effects.changes if c.op == "temp_dir")
    assert not stage.exists()
    # docs/ was rewritten before MkDocs ran (it is the build's own folder); site/ was never made
    assert all(c.path == project / "docs" or project / "docs" in c.path.parents for c in proc.effects.lasting())
    assert not (project / "site").exists()


def test_a_build_that_succeeds_writes_docs_and_publishes_through_its_effects(project):
    proc = build_here(project)
    assert proc.returncode == 0, proc.stderr
    rec = proc.effects
    written = {c.path for c in rec.changes if c.op == "write"}
    docs = files(project / "docs")
    assert docs and docs <= written, sorted(map(str, docs - written))[:5]  # every file of docs/, by the Effects
    stage = next(c.path for c in rec.changes if c.op == "temp_dir")
    for name in ("index.html", "404.html", "sitemap.xml", "robots.txt", "_headers"):
        assert stage / name in written and (project / "site" / name).is_file()
    renames = [(c.path, c.other) for c in rec.lasting() if c.op == "rename"]
    assert renames == [(project / "site", stage)]  # the first publish: a rename of the stage
    assert rec.changes[-1].path == project / ".cache" / "source-stamps.json"  # recorded once all is published
    # the warnings are the build's messages (and still reach stderr, as from the command line)
    assert rec.messages and all(m.split("\n")[0] in proc.stderr for m in rec.messages)

    again = build_here(project)  # a second build swaps the new site in: one exchange, then the old one removed
    assert again.returncode == 0, again.stderr
    ops = [c.op for c in again.effects.changes]
    assert ops.count("exchange") == 1 and ops[ops.index("exchange") + 1] == "remove_tree"
    assert [c.op for c in again.effects.lasting()].count("exchange") == 1


def test_effects_write_atomically_and_report_each_change(tmp_path):
    rec = Recorder()
    target = tmp_path / "a" / "b.txt"
    rec.write(target, "一", atomic=True)
    assert target.read_text(encoding="utf-8") == "一" and list(target.parent.iterdir()) == [target]
    rec.mkdir(tmp_path / "a")  # already there: no change
    stage = rec.temp_dir(tmp_path, ".s-")
    rec.write(stage / "x", b"1")
    rec.remove_tree(stage)
    assert [c.op for c in rec.changes] == ["write", "temp_dir", "write", "remove_tree"]
    assert [c.path for c in rec.lasting()] == [target]
    plain = Effects(log=rec.messages.append)
    plain.log("hello")
    assert rec.messages == ["hello"]
