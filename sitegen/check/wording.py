"""Checks on every text an editor writes around a figure reference, in every language: the translations' {37条}
and the titles, captions and relations' {figure_id}.

- A qualifier typed beside a reference says it twice, or says what the article does not: the reference writes the
  article's own qualifier (超过{p2_10} would publish 超过超过20万元; 'about {1.2万亩}' 'about about 12,000 mu'), and
  an exact figure is not to be qualified. Chinese writes its qualifiers before (超过, 近, 约) and after (以上, 余,
  左右) the number; English before it.
- A number typed by hand: only a year or a date that the figures file lists as no figure, in a paragraph the text
  draws from, may be written as it is (到2025年底). A number is one whatever its digits (typed_numbers): any
  Unicode decimal digit (3, ３, Arabic-Indic ٣, Devanagari ३ …), a superscript or subscript (², ₃), a circled,
  parenthesised or Roman numeral (①, ⑴, Ⅻ), a vulgar fraction (½) and, in a language other than Chinese, a
  Chinese numeral (三, 两, 万). The one exception is a unit's power, ² or ³ right after m (m², km², cm³): a unit
  the editor names ("per km²"), never a quantity; the generator itself writes m² only into the numbers it formats.
"""
from __future__ import annotations

import re
import unicodedata

from ..numbers import QUALIFIER_EN, QUALIFIER_ZH_AFTER, QUALIFIER_ZH_BEFORE, WRITING
from ..problems import Problems, excerpt

# Chinese qualifier words beside a reference; 上 and 过 qualify only a bare magnitude (上千人) and are left out
ZH_BEFORE = tuple(sorted({w for ws in QUALIFIER_ZH_BEFORE.values() for w in ws if w not in ("上", "过")},
                         key=len, reverse=True))
ZH_AFTER = tuple(sorted({w for ws in QUALIFIER_ZH_AFTER.values() for w in ws}, key=len, reverse=True))
# Chinese numerals, a number in any language but Chinese (in Chinese they are also words: 一些, 三农)
CJK_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟萬億兩廿卅")
UNIT_POWER = re.compile(r"(?:^|(?<=[^A-Za-z])|(?<=[kcdm]))m[²³]")  # m², km², cm³: a unit, no quantity


def ascii_digits(run: str) -> str:
    """A run of decimal digits (and . , ．) with every digit as 0-9 (٢٠٢٥ -> 2025), so it compares with a year."""
    return "".join(str(unicodedata.decimal(ch)) if unicodedata.decimal(ch, None) is not None else
                   "." if ch == "．" else ch for ch in run)


def typed_numbers(text: str, lang: str) -> list[tuple[int, int, str]]:
    """(start, end, normal form) of each number in text, whatever its digits: a run of decimal digits of any
    script (with . , ． between digits; normal form in 0-9), each run of other characters with a numeric value (²,
    ①, Ⅻ, ½; not the power of a unit, m²) and, where lang is not Chinese, each run of Chinese numerals."""
    powers = {m.end() - 1 for m in UNIT_POWER.finditer(text)}
    out, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if unicodedata.decimal(ch, None) is not None:
            j = i + 1
            while j < n and (unicodedata.decimal(text[j], None) is not None or text[j] in ".,．" and j + 1 < n
                             and unicodedata.decimal(text[j + 1], None) is not None):
                j += 1
            out.append((i, j, ascii_digits(text[i:j])))
            i = j
            continue
        if lang != "zh" and ch in CJK_NUMERALS:
            j = i + 1
            while j < n and text[j] in CJK_NUMERALS:
                j += 1
            out.append((i, j, text[i:j]))
            i = j
            continue
        j = i
        while j < n and j not in powers and not is_cjk(text[j]) and unicodedata.numeric(text[j], None) is not None:
            j += 1  # ²⁰²⁴, ①②: one number of such characters
        if j > i:
            out.append((i, j, text[i:j]))
        i = max(j, i + 1)
    return out


def is_cjk(ch: str) -> bool:
    """A CJK ideograph (some have a numeric value as a financial form: 参 is 3); numerals are CJK_NUMERALS."""
    return unicodedata.name(ch, "").startswith("CJK ")


def qualifier_beside(text: str, start: int, end: int, lang: str, qualified: bool) -> str:
    """The qualifier word typed right before text[start:end] (or, in Chinese, right after it), or ''. English words
    with other senses ('over five years') count only beside a figure that has a qualifier of its own."""
    before = text[:start].rstrip()
    if lang == "zh":
        after = text[end:].lstrip()
        word = next((w for w in ZH_BEFORE if before.endswith(w)), "")
        if len(word) == 1 and word_before(before):   # 最近 or 附近, not 近
            word = ""
        return word or next((w for w in ZH_AFTER if after.startswith(w)), "")
    setting = WRITING.get(lang)
    if setting is None:
        return ""
    low = before.lower()
    words = setting.approximators + (setting.loose_approximators if qualified else ())
    return next((w for w in words if low.endswith(w) and not low[: -len(w)][-1:].isalpha()), "")


def word_before(before: str) -> bool:
    """The one-character qualifier at the end of before belongs to a longer word (最近, 签约)."""
    from ..segment import inside_word

    return inside_word(before + "1", len(before) - 1)


def check_doubled(text: str, refs: list, lang: str, line: int, what: str, where: str, problems: Problems) -> None:
    """refs: (start, end, figure) of each reference in text. No qualifier typed beside any of them."""
    for start, end, f in refs:
        if f is None:
            continue
        word = qualifier_beside(text, start, end, lang, f.qualifier != "exact")
        if not word:
            continue
        shown = text[start:end]
        if f.qualifier != "exact":
            own = f"'{QUALIFIER_EN[f.qualifier]}'" if lang != "zh" else "the article's own qualifier"
            typed = f"'{word} {shown}'" if lang != "zh" else f"'{word}' beside {shown}"
            problems.add(where, line, f"{what}: {typed} says it twice: the reference already writes {own} "
                         f"({f.text} in the article)", f"remove '{word}'")
        else:
            problems.add(where, line, f"{what}: '{word}' qualifies {shown}, which the article states exactly",
                         f"remove '{word}'; if the article does qualify it, give the figure its qualifier in "
                         "figures.yml")


# a mark twice ('one..', '。。'), or two that end one sentence ('。，'); 'Co., Ltd.' and an ellipsis are fine
DOUBLED_MARK = re.compile(r"(?<!\.)\.\.(?!\.)|([,;:!?。，；：！？、])\1|。[.，,]|\.。|[，,][。.]")


def check_marks(text: str, line: int, what: str, where: str, problems: Problems) -> None:
    """No mark typed twice or two marks that end one sentence ('one..', '。。', '，。'); an ellipsis (... ……) is
    one mark."""
    for m in DOUBLED_MARK.finditer(text):
        problems.warn(where, line, f"{what}: {m.group(0)!r} in {excerpt(text, m.start(), m.end())!r} is a mark "
                      "typed twice", "keep one")


def check_typed(text: str, bare: str, allowed: set, line: int, what: str, where: str, problems: Problems,
                hint: str, lang: str = "zh") -> None:
    """No number typed by hand in text (bare: the same text, its references blanked; typed_numbers: in any digits),
    but a year or date of `allowed` (the digits of listed non-figures, in 0-9)."""
    if "TODO:" in text:  # a draft's placeholder is reported as such (read/content.py): one problem, not two
        return
    for start, end, normal in typed_numbers(bare, lang):
        if normal in allowed:
            continue
        problems.add(where, line, f"{what}: the number {text[start:end]} is typed by hand in "
                     f"{excerpt(text, start, end)!r}", hint)
        return


CODE = re.compile(r"[A-Za-z][0-9０-９]+|[0-9０-９]+[A-Za-z]")   # A4, G20, 5G: a name, not a quantity


def check_short_texts(c, figs, problems: Problems) -> None:
    """A figure's label and a page's title and description state no number of their own: a number typed there has no
    figure behind it, says the same in no other language and escapes every check of the figures. Allowed: the digits
    of what the figures file lists as no figure (a name such as 12345, a year) and codes such as A4."""
    from ..problems import shown

    allowed = {normal for n in figs.not_figures for _, _, normal in typed_numbers(str(n["text"]), "en")}
    hint = ("name the number in words the figure's own tile or sentence gives, or leave it out; a year or a name "
            "may be written where the figures file lists it as no figure")
    where = shown(c.root / "figures.yml")
    for f in figs.figures:
        for lang, text in f.label.items():
            check_typed(text, codes_blanked(text), allowed, f.line_of("label"), f"figure {f.id}: label ({lang})",
                        where, problems, hint, lang)
    for pages in c.pages.values():
        for p in pages.values():
            for key in ("title", "description"):
                text = getattr(p, key) or ""
                check_typed(text, codes_blanked(text), allowed, p.lines.get(key, 1), f"page {p.lang}/{p.slug}: {key}",
                            p.path, problems, hint, p.lang)


def codes_blanked(text: str) -> str:
    """text with its codes (A4, G20) blanked, at the same offsets."""
    return CODE.sub(lambda m: " " * len(m.group()), text)
