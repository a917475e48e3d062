#!/usr/bin/env python3
"""Benchmark the site generator: page weight, build time, preview latency, scaling, Lighthouse.

    python scripts/benchmark.py [--quick] [--skip-lighthouse] [--out benchmarks/latest.json]

Prints the results as tables and writes them to --out (JSON) and to a Markdown summary beside it
(same name, .md). Everything that builds runs on a COPY of the project in a temporary folder: this
checkout's site/, docs/ and build cache (.cache/share, .cache/touch-icon) are never read or
written. The only thing written in the checkout besides the results is the Lighthouse install in
.cache/bench-tools/ (on demand, for the full run).

Sections (see the "Method" notes written into the Markdown for the details):
  1. page weight   every page of sitemap.xml + the root chooser, loaded in Debian Chromium at
                   390x844 from a local server that sends the build's .gz copies (else gzips at
                   level 6); bytes on the wire counted by the server, before any interaction
                   and after scrolling every chart into view (plotly.js loaded); budgets: star
                   page <= 150 KB, page without charts <= 60 KB (KB = 1024 bytes), before interaction
  2. build time    cold (no .cache/, no site/, no docs/), unchanged rebuild, one paragraph changed,
                   and a plain `python -m mkdocs build` per language as the reference
  3. preview       `build.py serve`: edit a unit's English, poll its page every 20 ms
  4. scaling       every star page copied to <star>-copyK (K = 2..N) and put in the nav
  5. Lighthouse    12.2.3, mobile default, median of 3, home / industry / overview, zh and en
--quick: one run of each, page weight of the home, first star and overview pages only, scaling x1 and
x2 only, no Lighthouse (the smoke test uses it).
"""
from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from email.utils import formatdate
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
COPY = ("build.py", "mkdocs.yml", "seeds", "site_src", "templates", "sitegen")  # as tests/conftest.py
CHROMIUM = Path(os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking"]
LH_VERSION = "12.2.3"
LH_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking "
            "--disable-component-update --disable-sync --no-first-run")
BENCH_TOOLS = Path(os.environ.get("BENCH_TOOLS", ROOT / ".cache" / "bench-tools"))
KB = 1024
BUDGET_STAR = 150 * KB      # a star page, before any interaction
BUDGET_PLAIN = 60 * KB      # a page without charts, before any interaction
VIEWPORT = {"width": 390, "height": 844}
# served gzip-compressed when the client accepts it (Pagefind's own files are already compressed)
GZIP_EXT = {".html", ".htm", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".csv", ".wasm", ".map"}
MARK_PREFIX = "Benchmarkmark"  # letters only: the build rejects numbers typed by hand in the English


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def median(xs: list[float]) -> float | None:
    return round(statistics.median(xs), 3) if xs else None


# ---------------------------------------------------------------------------------------------
# the machine
# ---------------------------------------------------------------------------------------------

def machine_info() -> dict:
    """CPU model, cores, memory, Python, Chromium and Node versions, and the current load."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kb = 0
    try:
        m = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        mem_kb = int(m.group(1)) if m else 0
    except OSError:
        pass
    return {"cpu": cpu or platform.processor() or "unknown", "cores": os.cpu_count(),
            "memory_gb": round(mem_kb / 1024 / 1024, 1), "python": platform.python_version(),
            "os": platform.platform(), "chromium": tool_version([str(CHROMIUM), "--version"]),
            "node": tool_version(["node", "--version"])}


def tool_version(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def date_utc() -> str:
    return subprocess.run(["date", "-u"], capture_output=True, text=True).stdout.strip()


# ---------------------------------------------------------------------------------------------
# project copies and builds
# ---------------------------------------------------------------------------------------------

def copy_project(dst: Path, src: Path = ROOT, with_cache: bool = False) -> Path:
    """The project's sources (no site/, docs/ or .cache/ unless with_cache) copied into dst."""
    dst.mkdir(parents=True)
    for name in COPY:
        s = src / name
        if s.is_dir():
            shutil.copytree(s, dst / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(s, dst / name)
    (dst / "docs").mkdir()
    (dst / "tools").symlink_to(src / "tools")  # installed tools (npm: Pagefind), shared like the venv
    if with_cache and (src / ".cache").is_dir():
        shutil.copytree(src / ".cache", dst / ".cache", ignore=shutil.ignore_patterns("bench-tools"))
    return dst


# Runs one command in a fresh process and reports its wall time and the peak RSS of its children
# (RUSAGE_CHILDREN: the largest of build.py's Python and the Pagefind binary it waits for).
WRAPPER = r"""
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
p = subprocess.run(sys.argv[2:], cwd=sys.argv[1], capture_output=True, text=True)
wall = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": p.returncode, "wall": wall, "maxrss_kb": ru.ru_maxrss,
                  "cpu": ru.ru_utime + ru.ru_stime, "stdout": p.stdout[-4000:], "stderr": p.stderr[-6000:]}))
"""


def run_measured(cwd: Path, cmd: list[str], timeout: float = 1800) -> dict:
    """Run cmd in cwd in a fresh wrapper process: rc, wall seconds, CPU seconds, peak RSS, output."""
    p = subprocess.run([PY, "-c", WRAPPER, str(cwd), *cmd], capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        raise RuntimeError(f"benchmark wrapper failed: {p.stderr[-2000:]}")
    r = json.loads(p.stdout)
    m = re.search(r"built (\d+) pages \((\d+) HTML files\).* in ([\d.]+) s", r["stdout"])
    r["pages"], r["html_files"], r["reported"] = (int(m.group(1)), int(m.group(2)), float(m.group(3))) if m \
        else (None, None, None)
    return r


def build(project: Path, timeout: float = 1800) -> dict:
    """One `python build.py` of a project copy, measured; raises if the build fails."""
    r = run_measured(project, [PY, "build.py"], timeout)
    if r["rc"] != 0:
        raise RuntimeError(f"build of {project} failed (exit {r['rc']}):\n{r['stderr'][-3000:]}")
    return r


def read_yaml(path: Path):
    """A YAML file of a project copy."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def output_dirs(project: Path) -> tuple[Path, Path]:
    """(docs folder, site folder) of a project copy, as its mkdocs.yml names them."""
    cfg = read_yaml(project / "mkdocs.yml") or {}
    return project / (cfg.get("docs_dir") or "docs"), project / (cfg.get("site_dir") or "site")


def make_cold(project: Path) -> None:
    """Remove everything a build makes: .cache/, the site and the generated docs."""
    docs, site = output_dirs(project)
    for folder in (project / ".cache", site, docs):
        shutil.rmtree(folder, ignore_errors=True)
    docs.mkdir()


# ---------------------------------------------------------------------------------------------
# editing one unit's English (text-level edit, so comments and layout of the file stay)
# ---------------------------------------------------------------------------------------------

def with_marker(original: str, unit: str, marker: str) -> str:
    """en.yml text with `marker` put before the first word of unit's English text."""
    lines = original.splitlines(keepends=True)
    head = re.compile(rf"^['\"]?{re.escape(unit)}['\"]?:\s*(#.*)?$")
    for i, line in enumerate(lines):
        if not head.match(line.rstrip("\n")):
            continue
        for j in range(i + 1, len(lines)):
            ln = lines[j]
            if ln.strip() and not ln[0].isspace():
                break  # next unit: no text key found
            m = re.match(r"^(\s+)text:\s*(.*?)\s*$", ln)
            if not m:
                continue
            value = m.group(2)
            if value[:1] in (">", "|"):  # block scalar: the first content line
                for k in range(j + 1, len(lines)):
                    if lines[k].strip():
                        indent = len(lines[k]) - len(lines[k].lstrip())
                        lines[k] = lines[k][:indent] + marker + " " + lines[k][indent:]
                        return "".join(lines)
            elif value:  # a plain or quoted scalar on the key's line: after the opening quote
                at = ln.index(value, ln.index("text:")) + (1 if value[0] in "'\"" else 0)
                lines[j] = ln[:at] + marker + " " + ln[at:]
                return "".join(lines)
    # unusual layout: round-trip through YAML (comments lost, content the same)
    data = yaml.safe_load(original)
    data[unit]["text"] = f"{marker} {data[unit]['text']}"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


ZH_MARK_CHARS = "甲乙丙丁戊己庚辛壬癸"  # not numerals: the build checks every number against the seed


def zh_edit_target(project: Path) -> tuple[Path, int]:
    """(page file, line) of the first paragraph of prose in the Chinese pages (not front matter, a
    heading, a list or a ::: block): the Chinese counterpart of the one-paragraph edit."""
    for f in sorted((project / "site_src" / "pages" / "zh").glob("*.md")):
        lines = f.read_text(encoding="utf-8").splitlines()
        start = lines.index("---", 1) + 1 if lines and lines[0] == "---" and "---" in lines[1:] else 0
        for i in range(start, len(lines)):
            text = lines[i].strip()
            if text and not text.startswith((":::", "#", "-", "*", "|", ">", "<", "[")) and not text[0].isdigit():
                return f, i
    raise RuntimeError("no paragraph of prose in site_src/pages/zh/*.md to edit")


def with_zh_marker(original: str, line: int, marker: str) -> str:
    lines = original.splitlines(keepends=True)
    lines[line] = marker + lines[line]
    return "".join(lines)


def new_zh_marker() -> str:
    return "".join(random.choice(ZH_MARK_CHARS) for _ in range(8))


def new_marker() -> str:
    return MARK_PREFIX + "".join(random.choice(string.ascii_lowercase) for _ in range(10))


def edit_target(project: Path) -> tuple[str, str]:
    """(unit, page slug) to edit: the seed segment of the star page of p4-2, else the first star's."""
    stars = (read_yaml(project / "site_src" / "report.yml") or {}).get("stars") or []
    for s in stars:
        if s.get("segment") == "p4-2":
            return s["segment"], s["id"]
    return stars[0]["segment"], stars[0]["id"]


class Edit:
    """One kind of one-paragraph edit of a project copy: which file, how a new word is put in, which page
    shows it. write() saves the file with a new word and returns the word; restore() undoes every edit."""

    def __init__(self, file: Path, apply, new_word, page: str, label: str, where: dict):
        self.file, self.apply, self.new_word, self.page, self.label = file, apply, new_word, page, label
        self.where = where  # what the results record of the place edited
        self.original = file.read_text(encoding="utf-8")

    def write(self) -> str:
        word = self.new_word()
        self.file.write_text(self.apply(self.original, word), encoding="utf-8")
        return word

    def restore(self) -> None:
        self.file.write_text(self.original, encoding="utf-8")


def english_edit(project: Path) -> Edit:
    unit, slug = edit_target(project)
    return Edit(project / "site_src" / "translations" / "en.yml",
                lambda text, word: with_marker(text, unit, word), new_marker, f"/en/{slug}/", unit, {"unit": unit})


def chinese_edit(project: Path) -> Edit:
    file, line = zh_edit_target(project)
    return Edit(file, lambda text, word: with_zh_marker(text, line, word), new_zh_marker,
                "/zh/" + ("" if file.stem == "index" else f"{file.stem}/"), f"{file.name}:{line + 1}",
                {"line": line + 1})


# ---------------------------------------------------------------------------------------------
# 1. a static server that gzips, and counts the bytes it writes
# ---------------------------------------------------------------------------------------------

class GzipServer(http.server.ThreadingHTTPServer):
    """Serves a folder; text types gzip-compressed (level 6) for clients that accept gzip; logs
    (path, status, header bytes, body bytes) of every response it writes."""

    daemon_threads = True

    def __init__(self, directory: Path):
        self.directory = str(directory)
        self.records: list[dict] = []
        self.lock = threading.Lock()
        self.gz_cache: dict[tuple, bytes] = {}
        super().__init__(("127.0.0.1", 0), GzipHandler)

    def record(self, entry: dict) -> None:
        with self.lock:
            self.records.append(entry)

    def take(self) -> list[dict]:
        with self.lock:
            return list(self.records)

    def reset(self) -> None:
        with self.lock:
            self.records.clear()

    def gzipped(self, file: Path, data: bytes) -> bytes:
        """The build's own .gz beside the file (gzip -9, what a host with gzip_static sends), else level 6."""
        pre = file.with_name(file.name + ".gz")
        if pre.is_file():
            return pre.read_bytes()
        st = file.stat()
        key = (str(file), st.st_mtime_ns, st.st_size)
        with self.lock:
            hit = self.gz_cache.get(key)
        if hit is None:
            hit = gzip.compress(data, compresslevel=6, mtime=0)
            with self.lock:
                self.gz_cache[key] = hit
        return hit


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real static host
    server: GzipServer

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=args[2].directory, **kwargs)

    def do_GET(self):
        self.respond(True)

    def do_HEAD(self):
        self.respond(False)

    def accepts_gzip(self) -> bool:
        for token in (self.headers.get("Accept-Encoding") or "").split(","):
            name, _, params = token.strip().partition(";")
            if name.strip().lower() in ("gzip", "*") and not re.search(r"q\s*=\s*0(\.0*)?\s*$", params):
                return True
        return False

    def respond(self, with_body: bool) -> None:
        path = urlsplit(self.path).path
        fs = Path(self.translate_path(path))
        if fs.is_dir():
            if not path.endswith("/"):
                self.send_bytes(301, b"", "text/plain", extra={"Location": quote(path) + "/"}, with_body=with_body)
                return
            fs = fs / "index.html"
        if not fs.is_file():
            self.send_bytes(404, b"not found\n", "text/plain; charset=utf-8", with_body=with_body)
            return
        data = fs.read_bytes()
        ctype = self.guess_type(str(fs))
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        extra = {"Last-Modified": formatdate(fs.stat().st_mtime, usegmt=True), "Vary": "Accept-Encoding"}
        raw = len(data)
        gz = fs.suffix.lower() in GZIP_EXT and self.accepts_gzip()
        if gz:
            data = self.server.gzipped(fs, data)
            extra["Content-Encoding"] = "gzip"
        self.send_bytes(200, data, ctype, extra=extra, with_body=with_body, raw=raw, gz=gz)

    def send_bytes(self, status: int, body: bytes, ctype: str, *, extra: dict | None = None,
                   with_body: bool = True, raw: int | None = None, gz: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        head = sum(len(x) for x in getattr(self, "_headers_buffer", [])) + 2  # + the blank line
        self.end_headers()
        if with_body:
            self.wfile.write(body)
        self.server.record({"path": urlsplit(self.path).path, "status": status, "header_bytes": head,
                            "body_bytes": len(body) if with_body else 0, "raw_bytes": raw if raw is not None
                            else len(body), "gzip": gz, "type": ctype.split(";")[0]})

    def log_message(self, *args):
        pass


@contextmanager
def gzip_server(directory: Path):
    """A GzipServer on a free 127.0.0.1 port in a thread; yields it (base URL: server.base)."""
    srv = GzipServer(directory)
    srv.base = f"http://127.0.0.1:{srv.server_address[1]}"
    t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    t.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()


def sitemap_paths(site: Path) -> list[str]:
    """URL paths of every <loc> of sitemap.xml, then the root chooser '/'."""
    paths = []
    for el in ET.parse(site / "sitemap.xml").iter():
        if el.tag.rsplit("}", 1)[-1] == "loc" and el.text:
            p = urlsplit(el.text.strip()).path or "/"
            if p not in paths:
                paths.append(p)
    if "/" not in paths:
        paths.append("/")
    return paths


# ---------------------------------------------------------------------------------------------
# 1. page weight in Chromium
# ---------------------------------------------------------------------------------------------

CHARTS_STATE_JS = """() => {
  const boxes = [...document.querySelectorAll('.chart-live[data-spec]')];
  const live = boxes.filter(b => { const c = b.closest('.chart'); return c && c.classList.contains('is-live'); });
  return {charts: boxes.length, live: live.length, failed: boxes.filter(b => b.hidden && b.getAttribute('data-drawn')).length};
}"""
SCROLL_JS = """(step) => { window.scrollBy(0, step);
  return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2; }"""


def summarize_records(records: list[dict]) -> dict:
    """Total bytes on the wire (headers + body), requests, and bytes per resource type."""
    by_type: dict[str, int] = {}
    for r in records:
        kind = resource_kind(r["path"], r["type"])
        by_type[kind] = by_type.get(kind, 0) + r["header_bytes"] + r["body_bytes"]
    return {"bytes": sum(r["header_bytes"] + r["body_bytes"] for r in records),
            "body_bytes": sum(r["body_bytes"] for r in records),
            "uncompressed_bytes": sum(r["raw_bytes"] for r in records),
            "requests": len(records), "by_type": dict(sorted(by_type.items())),
            "files": [f"{r['path']} {r['header_bytes'] + r['body_bytes']}" + (" gz" if r["gzip"] else "")
                      + ("" if r["status"] == 200 else f" HTTP {r['status']}") for r in records]}


def resource_kind(path: str, ctype: str) -> str:
    if "plotly" in path:
        return "plotly.js"
    if ctype == "text/html":
        return "html"
    if ctype == "text/css":
        return "css"
    if "javascript" in ctype:
        return "js"
    if ctype.startswith("image/"):
        return "image"
    if ctype.startswith("font/") or path.endswith((".woff", ".woff2", ".ttf", ".otf")):
        return "font"
    return "data"


def browser_bytes(requests: list) -> int:
    """Cross-check from Chromium's side: responseHeadersSize + responseBodySize (encoded) per request."""
    total = 0
    for r in requests:
        try:
            s = r.sizes()
            total += max(s.get("responseHeadersSize", 0), 0) + max(s.get("responseBodySize", 0), 0)
        except Exception:  # noqa: BLE001 - a request that failed or was cancelled has no sizes
            pass
    return total


def wait_network_idle(page, inflight: set, server: GzipServer, quiet_ms: int = 500, limit_s: float = 45) -> bool:
    """Until no request is in flight and the server wrote nothing for quiet_ms (False on timeout)."""
    deadline = time.monotonic() + limit_s
    last_n, last_change = -1, time.monotonic()
    while time.monotonic() < deadline:
        page.wait_for_timeout(50)  # lets Playwright deliver its events
        n = len(server.take())
        if n != last_n or inflight:
            last_n, last_change = n, time.monotonic()
        elif (time.monotonic() - last_change) * 1000 >= quiet_ms:
            return True
    return False


def measure_page(browser, server: GzipServer, path: str) -> dict:
    """One page in a fresh browser context (empty cache): weight before interaction, then after
    scrolling slowly to the bottom so that every chart loads plotly.js and draws."""
    ctx = browser.new_context(viewport=VIEWPORT, device_scale_factor=1, service_workers="block")
    page = ctx.new_page()
    inflight: set = set()
    reqs: list = []
    page.on("request", lambda r: (inflight.add(r), reqs.append(r)))
    page.on("requestfinished", lambda r: inflight.discard(r))
    page.on("requestfailed", lambda r: inflight.discard(r))
    out = {"path": path, "idle": True}
    t0 = time.monotonic()
    try:
        server.reset()
        resp = page.goto(server.base + path, wait_until="load", timeout=45000)
        out["status"] = resp.status if resp else None
        out["idle"] &= wait_network_idle(page, inflight, server)
        out["initial"] = summarize_records(server.take())
        out["initial"]["browser_bytes"] = browser_bytes(reqs)
        state = page.evaluate(CHARTS_STATE_JS)
        out["charts"] = state["charts"]
        for _ in range(400):  # slowly: 400 px (half a screen) every 80 ms
            if page.evaluate(SCROLL_JS, 400):
                break
            page.wait_for_timeout(80)
        # charts.js fetches plotly.js when a reader reaches for a chart: point at each one
        for fig in page.locator("figure.chart").all():
            fig.scroll_into_view_if_needed()
            fig.hover()
        if state["charts"]:
            try:
                page.wait_for_function(f"() => ({CHARTS_STATE_JS})().live + ({CHARTS_STATE_JS})().failed "
                                       f">= {state['charts']}", timeout=45000)
            except Exception:  # noqa: BLE001 - recorded as charts_live < charts
                pass
        out["idle"] &= wait_network_idle(page, inflight, server)
        out["charts_live"] = page.evaluate(CHARTS_STATE_JS)["live"]
        out["with_charts"] = summarize_records(server.take())
        out["with_charts"]["browser_bytes"] = browser_bytes(reqs)
    finally:
        ctx.close()
    out["seconds"] = round(time.monotonic() - t0, 2)
    return out


def page_weights(site: Path, star_ids: list[str], quick: bool = False) -> dict:
    """Section 1: every sitemap page + the root (quick: home, first star, overview), both states, budgets."""
    from playwright.sync_api import sync_playwright

    paths = sitemap_paths(site)
    if quick:
        keep = {"", star_ids[0] if star_ids else "", "overview"}
        paths = [p for p in paths if ([x for x in p.split("/") if x] + ["", ""])[1] in keep]
    rows = []
    with gzip_server(site) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            for path in paths:
                row = measure_page(browser, server, path)
                parts = [x for x in path.split("/") if x]
                row["lang"] = parts[0] if parts else ""
                slug = parts[1] if len(parts) > 1 else ""
                if slug in star_ids:
                    row["kind"], row["budget_bytes"] = "star", BUDGET_STAR
                elif row.get("charts"):
                    row["kind"], row["budget_bytes"] = "charts", BUDGET_STAR  # not a star page: star budget
                else:
                    row["kind"], row["budget_bytes"] = "no charts", BUDGET_PLAIN
                row["verdict"] = "PASS" if row["initial"]["bytes"] <= row["budget_bytes"] else "OVER"
                rows.append(row)
                log(f"  {path:<22} {row['initial']['bytes'] / KB:7.1f} KB {row['initial']['requests']:3d} req"
                    f"  | with charts {row['with_charts']['bytes'] / KB:7.1f} KB {row['with_charts']['requests']:3d}"
                    f" req  {row['verdict']}")
        finally:
            browser.close()
    star_rows = [r for r in rows if r["kind"] == "star"]
    plain_rows = [r for r in rows if r["kind"] == "no charts"]
    return {
        "sitemap_paths": paths, "pages": rows, "kb": KB,
        "budgets": {"star_bytes": BUDGET_STAR, "no_charts_bytes": BUDGET_PLAIN},
        "summary": {
            "pass": sum(r["verdict"] == "PASS" for r in rows), "over": sum(r["verdict"] == "OVER" for r in rows),
            "star_max_bytes": max((r["initial"]["bytes"] for r in star_rows), default=0),
            "no_charts_max_bytes": max((r["initial"]["bytes"] for r in plain_rows), default=0),
            "plotly_gzip_bytes": max((r["with_charts"]["by_type"].get("plotly.js", 0) for r in rows), default=0)},
    }


# ---------------------------------------------------------------------------------------------
# 2. build times, with plain MkDocs as the reference
# ---------------------------------------------------------------------------------------------

# Runs build_site with mkdocs_config wrapped, to write down exactly what each MkDocs run is given.
CAPTURE = r"""
import json, sys
from pathlib import Path
sys.path.insert(0, ".")
import sitegen.engine as e
import sitegen.site as s
out = Path(sys.argv[1])
lines = out.with_suffix(".jsonl")
lines.unlink(missing_ok=True)
orig = e.mkdocs_config
def spy(root, config, docs, lang, out, extra, site_url, nav):
    with open(lines, "a", encoding="utf-8") as fh:  # a file: MkDocs may run in a forked worker
        fh.write(json.dumps({"lang": lang, "config": str(config), "docs_dir": str(docs / lang), "extra": extra,
                             "site_url": site_url, "nav": nav}, ensure_ascii=False) + "\n")
    return orig(root, config, docs, lang, out, extra, site_url, nav)
e.mkdocs_config = spy
import sitegen.cache as c  # every language's pages built anew (not copied from .cache/), to see MkDocs' config
cached_hit = c.unpack_hit
c.unpack_hit = lambda folder, kind, key: None if kind.startswith("pages-") else cached_hit(folder, kind, key)
s.build_site(s.Paths.default(Path(".").resolve()), log=lambda m: None)
runs = [json.loads(x) for x in lines.read_text(encoding="utf-8").splitlines() if x.strip()]
out.write_text(json.dumps(runs, ensure_ascii=False))
"""


def mkdocs_configs(project: Path, work: Path) -> tuple[dict, dict, str]:
    """Per language: (the build's own MkDocs config as a file, the built-in `mkdocs` theme config),
    and a note. The first is captured from a real build (same theme, nav, extra, strict)."""
    same, builtin, note = {}, {}, ""
    cap = work / "mkdocs-capture.json"
    p = subprocess.run([PY, "-c", CAPTURE, str(cap)], cwd=project, capture_output=True, text=True, timeout=600)
    langs = (read_yaml(project / "site_src" / "report.yml") or {}).get("languages") or ["zh", "en"]
    if p.returncode == 0 and cap.is_file():
        base = read_yaml(project / "mkdocs.yml") or {}
        for run in json.loads(cap.read_text()):
            cfg = dict(base)
            theme = dict(cfg.get("theme") or {})
            if theme.get("custom_dir"):
                theme["custom_dir"] = str((project / theme["custom_dir"]).resolve())
            cfg.update({"theme": theme, "docs_dir": run["docs_dir"], "site_dir": str(work / f"ref-{run['lang']}"),
                        "site_url": run["site_url"], "nav": run["nav"],
                        "extra": {**(cfg.get("extra") or {}), **run["extra"]}})
            f = project / f"bench-mkdocs-{run['lang']}.yml"
            f.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
            same[run["lang"]] = f
    else:
        note = f"could not capture the build's MkDocs config ({p.stderr.strip()[-400:]}); built-in theme only"
        build(project)  # site/ from the unchanged sources all the same
    for lang in langs:
        cfg = {"site_name": "reference", "docs_dir": str(output_dirs(project)[0] / lang),
               "site_dir": str(work / f"ref-builtin-{lang}"), "use_directory_urls": True,
               "theme": {"name": "mkdocs"}, "plugins": [], "markdown_extensions": []}
        f = project / f"bench-mkdocs-builtin-{lang}.yml"
        f.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
        builtin[lang] = f
    return same, builtin, note


def mkdocs_reference(project: Path, configs: dict, runs: int) -> dict:
    """`python -m mkdocs build -q -f CFG` per language, `runs` times each: median seconds."""
    out = {}
    for lang, cfg in configs.items():
        times, cpu, rss = [], [], []
        for _ in range(runs):
            r = run_measured(project, [PY, "-m", "mkdocs", "build", "-q", "-f", str(cfg)], timeout=600)
            if r["rc"] != 0:
                out[lang] = {"error": (r["stderr"] or r["stdout"])[-1500:]}
                break
            times.append(r["wall"])
            cpu.append(r["cpu"])
            rss.append(r["maxrss_kb"])
        else:
            out[lang] = {"median_s": median(times), "runs_s": [round(t, 3) for t in times],
                         "cpu_s": median(cpu), "peak_rss_mb": round(max(rss) / 1024, 1)}
    ok = [v["median_s"] for v in out.values() if "median_s" in v]
    out["total_median_s"] = round(sum(ok), 3) if len(ok) == len(configs) else None
    return out


def series(rs: list[dict]) -> dict:
    """Median and every run of a list of measured builds."""
    return {"median_s": median([r["wall"] for r in rs]), "runs_s": [round(r["wall"], 3) for r in rs],
            "reported_by_build_s": [r["reported"] for r in rs], "cpu_s": median([r["cpu"] for r in rs]),
            "peak_rss_mb": round(max(r["maxrss_kb"] for r in rs) / 1024, 1), "pages": rs[-1]["pages"],
            "html_files": rs[-1]["html_files"]}


def drop_language_caches(project: Path) -> None:
    """Empty the caches of each language's built pages and search index (.cache/pages-*, search-*);
    share images, chart specs and QR codes stay cached."""
    for kind in (project / ".cache").glob("*"):
        if kind.name.startswith(("pages-", "search-")):
            shutil.rmtree(kind)


def build_times(project: Path, work: Path, runs: int) -> dict:
    """Section 2. Leaves `project` built from unchanged sources (its site/ is then measured)."""
    cold = []
    for i in range(runs):
        make_cold(project)
        cold.append(build(project))
        log(f"  cold build {i + 1}/{runs}: {cold[-1]['wall']:.2f} s")
    warm = []
    for i in range(runs):
        warm.append(build(project))
        log(f"  unchanged rebuild {i + 1}/{runs}: {warm[-1]['wall']:.2f} s")
    every_lang = []  # what an edit touching every language costs (a figure, a template, mkdocs.yml)
    for i in range(runs):
        drop_language_caches(project)
        every_lang.append(build(project))
        log(f"  every language rebuilt (pages and search caches emptied) {i + 1}/{runs}: {every_lang[-1]['wall']:.2f} s")
    edited = {}
    for key, edit in (("one_paragraph_changed", english_edit(project)), ("one_zh_paragraph_changed",
                                                                          chinese_edit(project))):
        edited[key] = []
        try:
            for i in range(runs):
                edit.write()
                edited[key].append(build(project))
                log(f"  one paragraph changed ({edit.label}) {i + 1}/{runs}: {edited[key][-1]['wall']:.2f} s")
        finally:
            edit.restore()
        edited[key] = {**series(edited[key]), "file": edit.file.relative_to(project).as_posix(), **edit.where}
    log("  capturing the build's MkDocs configuration (one more build, not timed) …")
    same, builtin, note = mkdocs_configs(project, work)  # its build also restores site/ to the original text
    ref_same = mkdocs_reference(project, same, runs) if same else {}
    ref_builtin = mkdocs_reference(project, builtin, runs)
    log(f"  plain mkdocs (same theme and config): {ref_same.get('total_median_s')} s; "
        f"built-in theme: {ref_builtin.get('total_median_s')} s")
    warm_s = median([r["wall"] for r in warm])
    ref = ref_same.get("total_median_s") or ref_builtin.get("total_median_s")
    return {
        "runs": runs,
        "cold_full_build": series(cold),
        "unchanged_rebuild": series(warm),
        "every_language_rebuilt": series(every_lang),
        **edited,
        "plain_mkdocs_same_config": ref_same,
        "plain_mkdocs_builtin_theme": ref_builtin,
        "reference_note": note or "reference = the same config build.py gives MkDocs (captured from a real build: "
                                  "our theme, nav, extra, strict), one `python -m mkdocs build` per language, summed",
        "ratio_warm_build_to_plain_mkdocs": round(warm_s / ref, 2) if ref else None,
        "ratio_every_language_rebuilt_to_plain_mkdocs": round(median([r["wall"] for r in every_lang]) / ref, 2)
        if ref else None,
        "ratio_warm_build_to_plain_mkdocs_builtin": round(warm_s / ref_builtin["total_median_s"], 2)
        if ref_builtin.get("total_median_s") else None,
    }


# ---------------------------------------------------------------------------------------------
# 3. preview latency
# ---------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # ignore *_proxy settings


def fetch(url: str, timeout: float = 5) -> bytes | None:
    try:
        with DIRECT.open(url, timeout=timeout) as r:
            return r.read()
    except OSError:
        return None


def preview_series(base_url: str, edit: Edit, n: int, name: str) -> dict:
    """n edits while `build.py serve` runs at base_url: per edit, seconds from saving the file to the first
    answer of the edited page that contains the new word (polled every 20 ms)."""
    latencies, timeouts = [], 0
    try:
        for i in range(n):
            word = edit.write()
            t_edit, seen = time.perf_counter(), None
            while seen is None and time.perf_counter() - t_edit < 300:
                body = fetch(base_url + edit.page, timeout=2)
                if body is not None and word.encode() in body:
                    seen = time.perf_counter() - t_edit
                else:
                    time.sleep(0.02)
            if seen is None:
                timeouts += 1
            else:
                latencies.append(seen)
            log(f"  {name} edit {i + 1}/{n}: " + ("timed out" if seen is None else f"{seen:.2f} s"))
            time.sleep(1.0)  # the next edit starts from an idle watcher
    finally:
        edit.restore()
    return {"median_s": median(latencies), "runs_s": [round(x, 3) for x in latencies], "timeouts": timeouts,
            "page": edit.page}


def preview_latency(project: Path, work: Path, edits: int) -> dict:
    """Section 3: `build.py serve` on the copy; `edits` edits of one unit's English in en.yml, then as
    many of a paragraph of a Chinese page (see preview_series)."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    en, zh = english_edit(project), chinese_edit(project)
    out_log = work / "serve.log"
    with open(out_log, "w") as fh:
        proc = subprocess.Popen([PY, "build.py", "serve", "--port", str(port)], cwd=project, stdout=fh,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        t0 = time.monotonic()
        while fetch(base_url + en.page) is None:
            if proc.poll() is not None or time.monotonic() - t0 > 300:
                raise RuntimeError(f"build.py serve did not start: {out_log.read_text()[-2000:]}")
            time.sleep(0.1)
        startup = time.monotonic() - t0
        log(f"  serve answered after {startup:.2f} s")
        time.sleep(1.0)  # let the watcher take its first snapshot
        english = preview_series(base_url, en, edits, "English")
        chinese = preview_series(base_url, zh, edits, "Chinese")
    finally:
        stop(proc)
    rebuilds = [float(x) for x in re.findall(r"rebuilt in ([\d.]+) s", out_log.read_text(errors="replace"))]
    return {**english, "edits": edits, "unit": en.label, "poll_interval_ms": 20,
            "zh": {**chinese, "file": zh.file.relative_to(project).as_posix()},
            "server_startup_s": round(startup, 2),
            "server_reported_rebuild_s": rebuilds[1:],  # the first is the start-up build
            "watch_interval_s": 0.1}


def stop(proc: subprocess.Popen) -> None:
    """Stop a process this script started (SIGINT first, as Ctrl+C), by its own handle."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# ---------------------------------------------------------------------------------------------
# 4. scaling
# ---------------------------------------------------------------------------------------------

def set_nav(report_yml: Path, nav: list[str]) -> None:
    """Replace the one-line `nav: [...]` of report.yml (or round-trip the file through YAML)."""
    text = report_yml.read_text(encoding="utf-8")
    new, n = re.subn(r"(?m)^nav:\s*\[[^\]\n]*\](.*)$", lambda m: f"nav: [{', '.join(nav)}]{m.group(1)}", text)
    if n != 1:
        data = yaml.safe_load(text)
        data["nav"] = nav
        new = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    report_yml.write_text(new, encoding="utf-8")


def scaled_project(base: Path, dst: Path, factor: int) -> tuple[Path, int]:
    """A copy of base with every star page copied factor-1 times (<star>-copyK.md, K = 2..factor)."""
    project = copy_project(dst, base, with_cache=True)
    report_yml = project / "site_src" / "report.yml"
    report = read_yaml(report_yml)
    stars = [s["id"] for s in report.get("stars") or []]
    nav = list(report["nav"])
    added = []
    for k in range(2, factor + 1):
        for star in stars:
            for lang in report["languages"]:
                src = project / "site_src" / "pages" / lang / f"{star}.md"
                shutil.copy2(src, src.with_name(f"{star}-copy{k}.md"))
            added.append(f"{star}-copy{k}")
    last_star = max((nav.index(s) for s in stars if s in nav), default=len(nav) - 1)
    set_nav(report_yml, nav[: last_star + 1] + added + nav[last_star + 1:])
    return project, len(added)


def scaling(base: Path, work: Path, factors: list[int], runs: int) -> dict:
    """Section 4: build time, peak memory and time per page for each factor. Every run builds every
    language's pages and search index (their caches are emptied first); the first run after the copy also
    draws the share images of the copies, later runs find them in the cache."""
    results = []
    for f in factors:
        project, added = scaled_project(base, work / f"scale-x{f}", f)
        row = {"factor": f, "star_page_copies_added": added}
        rs = []
        for i in range(runs):
            drop_language_caches(project)  # MkDocs and Pagefind run for every language in every run
            r = run_measured(project, [PY, "build.py"], timeout=3600)
            if r["rc"] != 0:
                row["refused"] = True
                row["error"] = r["stderr"][-3000:]
                log(f"  x{f}: the build refused (exit {r['rc']}): {r['stderr'].strip()[-600:]}")
                break
            rs.append(r)
            log(f"  x{f} run {i + 1}/{runs}: {r['wall']:.2f} s, {r['pages']} pages, peak {r['maxrss_kb'] / 1024:.0f} MB")
        if rs:
            s = series(rs)
            row.update(s)
            row["seconds_per_page"] = round(s["median_s"] / s["pages"], 4) if s["pages"] else None
        results.append(row)
        shutil.rmtree(project, ignore_errors=True)
    ratios = {}
    one = next((r for r in results if r["factor"] == 1 and r.get("median_s")), None)
    for r in results:
        if one and r["factor"] > 1 and r.get("median_s"):
            ratios[f"x{r['factor']}"] = {"time_ratio": round(r["median_s"] / one["median_s"], 2),
                                         "vs_linear": round(r["median_s"] / (r["factor"] * one["median_s"]), 3),
                                         "memory_ratio": round(r["peak_rss_mb"] / one["peak_rss_mb"], 2)}
    return {"factors": factors, "runs": runs, "results": results, "ratios": ratios,
            "accepted": all(not r.get("refused") for r in results)}


# ---------------------------------------------------------------------------------------------
# 5. Lighthouse
# ---------------------------------------------------------------------------------------------

def lighthouse_bin() -> Path:
    """Lighthouse 12.2.3 in .cache/bench-tools/ (npm install on first use; no browser download)."""
    exe = BENCH_TOOLS / "node_modules" / ".bin" / "lighthouse"
    pkg = BENCH_TOOLS / "node_modules" / "lighthouse" / "package.json"
    if exe.exists() and pkg.is_file() and json.loads(pkg.read_text()).get("version") == LH_VERSION:
        return exe
    BENCH_TOOLS.mkdir(parents=True, exist_ok=True)
    if not (BENCH_TOOLS / "package.json").exists():
        (BENCH_TOOLS / "package.json").write_text('{"name": "bench-tools", "private": true}\n')
    log(f"  installing lighthouse@{LH_VERSION} into {BENCH_TOOLS} …")
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1", "CHROMEDRIVER_SKIP_DOWNLOAD": "true"}
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", f"lighthouse@{LH_VERSION}"], cwd=BENCH_TOOLS,
                   env=env, check=True, capture_output=True, text=True, timeout=1200)
    return exe


LH_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LH_METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
              "speed-index", "total-byte-weight")


def lighthouse(site: Path, work: Path, runs: int, star: str) -> dict:
    """Section 5: mobile default, `runs` runs per page, median of each score and metric."""
    exe = lighthouse_bin()
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM), "PUPPETEER_SKIP_DOWNLOAD": "1"}
    pages = [f"/{lang}/{slug}" for slug in ("", f"{star}/", "overview/") for lang in ("zh", "en")]
    out = {"version": LH_VERSION, "runs": runs, "preset": "mobile (default, simulated throttling)", "pages": []}
    with gzip_server(site) as server:
        for path in pages:
            samples = []
            for i in range(runs):
                f = work / f"lh-{path.strip('/').replace('/', '-')}-{i}.json"
                p = subprocess.run([str(exe), server.base + path, "--output", "json", "--output-path", str(f),
                                    "--quiet", f"--chrome-flags={LH_FLAGS}"], env=env, capture_output=True,
                                   text=True, timeout=600)
                if p.returncode != 0 or not f.is_file():
                    log(f"  lighthouse {path} run {i + 1}: failed: {p.stderr.strip()[-500:]}")
                    continue
                lhr = json.loads(f.read_text())
                samples.append({
                    **{c: round(100 * lhr["categories"][c]["score"]) if lhr["categories"][c]["score"] is not None
                       else None for c in LH_CATEGORIES},
                    **{m: lhr["audits"][m].get("numericValue") for m in LH_METRICS},
                    "failed_audits": sorted(k for k, a in lhr["audits"].items()
                                            if a.get("score") is not None and a.get("score") < 0.9
                                            and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"))})
                log(f"  lighthouse {path} run {i + 1}/{runs}: " + " ".join(
                    f"{c}={samples[-1][c]}" for c in LH_CATEGORIES))
            row = {"path": path, "samples": len(samples)}
            for k in LH_CATEGORIES + LH_METRICS:
                vals = [s[k] for s in samples if s.get(k) is not None]
                row[k] = median(vals) if vals else None
            row["below_0.9_audits"] = sorted({a for s in samples for a in s["failed_audits"]})
            out["pages"].append(row)
    return out


# ---------------------------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------------------------

def kb(n) -> str:
    return "—" if n is None else f"{n / KB:.1f}"


def fmt(x, nd=2) -> str:
    return "—" if x is None else f"{x:.{nd}f}"


def markdown(res: dict) -> str:
    """The Markdown summary (also what is printed at the end)."""
    m = res["machine"]
    L = [f"# Benchmark ({res['mode']} run)", "",
         f"- date: {res['date']}",
         f"- machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB memory, Python {m['python']}, "
         f"{m['chromium']}, Node {m['node']}",
         f"- load average (1, 5, 15 min) at start {res['load_average']['start']}, at end "
         f"{res['load_average']['end']} — other jobs shared this machine; timings are wall-clock",
         f"- duration of the benchmark: {res['duration_s']:.0f} s ("
         + ", ".join(f"{k} {v:.0f} s" for k, v in res.get("section_seconds", {}).items()) + ")", ""]
    pw = res.get("page_weight")
    if pw:
        L += ["## 1. Page weight (gzip, Chromium 390×844, empty cache)", "",
              "KB = 1024 bytes on the wire (response headers + gzip body), counted by the server; "
              "“before interaction” = after load and network idle, no scrolling; “with charts” = after "
              "scrolling slowly to the bottom and pointing at every chart, so that plotly.js loaded and every chart drew, network idle. "
              "Budgets (before interaction): star page ≤ 150 KB, page without charts ≤ 60 KB; pages with charts "
              "that are not star pages (" + (", ".join(sorted({r["path"].strip("/").split("/")[-1] for r in pw["pages"]
                                                            if r["kind"] == "charts"})) or "none") +
              ") are held to the star budget.", "",
              "| page | kind | charts | KB before interaction | requests | budget KB | verdict | KB with charts | "
              "requests | of which plotly.js KB |",
              "| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |"]
        for r in pw["pages"]:
            L.append(f"| {r['path']} | {r['kind']} | {r.get('charts', 0)} | {kb(r['initial']['bytes'])} | "
                     f"{r['initial']['requests']} | {kb(r['budget_bytes'])} | {r['verdict']} | "
                     f"{kb(r['with_charts']['bytes'])} | {r['with_charts']['requests']} | "
                     f"{kb(r['with_charts']['by_type'].get('plotly.js'))} |")
        s = pw["summary"]
        L += ["", f"{s['pass']} pages within budget, {s['over']} over. Heaviest star page before interaction: "
                  f"{kb(s['star_max_bytes'])} KB; heaviest page without charts: {kb(s['no_charts_max_bytes'])} KB; "
                  f"plotly.js alone: {kb(s['plotly_gzip_bytes'])} KB gzipped.", ""]
        worst = sorted(pw["pages"], key=lambda r: -r["initial"]["bytes"])[:3]
        L += ["Largest pages before interaction, by resource type (KB): " + "; ".join(
            f"{r['path']}: " + ", ".join(f"{k} {kb(v)}" for k, v in r["initial"]["by_type"].items()) for r in worst), ""]
    bt = res.get("build_times")
    if bt:
        L += [f"## 2. Build time (seconds, median of {bt['runs']})", "",
              "| build | median s | runs s | CPU s | peak RSS MB | pages |", "| --- | ---: | --- | ---: | ---: | ---: |"]
        for key, label in (("cold_full_build", "cold full build (no .cache/, site/, docs/)"),
                           ("unchanged_rebuild", "rebuild, nothing changed (every language from .cache/)"),
                           ("every_language_rebuilt", "full build, every language rebuilt (MkDocs and Pagefind run; "
                            "share cards, charts, QR codes from .cache/)"),
                           ("one_paragraph_changed", f"rebuild, one paragraph changed ({bt['one_paragraph_changed']['unit']} in en.yml)"),
                           ("one_zh_paragraph_changed", "rebuild, one Chinese paragraph changed "
                            f"({(bt.get('one_zh_paragraph_changed') or {}).get('file')}:"
                            f"{(bt.get('one_zh_paragraph_changed') or {}).get('line')})")):
            b = bt.get(key)
            if not b:
                continue
            L.append(f"| {label} | {fmt(b['median_s'])} | {', '.join(fmt(x) for x in b['runs_s'])} | "
                     f"{fmt(b['cpu_s'])} | {b['peak_rss_mb']} | {b['pages']} |")
        for key, label in (("plain_mkdocs_same_config", "plain `mkdocs build`, same theme and config"),
                           ("plain_mkdocs_builtin_theme", "plain `mkdocs build`, built-in `mkdocs` theme")):
            ref = bt.get(key) or {}
            for lang, v in ref.items():
                if isinstance(v, dict) and "median_s" in v:
                    L.append(f"| {label}, {lang} | {fmt(v['median_s'])} | {', '.join(fmt(x) for x in v['runs_s'])} | "
                             f"{fmt(v['cpu_s'])} | {v['peak_rss_mb']} | |")
                elif isinstance(v, dict):
                    L.append(f"| {label}, {lang} | failed | {v.get('error', '')[:120]!r} | | | |")
            if ref.get("total_median_s") is not None:
                L.append(f"| {label}, both languages | {fmt(ref['total_median_s'])} | | | | |")
        if bt.get("ratio_every_language_rebuilt_to_plain_mkdocs") is not None:
            L += ["", f"Ratio full build with every language rebuilt / plain MkDocs (same config, both languages): "
                      f"**{fmt(bt['ratio_every_language_rebuilt_to_plain_mkdocs'])}**."]
        L += ["", f"Ratio unchanged full build / plain MkDocs (same config, both languages): "
                  f"**{fmt(bt['ratio_warm_build_to_plain_mkdocs'])}** (vs the built-in theme: "
                  f"{fmt(bt['ratio_warm_build_to_plain_mkdocs_builtin'])}). {bt['reference_note']}.", ""]
        verdicts = []
        for key, what in (("one_paragraph_changed", "English"), ("one_zh_paragraph_changed", "Chinese")):
            if bt.get(key):
                m = bt[key]["median_s"]
                verdicts.append(f"{what} one-paragraph rebuild {fmt(m)} s: {'PASS' if m < 1 else 'OVER'} (budget < 1 s)")
        ratio = bt.get("ratio_every_language_rebuilt_to_plain_mkdocs")
        if ratio is not None:
            verdicts.append(f"full build with warm caches, every language rebuilt / plain MkDocs {fmt(ratio)}: "
                            f"{'PASS' if ratio <= 2 else 'OVER'} (budget ≤ 2)")
        L += ["Budgets: " + "; ".join(verdicts) + ".", ""]
    pl = res.get("preview_latency")
    if pl:
        L += ["## 3. Preview latency", "",
              f"`build.py serve`: an edit of {pl['unit']}'s English in en.yml until {pl['page']} shows it "
              f"(polled every {pl['poll_interval_ms']} ms): **median {fmt(pl['median_s'])} s** over {pl['edits']} "
              f"edit(s): {', '.join(fmt(x) for x in pl['runs_s'])} s; {pl['timeouts']} timeout(s). The server's "
              f"own rebuild times: {', '.join(fmt(x) for x in pl['server_reported_rebuild_s'])} s (the watcher "
              f"polls every {pl['watch_interval_s']} s). Budget < 1 s: "
              f"{'PASS' if pl['median_s'] is not None and pl['median_s'] < 1 else 'OVER'}.", ""]
        z = pl.get("zh")
        if z:
            L += [f"Then a paragraph of {z['file']} until {z['page']} shows it: **median {fmt(z['median_s'])} s** "
                  f"over {len(z['runs_s'])} edit(s): {', '.join(fmt(x) for x in z['runs_s'])} s; {z['timeouts']} "
                  f"timeout(s). Budget < 1 s: "
                  f"{'PASS' if z['median_s'] is not None and z['median_s'] < 1 else 'OVER'}.", ""]
    sc = res.get("scaling")
    if sc:
        L += ["## 4. Scaling (star pages copied ×N)", "",
              f"Median of {sc['runs']} build(s) per size. Every build runs MkDocs and Pagefind for every language "
              "(their caches are emptied before each run); the first after the copy also draws the share images of "
              "the copies. Peak RSS = the largest process of the build (Python or Pagefind).", "",
              "| content | pages | median s | runs s | s per page | peak RSS MB | time / time(×1) | time / (N × time(×1)) |",
              "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |"]
        for r in sc["results"]:
            ratio = sc["ratios"].get(f"x{r['factor']}", {})
            if r.get("refused"):
                L.append(f"| ×{r['factor']} | refused: {r['error'].strip().splitlines()[-1][:150]} | | | | | | |")
                continue
            L.append(f"| ×{r['factor']} | {r['pages']} | {fmt(r['median_s'])} | {', '.join(fmt(x) for x in r['runs_s'])} "
                     f"| {fmt(r['seconds_per_page'], 3)} | {r['peak_rss_mb']} | {fmt(ratio.get('time_ratio'))} | "
                     f"{fmt(ratio.get('vs_linear'), 3)} |")
        L += ["", "The build accepted every copy." if sc["accepted"] else "The build refused some sizes (see above).", ""]
    lh = res.get("lighthouse")
    if lh and not lh.get("skipped"):
        L += [f"## 5. Lighthouse {lh['version']} ({lh['preset']}, median of {lh['runs']})", "",
              "| page | performance | accessibility | best practices | SEO | FCP ms | LCP ms | TBT ms | CLS | "
              "speed index ms | total byte weight KB |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for r in lh["pages"]:
            L.append(f"| {r['path']} | {r['performance']} | {r['accessibility']} | {r['best-practices']} | {r['seo']} | "
                     f"{fmt(r['first-contentful-paint'], 0)} | {fmt(r['largest-contentful-paint'], 0)} | "
                     f"{fmt(r['total-blocking-time'], 0)} | {fmt(r['cumulative-layout-shift'], 3)} | "
                     f"{fmt(r['speed-index'], 0)} | {kb(r['total-byte-weight'])} |")
        L += ["", "Audits scoring below 0.9 in at least one run:", ""]
        L += [f"- {r['path']}: {', '.join(r['below_0.9_audits']) or '—'}" for r in lh["pages"]]
        L.append("")
    elif lh:
        L += ["## 5. Lighthouse", "", f"skipped ({lh.get('reason', '')})", ""]
    L += ["## Method", ""] + [f"- {x}" for x in res["method"]] + [""]
    return "\n".join(L)


METHOD = [
    "Everything runs on a copy of the project's sources (build.py, mkdocs.yml, seeds/, site_src/, templates/, "
    "sitegen/) in a temporary folder, with this checkout's Python and its installed tools/ (linked: the Pagefind "
    "binary); the checkout's site/, docs/ and .cache/ are not used.",
    "Page weight: the copy's site/ served by a threaded http.server subclass in this script, which gzips text "
    "types (html, css, js, json, svg, xml, csv, txt, wasm) at level 6 when the request accepts gzip and sets "
    "Content-Encoding and Content-Length (PNG and Pagefind's already-compressed files are sent as they are). "
    "The server logs, for every response it writes, the status line + headers + body bytes: that sum is the "
    "number reported (more reliable than the browser's numbers, which miss cancelled requests); Chromium's own "
    "responseHeadersSize + responseBodySize is kept in the JSON as browser_bytes, as a cross-check. Each page "
    "is loaded in a fresh browser context (empty cache) in Debian Chromium via Playwright at 390×844.",
    "Network idle = no request in flight in the browser and nothing written by the server for 500 ms.",
    "Build time: wall-clock of `python build.py` in a fresh process (so Python start-up and imports count), "
    "measured by a wrapper process that also reads the peak RSS of its children (RUSAGE_CHILDREN). Cold = "
    ".cache/, site/ and docs/ deleted before each run; every language rebuilt = .cache/pages-* and "
    ".cache/search-* deleted before each run (share cards, chart specs, QR codes stay cached); one paragraph "
    "changed = one unit's English text in site_src/translations/en.yml given a new word before each run, and "
    "the same for the first paragraph of prose of a Chinese page (letters 甲…癸, not numerals).",
    "Plain MkDocs reference: a real build is run once with mkdocs_config wrapped to record the exact configuration "
    "build.py gives MkDocs per language (our theme, nav, extra, strict, site_url); that is written to a YAML "
    "file and built with `python -m mkdocs build -q -f FILE` for each language. This is the fairest "
    "comparison: the same Markdown, the same theme and templates, the same MkDocs work — so the ratio shows "
    "what the rest of the pipeline (reading and validating the article and figures, rendering docs/, share "
    "images, Pagefind, the atomic swap) costs on top. A build with MkDocs' built-in `mkdocs` theme over the "
    "same docs/ is also given, for scale.",
    "Preview latency: `python build.py serve --port FREE` in the copy; time from writing en.yml (then a Chinese "
    "page) to the first response of the page containing the new word; polled every 20 ms with urllib; 1 s "
    "pause between edits.",
    "Scaling: for K = 2..N every star page of every language is copied to <star>-copyK.md (same front matter, "
    "same star) and added to `nav` in report.yml right after the last star page; .cache/pages-* and "
    ".cache/search-* are deleted before every run, so MkDocs and Pagefind run for every language.",
    "Lighthouse: installed on demand into .cache/bench-tools/ (npm, PUPPETEER_SKIP_DOWNLOAD=1), run with "
    "CHROME_PATH=/usr/bin/chromium against the gzip server, default (mobile) settings, JSON output; the median "
    "of each score and metric over the runs.",
]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="one run of each, 3 pages per language, scaling x1 and x2, no Lighthouse")
    ap.add_argument("--skip-lighthouse", action="store_true")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "latest.json"), help="the JSON results file")
    ap.add_argument("--keep", action="store_true", help="keep the temporary project copies")
    ap.add_argument("--markdown-only", action="store_true",
                    help="measure nothing: rewrite the Markdown summary from the JSON results file (--out)")
    args = ap.parse_args(argv)
    out = Path(args.out).resolve()
    if args.markdown_only:
        res = json.loads(out.read_text(encoding="utf-8"))
        res["method"] = METHOD
        out.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        out.with_suffix(".md").write_text(markdown(res), encoding="utf-8")
        print(f"rewrote {out.with_suffix('.md')} from {out}")
        return 0
    runs = 1 if args.quick else 3
    t_start = time.monotonic()
    res: dict = {"schema": 1, "mode": "quick" if args.quick else "full", "date": date_utc(),
                 "machine": machine_info(), "load_average": {"start": load_average()}, "method": METHOD}
    work = Path(tempfile.mkdtemp(prefix="site-bench-"))
    try:
        base = copy_project(work / "project")
        star_ids = [s["id"] for s in read_yaml(base / "site_src" / "report.yml").get("stars") or []]
        sections = res["section_seconds"] = {}

        def section(key: str, title: str, fn, *a):
            log(title)
            t0 = time.monotonic()
            res[key] = fn(*a)
            sections[key] = round(time.monotonic() - t0, 1)

        # the build section comes first: it leaves the copy's site/ built, which section 1 measures
        section("build_times", f"[2/5] build time ({runs} run(s) each) in {base}", build_times, base, work, runs)
        site = output_dirs(base)[1]
        section("page_weight", "[1/5] page weight", page_weights, site, star_ids, args.quick)
        edits = 1 if args.quick else 5
        section("preview_latency", f"[3/5] preview latency ({edits} edit(s))", preview_latency, base, work, edits)
        factors = [1, 2] if args.quick else [1, 10, 50]
        section("scaling", f"[4/5] scaling {factors}", scaling, base, work, factors, runs)
        if args.quick or args.skip_lighthouse:
            res["lighthouse"] = {"skipped": True, "reason": "--quick" if args.quick else "--skip-lighthouse"}
        else:
            section("lighthouse", "[5/5] Lighthouse", lighthouse, site, work, 3,
                    star_ids[0] if star_ids else "industry")
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    res["load_average"]["end"] = load_average()
    res["duration_s"] = round(time.monotonic() - t_start, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    md = markdown(res)
    out.with_suffix(".md").write_text(md, encoding="utf-8")
    print(md)
    log(f"wrote {out} and {out.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
