"""A portal's indicators (portal.yml `indicators:`) and the figures of its reports that state them (figures.yml
`indicator:`): an indicator is one dimension and one role, and a figure compared under it must be that dimension and
role, every problem at its line (portal.yml's, or the figure's in its figures.yml)."""
from __future__ import annotations

from ..problems import Problems, shown
from ..read.portal import Portal
from ..read.yamlsrc import closest
from ..units import BASES
from .roles import ROLES

# the dimensions an indicator may measure: every dimension of the units model but those never figures
DIMENSIONS = tuple(sorted({u.dimension for u in BASES.values()} - {"date", "year", "name"}))


def check_indicators(portal: Portal, problems: Problems) -> None:
    """Each indicator names a known dimension and role, at its line of portal.yml."""
    where = shown(portal.path)
    for ind in portal.indicators:
        for key, allowed in (("dimension", DIMENSIONS), ("role", ROLES)):
            value = getattr(ind, key)
            if value not in allowed:
                problems.add(where, ind.line_of(key), f"indicator {ind.id}: unknown {key} {value!r}",
                             closest(value, allowed) or "one of: " + ", ".join(allowed))


def check_statements(portal: Portal, reports: list[tuple[str, list[dict]]], problems: Problems) -> None:
    """Each figure naming an indicator names one portal.yml declares, has its role and dimension, is the only
    figure of its report naming it, and is in a unit that converts to the other reports' (check_units); each
    problem at the figure's figures.yml path:line. reports: (slug, the statements of pipeline's `indicators`)."""
    declared = {ind.id: ind for ind in portal.indicators}
    check_units(declared, reports, problems)
    for slug, statements in reports:
        first: dict[str, dict] = {}
        for s in statements:
            ind = declared.get(s["indicator"])
            what = f"figure {s['figure']} ({s['text']}, report {slug})"
            if ind is None:
                problems.add(s["where"], s["indicator_line"], f"{what} names the indicator {s['indicator']!r}, "
                             f"which {shown(portal.path)} does not declare",
                             (closest(s["indicator"], list(declared)) or "declare it under indicators: in "
                              + shown(portal.path) + (f" (declared: {', '.join(declared)})" if declared else "")))
                continue
            for key in ("role", "dimension"):
                if s[key] != getattr(ind, key):
                    problems.add(s["where"], s["line"], f"{what} is a {s[key]} ({key}); the indicator {ind.id} "
                                 f"compares only {getattr(ind, key)} values: a comparison never sets unlike values "
                                 "side by side", f"name the indicator only on a figure whose {key} is "
                                 f"{getattr(ind, key)}, or declare another indicator for it")
            if s["indicator"] in first:
                problems.add(s["where"], s["indicator_line"], f"{what} names the indicator {ind.id}, as figure "
                             f"{first[ind.id]['figure']} of the same report does (line {first[ind.id]['line']})",
                             "a report states an indicator once: name it on one figure")
            first.setdefault(ind.id, s)


def check_units(declared: dict, reports: list[tuple[str, list[dict]]], problems: Problems) -> None:
    """The values of one indicator convert to one unit: every figure's base unit (for things counted, the measure
    word) is the one most of its figures have (the first report's, on a tie); a figure in another is refused at its
    line, naming a figure in the unit it should convert to."""
    by: dict[str, list[tuple[str, dict]]] = {}
    for slug, statements in reports:
        for s in statements:
            ind = declared.get(s["indicator"])
            if ind is not None and s["dimension"] == ind.dimension:
                by.setdefault(ind.id, []).append((slug, s))
    for ind_id, stated in by.items():
        counts: dict[str, int] = {}
        for _slug, s in stated:
            counts[s["base"]] = counts.get(s["base"], 0) + 1
        common = max(counts, key=lambda b: (counts[b], -next(i for i, (_, s) in enumerate(stated) if s["base"] == b)))
        example_slug, example = next((slug, s) for slug, s in stated if s["base"] == common)
        for slug, s in stated:
            if s["base"] != common:
                problems.add(s["where"], s["line"], f"figure {s['figure']} ({s['text']}, report {slug}) is in "
                             f"{s['base']}, which does not convert to {common}, the unit of the indicator {ind_id} "
                             f"in the other reports (figure {example['figure']} of report {example_slug}): a "
                             "comparison never sets values of unlike units side by side",
                             f"name the indicator only on a figure counted in {common}, or declare another "
                             "indicator for it")
