"""serve: preview on 127.0.0.1, rebuilding when seeds/, site_src/ or templates/ change (no MkDocs serve)."""
from __future__ import annotations

import base64
import functools
import hashlib
import http.server
import sys
import threading
import time
from pathlib import Path

from .problems import BuildError
from .site import Paths, build_site

RELOAD_SRC = (b"(function(){var v=null;setInterval(function(){fetch('/__build').then(function(r){"
              b"return r.text()}).then(function(t){if(v!==null&&t!==v)location.reload();v=t}).catch(function(){})},"
              b"700)})();")
RELOAD_SRI = ("sha384-" + base64.b64encode(hashlib.sha384(RELOAD_SRC).digest()).decode()).encode()
# a file, not inline, named by its hash: the pages' CSP runs only scripts it lists by hash (added in preview_page)
RELOAD_JS = b'<script src="/__reload.js" integrity="' + RELOAD_SRI + b'"></script>'


def preview_page(data: bytes) -> bytes:
    """A built page as the preview serves it: with the reload script, which its CSP is told to run."""
    data = data.replace(b"script-src ", b"script-src '" + RELOAD_SRI + b"' ", 1)
    return data.replace(b"</body>", RELOAD_JS + b"</body>", 1)


def snapshot(folders: list[Path]) -> dict:
    """Modification time and size of every file under the watched folders."""
    out = {}
    for folder in folders:
        for p in folder.rglob("*"):
            if p.is_file() and "__pycache__" not in p.parts:
                st = p.stat()
                out[str(p)] = (st.st_mtime_ns, st.st_size)
    return out


class State:
    """The build counter the preview page polls, and the last build's outcome."""

    def __init__(self):
        self.build_id = 0
        self.lock = threading.Lock()


def rebuild(paths: Paths, state: State) -> None:
    """Build once; on bad input print every problem and keep serving the last good site."""
    t0 = time.perf_counter()
    try:
        info = build_site(paths, log=lambda m: print(m, file=sys.stderr))
        state.build_id += 1
        print(f"rebuilt in {time.perf_counter() - t0:.2f} s ({info['pages']} pages)", flush=True)
    except BuildError as e:
        e.problems.report()
        print(f"{len(e.problems.errors)} problem(s): still serving the last good site", file=sys.stderr, flush=True)


def watch(paths: Paths, state: State, interval: float = 0.1) -> None:
    """Poll the source folders; rebuild after a change has settled."""
    folders = [paths.root / "seeds", paths.content, paths.templates]
    last = snapshot(folders)
    while True:
        time.sleep(interval)
        now = snapshot(folders)
        if now != last:
            last = now
            with state.lock:
                rebuild(paths, state)


def make_handler(site: Path, state: State):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):
            if self.path in ("/__build", "/__reload.js"):
                body = str(state.build_id).encode() if self.path == "/__build" else RELOAD_SRC
                self.send_response(200)
                self.send_header("Content-Type", "text/plain" if self.path == "/__build" else "text/javascript")
                self.send_header("Cache-Control", "no-store")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            super().do_GET()

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def copyfile(self, source, outputfile):
            data = source.read()
            if self.path.endswith("/") or self.path.endswith(".html"):
                data = preview_page(data)
            outputfile.write(data)

        def send_header(self, key, value):
            if key == "Content-Length" and (self.path.endswith("/") or self.path.endswith(".html")):
                target = Path(self.translate_path(self.path))
                target = target / "index.html" if target.is_dir() else target
                value = str(len(preview_page(target.read_bytes())))
            super().send_header(key, value)

        def log_message(self, *args):
            pass

    return functools.partial(Handler, directory=str(site))


def serve(root: Path, host: str, port: int, content: Path | None = None, config: Path | None = None) -> int:
    """Build, then serve site/ and rebuild on every change until interrupted."""
    paths = Paths.default(root, content, config=config)
    state = State()
    rebuild(paths, state)
    threading.Thread(target=watch, args=(paths, state), daemon=True).start()
    httpd = http.server.ThreadingHTTPServer((host, port), make_handler(paths.site, state))
    print(f"previewing on http://{host}:{httpd.server_address[1]}/ (Ctrl+C to stop)", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0
