"""Every hand-typed number is caught whatever its digits (issue 24, class 5): any Unicode decimal digit (Arabic-Indic
٣, Devanagari ३, full-width ３), superscripts and subscripts, circled, parenthesised and Roman numerals, fractions,
and Chinese numerals in a language other than Chinese, in the translations and in every editorial text (labels,
titles, descriptions, chart titles and captions). A unit's power after m (m², km²) is a unit, not a number."""
from __future__ import annotations

import re

import pytest

from conftest import build_here, tiny_tree

EN, FIGURES, INDEX_EN = "site_src/translations/en.yml", "site_src/figures.yml", "site_src/pages/en/index.md"
P2 = "Trained farmers' income rose by {4500元} per person."
TYPED = [
    ("Arabic-Indic digits", EN, P2, P2 + " It held ٣ meetings.", r"unit p2: number\(s\) typed by hand: ٣ in"),
    ("Devanagari digits", EN, P2, P2 + " It held ३० meetings.", r"unit p2: number\(s\) typed by hand: ३०"),
    ("a superscript", EN, P2, P2 + " Incomes grew ² fold.", r"unit p2: number\(s\) typed by hand: ²"),
    ("superscripts after a digitless word", EN, P2, P2 + " In year ²⁰²⁴.", r"typed by hand: ²⁰²⁴"),
    ("a subscript", EN, P2, P2 + " Phase ₂ began.", r"typed by hand: ₂"),
    ("circled numbers", EN, P2, P2 + " Steps ① and ② followed.", r"typed by hand: ①, ②"),
    ("circled numbers side by side", EN, P2, P2 + " Steps ①② followed.", r"typed by hand: ①②"),
    ("a Roman numeral", EN, P2, P2 + " Phase Ⅲ began.", r"typed by hand: Ⅲ"),
    ("a vulgar fraction", EN, P2, P2 + " Some ½ of them.", r"typed by hand: ½"),
    ("Chinese numerals in English", EN, P2, P2 + " It held 三 meetings with 两千 people.",
     r"typed by hand: 三, 两千"),
    ("full-width digits", EN, P2, P2 + " It held ３ meetings.", r"typed by hand: ３"),
    ("Arabic-Indic digits in an English label", FIGURES, "en: Households visited", "en: Households visited in ٣ towns",
     r"figure visit_households: label \(en\): the number ٣ is typed by hand"),
    ("a circled number in a Chinese label", FIGURES, "zh: 走访群众", "zh: 走访群众①",
     r"figure visit_households: label \(zh\): the number ① is typed by hand"),
    ("Chinese numerals in an English chart title", FIGURES, "en: Two investments", "en: 两 investments",
     r"chart visits_money title \(en\): the number 两 is typed by hand|the number 两 is typed by hand"),
    ("a superscript in a chart caption", FIGURES, "caption: {zh: 两笔投资。, en: Two investments.}",
     "caption: {zh: 两笔投资。, en: Two investments and ² more.}", r"the number ² is typed by hand"),
    ("Devanagari digits in a page title", INDEX_EN, "title: Home", "title: Home ३", r"index.md:2: page en/index: "
     r"title: the number ३ is typed by hand"),
]


@pytest.mark.parametrize("name,rel,old,new,expected", TYPED, ids=[c[0] for c in TYPED])
def test_a_number_typed_in_any_digits_is_caught(tmp_path, name, rel, old, new, expected):
    tree = tiny_tree(tmp_path / "p", {rel: (old, new)})
    proc = build_here(tree)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert re.search(expected, proc.stderr), proc.stderr[-3000:]
    assert proc.effects.lasting() == []


def test_units_and_chinese_words_are_no_numbers(tmp_path):
    """m² and km² after no number are units an editor names; Chinese numerals in Chinese are words (两笔投资)."""
    tree = tiny_tree(tmp_path / "p", {EN: (P2, P2 + " Land is measured per km² and per m²."),
                                      FIGURES: ("zh: 走访群众", "zh: 走访三村群众")})
    proc = build_here(tree)
    assert proc.returncode == 0, proc.stderr[-3000:]


def test_typed_numbers_reads_every_script():
    from sitegen.check.wording import typed_numbers

    found = typed_numbers("A ٢٠٢٥ B ३.५ C １２ D ² E km² F ③ G 三十 H 参", "en")
    assert [n for _, _, n in found] == ["2025", "3.5", "12", "²", "③", "三十"]
    assert [n for _, _, n in typed_numbers("走访三村 km² ٣", "zh")] == ["3"]
