"""A portal's pictures: each comparison as a chart picture (chart.png and chart.svg, 1200x630, as a report's chart
pages have) and a share card (share.png), drawn by the report charts' own bar drawing (render/chartcard.py) from the
rows the comparison page draws: the same values as each report writes them, the same lengths on one scale; and the
share card of each index page. Only values that share one scale are drawn: a report that does not state the
indicator is named under the bars ("not stated"), never drawn as a zero; a comparison whose values have no common
scale gets a card with its name and no bars. Pure: bytes from data."""
from __future__ import annotations

from .cards import card_png, layout_chart_card
from .chartcard import chart_png, chart_svg, layout_chart
from .draw.palette import BAND_RED
from .share import share_image


def picture_rows(c: dict) -> list[dict]:
    """The bars of a comparison (render/compare.py: comparison) as the bar drawing takes them: a row per report that
    states the indicator, labelled with its place."""
    return [{"id": r["slug"], "label": r["place"], "display": r["display"], "colour": BAND_RED, "width": r["bar"]}
            for r in c["rows"] if r["stated"] and "bar" in r]


def source_line(c: dict, p: dict, lang: str) -> str:
    """The picture's footer: where the values come from, that their periods differ (if they do), and the reports that
    do not state the indicator."""
    silent = [r["place"] for r in c["rows"] if not r["stated"]]
    line = p["picture_source"] + (p["picture_sep"] + p["picture_periods"] if c["periods_differ"] else "")
    if silent:
        line += p["picture_sep"] + p["not_stated"] + ("：" if lang == "zh" else ": ") + p["list_sep"].join(silent)
    return line


def comparison_pictures(c: dict, *, portal_title: str, name: str, address: str, p: dict, lang: str) -> dict:
    """chart.png, chart.svg and share.png of one comparison in one language (no chart picture when its values have
    no common scale or none states it: then the card names the comparison only)."""
    rows = picture_rows(c)
    if c["refused"] or not rows:
        card = share_image(site_name=portal_title, title=name, kicker=p["compare"], number="", unit="", label="",
                           accent=BAND_RED, lang=lang)
        return {"share.png": card}
    title = name
    laid = layout_chart(site_name=portal_title, title=title, rows=rows, source=source_line(c, p, lang),
                        address=address, lang=lang, picture="bar")
    card = layout_chart_card(site_name=portal_title, title=title, rows=rows, lang=lang, picture="bar",
                             accent=BAND_RED, kicker=p["compare"])
    return {"chart.png": chart_png(laid, {}), "chart.svg": chart_svg(laid, title, {}, lang).encode("utf-8"),
            "share.png": card_png(card, {})}


def index_card(*, portal_title: str, issuer: str, count: int, p: dict, lang: str) -> bytes:
    """An index page's share card: the portal's title, its issuer and how many reports it holds."""
    return share_image(site_name=issuer, title=portal_title, kicker=p["reports"], number=str(count),
                       unit=p["count_unit"], label=p["count_label"], accent=BAND_RED, lang=lang)


THUMB_W = 480  # an index entry's picture of its report's card: CSS width ~330 px on a phone


def thumbnail(card: bytes) -> bytes:
    """A report's share card made small for the index: 480 px wide, 64 colours (a card is flat colour and text),
    about 11 KB instead of the card's 25 KB. Deterministic bytes."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(card)) as im:
        small = im.convert("RGB").resize((THUMB_W, round(THUMB_W * im.height / im.width)), Image.LANCZOS)
    out = io.BytesIO()
    small.quantize(64).save(out, "PNG", optimize=True)
    return out.getvalue()
