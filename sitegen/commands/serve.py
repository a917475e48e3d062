"""serve: preview on 127.0.0.1, rebuilding when seeds/, site_src/ or templates/ change (no MkDocs serve).

The preview must never stop rebuilding without saying so: every failed rebuild (bad input, or a bug) is
printed in the terminal and shown as a banner on the open page, and the watcher outlives editors' atomic
saves, vanishing files and builds run beside it.
"""
from __future__ import annotations

import base64
import contextlib
import errno
import fnmatch
import hashlib
import http.server
import json
import os
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..pipeline import build_site
from ..problems import BuildError
from ..read.paths import Paths

# The page polls /__build: a new build id reloads it; a failed last build shows the problems in a banner
# (built with textContent: the problems quote content), gone once a build succeeds. A file, not an inline
# script: the pages' CSP forbids inline scripts (CSSOM style properties are allowed).
RELOAD_SRC = b"""(function(){var seen=null,box=null;
function banner(s){if(s.ok){if(box){box.remove();box=null}return}
if(!box){box=document.createElement('div');box.id='sitegen-build-error';box.setAttribute('role','alert');
var st=box.style;st.position='fixed';st.left='0';st.right='0';st.bottom='0';st.zIndex='2147483647';
st.maxHeight='50vh';st.overflow='auto';st.background='#fff4f2';st.color='#5f1410';
st.borderTop='3px solid #b3261e';st.padding='12px 16px';st.font='14px/1.45 monospace';st.whiteSpace='pre-wrap';
document.body.appendChild(box)}
box.textContent='The last rebuild failed; this page shows the last good build.\\n\\n'+s.problems.join('\\n')}
function poll(){fetch('/__build',{cache:'no-store'}).then(function(r){return r.json()}).then(function(s){
if(seen!==null&&s.id!==seen){location.reload();return}seen=s.id;banner(s)}).catch(function(){})}
poll();setInterval(poll,700)})();
"""
RELOAD_SRI = ("sha384-" + base64.b64encode(hashlib.sha384(RELOAD_SRC).digest()).decode()).encode()
# named by its hash: the pages' CSP runs only scripts it lists by hash (inject adds it to the page's CSP)
RELOAD_TAG = b'<script src="/__reload.js" integrity="' + RELOAD_SRI + b'"></script>'
# Files editors write beside the one being saved (vim .swp/.swx and its 4913 probe, emacs .#lock and ~
# backups, generic .tmp): a change to them is no edit, and they may vanish between listing and reading.
EDITOR_TEMP = (".*.sw?", "*~", ".#*", "#*#", "4913", "*.tmp", "*.tmp[0-9]*", ".~lock.*", "*.crdownload")
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
         ".jpeg": "image/jpeg", ".webp": "image/webp", ".gif": "image/gif", ".ico": "image/x-icon",
         ".json": "application/json", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
         ".csv": "text/csv; charset=utf-8",
         ".wasm": "application/wasm", ".webmanifest": "application/manifest+json"}


def content_type(name: str) -> str:
    """The Content-Type of a site file (Pagefind's .pf_* chunks are binary)."""
    ext = os.path.splitext(name)[1].lower()
    if ext.startswith(".pf_"):
        return "application/octet-stream"
    return TYPES.get(ext, "application/octet-stream")


def is_editor_temp(name: str) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in EDITOR_TEMP)


def snapshot(folders: list[Path], files: list[Path] = (), skip: tuple[Path, ...] = ()) -> dict:
    """Modification time and size of every source file under the watched folders (editor temp files, caches
    and any output folder excepted); a file that vanishes while it is listed is simply not there."""
    out = {}
    skipped = {str(p) for p in skip}
    for folder in folders:
        for top, dirs, names in os.walk(folder):  # os.walk ignores folders that vanish while it walks
            dirs[:] = [d for d in dirs if d != "__pycache__" and not d.startswith((".site-new-", ".site-old-"))
                       and os.path.join(top, d) not in skipped]
            for name in names:
                if not is_editor_temp(name):
                    stat_into(out, os.path.join(top, name))
    for f in files:
        stat_into(out, str(f))
    return out


def stat_into(out: dict, path: str) -> None:
    try:
        st = os.stat(path)
    except OSError:  # gone between listing and stat (an atomic save's temp file), or a dangling link
        return
    out[path] = (st.st_mtime_ns, st.st_size, st.st_mode)


@dataclass
class State:
    """The build counter the preview page polls, and the last build's outcome."""

    build_id: int = 0
    ok: bool = True
    problems: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def status(self) -> bytes:
        return json.dumps({"id": self.build_id, "ok": self.ok, "problems": self.problems},
                          ensure_ascii=False).encode("utf-8")


def rebuild(paths: Paths, state: State) -> bool:
    """Build once; on bad input print every problem, and on a bug its traceback, and keep serving the last
    good site. The one place the preview builds (a build lock belongs here). True if the site was rebuilt."""
    t0 = time.perf_counter()
    try:
        info = build_site(paths)  # messages to stderr, as the build's
    except BuildError as e:
        e.problems.report()
        lines = [str(p) for p in sorted(e.problems.errors, key=lambda p: (p.path, p.line))]
        fail(state, lines, f"{len(lines)} problem(s): still serving the last good site")
        return False
    except Exception as e:  # noqa: BLE001 — a bug must not stop the preview: shown, then watched on
        traceback.print_exc()
        fail(state, [f"internal error (a bug in build.py, please report it): {type(e).__name__}: {e}"],
             "internal error (traceback above): still serving the last good site")
        return False
    state.ok, state.problems = True, []
    state.build_id += 1
    print(f"rebuilt in {time.perf_counter() - t0:.2f} s ({info['pages']} pages)", flush=True)
    return True


def fail(state: State, lines: list[str], summary: str) -> None:
    """Record a failed build for the page's banner and say so in the terminal."""
    state.ok, state.problems = False, lines
    print(summary, file=sys.stderr, flush=True)


def watch(paths: Paths, state: State, interval: float = 0.1, stop: threading.Event | None = None) -> None:
    """Poll the source folders; rebuild after each change. No error of one round ends the watching."""
    folders = [paths.root / "seeds", paths.content, paths.templates]
    skip = (paths.site, paths.docs, paths.root / ".cache")
    last = snapshot(folders, [paths.config], skip)
    stop = stop or threading.Event()
    while not stop.wait(interval):
        try:
            now = snapshot(folders, [paths.config], skip)
            if now != last:
                last = now  # taken before the build: an edit saved during it triggers the next one
                with state.lock:
                    rebuild(paths, state)
        except Exception:  # noqa: BLE001 — report and keep watching: a dead watcher would fail silently
            traceback.print_exc()
            print("internal error in the preview's watcher (traceback above): still watching",
                  file=sys.stderr, flush=True)


def make_handler(site: Path, state: State):
    """A request handler serving site/ with exact lengths and types, the reload script and /__build."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.respond(head=False)

        def do_HEAD(self):
            self.respond(head=True)

        def respond(self, head: bool) -> None:
            """Every request gets a status: a path no file can have is 404 (414 when too long to be one), and a
            failure of this handler is a 500 that says so, never a dropped connection."""
            try:
                self.answer(head)
            except Exception as e:  # noqa: BLE001 — a bug of the preview: the browser gets an answer, the terminal a line
                print(f"internal error of the preview ({type(e).__name__}: {e}) for {self.path[:200]!r}",
                      file=sys.stderr, flush=True)
                self.send(500, b"500 internal error of the preview (see the terminal)\n", "text/plain; charset=utf-8",
                          head)

        def answer(self, head: bool) -> None:
            path = unquote(urlsplit(self.path).path)
            if len(path.encode("utf-8", "surrogateescape")) > MAX_PATH:
                return self.send(414, b"414 the address is too long\n", "text/plain; charset=utf-8", head)
            if path == "/__build":
                return self.send(200, state.status(), "application/json", head)
            if path == "/__reload.js":
                return self.send(200, RELOAD_SRC, "text/javascript; charset=utf-8", head)
            target = resolve(site, path)
            if target is not None and is_folder(target):
                if not path.endswith("/"):
                    return self.redirect(path + "/", head)
                target = target / "index.html"
            data = read_file(target) if target is not None else None
            if data is None:
                return self.not_found(path, head)
            self.send(200, inject(data) if target.suffix == ".html" else data, content_type(target.name), head)

        def not_found(self, path: str, head: bool) -> None:
            lang = path.strip("/").split("/", 1)[0]
            page = read_file(site / lang / "404.html") if lang and "." not in lang else None
            page = page if page is not None else read_file(site / "404.html")
            if page is not None:
                return self.send(404, inject(page), "text/html; charset=utf-8", head)
            self.send(404, b"404 not found\n", "text/plain; charset=utf-8", head)

        def redirect(self, location: str, head: bool) -> None:
            self.send(301, b"", "text/plain; charset=utf-8", head, {"Location": location})

        def send(self, code: int, body: bytes, ctype: str, head: bool, extra: dict | None = None) -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if not head:
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the browser went away mid-answer
                    self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


MAX_PATH, MAX_NAME = 4096, 255  # bytes of a path and of one name on Linux (PATH_MAX, NAME_MAX)


def resolve(site: Path, url_path: str) -> Path | None:
    """The file or folder of site/ a URL path names; None outside site/ (no ../ escapes) or for a name no file
    can have (longer than a file name may be, or with a NUL)."""
    parts = [p for p in url_path.split("/") if p not in ("", ".")]
    if any(p == ".." or "\0" in p or len(p.encode("utf-8", "surrogateescape")) > MAX_NAME for p in parts):
        return None
    return site.joinpath(*parts)


def is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long, a loop of links: no folder of the site
        return False


def read_file(path: Path) -> bytes | None:
    """A regular file's bytes, or None (missing, a folder, or swapped away by a rebuild this instant)."""
    try:
        if not path.is_file():
            return None
        return path.read_bytes()
    except OSError:
        return None


def inject(html: bytes) -> bytes:
    """The page with the reload script before </body>, which its CSP is told to run (its Content-Length is
    computed afterwards)."""
    html = html.replace(b"script-src ", b"script-src '" + RELOAD_SRI + b"' ", 1)
    at = html.rfind(b"</body>")
    return html[:at] + RELOAD_TAG + html[at:] if at >= 0 else html + RELOAD_TAG


def bind_reason(e: Exception) -> str:
    """Why the preview's address cannot be used, in words."""
    if isinstance(e, OverflowError):
        return "a port is a number from 0 to 65535"
    if getattr(e, "errno", None) == errno.EADDRINUSE:
        return "the port is in use (another preview, or another program)"
    if getattr(e, "errno", None) in (errno.EACCES, errno.EPERM):
        return "permission denied (ports below 1024 need root)"
    if getattr(e, "errno", None) == errno.EADDRNOTAVAIL:
        return "this machine has no such address"
    return getattr(e, "strerror", None) or str(e)


def serve(root: Path, host: str, port: int, content: Path | None = None, config: Path | None = None) -> int:
    """Build, then serve site/ and rebuild on every change until interrupted (port 0: a free port)."""
    paths = Paths.default(root, content, config=config)
    state = State()
    try:  # the address first: a busy port is said at once, before a build that would be for nothing
        httpd = http.server.ThreadingHTTPServer((host, port), make_handler(paths.site, state))
    except (OSError, OverflowError) as e:
        print(f"cannot preview on {host} port {port}: {bind_reason(e)}; nothing was built\n"
              f"  --> use another port (--port 8001), or --port 0 for a free one", file=sys.stderr)
        return 1
    httpd.daemon_threads = True
    try:
        rebuild(paths, state)
    except KeyboardInterrupt:
        httpd.server_close()
        print(f"interrupted; {paths.site} unchanged", file=sys.stderr)
        return 130
    threading.Thread(target=watch, args=(paths, state), daemon=True).start()
    print(f"previewing on http://{host}:{httpd.server_address[1]}/ (Ctrl+C to stop)", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        print("preview stopped", file=sys.stderr)
    finally:
        httpd.server_close()
    return 0
