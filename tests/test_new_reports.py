"""Two articles of townships the project had never seen (tests/fixtures/report4/seeds/), drafted and built the
way the editors' guide says; and what those trials found wrong in the draft and the messages."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from sitegen.commands.draft import draft_files

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "report4" / "seeds"
TODAY = dt.date(2026, 12, 1)


def drafted(name: str) -> dict:
    """The draft of one fixture article: relative path -> parsed YAML (or page text)."""
    files = draft_files(SEEDS / name, f"seeds/{name}", TODAY, f"site_src-{name[:-4]}")
    return {k: (yaml.safe_load(v) if k.endswith(".yml") else v) for k, v in files.items()}


def test_a_paragraph_naming_every_star_belongs_to_none_of_them():
    """songlin.txt's opening tallies all three stars ("17个村点亮…，12个村点亮…，9个村点亮…"): its figures
    are no one star's, its headline is no star's, and no star page repeats it."""
    d = drafted("songlin.txt")
    stars = d["report.yml"]["stars"]
    assert [s["zh"] for s in stars] == ["组织堡垒", "绿色家园", "和谐善治"]
    assert [s["segment"] for s in stars] == ["s1", "s2", "s3"]
    figures = {f["id"]: f for f in d["figures.yml"]["figures"]}
    for star in stars:
        assert figures[star["headline"]]["source"]["unit"] != "p1"
        page = d[f"pages/zh/{star['id']}.md"]
        assert "p1 " not in page.split("::: seed", 1)[1] + " "
    assert all(f["group"] not in {s["id"] for s in stars} for f in figures.values() if f["source"]["unit"] == "p1")
    assert "::: seed p1" in d["pages/zh/index.md"]


def test_proposed_charts_hold_one_kind_and_no_range():
    """A bar chart proposed by the draft compares figures of one kind (events with events, not with a count
    of cadres) and never draws a range ("3至5个") as one bar."""
    for name in ("songlin.txt", "qingshui.txt"):
        d = drafted(name)
        figures = {f["id"]: f for f in d["figures.yml"]["figures"]}
        assert d["figures.yml"]["charts"], name
        for chart in d["figures.yml"]["charts"]:
            shown = [figures[x] for x in chart["figures"]]
            assert len({f["kind"] for f in shown}) == 1, (name, chart["id"])
            assert not any("value_max" in f for f in shown), (name, chart["id"])


def test_the_openings_figures_are_a_group_of_their_own():
    """The figures of the paragraphs before the first section (songlin's tally of villages, qingshui's 16
    villages checked) are grouped as the opening, not filed under the first section's heading."""
    for name in ("songlin.txt", "qingshui.txt"):
        d = drafted(name)
        areas = {a["id"]: a for a in d["figures.yml"]["areas"]}
        opening = [f for f in d["figures.yml"]["figures"] if f["source"]["unit"] == "p1"]
        assert opening and all(f["group"] == "intro" for f in opening), name
        assert "TODO" not in areas["intro"]["en"] and areas["intro"]["zh"] == "总体情况"
        assert not any(p.endswith("area-ntro.md") for p in d), "the opening has no page of its own"


def test_a_notices_signature_keeps_its_lines_and_gives_the_issuer_and_date():
    """qingshui.txt ends "中共清水乡委员会 / 清水乡人民政府 / 2025年1月15日": one line each on the page (never
    run together into one string), and the draft takes the issuer and the date from it."""
    from sitegen.problems import Problems
    from sitegen.read.article import ReaderConfig, read_article

    article = read_article(SEEDS / "qingshui.txt", ReaderConfig(credit_roles=()), Problems())
    last = article.sections[-1].paragraphs[-1]
    assert last.text == "中共清水乡委员会\n清水乡人民政府\n2025年1月15日"
    meta = drafted("qingshui.txt")["report.yml"]["meta"]
    assert meta["zh"]["date"] == "2025年1月15日" and meta["zh"]["issuer"] == "中共清水乡委员会、清水乡人民政府"
    assert "issuer" in meta["en"]
    songlin = read_article(SEEDS / "songlin.txt", ReaderConfig(credit_roles=()), Problems())
    assert all("\n" not in p.text for s in songlin.sections for p in s.paragraphs), "a plain paragraph runs on"


def test_a_stars_proposed_headline_is_one_number():
    """songlin's first figure of 组织堡垒星 is a range (每个村配备3至5个后备干部): the headline proposed is the
    star's first single number instead."""
    d = drafted("songlin.txt")
    figures = {f["id"]: f for f in d["figures.yml"]["figures"]}
    for star in d["report.yml"]["stars"]:
        head = figures[star["headline"]]
        assert "value_max" not in head and head["kind"] not in ("threshold", "change"), star["id"]
    assert figures[d["report.yml"]["stars"][0]["headline"]]["text"] == "百名"


def test_both_articles_go_from_draft_to_their_own_site(project):
    """The guide's procedure on both articles: draft, a first build that lists exactly the TODO: places, the
    fill-in, stamp, and a build at the report's own address whose pages state each number with its qualifier,
    keep a notice's signature on its lines and publish no placeholder."""
    import re
    import shutil

    from conftest import run_build
    from drafting import fill_in

    for name, stars in (("songlin", 3), ("qingshui", 0)):
        shutil.copy2(SEEDS / f"{name}.txt", project / "seeds" / f"{name}.txt")
        content = project / f"site_src-{name}"
        draft = run_build(project, "draft", f"seeds/{name}.txt", content.name)
        assert draft.returncode == 0, draft.stderr
        todos = int(re.search(r"(\d+) places marked 'TODO:'", draft.stdout).group(1))
        first = run_build(project, "--content", content.name)
        assert first.returncode == 1 and f"\n{todos} problems;" in first.stderr, first.stderr[-2000:]
        assert "has the same description" not in first.stderr, "placeholders are not repeats"
        assert fill_in(content, f"https://{name}.example.org/") == todos
        assert run_build(project, "--content", content.name, "stamp", "en").returncode == 0
        built = run_build(project, "--content", content.name)
        assert built.returncode == 0, built.stderr[-3000:]
        site = project / f"site-{name}"
        pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("index.html")}
        assert len(pages) > 15 and not any("TODO" in t for t in pages.values())
        assert all(f"https://{name}.example.org/" in t for t in pages.values())
        home = pages[site / "zh" / "index.html"]
        assert len(re.findall(r'class="card g-star-\d', home)) == stars and (stars or "颗星" not in home)
    zh = (project / "site-songlin" / "zh" / "star-1" / "index.html").read_text(encoding="utf-8")
    en = (project / "site-songlin" / "en" / "star-1" / "index.html").read_text(encoding="utf-8")
    assert "近百名" in re.sub(r"<[^>]+>|\s", "", zh) and "nearly 100" in en
    # a range says both ends in English too: 每个村配备3至5个后备干部 (it said "three" before)
    assert "3至5个" in re.sub(r"<[^>]+>|\s", "", zh) and ">three to five<" in en and "3–5" in en
    notice = (project / "site-qingshui" / "zh" / "area-4" / "index.html").read_text(encoding="utf-8")
    assert "中共清水乡委员会<br>\n清水乡人民政府<br>\n2025年1月15日" in notice
    third = (project / "site-qingshui" / "en" / "area-3" / "index.html").read_text(encoding="utf-8")
    assert "bout one third" in third  # "About one third" where it begins a sentence


def test_a_share_card_takes_a_title_of_a_million_characters():
    """A translation pasted twice over (a title of two million characters) still gives a card: cut and
    ellipsized, never Pillow's "too many characters in string" traceback."""
    from sitegen.render.share import layout_card

    items = layout_card(site_name="S", title="word " * 400_000, kicker="K", number="1", unit="", label="L",
                        accent="#A35200", lang="en")
    titles = [i.text for i in items if i.role == "title"]
    assert titles and sum(map(len, titles)) < 600 and titles[-1].endswith(("…", "..."))


def test_an_article_without_numbers_publishes_no_empty_figures_page(tmp_path):
    """A seed of only a title: the draft makes no overview page, and the build refuses a '::: overview' over
    no figures (a "key figures" heading with nothing under it)."""
    from sitegen.check.figures import Figures
    from sitegen.check.validate import check_figure_blocks
    from sitegen.problems import Problems
    from sitegen.read.content import Directive

    seed = tmp_path / "t.txt"
    seed.write_text("# 只有标题的文章\n", encoding="utf-8")
    files = draft_files(seed, "seeds/t.txt", TODAY, "site_src-t")
    assert "pages/zh/overview.md" not in files and "overview" not in yaml.safe_load(files["report.yml"])["nav"]

    class Page:
        path, parts = "pages/zh/overview.md", [Directive("overview", (), 7)]

    class Content:
        figures_data = {"figures": []}

    problems = Problems()
    check_figure_blocks(Content(), Page(), Figures(), problems)
    assert [str(p).split("\n")[0] for p in problems.items] == \
        ["pages/zh/overview.md:7: '::: overview' lists the figures, but figures.yml has none"]


def test_a_python_without_the_packages_is_told_which_to_use(tmp_path):
    """`python build.py` with a Python that lacks the generator's packages (the editor's system Python, not
    .venv/bin/python): one sentence naming the package and the right command, exit 1, no traceback."""
    import subprocess
    import sys

    code = (f"import sys; sys.modules['markdown'] = None; sys.path.insert(0, {str(ROOT)!r}); "
            "from sitegen.commands.cli import main; sys.exit(main([]))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "does not have the package 'markdown' the generator needs; nothing was built" in proc.stderr
    assert ".venv/bin/python build.py" in proc.stderr and "Traceback" not in proc.stderr
