"""Section 2: build times, with plain MkDocs as the reference.

The reference is plain `mkdocs build` given exactly what build.py gives MkDocs for each language, as
`build.py --record-mkdocs FILE --no-pages-cache` records it; and, for scale, MkDocs' built-in theme.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import yaml

from .common import PY, log, median, read_yaml
from .measure import build, run_measured, series
from .project import chinese_edit, drop_language_caches, english_edit, make_cold, output_dirs

NOTE = ("reference = the same config build.py gives MkDocs (recorded by a real build: our theme, nav, extra, "
        "strict), one `python -m mkdocs build` per language, summed")


def timed(project: Path, runs: int, label: str, before: Callable[[], object] = lambda: None) -> list[dict]:
    """`runs` measured builds of project, each after before() (not timed)."""
    rs = []
    for i in range(runs):
        before()
        rs.append(build(project))
        log(f"  {label} {i + 1}/{runs}: {rs[-1]['wall']:.2f} s")
    return rs


def edited_builds(project: Path, runs: int) -> dict:
    """Rebuilds after one English paragraph, then one Chinese paragraph, changed (a new word each run)."""
    out = {}
    for key, edit in (("one_paragraph_changed", english_edit(project)),
                      ("one_zh_paragraph_changed", chinese_edit(project))):
        try:
            rs = timed(project, runs, f"one paragraph changed ({edit.label})", edit.write)
        finally:
            edit.restore()
        out[key] = {**series(rs), "file": edit.file.relative_to(project).as_posix(), **edit.where}
    return out


def build_times(project: Path, work: Path, runs: int) -> dict:
    """Section 2. Leaves `project` built from unchanged sources (its site/ is then measured)."""
    cold = timed(project, runs, "cold build", lambda: make_cold(project))
    warm = timed(project, runs, "unchanged rebuild")
    # what an edit touching every language costs (a figure, a template, mkdocs.yml)
    every_lang = timed(project, runs, "every language rebuilt (pages and search caches emptied)",
                       lambda: drop_language_caches(project))
    edited = edited_builds(project, runs)
    log("  recording the build's MkDocs configuration (one more build, not timed) …")
    same, note = recorded_configs(project, work)  # its build also restores site/ to the unchanged sources
    ref_same = mkdocs_reference(project, same, runs) if same else {}
    ref_builtin = mkdocs_reference(project, builtin_configs(project, work), runs)
    log(f"  plain mkdocs (same theme and config): {ref_same.get('total_median_s')} s; "
        f"built-in theme: {ref_builtin.get('total_median_s')} s")
    return {"runs": runs, "cold_full_build": series(cold), "unchanged_rebuild": series(warm),
            "every_language_rebuilt": series(every_lang), **edited,
            "plain_mkdocs_same_config": ref_same, "plain_mkdocs_builtin_theme": ref_builtin,
            "reference_note": note or NOTE, **ratios(warm, every_lang, ref_same, ref_builtin, cold)}


def ratios(warm: list[dict], every_lang: list[dict], ref_same: dict, ref_builtin: dict,
           cold: list[dict] = ()) -> dict:
    """Our builds' median times over plain MkDocs' (the same config, else the built-in theme)."""
    warm_s = median([r["wall"] for r in warm])
    ref = ref_same.get("total_median_s") or ref_builtin.get("total_median_s")
    builtin = ref_builtin.get("total_median_s")
    return {"ratio_warm_build_to_plain_mkdocs": round(warm_s / ref, 2) if ref else None,
            "ratio_every_language_rebuilt_to_plain_mkdocs":
                round(median([r["wall"] for r in every_lang]) / ref, 2) if ref else None,
            "ratio_warm_build_to_plain_mkdocs_builtin": round(warm_s / builtin, 2) if builtin else None,
            "ratio_cold_build_to_plain_mkdocs":
                round(median([r["wall"] for r in cold]) / ref, 2) if ref and cold else None}


def recorded_configs(project: Path, work: Path) -> tuple[dict[str, Path], str]:
    """Per language, an MkDocs config file with what build.py gives MkDocs (our theme, nav, extra,
    strict, site_url), from one build with every language's pages built anew; and a note if that failed."""
    record = work / "mkdocs-runs.json"
    r = run_measured(project, [PY, "build.py", "--no-pages-cache", "--record-mkdocs", str(record)], timeout=600)
    if r["rc"] != 0:
        build(project)  # site/ from the unchanged sources all the same
        return {}, f"could not record the build's MkDocs config ({r['stderr'].strip()[-400:]}); built-in theme only"
    base = read_yaml(project / "mkdocs.yml") or {}
    configs = {}
    for run in json.loads(record.read_text(encoding="utf-8")):
        cfg = dict(base)
        theme = dict(cfg.get("theme") or {})
        if theme.get("custom_dir"):
            theme["custom_dir"] = str((project / theme["custom_dir"]).resolve())
        cfg.update({"theme": theme, "docs_dir": run["docs_dir"], "site_dir": str(work / f"ref-{run['lang']}"),
                    "site_url": run["site_url"], "nav": run["nav"],
                    "extra": {**(cfg.get("extra") or {}), **run["extra"]}})
        configs[run["lang"]] = write_config(project / f"bench-mkdocs-{run['lang']}.yml", cfg)
    return configs, ""


def builtin_configs(project: Path, work: Path) -> dict[str, Path]:
    """Per language, an MkDocs config file for the same docs/ with MkDocs' built-in `mkdocs` theme."""
    langs = (read_yaml(project / "site_src" / "report.yml") or {}).get("languages") or ["zh", "en"]
    return {lang: write_config(project / f"bench-mkdocs-builtin-{lang}.yml", {
        "site_name": "reference", "docs_dir": str(output_dirs(project)[0] / lang),
        "site_dir": str(work / f"ref-builtin-{lang}"), "use_directory_urls": True,
        "theme": {"name": "mkdocs"}, "plugins": [], "markdown_extensions": []}) for lang in langs}


def write_config(file: Path, cfg: dict) -> Path:
    """cfg written as YAML into file; the file."""
    file.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return file


def mkdocs_reference(project: Path, configs: dict[str, Path], runs: int) -> dict:
    """`python -m mkdocs build -q -f CFG` per language, `runs` times each: median seconds, and their sum."""
    out = {lang: plain_mkdocs(project, cfg, runs) for lang, cfg in configs.items()}
    ok = [v["median_s"] for v in out.values() if "median_s" in v]
    out["total_median_s"] = round(sum(ok), 3) if len(ok) == len(configs) else None
    return out


def plain_mkdocs(project: Path, cfg: Path, runs: int) -> dict:
    """`runs` measured plain MkDocs builds of one config: median and every run (or the error)."""
    rs = []
    for _ in range(runs):
        r = run_measured(project, [PY, "-m", "mkdocs", "build", "-q", "-f", str(cfg)], timeout=600)
        if r["rc"] != 0:
            return {"error": (r["stderr"] or r["stdout"])[-1500:]}
        rs.append(r)
    return {"median_s": median([r["wall"] for r in rs]), "runs_s": [round(r["wall"], 3) for r in rs],
            "cpu_s": median([r["cpu"] for r in rs]), "peak_rss_mb": round(max(r["maxrss_kb"] for r in rs) / 1024, 1)}
