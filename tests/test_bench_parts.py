"""The benchmark's parts (scripts/bench/) on their own, in seconds: the byte-counting gzip server, the
measured process, the one-paragraph edits and the nav edit. The whole run: test_benchmark_smoke.py."""
from __future__ import annotations

import gzip
import socket
import subprocess
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from bench.measure import run_measured  # noqa: E402
from bench.project import Edit, set_nav, with_marker, with_zh_marker  # noqa: E402
from bench.server import gzip_server  # noqa: E402


def raw_get(base: str, path: str, gzip_ok: bool = True) -> bytes:
    """Every byte the server sends for one GET (the connection closed after it)."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as s:
        accept = "Accept-Encoding: gzip, deflate\r\n" if gzip_ok else ""
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n{accept}Connection: close\r\n\r\n".encode())
        chunks = []
        while data := s.recv(65536):
            chunks.append(data)
    return b"".join(chunks)


def test_server_counts_every_byte_it_writes(tmp_path):
    html = "<!doctype html><title>t</title>" + "<p>白衣阁 text</p>" * 200
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "pic.png").write_bytes(b"\x89PNG" + bytes(range(256)) * 4)
    with gzip_server(tmp_path) as server:
        wire = {p: raw_get(server.base, p) for p in ("/", "/pic.png", "/missing", "/sub")}
        records = {r["path"]: r for r in server.take()}
        plain = raw_get(server.base, "/", gzip_ok=False)
    for path, data in wire.items():
        r = records[path]
        assert r["header_bytes"] + r["body_bytes"] == len(data), path
    head, body = wire["/"].split(b"\r\n\r\n", 1)
    assert b"Content-Encoding: gzip" in head
    assert gzip.decompress(body).decode("utf-8") == html
    assert records["/"]["gzip"] and records["/"]["raw_bytes"] == len(html.encode("utf-8"))
    assert not records["/pic.png"]["gzip"] and b"Content-Encoding" not in wire["/pic.png"].split(b"\r\n\r\n")[0]
    assert records["/missing"]["status"] == 404 and records["/sub"]["status"] == 301
    assert plain.split(b"\r\n\r\n", 1)[1].decode("utf-8") == html, "no gzip for a client that did not ask"


def test_measured_process_counts_its_children(tmp_path):
    grandchild = "b = bytearray(80_000_000); print(len(b))"
    cmd = [sys.executable, "-c", f"import subprocess, sys; subprocess.run([sys.executable, '-c', {grandchild!r}])"]
    r = run_measured(tmp_path, cmd, timeout=60)
    assert r["rc"] == 0 and r["stdout"].strip() == "80000000"
    assert r["maxrss_kb"] >= 80_000_000 / 1024, "the peak memory of a child it waited for counts"
    assert r["cpu"] > 0 and r["wall"] >= r["cpu"] / 2
    r = run_measured(tmp_path, [sys.executable, "-c", "import sys; print('built 3 pages (4 HTML files) into x in "
                                "0.5 s'); sys.exit(3)"], timeout=60)
    assert (r["rc"], r["pages"], r["html_files"], r["reported"]) == (3, 3, 4, 0.5)
    with pytest.raises(subprocess.TimeoutExpired):
        run_measured(tmp_path, [sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)


EN = """# a comment that must stay
p1:
  src: 'abc'
  text: >-
    First words of p1.
p2:
  src: 'def'
  text: 'Quoted words of p2.'
"""


def test_english_edit_keeps_the_file_layout():
    assert with_marker(EN, "p1", "Mark") == EN.replace("    First words", "    Mark First words")
    assert with_marker(EN, "p2", "Mark") == EN.replace("'Quoted", "'Mark Quoted")
    assert with_zh_marker("一\n二\n", 1, "甲乙") == "一\n甲乙二\n"


def test_edit_writes_new_words_and_restores(tmp_path):
    f = tmp_path / "en.yml"
    f.write_text(EN, encoding="utf-8")
    words = iter(["Alpha", "Beta"])
    edit = Edit(f, lambda text, word: with_marker(text, "p1", word), lambda: next(words), "/en/", "p1", {})
    assert edit.write() == "Alpha" and "Alpha First" in f.read_text(encoding="utf-8")
    assert edit.write() == "Beta" and "Alpha" not in f.read_text(encoding="utf-8"), "each edit starts anew"
    edit.restore()
    assert f.read_text(encoding="utf-8") == EN


def test_set_nav_keeps_comments(tmp_path):
    f = tmp_path / "report.yml"
    f.write_text("# top\nnav: [index, a, b]  # the order\nstars: []\n", encoding="utf-8")
    set_nav(f, ["index", "a", "a-copy2", "b"])
    assert f.read_text(encoding="utf-8") == "# top\nnav: [index, a, a-copy2, b]  # the order\nstars: []\n"
