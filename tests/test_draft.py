"""Starting a new report: the draft command, placeholders refused, and a filled-in draft that builds."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_build

FIXTURE_SEED = ROOT / "tests" / "fixtures" / "report2" / "seeds" / "community.txt"


def fill_in(content: Path) -> None:
    """What an editor does after drafting: every TODO filled in, every unit translated with its figures."""
    figs = yaml.safe_load((content / "figures.yml").read_text(encoding="utf-8"))
    refs: dict[str, list[str]] = {}
    for f in figs["figures"]:
        refs.setdefault(f["source"]["unit"], []).append(f["text"])
    allowed = {}
    for n in figs["not_figures"]:
        allowed.setdefault(n["unit"], []).append(n["text"])
    trans = yaml.safe_load((content / "translations" / "en.yml").read_text(encoding="utf-8"))
    for uid, entry in trans.items():
        numbers = " ".join("{%s}" % t for t in refs.get(uid, []))
        name = uid.translate(str.maketrans("0123456789", "abcdefghij"))
        entry["text"] = f"English of unit {name}. {numbers}".strip()
    (content / "translations" / "en.yml").write_text(yaml.safe_dump(trans, allow_unicode=True), encoding="utf-8")
    for f in sorted(content.rglob("*")):
        if f.suffix in (".yml", ".md"):
            text = f.read_text(encoding="utf-8")
            text = re.sub(r"TODO: say why[^\n']*", "a name or a year, not a quantity", text)
            text = re.sub(r"TODO: ([a-z_]+)", r"Filled \1", text)
            text = text.replace("TODO: 指标名称", "指标").replace("TODO: label", "Figure")
            text = text.replace("TODO: translate the heading", "Section")
            f.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("seed", [ROOT / "seeds" / "000_7d6fa804764c86b5.txt", FIXTURE_SEED], ids=["seed", "fixture"])
def test_draft_builds_once_filled_in(project, seed):
    if not seed.exists():
        pytest.fail(f"missing fixture article {seed}")
    (project / "seeds" / seed.name).write_bytes(seed.read_bytes())
    out = project / "site_src-new"
    proc = run_build(project, "draft", str(project / "seeds" / seed.name), str(out))
    assert proc.returncode == 0, proc.stderr
    assert "places marked 'TODO:'" in proc.stdout
    assert (out / "translations" / "en.yml").exists() and (out / "pages" / "en" / "index.md").exists()

    refused = run_build(project, "--content", str(out), "--out", str(project / "new-site"))
    assert refused.returncode == 1
    assert "placeholder not filled in yet" in refused.stderr and "is not translated yet" in refused.stderr
    assert re.search(r"^site_src-new/translations/en\.yml:\d+: ", refused.stderr, re.M)
    assert not (project / "new-site").exists(), "a draft is never published"

    fill_in(out)
    stamp = run_build(project, "--content", str(out), "stamp", "en")
    assert stamp.returncode == 0, stamp.stderr
    built = run_build(project, "--content", str(out), "--out", str(project / "new-site"))
    assert built.returncode == 0, built.stderr
    assert (project / "new-site" / "zh" / "article" / "index.html").exists()
    assert (project / "new-site" / "en" / "overview" / "index.html").exists()


def test_draft_refuses_a_used_folder(project):
    proc = run_build(project, "draft", str(project / "seeds" / "000_7d6fa804764c86b5.txt"), str(project / "site_src"))
    assert proc.returncode == 1 and "not empty" in proc.stderr


def test_draft_of_a_bad_article(project, tmp_path):
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("# 标题\n\n投资2000万元".encode("gbk"))
    proc = run_build(project, "draft", str(bad), str(tmp_path / "out"))
    assert proc.returncode == 1 and "not UTF-8" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_draft_proposes_meaning_words_and_reasons(project, tmp_path):
    seed = tmp_path / "town.txt"
    seed.write_text("# 某镇工作综述\n\n### 工作成效\n\n2023年5月以来，该镇坚持“一周一调度”机制，开展活动四十余次，"
                    "投资三百五十万元，新建卫生室十一处、党群服务中心六个，惠及群众上千人，化解率百分之九十六，"
                    "走访近3000户，户均增收约4500元，收入超过20万元的村达到8个，新增车位3至5个，"
                    "“五星”支部2个，位列全县第一名。\n", encoding="utf-8")
    out = tmp_path / "site_src-town"
    proc = run_build(project, "draft", str(seed), str(out))
    assert proc.returncode == 0, proc.stderr
    figs = yaml.safe_load((out / "figures.yml").read_text(encoding="utf-8"))
    got = {f["text"]: (f["value"], f["unit"], f["qualifier"], f["kind"]) for f in figs["figures"]}
    assert got["四十余次"] == (40, "次", "more_than", "events")
    assert got["三百五十万元"] == (350, "万元", "exact", "amount")
    assert got["十一处"] == (11, "处", "exact", "count") and got["六个"] == (6, "个", "exact", "count")
    assert got["千人"] == (1000, "人", "at_least", "people")
    assert got["百分之九十六"] == (96, "%", "exact", "share")
    assert got["3000户"] == (3000, "户", "nearly", "households") and got["4500元"][2] == "about"
    assert got["20万元"][3] == "threshold" and got["8个"][3] == "count"
    assert next(f for f in figs["figures"] if f["text"] == "3至5个")["value_max"] == 5
    reasons = {n["text"]: n["reason"] for n in figs["not_figures"]}
    assert {"2023年", "5月", "一周", "五星", "一名"} <= set(reasons), reasons
    assert not any("TODO" in r for r in reasons.values())
    assert "date" in reasons["5月"] and "ordinal" in reasons["一名"] and "star level" in reasons["五星"]
    quote = next(f for f in figs["figures"] if f["text"] == "十一处")["source"]["quote"]
    assert quote == "新建卫生室十一处、党群服务中心六个"
    units = yaml.safe_load((out / "units.yml").read_text(encoding="utf-8"))["units"]
    assert {"次", "万元", "处", "个", "人", "%", "户", "元"} <= set(units)
    assert units["次"]["style"] == "count" and units["万元"]["style"] == "money_wan"
    assert units["元"]["style"].startswith("TODO:") or units["元"]["style"] == "money_yuan"
