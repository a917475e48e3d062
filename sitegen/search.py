"""The search index: Pagefind extended (segments Chinese), one bundle per language in <lang>/pagefind/.

Pagefind runs as a service (`pagefind_extended --service`, the protocol of the `pagefind` Python
package: base64 JSON messages ended by a comma). The service is started, and asked to segment a line
of each language that will be indexed, as soon as the build knows which languages changed: loading the
Chinese dictionary takes about 0.35 s, and this way it happens while MkDocs builds the pages instead of
after. The index it writes is the same, byte for byte, as `pagefind --site SITE/LANG`.
"""
from __future__ import annotations

import base64
import json
import subprocess
import tempfile
from html import escape
from pathlib import Path

from .problems import BuildError, Problems

SUBDIR = "pagefind"


def executable() -> Path:
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        get_executable = None
    path = get_executable() if get_executable else None
    if not path or not Path(path).exists():
        problems = Problems()
        problems.add("requirements.txt", 0, "the Pagefind extended binary is not installed",
                     "run scripts/setup.sh (it installs pagefind[extended])")
        raise BuildError(problems)
    return Path(path)


def version_key() -> str:
    """Changes when the Pagefind binary does (for the cache of built indexes)."""
    exe = executable()
    st = exe.stat()
    return f"{exe}:{st.st_size}:{st.st_mtime_ns}"


def failed(site: Path, message: str) -> BuildError:
    problems = Problems()
    problems.add(str(site), 0, f"Pagefind failed: {message[:500]}")
    return BuildError(problems)


class Pagefind:
    """One Pagefind service process for the duration of a build."""

    def __init__(self):
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([str(executable()), "--service"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.log)
        self.next_id = 0
        self.replies: dict[int, dict] = {}
        self.buffer = b""
        self.warming: dict[str, int] = {}  # language -> id of its warm-up message

    def send(self, payload: dict) -> int:
        self.next_id += 1
        message = {"message_id": self.next_id, "payload": payload}
        try:
            self.proc.stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            pass  # reported by wait(), with what the service printed
        return self.next_id

    def wait(self, message_id: int, site: Path) -> dict:
        while message_id not in self.replies:
            while b"," not in self.buffer:
                chunk = self.proc.stdout.read1(1 << 16)
                if not chunk:
                    self.log.seek(0)
                    raise failed(site, self.log.read().decode("utf-8", "replace").strip() or "the service stopped")
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b",", 1)
            reply = json.loads(base64.b64decode(raw))
            self.replies[reply.get("message_id") or 0] = reply["payload"]
        payload = self.replies.pop(message_id)
        if payload.get("type") == "Error":
            raise failed(site, payload.get("message", "error"))
        return payload

    def warm_up(self, samples: dict[str, tuple[str, str]], site: Path) -> None:
        """Per language, segment one line (html lang, text) in a scratch index; index() reads the answer."""
        if not samples:
            return
        scratch = self.wait(self.send({"type": "NewIndex", "config": None}), site)["index_id"]  # milliseconds
        for lang, (html_lang, text) in samples.items():
            page = f'<html lang="{escape(html_lang)}"><body><p>{escape(text)}</p></body></html>'
            self.warming[lang] = self.send({"type": "AddFile", "index_id": scratch, "url": "/warm-up/",
                                            "file_contents": page})

    def index(self, site: Path, lang: str) -> None:
        """Index site/<lang>/**/*.html into site/<lang>/pagefind/. URLs are relative to site/<lang>/: the
        search script resolves them against the folder above the bundle, so the site may live at any path."""
        if lang in self.warming:
            self.wait(self.warming.pop(lang), site)
        index_id = self.wait(self.send({"type": "NewIndex", "config": None}), site)["index_id"]
        self.wait(self.send({"type": "AddDir", "index_id": index_id, "path": str(site / lang),
                             "glob": "**/*.html"}), site)
        self.wait(self.send({"type": "WriteFiles", "index_id": index_id,
                             "output_path": str(site / lang / SUBDIR)}), site)
        self.wait(self.send({"type": "DeleteIndex", "index_id": index_id}), site)
        entry = site / lang / SUBDIR / "pagefind-entry.json"  # languages in a fixed order (reproducible)
        entry.write_text(json.dumps(json.loads(entry.read_text(encoding="utf-8")), sort_keys=True,
                                    separators=(",", ":")), encoding="utf-8")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def close(self) -> None:
        """Stop the service. Every answer it owed has been read (the index is written), so it is
        killed rather than asked to finish the warm-up of a language that did not need indexing."""
        self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        self.log.close()
