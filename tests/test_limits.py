"""What one input may cost (issue 24, class 2): text fields, figures, pages and pictures have sizes a report never
needs (sitegen/limits.py), refused with `path:line` before the work, so that no input makes a build slow or large.
Shown under a memory cap: each hostile input is built in a process whose address space is limited (RLIMIT_AS) to
limits.MEMORY_CAP, where it used to run out of memory into a traceback (a period of a million characters took 52 s
and 6.4 GB) or publish a picture of 1080 x 300,240 px."""
from __future__ import annotations

import json
import re
import resource
import subprocess
import textwrap
import time
from pathlib import Path

import pytest

from conftest import PY, ROOT, tiny_tree

MEMORY_CAP = 1536 * 1024 * 1024  # sitegen/limits.py: MEMORY_CAP (its own value, so this file runs on older code)
CAPPED = textwrap.dedent("""
    import resource, sys
    cap = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    sys.path.insert(0, sys.argv[2])
    from pathlib import Path
    from sitegen.commands.cli import main
    sys.exit(main(sys.argv[3:], root=Path.cwd()))
""")


def capped_build(tree: Path, tmp_path: Path, *args: str, cap: int | None = None) -> tuple[int, str, float]:
    """A build of tree with this checkout's code, in a process limited to cap bytes of address space (and so are
    the processes it forks); (exit code, stderr, seconds)."""
    script = tmp_path / "capped.py"
    script.write_text(CAPPED, encoding="utf-8")
    t0 = time.monotonic()
    proc = subprocess.run([PY, str(script), str(cap or MEMORY_CAP), str(ROOT), *args], cwd=tree, capture_output=True,
                          text=True, timeout=300)
    return proc.returncode, proc.stderr, time.monotonic() - t0


def refused(tree: Path, tmp_path: Path, expected: str, *args: str) -> str:
    code, err, took = capped_build(tree, tmp_path, *args)
    assert code == 1, err[-3000:]
    assert "Traceback" not in err and "MemoryError" not in err, err[-3000:]
    assert re.search(expected, err), err[-3000:]
    assert took < 60, took
    assert not (tree / "site").exists()
    return err


def money_figures(tree: Path, n: int, start: int = 1001) -> None:
    """n sums of money (投资1001万元；投资1002万元；…) added to the tiny report as one paragraph p5 with its figures,
    its English and a 一图读懂 page: every one a result, each drawn as a bar of the long image."""
    from sitegen.read.content import source_hash

    seed = tree / "seeds" / "q.txt"
    values = list(range(start, start + n))
    para = "；".join(f"投资{v}万元" for v in values) + "。"
    seed.write_text(seed.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + para + "\n", encoding="utf-8")
    figs = "".join(f"""  - id: m{v}
    group: visits
    text: {v}万元
    value: {v}
    unit: 万元
    qualifier: exact
    kind: amount
    label: {{zh: 投资, en: Investment}}
    source: {{unit: p5, quote: 投资{v}万元}}
""" for v in values)
    f = tree / "site_src/figures.yml"
    f.write_text(f.read_text(encoding="utf-8").replace("figures:\n", "figures:\n" + figs, 1), encoding="utf-8")
    en = tree / "site_src/translations/en.yml"
    text = "Invested " + ", ".join(f"{{{v}万元}}" for v in values) + "."
    entry = f"p5:\n  src: '{source_hash(para.strip())}'\n  text: {json.dumps(text)}\n"
    en.write_text(en.read_text(encoding="utf-8") + entry, encoding="utf-8")
    for lang, title in (("zh", "一图读懂"), ("en", "Infographic")):
        (tree / f"site_src/pages/{lang}/explainer.md").write_text(
            f"---\ntitle: {title}\ntemplate: explainer\ndescription: {title} of the sample\n---\n", encoding="utf-8")
        page = tree / f"site_src/pages/{lang}/visits.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n::: seed p5\n", encoding="utf-8")
    report = tree / "site_src/report.yml"
    report.write_text(report.read_text(encoding="utf-8").replace("nav: [index, visits, overview, summary]",
                                                                 "nav: [index, visits, overview, summary, explainer]"),
                      encoding="utf-8")


def test_the_tiny_report_with_a_few_more_sums_builds_under_the_cap(tmp_path):
    """The generator of the hostile cases is sound: with 12 more sums of money the report builds, under the cap."""
    tree = tiny_tree(tmp_path / "p")
    money_figures(tree, 12)
    code, err, _ = capped_build(tree, tmp_path)
    assert code == 0, err[-3000:]
    assert (tree / "site/zh/explainer/longimage.png").is_file()


def test_this_report_builds_cold_under_the_cap(sources, tmp_path):
    """The real report, from empty caches (every picture drawn, both languages built), within the cap."""
    code, err, _ = capped_build(sources, tmp_path)
    assert code == 0, err[-3000:]
    assert (sources / "site/zh/explainer/longimage.png").is_file()


def test_a_long_image_taller_than_a_report_needs_is_refused_before_it_is_drawn(tmp_path):
    """500 sums of money: the 一图读懂 would be ~72,000 px tall (2,000 published a 1080 x 300,240 px image)."""
    tree = tiny_tree(tmp_path / "p")
    money_figures(tree, 500)
    refused(tree, tmp_path, r"site_src/pages/zh/explainer.md:1: page zh/explainer: the long image would be \d{2},\d{3} "
            r"px tall \(at most 60,000\): it shows 50\d sums of money")


def test_more_figures_than_a_report_has_are_refused_unread(tmp_path):
    tree = tiny_tree(tmp_path / "p")
    money_figures(tree, 1200)
    refused(tree, tmp_path, r"site_src/figures.yml:\d+: figures: 1,2\d\d entries: a report has at most 1,000")


HUGE = "这是一段很长的文字" * 111_112  # a million characters


@pytest.mark.parametrize("rel,old,new,expected", [
    ("site_src/report.yml", "site_name: Qualifier sample", "site_name: Qualifier sample\n    period: " + HUGE,
     r"site_src/report.yml:\d+: 'period' in meta.en is 1,000,00\d characters long: a report needs at most 500"),
    ("site_src/pages/en/index.md", "title: Home", "title: " + HUGE[:5000],
     r"site_src/pages/en/index.md:2: 'title' in front matter is 5,000 characters long: a report needs at most 500"),
    ("site_src/translations/en.yml", "text: Visits and investment", "text: " + HUGE,
     r"site_src/translations/en.yml:\d+: 'text' in unit 's1' is 1,000,00\d characters long: a report needs at most "
     r"20,000"),
    ("site_src/figures.yml", "en: Households visited", "en: " + HUGE[:3000],
     r"site_src/figures.yml:\d+: 'en' in label of visit_households is 3,000 characters long"),
])
def test_a_text_longer_than_a_report_needs_is_refused(tmp_path, rel, old, new, expected):
    tree = tiny_tree(tmp_path / "p", {rel: (old, new)})
    refused(tree, tmp_path, expected)


def test_a_seed_larger_than_an_article_is_refused_unread(tmp_path):
    tree = tiny_tree(tmp_path / "p")
    seed = tree / "seeds/q.txt"
    seed.write_text(seed.read_text(encoding="utf-8") * 10_000, encoding="utf-8")  # a 370-byte article: 3.7 MB
    refused(tree, tmp_path, r"seeds/q.txt: the article is too large \(\d,\d{3},\d{3} bytes; at most 1,048,576 "
            r"are read\)")


def test_more_pages_than_a_report_has_are_refused_unread(tmp_path):
    tree = tiny_tree(tmp_path / "p")
    for i in range(120):
        (tree / f"site_src/pages/en/extra-{i}.md").write_text("---\ntitle: x\ntemplate: about\ndescription: d\n---\n",
                                                             encoding="utf-8")
    err = refused(tree, tmp_path, r"site_src/pages/en: 125 pages: a report has at most 100")
    assert "exists in zh" not in err, "no follow-on problems of pages refused unread"


def test_a_content_folder_of_more_text_than_a_report_needs_is_refused_unread(tmp_path):
    tree = tiny_tree(tmp_path / "p")
    for i in range(6):  # each within its kind's limit (a data file: 4 MB), together 18 MB
        (tree / f"site_src/notes-{i}.yml").write_text("# " + "x" * 3_000_000 + "\n", encoding="utf-8")
    refused(tree, tmp_path, r"site_src: the content folder holds 18,\d{3},\d{3} bytes of text: a report needs at "
            r"most 16,777,216")


def test_the_cap_is_a_real_limit():
    """The cap the tests build under is the one limits.py names, smaller than what the old failures needed, and a
    process under it that asks for more gets MemoryError (so the tests above would fail with a traceback)."""
    from sitegen import limits

    assert limits.MEMORY_CAP == MEMORY_CAP
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]),) * 2)\n"
            "try:\n    x = bytearray(int(sys.argv[1]))\nexcept MemoryError:\n    print('refused')")
    out = subprocess.run([PY, "-c", code, str(MEMORY_CAP)], capture_output=True, text=True, timeout=60).stdout
    assert out.strip() == "refused" and MEMORY_CAP < 6.4e9
    assert resource.RLIMIT_AS
