"""The Markdown summary of the results (also what the benchmark prints at the end)."""
from __future__ import annotations

from .common import KB


def kb(n) -> str:
    """Bytes as KB with one decimal ("—" for none)."""
    return "—" if n is None else f"{n / KB:.1f}"


def fmt(x, nd=2) -> str:
    """A number with nd decimals ("—" for none)."""
    return "—" if x is None else f"{x:.{nd}f}"


def verdict(seconds, budget: float = 1) -> str:
    """PASS when seconds is under the budget."""
    return "PASS" if seconds is not None and seconds < budget else "OVER"


def markdown(res: dict) -> str:
    """The whole summary: the machine, each section that ran, the method."""
    lines = header(res)
    for key, section in (("page_weight", page_weight), ("build_times", build_times),
                         ("preview_latency", preview_latency), ("scaling", scaling), ("lighthouse", lighthouse),
                         ("portal", portal)):
        if res.get(key):
            lines += section(res[key])
    lines += ["## Method", ""] + [f"- {x}" for x in res["method"]] + [""]
    return "\n".join(lines)


def header(res: dict) -> list[str]:
    """The title, date, machine, load and duration."""
    m = res["machine"]
    lines = [f"# Benchmark ({res['mode']} run)", "",
            f"- date: {res['date']}",
            f"- machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB memory, Python {m['python']}, "
            f"{m['chromium']}, Node {m['node']}",
            f"- load average (1, 5, 15 min) at start {res['load_average']['start']}, at end "
            f"{res['load_average']['end']} — other jobs shared this machine; timings are wall-clock",
            f"- duration of the benchmark: {res['duration_s']:.0f} s ("
            + ", ".join(f"{k} {v:.0f} s" for k, v in res.get("section_seconds", {}).items()) + ")"]
    dates = res.get("section_dates", {})
    lines += [f"- section {k} measured again alone (`--only {k}`) on {d}" for k, d in dates.items()]
    return lines + [""]


def page_weight(pw: dict) -> list[str]:
    """Section 1: a row per page, the summary, the heaviest pages by resource type."""
    charts_not_star = ", ".join(sorted({r["path"].strip("/").split("/")[-1] for r in pw["pages"]
                                        if r["kind"] == "charts"})) or "none"
    lines = ["## 1. Page weight (gzip, Chromium 390×844, empty cache)", "",
             "KB = 1024 bytes on the wire (response headers + gzip body), counted by the server; "
             "“before interaction” = after load and network idle, no scrolling; “with charts” = after "
             "scrolling slowly to the bottom and pointing at every chart, so that plotly.js loaded and every "
             "chart drew, network idle. Budgets (before interaction): every page ≤ 60 KB — star pages, pages "
             f"without charts and the other pages with charts ({charts_not_star}) alike.",
             "",
             "| page | kind | charts | KB before interaction | requests | budget KB | verdict | KB with charts | "
             "requests | of which plotly.js KB |",
             "| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |"]
    for r in pw["pages"]:
        lines.append(f"| {r['path']} | {r['kind']} | {r.get('charts', 0)} | {kb(r['initial']['bytes'])} | "
                     f"{r['initial']['requests']} | {kb(r['budget_bytes'])} | {r['verdict']} | "
                     f"{kb(r['with_charts']['bytes'])} | {r['with_charts']['requests']} | "
                     f"{kb(r['with_charts']['by_type'].get('plotly.js'))} |")
    s = pw["summary"]
    lines += ["", f"{s['pass']} pages within budget, {s['over']} over. Heaviest star page before interaction: "
                  f"{kb(s['star_max_bytes'])} KB; heaviest page without charts: {kb(s['no_charts_max_bytes'])} KB; "
                  f"plotly.js alone: {kb(s['plotly_gzip_bytes'])} KB gzipped.", ""]
    worst = sorted(pw["pages"], key=lambda r: -r["initial"]["bytes"])[:3]
    return lines + ["Largest pages before interaction, by resource type (KB): " + "; ".join(
        f"{r['path']}: " + ", ".join(f"{k} {kb(v)}" for k, v in r["initial"]["by_type"].items()) for r in worst), ""]


def build_rows(bt: dict) -> list[str]:
    """Section 2's rows of our builds."""
    zh = bt.get("one_zh_paragraph_changed") or {}
    labels = (("cold_full_build", "cold full build (no .cache/, site/, docs/)"),
              ("unchanged_rebuild", "rebuild, nothing changed (every language from .cache/)"),
              ("every_language_rebuilt", "full build, every language rebuilt (MkDocs and Pagefind run; "
               "share cards, charts, QR codes from .cache/)"),
              ("one_paragraph_changed",
               f"rebuild, one paragraph changed ({bt['one_paragraph_changed']['unit']} in en.yml)"),
              ("one_zh_paragraph_changed",
               f"rebuild, one Chinese paragraph changed ({zh.get('file')}:{zh.get('line')})"))
    return [f"| {label} | {fmt(b['median_s'])} | {', '.join(fmt(x) for x in b['runs_s'])} | "
            f"{fmt(b['cpu_s'])} | {b['peak_rss_mb']} | {b['pages']} |"
            for key, label in labels if (b := bt.get(key))]


def reference_rows(bt: dict) -> list[str]:
    """Section 2's rows of plain MkDocs, per language and both together."""
    lines = []
    for key, label in (("plain_mkdocs_same_config", "plain `mkdocs build`, same theme and config"),
                       ("plain_mkdocs_builtin_theme", "plain `mkdocs build`, built-in `mkdocs` theme")):
        ref = bt.get(key) or {}
        for lang, v in ref.items():
            if isinstance(v, dict) and "median_s" in v:
                lines.append(f"| {label}, {lang} | {fmt(v['median_s'])} | {', '.join(fmt(x) for x in v['runs_s'])} "
                             f"| {fmt(v['cpu_s'])} | {v['peak_rss_mb']} | |")
            elif isinstance(v, dict):
                lines.append(f"| {label}, {lang} | failed | {v.get('error', '')[:120]!r} | | | |")
        if ref.get("total_median_s") is not None:
            lines.append(f"| {label}, both languages | {fmt(ref['total_median_s'])} | | | | |")
    return lines


def build_times(bt: dict) -> list[str]:
    """Section 2: the table, the ratios to plain MkDocs, the budgets."""
    lines = [f"## 2. Build time (seconds, median of {bt['runs']})", "",
             "| build | median s | runs s | CPU s | peak RSS MB | pages |", "| --- | ---: | --- | ---: | ---: | ---: |",
             *build_rows(bt), *reference_rows(bt)]
    ratio = bt.get("ratio_every_language_rebuilt_to_plain_mkdocs")
    if ratio is not None:
        lines += ["", "Ratio full build with every language rebuilt / plain MkDocs (same config, both languages): "
                      f"**{fmt(ratio)}**."]
    lines += ["", f"Ratio unchanged full build / plain MkDocs (same config, both languages): "
                  f"**{fmt(bt['ratio_warm_build_to_plain_mkdocs'])}** (vs the built-in theme: "
                  f"{fmt(bt['ratio_warm_build_to_plain_mkdocs_builtin'])}). {bt['reference_note']}.", ""]
    verdicts = [f"{what} one-paragraph rebuild {fmt(bt[key]['median_s'])} s: {verdict(bt[key]['median_s'])} "
                "(budget < 1 s)" for key, what in (("one_paragraph_changed", "English"),
                                                   ("one_zh_paragraph_changed", "Chinese")) if bt.get(key)]
    if ratio is not None:
        verdicts.append(f"full build with warm caches, every language rebuilt / plain MkDocs {fmt(ratio)}: "
                        f"{'PASS' if ratio <= 2 else 'OVER'} (budget ≤ 2)")
    cold = bt.get("ratio_cold_build_to_plain_mkdocs")
    if cold is not None:
        lines[-1:-1] = ["", "Ratio cold build (empty caches: every chart, card, QR code and long image drawn) / plain "
                            f"MkDocs (same config, both languages): **{fmt(cold)}**."]
        verdicts.append(f"cold build / plain MkDocs {fmt(cold)}: {'PASS' if cold <= 3 else 'OVER'} (budget ≤ 3)")
    return lines + ["Budgets: " + "; ".join(verdicts) + ".", ""]


def preview_latency(pl: dict) -> list[str]:
    """Section 3: the English edits, then the Chinese ones."""
    lines = ["## 3. Preview latency", "",
             f"`build.py serve`: an edit of {pl['unit']}'s English in en.yml until {pl['page']} shows it "
             f"(polled every {pl['poll_interval_ms']} ms): **median {fmt(pl['median_s'])} s** over {pl['edits']} "
             f"edit(s): {', '.join(fmt(x) for x in pl['runs_s'])} s; {pl['timeouts']} timeout(s). The server's "
             f"own rebuild times: {', '.join(fmt(x) for x in pl['server_reported_rebuild_s'])} s (the watcher "
             f"polls every {pl['watch_interval_s']} s). Budget < 1 s: {verdict(pl['median_s'])}.", ""]
    z = pl.get("zh")
    if z:
        lines += [f"Then a paragraph of {z['file']} until {z['page']} shows it: **median {fmt(z['median_s'])} s** "
                  f"over {len(z['runs_s'])} edit(s): {', '.join(fmt(x) for x in z['runs_s'])} s; {z['timeouts']} "
                  f"timeout(s). Budget < 1 s: {verdict(z['median_s'])}.", ""]
    return lines


def scaling(sc: dict) -> list[str]:
    """Section 4: a row per size."""
    lines = ["## 4. Scaling (star pages copied ×N)", "",
             f"Median of {sc['runs']} build(s) per size. Every build runs MkDocs and Pagefind for every language "
             "(their caches are emptied before each run); the first after the copy also draws the share images of "
             "the copies. Peak RSS = the largest process of the build (Python or Pagefind).", "",
             "| content | pages | median s | runs s | s per page | peak RSS MB | time / time(×1) | "
             "time / (N × time(×1)) |",
             "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |"]
    for r in sc["results"]:
        ratio = sc["ratios"].get(f"x{r['factor']}", {})
        if r.get("refused"):
            lines.append(f"| ×{r['factor']} | refused: {r['error'].strip().splitlines()[-1][:150]} | | | | | | |")
            continue
        lines.append(f"| ×{r['factor']} | {r['pages']} | {fmt(r['median_s'])} | "
                     f"{', '.join(fmt(x) for x in r['runs_s'])} | {fmt(r['seconds_per_page'], 3)} | "
                     f"{r['peak_rss_mb']} | {fmt(ratio.get('time_ratio'))} | {fmt(ratio.get('vs_linear'), 3)} |")
    return lines + ["", "The build accepted every copy." if sc["accepted"] else
                    "The build refused some sizes (see above).", ""]


def lighthouse(lh: dict) -> list[str]:
    """Section 5: a row per page and the audits below 0.9 (or why it was skipped)."""
    if lh.get("skipped"):
        return ["## 5. Lighthouse", "", f"skipped ({lh.get('reason', '')})", ""]
    lines = [f"## 5. Lighthouse {lh['version']} ({lh['preset']}, median of {lh['runs']})", "",
             "| page | performance | accessibility | best practices | SEO | FCP ms | LCP ms | TBT ms | CLS | "
             "speed index ms | total byte weight KB |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    return lines + lighthouse_rows(lh["pages"])


def lighthouse_rows(pages: list[dict], speed_index: bool = True) -> list[str]:
    """A table row per page (its scores and metrics; the speed index if asked), then the audits below 0.9."""
    lines = []
    for r in pages:
        lines.append(f"| {r['path']} | {r['performance']} | {r['accessibility']} | {r['best-practices']} | "
                     f"{r['seo']} | {fmt(r['first-contentful-paint'], 0)} | {fmt(r['largest-contentful-paint'], 0)} "
                     f"| {fmt(r['total-blocking-time'], 0)} | {fmt(r['cumulative-layout-shift'], 3)} | "
                     + (f"{fmt(r['speed-index'], 0)} | " if speed_index else "") + f"{kb(r['total-byte-weight'])} |")
    lines += ["", "Audits scoring below 0.9 in at least one run:", ""]
    lines += [f"- {r['path']}: {', '.join(r['below_0.9_audits']) or '—'}" for r in pages]
    return lines + [""]


def portal(po: dict) -> list[str]:
    """Section 6: a row per portal size, the ratio of time per report, plain MkDocs, Lighthouse."""
    lines = ["## 6. A portal of reports (build.py portal)", "",
             "Each portal is generated from the fixture report (tests/fixtures/report2), each report with its own "
             "place and its own safety investment (the portal's indicator), in a project copy of its own. Cold = "
             "nothing built, no cache; first unchanged = the same build again, which also fills the spare (the "
             "output the next build updates in place); unchanged = once more; one report edited = one English "
             "sentence of one report changed, a new word each time, median of 3. Peak RSS = the largest single "
             "process (build.py or one of the reports' processes). Pages per second = HTML files of the output / "
             "cold seconds; plain MkDocs = the same "
             "Markdown pages the reports gave MkDocs, each report and language a plain MkDocs site with its built-in "
             "theme (as the reports' own MkDocs runs are), all built in one Python process.", "",
             "| reports | cold s | s per report | first unchanged s | unchanged s | one report edited s (runs) | "
             "peak RSS MB | output files | "
             "output MB (with .gz) | HTML pages | pages/s | plain MkDocs pages | plain MkDocs s | "
             "plain MkDocs pages/s |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in po["results"]:
        c, o, m = r["cold"], r["output"], r["plain_mkdocs"]
        e = r["one_report_edited"]
        lines.append(f"| {r['reports']} | {fmt(c['wall_s'])} | {fmt(r['seconds_per_report'], 3)} | "
                     f"{fmt(r['first_unchanged']['wall_s'])} | {fmt(r['unchanged']['wall_s'])} | "
                     f"{fmt(e['wall_s'])} ({', '.join(fmt(x) for x in e['runs_s'])}) | "
                     f"{c['peak_rss_mb']} | {o['files']} | {o['mb']} | {o['html_files']} | "
                     f"{fmt(r['pages_per_s'], 1)} | "
                     f"{m['pages']} | {fmt(m['wall_s'])} | {fmt(m['pages_per_s'], 1)} |")
    sizes = po["sizes"]
    edit = next((r for r in po["results"] if r["reports"] == 50), None)
    lines += ["", f"Time per report, {sizes[-1]} reports over {sizes[0]}: **{po['time_per_report_ratio']}×** "
              f"(goal ≤ 1.3×: {'PASS' if po['time_per_report_ratio'] <= 1.3 else 'OVER'})."]
    if edit:
        s = edit["one_report_edited"]["wall_s"]
        lines.append(f"One report edited in the 50-report portal: **{fmt(s)} s** (goal < 2 s: {verdict(s, 2)}).")
    lines.append("")
    if po.get("lighthouse"):
        lines += ["Lighthouse on the smallest portal (mobile default, median of 3):", "",
                  "| page | performance | accessibility | best practices | SEO | FCP ms | LCP ms | TBT ms | CLS | "
                  "total byte weight KB |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        lines += lighthouse_rows(po["lighthouse"], speed_index=False)
    return lines
