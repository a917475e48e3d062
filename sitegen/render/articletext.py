"""The article's text as pages show it: a unit of the seed with its figures marked where the article states them,
a translation with its {…} references written from the figure data and the glossary's glosses, editorial text with
{figure_id} written from the data; and the figures in words (a formula, a date, a group's name). The Renderer
(render/pages.py) has these as its methods."""
from __future__ import annotations

import re
from html import escape

from ..check.figures import REF
from ..numbers import format_en
from ..typography import zh_punctuation
from .figureview import en_prose, figure_view, zh_prose, zh_shown


class ArticleText:
    """Needs self.r (the Report), self.c (its content), self.figs (figures by id), self.cands (the seed's numbers
    by paragraph and text)."""

    # ---- text of the article -------------------------------------------------------------
    def unit_html(self, uid: str, lang: str, gloss: bool = False) -> str:
        """One unit's text, escaped, numbers marked (zh as written; other languages from the data); with gloss, a
        translation marks the glossary's gloss after each glossed term (a page keeps the first: first_glosses)."""
        if lang == self.c.source_lang:
            return self.mark_source(uid)
        text = self.c.translations[lang][uid].text
        out, last = [], 0
        for m in REF.finditer(text):
            out.append(escape(text[last:m.start()]))
            out.append(self.ref_html(uid, m.group(1), lang))
            last = m.end()
        out.append(escape(text[last:]))
        html = sentence_case("".join(out))
        return self.glossed(html, uid) if gloss else html

    def glossed(self, html: str, uid: str) -> str:
        """A translated unit with the glossary's gloss after its mention of each glossed term that its Chinese
        holds, marked with the term's number; the page keeps the first of each (first_glosses)."""
        for n, g in enumerate(self.c.glossary):
            if not g.get("gloss") or g["zh"] not in self.r.units.get(uid, ""):
                continue
            at = next((html.lower().find(escape(f).lower()) for f in [g["en"], *g["also"]]
                       if escape(f).lower() in html.lower()), -1)
            if at < 0:
                continue
            end = at + len(next(escape(f) for f in [g["en"], *g["also"]] if escape(f).lower() in html.lower()))
            closing = next((q for q in ("&quot;", "&#x27;", "”", "’") if html.startswith(q, end)), "")
            end += len(closing)      # after the term's closing quotation mark: "Three Zeros" (…)
            html = f'{html[:end]} <span class="gloss" data-gloss="{n}">({escape(g["gloss"])})</span>{html[end:]}'
        return html

    def unit_paras(self, uid: str, lang: str, gloss: bool = False) -> list[str]:
        """A unit's text as paragraphs: a translation may break a long unit where the Chinese runs on (a
        blank line in its text, a line break once YAML has folded it); the Chinese is always one."""
        if lang == self.c.source_lang:
            return [self.unit_html(uid, lang)]
        html = self.unit_html(uid, lang, gloss)
        # a folded scalar (>-) keeps a blank line as one line break; a literal one (|) as two, and its single
        # breaks are only the editor's line ends
        parts = re.split(r"\n\s*\n", html) if "\n\n" in html else html.split("\n")
        return [" ".join(p.split("\n")) for p in parts if p.strip()] or [""]

    def ref_html(self, uid: str, ref: str, lang: str) -> str:
        """A {…} reference of a translation, written from the figure data."""
        fig = next((f for f in self.r.figures.in_unit(uid) if f.text == ref), None)
        if fig:
            return f'<span class="fig" data-fig="{fig.id}">{escape(en_prose(fig))}</span>'
        x = self.cands[uid][ref]
        style = self.c.style_of(x.unit) or "count"
        return escape(format_en(x.value, style, x.qualifier, value_max=x.value_max))

    def display_zh(self, text: str) -> str:
        """Seed text as readers see it (article.yml's punctuation; same length, so positions carry over)."""
        return zh_punctuation(text) if self.c.punctuation == "full-width" else text

    def mark_source(self, uid: str) -> str:
        """The source text with each figure wrapped (data-fig: its id), found at its quote in the seed as written."""
        seed = self.r.units[uid]
        text = self.display_zh(seed)
        spans = []
        for f in self.r.figures.in_unit(uid):
            q = seed.find(f.quote)
            if q >= 0:
                start = q + f.quote.index(f.text)
                before, _, after = zh_shown(f)
                # the mark covers the qualifier words the article writes around the number (近3000户)
                a = start - len(before) if before and text[:start].endswith(before) else start
                b = start + len(f.text)
                b += len(after) if after and text.startswith(after, b) else 0
                spans.append((a, b, f.id))
        out, last = [], 0
        for a, b, fid in sorted(spans):
            if a < last:   # two figures of one text (the first, by id, marks it)
                continue
            out += [escape(text[last:a]), f'<span class="fig" data-fig="{fid}">{escape(text[a:b])}</span>']
            last = b
        out.append(escape(text[last:]))
        return "".join(out).replace("\n", "<br>\n")  # a signature's lines (article.is_signature)

    def editorial(self, text: str, lang: str, cls: str = "fig") -> str:
        """Editorial text with {figure_id} written from the data, escaped; each figure in a span of its id (data-fig),
        of class cls (fig: set as a figure; '' where the text is set plain)."""
        from ..check.figures import FIG_REF

        attr = f' class="{cls}"' if cls else ""

        def one(m):
            f = self.figs[m.group(1)]
            shown = zh_prose(f) if lang == "zh" else en_prose(f)
            return f'<span{attr} data-fig="{f.id}">{escape(shown)}</span>'
        out, last = [], 0
        for m in FIG_REF.finditer(text):
            out += [escape(text[last:m.start()]), one(m)]
            last = m.end()
        return sentence_case("".join(out) + escape(text[last:]))

    # ---- figures ------------------------------------------------------------------------
    def figure_view(self, f, lang: str) -> dict:
        """What tiles, tables, charts, cards and downloads show of a figure (render/figureview.py)."""
        return figure_view(self, f, lang)

    def formula_words(self, d, lang: str, marked: bool = False) -> str:
        """How a derived figure is computed, in words: '2000万元 + 800万元' / 'CNY 20 million + CNY 8 million';
        marked: as HTML, each part in a span of its figure's id (data-fig)."""
        parts = [self.figure_view(self.figs[p], lang)["prose"] for p in d.parts]
        if marked:
            parts = [f'<span class="formula-part" data-fig="{p}">{escape(s)}</span>' for p, s in zip(d.parts, parts,
                                                                                                       strict=True)]
        if d.op == "ratio":
            return f"{parts[0]} ÷ {parts[1]} × 100%"
        return " + ".join(parts)

    def date_shown(self, day, lang: str) -> str:
        """A date as the language writes it (strings.yml date_format: 2026年11月28日, November 28, 2026)."""
        return day.strftime(self.strings[lang]["date_format"]) if lang in self.strings else day.isoformat()

    def any_figure(self, fid: str):
        """A stated figure or a derived one, by id."""
        return self.figs.get(fid) or next(d for d in self.r.figures.derived if d.id == fid)

    def correction_of(self, f, lang: str = "") -> dict | None:
        """The editorial edit that changed this figure's text since first publication, if any."""
        for n, e in enumerate(self.c.edits, start=1):
            if e.unit == f.unit_id and f.text in e.new and f.text not in e.old:
                return {"n": n, "date": self.date_shown(e.date, lang)}
        return None

    def group_colour(self, group: str) -> str:
        star = self.c.star(group) if group else None
        return star.colour if star else "#595959"

    def group_name(self, group: str, lang: str) -> str:
        star = self.c.star(group)
        if star:
            return star.names[lang] + self.c.meta[lang]["star_suffix"]
        area = next(a for a in self.r.figures.areas if a["id"] == group)
        return area[lang]


# A figure's words at the start of a sentence ("one hall", "more than 3,000", "nearly 100"): the build wrote them,
# so it capitalises them there (the editor's own words are left as written).
SENTENCE_START_FIG = re.compile(r'(^|[.!?。！？]\s+|\n\s*)(<span[^>]* data-fig="[^"]*">)([a-z])')


GLOSS = re.compile(r' <span class="gloss" data-gloss="(\d+)">(.*?)</span>')


def first_glosses(html: str) -> str:
    """A page with each glossary term's gloss at its first mention only (in reading order)."""
    seen: set[str] = set()

    def keep(m: re.Match) -> str:
        if m.group(1) in seen:
            return ""
        seen.add(m.group(1))
        return f' <span class="gloss">{m.group(2)}</span>'
    return GLOSS.sub(keep, html)


def sentence_case(html: str) -> str:
    """html with a figure's first letter capitalised where it begins a sentence."""
    return SENTENCE_START_FIG.sub(lambda m: m.group(1) + m.group(2) + m.group(3).upper(), html)

