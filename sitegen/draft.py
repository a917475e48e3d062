"""draft: a new report's site_src/ drafted from its article, for editors to complete.

Everything an editor must still write is marked with the placeholder "TODO:"; the build reports
every placeholder as a problem (path:line), so a draft can never be published by mistake.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import yaml

from .article import ReaderConfig, read_article
from .extract import extract_candidates, unit_kind
from .numbers import STYLES
from .problems import Problems

TODO = "TODO:"
STYLE_OF_UNIT = {"元": "money_yuan", "万元": "money_wan", "亿元": "money_yi", "亩": "area_mu", "万亩": "area_wan_mu",
                 "公顷": "area_ha", "平方米": "area_m2", "万平方米": "area_wan_m2", "平方公里": "area_km2",
                 "平方千米": "area_km2", "公里": "length_km", "千米": "length_km", "米": "length_m", "吨": "weight_t",
                 "公斤": "weight_kg", "千克": "weight_kg", "人": "people", "名": "people",
                 "万人": "people_wan", "户": "households", "万户": "households_wan", "人次": "person_times",
                 "万人次": "person_times_wan", "年": "year", "年度": "year", "%": "percent", "％": "percent",
                 "角": "money_jiao", "美元": "money_usd", "立方米": "volume_m3", "克": "weight_g", "斤": "weight_jin",
                 "千瓦": "power_kw", "万千瓦": "power_wan_kw", "成": "tenths", "半": "half", "个百分点": "percentage_points",
                 "倍": "times", "个月": "duration_months", "天": "duration_days", "小时": "duration_hours",
                 "分钟": "duration_minutes", "秒": "duration_seconds", "岁": "age_years", "周岁": "age_years",
                 "月": "date", "日": "date", "号": "date", "周": "date", "季度": "date", "星": "level"}
COUNTED = ("count", "events", "people", "households", "person_times")


def style_of(unit: str) -> str:
    """A first guess of a unit's formatting style; a TODO where a person must choose (the build lists it)."""
    if unit in STYLE_OF_UNIT:
        return STYLE_OF_UNIT[unit]
    if unit_kind(unit) in COUNTED:
        return "count_wan" if unit.startswith("万") else "count"
    return f"{TODO} choose the style of {unit} (one of {', '.join(STYLES)})"


CREDIT_ROLES = ["全媒体记者", "记者", "通讯员", "摄影"]


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def page(title: str, template: str, description: str, body: str, menu: bool = True) -> str:
    front = {"title": title, "template": template, "description": description}
    front = dump(front if menu else front | {"menu": False})
    return f"---\n{front}---\n{body}"


def draft_files(seed: Path, seed_ref: str, today: dt.date) -> dict[str, str]:
    """The draft's files (relative path -> text), or raise ValueError naming what is wrong."""
    problems = Problems()
    article = read_article(seed, ReaderConfig(credit_roles=tuple(CREDIT_ROLES)), problems)
    if article is None:
        raise ValueError("\n".join(map(str, problems.items)))
    units = {k: s.text for k, s in article.segments().items()}
    cands = extract_candidates(list(units.items()))
    areas = [{"id": s.id, "zh": s.heading.text, "en": f"{TODO} translate the heading"} for s in article.sections]
    area_of = {p.id: s.id for s in article.sections for p in s.paragraphs}
    figures, not_figures, seen = [], [], set()
    for x in cands:
        key = (x.paragraph, x.text)
        if key in seen:
            continue
        seen.add(key)
        if x.proposal == "figure":
            pid = x.paragraph.split("-")[0]
            group = area_of.get(pid, areas[0]["id"] if areas else "TODO")
            fig = {"id": f"{x.paragraph.replace('-', '_')}_{len(figures) + 1}", "group": group,
                   "text": x.text, "value": x.value}
            if x.value_max is not None:
                fig["value_max"] = x.value_max
            figures.append(fig | {"unit": x.unit, "qualifier": x.qualifier, "kind": x.kind,
                                  "label": {"zh": f"{TODO} 指标名称", "en": f"{TODO} label"},
                                  "source": {"unit": x.paragraph, "quote": x.quote}})
        else:
            not_figures.append({"unit": x.paragraph, "text": x.text, "reason": x.reason})
    unit_names = sorted({f["unit"] for f in figures})
    files = {
        "report.yml": dump({
            "seed": seed_ref, "languages": ["zh", "en"], "first_published": today, "last_updated": today,
            "nav": ["index", "overview", "article", "about"],
            "meta": {lang: {k: f"{TODO} {k}" for k in ("site_name", "place", "date", "publisher", "source", "credits",
                                                        "description", "stars_title", "approach_title",
                                                        "star_suffix")} for lang in ("zh", "en")},
            "stars": []}),
        "article.yml": dump({"credit_roles": CREDIT_ROLES, "stray": [], "credit_notes": [],
                             "photos": [{"caption": b.id, "file": None, "page": "article"} for b in article.captions],
                             "edits": []}),
        "figures.yml": dump({"areas": areas, "figures": figures, "relations": [], "not_figures": not_figures,
                             "charts": []}),
        "units.yml": dump({"units": {u: {"style": style_of(u)} for u in unit_names}
                           | {u: {"style": "year"} for u in ("年", "年度")}}),
        "glossary.yml": "# zh -> en official terms: - {zh: …, en: …, also: […], note: …}\n[]\n",
        "translations/en.yml": dump({uid: {"text": f"{TODO} translate: {text}"} for uid, text in units.items()}),
    }
    body_units = " ".join(p.id if not p.segments else " ".join(s.id for s in p.segments) for p in article.intro)
    for lang in ("zh", "en"):
        files[f"pages/{lang}/index.md"] = page(f"{TODO} title", "home", f"{TODO} description",
                                               f"::: seed {body_units}\n::: stars\n" if body_units else "::: stars\n")
        files[f"pages/{lang}/overview.md"] = page(f"{TODO} title", "overview", f"{TODO} description", "::: overview\n")
        files[f"pages/{lang}/article.md"] = page(f"{TODO} title", "article", f"{TODO} description", "::: article\n")
        files[f"pages/{lang}/about.md"] = page(f"{TODO} title", "about", f"{TODO} description",
                                               "::: credits\n::: notes\n")
        files[f"pages/{lang}/corrections.md"] = page(f"{TODO} title", "about", f"{TODO} description",
                                                     "::: corrections\n", menu=False)
        files[f"pages/{lang}/search.md"] = page(f"{TODO} title", "search", f"{TODO} description", "", menu=False)
    return files


def draft(seed: Path, out: Path, force: bool = False) -> int:
    """Write a site_src/ draft for the article at seed into out (a new folder)."""
    if out.exists() and any(out.iterdir()) and not force:
        print(f"{out}: exists and is not empty; nothing was written (choose a new folder)", file=sys.stderr)
        return 1
    try:
        seed_ref = str(seed.resolve().relative_to(out.resolve().parent))
    except ValueError:
        seed_ref = str(seed.resolve())
    try:
        files = draft_files(seed, seed_ref, dt.date.today())
    except ValueError as e:
        print(e, file=sys.stderr)
        return 1
    for rel, text in files.items():
        f = out / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(text, encoding="utf-8")
    n = sum(text.count(TODO) for text in files.values())
    print(f"drafted {len(files)} files in {out}: {n} places marked {TODO!r} to fill in; "
          f"then run: python build.py --content {out}")
    return 0
