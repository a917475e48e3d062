"""A portal's own files beside its reports: the assets (the theme's CSS, its icon, the search script), per language
the index, the search page and each comparison (with its chart picture and share card), the root page, the 404, the
sitemap and robots.txt. The pictures are kept in .cache/ by what they draw."""
from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from ..effects import Effects
from ..read.files import read_bytes
from ..read.portal import LANGUAGES, Portal
from ..render.compare import compare_page, comparison, stated_indicators
from ..render.comparecard import comparison_pictures, index_card, thumbnail
from ..render.portal import Built, portal_index, portal_root, portal_search, portal_sitemap, site, words
from ..write.assets import fingerprint, sri
from ..write.cache import cached, pack, unpack


def write_portal_pages(templates: Path, portal: Portal, built: list[Built], stage: Path, fx: Effects,
                       search: dict[str, list[str]], keys: dict[str, str],
                       cache: tuple[Path, str] | None = None) -> None:
    """Every file of the portal that is not a report's; keys: each report's (its card is made small once per key);
    cache: (the .cache/ folder, the code's key) for pictures."""
    assets, script = {}, {}
    for name in ("site.css", "favicon.svg", "search.js"):
        data = read_bytes(templates / "assets" / name, "asset", templates)
        stem, ext = name.rsplit(".", 1)
        assets[name] = f"{stem}.{fingerprint(data)}.{ext}"
        fx.write(stage / "assets" / assets[name], data)
        if name == "search.js":
            script = {"name": assets[name], "sri": sri(data)}
    compared = tuple(stated_indicators(portal, built))
    w = words(templates)
    for lang in LANGUAGES:
        p = w[lang]["p"]
        card = pictures(cache, index_files, portal_title=portal.title[lang], issuer=portal.issuer[lang],
                        count=len(built), p=p, lang=lang)
        fx.write(stage / lang / "share.png", card["share.png"])
        for r in built:  # each report's card, small, for its entry in the index (its key decides the card)
            small = pictures(cache, partial(thumbnail_files, stage / r.slug / lang / "share.png", stage),
                             report=keys[r.slug], lang=lang)
            fx.write(stage / lang / "cards" / f"{r.slug}.png", small["card.png"])
        fx.write(stage / lang / "index.html", portal_index(templates, portal, built, lang, assets, compared))
        fx.write(stage / lang / "search" / "index.html", portal_search(templates, portal, built, lang, assets, script,
                                                                         search[lang]))
        for ind in compared:
            folder = stage / lang / "compare" / ind.id
            files = pictures(cache, comparison_pictures, c=comparison(ind, built, lang),
                             portal_title=portal.title[lang], name=ind.name[lang],
                             address=f"{site(portal)}{lang}/compare/{ind.id}/", p=p, lang=lang)
            for name, data in files.items():
                fx.write(folder / name, data)
            fx.write(folder / "index.html", compare_page(templates, portal, built, ind, lang, assets,
                                                         has_picture="chart.png" in files))
    fx.write(stage / "index.html", portal_root(templates, portal, len(built), assets))
    fx.write(stage / "404.html", portal_root(templates, portal, len(built), assets, "portal/404.html"))
    fx.write(stage / "sitemap.xml", portal_sitemap(templates, portal, built, compared))
    fx.write(stage / "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {portal.site_url.rstrip('/')}/sitemap.xml\n")


def index_files(**spec) -> dict[str, bytes]:
    return {"share.png": index_card(**spec)}


def thumbnail_files(card: Path, home: Path, **_key) -> dict[str, bytes]:
    return {"card.png": thumbnail(read_bytes(card, "published", home))}


def pictures(cache: tuple[Path, str] | None, make, **spec) -> dict[str, bytes]:
    """make(**spec)'s files (name -> bytes), kept in .cache/portal-pictures/ by the code's key, make and spec."""
    if cache is None:
        return make(**spec)
    folder, code = cache
    name = make.func.__name__ if isinstance(make, partial) else make.__name__
    key = json.dumps([code, name, spec], sort_keys=True, ensure_ascii=False, default=str)
    files = unpack(cached(folder, "portal-pictures", key, lambda: pack(make(**spec))))
    return files if files is not None else make(**spec)
