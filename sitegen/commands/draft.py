"""draft: a new report's site_src/ drafted from its article, for editors to complete.

Everything an editor must still write is marked with the placeholder "TODO:"; the build reports
every placeholder as a problem (path:line), so a draft can never be published by mistake.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import limits
from ..check.extract import base_unit, extract_candidates
from ..check.roles import counted_thing
from ..numbers import STYLES
from ..problems import Problems
from ..read.article import ReaderConfig, is_signature, read_article
from ..read.paths import default_output

TODO = "TODO:"
INTRO = "intro"  # the figure group of the article's opening paragraphs (before its first section)
COUNTED = ("count", "events", "people", "households", "person_times")


CREDIT_ROLES = ["全媒体记者", "记者", "通讯员", "摄影"]


class PlainDumper(yaml.SafeDumper):
    """YAML an editor reads: no &anchors or *aliases for repeated values."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump(data) -> str:
    return yaml.dump(data, Dumper=PlainDumper, allow_unicode=True, sort_keys=False, width=100)


def page(title: str, template: str, description: str, body: str, menu: bool = True) -> str:
    front = {"title": title, "template": template, "description": description}
    front = dump(front if menu else front | {"menu": False})
    return f"---\n{front}---\n{body}"


GENRE = Path(__file__).resolve().parent.parent.parent / "templates" / "draft.yml"
STAR_NAMED = re.compile(r"点亮[“\"‘']?([\u4e00-\u9fff]{2,8}?)星")
STAR_HEADING = re.compile(r"^[“\"‘']?([\u4e00-\u9fff]{2,8}?)星[”\"’']?$")


@dataclass
class DraftStar:
    """A star the article names, with what the genre's defaults know of it (en None: to translate)."""

    id: str
    zh: str
    en: str | None
    colour: str
    icon: str
    units: list = field(default_factory=list)  # the seed units that name it: its paragraphs


def read_yaml_file(path: Path):
    """A YAML file of the project (templates/, a report's glossary), read as every input is (read/files.py: a
    regular file inside its folder, within a data file's size); None when it is missing or unreadable."""
    from ..read.files import Unsafe, read_text

    try:
        return yaml.safe_load(read_text(path, "data", path.parent))
    except (OSError, Unsafe, yaml.YAMLError):
        return None


def genre_defaults() -> dict:
    """templates/draft.yml: the genre's stars, colours, page titles and metadata defaults."""
    return read_yaml_file(GENRE) or {}


def star_names(article, genre: dict) -> list[tuple[str, str]]:
    """(star name, unit id) for each mention of a star, in reading order: "点亮…星", a "…星" heading, or
    one of the genre's star names followed by 星."""
    known = [s["zh"] for s in genre.get("stars") or []]
    found = []
    for section in article.sections:
        m = STAR_HEADING.match(section.heading.text.strip())
        if m:
            found.append((m.group(1), section.id))
    for uid, seg in article.segments().items():
        for m in STAR_NAMED.finditer(seg.text):
            found.append((m.group(1), uid))
        found += [(name, uid) for name in known if f"{name}星" in seg.text and f"点亮“{name}星" not in seg.text]
    return found


def find_stars(article, genre: dict) -> list[DraftStar]:
    """The stars the article names, in the order it first names them, with the units that name them."""
    defaults = {s["zh"]: s for s in genre.get("stars") or []}
    spare = list(genre.get("spare_colours") or ["#555555"])
    stars: dict[str, DraftStar] = {}
    for name, uid in star_names(article, genre):
        if name not in stars:
            d = defaults.get(name)
            k = len(stars) + 1
            stars[name] = DraftStar(d["id"], name, d["en"], d["colour"], d["icon"]) if d else \
                DraftStar(f"star-{k}", name, None, spare[(k - 1) % len(spare)], "star")
        if uid not in stars[name].units:
            stars[name].units.append(uid)
    shared = shared_units(stars.values())
    for star in stars.values():  # a unit that names several stars (a tally of all) is no one star's
        star.units = [u for u in star.units if u not in shared] or star.units
    section_units = {s.id: [q.id for p in s.paragraphs for q in (p.segments or [p])] for s in article.sections}
    for star in stars.values():  # a "…星" heading: the star's paragraphs are its section's
        # a star named by its heading and again in its paragraph (“点亮…星”) lists that paragraph once
        star.units = list(dict.fromkeys(u for uid in star.units for u in ([uid] + section_units.get(uid, []))))
    return list(stars.values())


def shared_units(stars) -> set:
    """The units that name more than one star: an overview of them all, not the work of one."""
    count: dict[str, int] = {}
    for star in stars:
        for uid in star.units:
            count[uid] = count.get(uid, 0) + 1
    return {uid for uid, n in count.items() if n > 1}


def make_group_of(article, stars: list[DraftStar]):
    """group_of(unit_id) -> the star whose paragraphs hold the unit, else the unit's section (or the first)."""
    star_of = {u: s.id for s in stars for u in s.units}
    section_of = {}
    for s in article.sections:
        section_of[s.heading.id] = s.id
        for p in s.paragraphs:
            section_of[p.id] = s.id
            section_of.update({q.id: s.id for q in p.segments})
    section_of.update({q.id: INTRO for p in article.intro for q in (p.segments or [p])})  # before any section
    first = article.sections[0].id if article.sections else INTRO

    def group_of(unit_id: str) -> str:
        """The figure group of a unit: its star, or its section's area."""
        return star_of.get(unit_id) or section_of.get(unit_id) or section_of.get(unit_id.split("-")[0], first)

    return group_of


def section_units(section) -> list[str]:
    """The heading and every unit of a section, in reading order."""
    return [section.heading.id] + [q.id for p in section.paragraphs for q in (p.segments or [p])]


def comparable(f: dict) -> tuple | None:
    """What a figure must share with the others of a drafted bar chart: one dimension (and, for money, area and the
    like, one base unit), one kind, and for a count one measure word and one thing counted (14 industry bases and 9
    villages are both 个); only stated results (never a target, a threshold, an earlier value, a change or a rank),
    and no range (one bar cannot show 3至5个). None: it goes in no drafted chart."""
    if "value_max" in f or f.get("role", "result") != "result" or f["unit"] not in STYLES:
        return None
    s = STYLES[f["unit"]]
    if s.dimension in ("date", "year", "name"):
        return None
    if s.dimension == "count":
        if f["kind"] in COUNTED and not f.get("counts"):
            return None  # what it counts is not named: it is compared with nothing
        return ("count", f["kind"], base_unit(f["unit"]), f.get("counts", ""))
    return (s.dimension, f["kind"], s.base if s.dimension != "money" else "yuan", "")


def propose_charts(figures: list[dict], pages: dict[str, str], names: dict[str, str]) -> list[dict]:
    """One bar chart per group page: the comparable figures (comparable) it has most of, when two or more."""
    charts = []
    for group, slug in pages.items():
        by_measure: dict[tuple, list[dict]] = {}
        for f in figures:
            key = comparable(f) if f["group"] == group else None
            if key:
                by_measure.setdefault(key, []).append(f)
        if not by_measure:
            continue
        (dimension, kind, _, _), figs = max(by_measure.items(), key=lambda kv: len(kv[1]))
        style = f"{dimension}_{kind}" if dimension != kind else kind
        if len(figs) < 2:
            continue
        unit = figs[0]["unit"] if len({f["unit"] for f in figs}) == 1 else ""
        charts.append({"id": f"{group.replace('-', '_')}_{style}", "page": slug, "kind": "bar",
                       "figures": [f["id"] for f in figs],
                       "title": {"zh": f"{names[group]}：{'以' + unit + '计的' if unit else ''}数字",
                                 "en": f"{TODO} translate the title"},
                       "caption": {"zh": "图中数字均引自原文，每个数字都链接到出处。",
                                   "en": f"{TODO} say in a sentence what the chart compares"}})
    return charts


def base_glossary_terms() -> set:
    """The zh of every term in the shared base glossary (the build adds them to every report)."""
    from ..read.content import BASE_GLOSSARY

    data = read_yaml_file(BASE_GLOSSARY)
    return {g["zh"] for g in data or [] if isinstance(g, dict) and isinstance(g.get("zh"), str)}


def glossary_start(text: str, known: Path | None) -> str:
    """glossary.yml started with the terms of an existing report's glossary that occur in the new article
    (the base glossary's terms are added by the build and are not repeated)."""
    head = ("# zh -> en official terms of this report: - {zh: …, en: …, also: […], note: …}\n"
            "# The build also reads templates/glossary-base.yml (terms shared by every report); an entry here\n"
            "# with the same zh wins. Started from the terms of another report that occur in this article.\n")
    entries = read_yaml_file(known) if known else []
    entries = entries if isinstance(entries, list) else []
    base = base_glossary_terms()
    terms = [g for g in entries or [] if isinstance(g, dict) and isinstance(g.get("zh"), str)
             and g["zh"] not in base and g["zh"] in text]
    return head + (dump(terms) if terms else "[]\n")


def report_meta(article, genre: dict, n_stars: int, page_titles: dict) -> dict:
    """meta.zh / meta.en: what the article states filled in; what a person decides or translates marked."""
    credits = "；".join(b.text for b in article.credits)
    m = {lang: dict((genre.get("meta") or {}).get(lang) or {}) for lang in ("zh", "en")}
    nums = {"zh": genre.get("numerals") or [], "en": genre.get("numbers_en") or []}
    for lang in ("zh", "en"):
        n = nums[lang][n_stars] if n_stars < len(nums[lang]) else str(n_stars)
        m[lang]["stars_title"] = str(m[lang].get("stars_title", "{n}")).replace("{n}", str(n)) if n_stars \
            else page_titles["focus"][lang]  # no stars: the heading of the focus areas
    zh = {"site_name": article.title.text, "place": f"{TODO} 地点（省、市、县、乡镇）",
          "date": f"{TODO} 日期（原文未注明时写明）", "source": f"{TODO} 来源（报刊名称、版次）",
          "credits": credits or f"{TODO} 作者", "description": article.subtitle.text if article.subtitle
          else article.title.text}
    en = {k: f"{TODO} translate {k}" for k in ("site_name", "place", "date", "source", "credits", "description")}
    keys = ("site_name", "place", "date", "publisher", "source", "credits", "description", "stars_title",
            "star_suffix")
    sign = signature(article)
    if sign:  # a notice signs with its issuers and its date: both are stated, only their English is to write
        zh |= {"date": sign[-1], "issuer": "、".join(sign[:-1])}
        en |= {"issuer": f"{TODO} translate issuer"}
        keys += ("issuer",)
    return {"zh": {k: {**m["zh"], **zh}.get(k, f"{TODO} {k}") for k in keys},
            "en": {k: {**m["en"], **en}.get(k, f"{TODO} {k}") for k in keys}}


def signature(article) -> list[str]:
    """The lines of the article's closing signature (落款: issuers, then the date), or [] when it has none."""
    blocks = [p for s in article.sections for p in s.paragraphs] or list(article.intro)
    last = blocks[-1].text.split("\n") if blocks else []
    return last if is_signature(last) else []


def skeleton_pages(article, stars: list[DraftStar], charts: list[dict], titles: dict,
                   has_figures: bool = True) -> tuple[list, dict]:
    """(nav, relative path -> text) of every page in both languages: home, a page per star (or per focus
    area when the article names no star), work, overview, summary, explainer (一图读懂), article, about, corrections,
    search."""
    charted = {c["page"] for c in charts}
    star_units = {u for s in stars for u in s.units}
    intro = [q.id for p in article.intro for q in (p.segments or [p])]
    pages: dict[str, dict] = {}  # slug -> {lang: (title, template, body, extra front matter)}

    def add(slug, template, body, zh_title, en_title, **front):
        pages[slug] = {"zh": (zh_title, template, body, front), "en": (en_title, template, body, front)}

    home = (f"::: seed {' '.join(intro)}\n" if intro else "") + ("::: stars\n" if stars else "")
    add("index", "home", home or "::: kpis\n", titles["index"]["zh"], titles["index"]["en"])
    for s in stars:
        body = f"::: figures {s.id}\n::: seed {' '.join(s.units)}\n" + \
            (f"::: charts {s.id}\n" if s.id in charted else "")
        add(s.id, "star", body, f"{s.zh}星", f"{s.en} Star" if s.en else f"{TODO} translate {s.zh}星", star=s.id)
    work = []
    for sec in article.sections:
        units = [u for u in section_units(sec) if u not in star_units]
        if stars and len(units) > 1:
            work.append(f"::: seed {' '.join(units)}\n")
        elif not stars:  # no stars: one page per section, a focus area
            slug = f"area-{sec.id[1:]}"
            body = f"::: figures {sec.id}\n::: seed {' '.join(units)}\n" + \
                (f"::: charts {slug}\n" if slug in charted else "")
            add(slug, "work", body, sec.heading.text, f"{TODO} translate {sec.heading.text}")
    if work:
        add("work", "work", "".join(work), titles["work"]["zh"], titles["work"]["en"])
    if has_figures:  # an article without numbers has no figures page (the build refuses an empty one)
        add("overview", "overview", "::: kpis\n" + ("::: charts overview\n" if "overview" in charted else "")
            + "::: overview\n", titles["overview"]["zh"], titles["overview"]["en"])
    if stars:
        add("summary", "summary", "::: summary\n", titles["summary"]["zh"], titles["summary"]["en"])
    add("explainer", "explainer", "", titles["explainer"]["zh"], titles["explainer"]["en"])
    add("article", "article", "::: article\n", titles["article"]["zh"], titles["article"]["en"])
    add("about", "about", "::: credits\n::: notes\n", titles["about"]["zh"], titles["about"]["en"])
    add("corrections", "about", "::: corrections\n", titles["corrections"]["zh"], titles["corrections"]["en"],
        menu=False)
    add("search", "search", "", titles["search"]["zh"], titles["search"]["en"], menu=False)
    files = {}
    for slug, langs in pages.items():
        for lang, (title, template, body, front) in langs.items():
            description = f"{article.title.text}：{title}" if lang == "zh" else \
                f"{TODO} one or two sentences on this page, for search engines and link previews"
            fm = {"title": title, "template": template, **({"star": front["star"]} if "star" in front else {}),
                  "description": description, **({"menu": False} if front.get("menu") is False else {})}
            files[f"pages/{lang}/{slug}.md"] = f"---\n{dump(fm)}---\n{body}"
    nav = [slug for slug, langs in pages.items() if langs["zh"][3].get("menu") is not False]
    return nav, files


def draft_figures(cands: list, units: dict, group_of) -> tuple[list[dict], list[dict]]:
    """Every number as a figure (value, unit, qualifier, kind, role and, for a count, what it counts, as the sentence
    says them; a from→to's earlier value names its later one) or a non-figure with its reason."""
    figures, not_figures, seen, ids = [], [], set(), {}
    for x in cands:
        key = (x.paragraph, x.text)
        if key in seen:
            continue
        seen.add(key)
        if x.proposal != "figure":
            not_figures.append({"unit": x.paragraph, "text": x.text, "reason": x.reason})
            continue
        fig = {"id": f"{x.paragraph.replace('-', '_')}_{len(figures) + 1}", "group": group_of(x.paragraph),
               "text": x.text, "value": x.value}
        ids[key] = fig["id"]
        if x.value_max is not None:
            fig["value_max"] = x.value_max
        fig |= {"unit": x.unit, "qualifier": x.qualifier, "kind": x.kind}
        if x.role and x.role != "result":
            fig["role"] = x.role
        if x.role == "baseline":
            fig["to"] = (x.paragraph, x.pair)  # the later value's id, once it has one (below)
        if x.kind in COUNTED and (thing := counted_thing(units[x.paragraph], x.start, x.start + len(x.text))):
            fig["counts"] = thing
        figures.append(fig | {"label": {"zh": f"{TODO} 指标名称", "en": f"{TODO} label"},
                              "source": {"unit": x.paragraph, "quote": x.quote}})
    for fig in figures:
        if "to" in fig:
            fig["to"] = ids.get(fig["to"], f"{TODO} the id of the figure it changed to")
    return figures, not_figures


def draft_files(seed: Path, seed_ref: str, today: dt.date, out_name: str = "site_src-new",
                known_glossary: Path | None = None) -> dict[str, str]:
    """The draft's files (relative path -> text), or raise ValueError naming what is wrong."""
    problems = Problems()
    article = read_article(seed, ReaderConfig(credit_roles=tuple(CREDIT_ROLES)), problems)
    if article is None:
        raise ValueError("\n".join(map(str, problems.items)))
    genre = genre_defaults()
    stars = find_stars(article, genre)
    group_of = make_group_of(article, stars)
    units = {k: s.text for k, s in article.segments().items()}
    cands = extract_candidates(list(units.items()))
    areas = [{"id": s.id, "zh": s.heading.text, "en": f"{TODO} translate the heading"} for s in article.sections]
    figures, not_figures = draft_figures(cands, units, group_of)
    if len(figures) > limits.FIGURES:  # a draft that could never be built, with thousands of TODO: to fill in
        raise ValueError(f"{seed}: the article has {len(figures):,} numbers that would be figures: a report has at "
                         f"most {limits.FIGURES:,}; nothing was written\n"
                         "  --> draft one article at a time (a newspaper article has tens of figures)")
    if any(f["group"] == INTRO for f in figures):  # the opening's figures: a tally, no section's or star's
        intro = (genre.get("pages") or {}).get(INTRO) or {}
        areas.insert(0, {"id": INTRO, "zh": intro.get("zh", f"{TODO} 名称"), "en": intro.get("en", f"{TODO} name")})
    titles = genre.get("pages") or {}
    group_pages = {s.id: s.id for s in stars} | ({} if stars else {a["id"]: f"area-{a['id'][1:]}" for a in areas
                                                                 if a["id"] != INTRO})
    names = {s.id: f"{s.zh}星" for s in stars} | {a["id"]: a["zh"] for a in areas}
    charts = propose_charts(figures, group_pages, names)
    nav, page_files = skeleton_pages(article, stars, charts, titles, bool(figures))
    star_entries = []
    for s in stars:
        mine = [f for f in figures if f["group"] == s.id]
        plain_figs = [f for f in mine if "value_max" not in f and f.get("role", "result") == "result"]
        # a tile shows one number the article reports done: a range, a target or a criterion is no headline
        headline = next((f["id"] for f in plain_figs), f"{TODO} a figure id of this star (a stated result)")
        star_entries.append({"id": s.id, "zh": s.zh, "en": s.en or f"{TODO} translate {s.zh}", "colour": s.colour,
                             "icon": s.icon, "segment": s.units[0], "headline": headline})
    files = {
        "report.yml": STARS_NOTE[bool(stars)] + dump({
            "seed": seed_ref, "languages": ["zh", "en"], "first_published": today, "last_updated": today,
            "publish": {"site_url": f"{TODO} https://… (the address this report is published at)",
                        "output": default_output(Path(out_name))},
            "nav": nav, "meta": report_meta(article, genre, len(stars), titles), "stars": star_entries}),
        "article.yml": dump({"credit_roles": CREDIT_ROLES, "stray": [], "credit_notes": [],
                             "photos": [{"caption": b.id, "file": None, "page": "article"} for b in article.captions],
                             "edits": []}),
        "figures.yml": dump({"areas": areas, "figures": figures, "relations": [], "not_figures": not_figures,
                             "charts": charts}),
        "glossary.yml": glossary_start("\n".join(units.values()), known_glossary),
        "translations/en.yml": dump({uid: {"text": f"{TODO} translate: {text}"} for uid, text in units.items()}),
    }
    return files | page_files


def write_draft(out: Path, files: dict[str, str]) -> None:
    """The draft's files into out, each new (a file already there, or a link in its place, is never written)."""
    for rel, text in files.items():
        f = out / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        with open(f, "x", encoding="utf-8") as fh:  # O_EXCL: never through a link, never over a file
            fh.write(text)


STARS_NOTE = {
    True: "# Drafted from the article: the stars are those it names (\u201c点亮\u2026星\u201d); "
          "see the editors' guide.\n",
    False: "# The article names no stars: drafted as focus areas, one page per section (stars: [] and no\n"
           "# '::: stars' block). To publish stars instead, see the editors' guide, 'An article whose\n"
           "# sections are not stars'.\n",
}


def default_glossary() -> Path | None:
    """The glossary of the project's default report (mkdocs.yml's content folder), to start from."""
    from ..read.paths import Paths

    f = Paths.default(Path(__file__).resolve().parent.parent.parent).content / "glossary.yml"
    return f if f.is_file() else None


def draft(seed: Path, out: Path, force: bool = False, root: Path | None = None) -> int:
    """Write a site_src/ draft for the article at seed into out (a new folder, never inside the project's sources,
    code, templates or .git; root: the project)."""
    from ..check.targets import draft_problem

    root = root or Path(__file__).resolve().parent.parent.parent
    if out.is_dir() and any(out.iterdir()) and not force:
        print(f"{out}: exists and is not empty; nothing was written (choose a new folder)", file=sys.stderr)
        return 1
    why = draft_problem(out, root)
    if why:
        print(f"{out}: {why}; nothing was written\n  --> draft into a new folder beside site_src/, e.g. "
              f"site_src-NAME", file=sys.stderr)
        return 1
    try:
        seed_ref = str(seed.resolve().relative_to(out.resolve().parent))
    except ValueError:
        seed_ref = str(seed.resolve())
    try:
        files = draft_files(seed, seed_ref, dt.date.today(), out.name, default_glossary())
    except ValueError as e:
        print(e, file=sys.stderr)
        return 1
    try:
        write_draft(out, files)
    except OSError as e:
        print(f"{e.filename or out}: cannot write the draft: {e.strerror}; what was written is left in {out}\n"
              f"  --> draft into a folder you may write (e.g. site_src-NAME in the project)", file=sys.stderr)
        return 1
    n = sum(text.count(TODO) for text in files.values())
    print(f"drafted {len(files)} files in {out}: {n} places marked {TODO!r} to fill in; "
          f"then run: .venv/bin/python build.py --content {out}")
    return 0
