"""Every file the build reads is a regular file inside its folder (issue 24, class 1): a symbolic link out of
templates/, of the content folder or of the project, a device, a FIFO or a socket is a problem at its path, found
before anything is opened, so no file of the machine is ever published and no read ever blocks; a link that stays
inside is followed. A build holding the lock answers Ctrl-C and SIGTERM within a second, wherever it is.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import PY, build_here, run_build, tree_digest

ENV = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
SECRET = "root:x:0:0 secret-token-123"


def link(project: Path, rel: str, target) -> None:
    f = project / rel
    if f.is_dir() and not f.is_symlink():
        shutil.rmtree(f)
    elif f.exists() or f.is_symlink():
        f.unlink()
    f.symlink_to(target)


def fifo(project: Path, rel: str) -> None:
    (project / rel).unlink(missing_ok=True)
    os.mkfifo(project / rel)


def secret_file(tmp_path: Path, name: str = "secret.txt") -> Path:
    f = tmp_path / name
    f.write_text(SECRET + "\n", encoding="utf-8")
    return f


def seed_rel(project: Path) -> str:
    return str(next((project / "seeds").glob("000_*.txt")).relative_to(project))


# (name, how to break the project given a folder outside it, expected message (regex))
LINKS_OUT = [
    ("a script of templates/assets linked to /proc/self/environ (the build's environment, a CI token)",
     lambda p, out: link(p, "templates/assets/site.js", "/proc/self/environ"),
     r"templates/assets/site.js: asset is a symbolic link to /proc/self/environ, outside templates/"),
    ("the stylesheet linked to a file of the machine",
     lambda p, out: link(p, "templates/assets/site.css", secret_file(out)),
     r"templates/assets/site.css: asset is a symbolic link to .*/secret.txt, outside templates/"),
    ("a file of the theme, which MkDocs copies into the site",
     lambda p, out: link(p, "templates/theme/extra.css", secret_file(out)),
     r"templates/theme/extra.css: file is a symbolic link to .*secret.txt, outside templates/"),
    ("a page template", lambda p, out: link(p, "templates/pages/about.html", secret_file(out, "about.html")),
     r"templates/pages/about.html: template is a symbolic link to .*about.html, outside templates/"),
    ("an icon", lambda p, out: link(p, "templates/icons/star.svg", secret_file(out, "star.svg")),
     r"templates/icons/star.svg: icon is a symbolic link to .*star.svg, outside templates/"),
    ("the interface words", lambda p, out: link(p, "templates/strings.yml", secret_file(out, "s.yml")),
     r"templates/strings.yml: file is a symbolic link to .*s.yml, outside templates/"),
    ("a page", lambda p, out: link(p, "site_src/pages/en/about.md", secret_file(out, "about.md")),
     r"site_src/pages/en/about.md: page is a symbolic link to .*about.md, outside site_src/"),
    ("the translation", lambda p, out: link(p, "site_src/translations/en.yml", secret_file(out, "en.yml")),
     r"site_src/translations/en.yml: file is a symbolic link to .*en.yml, outside site_src/"),
    ("the photos folder", lambda p, out: link(p, "site_src/photos", out),
     r"site_src/photos: photo is a symbolic link to .*, outside site_src/"),
    ("the pages folder of a language", lambda p, out: link(p, "site_src/pages/en", out),
     r"site_src/pages/en: file is a symbolic link to .*, outside site_src/"),
    ("the seed", lambda p, out: link(p, seed_rel(p), (p / seed_rel(p)).rename(out / "article.txt") or out /
                                     "article.txt"),
     r"seeds/000_\w+.txt: the article is a symbolic link to .*article.txt, outside .*"),
]


@pytest.mark.parametrize("name,breaks,expected", LINKS_OUT, ids=[c[0] for c in LINKS_OUT])
def test_a_link_out_of_its_folder_is_refused_and_never_read(sources, tmp_path, name, breaks, expected):
    """Each link out: its path and where it leads, exit 1, nothing written, the file it names never published."""
    out = tmp_path / "outside"
    out.mkdir()
    breaks(sources, out)
    proc = build_here(sources)
    assert proc.returncode == 1, proc.stdout + proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr and re.search(expected, proc.stderr), proc.stderr[-3000:]
    assert not (sources / "site").exists() and not proc.effects.lasting()
    assert "secret-token" not in proc.stderr and "root:x" not in proc.stderr


def test_links_that_stay_inside_are_followed(project):
    """A link that stays inside its folder is the editor's own: a page and an icon linked within their folders
    build as their targets do."""
    about = project / "site_src/pages/en/about.md"
    (project / "site_src/drafts").mkdir()
    about.rename(project / "site_src/drafts/about.md")
    about.symlink_to("../../drafts/about.md")
    icon = project / "templates/icons/star.svg"
    icon.rename(project / "templates/icons/star-original.svg")
    icon.symlink_to("star-original.svg")
    proc = build_here(project)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "About this site" in (project / "site/en/about/index.html").read_text(encoding="utf-8")


def make_socket(path: Path) -> None:
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(path))
    s.close()


# (name, how to break the project, expected message (regex)): each would block, grow without end or be read
SPECIAL = [
    ("a FIFO as a page template (blocked the build forever, holding the lock)",
     lambda p: fifo(p, "templates/pages/about.html"),
     r"templates/pages/about.html: template is a pipe \(FIFO\), not a regular file"),
    ("a FIFO as a block template", lambda p: fifo(p, "templates/pages/blocks/chart.html"),
     r"templates/pages/blocks/chart.html: template is a pipe \(FIFO\)"),
    ("a FIFO as the theme's main.html (read by MkDocs)", lambda p: fifo(p, "templates/theme/main.html"),
     r"templates/theme/main.html: template is a pipe \(FIFO\)"),
    ("/dev/zero as an icon (grew the build to 24 GB)", lambda p: link(p, "templates/icons/star.svg", "/dev/zero"),
     r"templates/icons/star.svg: icon is a device or other special file, not a regular file \(a symbolic link to "
     r"/dev/zero\)"),
    ("/dev/urandom as a stylesheet", lambda p: link(p, "templates/assets/site.css", "/dev/urandom"),
     r"templates/assets/site.css: asset is a device or other special file"),
    ("a FIFO as the interface words", lambda p: fifo(p, "templates/strings.yml"),
     r"templates/strings.yml: file is a pipe \(FIFO\)"),
    ("a FIFO as the seed", lambda p: fifo(p, seed_rel(p)),
     r"seeds/000_\w+.txt: the article is a pipe \(FIFO\)"),
    ("a socket among the photos", lambda p: (p / "site_src/photos").mkdir() or make_socket(p / "site_src/photos/s"),
     r"site_src/photos/s: photo is a socket, not a regular file"),
    ("a FIFO among the templates' assets", lambda p: os.mkfifo(p / "templates/assets/extra.js"),
     r"templates/assets/extra.js: asset is a pipe \(FIFO\)"),
]


@pytest.mark.parametrize("name,breaks,expected", SPECIAL, ids=[c[0] for c in SPECIAL])
def test_devices_fifos_and_sockets_are_refused_without_blocking(built_project, name, breaks, expected):
    """In a process of its own, with a timeout: a FIFO used to block the build forever and /dev/zero to grow it
    without end. Each is one message, exit 1 within seconds, site/ byte-identical."""
    before = tree_digest(built_project / "site")
    breaks(built_project)
    t0 = time.monotonic()
    proc = run_build(built_project, timeout=60)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out[-3000:]
    assert "Traceback" not in out and re.search(expected, out), out[-3000:]
    assert time.monotonic() - t0 < 30
    assert tree_digest(built_project / "site") == before


def test_reading_never_blocks_on_a_fifo_swapped_in_after_the_scan(tmp_path):
    """read/files.py opens without blocking and checks the open file: a FIFO that appears between the scan and the
    read is refused, not waited on."""
    from sitegen.read.files import Unsafe, read_bytes

    fifo = tmp_path / "page.md"
    os.mkfifo(fifo)
    t0 = time.monotonic()
    with pytest.raises(Unsafe, match=r"is a pipe \(FIFO\)"):
        read_bytes(fifo, "page")  # no home given: the scan is skipped, the descriptor is checked
    assert time.monotonic() - t0 < 1


def test_an_input_over_its_kinds_limit_is_refused(sources):
    """A file larger than its kind allows is refused by its size before it is read (a template of 600 kB)."""
    big = sources / "templates/pages/blocks/notes.html"
    big.write_text(big.read_text(encoding="utf-8") + "{# " + "x" * 600_000 + " #}\n", encoding="utf-8")
    proc = build_here(sources)
    assert proc.returncode == 1
    assert re.search(r"templates/pages/blocks/notes.html: template is too large \(6\d\d,\d{3} bytes; at most "
                     r"524,288 are read\)", proc.stderr), proc.stderr[-2000:]


# ---- Ctrl-C and SIGTERM within a second, wherever the build is ---------------------------------------

STUCK = """
import os, sys, time
sys.path.insert(0, ".")
import sitegen.pipeline as pipeline
def stuck(*args, **kwargs):
    print("stuck", flush=True)
    {how}
pipeline.render_pages = stuck
from sitegen.commands.cli import main
sys.argv = ["build.py"]
sys.exit(main())
"""
HOW = {"a read that never returns": "r, w = os.pipe(); os.read(r, 1)",
       "a sleep": "time.sleep(60)",
       "a busy loop": "while True: pass"}


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
@pytest.mark.parametrize("how", list(HOW))
def test_a_build_holding_the_lock_stops_within_a_second(built_project, how, sig):
    """A build stuck in one of its steps (it used to be a FIFO read) holds the lock; Ctrl-C or SIGTERM ends it
    within a second with exit code 130 and site/ unchanged (signals used to wait for the step to end)."""
    before = tree_digest(built_project / "site")
    script = built_project / "stuck.py"
    script.write_text(STUCK.replace("{how}", HOW[how]), encoding="utf-8")
    proc = subprocess.Popen([PY, str(script)], cwd=built_project, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=ENV, start_new_session=True)
    try:
        assert proc.stdout.readline().strip() == "stuck", proc.stderr.read()
        assert (built_project / ".cache/build.lock").read_text().strip() == str(proc.pid)
        t0 = time.monotonic()
        os.killpg(proc.pid, sig) if sig == signal.SIGINT else proc.send_signal(sig)
        out, err = proc.communicate(timeout=30)
        took = time.monotonic() - t0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert took < 1.0, f"stopped after {took:.2f} s"
    assert "interrupted" in err and "Traceback" not in out + err, err
    assert tree_digest(built_project / "site") == before
