"""chart_context: one chart of figures.yml -> what its template draws (static bars, table, Plotly JSON)."""
from __future__ import annotations

import json
import textwrap

from .numbers import chart_axis, chart_value

def unit_order(uid: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Seed units in reading order: p2 < p2-1 < p2-10 < p10 ('s1', 'title' and the like sort by their kind)."""
    return uid[:1], [(0, int(x), "") if x.isdigit() else (1, 0, x) for x in uid[1:].split("-")]


FONT = "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, Noto Sans SC, system-ui, sans-serif"


def wrap_label(label: str, lang: str) -> str:
    """Break a long axis label so it fits a 360 px screen (Plotly uses <br>)."""
    width = 9 if lang == "zh" else 18
    if lang == "zh":
        return "<br>".join(label[i:i + width] for i in range(0, len(label), width))
    return "<br>".join(textwrap.wrap(label, width)) or label


def plotly_json(rows: list[dict], lang: str, title: str, axis: str) -> str:
    """A horizontal bar chart as Plotly JSON (deterministic: sorted keys, no random ids)."""
    import plotly.graph_objects as go  # imported only when a chart is not in the cache: it is slow to load

    axis = axis or unit_axis(rows)
    fig = go.Figure(go.Bar(
        x=[r["plot"] for r in rows],
        y=[wrap_label(r["label"], lang) for r in rows],
        orientation="h",
        marker={"color": [r["colour"] for r in rows]},
        text=[r["short"] for r in rows],
        textposition="outside",
        textangle=0,
        hovertext=[f"{r['label']}: {r['display']}" for r in rows],
        hoverinfo="text",
        cliponaxis=False,
    ))
    fig.update_layout(
        title=None, showlegend=False, autosize=True,
        height=90 + 56 * len(rows),
        margin={"l": 8, "r": 16, "t": 8, "b": 40},
        font={"family": FONT, "size": 13, "color": "#1f1f1f"},
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
        # room on the right for the value written outside the longest bar
        xaxis={"title": {"text": axis}, "range": [0, 1.28 * max([r["plot"] for r in rows] or [1])],
               "gridcolor": "#e3e3e3", "fixedrange": True},
        yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
        bargap=0.35,
    )
    return json.dumps(fig.to_plotly_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def unit_axis(rows: list[dict]) -> str:
    """The common unit of a chart's rows, as its axis title ('' when they differ)."""
    units = {r["unit"] for r in rows}
    return units.pop() if len(units) == 1 else ""


def chart_context(chart, renderer, lang: str) -> dict:
    """Rows, table, sources and Plotly JSON of one chart, in one language. Every value carries its qualifier
    (bar label, hover, table); no total is added up: a sum is a derived figure of figures.yml or nothing."""
    figs = [renderer.figs[fid] for fid in chart.figures]
    plots = [chart_value(f.value, f.style, lang) for f in figs]
    top = max(plots, default=0) or 1
    rows = []
    for f, plot in zip(figs, plots):
        view = renderer.figure_view(f, lang)
        # the bar's label is the whole figure, unit included: 1.05亿元 and 800万元 share one axis
        rows.append({"id": f.id, "label": f.label[lang], "display": view["prose"], "short": view["prose"],
                     "colour": view["colour"], "width": round(100 * plot / top, 1), "plot": plot, "unit": view["unit"],
                     "unit_id": f.unit_id, "group": f.group})
    axis = chart_axis(figs[0].style, lang) if figs else ""
    sources = sorted({r["unit_id"] for r in rows}, key=unit_order)
    return {"id": chart.id, "kind": chart.kind, "title": renderer.editorial(chart.title[lang], lang),
            "caption": renderer.editorial(chart.caption[lang], lang),
            "rows": rows, "sources": sources,
            "json": cached_json(renderer.cache, rows, lang, chart.title[lang], axis)}


def cached_json(cache, rows: list[dict], lang: str, title: str, axis: str) -> str:
    """plotly_json, kept by content hash: building Plotly figures is the slow part of rendering."""
    from .cache import cached

    key = json.dumps([rows, lang, title, axis], ensure_ascii=False, sort_keys=True)  # + charts.py, plotly: cache.PRODUCERS
    return cached(cache, "chart", key, lambda: plotly_json(rows, lang, title, axis).encode("utf-8")).decode("utf-8")
