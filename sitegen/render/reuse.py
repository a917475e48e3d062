"""How the site's charts and data may be reused, in the page's language: the licence report.yml declares (its name
linked to its text) or, without one, whom to ask; and the credit a reuser writes (the site's name and address).
The about page, each chart page and each chart picture say it the same way."""
from __future__ import annotations

from html import escape


def reuse_terms(renderer, lang: str) -> dict:
    """{'licence': {name, url} or None, 'credit': text, 'text': the terms as text, 'html': the same with the
    licence's name linked to its text}."""
    t, meta, licence = renderer.strings[lang], renderer.c.meta[lang], renderer.c.licence or None
    url = f"{renderer.site_url.rstrip('/')}/{lang}/"
    credit = t["reuse_credit"].format(site=meta["site_name"], url=url)
    if licence:
        text = t["licence_terms"].format(licence=licence["name"], credit=credit)
        link = f'<a href="{escape(licence["url"])}" rel="license">{escape(licence["name"])}</a>'
        html = escape(t["licence_terms"]).replace("{licence}", link).replace("{credit}", escape(credit))
    else:
        text = t["reuse_ask"].format(publisher=meta["publisher"], credit=credit)
        html = escape(text)
    return {"licence": licence, "credit": credit, "text": text, "html": html}
