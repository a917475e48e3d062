"""Measure the extractor on articles it has never seen: recall and precision against hand-made annotations.

Run `python tests/test_extract_measure.py` to print the numbers per article.
"""
from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitegen.check.extract import SHOWN_ROLES, Candidate, extract_candidates  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"
RECALL_MIN, PRECISION_MIN = 0.95, 0.90


@dataclass
class Score:
    """Counts for one article (or all of them)."""

    figures: int = 0        # annotated figures
    found: int = 0          # ... found, proposed as figures, with the right value and qualifier
    proposed: int = 0       # candidates proposed as figures
    right: int = 0          # ... that are annotated figures
    kind_right: int = 0     # found figures whose kind is the annotated kind
    misses: tuple = ()

    def add(self, other: Score) -> None:
        """Accumulate another article's counts."""
        for k in ("figures", "found", "proposed", "right", "kind_right"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.misses += other.misses


def paragraphs(path: Path) -> list[tuple[str, str]]:
    """The article as one unit per non-empty line."""
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    return [(f"L{i}", ln) for i, ln in enumerate(lines, 1) if ln]


def pair(cands: list[Candidate], notes: list[dict]) -> list[tuple[dict, Candidate | None]]:
    """Each annotation with the first unused candidate of the same text, in reading order."""
    used: set[int] = set()
    out = []
    for note in notes:
        hit = next((i for i, c in enumerate(cands) if i not in used and c.text == str(note["text"])), None)
        if hit is not None:
            used.add(hit)
        out.append((note, cands[hit] if hit is not None else None))
    return out


def shown_kind(c: Candidate) -> str:
    """What `figures --json` calls its kind: the role for a target, a threshold or a change, else the quantity."""
    return c.role if c.role in SHOWN_ROLES else c.kind


def same(note: dict, c: Candidate) -> bool:
    """The candidate has the annotated value (and range end) and qualifier."""
    hi = note.get("value_max")
    return (math.isclose(c.value, note["value"], rel_tol=1e-3) and c.qualifier == note["qualifier"]
            and (hi is None) == (c.value_max is None) and (hi is None or math.isclose(c.value_max, hi, rel_tol=1e-3)))


def score(name: str) -> Score:
    """Score the extractor on one annotated article."""
    cands = extract_candidates(paragraphs(FIXTURES / f"{name}.txt"))
    notes = yaml.safe_load((FIXTURES / f"{name}.yml").read_text(encoding="utf-8"))
    s, misses = Score(), []
    paired = pair(cands, notes)
    for note, c in paired:
        if not note["figure"]:
            continue
        s.figures += 1
        if c is not None and c.proposal == "figure" and same(note, c):
            s.found += 1
            s.kind_right += shown_kind(c) == note["kind"]
        else:
            got = "nothing" if c is None else f"{c.value} {c.qualifier} {c.kind} {c.proposal}"
            misses.append(f"{name}: missed {note['text']} ({note['value']} {note['qualifier']}), got {got}")
    matched = {id(c): note for note, c in paired if c is not None}
    for c in cands:
        if c.proposal != "figure":
            continue
        s.proposed += 1
        note = matched.get(id(c))
        if note is not None and note["figure"]:
            s.right += 1
        else:
            why = "annotated not a figure" if note else "not annotated"
            misses.append(f"{name}: proposed {c.text} ({c.kind}) as a figure, {why}")
    s.misses = tuple(misses)
    return s


def names() -> list[str]:
    """The annotated articles."""
    return sorted(p.stem for p in FIXTURES.glob("*.yml"))


def totals() -> tuple[dict[str, Score], Score]:
    """Per-article scores and their sum."""
    per = {n: score(n) for n in names()}
    total = Score()
    for s in per.values():
        total.add(s)
    return per, total


def test_there_are_enough_varied_articles() -> None:
    assert len(names()) >= 6
    for n in names():
        assert (FIXTURES / f"{n}.txt").exists(), n


def test_recall_and_precision_on_unseen_articles() -> None:
    _, t = totals()
    assert t.figures >= 100, "the annotations should hold enough figures to measure"
    assert t.found / t.figures >= RECALL_MIN, "\n".join(t.misses)
    assert t.right / t.proposed >= PRECISION_MIN, "\n".join(t.misses)


def test_annotations_are_well_formed() -> None:
    qualifiers = {"exact", "more_than", "nearly", "about", "at_least", "at_most"}
    from sitegen.check.extract import KINDS, SHOWN_ROLES
    for n in names():
        for note in yaml.safe_load((FIXTURES / f"{n}.yml").read_text(encoding="utf-8")):
            assert note["qualifier"] in qualifiers and note["kind"] in (*KINDS, *SHOWN_ROLES), (n, note)
            assert str(note["text"]) in (FIXTURES / f"{n}.txt").read_text(encoding="utf-8"), (n, note)


def main() -> None:
    """Print recall, precision and kind accuracy per article and in total."""
    per, t = totals()
    for n, s in [*per.items(), ("TOTAL", t)]:
        print(f"{n:<24} figures {s.figures:>3}  recall {s.found}/{s.figures} = {s.found / max(s.figures, 1):6.1%}  "
              f"precision {s.right}/{s.proposed} = {s.right / max(s.proposed, 1):6.1%}  "
              f"kind right {s.kind_right}/{s.found}")
    for m in t.misses:
        print("  " + m)


if __name__ == "__main__":
    main()
