"""A portal's builds that scale (README "A portal of reports"): a report whose inputs did not change is taken from
the last build as it is, an edit rebuilds that report and the portal's own pages only, the reports build in parallel
processes, and shards built apart and merged give the very bytes one build gives."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import build_example_portal, build_here, run_build, tree_digest
from sitegen.devtools import copy_project

ROOT = Path(__file__).resolve().parent.parent
COUNTS = re.compile(r"\((\d+) built, (\d+) unchanged and taken as they were\)")


def counts(proc) -> tuple[int, int]:
    m = COUNTS.search(proc.stdout)
    assert m, proc.stdout + proc.stderr
    return int(m.group(1)), int(m.group(2))


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> Path:
    return build_example_portal(tmp_path_factory.mktemp("portal-scale") / "project")


def test_an_unchanged_portal_builds_no_report_and_an_edit_rebuilds_only_its_report(portal):
    out = portal / "site-portal"
    before = tree_digest(out)
    proc = build_here(portal, "portal", "portal.example.yml")
    assert proc.returncode == 0, proc.stderr
    assert counts(proc) == (0, 2) and "report baiyige:" not in proc.stderr
    assert tree_digest(out) == before  # taken as it was, byte for byte
    record = json.loads((out / "xingfuli" / ".sitegen-report.json").read_text(encoding="utf-8"))
    assert record["built"]["listing"]["en"]["place"].startswith("Xingfuli Community")
    # an editor changes one report: that report is built again, the other taken as it was, the index follows
    report = portal / "tests" / "fixtures" / "report2" / "site_src" / "report.yml"
    text = report.read_text(encoding="utf-8")
    assert "last_updated: 2026-12-08" in text
    report.write_text(text.replace("last_updated: 2026-12-08", "last_updated: 2026-12-09"), encoding="utf-8")
    try:
        proc = build_here(portal, "portal", "portal.example.yml")
    finally:
        report.write_text(text, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    assert counts(proc) == (1, 1) and "report xingfuli:" in proc.stderr and "report baiyige:" not in proc.stderr
    after = tree_digest(out)
    assert {k: v for k, v in after.items() if k.startswith("baiyige/")} == \
        {k: v for k, v in before.items() if k.startswith("baiyige/")}
    assert "Updated: December 9, 2026" in after["en/index.html"].decode()
    assert "Updated: December 8, 2026" in before["en/index.html"].decode()
    # the edit undone: the spare (the output two builds ago) holds that version already, nothing is built or linked
    spare = portal / ".site-spare-site-portal"
    assert (spare / "xingfuli" / ".sitegen-report.json").is_file()
    proc = build_here(portal, "portal", "portal.example.yml")
    assert proc.returncode == 0, proc.stderr
    assert counts(proc) == (0, 2) and tree_digest(out) == before
    assert not any(c.op in ("link_tree", "write") and "xingfuli" in c.path.parts for c in proc.effects.changes)


def test_search_bundles_hold_a_few_reports_each_and_at_most_sixteen():
    from sitegen.portal.search import buckets
    for n, sizes in ((1, [1]), (2, [2]), (8, [8]), (9, [8, 1]), (50, [8] * 6 + [2]), (200, [13] * 15 + [5]),
                     (1000, [63] * 15 + [55])):
        got = buckets([f"r{i}" for i in range(n)])
        assert [len(b) for b in got] == sizes, n
        assert [s for b in got for s in b] == [f"r{i}" for i in range(n)]  # consecutive, each once


def test_a_code_change_rebuilds_every_report(portal, monkeypatch):
    from sitegen.portal import build as portal_build
    monkeypatch.setattr(portal_build, "code_key", lambda root: "another version of the generator")
    proc = build_here(portal, "portal", "portal.example.yml")
    assert proc.returncode == 0, proc.stderr
    assert counts(proc) == (2, 0)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    """A project copy (with code: built by build.py in a process of its own) with the example portal's reports and
    two portal files alike but for their output folders, nothing built."""
    project = copy_project(tmp_path_factory.mktemp("portal-shards") / "project")
    shutil.copytree(ROOT / "tests" / "fixtures" / "report2", project / "tests" / "fixtures" / "report2",
                    ignore=shutil.ignore_patterns("site", "docs", ".cache"))
    text = (ROOT / "portal.example.yml").read_text(encoding="utf-8")
    for name in ("one", "sharded"):
        (project / f"{name}.yml").write_text(text.replace("output: site-portal", f"output: site-{name}"),
                                             encoding="utf-8")
    return project


def test_shards_built_apart_and_merged_are_byte_identical_to_one_parallel_build(fresh):
    one = run_build(fresh, "portal", "one.yml", "--jobs", "2", timeout=600)
    assert one.returncode == 0, one.stderr
    assert counts(one) == (2, 0)
    for k in (1, 2):
        proc = build_here(fresh, "portal", "sharded.yml", "--shard", f"{k}/2")
        assert proc.returncode == 0, proc.stderr
        assert "built a shard of 1 reports" in proc.stdout and counts(proc) == (1, 0)
    shard1 = tree_digest(fresh / "site-sharded-shard-1-of-2")
    assert any(k.startswith("baiyige/") for k in shard1) and not any(k.startswith("xingfuli/") for k in shard1)
    merged = build_here(fresh, "portal", "sharded.yml", "--merge")
    assert merged.returncode == 0, merged.stderr
    assert counts(merged) == (0, 2)
    a, b = tree_digest(fresh / "site-one"), tree_digest(fresh / "site-sharded")
    assert sorted(a) == sorted(b)
    assert [k for k in a if a[k] != b[k]] == []
    assert "zh/search/index.html" in a and "pagefind-zh-1/pagefind-entry.json" in a


def test_a_merge_refuses_missing_or_foreign_shards_and_publishes_nothing(fresh):
    if not (fresh / "site-sharded-shard-2-of-2").is_dir():
        for k in (1, 2):
            assert build_here(fresh, "portal", "sharded.yml", "--shard", f"{k}/2").returncode == 0
    proc = build_here(fresh, "portal", "sharded.yml", "--merge", "site-sharded-shard-1-of-2")
    assert proc.returncode == 1
    assert "sharded.yml:15: report xingfuli is in none of the shards merged" in proc.stderr
    other = (fresh / "sharded.yml").read_text(encoding="utf-8").replace("（示例）", "（另一示例）")
    (fresh / "other.yml").write_text(other.replace("output: site-sharded", "output: site-other"), encoding="utf-8")
    proc = build_here(fresh, "portal", "other.yml", "--merge", "site-sharded-shard-1-of-2",
                      "site-sharded-shard-2-of-2")
    assert proc.returncode == 1 and not (fresh / "site-other").exists()
    assert "site-sharded-shard-1-of-2: this shard was built from another portal file" in proc.stderr
    bad = build_here(fresh, "portal", "sharded.yml", "--shard", "3/2")
    assert bad.returncode == 2 and "1 ≤ K ≤ N" in bad.stderr
    both = build_here(fresh, "portal", "sharded.yml", "--shard", "1/2", "--merge")
    assert both.returncode == 2 and "give one of the two" in both.stderr and not both.effects.changes
