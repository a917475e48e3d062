"""No traceback for what a person can cause (issue 24, class 6): the preview answers every request with a status
(a 60 kB or a 300-byte path used to drop the connection with a traceback in the terminal), and a draft of an
article no report is made of is refused at once (a 7 MB article drafted for 4 minutes into 109,039 TODOs). The
draft into a file or a read-only folder and stamp on a read-only translation: tests/test_outputs.py."""
from __future__ import annotations

import http.client
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, build_here


@pytest.fixture
def preview(tmp_path, capfd):
    """The preview's HTTP server (sitegen/commands/serve.py) over a small site, on a free port."""
    import http.server

    from sitegen.commands.serve import State, make_handler

    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text("<html><body>root</body></html>", encoding="utf-8")
    (site / "404.html").write_text("<html><body>not found</body></html>", encoding="utf-8")
    (site / "en" / "index.html").write_text("<html><body>en</body></html>", encoding="utf-8")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site, State()))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()
    assert "Traceback" not in capfd.readouterr().err


def get(port: int, path: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        return conn.getresponse().status
    finally:
        conn.close()


@pytest.mark.parametrize("path,status", [
    ("/" + "a" * 300, 404),                      # a name longer than a file name may be
    ("/en/" + "%C3%A9" * 200 + "/index.html", 404),  # é: 400 bytes in UTF-8
    ("/" + "a" * 60_000, 414),                   # a path longer than any path
    ("/" + "/".join(["abc"] * 1000), 404),       # 4 kB of short names
    ("/" + "/".join(["abc"] * 2000), 414),       # 8 kB of short names: longer than any path
    ("/" + "%00", 404), ("/..%2f..%2fetc%2fpasswd", 404), ("/en/", 200), ("/en", 301),
    ("/" + "a" * 70_000, 414),                   # over the request line's limit: http.server's own 414
])
def test_the_preview_answers_every_path_with_a_status(preview, path, status):
    assert get(preview, path) == status


def test_a_failure_of_the_preview_is_a_500_not_a_dropped_connection(preview, monkeypatch):
    from sitegen.commands import serve

    monkeypatch.setattr(serve, "inject", lambda html: (_ for _ in ()).throw(RuntimeError("a bug")))
    assert get(preview, "/en/") == 500


def big_article(tmp_path: Path, size: int) -> Path:
    seed = (ROOT / "seeds" / "000_7d6fa804764c86b5.txt").read_text(encoding="utf-8")
    lines = seed.split("\n")
    title = next(i for i, line in enumerate(lines) if line.startswith("# "))
    body = "\n".join(lines[title + 1:]).strip("\n")
    f = tmp_path / "big.txt"
    f.write_text(lines[title] + "\n\n" + "\n\n".join([body] * (size // len(body.encode()) + 1)) + "\n",
                 encoding="utf-8")
    return f


@pytest.mark.parametrize("size,expected", [
    (7_000_000, r"the article is too large \(7,\d{3},\d{3} bytes; at most 1,048,576 are read\)"),
    (900_000, r"the article has \d,\d{3} numbers that would be figures: a report has at most 1,000; nothing was "
              r"written"),
])
def test_a_draft_of_an_article_no_report_is_made_of_is_refused_at_once(project, tmp_path, size, expected):
    import re

    seed = big_article(tmp_path, size)
    t0 = time.monotonic()
    proc = build_here(project, "draft", str(seed), str(tmp_path / "site_src-big"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert re.search(expected, proc.stderr), proc.stderr[-2000:]
    assert time.monotonic() - t0 < 30
    assert not (tmp_path / "site_src-big").exists()
