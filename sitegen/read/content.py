"""read_content: everything in site_src/ -> a validated Content model (problems collected, not raised)."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import limits
from ..numbers import STYLES, unit_contradiction
from ..problems import Problems, shown
from ..registry import PAGE_TYPES
from .files import remembered
from .schema import Field, as_list, check_fields, check_text, short, type_ok
from .yamlsrc import LDict, closest, parse_yaml, read_source, read_yaml

DIRECTIVE = re.compile(r"^::: *([a-z]+)((?: +[^\s]+)*) *$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
RESERVED_SLUGS = {"pagefind": "the search index"}  # folders of <lang>/ that are no page's
ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
TEMPLATES = tuple(name for name, kind in PAGE_TYPES.items() if kind.written)  # the page types an editor writes

REPORT_FIELDS = {
    "seed": Field((str,), doc="path of the article, relative to the project"),
    "languages": Field((list,), doc="language codes; the first is the seed's"),
    "first_published": Field((dt.date,), doc="date the site first went out (YYYY-MM-DD)"),
    "last_updated": Field((dt.date,), doc="date of the last change of substance (YYYY-MM-DD)"),
    "meta": Field((dict,), doc="per language: site_name, place, date, publisher, source, credits, description, "
                               "stars_title, approach_title, star_suffix"),
    "nav": Field((list,), doc="page slugs in menu order"),
    "stars": Field((list,), doc="the stars, in display order"),
    "approach": Field((dict,), required=False, doc="a numbered approach quoted from the seed: source unit and items"),
    "headline": Field((str,), required=False, doc="the figure of the home, overview and summary pages and their "
                      "share cards: a figure id, or a derived id marked headline: true; none if absent"),
    "publish": Field((dict,), required=False,
                     doc="this report's own address and output folder (every report but mkdocs.yml's own)"),
    "registration": Field((dict,), required=False,
                          doc="the site's registration lines, when it has them: site_code (网站标识码), "
                              "icp (ICP备案号)"),
    "licence": Field((dict,), required=False,
                     doc="the licence of the site's own charts and data (name, url): shown on the about page, each "
                         "chart page and each chart picture; the article stays its authors'"),
}
LICENCE_FIELDS = {
    "name": short("its short name as readers know it: CC BY 4.0"),  # set on every chart picture
    "url": Field((str,), doc="the address of its text: https://creativecommons.org/licenses/by/4.0/"),
}
REGISTRATION_FIELDS = {
    "site_code": Field((str,), required=False, text=True, doc="网站标识码, as the government site register gives it"),
    "icp": Field((str,), required=False, text=True, doc="ICP备案号 (ICP filing number), shown in the footer"),
}
PUBLISH_FIELDS = {
    "site_url": Field((str,), doc="the address the site is published at, https://…/"),
    "output": Field((str,), required=False,
                    doc="the folder the site is built into, relative to the folder holding the content folder"),
}
META_FIELDS = {k: Field((str,), text=True) for k in ("publisher", "source", "credits", "description")}
META_FIELDS |= {k: short() for k in ("site_name", "place", "date", "stars_title", "star_suffix")}
META_FIELDS["approach_title"] = short("heading of the approach block, if there is one", required=False)
META_FIELDS["issuer"] = Field((str,), required=False, text=True,
                              doc="the body that issues the site (主办/发布单位); the build warns when it is missing")
META_FIELDS["contact"] = Field((str,), required=False, text=True,
                               doc="how readers reach the issuer (address, telephone, e-mail)")
META_FIELDS["period"] = short("the period the report covers, as the article states it (hero, footer)",
                              required=False)
STAR_FIELDS = {
    "id": Field((str,), doc="slug of the star's page"),
    "zh": short(), "en": short(),
    "colour": Field((str,), doc="#RRGGBB, the star's hue on cards, icons and charts"),
    "icon": Field((str,), doc="an icon name from templates/icons"),
    "segment": Field((str,), doc="the seed unit that tells this star's work"),
    "headline": Field((str,), doc="the figure shown on the star's card"),
}
APPROACH_FIELDS = {"source": Field((str,)), "items": Field((list,))}
APPROACH_ITEM = {"zh": Field((str,), doc="quoted word for word from the source unit"), "en": Field((str,), text=True)}
PAGE_FIELDS = {
    "title": short(), "template": Field((str,), doc="one of " + ", ".join(TEMPLATES)),
    "description": Field((str,), text=True, doc="one or two sentences for search engines and link previews"),
    "star": Field((str,), required=False, doc="for template star: the star's id"),
    "menu": Field((bool,), required=False, doc="false: a page reached otherwise (e.g. search), not in nav"),
}
UNIT_FIELDS = {"text": Field((str,), text=True, max=limits.LONG), "src": Field((str,), required=False,
                                                  doc="hash of the source text this translation was reviewed against")}
GLOSSARY_FIELDS = {"zh": Field((str,), max=limits.SHORT), "en": Field((str,), max=limits.SHORT),
                   "also": Field((list,), required=False),
                   "avoid": Field((list,), required=False,
                                  doc="English forms never to use anywhere in the English of the report"),
                   "gloss": Field((str,), required=False, text=True,
                                  doc="a short explanation the English pages add in brackets after the term's "
                                      "first mention on each page (a slogan such as \"Three Zeros\")"),
                   "note": Field((str,), required=False, text=True)}
ARTICLE_FIELDS = {"credit_roles": Field((list,)), "stray": Field((list,)),
                  "credit_notes": Field((list,), required=False),
                  "photos": Field((list,)), "edits": Field((list,)),
                  "missing_photos": Field((str,), required=False,
                                          doc="captions whose photo has no file: omit (not shown, the default) or "
                                              "note (listed in one note on the article page)"),
                  "punctuation": Field((str,), required=False,
                                       doc="full-width (the default): the seed's half-width , ( ) : ; ? ! between "
                                           "Chinese characters shown full-width; as-written: shown as in the seed")}
MISSING_PHOTOS = ("omit", "note")
PUNCTUATION = ("full-width", "as-written")
STRAY_FIELDS = {"text": Field((str,)), "zh": Field((str,), text=True), "en": Field((str,), text=True)}
NOTE_FIELDS = {"id": Field((str,)), "zh": Field((str,), text=True), "en": Field((str,), text=True)}
PHOTO_FIELDS = {"caption": Field((str,)), "file": Field((str,), required=False), "page": Field((str,))}
EDIT_FIELDS = {"unit": Field((str,)), "from": Field((str,), max=limits.LONG), "to": Field((str,), max=limits.LONG),
               "date": Field((dt.date,)),
               "zh": Field((str,), text=True, doc="why, in Chinese"),
               "en": Field((str,), text=True, doc="why, in English")}


def source_hash(text: str) -> str:
    """The fingerprint a translation keeps of the source text it was made from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class Star:
    id: str
    names: dict
    colour: str
    icon: str
    segment: str
    headline: str
    line: int


@dataclass(frozen=True)
class Directive:
    name: str
    args: tuple
    line: int


class Text(str):
    """A Markdown chunk of a page that remembers the line it starts on."""

    line: int = 0


def text_at(chunk: list[str], last_line: int) -> Text:
    """The chunk as Text, with the line of its first non-blank line."""
    t = Text("\n".join(chunk).strip("\n"))
    first = next((i for i, ln in enumerate(chunk) if ln.strip()), 0)
    t.line = last_line - len(chunk) + 1 + first
    return t


@dataclass(frozen=True)
class Page:
    slug: str
    lang: str
    path: str
    title: str
    template: str
    description: str
    star: str | None
    parts: tuple  # Markdown strings and Directives, in order
    menu: bool = True
    lines: dict = field(default_factory=dict)  # front-matter key -> line


@dataclass(frozen=True)
class Unit:
    id: str
    text: str
    src: str | None
    line: int


@dataclass(frozen=True)
class Photo:
    caption: str
    file: str | None
    page: str
    line: int


@dataclass(frozen=True)
class Edit:
    unit: str
    old: str
    new: str
    date: dt.date
    why: dict
    line: int


@dataclass
class Content:
    """Everything an editor controls, read and type-checked (cross-checks are in check/validate.py)."""

    root: Path
    seed: Path | None
    languages: list
    first_published: dt.date | None = None
    last_updated: dt.date | None = None
    meta: dict = field(default_factory=dict)
    meta_lines: dict = field(default_factory=dict)     # lang -> meta key -> line in report.yml
    languages_line: int = 0
    seed_line: int = 0        # the line of seed: in report.yml
    stars_read: bool = False  # report.yml was read and its stars (none, or a list) are known
    stars: list = field(default_factory=list)
    approach: dict | None = None
    publish: dict | None = None  # report.yml's publish: site_url, output and their lines
    publish_line: int = 0        # the line of publish: (1 without one; 0 when report.yml was not read)
    nav: list = field(default_factory=list)
    nav_line: int = 0
    headline: str = ""      # report.yml headline: a figure or derived id ('' = none)
    headline_line: int = 0
    broken_pages: set = field(default_factory=set)  # (lang, slug) whose file exists but could not be read
    pages: dict = field(default_factory=dict)          # lang -> slug -> Page
    translations: dict = field(default_factory=dict)   # lang -> unit id -> Unit
    glossary: list = field(default_factory=list)
    stray: list = field(default_factory=list)
    credit_roles: tuple = ()
    credit_notes: list = field(default_factory=list)
    photos: list = field(default_factory=list)
    missing_photos: str = "omit"
    punctuation: str = "full-width"
    registration: dict = field(default_factory=dict)
    licence: dict = field(default_factory=dict)  # report.yml's licence of the charts and data: name, url
    edits: list = field(default_factory=list)
    figures_data: dict = field(default_factory=dict)   # raw figures.yml, read by check/figures.py
    units: dict = field(default_factory=dict)          # unit -> style, of units.yml (measure words the model lacks)
    build_args: str = ""  # what a command in a hint adds to build this folder (" --content FOLDER"), if anything

    @property
    def source_lang(self) -> str:
        return self.languages[0]

    @property
    def slugs(self) -> set:
        """Every page name, in any language."""
        return {slug for pages in self.pages.values() for slug in pages}

    def star(self, star_id: str) -> Star | None:
        return next((s for s in self.stars if s.id == star_id), None)

    def style_of(self, unit: str) -> str | None:
        """How a unit as written is measured: units.yml's style for a measure word the model lacks (or written its
        own way), else the unit itself when the units model knows it (numbers.STYLES reads 万吨 as 10⁴ tonnes);
        None for a unit nobody knows."""
        if unit in self.units:
            return self.units[unit]["style"]
        return unit if unit in STYLES else None


def read_report(c: Content, path: Path, problems: Problems) -> None:
    """report.yml: languages, dates, metadata, stars, approach."""
    where = shown(path)
    data = read_yaml(path, problems, home=c.root)
    fields_ok = data is not None and check_fields(data, REPORT_FIELDS, where, problems, "report.yml")
    if not fields_ok and not isinstance(data, dict):
        return
    langs = unique_items(data.get("languages"), where, problems, "languages", data.line_of("languages"))
    c.languages = langs or c.languages
    c.languages_line = data.line_of("languages")
    if isinstance(data.get("languages"), list) and not data["languages"]:
        problems.add(where, c.languages_line, "languages lists no language",
                     "the seed's language first, then each translation: languages: [zh, en]")
    c.nav = unique_items(data.get("nav"), where, problems, "nav", data.line_of("nav"))
    c.nav_line = data.line_of("nav")
    if isinstance(data.get("headline"), str):
        c.headline, c.headline_line = data["headline"], data.line_of("headline")
    c.first_published = data.get("first_published") if type_ok(data.get("first_published"), (dt.date,)) else None
    c.last_updated = data.get("last_updated") if type_ok(data.get("last_updated"), (dt.date,)) else None
    if c.first_published and c.last_updated and c.last_updated < c.first_published:
        problems.add(where, data.line_of("last_updated"), "last_updated is before first_published")
    seed = data.get("seed")
    if isinstance(seed, str):
        c.seed = (c.root.parent / seed) if not Path(seed).is_absolute() else Path(seed)
        c.seed_line = data.line_of("seed")
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    for lang in c.languages:
        m = meta.get(lang)
        if m is None:
            problems.add(where, getattr(meta, "line", 0), f"meta has no entry for language '{lang}'")
            continue
        if check_fields(m, META_FIELDS, where, problems, f"meta.{lang}"):
            c.meta[lang] = dict(m)
            c.meta_lines[lang] = dict(m.key_lines) | {"": meta.line_of(lang)}  # "": the line of meta.<lang> itself
    read_stars(c, data, where, problems)
    publish = data.get("publish")
    c.publish_line = data.line_of("publish") if "publish" in data else 1
    if publish is not None and check_fields(publish, PUBLISH_FIELDS, where, problems, "publish"):
        c.publish = {**publish, "lines": dict(publish.key_lines)}
    approach = data.get("approach")
    if approach is not None and check_fields(approach, APPROACH_FIELDS, where, problems, "approach"):
        items = []
        for item in as_list(approach["items"], where, problems, "approach.items"):
            if check_fields(item, APPROACH_ITEM, where, problems, "approach item"):
                items.append({"zh": item["zh"], "en": item["en"], "line": item.line})
        c.approach = {"source": approach["source"], "items": items, "line": approach.line}
    licence = data.get("licence")
    if licence is not None and check_fields(licence, LICENCE_FIELDS, where, problems, "licence"):
        if not re.match(r"https?://[^\s/]+\.[^\s/]+", licence["url"]):
            problems.add(where, licence.line_of("url"), f"licence url {licence['url']!r} is no web address",
                         "the address of the licence's text, e.g. https://creativecommons.org/licenses/by/4.0/")
        elif licence["name"].strip():
            c.licence = {"name": licence["name"].strip(), "url": licence["url"]}
    registration = data.get("registration")
    if registration is not None and check_fields(registration, REGISTRATION_FIELDS, where, problems, "registration"):
        c.registration = {k: v for k, v in registration.items() if v}
    for lang, m in c.meta.items():
        if not m.get("issuer"):
            problems.warn(where, meta.line_of(lang) if isinstance(meta, LDict) else 0,
                          f"meta.{lang} names no issuer: the pages say who edits the site, not who issues it",
                          "add 'issuer' (主办/发布单位) when the body publishing the site is known")


def read_stars(c: Content, data: LDict, where: str, problems: Problems) -> None:
    """report.yml's stars: each checked (a safe slug, a colour dark enough for text), at most limits.STARS."""
    c.stars_read = isinstance(data.get("stars"), (list, type(None)))
    if c.stars_read and len(data.get("stars") or []) > limits.STARS:
        problems.add(where, data.line_of("stars"), limits.count_problem("stars", len(data["stars"]), limits.STARS))
        c.stars_read = False
    for i, s in enumerate(data["stars"] if c.stars_read and data.get("stars") else []):  # a wrong type: reported
        complete = check_fields(s, STAR_FIELDS, where, problems, f"star {i + 1}", data.line_of("stars"))
        if not isinstance(s, dict) or not isinstance(s.get("id"), str):
            continue
        if not complete:  # keep the star (its page, figures and charts still refer to it): no follow-on errors
            s = type(s)({**{k: "" for k in STAR_FIELDS}, **{k: v for k, v in s.items() if isinstance(v, str)}})
            s.line, s.key_lines = data.line_of("stars"), {}
        if not SLUG.match(s["id"]):
            problems.add(where, s.line_of("id"), f"star id {s['id']!r} is not a safe slug (a-z, 0-9, -)")
            continue
        if complete and not COLOUR.match(s["colour"]):
            problems.add(where, s.line_of("colour"), f"colour {s['colour']!r} is not #RRGGBB")
        elif complete and contrast(s["colour"], WASH) < AA_TEXT:  # its name and numbers are text in that colour
            problems.add(where, s.line_of("colour"), f"colour {s['colour']} is too light for text: "
                         f"{contrast(s['colour'], WASH):.1f}:1 on the page's light background (WCAG AA: {AA_TEXT}:1)",
                         f"a darker shade of the same hue, e.g. {darkened(s['colour'])}")
        c.stars.append(Star(s["id"], {"zh": s["zh"], "en": s["en"]}, s["colour"], s["icon"], s["segment"],
                            s["headline"], s.line))


def one_of(data: LDict, key: str, choices: tuple, where: str, problems: Problems) -> str | None:
    """data[key] if it is one of choices; a problem if it is other text; None if absent."""
    value = data.get(key)
    if value in choices:
        return value
    if isinstance(value, str):
        problems.add(where, data.line_of(key), f"{key} must be one of {', '.join(choices)}, got {value!r}",
                     closest(value, choices))
    return None


def unique_items(value, where: str, problems: Problems, what: str, line: int) -> list[str]:
    """A list of names, each once (a repeated language or page would be built and listed twice)."""
    out: list[str] = []
    items = as_list(value, where, problems, what, line)
    for i, x in enumerate(items):
        at = items.line_of(i) if hasattr(items, "line_of") else line
        if str(x) in out:
            problems.add(where, at, f"{what} lists {str(x)!r} twice",
                         f"remove one: it is item {out.index(str(x)) + 1} and item {i + 1}")
            continue
        out.append(str(x))
    return out


def read_article_config(c: Content, path: Path, problems: Problems) -> None:
    """article.yml: reader hints, stray lines, credit notes, photos, editorial edits."""
    where = shown(path)
    data = read_yaml(path, problems, home=c.root)
    if not isinstance(data, dict):
        return
    check_fields(data, ARTICLE_FIELDS, where, problems, "article.yml")
    c.credit_roles = tuple(str(r) for r in as_list(data.get("credit_roles"), where, problems, "credit_roles"))
    for s in as_list(data.get("stray"), where, problems, "stray"):
        if check_fields(s, STRAY_FIELDS, where, problems, "stray line"):
            c.stray.append({**s, "line": s.line})
    for n in as_list(data.get("credit_notes"), where, problems, "credit_notes"):
        if check_fields(n, NOTE_FIELDS, where, problems, "credit note"):
            c.credit_notes.append({**n, "line": n.line})
    c.missing_photos = one_of(data, "missing_photos", MISSING_PHOTOS, where, problems) or c.missing_photos
    c.punctuation = one_of(data, "punctuation", PUNCTUATION, where, problems) or c.punctuation
    for p in as_list(data.get("photos"), where, problems, "photos", most=limits.PHOTOS):
        if check_fields(p, PHOTO_FIELDS, where, problems, "photo"):
            c.photos.append(Photo(p["caption"], p.get("file"), p["page"], p.line))
    for e in as_list(data.get("edits"), where, problems, "edits"):
        if check_fields(e, EDIT_FIELDS, where, problems, "edit"):
            c.edits.append(Edit(e["unit"], e["from"], e["to"], e["date"], {"zh": e["zh"], "en": e["en"]}, e.line))


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter, body, line where the body starts) of a Markdown page."""
    if not text.startswith("---\n"):
        return "", text, 1
    end = text.find("\n---\n", 4)
    if end < 0:
        return "", text, 1
    fm = text[4:end + 1]
    return fm, text[end + 5:], fm.count("\n") + 3


def parse_body(body: str, first_line: int) -> tuple:
    """Markdown chunks and ::: directives, in order."""
    parts: list = []
    chunk: list[str] = []
    n = first_line - 1
    for n, line in enumerate(body.split("\n"), start=first_line):
        m = DIRECTIVE.match(line.strip())
        if m:
            if "".join(chunk).strip():
                parts.append(text_at(chunk, n - 1))
            chunk = []
            parts.append(Directive(m.group(1), tuple(m.group(2).split()), n))
        else:
            chunk.append(line)
    if "".join(chunk).strip():
        parts.append(text_at(chunk, n))
    return tuple(parts)


def read_page(c: Content, path: Path, lang: str, problems: Problems) -> Page | None:
    """One Markdown page with YAML front matter."""
    where = shown(path)
    slug = path.stem
    if not SLUG.match(slug):
        problems.add(where, 0, f"page file name {path.name!r} is not a safe slug",
                     "use lower-case letters, digits and '-' only, e.g. safety.md")
        return None
    if slug in RESERVED_SLUGS:
        problems.add(where, 0, f"page file name {path.name!r} is the name of a folder the build writes in "
                     f"{lang}/ ({RESERVED_SLUGS[slug]}): the page and it would be mixed in one folder",
                     "give the page another file name (and change it in nav)")
        return None
    text = read_source(path, problems, "page", "page", home=c.root)
    if text is None:
        c.broken_pages.add((lang, slug))
        return None
    text = text.replace("\r\n", "\n")
    fm_text, body, body_line = split_front_matter(text)
    for n, line in enumerate(body.split("\n"), start=body_line):
        check_text(line, where, n, "the page", problems)
    if not fm_text:
        problems.add(where, 1, "page has no front matter", "start the file with a '---' line, the keys, and '---'")
        c.broken_pages.add((lang, slug))
        return None
    fm = parse_yaml(fm_text, where, problems, first_line=2)
    if fm is None or not check_fields(fm, PAGE_FIELDS, where, problems, "front matter", 1):
        c.broken_pages.add((lang, slug))
        return None
    if not fm["title"].strip():
        problems.add(where, fm.line_of("title"), "the page's title is empty",
                     "every page needs a title: the menu, the browser tab and the share card show it")
        c.broken_pages.add((lang, slug))
        return None
    if fm["template"] not in TEMPLATES:
        problems.add(where, fm.line_of("template"), f"unknown template {fm['template']!r}",
                     "one of: " + ", ".join(TEMPLATES))
        c.broken_pages.add((lang, slug))
        return None
    return Page(slug, lang, where, fm["title"], fm["template"], fm["description"], fm.get("star"),
                parse_body(body, body_line), fm.get("menu") is not False, dict(fm.key_lines))


def read_translations(c: Content, lang: str, path: Path, problems: Problems) -> None:
    """translations/LANG.yml: unit id -> text (and the source hash it was reviewed against)."""
    where = shown(path)
    data = read_yaml(path, problems, home=c.root)
    if not isinstance(data, dict):
        if data is not None:
            problems.add(where, getattr(data, "line", 1), "translations must be a mapping of unit id to entry")
        return
    units = {}
    for uid, entry in data.items():
        if check_fields(entry, UNIT_FIELDS, where, problems, f"unit '{uid}'", data.line_of(uid)):
            units[str(uid)] = Unit(str(uid), entry["text"].strip(), entry.get("src"), data.line_of(uid))
    c.translations[lang] = units


def read_glossary(c: Content, path: Path, problems: Problems, home: Path | None = None) -> None:
    """glossary.yml: the official terms and their one rendering (a file inside home, by default the content's)."""
    where = shown(path)
    data = read_yaml(path, problems, home=home or c.root)
    for g in as_list(data, where, problems, "the glossary", most=limits.GLOSSARY):
        if check_fields(g, GLOSSARY_FIELDS, where, problems, "glossary entry"):
            blank = [k for k in ("zh", "en") if not g[k].strip()]
            if blank:  # an empty zh "occurs" in every unit: each would be reported instead of this entry
                problems.add(where, g.line, f"glossary entry: '{blank[0]}' is empty",
                             "write the term, or remove the entry")
                continue
            c.glossary.append({"zh": g["zh"], "en": g["en"], "also": list(g.get("also") or []),
                               "avoid": [str(x) for x in g.get("avoid") or []], "gloss": g.get("gloss") or "",
                               "note": g.get("note"), "line": g.line})


BASE_GLOSSARY = Path(__file__).resolve().parent.parent.parent / "templates" / "glossary-base.yml"


def add_base_glossary(c: Content, path: Path, problems: Problems) -> None:
    """The shared base glossary under the report's own: an entry of the report with the same zh wins."""
    if not path.is_file():
        return
    base = Content(root=c.root, seed=None, languages=[])
    read_glossary(base, path, problems, home=path.parent)
    own = {g["zh"] for g in c.glossary}
    c.glossary.extend(g for g in base.glossary if g["zh"] not in own)


def read_units(c: Content, path: Path, problems: Problems) -> None:
    """units.yml: how each unit is written (its formatting style)."""
    where = shown(path)
    data = read_yaml(path, problems, home=c.root)
    if isinstance(data, dict) and isinstance(data.get("units"), dict):
        for unit, spec in data["units"].items():
            line = data["units"].line_of(unit)
            if check_fields(spec, {"style": Field((str,))}, where, problems, f"unit {unit!r}", line):
                if spec["style"] not in STYLES:
                    problems.add(where, spec.line, f"unit {unit!r}: unknown style {spec['style']!r}",
                                 closest(spec["style"], STYLES) or "one of: " + ", ".join(STYLES))
                    continue
                if is_ := unit_contradiction(str(unit), spec["style"]):
                    problems.add(where, spec.line, f"unit {unit!r} is not measured in style {spec['style']!r}: it "
                                 f"would publish another quantity than the article's ({is_})",
                                 f"remove {unit} from units.yml: the generator knows it")
                    continue
                c.units[str(unit)] = {"style": spec["style"], "line": spec.line}
    elif data is not None:
        problems.add(where, 1, "units.yml must have a mapping 'units'")


PLACEHOLDER = "TODO:"


def check_placeholders(root: Path, texts: dict[Path, str], problems: Problems) -> None:
    """Every 'TODO:' left in the content files read (texts: path -> text; outside YAML comments) is a problem:
    drafts are never published."""
    for f in sorted(p for p in texts if p.suffix in (".yml", ".md") and root in p.parents):
        for n, line in enumerate(texts[f].split("\n"), start=1):
            text = line.split(" #", 1)[0] if f.suffix == ".yml" else line
            if PLACEHOLDER in text and not text.lstrip().startswith("#"):
                problems.add(shown(f), n, "placeholder not filled in yet", line.strip()[:80])


def is_content_folder(root: Path) -> bool:
    """A report's content folder: it holds a report.yml (or something in its place, which its reader reports)."""
    return root.is_dir() and os.path.lexists(root / "report.yml")


def read_content(root: Path, problems: Problems, base_glossary: Path = BASE_GLOSSARY) -> Content:
    """Read every file of site_src/ (the content folder), and the shared base glossary under its own."""
    c = Content(root=root, seed=None, languages=["zh", "en"])
    if not root.is_dir():
        problems.add(str(root), 0, "content folder not found")
        return c
    if not is_content_folder(root):  # never search a folder that is no report's (/, .., the project)
        problems.add(str(root), 0, "this is not a content folder: it has no report.yml",
                     "give --content a report's own folder (site_src-NAME); build.py draft makes one from an article")
        return c
    with remembered() as texts:
        read_files(c, root, base_glossary, problems)
    check_placeholders(root, texts, problems)
    return c


def read_files(c: Content, root: Path, base_glossary: Path, problems: Problems) -> None:
    """Each file of the content folder, by its reader."""
    read_report(c, root / "report.yml", problems)
    read_article_config(c, root / "article.yml", problems)
    read_glossary(c, root / "glossary.yml", problems)
    add_base_glossary(c, base_glossary, problems)
    if (root / "units.yml").exists() or (root / "units.yml").is_symlink():  # optional: measure words the model lacks
        read_units(c, root / "units.yml", problems)
    c.figures_data = read_yaml(root / "figures.yml", problems, home=root)
    for lang in c.languages[1:]:
        read_translations(c, lang, root / "translations" / f"{lang}.yml", problems)
    own = root / "translations" / f"{c.source_lang}.yml"
    if own.exists():  # a translation into the seed's own language: the languages are in the wrong order
        problems.add(shown(root / "report.yml"), c.languages_line,
                     f"languages start with '{c.source_lang}', the seed's language, but {shown(own)} "
                     "translates into it",
                     "the first language is the seed's: put it first (languages: [zh, en])")
    for lang in c.languages:
        folder = root / "pages" / lang
        if not folder.is_dir():
            problems.add(shown(folder), 0, f"no pages folder for language '{lang}'")
            continue
        files = sorted(folder.glob("*.md"))
        if len(files) > limits.PAGES:
            problems.add(shown(folder), 0, limits.count_problem("pages", len(files), limits.PAGES))
            c.broken_pages |= {(lang, f.stem) for f in files}  # refused unread: no page of it is said missing
            continue
        pages = (read_page(c, p, lang, problems) for p in files)
        c.pages[lang] = {p.slug: p for p in pages if p}


def md_html_raw(text: str) -> str:
    """Editor Markdown -> HTML with raw HTML shown as text, links as written (check/validate.py checks them;
    render/pages.py drops unsafe ones)."""
    import markdown

    md = markdown.Markdown(extensions=[], output_format="html")
    # raw HTML is text: without these two, Markdown escapes it as any text (escaping it beforehand escaped code
    # spans twice: `<b>` showed as &lt;b>)
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md.convert(text)


WASH = "#F7F5F2"  # the lightest background text sits on (templates/assets/site.css: --wash)
AA_TEXT = 4.5     # WCAG 2 AA contrast for body text


def luminance(colour: str) -> float:
    """WCAG relative luminance of #RRGGBB."""
    def channel(x: int) -> float:
        v = x / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def darkened(colour: str) -> str:
    """The same hue, darkened until text in it passes AA on WASH."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    for k in range(100, -1, -2):
        shade = "#{:02X}{:02X}{:02X}".format(*(round(x * k / 100) for x in (r, g, b)))
        if contrast(shade, WASH) >= AA_TEXT:
            return shade
    return "#000000"

