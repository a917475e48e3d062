"""build.py --release: what must be true before a report goes out, on top of every check of an ordinary build.

The ordinary build keeps building the demo and a report in progress (a placeholder address, no issuer: warnings).
A release refuses them, all at once, each at its `path:line` with what to do, and changes nothing:

- the address is a real one: not example.org/.com/.net, .test, .invalid, .localhost, localhost or an IP address
  (every QR code, printed address, canonical link and share card would carry it);
- an issuer (主办/发布单位) is named in every language;
- the article's date is stated (a year in meta.date: 原文未注明刊发日期 is no date);
- no TODO: is left and every translation is reviewed (the ordinary build refuses both already).
"""
from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from ..problems import Problems, shown

PLACEHOLDER_HOSTS = ("example.org", "example.com", "example.net", "localhost")
PLACEHOLDER_TLDS = (".test", ".invalid", ".localhost", ".example", ".local")
YEAR = re.compile(r"(?:19|20)\d\d|[〇零一二三四五六七八九]{4}年")


def placeholder_host(url: str) -> str:
    """Why an address is no real one ('' if it may be): a documentation domain, a local name or an IP address."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not host:
        return "it has no host name"
    if any(host == h or host.endswith("." + h) for h in PLACEHOLDER_HOSTS) or host.endswith(PLACEHOLDER_TLDS):
        return f"{host} is a placeholder (a documentation or local name)"
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return ""
    return f"{host} is an IP address, not the site's name"


def check_release(paths, report, problems: Problems) -> None:
    """Every reason the report is not ready to go out, as problems at their lines."""
    c = report.content
    where, line = address_place(paths, c)
    why = placeholder_host(paths.site_url)
    if why:
        problems.add(where, line, f"release: the site's address {paths.site_url!r} is no real address: {why}",
                     "write the address the report will be published at (its QR codes, links and cards carry it)")
    report_yml = shown(c.root / "report.yml")
    for lang in c.languages:
        meta, lines = c.meta.get(lang, {}), c.meta_lines.get(lang, {})
        if not (meta.get("issuer") or "").strip():
            problems.add(report_yml, lines.get("", 1), f"release: meta.{lang} names no issuer "
                         "(主办/发布单位)", "add 'issuer': the body that publishes the site, as it signs its documents")
    if c.languages:
        source = c.meta.get(c.source_lang, {})
        if not YEAR.search(source.get("date") or ""):
            problems.add(report_yml, c.meta_lines.get(c.source_lang, {}).get("date", 1),
                         f"release: the article's date is not stated (meta.{c.source_lang}.date: "
                         f"{source.get('date', '')!r})",
                         "write the date the article was published (2025年1月15日), from the paper or the issuer")


def address_place(paths, c) -> tuple[str, int]:
    """Where the report's address is written: mkdocs.yml's site_url for its own report, else report.yml publish."""
    from ..read.yamlsrc import read_yaml

    if paths.own:
        cfg = read_yaml(paths.config, Problems())
        return shown(paths.config), cfg.line_of("site_url") if hasattr(cfg, "line_of") else 1
    data = read_yaml(c.root / "report.yml", Problems())
    publish = data.get("publish") if isinstance(data, dict) else None
    line = publish.line_of("site_url") if hasattr(publish, "line_of") else 1
    return shown(c.root / "report.yml"), line
