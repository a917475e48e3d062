"""build.py --release refuses to publish what is not ready to go out — a placeholder address, no issuer, no date
of the article — all at once, each at its path:line with what to do, changing nothing; the ordinary build keeps
building the demo and warning. (sitegen/check/release.py)"""
from __future__ import annotations

import pytest

from conftest import build_here, tiny_tree
from sitegen.check.release import placeholder_host


def test_the_demo_is_refused_for_every_reason_and_nothing_changes(sources) -> None:
    proc = build_here(sources, "--release")
    assert proc.returncode == 1
    err = proc.stderr
    assert "mkdocs.yml:4: release: the site's address 'https://baiyige-report.example.org/' is no real address" in err
    assert "site_src/report.yml:18: release: meta.zh names no issuer" in err
    assert "site_src/report.yml:30: release: meta.en names no issuer" in err
    assert "site_src/report.yml:21: release: the article's date is not stated" in err
    assert "4 problems; nothing was published" in err
    assert proc.effects.lasting() == []          # not a file written, not a folder made


def test_the_ordinary_build_still_builds_the_demo(sources) -> None:
    proc = build_here(sources)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "warning: meta.zh names no issuer" in proc.stderr and "release:" not in proc.stderr


def ready(tmp_path, url: str = "https://qualifiers.gov.cn/"):
    """The tiny report with an address, an issuer and a date of its own."""
    return tiny_tree(tmp_path / "tiny", {
        "mkdocs.yml": ("site_url: https://qualifiers.example.org/", f"site_url: {url}"),
        "site_src/report.yml": ("    date: 未注明\n", "    date: 2026年12月1日\n    issuer: 样例乡人民政府\n")})


def test_a_ready_report_is_released(tmp_path) -> None:
    project = ready(tmp_path)
    text = (project / "site_src" / "report.yml").read_text(encoding="utf-8")
    (project / "site_src" / "report.yml").write_text(
        text.replace("    date: Undated\n", "    date: December 1, 2026\n    issuer: Sample Township Government\n"),
        encoding="utf-8")
    proc = build_here(project, "--release")
    assert proc.returncode == 0, proc.stderr[-2000:]


@pytest.mark.parametrize("url, why", [
    ("https://report.example.com/", "placeholder"), ("http://localhost:8000/", "placeholder"),
    ("https://127.0.0.1/", "IP address"), ("https://[::1]/", "IP address"), ("https://town.test/", "placeholder"),
    ("https://www.fanxian.gov.cn/", ""), ("https://example.org.cn/", ""),
])
def test_placeholder_addresses(url: str, why: str) -> None:
    assert (why in placeholder_host(url)) if why else placeholder_host(url) == ""
