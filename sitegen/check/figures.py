"""read_figures / validate_figures: the figures data, its provenance and its coverage of the seed."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from .. import limits
from ..numbers import STYLES, combine_qualifiers, common_value, from_common
from ..problems import Problems, shown
from ..read.content import ID, Content
from ..read.schema import LANG_SHORT, LANG_TEXT, Field, as_list, check_fields, kind, short
from ..read.yamlsrc import closest
from ..registry import CHART_KINDS
from .extract import KINDS, QUALIFIERS, extract_candidates
from .meaning import AMOUNT_ROLES, HEADLINE_ROLES, SUMMED_ROLES, check_provenance, check_roles, role_refusal
from .roles import ROLES
from .wording import check_doubled, check_marks, check_typed, typed_numbers

FIGURE_FIELDS = {
    "id": Field((str,), doc="stable snake_case id; also the figure's #anchor on the overview"),
    "group": Field((str,), doc="a star id or an area id"),
    "text": Field((str,), doc="the number and unit exactly as written in the seed"),
    "value": Field((int, float), doc="the number as written"),
    "value_max": Field((int, float), required=False, doc="the high end of a range (3至5个), in the same unit"),
    "unit": Field((str,), doc="the unit as written; a key of units.yml"),
    "qualifier": Field((str,), doc="what the words around the number say: " + ", ".join(QUALIFIERS)),
    "kind": Field((str,), doc="the kind of quantity: " + ", ".join(KINDS)),
    "role": Field((str,), required=False, doc="what the number says in its sentence: " + ", ".join(ROLES)
                  + " (default result)"),
    "to": Field((str,), required=False, doc="a baseline's later value: the id of the figure it changed to"),
    "counts": Field((str,), required=False, text=True,
                    doc="what is counted, as Chinese names it (村, 项目): a chart compares only like things"),
    "icon": Field((str,), required=False, doc="the icon its pictograms and tile show: a name of templates/icons/ "
                  "(default: by its role, unit and kind, sitegen/icons.py)"),
    "indicator": Field((str,), required=False, doc="the id of an indicator of a portal (portal.yml indicators) "
                       "this figure states: the portal compares it across its reports; a report alone ignores it"),
    "label": Field((dict,), doc="zh and en: what is counted, short"),
    "source": Field((dict,), doc="unit: the seed unit id; quote: the exact clause"),
}
SOURCE_FIELDS = {"unit": Field((str,)), "quote": Field((str,), max=limits.LONG)}
NOT_FIGURE_FIELDS = {"unit": Field((str,)), "text": Field((str,)), "reason": Field((str,), text=True)}
RELATION_FIELDS = {"id": Field((str,)), "total": Field((str,)), "parts": Field((list,)),
                   "zh": Field((str,), text=True), "en": Field((str,), text=True)}
AREA_FIELDS = {"id": Field((str,)), "zh": short(), "en": short()}
CHART_FIELDS = {"id": Field((str,)), "page": Field((str,), doc="a star id, 'overview' or 'work'"),
                "kind": Field((str,), required=False,
                              doc=", ".join(list(CHART_KINDS)[:-1]) + f" or {list(CHART_KINDS)[-1]} "
                                  "(default: chosen from the figures)"),
                "relation": Field((str,), required=False, doc="a relation id: the parts chart of that total"),
                "figures": Field((list,), required=False, doc="figure ids (a parts chart: its relation's, by default)"),
                "title": Field((dict,), doc="zh and en: the finding, with {figure_id} references"),
                "caption": Field((dict,))}
ICON_MAX = 20  # an icon array draws one icon per unit: only small exact whole counts
ICON_KINDS = ("count", "events", "people", "households")
DERIVED_FIELDS = {
    "id": Field((str,), doc="stable snake_case id, like a figure's (its #anchor on the overview)"),
    "formula": Field((dict,), doc="one of sum: [figure ids] or ratio: [part id, whole id]"),
    "label": Field((dict,), doc="zh and en: what it is, saying that the article does not give it"),
    "unit": Field((str,), required=False, doc="a key of units.yml to write a sum in (default: its first part's)"),
    "headline": Field((bool,), required=False, doc="true: may be the report's headline (report.yml headline)"),
}
FORMULAS = ("sum", "ratio")
NOT_ADDED = ("threshold", "date", "name", "share", "change")  # kinds whose sum means nothing
FIGURES_FILE_FIELDS = {"areas": Field((list,)), "figures": Field((list,)), "relations": Field((list,), required=False),
                       "not_figures": Field((list,)), "charts": Field((list,), required=False),
                       "derived": Field((list,), required=False)}


@dataclass(frozen=True)
class Figure:
    id: str
    group: str
    text: str
    value: float
    unit: str
    style: str
    qualifier: str  # exact, more_than, nearly, about, at_least, at_most (extract.QUALIFIERS)
    kind: str       # amount, count, events, people, … (extract.KINDS)
    label: dict
    unit_id: str
    quote: str
    line: int
    lines: tuple = ()  # (key, line) pairs: where each field is written
    value_max: float | None = None  # the high end of a range
    derived: bool = False  # a derived figure (figures.yml derived:), computed by the build
    role: str = "result"   # result, target, threshold, change, baseline, rank (check/roles.py ROLES)
    to: str = ""           # a baseline's later value (a figure id)
    counts: str = ""       # what is counted, as Chinese names it (村, 项目), where the editor says
    sign: str = ""         # a change's direction as its sentence says it: '+', '−' or '' (set by check_provenance)
    icon: str = ""         # the icon figures.yml names for what it counts (sitegen/icons.py: icon_of)
    indicator: str = ""    # the portal indicator it states (portal.yml indicators; a report alone ignores it)

    @property
    def approx(self) -> bool:
        """True when the article qualifies the number (anything but exact)."""
        return self.qualifier != "exact"

    def line_of(self, key: str) -> int:
        return dict(self.lines).get(key, self.line)

    def has(self, key: str) -> bool:
        """Whether the entry writes this key (a role left out is a result)."""
        return key in dict(self.lines)


@dataclass(frozen=True)
class Derived:
    """A figure the site computes from stated figures (never one the article gives): shown marked as such."""

    id: str
    op: str            # sum or ratio
    parts: tuple       # figure ids
    label: dict
    unit: str          # units.yml key it is written in ('' until validated)
    headline: bool
    line: int
    value: float = 0.0
    style: str = "count"
    qualifier: str = "exact"
    kind: str = "count"
    text: str = ""     # its Chinese text, e.g. 3950万元
    derived: bool = True
    group: str = ""
    quote: str = ""
    unit_id: str = ""


@dataclass(frozen=True)
class Chart:
    id: str
    page: str
    kind: str
    figures: tuple
    title: dict
    caption: dict
    line: int
    relation: str = ""
    lines: tuple = ()  # (key, line) pairs: where each field is written

    def line_of(self, key: str) -> int:
        return dict(self.lines).get(key, self.line)


@dataclass
class Figures:
    figures: list = field(default_factory=list)
    areas: list = field(default_factory=list)
    relations: list = field(default_factory=list)
    not_figures: list = field(default_factory=list)
    charts: list = field(default_factory=list)
    derived: list = field(default_factory=list)  # Derived, computed by validate_figures
    claimed: set = field(default_factory=set)  # (unit, text) of every figure entry, even an invalid one
    invalid: set = field(default_factory=set)  # ids of figure entries already reported as invalid

    def known(self, figure_id) -> bool:
        """A figure id that exists, valid or not (a reference to an invalid one is no second problem)."""
        return figure_id in self.invalid or any(f.id == figure_id for f in self.figures)

    def by_id(self) -> dict:
        return {f.id: f for f in self.figures}

    def in_unit(self, unit_id: str) -> list:
        return [f for f in self.figures if f.unit_id == unit_id]


def read_figures(c: Content, problems: Problems) -> Figures:
    """figures.yml -> Figures (type-checked)."""
    where = shown(c.root / "figures.yml")
    data = c.figures_data if c.figures_data is not None else {}
    out = Figures()
    if not isinstance(data, dict):
        return out
    if c.figures_data is not None:  # an unreadable file is reported as such, not as missing its keys
        check_fields(data, FIGURES_FILE_FIELDS, where, problems, "figures.yml", 1)  # the valid parts are still read
    for a in as_list(data.get("areas"), where, problems, "areas"):
        if check_fields(a, AREA_FIELDS, where, problems, "area"):
            out.areas.append({"id": a["id"], "zh": a["zh"], "en": a["en"], "line": a.line})
    for f in as_list(data.get("figures"), where, problems, "figures", most=limits.FIGURES):
        if isinstance(f, dict) and isinstance(f.get("source"), dict):
            out.claimed.add((f["source"].get("unit"), f.get("text")))
        fig = read_figure(c, f, where, problems)
        if fig:
            out.figures.append(fig)
        elif isinstance(f, dict) and isinstance(f.get("id"), str):  # its problem is reported: not its uses
            out.invalid.add(f["id"])
    for n in as_list(data.get("not_figures"), where, problems, "not_figures", most=limits.FIGURES * 10):
        if check_fields(n, NOT_FIGURE_FIELDS, where, problems, "not_figure"):
            out.not_figures.append({**n, "line": n.line})
    for r in as_list(data.get("relations"), where, problems, "relations", most=limits.RELATIONS):
        if check_fields(r, RELATION_FIELDS, where, problems, "relation"):
            out.relations.append({**r, "line": r.line})
    for ch in as_list(data.get("charts"), where, problems, "charts", most=limits.CHARTS):
        if not check_fields(ch, CHART_FIELDS, where, problems, "chart"):
            continue
        ok = all(check_fields(ch[k], LANG_SHORT if k == "title" else LANG_TEXT, where, problems, f"chart {k}",
                              ch.line_of(k))
                 for k in ("title", "caption"))
        if ok:
            out.charts.append(Chart(ch["id"], ch["page"], ch.get("kind") or "",
                                    tuple(str(x) for x in ch.get("figures") or ()),
                                    dict(ch["title"]), dict(ch["caption"]), ch.line, ch.get("relation") or "",
                                    tuple(ch.key_lines.items())))
    for d in as_list(data.get("derived"), where, problems, "derived", most=limits.FIGURES):
        item = read_derived(d, where, problems)
        if item:
            out.derived.append(item)
    return out


def read_derived(d, where: str, problems: Problems) -> Derived | None:
    """One derived entry: id, a formula of one operation over figure ids, a label in every language."""
    if not check_fields(d, DERIVED_FIELDS, where, problems, "derived figure"):
        return None
    if not check_fields(d["label"], LANG_SHORT, where, problems, f"label of {d['id']}", d.line_of("label")):
        return None
    formula = d["formula"]
    ops = [k for k in formula if k in FORMULAS]
    if len(formula) != 1 or not ops or not isinstance(formula[ops[0]], list):
        problems.add(where, d.line_of("formula"), f"derived figure {d['id']}: the formula must be one of "
                     "sum: [figure ids] or ratio: [part, whole]", "e.g. formula: {sum: [ecology_investment, "
                     "safety_center_investment]}")
        return None
    op, parts = ops[0], tuple(str(x) for x in formula[ops[0]])
    if (op == "ratio" and len(parts) != 2) or (op == "sum" and len(parts) < 2):
        problems.add(where, d.line_of("formula"), f"derived figure {d['id']}: {op} needs "
                     + ("two figures (part, whole)" if op == "ratio" else "at least two figures"))
        return None
    return Derived(d["id"], op, parts, dict(d["label"]), d.get("unit") or "", bool(d.get("headline")), d.line)


def too_large(v: int | float) -> bool:
    """Not a number a page can state: infinite, NaN, or at least MAX_VALUE (an int is compared exactly: one of 400
    digits would overflow a float)."""
    if isinstance(v, float) and not math.isfinite(v):
        return True
    return abs(v) >= MAX_VALUE


def read_figure(c: Content, f, where: str, problems: Problems) -> Figure | None:
    """One figure entry (fields, label and source checked)."""
    if not check_fields(f, FIGURE_FIELDS, where, problems, "figure"):
        return None
    if not check_fields(f["label"], LANG_SHORT, where, problems, f"label of {f['id']}", f.line_of("label")):
        return None
    if not check_fields(f["source"], SOURCE_FIELDS, where, problems, f"source of {f['id']}", f.line_of("source")):
        return None
    bad = False
    for key in ("value", "value_max"):  # a number a reader can read (1e15 is a thousand trillion yuan)
        v = f.get(key)
        if isinstance(v, (int, float)) and not too_large(v):
            continue
        if isinstance(v, (int, float)):
            problems.add(where, f.line_of(key), f"figure {f['id']}: {key} is too large to be a figure of a report "
                         f"(at most {MAX_VALUE:.0e}, or it is not a number)",
                         "write the value the article gives, in the unit the article writes")
            bad = True
    for key, allowed in (("qualifier", QUALIFIERS), ("kind", KINDS)):
        if f[key] not in allowed:
            problems.add(where, f.line_of(key), f"figure {f['id']}: unknown {key} {f[key]!r}",
                         closest(f[key], allowed) or "one of: " + ", ".join(allowed))
            bad = True
    style = c.style_of(f["unit"])
    if style is None:
        problems.add(where, f.line_of("unit"), f"figure {f['id']}: the generator does not know the unit {f['unit']!r}",
                     f"if it is a measure word of things counted, add it to {shown(c.root / 'units.yml')} as "
                     f"'{f['unit']}: {{style: count}}' (or people, events, households); a unit of measure must be "
                     "written as the article writes it (吨, 万元, 平方米 …)")
        bad = True
    if bad:
        return None
    s = STYLES[style]
    if f["kind"] == "count" and s.dimension == "count" and s.base:  # 50余人(户): a count the label names, no noun
        style = "count" if s.per_base == 1 else "count_wan"
    lines = tuple(f.key_lines.items()) + (("quote", f["source"].line_of("quote")),
                                           ("source_unit", f["source"].line_of("unit")))
    return Figure(f["id"], f["group"], f["text"], f["value"], f["unit"], style, f["qualifier"], f["kind"],
                  dict(f["label"]), f["source"]["unit"], f["source"]["quote"], f.line, lines, f.get("value_max"),
                  role=f.get("role") or "result", to=f.get("to") or "", counts=f.get("counts") or "",
                  icon=f.get("icon") or "", indicator=f.get("indicator") or "")


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
        if f.group not in groups and c.stars_read:  # unreadable stars: report.yml's problem says why
            problems.add(where, f.line, f"figure {f.id}: unknown group {f.group!r}",
                         "a star id or an area id: " + ", ".join(sorted(groups)))
    figs.figures = [check_provenance(f, units, where, problems) or f for f in figs.figures]
    check_roles(figs.figures, where, problems)
    check_coverage(figs, candidates, where, problems)
    check_relations(figs, where, problems)
    check_derived(c, figs, seen, where, problems)
    check_charts(c, figs, where, problems)


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
    """Totals equal the sum of their parts, of one kind and unit; each relation has an id of its own."""
    by_id = figs.by_id()
    seen: dict = {}
    for r in figs.relations:
        if r["id"] in seen:
            problems.add(where, r["line"], f"relation id {r['id']!r} is used twice",
                         f"first used at line {seen[r['id']]}")
        seen.setdefault(r["id"], r["line"])
        names = [r["total"], *r["parts"]]
        odd = next((n for n in names if not isinstance(n, str)), None)
        if odd is not None:
            problems.add(where, r["line"], f"relation {r['id']}: its parts must be figure ids, got {kind(odd)}")
            continue
        if not r["parts"] or len(set(map(str, names))) < len(names):
            twice = next((n for n in names if names.count(n) > 1), None)
            problems.add(where, r["line"], f"relation {r['id']} " + (f"names {twice} twice" if twice else
                         "has no parts"), "a relation is a total and its parts, each figure once")
            continue
        missing = [n for n in names if n not in by_id]
        if missing:
            unknown = [n for n in missing if n not in figs.invalid]
            if unknown:
                problems.add(where, r["line"], f"relation {r['id']}: unknown figure(s) {', '.join(map(str, unknown))}",
                             closest(unknown[0], by_id))
            continue
        why = role_refusal([by_id[n] for n in names], SUMMED_ROLES, f"relation {r['id']} adds what is no stated result")
        if why:
            problems.add(where, r["line"], why, "a total and its parts are results the article states")
            continue
        measures = {n: (by_id[n].kind, by_id[n].unit) for n in names}
        if len(set(measures.values())) > 1:
            problems.add(where, r["line"], f"relation {r['id']} adds unlike things: "
                         + ", ".join(f"{n} ({by_id[n].text}, {k})" for n, (k, _) in measures.items()),
                         "a total and its parts count one kind of thing in one unit")
            continue
        total = by_id[r["total"]].value
        parts = sum(by_id[p].value for p in r["parts"])
        if total != parts:
            problems.add(where, r["line"], f"relation {r['id']} does not hold: {r['total']} = {total}, "
                         f"but its parts add up to {parts}")


# the references an editor writes: {37条} (a number of the seed, as written) or {figure_id}, in translations and
# texts; FIG_REF only the figure ids of figures.yml texts
MAX_VALUE = 1e15  # larger values are no figure of a report (and overflow a float when added)
REF = re.compile(r"\{([^{}\s]{1,40})\}")
FIG_REF = re.compile(r"\{([a-z0-9_-]+)\}")


def check_editorial(text: str, by_id: dict, line: int, what: str, where: str, problems: Problems,
                    invalid: set = frozenset(), lang: str = "en", dates: set = frozenset()) -> None:
    """Editorial text (captions, relations) names figures as {figure_id}, with no qualifier typed beside them; it
    never types a number, but a year or date that `dates` holds (listed as no figure where the text draws from)."""
    for ref in FIG_REF.findall(text):
        if ref not in by_id and ref not in invalid:  # an invalid figure is reported where it is defined
            problems.add(where, line, f"{what}: {{{ref}}} is not a figure id", closest(ref, by_id))
    refs = [(m.start(), m.end(), by_id.get(m.group(1))) for m in FIG_REF.finditer(text)]
    check_doubled(text, refs, lang, line, what, where, problems)
    check_marks(text, line, what, where, problems)
    bare = FIG_REF.sub(lambda m: "\0" * len(m.group(0)), text)  # same offsets, references blanked
    check_typed(text, bare, dates, line, what, where, problems,
                "write the figure as {figure_id}, so that every language shows the same number (a year or date may "
                "be typed where the figures file lists it as no figure in a paragraph the text draws from)", lang)


def listed_dates(figs: Figures, units: set) -> set:
    """The digits of the years and dates that the figures file lists as no figure in these seed units."""
    out = set()
    for n in figs.not_figures:
        if n["unit"] in units:
            x = extract_candidates([(n["unit"], n["text"])])
            if x and x[0].kind == "date":
                out |= {normal for _, _, normal in typed_numbers(n["text"], "zh")}
    return out


def chart_measure(f: Figure) -> str:
    """What a bar chart's axis measures: one kind of quantity in one unit. Money in 元, 万元 and 亿元 is plotted
    in one unit, an area, length or weight in its base unit (which must then agree: mu or m²); counts must
    also share their measure word when they count things: 6种 models and 11个 projects are not like quantities."""
    s = STYLES[f.style]
    if s.dimension == "money":
        unit = "money"
    elif s.dimension == "count":  # people, events, households: the kind names what is counted; things: the measure word
        unit = f"counted in {f.unit.lstrip('万亿')}" if f.kind == "count" else "number"
    else:
        unit = f"{s.dimension} ({s.base})"
    return f"{f.kind}, {unit}"


def check_charts(c: Content, figs: Figures, where: str, problems: Problems) -> None:
    """Charts name known figures on a page that exists, their kind fits what the figures mean (defaults
    chosen from them); resolved charts replace the read ones."""
    by_id = figs.by_id()
    slugs = c.slugs
    for r in figs.relations:
        dates = listed_dates(figs, {by_id[x].unit_id for x in [r["total"], *r["parts"]] if isinstance(x, str)
                                    and x in by_id})
        for lang in c.languages:
            check_editorial(r.get(lang, ""), by_id, r["line"], f"relation {r['id']} ({lang})", where, problems,
                            figs.invalid, lang, dates)
        same_figures(c, {lang: r.get(lang, "") for lang in c.languages}, r["line"], f"relation {r['id']}", where,
                     problems)
    done = []
    seen: dict = {}
    shown = charts_shown(c)
    for ch in figs.charts:
        if not isinstance(ch.id, str) or not ID.match(ch.id) or ch.id in seen:
            twice = ch.id in seen
            problems.add(where, ch.line, f"chart id {ch.id!r} is " + ("used twice" if twice else "not a safe id"),
                         f"first used at line {seen[ch.id]}" if twice else
                         "lower-case letters, digits, - and _ (it names the chart's page: charts/ID/)")
            continue
        seen[ch.id] = ch.line
        dates = listed_dates(figs, {by_id[x].unit_id for x in ch.figures if x in by_id})
        for lang in c.languages:
            for key in ("title", "caption"):
                check_editorial(getattr(ch, key).get(lang, ""), by_id, ch.line_of(key), f"chart {ch.id} {key} ({lang})",
                                where, problems, figs.invalid, lang, dates)
        for key in ("title", "caption"):
            same_figures(c, getattr(ch, key), ch.line_of(key), f"chart {ch.id} {key}", where, problems)
        if ch.page not in slugs:
            problems.add(where, ch.line_of("page"), f"chart {ch.id}: page {ch.page!r} does not exist",
                         closest(ch.page, slugs))
        elif c.pages and ch.page not in shown:
            problems.warn(where, ch.line_of("page"), f"chart {ch.id}: no page has a '::: charts {ch.page}' block, "
                          f"so the chart is shown only on its own page (charts/{ch.id}/)",
                          f"add '::: charts {ch.page}' to the page {ch.page}, or name another page")
        resolved = resolve_chart(ch, figs, by_id, where, problems)
        if resolved:
            done.append(resolved)
    figs.charts = done


def charts_shown(c: Content) -> set:
    """The pages whose charts some page shows (a '::: charts PAGE' block, in the first language)."""
    from ..read.content import Directive

    pages = c.pages.get(c.languages[0], {}) if c.languages else {}
    return {a for p in pages.values() for d in p.parts if isinstance(d, Directive) and d.name == "charts"
            for a in d.args}


def same_figures(c: Content, texts: dict, line: int, what: str, where: str, problems: Problems) -> None:
    """An editorial text names the same figures in every language: the English may not cite another number."""
    cited = {lang: sorted(set(FIG_REF.findall(texts.get(lang) or ""))) for lang in c.languages}
    first = c.languages[0] if c.languages else None
    for lang in c.languages[1:]:
        if cited[lang] != cited[first]:
            problems.add(where, line, f"{what}: the {lang} text names {', '.join(cited[lang]) or 'no figure'}, the "
                         f"{first} text {', '.join(cited[first]) or 'no figure'}",
                         "every language names the same figures ({figure_id}), each as often as it needs")


def resolve_chart(ch: Chart, figs: Figures, by_id: dict, where: str, problems: Problems) -> Chart | None:
    """The chart with its kind and figures filled in (a relation's figures, a default kind), or None."""
    from dataclasses import replace

    kind, ids = ch.kind, ch.figures
    if ch.kind and ch.kind not in CHART_KINDS:
        problems.add(where, ch.line_of("kind"), f"chart {ch.id}: unknown kind {ch.kind!r}",
                     closest(ch.kind, CHART_KINDS) or "one of: " + ", ".join(CHART_KINDS))
        return None
    related = next(k for k, v in CHART_KINDS.items() if v.relation)   # the kind that draws a relation: parts
    if ch.relation or (kind and CHART_KINDS[kind].relation):
        rel = next((r for r in figs.relations if r["id"] == ch.relation), None)
        if rel is None:
            problems.add(where, ch.line_of("relation" if ch.relation else "kind"),
                         f"chart {ch.id}: " + (f"unknown relation {ch.relation!r}" if ch.relation else
                                               "a parts chart names the relation it draws"),
                         "relation: one of " + (", ".join(r["id"] for r in figs.relations) or "(none: add one under "
                                                "relations, only for a sum the article states)"))
            return None
        stated = (rel["total"], *rel["parts"])
        if kind and not CHART_KINDS[kind].relation:
            problems.add(where, ch.line_of("kind"), f"chart {ch.id}: a chart of relation {rel['id']} is kind "
                         f"{related}, not {kind}", f"write kind: {related}, or leave kind out")
            return None
        if ids and tuple(ids) != stated:
            problems.add(where, ch.line_of("figures"), f"chart {ch.id}: a parts chart shows its relation's figures "
                         f"({', '.join(stated)}), not {', '.join(ids)}",
                         "leave figures out: they are the relation's total and parts")
            return None
        kind, ids = kind or related, stated
    if not ids:
        problems.add(where, ch.line, f"chart {ch.id}: no figures", "figures: [figure ids], or relation: <id>")
        return None
    twice = next((x for x in ids if ids.count(x) > 1), None)
    if twice:
        problems.add(where, ch.line_of("figures"), f"chart {ch.id} names the figure {twice} twice",
                     "each bar, tile or icon row is one figure")
        return None
    missing = [x for x in ids if x not in by_id]
    if missing:
        unknown = [x for x in missing if x not in figs.invalid]
        if unknown:
            problems.add(where, ch.line_of("figures"), f"chart {ch.id}: unknown figure(s) {', '.join(unknown)}",
                         closest(unknown[0], by_id))
        return None
    shown = [by_id[x] for x in ids]
    kind = kind or ("icons" if all(iconable(f) for f in shown) else "tiles" if len(shown) == 1 else "bar")
    if not kind_takes(ch, kind, shown, where, problems):
        return None
    return replace(ch, kind=kind, figures=tuple(ids))


def kind_takes(ch: Chart, name: str, shown: list, where: str, problems: Problems) -> bool:
    """Whether a chart's kind (sitegen/registry.py: CHART_KINDS) can draw its figures, on its page and on its
    picture: a kind without a picture drawing draws none; one mark per thing counted only for small exact counts;
    a length only for one value (no range); one axis only for one kind of quantity in one unit."""
    kind = CHART_KINDS[name]
    if not kind.picture:
        drawn = ", ".join(k for k, v in CHART_KINDS.items() if v.picture)
        problems.add(where, ch.line_of("kind") or ch.line,
                     f"chart {ch.id}: kind {name!r} has no picture drawing (sitegen/registry.py: CHART_KINDS[{name!r}] "
                     f"names none), so its PNG and SVG (charts/{ch.id}/) cannot show it",
                     f"use another kind ({drawn}), or give the kind its drawing: a function @picture(NAME) in "
                     "sitegen/render/chartcard.py, named in its entry")
        return False
    if kind.scale == "count":
        bad = [f for f in shown if not iconable(f)]
        if bad:
            problems.add(where, ch.line_of("kind"), f"chart {ch.id}: an icon array draws one icon per thing counted, "
                         "but " + ", ".join(f"{f.id} ({f.text}, {f.qualifier}, {f.kind})" for f in bad)
                         + f" is not an exact count of at most {ICON_MAX}", "use kind: bar (like quantities) or tiles")
            return False
    return meaning_takes(ch, kind, shown, where, problems) and length_takes(ch, kind, shown, where, problems)


def meaning_takes(ch: Chart, kind, shown: list, where: str, problems: Problems) -> bool:
    """A kind whose marks measure something (a length, a share of a total, one mark per thing) draws one role of
    amounts (no threshold nor rank) and, where the editor names what is counted, one thing; tiles stand each on
    its own, a target's marked as one."""
    if not kind.scale:
        return True
    roles = sorted({f.role for f in shown})
    if len(roles) > 1:
        problems.add(where, ch.line_of("figures"), f"chart {ch.id} mixes roles: "
                     + "; ".join(f"{f.id} ({f.text}) is {f.role}" for f in shown),
                     "a chart shows results, or targets, or … alone: split it, or use kind: tiles")
        return False
    why = role_refusal(shown, AMOUNT_ROLES, f"chart {ch.id} draws as an amount what is none")
    if why:
        problems.add(where, ch.line_of("kind") or ch.line, why, "show a threshold or a rank as tiles (kind: tiles)")
        return False
    counted = {f.counts for f in shown if f.counts}
    if kind.scale in ("largest", "total") and len(counted) > 1:
        problems.add(where, ch.line_of("figures"), f"chart {ch.id} sets unlike things on one scale: "
                     + "; ".join(f"{f.id} counts {f.counts or '?'}" for f in shown),
                     "one chart per thing counted, or kind: tiles")
        return False
    return True


def length_takes(ch: Chart, kind, shown: list, where: str, problems: Problems) -> bool:
    """A length only for one value (no range); one axis only for one kind of quantity in one unit."""
    ranges = [f for f in shown if f.value_max is not None]
    if kind.scale in ("largest", "total") and ranges:
        problems.add(where, ch.line_of("figures") or ch.line, f"chart {ch.id}: a range has no one length to draw: "
                     + ", ".join(f"{f.id} ({f.text})" for f in ranges),
                     "show it as tiles (kind: tiles), which say both ends, or leave it out of the chart")
        return False
    if kind.one_measure:
        measures: dict[str, list] = {}
        for f in shown:
            measures.setdefault(chart_measure(f), []).append(f.id)
        if len(measures) > 1:
            problems.add(where, ch.line_of("figures"), f"chart {ch.id} mixes kinds or units on one axis: "
                         + "; ".join(f"{m}: {', '.join(v)}" for m, v in sorted(measures.items())),
                         "split it into one chart per kind and unit, or use kind: tiles (each figure on its own)")
            return False
    return True


def iconable(f: Figure) -> bool:
    """A small exact whole count of things, people or events: one icon each."""
    return (f.qualifier == "exact" and f.kind in ICON_KINDS and f.value_max is None
            and float(f.value).is_integer() and 1 <= f.value <= ICON_MAX)


def check_derived(c: Content, figs: Figures, seen: dict, where: str, problems: Problems) -> None:
    """Each derived figure names known figures of one kind and one dimension; its value, unit and qualifier
    are computed here (亿元, 万元 and 元 converted before adding). Also: the report's headline exists."""
    by_id = figs.by_id()
    done = []
    for d in figs.derived:
        if not ID.match(d.id) or d.id in seen:
            problems.add(where, d.line, f"derived figure id {d.id!r} is " + ("used twice" if d.id in seen
                         else "not a safe id"), f"first used at line {seen[d.id]}" if d.id in seen else "")
        seen.setdefault(d.id, d.line)
        computed = compute_derived(c, d, by_id, where, problems)
        if computed:
            done.append(computed)
    figs.derived = done
    check_headline(c, figs, problems)


def compute_derived(c: Content, d: Derived, by_id: dict, where: str, problems: Problems) -> Derived | None:
    """The derived figure with its value, style, unit, qualifier and kind, or None (problems reported)."""
    from dataclasses import replace

    from ..numbers import zh_text

    if d.id in d.parts:  # a formula over itself has no value
        problems.add(where, d.line, f"derived figure {d.id}: its formula names the figure itself",
                     "a derived figure is computed from stated figures only")
        return None
    twice = next((p for p in d.parts if d.parts.count(p) > 1), None)
    if twice:
        problems.add(where, d.line, f"derived figure {d.id}: its formula names {twice} twice",
                     "each figure is added once")
        return None
    missing = [p for p in d.parts if p not in by_id]
    if missing:
        problems.add(where, d.line, f"derived figure {d.id}: unknown figure(s) {', '.join(missing)}",
                     closest(missing[0], by_id) or "name figures of the figures list by id")
        return None
    parts = [by_id[p] for p in d.parts]
    ranges = [f for f in parts if f.value_max is not None]
    if ranges:
        problems.add(where, d.line, f"derived figure {d.id} is computed from a range: "
                     + ", ".join(f"{f.id} ({f.text})" for f in ranges),
                     "a range has no one value to add or divide: leave it out of the formula")
        return None
    why = role_refusal(parts, SUMMED_ROLES, f"derived figure {d.id} is computed from what is no stated result")
    if why:
        problems.add(where, d.line, why, "add or divide only results the article states (never a target, a "
                     "threshold, an earlier value, a change or a rank)")
        return None
    kinds = sorted({f.kind for f in parts})
    if len(kinds) > 1:
        problems.add(where, d.line, f"derived figure {d.id} combines figures of different kinds: "
                     + ", ".join(f"{f.id} ({f.kind})" for f in parts),
                     "only figures of one kind can be added or divided (not people and events, not a threshold)")
        return None
    if d.op == "sum" and kinds[0] in NOT_ADDED:
        problems.add(where, d.line, f"derived figure {d.id} adds figures of kind {kinds[0]}, which do not add up",
                     "a threshold, a date, a name, a share or a change is not a quantity to be summed")
        return None
    measures = sorted({chart_measure(f) for f in parts})
    if d.op == "sum" and len(measures) > 1 and parts[0].kind == "count":  # 6种 models and 11个 projects
        problems.add(where, d.line, f"derived figure {d.id} adds things counted in different measure words: "
                     + ", ".join(f"{f.id} ({f.text})" for f in parts), "add only like things (one measure word)")
        return None
    dims = sorted({STYLES[f.style].dimension for f in parts})
    if len(dims) > 1 or dims[0] == "year":
        problems.add(where, d.line, f"derived figure {d.id} combines incommensurable units: "
                     + ", ".join(f"{f.id} ({f.unit})" for f in parts), "add only money to money, area to area …")
        return None
    total = [common_value(f.value, f.style) for f in parts]
    quals = [f.qualifier for f in parts]
    if d.op == "ratio":
        if total[1] == 0:
            problems.add(where, d.line, f"derived figure {d.id}: the whole ({parts[1].id}) is zero")
            return None
        value = round(100 * total[0] / total[1], 1)
        qual = "exact" if set(quals) == {"exact"} else "about"
        return replace(d, value=value, style="percent", unit="%", qualifier=qual, kind="share",
                       text=zh_text(value, "%"))
    unit = d.unit or parts[0].unit
    style = c.style_of(unit)
    if style is None or STYLES[style].dimension != dims[0]:
        problems.add(where, d.line, f"derived figure {d.id}: unit {unit!r} is "
                     + ("not a unit the generator knows" if style is None else f"not a unit of {dims[0]}"),
                     "name a unit of the same dimension as its parts, as Chinese writes it, e.g. 万元 for money")
        return None
    value = from_common(sum(total), style)
    return replace(d, value=value, style=style, unit=unit, qualifier=combine_qualifiers(quals), kind=kinds[0],
                   text=zh_text(value, unit))


def check_headline(c: Content, figs: Figures, problems: Problems) -> None:
    """report.yml headline names a stated figure, or a derived one the editor marked headline: true."""
    if not c.headline:
        return
    where = shown(c.root / "report.yml")
    derived = {d.id: d for d in figs.derived}
    if c.headline in derived and not derived[c.headline].headline:
        problems.add(where, c.headline_line, f"headline {c.headline!r} is a derived figure not marked headline: true",
                     "a figure the article does not state is the headline only if figures.yml says headline: true")
    elif c.headline not in derived and c.headline not in figs.by_id():
        problems.add(where, c.headline_line, f"headline {c.headline!r} is not a figure or derived figure",
                     closest(c.headline, list(figs.by_id()) + list(derived)))
    elif why := role_refusal([figs.by_id().get(c.headline) or derived[c.headline]], HEADLINE_ROLES,
                             "a headline states what the article reports done"):
        problems.add(where, c.headline_line, f"headline {c.headline!r}: {why}", "name one of its stated results")
