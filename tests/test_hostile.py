"""Hostile content: text is shown as text, nothing in it runs, navigates or adds an element, and the
CSP runs no file of the site's host but its own scripts.

The text fields are not listed here: they are every `Field(text=True)` of the content schema
(sitegen/read/content.py, sitegen/check/figures.py, sitegen/read/schema.py), found by recording what the readers check
on the real content, so a new text field is covered without changing this file.
"""
from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

import checkers
from conftest import run_build, tree_digest

# markup, quotes, a closing </script>, a javascript: URL, a meta refresh, Jinja syntax (that would show
# xyzw if evaluated). Digit-free and with no {word}: where numbers come from the data, typed digits are
# refused and {word} names a figure.
HOSTILE = ('<script src=/photos/evil.js></script><img src=x onerror=alert(document.domain)>'
           '<meta http-equiv="refresh" content="zero;url=https://evil.example/"> "\' --></title></textarea>'
           '</style> javascript:alert(document.cookie) {{ "xy" ~ "zw" }} {% raw %}raw{% endraw %} ${ alert } &amp;')
INVISIBLE = ("\u202e", "\u200b")  # a right-to-left override and a zero-width space: refused, at their line


# ---- the text fields of the schema, and editing them ------------------------------------------

def text_fields(project: Path, monkeypatch) -> set[tuple[str, int, str]]:
    """(file, line, key) of every text field of the project's content, as its readers see it."""
    import sitegen.check.figures
    import sitegen.read.content
    from sitegen.check.report import read_report
    from sitegen.problems import Problems
    from sitegen.read.paths import Paths
    from sitegen.read.yamlsrc import LDict

    seen: set[tuple[str, int, str]] = set()
    original = sitegen.read.content.check_fields

    def recording(data, fields, where, problems, what="entry", line=0):
        if isinstance(data, LDict):
            for key, f in fields.items():
                if f.text and isinstance(data.get(key), str):
                    seen.add((where, data.line_of(key), key))
        return original(data, fields, where, problems, what, line)

    with monkeypatch.context() as m:
        m.chdir(project)
        m.setattr(sitegen.read.content, "check_fields", recording)
        m.setattr(sitegen.check.figures, "check_fields", recording)
        read_report(Paths.default(project), Problems())
    return seen


def plain(value):
    """LDict/LList trees as plain dicts and lists (for yaml.safe_dump)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def edit_tree(tree, where: str, fields: set, change) -> int:
    """Apply change(text) to every recorded text field of one parsed file; how many were changed."""
    n = 0
    if isinstance(tree, dict):
        for key, value in tree.items():
            if isinstance(value, str) and (where, tree.line_of(key), key) in fields:
                tree[key] = change(value)
                n += 1
            else:
                n += edit_tree(value, where, fields, change)
    elif isinstance(tree, list):
        n = sum(edit_tree(v, where, fields, change) for v in tree)
    return n


def edit_text_fields(project: Path, fields: set, change, body: str = "") -> int:
    """Change every text field of the content (YAML files and page front matter); add body to each page."""
    from sitegen.problems import Problems
    from sitegen.read.yamlsrc import parse_yaml

    n = 0
    content = project / "site_src"
    read = {project / where for where, _, _ in fields if where.endswith(".yml")}  # e.g. templates/glossary-base.yml
    for f in sorted(set(content.rglob("*.yml")) | read):
        where = str(f.relative_to(project))
        tree = parse_yaml(f.read_text(encoding="utf-8"), where, Problems())
        k = edit_tree(tree, where, fields, change)
        if k:
            n += k
            f.write_text(yaml.safe_dump(plain(tree), allow_unicode=True, sort_keys=False, width=10 ** 6),
                         encoding="utf-8")
    for f in sorted((content / "pages").rglob("*.md")):
        where = str(f.relative_to(project))
        text = f.read_text(encoding="utf-8")
        fm_text, rest = text[4:].split("\n---\n", 1)
        fm = parse_yaml(fm_text, where, Problems(), first_line=2)
        edit_tree(fm, where, fields, change)
        front = yaml.safe_dump(plain(fm), allow_unicode=True, sort_keys=False, width=10 ** 6)
        f.write_text(f"---\n{front}---\n{rest.rstrip()}\n\n{body}\n" if body else f"---\n{front}---\n{rest}",
                     encoding="utf-8")
    return n


def count_fields(fields: set) -> dict[str, int]:
    out: dict[str, int] = {}
    for where, _, _ in fields:
        parts = Path(where).parts
        name = parts[1] if parts[1] in ("pages", "translations") else parts[-1]
        out[name] = out.get(name, 0) + 1
    return out


# ---- the browser: what each page is made of -------------------------------------------------------

SHAPE_JS = """() => {
  const tags = {}, attrs = new Set();
  for (const e of document.querySelectorAll('*')) {
    if (e.tagName === 'WBR') continue;  // a title's break opportunities: as many as its phrases, whatever the words
    tags[e.tagName] = (tags[e.tagName] || 0) + 1;
    for (const a of e.attributes) attrs.add(e.tagName + '@' + a.name);
  }
  return {tags, attrs: [...attrs].sort(),
          scripts: [...document.scripts].map(s => s.src ? new URL(s.src).pathname : 'inline'),
          metas: [...document.querySelectorAll('meta[http-equiv]')].map(m => m.getAttribute('http-equiv')),
          js_urls: [...document.querySelectorAll('[href],[src],[action]')]
                   .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))
                   .filter(u => /^\\s*javascript:/i.test(u)),
          title: document.title, text: document.body.innerText, url: location.href};
}"""


def page_shapes(browser, site: Path) -> dict[str, dict]:
    """Every HTML page of a site, loaded in Chromium: its elements, attributes, scripts, dialogs, requests."""
    out = {}
    with checkers.serve(site) as base:
        ctx = browser.new_context()
        try:
            for f in checkers.html_files(site):
                path = checkers.url_path(site, f)
                page = ctx.new_page()
                events = {"dialogs": [], "off_host": []}
                page.on("dialog", lambda d, ev=events: (ev["dialogs"].append(d.message), d.dismiss()))
                page.on("request", lambda r, ev=events: ev["off_host"].append(r.url)
                        if not r.url.startswith(base) and not r.url.startswith("data:") else None)
                page.goto(base + path, wait_until="load")
                page.wait_for_timeout(150)  # a meta refresh of 0 s or a script would have acted by now
                shape = page.evaluate(SHAPE_JS)
                shape.update(events, path=path, base=base)
                out[path] = shape
                page.close()
        finally:
            ctx.close()
    return out


def twin_build(tmp_path_factory, built: Path, name: str, words: str) -> dict:
    """A copy of the project with words appended to every text field and to every page's body, built."""
    from _pytest.monkeypatch import MonkeyPatch

    project = tmp_path_factory.mktemp(name) / "project"
    shutil.copytree(built, project, symlinks=True)
    mp = MonkeyPatch()
    try:
        fields = text_fields(project, mp)
        edit_text_fields(project, fields, lambda t: f"{t} {words}", body=f"Body: {words}")
    finally:
        mp.undo()
    return {"project": project, "fields": fields, "proc": run_build(project)}


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory, _built_once):
    return twin_build(tmp_path_factory, _built_once, "hostile", HOSTILE)


@pytest.fixture(scope="module")
def benign_build(tmp_path_factory, _built_once):
    """The same edits with plain words: the pages the hostile build must be the same as, element for element."""
    return twin_build(tmp_path_factory, _built_once, "benign", "plain words")


def test_every_kind_of_text_field_is_found(hostile_build):
    """The schema's text fields are found in every content file that has some (a guard for the tests below)."""
    files = count_fields(hostile_build["fields"])
    for name in ("report.yml", "article.yml", "figures.yml", "glossary.yml", "translations", "pages"):
        assert files.get(name), f"no text field found in {name}: {files}"
    keys = {k for _, _, k in hostile_build["fields"]}
    assert {"title", "description", "publisher", "source", "credits", "site_name", "text", "zh", "en"} <= keys, keys


def test_hostile_text_is_accepted(hostile_build):
    proc = hostile_build["proc"]
    assert proc.returncode == 0, proc.stdout + proc.stderr[-4000:]
    assert "Traceback" not in proc.stderr


def test_hostile_text_adds_no_element_script_or_navigation(hostile_build, benign_build, chromium):
    for b in (hostile_build, benign_build):
        assert b["proc"].returncode == 0, b["proc"].stderr[-3000:]
    clean = page_shapes(chromium, benign_build["project"] / "site")
    hostile = page_shapes(chromium, hostile_build["project"] / "site")
    assert set(clean) == set(hostile), "the hostile build has other pages"
    faults = []
    for path, h in sorted(hostile.items()):
        c = clean[path]
        for what in ("tags", "attrs", "scripts", "metas"):
            if h[what] != c[what]:
                extra = (sorted(set(h[what]) - set(c[what])) if isinstance(h[what], list)
                         else {k: v for k, v in h[what].items() if c[what].get(k) != v})
                faults.append(f"{path}: {what} differ from the build with plain words: {extra}")
        if h["dialogs"] or h["js_urls"] or h["off_host"]:
            faults.append(f"{path}: dialogs {h['dialogs']}, javascript: URLs {h['js_urls']}, requests {h['off_host']}")
        if h["url"] != h["base"] + path:
            faults.append(f"{path}: the page navigated to {h['url']}")
        if "xyzw" in h["text"] or "xyzw" in h["title"]:
            faults.append(f"{path}: Jinja syntax in the content was evaluated")
    checkers.assert_no_problems("hostile content changed the pages", faults)
    # and it is there, as text: in the page titles, the footer's publisher and every page body
    shown = [p for p, h in hostile.items() if "<script src=/photos/evil.js></script>" in h["text"]]
    titled = [p for p, h in hostile.items() if "<script src=/photos/evil.js>" in h["title"]]
    assert len(shown) >= len(hostile) - 3, f"the hostile text is not shown as text on most pages: {shown}"
    assert titled, "no page title shows the hostile text"
    # shown as typed (an English page sets its straight quotes curly: as text, never evaluated)
    assert all('{{ "xy" ~ "zw" }} {% raw %}raw{% endraw %}' in h["text"]
               or "{{ “xy” ~ “zw” }} {% raw %}raw{% endraw %}" in h["text"] for p, h in hostile.items() if p in shown)


class LiveTags(HTMLParser):
    """The tags and attributes of a file that HOSTILE would add if it were not escaped."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if any(k.startswith("on") for k in a) or (tag == "meta" and a.get("http-equiv") == "refresh") \
                or (tag in ("script", "img") and (a.get("src") or "").startswith(("/photos", "x"))):
            self.found.append(f"<{tag} {a}>")


def test_hostile_text_escaped_in_every_file(hostile_build):
    """No HTML file of the site has a live tag or attribute from the content (404 and root page too)."""
    site = hostile_build["project"] / "site"
    assert hostile_build["proc"].returncode == 0
    hits = []
    for f in sorted(site.rglob("*.html")):
        parser = LiveTags()
        parser.feed(f.read_text(encoding="utf-8"))
        hits += [f"{f.relative_to(site)}: {t}" for t in parser.found]
        if "xyzw" in f.read_text(encoding="utf-8"):
            hits.append(f"{f.relative_to(site)}: Jinja syntax evaluated")
    assert not hits, hits[:10]
    root = (site / "index.html").read_text(encoding="utf-8")
    assert "&lt;script src=/photos/evil.js&gt;" in root, "the root page does not show the site name as text"
    assert "&lt;script src=/photos/evil.js&gt;" in (site / "en" / "404.html").read_text(encoding="utf-8")


# ---- invisible characters in every text field: refused, each at its line ------------------------

@pytest.mark.parametrize("char", INVISIBLE, ids=["U+202E", "U+200B"])
def test_invisible_characters_in_every_text_field_are_refused(built_project, monkeypatch, char):
    p = built_project
    before = tree_digest(p / "site")
    edit_text_fields(p, text_fields(p, monkeypatch), lambda t: f"{t[:1]}{char}{t[1:]}", body=f"Body {char}text")
    fields = text_fields(p, monkeypatch)  # the lines after the files were rewritten
    proc = run_build(p)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert tree_digest(p / "site") == before
    code = f"U+{ord(char):04X}"
    said = f"contains the invisible character {re.escape(code)}"
    missing = [f"{where}:{line}: '{key}'" for where, line, key in sorted(fields)
               if not re.search(rf"^{re.escape(where)}:{line}: '{key}' in .* {said}", proc.stderr, re.M)]
    assert not missing, f"{len(missing)} of {len(fields)} text fields not reported, e.g. {missing[:5]}\n" \
                        + proc.stderr[-2000:]
    body = [ln for ln in proc.stderr.split("\n")
            if re.match(r"site_src/pages/\w+/[\w-]+\.md:\d+: the page contains", ln)]
    assert len(body) == len(list((p / "site_src/pages").rglob("*.md"))), body[:5]


# ---- the CSP: no other file of the host runs as a script -----------------------------------------

def test_csp_runs_only_the_sites_own_scripts(built_site, chromium, tmp_path):
    """A .js file among the photos, named by an injected <script> in a copy of a built page, is refused;
    the same page without its CSP runs it (so the test can fail); the page's own scripts and plotly.js run."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    (site / "photos").mkdir(exist_ok=True)
    (site / "photos" / "evil.js").write_text("window.evil = true;\n", encoding="utf-8")
    page = (site / "en" / "safety" / "index.html").read_text(encoding="utf-8")
    assert 'data-plotly="' in page, "the safety page has no chart: choose another page with one"
    inject = '<script src="../../photos/evil.js"></script><script>window.inline = true;</script>'
    injected = page.replace("</head>", inject + "</head>", 1)
    for name, html in (("with-csp", injected),
                       ("without-csp", re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", injected))):
        (site / "en" / name).mkdir()
        (site / "en" / name / "index.html").write_text(html, encoding="utf-8")
    seen = {}
    with checkers.serve(site) as base:
        ctx = chromium.new_context()
        try:
            for name in ("with-csp", "without-csp"):
                pg = ctx.new_page()
                violations = []
                pg.on("console", lambda m, v=violations: v.append(m.text)
                      if "Content Security Policy" in m.text else None)
                pg.goto(f"{base}/en/{name}/", wait_until="load")
                pg.wait_for_timeout(100)
                state = pg.evaluate("() => ({evil: !!window.evil, inline: !!window.inline, "
                                    "own: !document.querySelector('.copy-link').hidden})")
                pg.hover(".chart")
                pg.wait_for_selector(".chart.is-live", timeout=15000)
                seen[name] = {**state, "violations": violations}
                pg.close()
        finally:
            ctx.close()
    assert seen["without-csp"]["evil"] and seen["without-csp"]["inline"], "the injected scripts never ran: no test"
    assert not seen["with-csp"]["evil"], "a same-origin file that is not one of the site's scripts ran"
    assert not seen["with-csp"]["inline"], "an inline script ran"
    assert seen["with-csp"]["own"], "the site's own script (site.js) did not run"
    assert any("evil.js" in v for v in seen["with-csp"]["violations"]), seen["with-csp"]["violations"]


def test_every_page_names_its_scripts_by_hash(built_site):
    """Each <script src> carries an integrity hash that the page's CSP lists; no 'self' or 'unsafe-inline'."""
    import base64
    import hashlib

    faults = []
    for f in checkers.html_files(built_site):
        html = f.read_text(encoding="utf-8")
        csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
        script_src = re.search(r"script-src ([^;]*)", csp.group(1) if csp else "")
        if not script_src:
            faults.append(f"{f}: no script-src")
            continue
        allowed = script_src.group(1).split()
        if "'self'" in allowed or "'unsafe-inline'" in allowed:
            faults.append(f"{f}: script-src allows {allowed}")
        for src, integrity in re.findall(r'<script[^>]*\bsrc="([^"]*)"[^>]*\sintegrity="([^"]*)"', html):
            data = (f.parent / src).resolve().read_bytes()
            want = "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
            if integrity != want or f"'{want}'" not in allowed:
                faults.append(f"{f}: {src} is not allowed by its hash")
        if len(re.findall(r"<script\b", html)) != len(re.findall(r'<script[^>]*\sintegrity="', html)):
            faults.append(f"{f}: a script without integrity")
    assert not faults, faults


def test_preview_reload_script_is_allowed_by_the_csp(built_site, chromium):
    """build.py serve adds its reload script to each page and its hash to the page's CSP: it runs (polls)."""
    import http.server
    import threading

    from sitegen.commands.serve import State, make_handler

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(built_site, State()))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        ctx = chromium.new_context()
        page = ctx.new_page()
        polls, violations = [], []
        page.on("request", lambda r: polls.append(r.url) if r.url.endswith("/__build") else None)
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(base + "/en/safety/", wait_until="load")
        page.wait_for_timeout(1600)
        ctx.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert polls, f"the preview's reload script did not run: {violations}"
    assert not violations, violations
