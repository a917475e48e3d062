"""Starting a new report: the draft command, placeholders refused, and a filled-in draft that builds."""
from __future__ import annotations

import re
import shutil

import pytest
import yaml

from conftest import ROOT, build_here
from drafting import fill_in

FIXTURE_SEED = ROOT / "tests" / "fixtures" / "report2" / "seeds" / "community.txt"


@pytest.mark.parametrize("seed", [ROOT / "seeds" / "000_7d6fa804764c86b5.txt", FIXTURE_SEED], ids=["seed", "fixture"])
def test_draft_builds_once_filled_in(project, seed):
    if not seed.exists():
        pytest.fail(f"missing fixture article {seed}")
    (project / "seeds" / seed.name).write_bytes(seed.read_bytes())
    out = project / "site_src-new"
    proc = build_here(project, "draft", str(project / "seeds" / seed.name), str(out))
    assert proc.returncode == 0, proc.stderr
    assert "places marked 'TODO:'" in proc.stdout
    assert (out / "translations" / "en.yml").exists() and (out / "pages" / "en" / "index.md").exists()

    refused = build_here(project, "--content", str(out), "--out", str(project / "new-site"))
    assert refused.returncode == 1
    assert "placeholder not filled in yet" in refused.stderr
    todos = int(re.search(r"(\d+) places marked 'TODO:'", proc.stdout).group(1))
    assert f"\n{todos} problems;" in refused.stderr, "one problem per TODO: place, none reported twice"
    assert re.search(r"^site_src-new/translations/en\.yml:\d+: ", refused.stderr, re.M)
    assert not (project / "new-site").exists(), "a draft is never published"

    fill_in(out, "https://new.example.org/")
    stamp = build_here(project, "--content", str(out), "stamp", "en")
    assert stamp.returncode == 0, stamp.stderr
    built = build_here(project, "--content", str(out))
    assert built.returncode == 0, built.stderr
    site = project / "site-new"  # its own output: publish.output, site-NAME
    assert (site / "zh" / "article" / "index.html").exists()
    assert '<link rel="canonical" href="https://new.example.org/en/overview/">' in \
        (site / "en" / "overview" / "index.html").read_text(encoding="utf-8")


def test_draft_refuses_a_used_folder(project):
    proc = build_here(project, "draft", str(project / "seeds" / "000_7d6fa804764c86b5.txt"), str(project / "site_src"))
    assert proc.returncode == 1 and "not empty" in proc.stderr


def test_draft_of_a_bad_article(project, tmp_path):
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("# 标题\n\n投资2000万元".encode("gbk"))
    proc = build_here(project, "draft", str(bad), str(tmp_path / "out"))
    assert proc.returncode == 1 and "not UTF-8" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_draft_proposes_meaning_words_and_reasons(project, tmp_path):
    seed = tmp_path / "town.txt"
    seed.write_text("# 某镇工作综述\n\n### 工作成效\n\n2023年5月以来，该镇坚持“一周一调度”机制，开展活动四十余次，"
                    "投资三百五十万元，新建卫生室十一处、党群服务中心六个，惠及群众上千人，化解率百分之九十六，"
                    "走访近3000户，户均增收约4500元，收入超过20万元的村达到8个，新增车位3至5个，"
                    "“五星”支部2个，位列全县第一名。\n", encoding="utf-8")
    out = tmp_path / "site_src-town"
    proc = build_here(project, "draft", str(seed), str(out))
    assert proc.returncode == 0, proc.stderr
    figs = yaml.safe_load((out / "figures.yml").read_text(encoding="utf-8"))
    got = {f["text"]: (f["value"], f["unit"], f["qualifier"], f["kind"]) for f in figs["figures"]}
    assert got["四十余次"] == (40, "次", "more_than", "events")
    assert got["三百五十万元"] == (350, "万元", "exact", "amount")
    assert got["十一处"] == (11, "处", "exact", "count") and got["六个"] == (6, "个", "exact", "count")
    assert got["千人"] == (1000, "人", "at_least", "people")
    assert got["百分之九十六"] == (96, "%", "exact", "share")
    assert got["3000户"] == (3000, "户", "nearly", "households") and got["4500元"][2] == "about"
    roles = {f["text"]: f.get("role", "result") for f in figs["figures"]}
    assert roles["20万元"] == "threshold" and roles["8个"] == "result" and got["8个"][3] == "count"
    assert roles["一名"] == "rank" and roles["4500元"] == "change"    # 位列全县第一名; 户均增收约4500元
    assert next(f for f in figs["figures"] if f["text"] == "3至5个")["value_max"] == 5
    reasons = {n["text"]: n["reason"] for n in figs["not_figures"]}
    assert {"2023年", "5月", "一周", "五星"} <= set(reasons), reasons
    assert not any("TODO" in r for r in reasons.values())
    assert "date" in reasons["5月"] and "star level" in reasons["五星"]
    quote = next(f for f in figs["figures"] if f["text"] == "十一处")["source"]["quote"]
    assert quote == "新建卫生室十一处、党群服务中心六个"
    assert not (out / "units.yml").exists()   # the units model knows every unit the article writes


REPORT3_SEED = ROOT / "tests" / "fixtures" / "report3" / "seeds" / "hexi.txt"


def test_draft_builds_a_skeleton_with_the_stars_the_article_names(project):
    out = project / "site_src-bai"
    assert build_here(project, "draft", "seeds/000_7d6fa804764c86b5.txt", str(out)).returncode == 0
    report = yaml.safe_load((out / "report.yml").read_text(encoding="utf-8"))
    genre = yaml.safe_load((ROOT / "templates" / "draft.yml").read_text(encoding="utf-8"))
    assert [s["zh"] for s in report["stars"]] == [s["zh"] for s in genre["stars"]]
    for star, default in zip(report["stars"], genre["stars"], strict=True):
        assert (star["id"], star["en"], star["colour"], star["icon"]) == \
            (default["id"], default["en"], default["colour"], default["icon"])
    units = yaml.safe_load((out / "translations" / "en.yml").read_text(encoding="utf-8"))
    figures = yaml.safe_load((out / "figures.yml").read_text(encoding="utf-8"))
    for star in report["stars"]:
        assert f"点亮“{star['zh']}星”" in units[star["segment"]]["text"]  # the point that lights it
        for lang in ("zh", "en"):
            page = (out / "pages" / lang / f"{star['id']}.md").read_text(encoding="utf-8")
            assert f"star: {star['id']}" in page and f"::: seed {star['segment']}" in page
            assert f"::: figures {star['id']}" in page
        assert "TODO" not in (out / "pages" / "en" / f"{star['id']}.md").read_text(encoding="utf-8").split("---")[1] \
            .split("description")[0], "the star's English title is known from the genre's defaults"
        mine = [f for f in figures["figures"] if f["source"]["unit"] == star["segment"]]
        assert mine and all(f["group"] == star["id"] for f in mine)
        assert star["headline"] in {f["id"] for f in mine}
    assert {c["page"] for c in figures["charts"]} <= {s["id"] for s in report["stars"]} | {"overview"}
    assert all(c["kind"] == "bar" and len(c["figures"]) >= 2 for c in figures["charts"]) and figures["charts"]
    assert report["nav"][:6] == ["index", *[s["id"] for s in report["stars"]]]
    for slug in ("work", "summary", "overview", "article", "about", "corrections", "search"):
        assert (out / "pages" / "zh" / f"{slug}.md").exists() and (out / "pages" / "en" / f"{slug}.md").exists()
    assert "::: stars" in (out / "pages" / "zh" / "index.md").read_text(encoding="utf-8")
    assert report["meta"]["zh"]["stars_title"] == "五颗星" and report["meta"]["en"]["stars_title"] == "The five stars"
    glossary = yaml.safe_load((out / "glossary.yml").read_text(encoding="utf-8"))
    base = yaml.safe_load((ROOT / "templates" / "glossary-base.yml").read_text(encoding="utf-8"))
    assert "创星" in {g["zh"] for g in glossary}, "a term of the default report that occurs in the article"
    assert not {g["zh"] for g in glossary} & {g["zh"] for g in base}, "base terms are read by the build"
    assert report["publish"]["output"] == "site-bai"


def test_draft_of_an_article_without_stars_publishes_focus_areas(project):
    shutil.copy2(REPORT3_SEED, project / "seeds" / "hexi.txt")
    out = project / "site_src-hexi"
    assert build_here(project, "draft", "seeds/hexi.txt", str(out)).returncode == 0
    text = (out / "report.yml").read_text(encoding="utf-8")
    report = yaml.safe_load(text)
    assert report["stars"] == [] and "names no stars" in text
    assert [s for s in report["nav"] if s.startswith("area-")] == ["area-1", "area-2", "area-3"]
    assert not any("::: stars" in f.read_text(encoding="utf-8") or "::: summary" in f.read_text(encoding="utf-8")
                   for f in out.rglob("*.md"))
    assert report["meta"]["en"]["stars_title"] == "Focus areas"
    fill_in(out, "https://hexi.example.org/")
    assert build_here(project, "--content", str(out), "stamp", "en").returncode == 0
    built = build_here(project, "--content", str(out))
    assert built.returncode == 0, built.stderr
    # a published stars heading with nothing under it is refused, at the block
    for lang in ("zh", "en"):
        page = out / "pages" / lang / "index.md"
        page.write_text(page.read_text(encoding="utf-8") + "::: stars\n", encoding="utf-8")
    refused = build_here(project, "--content", str(out))
    assert refused.returncode == 1
    line = (out / "pages" / "zh" / "index.md").read_text(encoding="utf-8").split("\n").index("::: stars") + 1
    assert f"site_src-hexi/pages/zh/index.md:{line}: '::: stars' shows the stars, but report.yml lists none" \
        in refused.stderr, refused.stderr


def test_the_base_glossary_applies_to_every_report(project):
    shutil.copy2(REPORT3_SEED, project / "seeds" / "hexi.txt")
    out = project / "site_src-hexi"
    assert build_here(project, "draft", "seeds/hexi.txt", str(out)).returncode == 0
    fill_in(out, "https://hexi.example.org/")
    path = out / "translations" / "en.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Party-public service center", "service hall"),
                    encoding="utf-8")
    assert build_here(project, "--content", str(out), "stamp", "en").returncode == 0
    proc = build_here(project, "--content", str(out))
    assert proc.returncode == 1
    assert "党群服务中心 must be translated as 'Party-public service center'" in proc.stderr, proc.stderr
    # a report's own entry wins over the base
    g = out / "glossary.yml"
    g.write_text(g.read_text(encoding="utf-8").replace("[]\n", "") + "- {zh: 党群服务中心, en: service hall}\n",
                 encoding="utf-8")
    proc = build_here(project, "--content", str(out))
    assert proc.returncode == 0, proc.stderr
