"""Quality gates for a built static site, as plain functions that return lists of problem strings.

Each gate names the page and the problem in every string, so the tests can collect all of a gate's
problems and assert once with a readable list. The same functions run on the real site (built by
conftest's `built_site`) and on the deliberately broken site in tests/fixtures/broken/, which must
make every gate fail.

Gates:
  * links         check_links(site)           internal href/src, #fragments, no third-party resources
  * Nu validator  run_vnu(jar, files) -> vnu_problems(report, root)       errors / warnings
  * browser       visit_pages(browser, base, paths) -> load_problems, overflow_problems,
                  chart_problems, lang_switch_problems, screenshot_problems, axe_problems
"""
from __future__ import annotations

import json
import os
import posixpath
import re
import selectors
import shutil
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
TOOLS = TESTS / "tools" / "node_modules"
AXE_JS = TOOLS / "axe-core" / "axe.min.js"
VNU_JAR = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path(os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]
SCREENSHOTS = ROOT / "test-output" / "screenshots"
BROKEN_SITE = TESTS / "fixtures" / "broken"
LOCAL_HOST = "127.0.0.1"
LANGS = ("zh", "en")


def need_tool(tool: str, present: bool, hint: str = "") -> None:
    """Stop a test whose tool is missing: pytest.fail when the env var CI is set, else pytest.skip."""
    if present:
        return
    import pytest
    msg = f"missing tool: {tool}" + (f" ({hint})" if hint else "")
    if os.environ.get("CI"):
        pytest.fail(msg + " -- required in CI", pytrace=False)
    pytest.skip(msg)


def assert_no_problems(title: str, problems: list[str]) -> None:
    """Fail once with the whole readable list (no assertion rewriting dump of the list)."""
    if problems:
        import pytest
        pytest.fail(report(title, problems), pytrace=False)


def report(title: str, problems: list[str], limit: int = 400) -> str:
    """One readable assertion message: a title, a count and one problem per line."""
    shown = problems[:limit]
    more = [f"... and {len(problems) - limit} more"] if len(problems) > limit else []
    return f"{title}: {len(problems)} problem(s)\n  " + "\n  ".join(shown + more)


# ---------------------------------------------------------------------------------------------
# pages of a site
# ---------------------------------------------------------------------------------------------

def html_files(site: Path) -> list[Path]:
    """Every .html file of a built site (hidden folders left out), sorted."""
    return sorted(p for p in site.rglob("*.html")
                  if not any(part.startswith(".") for part in p.relative_to(site).parts))


def url_path(site: Path, file: Path) -> str:
    """The URL path a file is served at: zh/x/index.html -> /zh/x/, zh/404.html -> /zh/404.html."""
    rel = file.relative_to(site).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def local_file(site: Path, path: str) -> Path | None:
    """The file that a URL path maps to in the built folder (a directory URL -> its index.html)."""
    rel = posixpath.normpath("/" + unquote(path)).lstrip("/")
    if rel in ("", "."):
        cand = site / "index.html"
    else:
        cand = site / rel
        if path.endswith("/") or cand.is_dir():
            cand = cand / "index.html"
    try:
        cand.resolve().relative_to(site.resolve())
    except ValueError:  # escapes the site
        return None
    return cand if cand.is_file() else None


def read_sitemap(site: Path) -> tuple[str | None, list[str], list[str]]:
    """(production origin, URL paths of every <loc> and hreflang alternate in order, problems)."""
    sm = site / "sitemap.xml"
    if not sm.is_file():
        return None, [], ["sitemap.xml: missing"]
    try:
        tree = ET.parse(sm)
    except ET.ParseError as e:
        return None, [], [f"sitemap.xml: not well-formed XML: {e}"]
    urls = []
    for el in tree.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "loc" and el.text:
            urls.append(el.text.strip())
        elif tag == "link" and el.get("href"):
            urls.append(el.get("href").strip())
    origins = sorted({f"{s.scheme}://{s.netloc}" for s in map(urlsplit, urls)})
    problems = []
    if len(origins) > 1:
        problems.append("sitemap.xml: URLs on several hosts: " + ", ".join(origins))
    paths = []
    for u in urls:
        p = urlsplit(u).path or "/"
        if p not in paths:
            paths.append(p)
    return (origins[0] if origins else None), paths, problems


def pages_to_visit(site: Path) -> list[str]:
    """Every page of sitemap.xml (both languages), the root language chooser and the 404 pages."""
    _, paths, _ = read_sitemap(site)
    for extra in ("/", "/404.html", "/zh/404.html", "/en/404.html"):
        if extra not in paths:
            paths.append(extra)
    return paths


def other_language(path: str) -> str | None:
    """/zh/x/ -> /en/x/ (and back); None for a path outside /zh/ and /en/."""
    m = re.match(r"^/(zh|en)/(.*)$", path)
    if not m:
        return None
    return f"/{'en' if m.group(1) == 'zh' else 'zh'}/{m.group(2)}"


# ---------------------------------------------------------------------------------------------
# links gate: own crawl over the built files
# ---------------------------------------------------------------------------------------------

# (tag, attribute) pairs that make the browser fetch something (a resource, never a plain link)
RESOURCE_ATTRS = {
    ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
    ("iframe", "src"), ("embed", "src"), ("object", "data"), ("video", "src"), ("video", "poster"),
    ("audio", "src"), ("track", "src"), ("input", "src"), ("image", "href"), ("use", "href"),
    # the site's charts.js loads the plotly bundle named here when a chart scrolls into view
    ("script", "data-plotly"),
}
NAV_ATTRS = {("a", "href"), ("area", "href")}
SKIP_SCHEMES = {"mailto", "tel", "data", "blob", "about"}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[int, str, str, str, str]] = []  # line, tag, attr, value, kind
        self.base: str | None = None

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs)

    def _tag(self, tag, attrs):
        line = self.getpos()[0]
        a = {k.lower(): (v or "") for k, v in attrs}
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "base" and "href" in a:
            self.base = a["href"]
        for name, value in a.items():
            if name == "xlink:href":
                name = "href"
            key = (tag, name)
            if key in NAV_ATTRS:
                self.refs.append((line, tag, name, value, "nav"))
            elif key in RESOURCE_ATTRS:
                if name == "srcset":
                    for cand in value.split(","):
                        if cand.strip():
                            self.refs.append((line, tag, name, cand.split()[0], "resource"))
                else:
                    self.refs.append((line, tag, name, value, "resource"))
        if tag == "link" and "href" in a:
            rel = set(a.get("rel", "").lower().split())
            # canonical/alternate (and other link relations that only name a page) are not fetched
            kind = "meta" if rel & {"canonical", "alternate", "prev", "next", "author", "license",
                                    "help", "search", "sitemap"} and not rel & {"stylesheet", "icon"} \
                else "resource"
            self.refs.append((line, tag, "href", a["href"], kind))
        if tag == "meta":
            prop = (a.get("property") or a.get("name") or "").lower()
            if prop in ("og:url", "og:image", "twitter:image") and a.get("content"):
                self.refs.append((line, tag, prop, a["content"], "meta"))
            if a.get("http-equiv", "").lower() == "refresh":
                m = re.search(r"url\s*=\s*['\"]?([^'\";]+)", a.get("content", ""), re.I)
                if m:
                    self.refs.append((line, tag, "refresh", m.group(1).strip(), "nav"))


def _parse(file: Path) -> _PageParser:
    p = _PageParser()
    p.feed(file.read_text(encoding="utf-8", errors="replace"))
    p.close()
    return p


def check_links(site: Path, prod_origin: str | None = None) -> list[str]:
    """Every internal link of every page resolves; every #fragment exists; no third-party resource.

    * relative, root-relative and same-host (127.0.0.1 or the production origin) URLs must map to a
      file of the built folder (a directory URL -> index.html);
    * a #fragment (on <a>/<area>) must be an id, or the name of an <a>, in the target page;
    * absolute URLs to other hosts are allowed only as plain links (<a href>), never as the src/href
      of something the browser fetches (<script src>, <link rel=stylesheet|icon href>, <img src>, ...);
    * canonical / hreflang alternates / og:url on the production host are mapped to local files
      (not fetched); so are the URLs of sitemap.xml;
    * url(...) and @import in the CSS files follow the same resource rules.
    """
    site = site.resolve()
    problems: list[str] = []
    if prod_origin is None:
        prod_origin, _, _ = read_sitemap(site)
    prod = urlsplit(prod_origin) if prod_origin else None
    files = html_files(site)
    parsed = {f: _parse(f) for f in files}
    ids_of = {f: p.ids for f, p in parsed.items()}

    def ids_for(target: Path) -> set[str] | None:
        if target.suffix.lower() not in (".html", ".htm"):
            return None
        if target not in ids_of:
            ids_of[target] = _parse(target).ids
        return ids_of[target]

    def check(where: str, base_path: str, tag: str, attr: str, value: str, kind: str,
              page_ids: set[str] | None) -> None:
        raw = value.strip()
        label = f'{where}: <{tag} {attr}="{raw}">'
        if not raw:
            problems.append(f"{label}: empty URL")
            return
        parts = urlsplit(raw)
        scheme = parts.scheme.lower()
        if scheme in SKIP_SCHEMES:
            return
        if scheme == "javascript":
            problems.append(f"{label}: javascript: URL")
            return
        if scheme and scheme not in ("http", "https"):
            problems.append(f"{label}: unexpected URL scheme {scheme!r}")
            return
        if parts.netloc:  # absolute (or protocol-relative) URL
            host = (parts.hostname or "").lower()
            on_prod = prod is not None and host == (prod.hostname or "").lower()
            if host == LOCAL_HOST:
                pass  # same host as the test server: check like a local path
            elif on_prod and kind in ("nav", "meta"):
                pass  # a page of this site by its public address: map it to the built file
            elif kind == "resource":
                problems.append(f"{label}: resource loaded from another host ({host}); "
                                "serve it from the site itself")
                return
            elif kind == "meta":
                problems.append(f"{label}: not on the production host {prod_origin}")
                return
            else:
                return  # a plain link to another website: allowed, not fetched
        target_path = urlsplit(urljoin("http://h" + base_path, raw)).path or "/"
        target = local_file(site, target_path)
        if target is None:
            problems.append(f"{label}: target {target_path} does not exist in the built site")
            return
        frag = unquote(parts.fragment)
        if frag and kind == "nav":
            ids = page_ids if target_path == urlsplit(base_path).path and page_ids is not None \
                else ids_for(target)
            if ids is not None and frag not in ids:
                problems.append(f"{label}: no element with id or name “{frag}” in "
                                f"{target.relative_to(site).as_posix()}")

    for f, p in parsed.items():
        where = f.relative_to(site).as_posix()
        base = url_path(site, f)
        if p.base is not None:
            problems.append(f"{where}: <base href> found; the link check does not support it")
        for line, tag, attr, value, kind in p.refs:
            check(f"{where}:{line}", base, tag, attr, value, kind, p.ids)

    for css in sorted(site.rglob("*.css")):
        where = css.relative_to(site).as_posix()
        text = css.read_text(encoding="utf-8", errors="replace")
        text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
        for m in re.finditer(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]+)\3""", text):
            value = m.group(2) if m.group(2) is not None else m.group(4)
            if value.startswith("#"):
                continue  # an SVG filter/fragment reference inside the document
            line = text.count("\n", 0, m.start()) + 1
            check(f"{where}:{line}", "/" + where, "css", "url", value, "resource", None)

    if (site / "sitemap.xml").is_file():
        _, paths, sm_problems = read_sitemap(site)
        problems += sm_problems
        for p in paths:
            if local_file(site, p) is None:
                problems.append(f"sitemap.xml: {p} does not exist in the built site")
    return problems


# ---------------------------------------------------------------------------------------------
# Nu Html Checker gate
# ---------------------------------------------------------------------------------------------

def start_vnu(jar: Path, targets: list, css: bool = False) -> subprocess.Popen:
    """Start vnu.jar once (one JVM) on all targets at once (files, or http://127.0.0.1 URLs, which
    make its meta-CSP checks meaningful); collect its report with finish_vnu()."""
    # C1-only JIT halves the JVM's start-up here (same messages); it needs a bigger thread stack.
    # Without the two properties vnu refuses to fetch 127.0.0.1 URLs.
    cmd = ["java", "-Xss8m", "-XX:TieredStopAtLevel=1",
           "-Dnu.validator.servlet.allow-forbidden-hosts=true",
           "-Dnu.validator.servlet.allowed-address-type=all",
           "-jar", str(jar), "--format", "json", "--stdout"]
    if css:
        cmd.append("--css")
    return subprocess.Popen(cmd + [str(t) for t in targets], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")


def finish_vnu(proc: subprocess.Popen, timeout: int = 300) -> dict:
    """The JSON report of a vnu.jar run (an unreadable answer becomes one error message)."""
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        return {"messages": [{"type": "non-document-error",
                              "message": f"vnu.jar did not finish within {timeout} s"}]}
    try:
        return json.loads(out)
    except json.JSONDecodeError:
        return {"messages": [{"type": "non-document-error",
                              "message": f"vnu.jar did not answer JSON (exit {proc.returncode}): "
                                         f"{(out + err)[-2000:]}"}]}


def run_vnu(jar: Path, targets: list, css: bool = False) -> dict:
    """vnu.jar --format json on all targets in one JVM; its JSON report."""
    return finish_vnu(start_vnu(jar, targets, css))


def page_urls(site: Path, base_url: str) -> list[str]:
    """The URL of every HTML file of a site served at base_url (files named as they are)."""
    return [base_url + "/" + quote(f.relative_to(site).as_posix()) for f in html_files(site)]


def vnu_problems(vnu_report: dict, root: Path, base_url: str | None = None) -> tuple[list[str], list[str]]:
    """(errors, warnings) of a vnu JSON report, each naming the file (relative to root, whether it
    was checked as a file or from base_url), the line and the message."""
    errors, warnings = [], []
    root = root.resolve()
    for m in vnu_report.get("messages", []):
        url = m.get("url", "")
        where = url
        if base_url and url.startswith(base_url + "/"):
            where = unquote(urlsplit(url).path).lstrip("/") or "index.html"
        elif url.startswith("file:"):
            p = Path(unquote(urlsplit(url).path))
            try:
                where = p.resolve().relative_to(root).as_posix()
            except ValueError:
                where = str(p)
        line = m.get("lastLine") or m.get("firstLine")
        pos = f"{where}:{line}" if line else (where or "vnu")
        extract = " ".join((m.get("extract") or "").split())
        text = f"{pos}: {m.get('message', '').strip()}" + (f"  [{extract[:120]}]" if extract else "")
        kind, sub = m.get("type"), m.get("subType")
        if kind in ("error", "non-document-error"):
            errors.append(text)
        elif kind == "info" and sub == "warning":
            warnings.append(text)
    return errors, warnings


# ---------------------------------------------------------------------------------------------
# a static server and a browser
# ---------------------------------------------------------------------------------------------

@contextmanager
def serve(directory: Path, timeout: float = 15.0):
    """Serve a folder with ONE `python -m http.server` on a free 127.0.0.1 port; yields its base URL
    (no trailing slash). Only the server started here is stopped, by its own handle."""
    proc = subprocess.Popen([sys.executable, "-u", "-m", "http.server", "0", "--bind", LOCAL_HOST,
                             "--directory", str(directory)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        port = None
        while port is None and time.monotonic() < deadline and proc.poll() is None:
            if sel.select(timeout=0.2):
                line = proc.stdout.readline()
                m = re.search(r"port (\d+)", line)
                if m:
                    port = int(m.group(1))
        sel.close()
        if port is None:
            raise RuntimeError(f"python -m http.server did not start on {LOCAL_HOST} (exit {proc.poll()})")
        base = f"http://{LOCAL_HOST}:{port}"
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # ignore *_proxy env
        while True:  # ready when it answers
            try:
                direct.open(base + "/", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()


def launch_chromium(playwright):
    """Debian's /usr/bin/chromium through Playwright (never let Playwright download its own browser). Every host
    name but 127.0.0.1 fails to resolve, and every request that is not to the loopback goes to a proxy port
    where nothing listens: a page can try another host (the tests record it, from the `request`
    event), but nothing leaves the machine."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
                                      + ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                                         "--proxy-server=http://127.0.0.1:9"])


# ---------------------------------------------------------------------------------------------
# browser gate
# ---------------------------------------------------------------------------------------------

@dataclass
class Visit:
    """What one page did in the browser."""
    path: str
    status: int | None = None
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    off_host: list[str] = field(default_factory=list)
    scroll_width: int = 0
    overflowers: list[str] = field(default_factory=list)
    charts: int = 0
    charts_live: int = 0
    plotly_before_interaction: bool = False
    chart_failures: list[str] = field(default_factory=list)
    lang: str | None = None
    lang_switch: dict | None = None
    axe: dict | None = None
    screenshots: list[str] = field(default_factory=list)
    crash: str | None = None
    seconds: float = 0.0
    steps: dict = field(default_factory=dict)  # seconds per step, to see where the time goes


OVERFLOW_JS = r"""
(width) => {
  const de = document.documentElement;
  const desc = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                     (el.classList.length ? '.' + [...el.classList].join('.') : '');
  const out = [];
  if (de.scrollWidth > width) {
    for (const el of document.body ? document.body.querySelectorAll('*') : []) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && r.width > 0) {
        // report the outermost offenders, not every descendant, and nothing that sits inside a
        // scrolling or clipping box (it does not widen the page)
        const p = el.parentElement;
        if (p && p.getBoundingClientRect().right > width + 1) continue;
        let clipped = false;
        for (let a = p; a && a !== document.body; a = a.parentElement)
          if (getComputedStyle(a).overflowX !== 'visible') { clipped = true; break; }
        if (clipped) continue;
        out.push(desc(el) + ' (right edge ' + Math.round(r.right) + 'px)');
        if (out.length >= 5) break;
      }
    }
  }
  return {scrollWidth: de.scrollWidth, overflowers: out};
}
"""

AXE_RUN_JS = r"""
async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return {version: axe.version, violations: r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
      why: ((n.any[0] || n.all[0] || n.none[0] || {}).message || '')}))}))};
}
"""


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname == LOCAL_HOST


def _shot_name(path: str) -> str:
    name = path.strip("/").replace(".html", "").replace("/", "-")
    return name or "root"


def visit_pages(browser, base_url: str, paths: list[str], *, axe_source: str | None = None,
                shots_dir: Path | None = None, width: int = 360, height: int = 740,
                timeout_ms: int = 15000) -> dict[str, Visit]:
    """Load each page in turn in ONE browser tab and record what a reader's browser would see.

    One tab for all pages keeps Chromium's HTTP and code caches warm (plotly.js and axe-core are
    compiled once, not once per page). No request interception (it would disable the cache): a
    request to a host other than 127.0.0.1 is recorded from the `request` event, and the browser's
    host resolver (launch_chromium) makes it fail, so the tests never reach the internet.

    Per page, at width x height: console errors, uncaught exceptions, failed or >= 400 local
    requests, every off-host request; each figure.chart scrolled into view and hovered, then .js-plotly-plot
    awaited inside; document.documentElement.scrollWidth before and after the charts; axe-core;
    full-page screenshots at 390 px and 1366 px; a click on a.lang-switch (where it lands)."""
    visits: dict[str, Visit] = {}
    ctx = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1,
                              service_workers="block")
    ctx.set_default_timeout(timeout_ms)
    page = ctx.new_page()
    cur: list[Visit | None] = [None]  # the visit that events are recorded into (None: ignore)

    def on_request(r):
        v = cur[0]
        if v is not None and not _is_local(r.url):
            v.off_host.append(f"{r.url} ({r.resource_type})")
        if v is not None and "/assets/plotly." in r.url and not v.steps.get("interacting"):
            v.plotly_before_interaction = True

    def on_console(m):
        v = cur[0]
        if v is None or m.type != "error":
            return
        loc = m.location or {}
        src = loc.get("url", "")
        if src and not _is_local(src) and any(o.startswith(src + " ") for o in v.off_host):
            return  # the failed third-party request, already reported as such
        v.console_errors.append(m.text + (f" @ {src}:{loc.get('lineNumber', '')}" if src else ""))

    def on_response(r):
        v = cur[0]
        if v is not None and r.status >= 400 and _is_local(r.url):
            v.failed.append(f"HTTP {r.status} {r.url}")

    def on_failed(r):
        v = cur[0]
        if v is not None and _is_local(r.url):
            v.failed.append(f"{r.url} failed: {r.failure}")

    page.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", lambda e: cur[0] is not None and cur[0].page_errors.append(str(e)))
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    try:
        for path in paths:
            v = visits[path] = Visit(path)
            t0 = time.monotonic()
            try:
                _visit(page, v, base_url, path, axe_source, shots_dir, width, height, cur)
            except Exception as e:  # noqa: BLE001 - report and go on with the next page
                v.crash = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
                cur[0] = None
                if page.is_closed():
                    page = ctx.new_page()
            v.seconds = time.monotonic() - t0
    finally:
        cur[0] = None
        ctx.close()
    return visits


def _visit(page, v: Visit, base_url, path, axe_source, shots_dir, width, height, cur) -> None:
    t = [time.monotonic()]

    def step(name):
        now = time.monotonic()
        v.steps[name] = round(now - t[0], 2)
        t[0] = now

    # leave the previous page first, so its unfinished requests (favicon, plotly.js after the
    # language switch) are cancelled before this visit records anything
    page.goto("about:blank")
    page.set_viewport_size({"width": width, "height": height})
    cur[0] = v
    resp = page.goto(base_url + path, wait_until="load")
    v.status = resp.status if resp else None
    if v.status is None or v.status >= 400:
        v.failed.append(f"HTTP {v.status} for the page itself")
    v.lang = page.evaluate("document.documentElement.lang")
    first = page.evaluate(OVERFLOW_JS, width)
    step("load")

    page.wait_for_timeout(300)  # anything the page fetches by itself after load
    v.steps["interacting"] = 1
    figures = page.locator("figure.chart:has(.chart-live)")  # icons and tiles are complete without Plotly
    v.charts = figures.count()
    for i in range(v.charts):
        fig = figures.nth(i)
        name = fig.get_attribute("id") or f"figure.chart #{i + 1}"
        try:
            fig.scroll_into_view_if_needed()
            fig.hover()  # charts.js loads plotly.js when a reader reaches for a chart
            fig.locator(".js-plotly-plot").first.wait_for(state="attached", timeout=10000)
        except Exception as e:  # noqa: BLE001 - any failure is a chart that did not render
            v.chart_failures.append(f"{name}: no .js-plotly-plot after scrolling into view and hovering "
                                    f"({type(e).__name__})")
            continue
        try:  # Plotly marks the box first, then draws: the chart must really be drawn
            fig.locator(".js-plotly-plot svg.main-svg").first.wait_for(state="visible", timeout=5000)
        except Exception as e:  # noqa: BLE001
            v.chart_failures.append(f"{name}: .js-plotly-plot present but no visible svg.main-svg "
                                    f"({type(e).__name__})")
    v.charts_live = page.locator("figure.chart .js-plotly-plot").count()
    page.evaluate("window.scrollTo(0, 0)")
    second = page.evaluate(OVERFLOW_JS, width)
    worst = max((first, second), key=lambda r: r["scrollWidth"])
    v.scroll_width, v.overflowers = worst["scrollWidth"], worst["overflowers"]
    step("charts")

    if axe_source:
        page.evaluate(axe_source + "\n;0")  # through CDP, so a strict CSP cannot block it
        v.axe = page.evaluate(AXE_RUN_JS)
        step("axe")

    if shots_dir is not None:
        shots_dir.mkdir(parents=True, exist_ok=True)
        page.evaluate("document.fonts.ready.then(() => 0)")
        for w, h in ((390, 844), (1366, 768)):
            page.set_viewport_size({"width": w, "height": h})
            if v.charts_live:
                page.wait_for_timeout(150)  # Plotly's responsive re-layout runs 100 ms after a resize
            out = shots_dir / f"{_shot_name(path)}-{w}.png"
            page.screenshot(path=str(out), full_page=True)
            v.screenshots.append(str(out))
            step(f"shot{w}")

    switch = page.locator("a.lang-switch")
    if switch.count():
        href = switch.first.get_attribute("href")
        cur[0] = None  # the other page is checked on its own visit
        with page.expect_navigation(wait_until="commit") as nav:
            switch.first.click()
        r = nav.value
        v.lang_switch = {"href": href, "landed": urlsplit(page.url).path,
                         "status": r.status if r else None}
        step("switch")
    cur[0] = None


def load_problems(visits: dict[str, Visit]) -> list[str]:
    """Console errors, JS exceptions, failed/>=400 requests, requests to other hosts, crashes."""
    out = []
    for p, v in visits.items():
        if v.crash:
            out.append(f"{p}: the page could not be checked: {v.crash}")
        out += [f"{p}: request to another host than {LOCAL_HOST}: {u}" for u in v.off_host]
        out += [f"{p}: console error: {c}" for c in v.console_errors]
        out += [f"{p}: uncaught JS error: {c}" for c in v.page_errors]
        out += [f"{p}: failed request: {c}" for c in sorted(set(v.failed))]
    return out


def overflow_problems(visits: dict[str, Visit], width: int = 360) -> list[str]:
    return [f"{p}: horizontal overflow at {width} px: documentElement.scrollWidth = {v.scroll_width}"
            + (f"; wider elements: {', '.join(v.overflowers)}" if v.overflowers else "")
            for p, v in visits.items() if v.scroll_width > width]


def chart_problems(visits: dict[str, Visit]) -> list[str]:
    out = []
    for p, v in visits.items():
        out += [f"{p}: chart {c}" for c in v.chart_failures]
        if v.charts_live != v.charts:
            out.append(f"{p}: {v.charts_live} live chart(s) (.js-plotly-plot) for {v.charts} figure.chart")
    return out


def lang_switch_problems(visits: dict[str, Visit], required: list[str]) -> list[str]:
    """a.lang-switch lands on the same page in the other language (same path after /zh/ or /en/),
    a page that answers (HTTP < 400) and whose <html lang> (from its own visit) is that language."""
    out = []
    for p, v in visits.items():
        ls = v.lang_switch
        if ls is None:
            if p in required:
                out.append(f"{p}: no language switch (a.lang-switch)" + (f" [{v.crash}]" if v.crash else ""))
            continue
        want = other_language(p)
        landed = re.sub(r"index\.html$", "", ls["landed"])
        if want is None or landed != re.sub(r"index\.html$", "", want):
            out.append(f"{p}: language switch href={ls['href']!r} lands on {ls['landed']}, expected {want}")
        elif ls["status"] is not None and ls["status"] >= 400:
            out.append(f"{p}: language switch lands on {ls['landed']} with HTTP {ls['status']}")
        else:
            want_lang = "en" if want.startswith("/en/") else "zh"
            there = visits.get(ls["landed"])
            if there is not None and not (there.lang or "").lower().startswith(want_lang):
                out.append(f"{p}: language switch lands on {ls['landed']} whose <html lang> is "
                           f"{there.lang!r}, expected {want_lang}*")
    return out


def screenshot_problems(visits: dict[str, Visit]) -> list[str]:
    out = []
    for p, v in visits.items():
        if len(v.screenshots) != 2:
            out.append(f"{p}: {len(v.screenshots)} screenshot(s) written, expected 2 (390 and 1366 px)")
        for s in v.screenshots:
            if not Path(s).is_file() or Path(s).stat().st_size < 1000:
                out.append(f"{p}: screenshot {s} missing or empty")
    return out


def axe_problems(visits: dict[str, Visit], impacts=("serious", "critical")) -> list[str]:
    """axe-core violations of the given impacts, one line per rule and page."""
    out = []
    for p, v in visits.items():
        if v.axe is None:
            if impacts and "critical" in impacts:
                out.append(f"{p}: axe-core did not run" + (f" ({v.crash})" if v.crash else ""))
            continue
        for viol in v.axe["violations"]:
            if viol["impact"] not in impacts:
                continue
            nodes = viol["nodes"]
            detail = "; ".join(f"{n['target']}" + (f" ({n['why']})" if n["why"] else "")
                               for n in nodes[:4])
            more = f"; +{len(nodes) - 4} more" if len(nodes) > 4 else ""
            out.append(f"{p}: axe {viol['id']} [{viol['impact']}] {viol['help']} -> {detail}{more}")
    return out


def have_playwright() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def have_java() -> bool:
    return shutil.which("java") is not None
