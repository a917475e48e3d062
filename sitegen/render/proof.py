"""The proof sheet of a report: one printable HTML file (templates/proof.html) that puts, for each figure, its source
sentence with the number marked, its meaning, and every place the built site shows it — page, tile, chart, chart
picture, share card, long image, download — as shown there, Chinese and English side by side, each disagreement
flagged (check/proof.py); then the numbers on the site that no figure stands behind (check/unbacked.py).

Everything but the share cards is read from the built site (check/places.py); the share cards are PNGs, so what
they show is taken from the same specs they are drawn from (Renderer.share_spec, the 一图读懂 model).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import jinja2

from ..check.proof import SENTENCES, Place, expect, figure_flags, place_flags
from ..numbers import writing
from ..registry import PAGE_TYPES
from .figureview import zh_shown

MISSING = "—"


def share_card_places(renderer, explainers: list[tuple]) -> list[Place]:
    """The figures each share card (share.png) shows, as drawn from its spec: a page's headline figure; on the home
    page's card each star's headline, on the 一图读懂's too (the long image in small); on a chart page's its chart's
    rows; on the root page's (../share.png) the report's headline in each language."""
    from .pictures import card_model, chart_picture_spec, root_card_spec, star_figures

    out = []
    for lang in renderer.c.languages:
        sep = " " if writing(lang).spaced else ""
        for page in renderer.ordered(lang):
            where = ("" if page.slug == "index" else f"{page.slug}/") + "share.png"
            card = PAGE_TYPES[page.template].card
            model = card_model(renderer, page, explainers) if card == "long image" else None
            if model is not None:   # as render/longcard.py draws it: each star's headline, else the report's
                stars = [g for g in model["groups"] if g["kind"] == "star"]
                out += [Place(s["headline"]["id"], lang, where, "share card", s["headline"]["shown"],
                              f"{s['name']} · {s['headline']['label']}") for s in stars]
                if not stars and model["headline"]:
                    h = model["headline"]
                    out.append(Place(h["id"], lang, where, "share card", h["shown"], h["label"]))
            elif card == "stars" and renderer.c.stars:
                out += [Place(s["id"], lang, where, "share card", tile_text(s, sep), f"{s['name']} · {s['label']}")
                        for s in star_figures(renderer, lang)]
            elif card == "chart":
                out += [Place(r["id"], lang, where, "share card", r["display"], r["label"])
                        for r in chart_picture_spec(renderer, page)["rows"]]
            elif card in ("page", "stars") and renderer.headline(page):
                spec = renderer.share_spec(page)
                text = sep.join(x for x in (spec["number"], spec["unit"]) if x)
                out.append(Place(renderer.headline(page)["id"], lang, where, "share card", text,
                                 f"{spec['kicker']} · {spec['label']}"))
    for entry in root_card_spec(renderer)["languages"]:
        head = entry["headline"]
        if head:
            sep = " " if writing(entry["lang"]).spaced else ""
            out.append(Place(head["id"], entry["lang"], "../share.png", "share card", tile_text(head, sep),
                             head["label"]))
    return out


def tile_text(f: dict, sep: str) -> str:
    """A figure as a card sets it (qualifier, number, unit), as one text."""
    return sep.join(x for x in (f["before"], f["number"], f["rest"]) if x)


@dataclass
class Row:
    """One line of a figure's table: the places (kind -> where) that show the same in each language, and that."""

    places: dict                       # kind -> [where, …] ('chart' -> ['industry/', 'charts/industry_counts/'])
    cells: dict                        # lang -> {"html": …, "flags": […], "warn": bool}
    flagged: bool = False

    def place_list(self) -> list[tuple[str, str]]:
        """(kind, 'industry/, charts/x/') of each kind of place of the row (a place twice on one page: ×2)."""
        def counted(wheres):
            return ", ".join(w + (f" ×{wheres.count(w)}" if wheres.count(w) > 1 else "") for w in dict.fromkeys(wheres))
        return [(kind, counted(wheres)) for kind, wheres in self.places.items()]


@dataclass
class Entry:
    """One figure on the sheet."""

    id: str
    group: str
    labels: dict
    meaning: str
    source: str
    quote_html: str
    flags: list
    rows: list = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.flags) or any(r.flagged for r in self.rows)


def marked_quote(renderer, f) -> str:
    """The figure's sentence with its number (and the qualifier words written with it) in <mark>."""
    quote = renderer.display_zh(f.quote)
    before, text, after = zh_shown(f)
    at = quote.find(text)
    if at < 0:
        return escape(quote)
    a = at - len(before) if before and quote[:at].endswith(before) else at
    b = at + len(text) + (len(after) if after and quote.startswith(after, at + len(text)) else 0)
    return f"{escape(quote[:a])}<mark>{escape(quote[a:b])}</mark>{escape(quote[b:])}"


WINDOW = {False: 14, True: 40}   # the words shown around a figure in a sentence: characters (zh), or of English


def shown_html(p: Place, flagged: bool) -> str:
    """What a place shows: a figure in words with the words around it (the figure in bold), else the figure (with the
    words around it where it is flagged: its label, its mark)."""
    if p.kind in SENTENCES or p.kind == "derived formula":
        ctx, n = p.context, WINDOW[writing(p.lang).spaced]
        at = ctx.find(p.text, max(0, len(p.before) - 2)) if p.text else -1
        if at >= 0:
            end = at + len(p.text)
            return (f"{'…' if at > n else ''}{escape(ctx[max(0, at - n):at])}<b>{escape(p.text)}</b>"
                    f"{escape(ctx[end:end + n])}{'…' if end + n < len(ctx) else ''}")
    body = f"<b>{escape(p.text)}</b>" if p.text else MISSING
    around = p.context.replace(p.text, "", 1).strip() if p.text else p.context
    return body + (f' <span class="ctx">{escape(around)}</span>' if flagged and around else "")


def pair_rows(places: list[Place], langs: list[str], e, source_lang: str) -> list[Row]:
    """The places of one figure as rows: the n-th place of a kind on a page (or picture, or file) in each language
    side by side; the places that show the same in every language joined into one row (a figure in words: of its
    kind only, as the words around it differ)."""
    keyed: dict[tuple, dict] = {}
    seen: dict[tuple, int] = {}
    for p in places:
        n = seen[(p.lang, p.where, p.kind)] = seen.get((p.lang, p.where, p.kind), -1) + 1
        keyed.setdefault((p.where, p.kind, n), {})[p.lang] = p
    rows: dict[tuple, Row] = {}
    for (where, kind, _), by_lang in keyed.items():
        cells = {}
        for lang in langs:
            p = by_lang.get(lang)
            if p is None:
                cells[lang] = {"html": MISSING, "flags": [f"not shown in this language ({', '.join(by_lang)} only)"],
                               "warn": True}
                continue
            flags = place_flags(p, e, article_text=p.kind == "sentence" and lang == source_lang)
            cells[lang] = {"html": shown_html(p, bool(flags)), "flags": flags, "warn": False}
        words = kind in SENTENCES or kind == "derived formula"
        sig = (kind if words else "", tuple((c["html"], tuple(c["flags"])) for c in cells.values()))
        row = rows.setdefault(sig, Row({}, cells, any(c["flags"] and not c["warn"] for c in cells.values())))
        row.places.setdefault(kind, []).append(where)
    return list(rows.values())


def meaning(f) -> str:
    """A figure's meaning in a few words: role, qualifier, kind (and a baseline's later figure, a change's sign)."""
    parts = [getattr(f, "role", "result"), f.qualifier, f.kind]
    if getattr(f, "to", ""):
        parts.append(f"→ {f.to}")
    if getattr(f, "sign", ""):
        parts.append(f"sign {f.sign}")
    if f.derived:
        parts.insert(0, "derived")
    return " · ".join(parts)


def article_order(renderer):
    """The figures by group (the stars, then the areas), each group in the order the article gives them; the derived
    figures last."""
    units = list(renderer.r.article.segments())
    groups = [s.id for s in renderer.c.stars] + [a["id"] for a in renderer.r.figures.areas]

    def key(f):
        unit = renderer.r.units.get(f.unit_id, "")
        group = groups.index(f.group) if f.group in groups else len(groups)
        return group, units.index(f.unit_id) if f.unit_id in units else len(units), unit.find(f.quote)

    return sorted(renderer.r.figures.figures, key=key) + list(renderer.r.figures.derived)


def proof_model(renderer, places: list[Place], unbacked: list, paths) -> dict:
    """Everything the sheet shows."""
    langs = list(renderer.c.languages)
    source = renderer.c.source_lang
    by_fig: dict[str, list[Place]] = {}
    for p in places:
        by_fig.setdefault(p.figure, []).append(p)
    entries = []
    for f in article_order(renderer):
        e = expect(f)
        rows = pair_rows(by_fig.pop(f.id, []), langs, e, source)
        flags = figure_flags(f, renderer.r) + [f"shown nowhere in {lang}" for lang in langs
                                               if not any(r.cells[lang]["html"] != MISSING for r in rows)]
        group = renderer.group_name(f.group, source) if f.group else renderer.strings[source]["derived"]
        t = renderer.strings[source]
        entries.append(Entry(f.id, group, {lang: f.label[lang] for lang in langs}, meaning(f),
                             f"{t['source']} ¶{f.unit_id}" if f.unit_id else t["derived"],
                             marked_quote(renderer, f) if f.quote else escape(renderer.formula_words(f, source)),
                             flags, rows))
    stray = [p for ps in by_fig.values() for p in ps]   # places naming no figure of figures.yml
    meta = renderer.c.meta
    return {"title": " / ".join(meta[lang]["site_name"] for lang in langs), "langs": langs, "entries": entries,
            "content": str(paths.content.name), "site": str(paths.site), "url": renderer.site_url,
            "updated": renderer.c.last_updated, "made": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "stray": stray, "unbacked": unbacked, "places": len(places), "notes": editor_notes(renderer),
            "flagged": [x for x in entries if x.flagged],
            "flags": sum(len(x.flags) + sum(len(c["flags"]) for r in x.rows for c in r.cells.values())
                         for x in entries)}


def editor_notes(renderer) -> list[dict]:
    """The editors' working notes on the seed (article.yml stray, credit_notes): on the sheet, never on the site."""
    c, langs = renderer.c, renderer.c.languages
    notes = [{"quote": s["text"], "text": {lang: s[lang] for lang in langs}} for s in c.stray]
    notes += [{"quote": renderer.r.units.get(n["id"], ""), "text": {lang: n[lang] for lang in langs}}
              for n in c.credit_notes]
    return notes


def render_sheet(templates: Path, model: dict) -> str:
    """The sheet as one self-contained HTML file (templates/proof.html: its styles inline, no external resource)."""
    from .templates import TemplateLoader  # read as every template is (read/files.py)

    env = jinja2.Environment(loader=TemplateLoader(templates, templates), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("proof.html").render(m=model)
