"""Every place the built site shows a figure, as Places (check/proof.py), from what read/published.py read of the
published files: the pages' data-fig elements, the chart pictures' texts, the long image's runs, the downloads.
A from→to pair (41% → 68%) is a place of both figures: the later one's, and, before its arrow, the earlier one's.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..numbers import writing
from ..read.published import SvgText, read_downloads, read_long_image, read_pages, read_svg
from ..render.typography import typeset_text
from .figures import FIG_REF
from .proof import Place

NUMERAL = re.compile(r"[0-9零〇一二两三四五六七八九十百千万亿]"
                     r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)


def page_where(slug: str) -> str:
    return "/" if slug == "index" else f"{slug}/"


def pages_places(site: Path, lang: str) -> tuple[list[Place], list]:
    """(every data-fig element of the language's pages as a Place, the pages' other visible texts)."""
    places, texts = [], []
    for page in read_pages(site, lang):
        texts += page.texts
        places += [Place(p.figure, lang, page_where(p.page), p.kind, p.text, p.context, p.before)
                   for p in page.places]
    return places, texts


def with_earlier(places: list[Place], earlier_of: dict[str, str]) -> list[Place]:
    """places, and for each that shows a from→to pair, a place of the earlier figure (earlier_of: later id -> the
    baseline's id): the text before the arrow."""
    out = []
    for p in places:
        out.append(p)
        if "→" in p.text and p.figure in earlier_of:
            out.append(Place(earlier_of[p.figure], p.lang, p.where, f"{p.kind} (earlier value)",
                             p.text.split("→", 1)[0].strip(), f"→ {p.context}"))
    return out


# ---- chart pictures --------------------------------------------------------------------------------------------

def chart_picture_places(site: Path, lang: str, chart, labels: dict[str, str]) -> list[Place]:
    """What a chart's picture (charts/<id>/chart.svg, the same drawing as its chart.png) shows of each figure: its
    row (by the picture's data-figure marks where it has them, else by the row's label) and the figures named in its
    title. labels: figure id -> its label in this language."""
    path = site / lang / "charts" / chart.id / "chart.svg"
    if not path.is_file():
        return []
    title, texts = read_svg(path)
    where = f"charts/{chart.id}/chart.svg"
    rows, out = lines(texts), []
    for fid in chart.figures:   # the rows are drawn in the chart's order: each found after the one before
        place, rows = row_place(texts, rows, fid, labels.get(fid, ""), lang, where)
        out.append(place)
    return out + title_places(visible_title(texts, title, lang), chart.title[lang], lang, where)


def lines(texts: list[SvgText]) -> list[list[SvgText]]:
    """The picture's texts by line (one baseline), top to bottom."""
    by_y: dict[float, list[SvgText]] = {}
    for t in texts:
        by_y.setdefault(round(t.y), []).append(t)
    return [by_y[y] for y in sorted(by_y)]


def row_place(texts: list[SvgText], rows: list, fid: str, label: str, lang: str, where: str) -> tuple[Place, list]:
    """(the figure's row in the picture, the lines after it)."""
    marked = [t for t in texts if t.figure == fid]
    if marked:   # a picture whose texts name their figure (data-figure)
        shown = [t.text for t in marked if t.role != "label"]
        return Place(fid, lang, where, "chart picture", " ".join(shown), " ".join(t.text for t in marked)), rows
    for n, line in enumerate(rows):
        named = [t for t in line if label and names(t.text, label)]
        if named and len(line) > 1:
            rest = " ".join(t.text for t in line if t not in named)
            return Place(fid, lang, where, "chart picture", rest, " ".join(t.text for t in line)), rows[n + 1:]
    return Place(fid, lang, where, "chart picture", "", f"no row labelled ‘{label}’ in the picture"), rows


def names(text: str, label: str) -> bool:
    """A picture's text is a row's label: the label (with its role's mark after it), or its start cut short (…)."""
    cut = text.rstrip("….").rstrip()
    return text.startswith(label) or (cut != text and len(cut) >= 2 and label.startswith(cut))


def visible_title(texts: list[SvgText], title: str, lang: str) -> str:
    """The chart's title as the picture draws it: its title lines joined (by their class, or their size: the
    largest text under the site's name), else the picture's <title>."""
    lines_ = [t.text for t in texts if t.role == "title"]
    if not lines_ and len(texts) > 1:
        size = max(t.size for t in texts[1:])
        lines_ = [t.text for t in texts[1:] if t.size == size]
    joined = (" " if writing(lang).spaced else "").join(lines_)
    return joined or title


def title_places(title: str, template: str, lang: str, where: str) -> list[Place]:
    """The figures a title names ({id}), each as the title shows it: the text between the words the editor wrote
    around its reference."""
    refs = FIG_REF.findall(template)
    literal = [typeset_text(w, lang) for w in FIG_REF.split(template)[::2]]   # the editor's words, set as shown
    out, at = [], 0
    if not title.startswith(literal[0].strip()):
        return [Place(fid, lang, where, "chart picture title", "", f"title not as written: {title}") for fid in refs]
    at = len(literal[0].strip()) if literal[0].strip() else 0
    for n, fid in enumerate(refs):
        nxt = literal[n + 1].strip()
        end = title.find(nxt, at + 1) if nxt else len(title)
        while end >= 0 and nxt and not NUMERAL.search(title[at:end]):   # the editor's words may recur in the figure
            end = title.find(nxt, end + 1)
        if end < 0:
            out.append(Place(fid, lang, where, "chart picture title", "", f"title cut short: {title}"))
            continue
        out.append(Place(fid, lang, where, "chart picture title", title[at:end].strip(), title, title[:at].strip()))
        at = end + len(nxt)
    return out


# ---- the long image and the downloads --------------------------------------------------------------------------

def long_image_places(site: Path, lang: str, explainer_slug: str) -> list[Place]:
    """Each figure the long image shows (longimage.json): its runs on one baseline joined, in its section (the
    heading above it) with its label (the text under it)."""
    path = site / lang / explainer_slug / "longimage.json"
    if not path.is_file():
        return []
    sep = " " if writing(lang).spaced else ""
    runs, out, section = read_long_image(path), [], ""
    where = f"{explainer_slug}/longimage.png"
    i = 0
    while i < len(runs):
        r = runs[i]
        if r.get("role") in ("h2", "star"):
            section = r["text"] if r["role"] == "h2" else f"{section.split(' · ')[0]} · {r['text']}"
        if not r.get("figure"):
            i += 1
            continue
        j = i
        while j < len(runs) and runs[j].get("figure") == r["figure"] and runs[j]["y"] == r["y"]:
            j += 1
        label = runs[j]["text"] if j < len(runs) and runs[j].get("role") == "label" else ""
        shown = re.sub(r"\s+%", "%", sep.join(x["text"] for x in runs[i:j]))
        out.append(Place(r["figure"], lang, where, "long image", shown, f"{section} · {label}"))
        i = j
    return out


def download_places(site: Path, lang: str, t: dict) -> list[Place]:
    """Each figure's record in figures.csv and figures.json, as the cells a reader of the download gets."""
    folder = site / lang
    if not (folder / "figures.csv").is_file():
        return []
    rows, records = read_downloads(folder)
    out = []
    for name, table in (("figures.csv", rows), ("figures.json", records)):
        for row in table:
            cells = (("value", str(row.get(t["figure_number"], ""))), ("qualifier", row.get(t["figure_qualifier"], "")),
                     ("role", row.get(t["figure_role"], "")))
            out.append(Place(str(row.get(t["figure_id"], "")), lang, name, "download",
                             str(row.get(t["figure_display"], "")), f"{cells[1][1]} · {cells[2][1]}", "", cells))
    return out
