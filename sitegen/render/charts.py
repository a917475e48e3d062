"""chart_context: one chart of figures.yml -> what its template draws (bars, parts, icons or tiles, table,
Plotly JSON)."""
from __future__ import annotations

import json

from ..numbers import chart_value


def unit_order(uid: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Seed units in reading order: p2 < p2-1 < p2-10 < p10 ('s1', 'title' and the like sort by their kind)."""
    return uid[:1], [(0, int(x), "") if x.isdigit() else (1, 0, x) for x in uid[1:].split("-")]


FONT = "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, Noto Sans SC, system-ui, sans-serif"


LIVE_KINDS = ("bar", "parts")  # the chart kinds Plotly makes interactive (icons and tiles show all they have)
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
    figs = [renderer.figs[fid] for fid in chart.figures]
    rows = [figure_row(f, renderer, lang) for f in figs]
    if chart.kind == "bar":
        top = max((r["plot"] for r in rows), default=0) or 1
        for r in rows:
            r["width"] = round(100 * r["plot"] / top, 2)
    elif chart.kind == "parts":
        total, parts = rows[0], rows[1:]
        left = 0.0
        for n, r in enumerate(parts):
            r["opacity"] = SHADES[min(n, len(SHADES) - 1)]
            r["x"] = round(left, 2)
            r["width"] = round(100 * r["plot"] / (total["plot"] or 1), 2)
            left += r["width"]
    elif chart.kind == "icons":
        for r in rows:
            r["count"] = int(r["value"])
    sources = sorted({r["unit_id"] for r in rows}, key=unit_order)
    marks = rows[1:] if chart.kind == "parts" else rows
    live = chart.kind in LIVE_KINDS
    return {"id": chart.id, "kind": chart.kind, "title": renderer.editorial(chart.title[lang], lang),
            "heading": renderer.editorial(chart.title[lang], lang, cls=""),   # its own page's <h1>: set plain
            "caption": renderer.editorial(chart.caption[lang], lang),
            "rows": rows, "total": rows[0] if chart.kind == "parts" else None, "parts": marks, "sources": sources,
            "json": cached_json(renderer.memo, marks, lang) if live else ""}


def figure_row(f, renderer, lang: str) -> dict:
    """One figure as a chart shows it: label, value with its qualifier, colour, icon, plotted number."""
    view = renderer.figure_view(f, lang)
    star = renderer.c.star(f.group) if f.group else None
    note = view["role_note"]  # a chart of targets says so on every bar: it is never read as achieved
    label = f.label[lang] + ((f"（{note}）" if lang == "zh" else f" ({note.lower()})") if note else "")
    return {"id": f.id, "label": label, "display": view["prose"], "colour": view["colour"],
            "plot": chart_value(f.value, f.style, lang), "value": f.value, "unit": view["unit"],
            "unit_id": f.unit_id, "group": f.group, "opacity": 1.0, "width": 100.0, "x": 0.0,
            "view": view, "icon": renderer.icons.get(star.icon, "") if star else ""}


def cached_json(memo, rows: list[dict], lang: str) -> str:
    """plotly_json through the renderer's memo (the build's .cache/, by content): building Plotly figures is the
    slow part of rendering."""
    keep = [{k: r[k] for k in ("label", "display", "colour", "opacity")} for r in rows]
    key = json.dumps([keep, lang], ensure_ascii=False, sort_keys=True)  # + charts.py, plotly: cache.PRODUCERS
    return memo("chart", key, lambda: plotly_json(keep, lang).encode("utf-8")).decode("utf-8")
