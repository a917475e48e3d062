"""validate_content: cross-checks between site_src/, the seed and the figures (every problem, with lines)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..icons import icon_names
from ..problems import Problems, excerpt, shown
from ..read.article import Article
from ..read.content import PLACEHOLDER, Content, Directive, source_hash
from ..read.yamlsrc import closest
from ..registry import BLOCKS
from .extract import extract_candidates
from .figures import REF, Figures
from .meaning import HEADLINE_ROLES, role_refusal
from .wording import check_doubled, check_marks, check_short_texts, typed_numbers

DIRECTIVES = {name: block.args for name, block in BLOCKS.items()}  # name -> which arguments it takes
STAR_BLOCKS = tuple(name for name, block in BLOCKS.items() if block.needs_stars)  # refused in a report without stars


@dataclass
class Report:
    """Everything the renderer needs, validated."""

    content: Content
    article: Article
    figures: Figures
    units: dict       # source-language unit id -> text (after editorial edits)
    candidates: list  # every number of those units (sitegen.extract), found once per build


def apply_edits(c: Content, article: Article, problems: Problems) -> dict:
    """The seed's units with the recorded editorial edits applied."""
    units = {k: s.text for k, s in article.segments().items()}
    where = shown(c.root / "article.yml")
    for e in c.edits:
        if e.unit not in units:
            problems.add(where, e.line, f"edit names unknown unit {e.unit!r}", closest(e.unit, units))
        elif e.old not in units[e.unit]:
            problems.add(where, e.line, f"edit: the text to replace is not in unit {e.unit}", f"from: {e.old!r}")
        else:
            units[e.unit] = units[e.unit].replace(e.old, e.new, 1)
    return units


def validate_report(c: Content, article: Article, figs: Figures, problems: Problems,
                    figures_ok: bool = True) -> Report:
    """Run every cross-check; return the model the renderer uses."""
    units = apply_edits(c, article, problems)
    candidates = extract_candidates(list(units.items()))
    if not figures_ok:  # checks that need the figures would only repeat that the file is unreadable
        check_pages(c, units, figs, problems)
        return Report(c, article, figs, units, candidates)
    check_stars(c, figs, units, problems)
    check_approach(c, units, problems)
    check_pages(c, units, figs, problems)
    for lang in c.languages[1:]:
        if lang in c.translations:  # an unreadable translation file is reported alone, not as every unit missing
            check_translation(c, lang, units, candidates, figs, problems)
    check_glossary(c, units, problems)
    check_avoided_terms(c, figs, problems)
    check_short_texts(c, figs, problems)
    check_photos(c, article, problems)
    check_descriptions(c, problems)
    return Report(c, article, figs, units, candidates)


def check_descriptions(c: Content, problems: Problems) -> None:
    """Each page's description is its own: a link preview that repeats another page's says nothing (a warning)."""
    for _lang, pages in c.pages.items():
        seen: dict[str, object] = {}
        for slug in sorted(pages):
            page = pages[slug]
            key = " ".join(page.description.split()).casefold()
            if PLACEHOLDER in key.upper():  # a draft's placeholder: reported as not filled in, not as a repeat
                continue
            first = seen.setdefault(key, page)
            if first is not page:
                problems.warn(page.path, page.lines.get("description", 0),
                              f"page '{slug}' has the same description as page '{first.slug}'",
                              "write one or two sentences about this page: link previews and search results show it")


def check_stars(c: Content, figs: Figures, units: dict, problems: Problems) -> None:
    """Each star's unit, headline figure and icon exist, ids unique; each icon a figure names exists."""
    where = shown(c.root / "report.yml")
    by_id = figs.by_id()
    seen = set()
    icons = icon_names()
    for f in figs.figures:
        if f.icon and f.icon not in icons:
            problems.add(shown(c.root / "figures.yml"), f.line_of("icon"), f"figure {f.id}: unknown icon {f.icon!r}",
                         closest(f.icon, icons) or "one of: " + ", ".join(sorted(icons)))
    for s in c.stars:
        if s.icon and s.icon not in icons:
            problems.add(where, s.line, f"star {s.id}: unknown icon {s.icon!r}",
                         closest(s.icon, icons) or "one of: " + ", ".join(sorted(icons)))
        if s.id in seen:
            problems.add(where, s.line, f"star id {s.id!r} is used twice")
        seen.add(s.id)
        if s.segment not in units:
            problems.add(where, s.line, f"star {s.id}: segment {s.segment!r} is not a unit of the seed",
                         closest(s.segment, units))
        derived = {d.id for d in figs.derived}
        if s.headline in derived:  # a star's tile shows what the article states; a computed sum is overview-only
            problems.add(where, s.line, f"star {s.id}: headline figure {s.headline!r} is a derived figure, which the "
                         "article does not state", "give the star one of its own stated figures")
        elif s.headline not in by_id and s.headline not in figs.invalid:  # an invalid one is reported in figures.yml
            problems.add(where, s.line, f"star {s.id}: headline figure {s.headline!r} is not in figures.yml",
                         closest(s.headline, by_id))
        elif s.headline in by_id and by_id[s.headline].group != s.id:
            problems.add(where, s.line, f"star {s.id}: headline figure {s.headline!r} belongs to "
                         f"{by_id[s.headline].group!r}")
        elif s.headline in by_id and (why := role_refusal([by_id[s.headline]], HEADLINE_ROLES, "a headline states "
                                                          "what the article reports done")):
            problems.add(where, s.line, f"star {s.id}: {why}", "give the star one of its stated results")


def check_approach(c: Content, units: dict, problems: Problems) -> None:
    """The approach items are quoted word for word from their unit."""
    if not c.approach:
        return
    where = shown(c.root / "report.yml")
    text = units.get(c.approach["source"])
    if text is None:
        problems.add(where, c.approach["line"], f"approach source {c.approach['source']!r} is not a unit of the seed")
        return
    for item in c.approach["items"]:
        if item["zh"] not in text:
            problems.add(where, item["line"], f"approach item is not in the seed unit {c.approach['source']}",
                         f"zh: {item['zh']!r}")


def check_figure_blocks(c: Content, page, figs: Figures, problems: Problems) -> None:
    """A '::: overview' (the "key figures" heading and table) in a report with no figure at all would publish a
    heading with nothing under it: refused, as '::: stars' without stars is."""
    if c.figures_data is None or figs.figures or figs.derived:  # unreadable figures.yml: reported as such
        return
    for d in page.parts:
        if isinstance(d, Directive) and d.name == "overview":
            problems.add(page.path, d.line, "'::: overview' lists the figures, but figures.yml has none",
                         "remove the block (an article with no numbers needs no overview page), or add the "
                         "figures the article states")


def check_pages(c: Content, units: dict | None, figs: Figures, problems: Problems) -> None:
    """Every page in every language, same template and same directives; directive arguments exist.

    units None: report.yml or the seed could not be read; what depends on them (units, stars, nav,
    anchors) is not checked, everything else is, so one broken file does not hide other problems."""
    slugs = c.slugs
    groups = {s.id for s in c.stars} | {a["id"] for a in figs.areas}
    src = c.source_lang
    for slug in sorted(slugs):
        versions = {lang: c.pages.get(lang, {}).get(slug) for lang in c.languages}
        present = {lang: p for lang, p in versions.items() if p}
        for lang, p in versions.items():
            if p is None and (lang, slug) not in c.broken_pages:
                other = next(iter(present.values()))
                problems.add(shown(c.root / "pages" / lang / f"{slug}.md"), 0,
                             f"page '{slug}' exists in {other.lang} ({other.path}) but not in {lang}",
                             "every page must exist in every language, with the same file name")
        for p in present.values():
            check_page_directives(c, p, units, groups, slugs, problems)
            check_figure_blocks(c, p, figs, problems)
        base = present.get(src) or next(iter(present.values()))
        for p in present.values():
            if p is base:
                continue
            if p.template != base.template or p.star != base.star:
                problems.add(p.path, p.lines.get("star", p.lines.get("template", 1)),
                             f"template/star differ from {base.path} ({p.template}/{p.star} vs "
                             f"{base.template}/{base.star})")
            mine = [d for d in p.parts if isinstance(d, Directive)]
            theirs = [d for d in base.parts if isinstance(d, Directive)]
            if [(d.name, d.args) for d in mine] != [(d.name, d.args) for d in theirs]:
                k = next((i for i, (a, b) in enumerate(zip(mine, theirs, strict=False))
                          if (a.name, a.args) != (b.name, b.args)),
                         min(len(mine), len(theirs)))
                line = mine[k].line if k < len(mine) else (mine[-1].line if mine else 1)
                other = f"{base.path}:{theirs[k].line} has '::: {theirs[k].name} {' '.join(theirs[k].args)}'" \
                    if k < len(theirs) else f"{base.path} has no more blocks"
                problems.add(p.path, line, f"the page's ::: blocks differ from {base.path}",
                             f"{other}; both languages must show the same blocks in the same order")
    if units is None:
        check_links(c, figs, None, slugs, problems)
        return
    where = shown(c.root / "report.yml")
    for slug in c.nav:
        if slug not in slugs:
            problems.add(where, c.nav_line, f"nav names page '{slug}', which does not exist", closest(slug, slugs))
    hidden = {p.slug for pages in c.pages.values() for p in pages.values() if not p.menu}
    for slug in sorted(slugs - set(c.nav) - hidden):
        problems.add(where, c.nav_line, f"page '{slug}' is not in nav",
                     "add it to nav in report.yml, or set menu: false")
    check_links(c, figs, units, slugs, problems)
    src_pages = c.pages.get(c.source_lang, {})
    if src_pages and not any(p.template == "search" for p in src_pages.values()):
        problems.add(shown(c.root / "pages" / c.source_lang), 0, "there is no search page",
                     "every page's search box sends its query to search/: add pages/<lang>/search.md with "
                     "template: search and menu: false")
    if "index" not in slugs and slugs:
        problems.add(shown(c.root / "pages"), 0, "there is no home page (index.md)")


LINK_ATTR = re.compile(r'<(a|img)\b[^>]*?\b(href|src)="([^"]*)"')
UNDEFINED_REF = re.compile(r"\[([^\[\]\n]+)\]\[([^\[\]\n]*)\]")  # left as text: no [ref]: definition
AUTOLINK = re.compile(r"<((?:https?:|mailto:)[^<>\s]+)>")


def check_links(c: Content, figs: Figures, units: dict, slugs: set, problems: Problems) -> None:
    """Every link of the page Markdown, in any form Markdown has (inline, titled, reference-style), goes to a
    page that exists and to an anchor that exists there; a reference without a definition is reported."""
    anchors = None if units is None else set(units) | {f.id for f in figs.figures} \
        | {f"chart-{ch.id}" for ch in figs.charts} \
        | {f"group-{g}" for g in {s.id for s in c.stars} | {a["id"] for a in figs.areas}} \
        | {f"correction-{n}" for n in range(1, len(c.edits) + 1)}
    for pages in c.pages.values():
        for page in pages.values():
            for part in page.parts:
                if not isinstance(part, Directive):
                    check_part_links(part, page, slugs, anchors, problems)


def check_part_links(part, page, slugs: set, anchors: set, problems: Problems) -> None:
    """The links of one Markdown chunk, as Python-Markdown renders them (so no link form is missed)."""
    from html import unescape

    from ..read.content import md_html_raw

    lines = part.split("\n")
    first = getattr(part, "line", 0)

    def line_of(*needles: str) -> int:
        k = next((k for k, ln in enumerate(lines) if any(n in ln for n in needles)), 0)
        return first + k

    html = md_html_raw(part)
    for tag, _, raw in LINK_ATTR.findall(html):
        target = unescape(raw)
        if tag == "img" and re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
            problem = (f"image from {target!r}: pages load nothing from another host",
                       "put the image in site_src/photos/ and show it with a photos block")
        else:
            problem = link_problem(target, page.slug, slugs, anchors)
        if problem:
            problems.add(page.path, line_of(f"({target}", f"( {target}", f"]: {target}", target), *problem)
    for m in UNDEFINED_REF.finditer(re.sub(r"<code>.*?</code>", "", html, flags=re.S)):
        text, ref = unescape(m.group(1)), unescape(m.group(2)) or unescape(m.group(1))
        problems.add(page.path, line_of(m.group(0), f"][{m.group(2)}]"),
                     f"link [{text}][{m.group(2)}]: the reference [{ref}] is defined nowhere",
                     f"add a line '[{ref}]: ../page/' to the page, or write [{text}](../page/)")
    for k, ln in enumerate(lines):
        for url in AUTOLINK.findall(ln):
            problems.add(page.path, first + k, f"<{url}> is shown as text, not as a link (HTML is not allowed)",
                         f"write it as [text]({url})")


def link_problem(target: str, here: str, slugs: set, anchors: set | None) -> tuple[str, str] | None:
    """Why a Markdown link target does not resolve (None when it does, or when it leaves the site)."""
    if re.match(r"^(https?:|mailto:)", target):
        return None
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
        return (f"link to {target!r}: only http(s) and mailto links may leave the site", "")
    path, _, frag = target.partition("#")
    if path.startswith("/"):
        return (f"link to {target!r}: use a relative link such as ../overview/", "")
    slug = here
    if path:
        parts = [p for p in path.split("/") if p not in ("", ".")]
        parts = parts[1:] if here != "index" and parts and parts[0] == ".." else parts
        slug = parts[0] if parts else "index"
        if slug.endswith(".md"):
            slug = slug[:-3]
        if slug not in slugs or len(parts) > 1:
            return (f"link to a page that does not exist: {target!r}", closest(slug, slugs))
    if frag and anchors is not None and frag not in anchors:
        return (f"link to an anchor that does not exist: {target!r}", closest(frag, anchors))
    return None


def check_page_directives(c: Content, page, units: dict, groups: set, slugs: set, problems: Problems) -> None:
    """Known ::: names, with arguments that exist, each shown once on the page."""
    if units is not None and page.template == "star" and not c.star(page.star or "") and c.stars_read:
        if page.star is None:
            problems.add(page.path, 1, "a star page names no star", "star: <a star id of report.yml>")
        else:
            problems.add(page.path, page.lines.get("star", 1), f"unknown star {page.star!r}",
                         closest(page.star, [s.id for s in c.stars]))
    shown_at: dict = {}  # a unit, or a block with its arguments, already on the page -> its line
    for d in page.parts:
        if not isinstance(d, Directive):
            continue
        things = [("unit", a) for a in d.args] if DIRECTIVES.get(d.name) == "units" else [(d.name, tuple(d.args))]
        for thing in things:
            if thing in shown_at:
                what = f"unit {thing[1]}" if thing[0] == "unit" else f"'::: {' '.join([d.name, *d.args])}'"
                problems.add(page.path, d.line, f"{what} is already on this page (line {shown_at[thing]})",
                             "each unit and block once: a page shows every number once, and its ids are unique")
            shown_at.setdefault(thing, d.line)
    for d in page.parts:
        if not isinstance(d, Directive):
            continue
        kind = DIRECTIVES.get(d.name)
        # a published "five stars" heading with nothing under it; not when report.yml itself is unreadable
        if d.name in STAR_BLOCKS and not c.stars and c.stars_read:
            problems.add(page.path, d.line, f"'::: {d.name}' shows the stars, but report.yml lists none",
                         "list the stars under stars: in report.yml, or remove this block (a report without "
                         "stars: see the editors' guide, 'An article whose sections are not stars')")
            continue
        if kind is None:
            problems.add(page.path, d.line, f"unknown block '::: {d.name}'", closest(d.name, DIRECTIVES))
            continue
        if units is None:  # the seed or report.yml is unreadable: arguments are not checked
            continue
        if kind == "units":
            for a in d.args:
                if a not in units:
                    problems.add(page.path, d.line, f"'{a}' is not a unit of the seed", closest(a, units))
        elif kind == "group":
            if len(d.args) != 1 or (d.args[0] not in groups and c.stars_read):
                problems.add(page.path, d.line, f"'::: {d.name}' needs one star or area id",
                             closest(" ".join(d.args), groups))
        elif kind == "page":
            if len(d.args) != 1 or d.args[0] not in slugs:
                problems.add(page.path, d.line, f"'::: {d.name}' needs one page slug", closest(" ".join(d.args), slugs))
        elif d.args:
            problems.add(page.path, d.line, f"'::: {d.name}' takes no arguments")


# The ids the article reader gives paragraphs and their points (p3, p3-2): only these may be broken into
# several paragraphs by a blank line in a translation.
PARAGRAPH_UNIT = re.compile(r"p\d+(?:-\d+)?")


def check_translation(c: Content, lang: str, units: dict, candidates: list, figs: Figures,
                      problems: Problems) -> None:
    """Complete, current, and with every figure referenced (numbers come from the data, never typed)."""
    trans = c.translations.get(lang, {})
    where = shown(c.root / "translations" / f"{lang}.yml")
    cands = {}
    for x in candidates:
        cands.setdefault(x.paragraph, set()).add(x.text)
    for uid, text in units.items():
        t = trans.get(uid)
        if t is None:
            problems.add(where, 0, f"unit {uid} has no {lang} translation", f"source: {text[:40]!r}")
            continue
        if PLACEHOLDER in (t.text or ""):  # its line is reported as a placeholder: one problem, not two
            continue
        if not t.text or t.text.startswith("TODO"):
            problems.add(where, t.line, f"unit {uid} is not translated yet")
            continue
        if t.src != source_hash(text):
            problems.add(where, t.line, f"the translation of {uid} is stale: its source text changed since it was "
                         f"reviewed" if t.src else f"the translation of {uid} has no src (source hash)",
                         f"review it against the source, then run: .venv/bin/python build.py{c.build_args} "
                         f"stamp {lang} {uid}")
        check_refs(uid, t, text, cands.get(uid, set()), figs, where, problems, lang)
        check_qualified_refs(uid, t, figs, lang, where, problems)
        if "\n" in t.text.strip("\n") and not PARAGRAPH_UNIT.fullmatch(uid):
            problems.add(where, t.line, f"unit {uid}: a blank line splits a paragraph in two, and {uid} is not a "
                         "paragraph (a title, heading, caption or credit is one line)",
                         "remove the blank line from its text")
    for uid, t in trans.items():
        if uid not in units:
            problems.add(where, t.line, f"{uid!r} is not a unit of the seed", closest(uid, units))


def check_refs(uid: str, t, source: str, cands: set, figs: Figures, where: str, problems: Problems,
               lang: str = "en") -> None:
    """{…} references name numbers of the same unit; every figure of the unit is referenced; no typed digits."""
    refs = REF.findall(t.text)
    for r in refs:
        if r not in cands:
            problems.add(where, t.line, f"unit {uid}: {{{r}}} is not a number of this unit's source text",
                         closest(r, cands) or f"numbers here: {', '.join(sorted(cands)) or 'none'}")
    for f in figs.in_unit(uid):
        if f.text not in refs:
            problems.add(where, t.line, f"unit {uid}: figure {f.id} ({f.text}) is not referenced",
                         f"write {{{f.text}}} where the translation gives this number")
    # a listed non-figure's number (12345, 2025年, 一村一品) may be written as it is, in any digits
    allowed = {normal for n in figs.not_figures if n["unit"] == uid
               for _, _, normal in typed_numbers(n["text"], "en")}
    blanked = REF.sub(lambda m: " " * len(m.group(0)), t.text)  # same offsets, references blanked
    bare = [(a, b) for a, b, normal in typed_numbers(blanked, lang) if normal not in allowed]
    if bare:
        (first, end) = bare[0]
        problems.add(where, t.line, f"unit {uid}: number(s) typed by hand: {', '.join(t.text[a:b] for a, b in bare)}"
                     f" in {excerpt(t.text, first, end)!r}",
                     "write the number as a {…} reference to the Chinese text, e.g. {37条}")


def check_qualified_refs(uid: str, t, figs: Figures, lang: str, where: str, problems: Problems) -> None:
    """No qualifier typed beside a {…} reference: the reference writes the article's own ('about {1.2万亩}' would
    show 'about about 12,000 mu'), and one beside an exact figure says what the article does not (check/wording.py)."""
    by_text = {f.text: f for f in figs.in_unit(uid)}
    refs = [(m.start(), m.end(), by_text.get(m.group(1))) for m in REF.finditer(t.text)]
    check_doubled(t.text, refs, lang, t.line, f"unit {uid}", where, problems)
    check_marks(t.text, t.line, f"unit {uid}", where, problems)


def check_glossary(c: Content, units: dict, problems: Problems) -> None:
    """Each glossary term is rendered the same way wherever its zh occurs."""
    where = shown(c.root / "glossary.yml")
    seen = {}
    for g in c.glossary:
        if g["zh"] in seen:
            problems.add(where, g["line"], f"term {g['zh']!r} is listed twice (first at line {seen[g['zh']]})")
        seen.setdefault(g["zh"], g["line"])
    for lang in c.languages[1:]:
        trans = c.translations.get(lang, {})
        tpath = shown(c.root / "translations" / f"{lang}.yml")
        for uid, text in units.items():
            t = trans.get(uid)
            if t is None or not t.text or t.text.startswith("TODO"):  # reported as not translated yet
                continue
            low = t.text.lower()
            for g in c.glossary:
                forms = [g["en"], *g["also"]]
                if g["zh"] in text and not any(f.lower() in low for f in forms):
                    problems.add(tpath, t.line, f"unit {uid}: {g['zh']} must be translated as {g['en']!r}",
                                 f"glossary.yml line {g['line']}")


def english_texts(c: Content, figs: Figures):
    """(file, line, what, text) of every English text of the report an editor writes: translations, pages,
    figure labels, chart titles and captions, report details, star names and the approach."""
    lang = "en"
    if lang not in c.languages:
        return
    tpath = shown(c.root / "translations" / f"{lang}.yml")
    for uid, t in c.translations.get(lang, {}).items():
        yield tpath, t.line, f"unit {uid}", t.text
    for page in c.pages.get(lang, {}).values():
        yield page.path, page.lines.get("title", 1), f"page {page.slug} title", page.title
        yield page.path, page.lines.get("description", 1), f"page {page.slug} description", page.description
        for part in page.parts:
            if isinstance(part, str):
                yield page.path, 1, f"page {page.slug}", part
    fpath = shown(c.root / "figures.yml")
    for f in figs.figures:
        yield fpath, f.line, f"figure {f.id} label", f.label.get(lang, "")
    for ch in figs.charts:
        yield fpath, ch.line, f"chart {ch.id}", f"{ch.title.get(lang, '')}\n{ch.caption.get(lang, '')}"
    rpath = shown(c.root / "report.yml")
    for key, value in c.meta.get(lang, {}).items():
        if isinstance(value, str):
            yield rpath, c.meta_lines.get(lang, {}).get(key, 0), f"meta {key}", value
    suffix = c.meta.get(lang, {}).get("star_suffix", "")
    for star in c.stars:
        yield rpath, star.line, f"star {star.id}", star.names.get(lang, "") + suffix
    for item in (c.approach or {}).get("items", []):
        yield rpath, 0, "approach item", item.get(lang, "") if isinstance(item, dict) else ""


def check_avoided_terms(c: Content, figs: Figures, problems: Problems) -> None:
    """No English text uses a form the glossary says to avoid (one established term everywhere)."""
    avoid = [(a, g) for g in c.glossary for a in g.get("avoid", [])]
    if not avoid:
        return
    for path, line, what, text in english_texts(c, figs):
        low = (text or "").lower()
        for a, g in avoid:
            if a.lower() in low:
                problems.add(path, line, f"{what}: {a!r} is not the form this report uses; write {g['en']!r}",
                             f"glossary.yml line {g['line']} ({g['zh']})")


def check_photo_file(c: Content, p, where: str, problems: Problems) -> None:
    """A photo's file: inside the content folder's photos/, a JPEG, PNG or WebP image within the limits."""
    from ..read.photos import EXPORT_HINT, image_problem, photo_path

    folder = shown(c.root / "photos")
    f, why = photo_path(c.root / "photos", p.file)
    if f is None:
        problems.add(where, p.line, f"photo {p.caption}: file {p.file!r} {why}",
                     f"put the image inside {folder}/ and name it by its path there, e.g. 'market.jpg'")
    elif not f.exists():
        problems.warn(where, p.line, f"photo {p.caption}: {folder}/{p.file} not found; "
                      + MISSING_SAID[c.missing_photos])
    elif why := image_problem(f, c.root / "photos"):
        problems.add(where, p.line, f"photo {p.caption}: {folder}/{p.file} {why}", EXPORT_HINT)


# What the build did with a caption whose photo has no file, by article.yml's missing_photos.
MISSING_SAID = {"omit": "its caption is left out of the pages (missing_photos: omit)",
                "note": "its caption is listed in the note on photographs of the article page (missing_photos: note)"}


def check_photos(c: Content, article: Article, problems: Problems) -> None:
    """Each photo names a caption of the seed and a page; a missing image file is a warning."""
    where = shown(c.root / "article.yml")
    caption_ids = {b.id for b in article.captions}
    slugs = c.slugs
    for p in c.photos:
        if p.caption not in caption_ids:
            problems.add(where, p.line, f"photo: {p.caption!r} is not a caption of the seed",
                         closest(p.caption, caption_ids))
        if p.page not in slugs:
            problems.add(where, p.line, f"photo {p.caption}: page {p.page!r} does not exist", closest(p.page, slugs))
        if not p.file:
            problems.warn(where, p.line, f"photo {p.caption} has no image file: {MISSING_SAID[c.missing_photos]}",
                          f"put the image in {shown(c.root / 'photos')}/ and name it in 'file'")
        else:
            check_photo_file(c, p, where, problems)
    listed = {p.caption for p in c.photos}
    for b in article.captions:
        if b.id not in listed:
            problems.warn(str(article.path), b.line, f"caption {b.id} ({b.text}) is on no page",
                          "add it to photos in article.yml")
