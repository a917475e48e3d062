"""Filling in a draft the way the editors' guide says (step "fill in every TODO:"), programmatically."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def glossary_terms(content: Path) -> list[dict]:
    """The base glossary and the report's own (the report's entry wins), as the build reads them."""
    own = yaml.safe_load((content / "glossary.yml").read_text(encoding="utf-8")) or []
    base = yaml.safe_load((ROOT / "templates" / "glossary-base.yml").read_text(encoding="utf-8")) or []
    mine = {g["zh"] for g in own}
    return own + [g for g in base if g["zh"] not in mine]


def fill_in(content: Path, site_url: str) -> int:
    """Every TODO: of a draft filled in; every unit "translated" with its figures as {…} references and its
    glossary terms. Returns how many TODO: places there were."""
    todos = sum(f.read_text(encoding="utf-8").count("TODO:") for f in content.rglob("*") if f.is_file())
    figs = yaml.safe_load((content / "figures.yml").read_text(encoding="utf-8"))
    refs: dict[str, list[str]] = {}
    for f in figs["figures"]:
        refs.setdefault(f["source"]["unit"], []).append(f["text"])
    terms = glossary_terms(content)
    path = content / "translations" / "en.yml"
    trans = yaml.safe_load(path.read_text(encoding="utf-8"))
    for uid, entry in trans.items():
        zh = entry["text"].split("TODO: translate: ", 1)[-1]
        numbers = " ".join(f"{{{t}}}" for t in refs.get(uid, []))
        words = "; ".join(g["en"] for g in terms if g["zh"] in zh)
        name = uid.translate(str.maketrans("0123456789", "abcdefghij"))
        entry["text"] = f"English of unit {name}. {words} {numbers}".strip()
    path.write_text(yaml.safe_dump(trans, allow_unicode=True), encoding="utf-8")
    for f in sorted(content.rglob("*")):
        if f.suffix in (".yml", ".md"):
            text = f.read_text(encoding="utf-8")
            text = re.sub(r"TODO: https://[^'\n]*", site_url, text)
            text = re.sub(r"TODO: say why[^\n']*", "a count written in words or a name, not a figure", text)
            text = text.replace("TODO: 指标名称", "指标")
            text = re.sub(r"TODO: [^'\n]*", "Filled in", text)
            f.write_text(text, encoding="utf-8")
    return todos
