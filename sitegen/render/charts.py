"""chart_context: one chart of figures.yml -> what its template draws (bars, parts, icons or tiles, table,
Plotly JSON)."""
from __future__ import annotations

import json

from ..icons import icon_of
from ..numbers import chart_value, writing
from ..registry import CHART_KINDS


def unit_order(uid: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Seed units in reading order: p2 < p2-1 < p2-10 < p10 ('s1', 'title' and the like sort by their kind)."""
    return uid[:1], [(0, int(x), "") if x.isdigit() else (1, 0, x) for x in uid[1:].split("-")]


FONT = "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, Noto Sans SC, system-ui, sans-serif"


SHADES = (1.0, 0.55, 0.3, 0.18)  # the parts of one total: one hue, lighter each part (the legend names them)


def plotly_json(rows: list[dict], lang: str) -> str:
    """The interactive layer of a bar or parts chart as Plotly JSON: one bar per row, its colour and its hover
    text. charts.js lays the bars exactly over the static chart's marks (x, y, base and width in pixels of the
    static chart), so Plotly adds hover and tap-to-highlight and changes nothing a reader already sees."""
    import plotly.graph_objects as go  # imported only when a chart is not in the cache: it is slow to load

    fig = go.Figure(go.Bar(
        orientation="h",
        marker={"color": [r["colour"] for r in rows], "opacity": [r["opacity"] for r in rows], "line": {"width": 0}},
        # the value alone: the label is already beside the bar, and a long label would not fit a phone's chart
        hovertext=[r["display"] for r in rows],
        hoverinfo="text", textposition="none", cliponaxis=False,
    ))
    fig.update_layout(
        title=None, showlegend=False, autosize=False, dragmode=False, hovermode="closest",
        margin={"l": 0, "r": 0, "t": 0, "b": 0, "pad": 0},
        font={"family": FONT, "size": 14, "color": "#1f1f1f"},
        hoverlabel={"font": {"family": FONT, "size": 14}, "bgcolor": "#fff", "bordercolor": "#595959"},
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
        xaxis={"visible": False, "fixedrange": True}, yaxis={"visible": False, "fixedrange": True},
        barmode="overlay",
    )
    return json.dumps(fig.to_plotly_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def chart_context(chart, renderer, lang: str) -> dict:
    """What one chart of figures.yml draws, in one language: its rows (one per figure, by kind), table, sources,
    and for bar and parts charts the Plotly JSON of the interactive layer. Every value carries its qualifier;
    no total is added up here: a parts chart draws a total the article states (a relation of figures.yml)."""
    kind = CHART_KINDS[chart.kind]
    rows = measure(kind.scale, [figure_row(renderer.figs[fid], renderer, lang) for fid in chart.figures])
    sources = sorted({r["unit_id"] for r in rows}, key=unit_order)
    marks = rows[1:] if kind.relation else rows
    return {"id": chart.id, "kind": chart.kind, "template": kind.template,
            "title": renderer.editorial(chart.title[lang], lang),
            "heading": renderer.editorial(chart.title[lang], lang, cls=""),   # its own page's <h1>: set plain
            "caption": renderer.editorial(chart.caption[lang], lang),
            "rows": rows, "total": rows[0] if kind.relation else None, "parts": marks, "sources": sources,
            "json": cached_json(renderer.memo, marks, lang) if kind.live else ""}


def measure(scale: str, rows: list[dict]) -> list[dict]:
    """The lengths a kind's marks draw (registry.py: ChartKind.scale), the same for the page and the picture:
    "largest", each row's width in % of the largest; "total", the parts after the first row (their total) side by
    side, each its x and width in % of the total, lighter each part; "count", one mark per thing counted."""
    if scale == "largest":
        top = max((r["plot"] for r in rows), default=0) or 1
        for r in rows:
            r["width"] = round(100 * r["plot"] / top, 2)
    elif scale == "total":
        total, parts = rows[0], rows[1:]
        left = 0.0
        for n, r in enumerate(parts):
            r["opacity"] = SHADES[min(n, len(SHADES) - 1)]
            r["x"] = round(left, 2)
            r["width"] = round(100 * r["plot"] / (total["plot"] or 1), 2)
            left += r["width"]
    elif scale == "count":
        for r in rows:
            r["count"] = int(r["value"])
    return rows


def figure_row(f, renderer, lang: str) -> dict:
    """One figure as a chart shows it: label, value with its qualifier, colour, the icon of what it counts, plotted
    number."""
    view = renderer.figure_view(f, lang)
    icon = "" if f.derived else icon_of(f)   # what it counts (sitegen/icons.py), never the star's emblem
    others = [x for x in renderer.c.languages if x != lang]
    other = renderer.figure_view(f, others[0]) if others else None
    note = view["role_note"]  # a chart of targets says so on every bar: it is never read as achieved
    label = f.label[lang] + ((f"（{note}）" if lang == "zh" else f" ({note.lower()})") if note else "")
    return {"id": f.id, "label": label, "display": view["prose"], "colour": view["colour"],
            "plot": chart_value(f.value, f.style, lang), "value": f.value, "unit": view["unit"],
            "unit_id": f.unit_id, "group": f.group, "opacity": 1.0, "width": 100.0, "x": 0.0,
            "view": view, "icon": renderer.icons.get(icon, "") if icon else "", "icon_name": icon,
            **figure_pieces(view, lang),
            "meaning": meaning_words(f, renderer.strings[lang]), "quote": marked(view["quote"], f.text),
            "other": {"lang": others[0], "prose": other["prose"], "label": other["label"]} if other else None}


def meaning_words(f, t: dict) -> str:
    """What a figure's qualifier and role say, in words of the page's language: 'Qualifier: about · Role: a target'."""
    return (f"{t['detail_qualifier']}{t['colon']}{t['qualifier_' + f.qualifier]}{t['detail_sep']}"
            f"{t['detail_role']}{t['colon']}{t['role_name_' + getattr(f, 'role', 'result')]}")


def marked(quote: str, text: str) -> tuple[str, str, str]:
    """The quote cut around the figure's text: (before, text, after)."""
    at = quote.find(text)
    return (quote, "", "") if at < 0 else (quote[:at], text, quote[at + len(text):])


def figure_pieces(view: dict, lang: str) -> dict:
    """A figure as a tile sets it, in three pieces on one baseline: the qualifier before (small; a result's earlier
    value too), the number (large, with its currency in English: 'CNY 20', a change's sign) and the unit with any
    qualifier after it (small); the three joined with the language's spaces are the figure as written ('more than
    3,000 copies', 近3000户)."""
    sep = " " if writing(lang).spaced else ""
    before = view["before"]
    if view.get("from"):  # a result with its earlier value: '41% → 68%'
        before = f"{view['from']['prose']} →" + (f" {before}" if before else "")
    number = sep.join(x for x in (view["prefix"], view.get("sign", "") + view["number"]) if x)  # a change: '+31.6'
    return {"before": before, "number": number, "rest": f"{view['unit']}{view['after']}"}


def cached_json(memo, rows: list[dict], lang: str) -> str:
    """plotly_json through the renderer's memo (the build's .cache/, by content): building Plotly figures is the
    slow part of rendering."""
    keep = [{k: r[k] for k in ("label", "display", "colour", "opacity")} for r in rows]
    key = json.dumps([keep, lang], ensure_ascii=False, sort_keys=True)  # + charts.py, plotly: cache.PRODUCERS
    return memo("chart", key, lambda: plotly_json(keep, lang).encode("utf-8")).decode("utf-8")
