"""A static server that gzips text like a real host, and counts every byte it writes."""
from __future__ import annotations

import gzip
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formatdate
from pathlib import Path
from urllib.parse import quote, urlsplit

# served gzip-compressed when the client accepts it (Pagefind's own files are already compressed)
GZIP_EXT = {".html", ".htm", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".csv", ".wasm", ".map"}
GZIP_LEVEL = 6


class GzipServer(http.server.ThreadingHTTPServer):
    """Serves a folder; text types gzip-compressed for clients that accept gzip; logs (path, status,
    header bytes, body bytes) of every response it writes."""

    daemon_threads = True

    def __init__(self, directory: Path):
        self.directory = str(directory)
        self.records: list[dict] = []
        self.lock = threading.Lock()
        self.gz_cache: dict[tuple, bytes] = {}
        self.base = ""
        super().__init__(("127.0.0.1", 0), GzipHandler)

    def record(self, entry: dict) -> None:
        """Log one response written."""
        with self.lock:
            self.records.append(entry)

    def take(self) -> list[dict]:
        """The responses written since the last reset()."""
        with self.lock:
            return list(self.records)

    def reset(self) -> None:
        """Forget the responses written so far (a new page is measured)."""
        with self.lock:
            self.records.clear()

    def gzipped(self, file: Path, data: bytes) -> bytes:
        """The build's own .gz beside the file (gzip -9, what a host with gzip_static sends), else data (file's
        bytes) compressed at level 6, once per version of the file."""
        pre = file.with_name(file.name + ".gz")
        if pre.is_file():
            return pre.read_bytes()
        st = file.stat()
        key = (str(file), st.st_mtime_ns, st.st_size)
        with self.lock:
            hit = self.gz_cache.get(key)
        if hit is None:
            hit = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
            with self.lock:
                self.gz_cache[key] = hit
        return hit


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """GET and HEAD of the server's folder, with Content-Length and Content-Encoding as a static host sends."""

    protocol_version = "HTTP/1.1"  # keep-alive, as a real static host
    server: GzipServer

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=args[2].directory, **kwargs)

    def do_GET(self):  # noqa: N802 - the name http.server calls
        """A file, with its body."""
        self.respond(True)

    def do_HEAD(self):  # noqa: N802 - the name http.server calls
        """A file's headers only."""
        self.respond(False)

    def accepts_gzip(self) -> bool:
        """Whether Accept-Encoding allows gzip (and does not give it q=0)."""
        for token in (self.headers.get("Accept-Encoding") or "").split(","):
            name, _, params = token.strip().partition(";")
            if name.strip().lower() in ("gzip", "*") and not re.search(r"q\s*=\s*0(\.0*)?\s*$", params):
                return True
        return False

    def respond(self, with_body: bool) -> None:
        """The file of the path (a folder's index.html; a redirect to the folder with a slash; 404)."""
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
        """Write one response and log its size on the wire."""
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
        """Quiet: the records are the log."""


@contextmanager
def gzip_server(directory: Path) -> Iterator[GzipServer]:
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
