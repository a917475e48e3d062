"""read_figures / validate_figures: the figures data, its provenance and its coverage of the seed."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .content import ID, Content
from .extract import extract_candidates
from .problems import Problems, shown
from .yamlsrc import closest
from .schema import LANG_TEXT, Field, as_list, check_fields

FIGURE_FIELDS = {
    "id": Field((str,), doc="stable snake_case id; also the figure's #anchor on the overview"),
    "group": Field((str,), doc="a star id or an area id"),
    "text": Field((str,), doc="the number and unit exactly as written in the seed"),
    "value": Field((int, float), doc="the number as written"),
    "unit": Field((str,), doc="the unit as written; a key of units.yml"),
    "approx": Field((bool,), doc="true when the seed says 余/多/近 …"),
    "label": Field((dict,), doc="zh and en: what is counted, short"),
    "source": Field((dict,), doc="unit: the seed unit id; quote: the exact clause"),
}
SOURCE_FIELDS = {"unit": Field((str,)), "quote": Field((str,))}
NOT_FIGURE_FIELDS = {"unit": Field((str,)), "text": Field((str,)), "reason": Field((str,), text=True)}
RELATION_FIELDS = {"id": Field((str,)), "total": Field((str,)), "parts": Field((list,)),
                   "zh": Field((str,), text=True), "en": Field((str,), text=True)}
AREA_FIELDS = {"id": Field((str,)), "zh": Field((str,), text=True), "en": Field((str,), text=True)}
CHART_FIELDS = {"id": Field((str,)), "page": Field((str,), doc="a star id, 'overview' or 'work'"),
                "kind": Field((str,), doc="bar or funnel"), "figures": Field((list,)),
                "title": Field((dict,)), "caption": Field((dict,))}
CHART_KINDS = ("bar", "funnel")
FIGURES_FILE_FIELDS = {"areas": Field((list,)), "figures": Field((list,)), "relations": Field((list,), required=False),
                       "not_figures": Field((list,)), "charts": Field((list,), required=False)}


@dataclass(frozen=True)
class Figure:
    id: str
    group: str
    text: str
    value: float
    unit: str
    style: str
    approx: bool
    label: dict
    unit_id: str
    quote: str
    line: int
    lines: tuple = ()  # (key, line) pairs: where each field is written

    def line_of(self, key: str) -> int:
        return dict(self.lines).get(key, self.line)


@dataclass(frozen=True)
class Chart:
    id: str
    page: str
    kind: str
    figures: tuple
    title: dict
    caption: dict
    line: int


@dataclass
class Figures:
    figures: list = field(default_factory=list)
    areas: list = field(default_factory=list)
    relations: list = field(default_factory=list)
    not_figures: list = field(default_factory=list)
    charts: list = field(default_factory=list)
    claimed: set = field(default_factory=set)  # (unit, text) of every figure entry, even an invalid one

    def by_id(self) -> dict:
        return {f.id: f for f in self.figures}

    def in_unit(self, unit_id: str) -> list:
        return [f for f in self.figures if f.unit_id == unit_id]


def read_figures(c: Content, problems: Problems) -> Figures:
    """figures.yml -> Figures (type-checked)."""
    where = shown(c.root / "figures.yml")
    data = c.figures_data if c.figures_data is not None else {}
    out = Figures()
    if not isinstance(data, dict) or not check_fields(data, FIGURES_FILE_FIELDS, where, problems, "figures.yml", 1):
        if not isinstance(data, dict):
            return out
    for a in as_list(data.get("areas"), where, problems, "areas"):
        if check_fields(a, AREA_FIELDS, where, problems, "area"):
            out.areas.append({"id": a["id"], "zh": a["zh"], "en": a["en"], "line": a.line})
    for f in as_list(data.get("figures"), where, problems, "figures"):
        if isinstance(f, dict) and isinstance(f.get("source"), dict):
            out.claimed.add((f["source"].get("unit"), f.get("text")))
        fig = read_figure(c, f, where, problems)
        if fig:
            out.figures.append(fig)
    for n in as_list(data.get("not_figures"), where, problems, "not_figures"):
        if check_fields(n, NOT_FIGURE_FIELDS, where, problems, "not_figure"):
            out.not_figures.append({**n, "line": n.line})
    for r in as_list(data.get("relations"), where, problems, "relations"):
        if check_fields(r, RELATION_FIELDS, where, problems, "relation"):
            out.relations.append({**r, "line": r.line})
    for ch in as_list(data.get("charts"), where, problems, "charts"):
        if not check_fields(ch, CHART_FIELDS, where, problems, "chart"):
            continue
        ok = all(check_fields(ch[k], LANG_TEXT, where, problems, f"chart {k}", ch.line_of(k)) for k in ("title", "caption"))
        if ok:
            out.charts.append(Chart(ch["id"], ch["page"], ch["kind"], tuple(str(x) for x in ch["figures"]),
                                    dict(ch["title"]), dict(ch["caption"]), ch.line))
    return out


def read_figure(c: Content, f, where: str, problems: Problems) -> Figure | None:
    """One figure entry (fields, label and source checked)."""
    if not check_fields(f, FIGURE_FIELDS, where, problems, "figure"):
        return None
    if not check_fields(f["label"], LANG_TEXT, where, problems, f"label of {f['id']}", f.line_of("label")):
        return None
    if not check_fields(f["source"], SOURCE_FIELDS, where, problems, f"source of {f['id']}", f.line_of("source")):
        return None
    unit = c.units.get(f["unit"])
    if unit is None:
        problems.add(where, f.line_of("unit"), f"figure {f['id']}: the formatter does not know the unit {f['unit']!r}",
                     "add it to site_src/units.yml with a style (count, money_wan, area_mu, area_m2)")
        return None
    lines = tuple(f.key_lines.items()) + (("quote", f["source"].line_of("quote")),
                                           ("source_unit", f["source"].line_of("unit")))
    return Figure(f["id"], f["group"], f["text"], f["value"], f["unit"], unit["style"], f["approx"],
                  dict(f["label"]), f["source"]["unit"], f["source"]["quote"], f.line, lines)


def validate_figures(c: Content, figs: Figures, units: dict, candidates: list, problems: Problems) -> None:
    """Provenance, coverage, relations, charts: every check, every problem."""
    where = shown(c.root / "figures.yml")
    groups = {s.id for s in c.stars} | {a["id"] for a in figs.areas}
    seen: dict[str, int] = {}
    for f in figs.figures:
        if not ID.match(f.id) or f.id in seen:
            problems.add(where, f.line, f"figure id {f.id!r} is " + ("used twice" if f.id in seen else "not a safe id"),
                         f"first used at line {seen[f.id]}" if f.id in seen else "use a-z, 0-9, _ and -")
        seen.setdefault(f.id, f.line)
        if f.group not in groups:
            problems.add(where, f.line, f"figure {f.id}: unknown group {f.group!r}",
                         "a star id or an area id: " + ", ".join(sorted(groups)))
        check_provenance(f, units, where, problems)
    check_coverage(figs, candidates, where, problems)
    check_relations(figs, where, problems)
    check_charts(c, figs, where, problems)


def check_provenance(f: Figure, units: dict, where: str, problems: Problems) -> None:
    """The quote is in its seed unit, the figure's text in the quote, the value in the text."""
    seg = units.get(f.unit_id)
    if seg is None:
        problems.add(where, f.line_of("source_unit"), f"figure {f.id}: source unit {f.unit_id!r} is not in the seed",
                     closest(f.unit_id, units))
        return
    if f.quote not in seg:
        problems.add(where, f.line_of("quote"), f"figure {f.id}: the quote is not in seed unit {f.unit_id}",
                     f"quote: {f.quote!r}")
        return
    if f.text not in f.quote:
        problems.add(where, f.line_of("text"), f"figure {f.id}: its text {f.text!r} is not in its quote {f.quote!r}")
        return
    cands = [x for x in extract_candidates([(f.unit_id, f.quote)]) if x.text == f.text]
    if not cands:
        problems.add(where, f.line_of("text"), f"figure {f.id}: {f.text!r} is not read as a number in its quote")
        return
    x = cands[0]
    if x.value != f.value or x.unit != f.unit or x.approx != f.approx:
        key = "value" if x.value != f.value else ("unit" if x.unit != f.unit else "approx")
        problems.add(where, f.line_of(key), f"figure {f.id}: the data say {f.value} {f.unit} (approx {str(f.approx).lower()}),"
                     f" the seed says {x.value} {x.unit} (approx {str(x.approx).lower()})",
                     "change the value to what the seed says, or record an edit in article.yml")


def check_coverage(figs: Figures, cands: list, where: str, problems: Problems) -> None:
    """Every number in the seed is a figure or a listed non-figure; no entry is stale."""
    known = {(f.unit_id, f.text) for f in figs.figures} | figs.claimed
    skipped = {(n["unit"], n["text"]) for n in figs.not_figures}
    found = {(x.paragraph, x.text) for x in cands}
    for x in cands:
        if (x.paragraph, x.text) not in known | skipped:
            problems.add(where, 0, f"the seed's number {x.text!r} in unit {x.paragraph} is neither a figure nor a "
                         f"listed non-figure", f"in: {x.quote!r}; add it under figures or not_figures")
    for n in figs.not_figures:
        if (n["unit"], n["text"]) not in found:
            problems.add(where, n["line"], f"not_figure {n['text']!r} is not a number of unit {n['unit']} any more")


def check_relations(figs: Figures, where: str, problems: Problems) -> None:
    """Totals equal the sum of their parts."""
    by_id = figs.by_id()
    for r in figs.relations:
        names = [r["total"], *r["parts"]]
        missing = [n for n in names if n not in by_id]
        if missing:
            problems.add(where, r["line"], f"relation {r['id']}: unknown figure(s) {', '.join(map(str, missing))}")
            continue
        total = by_id[r["total"]].value
        parts = sum(by_id[p].value for p in r["parts"])
        if total != parts:
            problems.add(where, r["line"], f"relation {r['id']} does not hold: {r['total']} = {total}, "
                         f"but its parts add up to {parts}")


FIG_REF = re.compile(r"\{([a-z0-9_-]+)\}")
TYPED_DIGITS = re.compile(r"[0-9０-９]")


def check_editorial(text: str, by_id: dict, line: int, what: str, where: str, problems: Problems) -> None:
    """Editorial text (captions, relations) names figures as {figure_id}; it never types a number."""
    for ref in FIG_REF.findall(text):
        if ref not in by_id:
            problems.add(where, line, f"{what}: {{{ref}}} is not a figure id", closest(ref, by_id))
    if TYPED_DIGITS.search(FIG_REF.sub("", text)):
        problems.add(where, line, f"{what}: a number is typed by hand in {text[:50]!r}",
                     "write the figure as {figure_id}, so that every language shows the same number")


def check_charts(c: Content, figs: Figures, where: str, problems: Problems) -> None:
    """Charts name known figures of one style, on a page that exists."""
    by_id = figs.by_id()
    slugs = c.slugs
    for r in figs.relations:
        for lang in c.languages:
            check_editorial(r.get(lang, ""), by_id, r["line"], f"relation {r['id']} ({lang})", where, problems)
    for ch in figs.charts:
        for lang in c.languages:
            for part in (ch.title, ch.caption):
                check_editorial(part.get(lang, ""), by_id, ch.line, f"chart {ch.id} ({lang})", where, problems)
        if ch.kind not in CHART_KINDS:
            problems.add(where, ch.line, f"chart {ch.id}: unknown kind {ch.kind!r}", "one of: " + ", ".join(CHART_KINDS))
        if ch.page not in slugs:
            problems.add(where, ch.line, f"chart {ch.id}: page {ch.page!r} does not exist")
        missing = [x for x in ch.figures if x not in by_id]
        if missing:
            problems.add(where, ch.line, f"chart {ch.id}: unknown figure(s) {', '.join(missing)}")
            continue
        styles = {by_id[x].style for x in ch.figures}
        if len(styles) > 1:
            problems.add(where, ch.line, f"chart {ch.id} mixes figures of different kinds ({', '.join(sorted(styles))})",
                         "a chart shows one kind of quantity: counts, money or area")
