"""Section 6: a portal of N reports (10, 50, 200), generated from the fixture report (tests/fixtures/report2) with
varied places and numbers: cold build, unchanged rebuild, one report edited, peak memory, output size, time per
report, pages per second against plain MkDocs on the same pages; Lighthouse on the index and a comparison page."""
from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

from .common import PY, ROOT, log
from .lighthouse import lighthouse_bin, page_row, run_once
from .measure import run_measured
from .project import copy_of
from .server import gzip_server

# two-character names (zh, pinyin) for the generated places: 20 × 10 = 200 distinct ones
FIRST = [("和平", "Heping"), ("安康", "Ankang"), ("春华", "Chunhua"), ("新民", "Xinmin"), ("东风", "Dongfeng"),
         ("建设", "Jianshe"), ("光明", "Guangming"), ("永安", "Yong'an"), ("丰收", "Fengshou"), ("团结", "Tuanjie"),
         ("友谊", "Youyi"), ("长青", "Changqing"), ("振兴", "Zhenxing"), ("朝阳", "Chaoyang"), ("兴隆", "Xinglong"),
         ("福安", "Fu'an"), ("康宁", "Kangning"), ("民乐", "Minle"), ("瑞祥", "Ruixiang"), ("文昌", "Wenchang")]
SECOND = [("里", "li"), ("巷", "xiang"), ("苑", "yuan"), ("坊", "fang"), ("园", "yuan"), ("庄", "zhuang"),
          ("湾", "wan"), ("桥", "qiao"), ("街", "jie"), ("坪", "ping")]
BUILT = re.compile(r"built a portal of (\d+) reports .* in ([\d.]+) s \((\d+) built, (\d+) unchanged")
INDICATOR_ZH, INDICATOR_VALUE = "85万元", "value: 85\n"  # the fixture's figure that names the portal's indicator


def place(i: int) -> tuple[str, str]:
    a, b = FIRST[i % len(FIRST)], SECOND[(i // len(FIRST)) % len(SECOND)]
    return a[0] + b[0], a[1] + b[1]


def generate(project: Path, n: int) -> Path:
    """n reports in project/reports/rNNN/ (each the fixture with its own place and its own safety investment) and
    project/portal-N.yml naming them; the portal file."""
    from sitegen.commands.cli import main as build_main

    fixture = ROOT / "tests" / "fixtures" / "report2"
    lines = []
    for i in range(n):
        zh, en = place(i)
        value = 60 + (i * 7) % 40
        folder = project / "reports" / f"r{i:03d}"
        shutil.copytree(fixture, folder, ignore=shutil.ignore_patterns("site", "docs", ".cache"))
        for f in folder.rglob("*"):
            if f.suffix in (".yml", ".txt", ".md"):
                text = f.read_text(encoding="utf-8").replace("幸福里", zh).replace("Xingfuli", en)
                text = text.replace(INDICATOR_ZH, f"{value}万元").replace(INDICATOR_VALUE, f"value: {value}\n")
                f.write_text(text, encoding="utf-8")
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            # the English was reviewed against the fixture's Chinese: reviewed again, as an editor would
            assert build_main(["--content", str(folder / "site_src"), "stamp", "en"], root=project) == 0
        lines.append(f"  - slug: r{i:03d}\n    content: reports/r{i:03d}/site_src\n")
    example = (ROOT / "portal.example.yml").read_text(encoding="utf-8")
    head = example[:example.index("reports:")].replace("output: site-portal", f"output: site-portal-{n}")
    tail = example[example.index("# What the portal compares"):]
    portal = project / f"portal-{n}.yml"
    portal.write_text(head + "reports:\n" + "".join(lines) + tail, encoding="utf-8")
    return portal


def measured(project: Path, portal: Path, label: str) -> dict:
    r = run_measured(project, [PY, "build.py", "portal", portal.name], timeout=7200)
    if r["rc"] != 0:
        raise RuntimeError(f"portal build failed (exit {r['rc']}):\n{r['stderr'][-3000:]}")
    m = BUILT.search(r["stdout"])
    row = {"wall_s": round(r["wall"], 3), "cpu_s": round(r["cpu"], 2), "peak_rss_mb": round(r["maxrss_kb"] / 1024, 1),
           "reports_built": int(m.group(3)), "reports_taken": int(m.group(4))}
    log(f"  {label}: {row['wall_s']:.2f} s, {row['reports_built']} built, {row['reports_taken']} taken, "
        f"peak {row['peak_rss_mb']} MB")
    return row


EDITS = ("once more", "again", "anew")  # a word added to one English sentence: a new text each run


def edit_one(project: Path, i: int, word: str) -> tuple[Path, str]:
    """One English sentence of one report changed (a word added): (file, its text before)."""
    f = project / "reports" / f"r{i:03d}" / "site_src" / "translations" / "en.yml"
    text = f.read_text(encoding="utf-8")
    old = "filled with new vitality."  # the end of p1, the report's first paragraph
    assert old in text, "no English sentence to edit"
    f.write_text(text.replace(old, f"filled with new vitality {word}.", 1), encoding="utf-8")
    return f, text


PLAIN = """\
import io
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
root = Path(sys.argv[1])
for docs in sorted(root.glob("*/*")):  # one site per report and language, as the reports' own MkDocs runs
    name = f"{docs.parent.name} {docs.name}"
    cfg = load_config(config_file=io.StringIO(f"site_name: {name}\\n"), site_name=name, docs_dir=str(docs),
                      site_dir=str(root.parent / "plain-site" / docs.parent.name / docs.name), theme={"name": "mkdocs"})
    build(cfg)
"""


def plain_mkdocs(project: Path, n: int) -> dict:
    """The same Markdown pages the portal's reports gave MkDocs (docs/portal-<slug>/<lang>/), each report and language
    a plain MkDocs site with its built-in theme, as the reports' own MkDocs runs are (one site of them all would make
    MkDocs' navigation quadratic), all built in one Python process: its time and pages per second."""
    docs = project / "plain-docs"
    shutil.rmtree(docs, ignore_errors=True)
    pages = 0
    for folder in sorted((project / "docs").glob("portal-r*")):
        for md in folder.rglob("*.md"):
            dst = docs / folder.name / md.relative_to(folder)
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(md, dst)
            pages += 1
    (project / "plain_mkdocs.py").write_text(PLAIN, encoding="utf-8")
    r = run_measured(project, [PY, "plain_mkdocs.py", str(docs)], timeout=7200)
    if r["rc"] != 0:
        log(f"  plain MkDocs failed: {r['stderr'][-1500:]}")
    return {"pages": pages, "sites": len(list(docs.glob("*/*"))), "wall_s": round(r["wall"], 3), "rc": r["rc"],
            "pages_per_s": round(pages / r["wall"], 1) if r["rc"] == 0 and r["wall"] else None}


def output_size(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    return {"files": len(files), "html_files": len(html), "mb": round(sum(p.stat().st_size for p in files) / 1e6, 1),
            "mb_without_gz": round(sum(p.stat().st_size for p in files if p.suffix != ".gz") / 1e6, 1)}


def one_size(work: Path, n: int) -> dict:
    project = copy_of(work / f"portal-{n}")
    portal = generate(project, n)
    log(f"  portal of {n}: generated")
    row = {"reports": n, "cold": measured(project, portal, f"{n} reports, cold")}
    # the first rebuild fills the spare (the output the next build updates in place: sitegen/portal/spare.py)
    row["first_unchanged"] = measured(project, portal, f"{n} reports, unchanged (spare filled)")
    row["unchanged"] = measured(project, portal, f"{n} reports, unchanged")
    edits = []
    for word in EDITS:
        f, before = edit_one(project, n // 2, word)
        try:
            edits.append(measured(project, portal, f"{n} reports, one report edited ({word})"))
        finally:
            f.write_text(before, encoding="utf-8")
    row["one_report_edited"] = {**sorted(edits, key=lambda r: r["wall_s"])[len(edits) // 2],
                                "runs_s": [r["wall_s"] for r in edits]}
    site = project / f"site-portal-{n}"
    row["output"] = output_size(site)
    row["seconds_per_report"] = round(row["cold"]["wall_s"] / n, 3)
    row["pages_per_s"] = round(row["output"]["html_files"] / row["cold"]["wall_s"], 1)
    row["plain_mkdocs"] = plain_mkdocs(project, n)
    row["site"] = str(site)
    return row


def portal_section(work: Path, sizes: list[int], lighthouse_runs: int) -> dict:
    """Every size in turn (each its own project copy, cold), then Lighthouse on the smallest portal's index and
    comparison page in each language."""
    rows = [one_size(work, n) for n in sizes]
    first, last = rows[0], rows[-1]
    out = {"sizes": sizes, "results": rows,
           "time_per_report_ratio": round(last["seconds_per_report"] / first["seconds_per_report"], 2)}
    if lighthouse_runs:
        exe = lighthouse_bin()
        pages = [f"/{lang}/{p}" for p in ("", "compare/safety-investment/") for lang in ("zh", "en")]
        out["lighthouse"] = []
        with gzip_server(Path(first["site"])) as server:
            for path in pages:
                samples = [s for i in range(lighthouse_runs) if (s := run_once(
                    exe, server.base + path, work / f"lh-portal-{path.strip('/').replace('/', '-')}-{i}.json"))]
                out["lighthouse"].append(page_row(path, samples))
                log(f"  lighthouse {path}: {out['lighthouse'][-1]}")
    for r in rows:
        shutil.rmtree(Path(r.pop("site")).parent, ignore_errors=True)
    return out
