"""What a figure means, checked against its sentence: the editor decides, the build checks what it can know.

A value, unit or range that the figure's quote does not contain is refused: the site would state a number the article
does not. Where the build's own reading of the sentence differs in qualifier, kind or role (check/extract.py,
check/roles.py), it is a warning that quotes the words it read, never a demand: the editor may know better (a 约 of
村规民约 is no 'about', whatever a rule reads). A figure's role then decides where it may go (check_uses): a target is
never a headline nor a term of a sum, a threshold is never summed nor drawn as an amount, a baseline names the figure
it changed to.
"""
from __future__ import annotations

from dataclasses import replace

from ..numbers import STYLES
from ..problems import Problems
from ..read.yamlsrc import closest
from .extract import as_written, extract_candidates, kind_agrees
from .roles import ROLES, sign

ROLE_WORDS = {"result": "a stated result", "target": "a target (a goal, plan or forecast)",
              "threshold": "a threshold (a bound that defines a group)", "change": "a change (a difference or growth)",
              "baseline": "a baseline (the earlier value of a from→to)", "rank": "a rank (a place in a ranking)"}
HEADLINE_ROLES = ("result", "change")      # what the article achieved: a headline is never a target nor a criterion
SUMMED_ROLES = ("result",)                  # only stated results add up (never targets, thresholds, earlier values)
AMOUNT_ROLES = ("result", "target", "baseline", "change")   # what a bar, a split bar or icons may draw as an amount


def check_provenance(f, units: dict, where: str, problems: Problems):
    """The quote is in its seed unit, the figure's text in the quote, its value and unit read there (refused
    otherwise); where the build reads another qualifier, kind or role, a warning quoting the words it read. Returns
    the figure with what the sentence says of a change's direction, or None where the seed does not hold it."""
    seg = units.get(f.unit_id)
    if seg is None:
        problems.add(where, f.line_of("source_unit"), f"figure {f.id}: source unit {f.unit_id!r} is not in the seed",
                     closest(f.unit_id, units))
        return None
    if f.quote not in seg:
        problems.add(where, f.line_of("quote"), f"figure {f.id}: the quote is not in seed unit {f.unit_id}",
                     f"quote: {f.quote!r}")
        return None
    if f.text not in f.quote:
        problems.add(where, f.line_of("text"), f"figure {f.id}: its text {f.text!r} is not in its quote {f.quote!r}")
        return None
    x = read_in_seed(f, seg)
    if x is None:
        problems.add(where, f.line_of("text"), f"figure {f.id}: {f.text!r} is not read as a number in its quote")
        return None
    said = f"{f.value} {f.unit}" + (f" to {f.value_max}" if f.value_max is not None else "")
    read = f"{x.value} {x.unit}" + (f" to {x.value_max}" if x.value_max is not None else "")
    if x.value != f.value or x.unit != f.unit or x.value_max != f.value_max:
        key = "value" if x.value != f.value else ("unit" if x.unit != f.unit else "value_max")
        problems.add(where, f.line_of(key), f"figure {f.id}: the data say {said}, the seed says {read} ({x.text})",
                     "change the value to what the seed says, or record an edit in article.yml")
    compare_reading(f, x, where, problems)
    return replace(f, sign=sign(x.cue) if f.role == "change" else "")


def compare_reading(f, x, where: str, problems: Problems) -> None:
    """Warnings where the build reads the sentence otherwise than the editor: each quotes the words it read."""
    clause = f"in '{x.quote}'"
    if x.qualifier != f.qualifier:
        words = f"from '{x.marker}' " if x.marker else "(no qualifier word) "
        problems.warn(where, f.line_of("qualifier"), f"figure {f.id}: the data say qualifier {f.qualifier!r}; the "
                      f"build reads {x.qualifier!r} {words}{clause} ({as_written(x)})",
                      f"keep it if the article means {f.qualifier}; else write qualifier: {x.qualifier}")
    if not kind_agrees(f.kind, x.kind, x.unit):
        problems.warn(where, f.line_of("kind"), f"figure {f.id}: the data say kind {f.kind!r}; the build reads "
                      f"{x.kind!r} from the unit {x.unit!r} {clause}",
                      f"keep it if that is what is counted; else write kind: {x.kind}")
    read_role = x.role or "result"
    if read_role != f.role:
        words = f"from '{x.cue}' " if x.cue else "(no word of a target, threshold, change or ranking) "
        problems.warn(where, f.line_of("role") if f.has("role") else f.line, f"figure {f.id}: the data say role "
                      f"{f.role!r}; the build reads {read_role!r} {words}{clause}",
                      f"keep it if the number is {ROLE_WORDS.get(f.role, f.role)}; else write role: {read_role}")


def read_in_seed(f, seg: str):
    """The extractor's reading of the figure's text inside its quote, read in the whole seed unit.

    The unit is read as a whole so that qualifiers and roles are judged from the full sentence, however short the
    quote; the first occurrence of the text inside the quote's place is the figure."""
    at = seg.find(f.quote)
    inside = [x for x in extract_candidates([(f.unit_id, seg)])
              if x.text == f.text and at <= x.start and x.start + len(x.text) <= at + len(f.quote)]
    return inside[0] if inside else None


def check_roles(figures: list, where: str, problems: Problems) -> None:
    """Each role is known; a baseline names the figure it changed to (`to:`), a figure of the same kind and
    dimension; no other figure names one."""
    by_id = {f.id: f for f in figures}
    for f in figures:
        if f.role not in ROLES:
            problems.add(where, f.line_of("role"), f"figure {f.id}: unknown role {f.role!r}",
                         closest(f.role, ROLES) or "one of: " + ", ".join(ROLES))
            continue
        if f.role != "baseline":
            if f.to:
                problems.add(where, f.line_of("to"), f"figure {f.id}: only a baseline names the figure it changed to",
                             "write role: baseline, or remove 'to'")
            continue
        later = by_id.get(f.to)
        if not f.to or later is None:
            problems.add(where, f.line_of("to") if f.to else f.line_of("role"),
                         f"figure {f.id}: a baseline names the figure it changed to"
                         + (f": unknown figure {f.to!r}" if f.to else ""),
                         closest(f.to, by_id) if f.to else "add to: <the later value's id> (由4个增加到9个: the 9)")
        elif later.kind != f.kind or STYLES[later.style].dimension != STYLES[f.style].dimension or later.id == f.id:
            problems.add(where, f.line_of("to"), f"figure {f.id}: a from→to measures one thing, but {f.id} is "
                         f"{f.kind} in {f.unit} and {later.id} {later.kind} in {later.unit}",
                         "name the later value of the same quantity")


def role_refusal(figs: list, allowed: tuple, what: str) -> str:
    """'' when every figure's role is allowed for this use; else the figures that are not, in words."""
    bad = [f for f in figs if getattr(f, "role", "result") not in allowed]
    if not bad:
        return ""
    return f"{what}: " + ", ".join(f"{f.id} ({f.text}) is {ROLE_WORDS[f.role]}" for f in bad)
