"""portal.yml: a collection of reports published as one site (its title, address, output, issuer and reports),
read and checked with every problem at its line (the same Field tables as report.yml's)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problems, shown
from .content import is_content_folder
from .schema import LANG_TEXT, Field, as_list, check_fields, short
from .yamlsrc import read_yaml

PORTAL_FIELDS = {
    "title": Field((dict,), doc="the portal's title in each language (zh, en)"),
    "site_url": Field((str,), doc="the portal's address; each report is published under <site_url>/<slug>/"),
    "output": Field((str,), doc="the folder the whole portal is built into, relative to portal.yml"),
    "issuer": Field((dict,), doc="the body that issues the portal, in each language (zh, en)"),
    "reports": Field((list,), doc="the reports, in order: slug and content folder"),
    "indicators": Field((list,), required=False, doc="what the portal compares across its reports: id, zh, en, "
                        "dimension, role"),
}
PORTAL_REPORT_FIELDS = {
    "slug": Field((str,), doc="the report's path in the portal: lower-case letters, digits, '-'"),
    "content": Field((str,), doc="the report's content folder, relative to portal.yml"),
}
INDICATOR_FIELDS = {
    "id": Field((str,), doc="the indicator's id, named by a figure's `indicator:`; its comparison page's path"),
    "zh": short("the indicator's name in Chinese"),
    "en": short("the indicator's name in English"),
    "dimension": Field((str,), doc="what its values measure: money, count, share, area … (units: dimension)"),
    "role": Field((str,), doc="what its values say in their sentences: result, target … (check/roles.py)"),
}
LANGUAGES = tuple(LANG_TEXT)  # the portal's languages: those of every bilingual text of the content schema
SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
# names a slug may not take: the portal's own folders and files at its root
RESERVED = set(LANGUAGES) | {"assets", "index", "sitemap", "robots", "404", "compare"}
RESERVED_PREFIX = "pagefind"  # the portal's search bundles: pagefind-<lang>-<n>/
PLAIN_URL = re.compile(r"^https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?"
                       r"(?:/[A-Za-z0-9._~!$&()*+,;=:@%/-]*)?$")


@dataclass(frozen=True)
class PortalReport:
    slug: str
    content: Path
    line: int


@dataclass(frozen=True)
class Indicator:
    """What a portal compares across its reports (its dimension and role are checked by check/indicators.py)."""

    id: str
    name: dict
    dimension: str
    role: str
    line: int
    lines: tuple = ()  # (key, line) pairs

    def line_of(self, key: str) -> int:
        return dict(self.lines).get(key, self.line)


@dataclass
class Portal:
    """A checked portal.yml: paths resolved against its folder."""

    path: Path
    title: dict[str, str]
    site_url: str
    output: Path
    issuer: dict[str, str]
    reports: list[PortalReport] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)

    def report_url(self, slug: str) -> str:
        """A report's address in the portal: <site_url>/<slug>/."""
        return f"{self.site_url.rstrip('/')}/{slug}/"


def read_portal(path: Path, problems: Problems) -> Portal | None:
    """portal.yml read and checked, every problem at its line; None when it is unusable."""
    where = shown(path)
    data = read_yaml(path, problems, home=path.resolve().parent)
    if data is None:
        return None
    if not check_fields(data, PORTAL_FIELDS, where, problems, "portal.yml", line=1) and not isinstance(data, dict):
        return None
    base = path.resolve().parent
    title = lang_texts(data.get("title"), where, problems, "title")
    issuer = lang_texts(data.get("issuer"), where, problems, "issuer")
    url = data.get("site_url")
    if isinstance(url, str) and not PLAIN_URL.match(url):
        problems.add(where, data.line_of("site_url"), f"site_url {url!r} is not a plain absolute http(s) address",
                     "write it as https://example.org/ or https://example.org/reports/")
    out = data.get("output")
    output = (base / out).resolve() if isinstance(out, str) and out else None
    if isinstance(out, str) and not out:
        problems.add(where, data.line_of("output"), "output must name a folder, e.g. output: site-portal")
    reports = read_reports(data.get("reports"), base, where, problems, data.line_of("reports"))
    indicators = read_indicators(data.get("indicators"), where, problems, data.line_of("indicators"))
    if problems or output is None or not isinstance(url, str):
        return None
    return Portal(path.resolve(), title, url, output, issuer, reports, indicators)


def lang_texts(value, where: str, problems: Problems, what: str) -> dict[str, str]:
    """A text in each of the portal's languages (zh and en, both required)."""
    if value is None or not check_fields(value, LANG_TEXT, where, problems, what):
        return {}
    for lang in LANGUAGES:
        if isinstance(value.get(lang), str) and not value[lang].strip():
            problems.add(where, value.line_of(lang), f"{what}.{lang} is empty")
    return dict(value)


def read_reports(value, base: Path, where: str, problems: Problems, line: int) -> list[PortalReport]:
    """The reports: each a slug of its own (a safe path name) and an existing content folder, none twice."""
    items = as_list(value, where, problems, "reports", line)
    if value is not None and isinstance(value, list) and not items:
        problems.add(where, line, "reports lists no report", "add at least one: - {slug: NAME, content: FOLDER}")
    out, slugs, folders = [], {}, {}
    for i, item in enumerate(items):
        at = items.line_of(i)
        if not check_fields(item, PORTAL_REPORT_FIELDS, where, problems, f"report {i + 1}", at):
            continue
        slug, content = item["slug"], (base / item["content"]).resolve()
        own = slug in RESERVED or slug.startswith(RESERVED_PREFIX)
        if not SLUG.match(slug) or own:
            problems.add(where, item.line_of("slug"), f"report {i + 1}: slug {slug!r} is not a safe path name"
                         + (" (it is one of the portal's own names)" if own else ""),
                         "lower-case letters, digits and '-', e.g. slug: baiyige-2026; not "
                         + ", ".join(sorted(RESERVED)) + f", nor a name starting with {RESERVED_PREFIX}")
        elif slug in slugs:
            problems.add(where, item.line_of("slug"), f"slug {slug!r} is used twice",
                         f"first used at line {slugs[slug]}")
        slugs.setdefault(slug, item.line_of("slug"))
        if not is_content_folder(content):
            problems.add(where, item.line_of("content"), f"report {slug}: {item['content']!r} is not a content folder "
                         f"(no report.yml in {shown(content)})", "name the folder that holds the report's report.yml")
        elif content in folders:
            problems.add(where, item.line_of("content"), f"report {slug}: the content folder {item['content']!r} "
                         f"is listed twice", f"first listed at line {folders[content]}")
        folders.setdefault(content, item.line_of("content"))
        out.append(PortalReport(slug, content, at))
    return out


def read_indicators(value, where: str, problems: Problems, line: int) -> list[Indicator]:
    """The indicators: each with an id of its own that is a safe path name (compare/<id>/)."""
    out, ids = [], {}
    items = as_list(value, where, problems, "indicators", line)
    for i, item in enumerate(items):
        if not check_fields(item, INDICATOR_FIELDS, where, problems, f"indicator {i + 1}", items.line_of(i)):
            continue
        iid = item["id"]
        if not SLUG.match(iid):
            problems.add(where, item.line_of("id"), f"indicator {i + 1}: id {iid!r} is not a safe path name",
                         "lower-case letters, digits and '-', e.g. id: money-invested")
        elif iid in ids:
            problems.add(where, item.line_of("id"), f"indicator id {iid!r} is used twice",
                         f"first used at line {ids[iid]}")
        ids.setdefault(iid, item.line_of("id"))
        out.append(Indicator(iid, {x: item[x] for x in LANGUAGES}, item["dimension"], item["role"], item.line,
                             tuple(item.key_lines.items())))
    return out
