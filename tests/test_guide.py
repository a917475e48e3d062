"""The editors' guide keeps its schema section in step with the code.

Each guide (guide/editors-guide.zh.md and guide/editors-guide.en.md) documents the content schema
in Markdown tables, each preceded by one comment naming the code it documents:

    <!-- schema: content.REPORT_FIELDS -->
    | key | type | required? | meaning |
    | --- | --- | --- | --- |
    | `seed` | text | yes | ... |

For every such comment the keys in the first column (the text inside backticks) must be exactly the
keys of the dict (or the items of the tuple) sitegen.<module>.<NAME>. For the dicts of `Field`s the
type and required columns are checked too, and for validate.DIRECTIVES the argument column. Every
`*_FIELDS` dict of content.py and figures.py must be documented in both guides, so adding a dict,
a key or a template, block, style or chart kind without documenting it fails here.
"""
from __future__ import annotations

import datetime as dt
import importlib
import re
from pathlib import Path

import pytest

from sitegen.read.schema import Field

ROOT = Path(__file__).resolve().parent.parent
GUIDES = {"zh": ROOT / "guide" / "editors-guide.zh.md", "en": ROOT / "guide" / "editors-guide.en.md"}
FIELD_MODULES = ("read.content", "check.figures")  # every *_FIELDS dict of these modules must be documented
COMMENT = re.compile(r"^\s*<!--\s*schema:\s*([\w.]+)\.(\w+)\s*-->\s*$")
CELL_SPLIT = re.compile(r"(?<!\\)\|")
KEY_CELL = re.compile(r"^`([^`]+)`$")

# How each language names a Field's type in the "type" column (the English words are those of the
# build's messages, e.g. "'meta' must be a mapping"), and how it says required / not required.
TYPE_WORDS = {
    "en": {str: "text", int: "number", float: "number", bool: "true/false", list: "list", dict: "mapping",
           dt.date: "date"},
    "zh": {str: "文字", int: "数字", float: "数字", bool: "true/false", list: "列表", dict: "映射",
           dt.date: "日期"},
}
REQUIRED_WORDS = {"en": ("yes", "no"), "zh": ("是", "否")}
# validate.DIRECTIVES: argument kind -> the placeholder the guide writes in the arguments column.
ARGUMENT_WORDS = {"units": "UNIT", "group": "GROUP", "page": "PAGE", "": "—"}


def cells(line: str) -> list[str]:
    """The cells of one Markdown table row."""
    return [c.strip() for c in CELL_SPLIT.split(line.strip().strip("|"))]


def schema_tables(path: Path) -> list[dict]:
    """Every schema comment of a guide, in order, with the rows of the table right after it."""
    lines = path.read_text(encoding="utf-8").split("\n")
    found = []
    for i, line in enumerate(lines):
        m = COMMENT.match(line)
        if not m:
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        table = []
        while j < len(lines) and lines[j].lstrip().startswith("|"):
            table.append(lines[j])
            j += 1
        found.append({"module": m.group(1), "name": m.group(2), "line": i + 1,
                      "header": cells(table[0]) if table else [],
                      "rows": [cells(r) for r in table[2:]],
                      "ok": len(table) >= 2 and set(table[1].replace("|", "").strip()) <= set("-: ")})
    return found


def code_object(module: str, name: str):
    """sitegen.<module>.<name>, or None when there is no such module or name."""
    try:
        mod = importlib.import_module(f"sitegen.{module}")
    except ImportError:
        return None
    return getattr(mod, name, None)


def code_keys(obj) -> list[str]:
    from collections.abc import Mapping

    if isinstance(obj, Mapping):
        return [str(k) for k in obj]
    if isinstance(obj, tuple):
        return [str(x) for x in obj]
    raise TypeError(f"{type(obj).__name__} is neither a dict nor a tuple")


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.fixture(scope="module", params=sorted(GUIDES))
def guide(request):
    path = GUIDES[request.param]
    assert path.is_file(), f"{rel(path)} is missing"
    return request.param, path, schema_tables(path)


def test_each_comment_is_followed_by_a_table_with_one_key_per_row(guide):
    lang, path, tables = guide
    assert tables, f"{rel(path)} has no <!-- schema: module.NAME --> comments"
    bad = []
    for t in tables:
        where = f"{rel(path)}:{t['line']} ({t['module']}.{t['name']})"
        if not t["ok"]:
            bad.append(f"{where}: no Markdown table (header and --- row) right after the comment")
            continue
        for row in t["rows"]:
            if not KEY_CELL.match(row[0]):
                bad.append(f"{where}: first cell {row[0]!r} is not one key in backticks")
    assert not bad, "\n".join(bad)


def test_schema_tables_match_the_code(guide):
    lang, path, tables = guide
    wrong = []
    for t in tables:
        what = f"{t['module']}.{t['name']}"
        where = f"{rel(path)}:{t['line']}"
        obj = code_object(t["module"], t["name"])
        if obj is None:
            wrong.append(f"{where}: there is no {t['name']} in sitegen.{t['module']}")
            continue
        try:
            code = code_keys(obj)
        except TypeError as e:
            wrong.append(f"{where}: {what}: {e}")
            continue
        documented = [m.group(1) for row in t["rows"] if (m := KEY_CELL.match(row[0]))]
        missing = [k for k in code if k not in documented]
        extra = [k for k in documented if k not in code]
        twice = sorted({k for k in documented if documented.count(k) > 1})
        if missing or extra or twice:
            wrong.append(f"{where}: the table for {what} is out of step with the code:"
                         + (f" missing {', '.join(missing)};" if missing else "")
                         + (f" extra (not in the code) {', '.join(extra)};" if extra else "")
                         + (f" listed twice {', '.join(twice)};" if twice else ""))
    assert not wrong, f"{rel(path)}:\n" + "\n".join(wrong)


def test_field_tables_give_the_codes_type_and_required(guide):
    lang, path, tables = guide
    yes, no = REQUIRED_WORDS[lang]
    wrong = []
    for t in tables:
        obj = code_object(t["module"], t["name"])
        if not isinstance(obj, dict) or not all(isinstance(f, Field) for f in obj.values()):
            continue
        where = f"{rel(path)}:{t['line']} ({t['module']}.{t['name']})"
        for row in t["rows"]:
            m = KEY_CELL.match(row[0])
            if not m or m.group(1) not in obj:
                continue  # reported by the other tests
            f = obj[m.group(1)]
            if len(row) != 4:
                wrong.append(f"{where}: row {m.group(1)} must have 4 cells (key, type, required?, meaning), "
                             f"has {len(row)}")
                continue
            for typ in f.types:
                word = TYPE_WORDS[lang].get(typ)
                if word is None:
                    wrong.append(f"{where}: {m.group(1)}: the test has no {lang} word for type {typ.__name__}")
                elif word.lower() not in row[1].lower():
                    wrong.append(f"{where}: {m.group(1)}: the type column {row[1]!r} should say {word!r}")
            want = yes if f.required else no
            if not row[2].startswith(want):
                wrong.append(f"{where}: {m.group(1)}: the required column {row[2]!r} should start with {want!r}")
    assert not wrong, "\n".join(wrong)


def test_directive_arguments_match_the_code(guide):
    lang, path, tables = guide
    directives = code_object("validate", "DIRECTIVES") or {}
    wrong = []
    for t in tables:
        if (t["module"], t["name"]) != ("check.validate", "DIRECTIVES"):
            continue
        for row in t["rows"]:
            m = KEY_CELL.match(row[0])
            if not m or m.group(1) not in directives:
                continue
            kind = directives[m.group(1)]
            word = ARGUMENT_WORDS.get(kind)
            if word is None:
                wrong.append(f"::: {m.group(1)} takes a new kind of argument {kind!r}: add it to ARGUMENT_WORDS")
            elif len(row) < 2 or word not in row[1]:
                wrong.append(f"{rel(path)}:{t['line']}: ::: {m.group(1)}: the arguments column should say {word!r}")
    assert not wrong, "\n".join(wrong)


def test_every_fields_dict_is_documented_in_both_guides():
    wanted = {}  # id(dict) -> the names it is known by (a dict imported by another module is one dict)
    for module in FIELD_MODULES:
        mod = importlib.import_module(f"sitegen.{module}")
        for name, value in vars(mod).items():
            if name.endswith("_FIELDS") and isinstance(value, dict):
                wanted.setdefault(id(value), []).append(f"{module}.{name}")
    assert wanted, "found no *_FIELDS dicts: has the schema moved?"
    missing = []
    for _lang, path in sorted(GUIDES.items()):
        documented = {f"{t['module']}.{t['name']}" for t in schema_tables(path)}
        for names in wanted.values():
            if not documented & set(names):
                missing.append(f"{rel(path)}: no <!-- schema: {names[0]} --> table")
    assert not missing, "undocumented schema dicts:\n" + "\n".join(missing)


def test_both_guides_have_the_same_schema_comments_in_the_same_order():
    order = {lang: [f"{t['module']}.{t['name']}" for t in schema_tables(path)] for lang, path in GUIDES.items()}
    for lang, names in order.items():
        twice = sorted({n for n in names if names.count(n) > 1})
        assert not twice, f"{rel(GUIDES[lang])}: schema comments used more than once: {', '.join(twice)}"
    assert order["zh"] == order["en"], (
        "the guides' schema comments differ:\n"
        f"  {rel(GUIDES['zh'])}: {', '.join(order['zh'])}\n  {rel(GUIDES['en'])}: {', '.join(order['en'])}")


def test_both_guides_list_the_same_keys_in_the_same_order():
    keys = {lang: {f"{t['module']}.{t['name']}": [r[0] for r in t["rows"]] for t in schema_tables(path)}
            for lang, path in GUIDES.items()}
    differ = [f"{name}: zh {keys['zh'][name]} / en {keys['en'].get(name)}"
              for name in keys["zh"] if keys["zh"][name] != keys["en"].get(name)]
    assert not differ, "the two guides' schema tables list different keys or orders:\n" + "\n".join(differ)


def test_readme_links_both_guides():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in GUIDES.values():
        target = rel(path)
        assert re.search(r"\]\(\s*(?:\./)?" + re.escape(target) + r"\s*\)", readme), \
            f"README.md does not link to {target}"


# ---- the worked example of section 2.12: the guide's commands, run end to end --------------------
WORKED = re.compile(r"<!--\s*worked-example\s*-->\s*\n```sh\n(.*?)\n```", re.S)


def worked_example(path: Path) -> list[str]:
    """The commands of a guide's worked example (its fenced block after <!-- worked-example -->)."""
    m = WORKED.search(path.read_text(encoding="utf-8"))
    assert m, f"{rel(path)} has no <!-- worked-example --> block"
    return [ln.strip() for ln in m.group(1).split("\n") if ln.strip() and not ln.lstrip().startswith("#")]


def test_both_guides_carry_the_same_worked_example():
    assert worked_example(GUIDES["zh"]) == worked_example(GUIDES["en"])


def test_the_worked_example_publishes_the_new_report_at_its_own_address(project):
    """From a new article to its published site, with the guide's commands only (and the fill-in of step 3)."""
    import shlex
    import shutil

    import yaml

    from conftest import run_build
    from drafting import fill_in

    shutil.copytree(ROOT / "tests" / "fixtures" / "report3", project / "tests" / "fixtures" / "report3")
    default_site = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} \
        if (project / "site").exists() else {}
    runs, todos, content = [], 0, None
    for cmd in worked_example(GUIDES["en"]):
        words = shlex.split(cmd)
        if words[0] == "cp":
            shutil.copy2(project / words[1], project / words[2])
            continue
        assert words[:2] == [".venv/bin/python", "build.py"], cmd
        args = words[2:]
        if args[0] == "draft":
            content = project / args[2]
        elif "stamp" in args:  # step 3 of the guide: every TODO: filled in before the translation is stamped
            assert runs and runs[-1].returncode == 1 and "placeholder not filled in yet" in runs[-1].stderr
            todos = fill_in(content, "https://hexi.example.org/")
        proc = run_build(project, *args)
        if args[0] not in ("draft",) and "stamp" not in args:
            runs.append(proc)
        else:
            assert proc.returncode == 0, proc.stderr
    assert todos > 0
    assert len(runs) == 2 and runs[-1].returncode == 0, runs[-1].stderr
    site = project / "site-hexi"
    assert f"into {site}" in runs[-1].stdout
    report = yaml.safe_load((content / "report.yml").read_text(encoding="utf-8"))
    assert report["publish"]["site_url"] == "https://hexi.example.org/"
    page = (site / "en" / "area-2" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://hexi.example.org/en/area-2/">' in page
    assert "https://hexi.example.org/zh/" in (site / "sitemap.xml").read_text(encoding="utf-8")
    now = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} \
        if (project / "site").exists() else {}
    assert now == default_site, "the default report's site/ is untouched"
