"""Every number means what its sentence means, in a report the generator has never seen: an article with 1.2万吨,
村规民约27部, 95%以上, 1100余场次, a target, a threshold and two from→to pairs drafts and builds with no edit of
meaning, and the built site says exactly what the article says in zh and en — tiles, sentences, the long image and
the downloads. Also: the editor decides what a sentence means, the build warns where it reads otherwise."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from conftest import build_here, copy_project
from drafting import fill_in

ARTICLE = """# 兰溪镇“五星”支部创建工作综述

## ——范县兰溪镇抓党建促乡村振兴

今年以来，兰溪镇坚持以“五星”支部创建为抓手，全镇各项工作取得新进展。

### 产业兴旺星

镇里新建冷链仓储中心，总库容1.2万吨。收入超过20万元的村由去年的4个增加到9个，全镇生活污水治理率由41%提升至68%，点亮“产业兴旺星”。

### 文明幸福星

修订完善村规民约27部，开展各类文体活动1100余场次，群众满意率达到95%以上，点亮“文明幸福星”。

下一步，兰溪镇将力争到2025年底五星支部达到8个。

记者 王明
"""


@pytest.fixture(scope="module")
def trial(tmp_path_factory) -> dict:
    """The article drafted, filled in as the guide says (labels and translations only), stamped and built."""
    project = copy_project(tmp_path_factory.mktemp("meaning") / "project", code=False)
    (project / "seeds" / "lanxi.txt").write_text(ARTICLE, encoding="utf-8")
    assert build_here(project, "draft", "seeds/lanxi.txt", "site_src-lanxi").returncode == 0
    content = project / "site_src-lanxi"
    drafted = (content / "figures.yml").read_text(encoding="utf-8")
    fill_in(content, "https://lanxi.example.org/")
    assert build_here(project, "--content", "site_src-lanxi", "stamp", "en").returncode == 0
    built = build_here(project, "--content", "site_src-lanxi")
    assert built.returncode == 0, built.stderr[-3000:]
    site = project / "site-lanxi"
    text = {p.relative_to(site).as_posix(): visible(p.read_text(encoding="utf-8"))
            for p in site.rglob("index.html")}
    return {"site": site, "text": text, "stderr": built.stderr, "drafted": drafted, "content": content}


def visible(html: str) -> str:
    """The text of a page's main part, tags removed and spaces closed up."""
    main = html[html.find("<main"):html.find("</main>")]
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", " ", main))


def test_the_draft_reads_each_number_as_the_sentence_means_it(trial) -> None:
    import yaml

    figures = {f["text"]: f for f in yaml.safe_load(trial["drafted"])["figures"]}
    assert (figures["1.2万吨"]["unit"], figures["1.2万吨"]["value"]) == ("万吨", 1.2)
    assert figures["27部"]["qualifier"] == "exact"                       # 约 of 村规民约 is no 'about'
    assert figures["95%"]["qualifier"] == "at_least"                     # 以上 includes the number
    assert (figures["1100余场次"]["unit"], figures["1100余场次"]["qualifier"]) == ("场次", "more_than")
    assert figures["8个"]["role"] == "target" and figures["20万元"]["role"] == "threshold"
    assert figures["4个"]["role"] == "baseline" and figures["4个"]["to"] == figures["9个"]["id"]
    assert figures["41%"]["role"] == "baseline" and figures["41%"]["to"] == figures["68%"]["id"]
    assert "units.yml" not in [p.name for p in trial["content"].iterdir()]   # the model knows every unit


def test_the_build_asks_for_no_edit_of_meaning(trial) -> None:
    assert not re.search(r"the data say (qualifier|kind|role)", trial["stderr"])


def test_the_pages_say_what_the_article_says(trial) -> None:
    zh, en = trial["text"]["zh/industry/index.html"], trial["text"]["en/industry/index.html"]
    assert "1.2万吨" in zh and "12,000tonnes" in en and "1.2t" not in en
    assert "标准超过20万元" in zh and "Thresholdmorethan" in en      # a threshold is marked as one
    assert "4个→增至9个" in zh and "4→to9" in en                    # a from→to is a pair
    assert "41%→增至68%" in zh and "41%→to68%" in en
    zh, en = trial["text"]["zh/civility/index.html"], trial["text"]["en/civility/index.html"]
    assert "27部指标" in zh and "约27部指标" not in zh and "about27" not in en   # the tile: 村规民约 has no 约
    assert "95%以上" in zh and "至少95" not in zh and "atleast95%" in en and "morethan95" not in en
    assert "1100余场次" in zh and "morethan1,100" in en
    assert "目标8个" in zh and "Target8" in en                       # a target is labelled wherever it is shown


def test_the_long_image_keeps_targets_apart_and_money_to_results(trial) -> None:
    for lang, sep, want in (("zh", "", {"1.2万吨", "27部", "95%以上", "1100余场次", "8个"}),
                            ("en", " ", {"12,000 tonnes", "27", "at least 95%", "more than 1,100", "8"})):
        runs = json.loads((trial["site"] / lang / "explainer" / "longimage.json").read_text(encoding="utf-8"))["runs"]
        heads = [r["text"] for r in runs if r["role"] == "h2"]
        assert not {"涉及金额", "Sums of money"} & set(heads), heads       # 超过20万元 is a threshold, no sum of money
        target_head = next(i for i, r in enumerate(runs) if r["text"] in ("下一步目标", "Targets ahead"))
        figures: dict[str, list] = {}
        for r in runs:
            if r["figure"]:
                figures.setdefault(r["figure"], []).append(r["text"])
        shown = {sep.join(parts).replace(" %", "%") for parts in figures.values()}
        assert want <= shown, (want - shown, shown)
        target = next(r for r in runs if r["figure"] and r["text"].startswith("8"))
        assert runs.index(target) > target_head                         # the target in its own section


def test_the_downloads_carry_each_role(trial) -> None:
    rows = list(csv.DictReader(io.StringIO((trial["site"] / "en" / "figures.csv").read_text(encoding="utf-8-sig"))))
    by_text = {r["As written in Chinese"]: r for r in rows}
    assert by_text["1.2万吨"]["Value"] == "12000" and by_text["1.2万吨"]["Base unit"] == "tonnes"
    roles = [by_text[t]["Role"] for t in ("20万元", "4个", "9个", "8个")]
    assert roles == ["threshold", "baseline", "result", "target"]
    assert by_text["4个"]["Changed to"] == by_text["9个"]["ID"]
    assert by_text["95%"]["As shown"] == "at least 95%" and by_text["27部"]["Qualifier"] == "exact"
    package = json.loads((trial["site"] / "en" / "datapackage.json").read_text(encoding="utf-8"))
    assert "Role" in [f["name"] for f in package["resources"][0]["schema"]["fields"]]


# ---- the editor decides; the build checks what it can know -------------------------------------------------

def edited(tmp_path: Path, old: str, new: str):
    """The tiny report (tests/fixtures/qualifiers) built with one edit of its figures.yml."""
    from conftest import tiny_tree

    project = tiny_tree(tmp_path / "tiny", {"site_src/figures.yml": (old, new)})
    return build_here(project)


def test_another_reading_of_a_qualifier_is_a_warning_that_quotes_its_words(tmp_path) -> None:
    proc = edited(tmp_path, "    qualifier: nearly\n    kind: households", "    qualifier: exact\n    kind: households")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert re.search(r"warning: figure visit_households: the data say qualifier 'exact'; the build reads 'nearly' "
                     r"from '近' in '全乡走访群众近3000户'", proc.stderr), proc.stderr[-2000:]


def test_another_reading_of_a_role_is_a_warning(tmp_path) -> None:
    proc = edited(tmp_path, "    unit: 公里\n", "    unit: 公里\n    role: target\n")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "figure road: the data say role 'target'; the build reads 'result' (no word of a target" in proc.stderr


def test_a_value_the_quote_does_not_hold_is_still_refused(tmp_path) -> None:
    proc = edited(tmp_path, "    value: 3000\n    unit: 户", "    value: 3100\n    unit: 户")
    assert proc.returncode == 1 and "the data say 3100 户, the seed says 3000 户" in proc.stderr


# ---- every text an editor writes gets the same checks -----------------------------------------------------

def trial_with_chart(trial, tmp_path: Path, chart: str):
    """The trial report with one more chart in its figures.yml, built."""
    import shutil

    project = tmp_path / "project"
    shutil.copytree(trial["content"].parent, project, symlinks=True,
                    ignore=shutil.ignore_patterns("site-lanxi", ".cache"))
    f = project / "site_src-lanxi" / "figures.yml"
    f.write_text(f.read_text(encoding="utf-8").replace("charts: []", "charts:\n" + chart), encoding="utf-8")
    return build_here(project, "--content", "site_src-lanxi")


def test_a_chinese_title_may_not_qualify_a_reference_twice(trial, tmp_path) -> None:
    ids = {f["text"]: f["id"] for f in __import__("yaml").safe_load(trial["drafted"])["figures"]}
    chart = (f"- id: t\n  page: industry\n  kind: tiles\n  figures: [{ids['9个']}]\n"
             f"  title: {{zh: '超过{{{ids['20万元']}}}的村', en: 'Villages above {{{ids['20万元']}}}'}}\n"
             f"  caption: {{zh: '{{{ids['9个']}}}以上。', en: 'Villages.'}}\n")
    proc = trial_with_chart(trial, tmp_path, chart)
    assert proc.returncode == 1
    assert f"chart t title (zh): '超过' beside {{{ids['20万元']}}} says it twice" in proc.stderr, proc.stderr[-3000:]
    assert f"chart t caption (zh): '以上' qualifies {{{ids['9个']}}}, which the article states exactly" in proc.stderr


def test_a_year_listed_as_no_figure_may_be_written_in_a_title(trial, tmp_path) -> None:
    ids = {f["text"]: f["id"] for f in __import__("yaml").safe_load(trial["drafted"])["figures"]}
    chart = (f"- id: t\n  page: civility\n  kind: tiles\n  figures: [{ids['8个']}]\n"
             f"  title: {{zh: '到2025年底：{{{ids['8个']}}}', en: 'By the end of 2025: {{{ids['8个']}}}'}}\n"
             "  caption: {zh: 目标。, en: A target.}\n")
    proc = trial_with_chart(trial, tmp_path, chart)
    assert proc.returncode == 0, proc.stderr[-3000:]
    proc = trial_with_chart(trial, tmp_path / "again", chart.replace("2025", "2026"))
    assert proc.returncode == 1 and "the number 2026 is typed by hand" in proc.stderr


# ---- drafts and charts compare only what is comparable ------------------------------------------------------

def test_the_draft_charts_only_like_things(tmp_path) -> None:
    """14 industry bases beside 4 and 9 villages share a measure word (个), not what they count; 21 parks and 7
    closed sites neither: the draft sets none of them on one scale, and charts only stated results."""
    import datetime as dt

    import yaml

    from sitegen.commands.draft import draft_files

    seed = tmp_path / "t.txt"
    seed.write_text("# 某镇工作综述\n\n### 产业兴旺星\n\n新建产业基地14个，收入超过50万元的村由4个增加到9个，"
                    "建成口袋公园21个，关停采砂点7个，力争明年再建产业基地10个，点亮“产业兴旺星”。\n",
                    encoding="utf-8")
    files = draft_files(seed, "seeds/t.txt", dt.date(2026, 12, 6), "site_src-t")
    figs = {f["id"]: f for f in yaml.safe_load(files["figures.yml"])["figures"]}
    counts = {f["text"]: f.get("counts") for f in figs.values()}
    assert counts["14个"] == "产业基地" and counts["9个"] == "村"
    for chart in yaml.safe_load(files["figures.yml"])["charts"]:
        shown = [figs[x] for x in chart["figures"]]
        assert len({f.get("counts") for f in shown}) == 1, chart
        assert {f.get("role", "result") for f in shown} == {"result"}, chart


def test_a_chart_of_unlike_things_or_roles_is_refused(trial, tmp_path) -> None:
    ids = {f["text"]: f["id"] for f in __import__("yaml").safe_load(trial["drafted"])["figures"]}
    bar = f"- id: t\n  page: industry\n  kind: bar\n  figures: [{ids['4个']}, {ids['9个']}]\n" \
          "  title: {zh: 村, en: Villages}\n  caption: {zh: 村。, en: Villages.}\n"
    proc = trial_with_chart(trial, tmp_path, bar)
    assert proc.returncode == 1 and "chart t mixes roles" in proc.stderr
    threshold = bar.replace(f"[{ids['4个']}, {ids['9个']}]", f"[{ids['20万元']}]")
    proc = trial_with_chart(trial, tmp_path / "again", threshold)
    assert proc.returncode == 1 and "chart t draws as an amount what is none" in proc.stderr


def test_a_label_or_page_title_types_no_number_of_its_own(tmp_path) -> None:
    """A number typed in a label or a title has no figure behind it and escapes every check of the figures."""
    from conftest import tiny_tree

    label = ("      zh: 走访群众\n", "      zh: 走访群众3200户\n")
    project = tiny_tree(tmp_path / "tiny", {"site_src/figures.yml": label})
    proc = build_here(project)
    assert proc.returncode == 1
    assert "figure visit_households: label (zh): the number 3200 is typed by hand in '走访群众3200户'" in proc.stderr
