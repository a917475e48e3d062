"""A report is one folder and one address: two reports built one after the other keep their own sites,
generated pages and URLs (canonical, hreflang, sitemap, robots.txt, share tags, QR codes)."""
from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
import zxingcpp
from PIL import Image, ImageDraw
from test_share import svg_modules

from conftest import ROOT, build_here, tree_digest

REPORT2 = ROOT / "tests" / "fixtures" / "report2"
FIRST = "https://baiyige-report.example.org"
SECOND = "https://xingfuli.example.net/report"


def add_second_report(project: Path, output: str | None = None, site_url: str | None = SECOND + "/") -> Path:
    """report2's content as site_src-xingfuli beside site_src/, with the given publish: entry."""
    content = project / "site_src-xingfuli"
    shutil.copytree(REPORT2 / "site_src", content)
    shutil.copy2(REPORT2 / "seeds" / "community.txt", project / "seeds" / "community.txt")
    f = content / "report.yml"
    text = re.sub(r"(?ms)^publish:.*?^  output: .*?\n", "", f.read_text(encoding="utf-8"))
    entry = {k: v for k, v in (("site_url", site_url), ("output", output)) if v is not None}
    if entry:
        text += "\n" + yaml.safe_dump({"publish": entry})
    f.write_text(text, encoding="utf-8")
    return content


def scanned_qr(page: str) -> str:
    """The URL in the share panel's QR code, drawn from its SVG modules and scanned."""
    svg = re.search(r'<svg role="img"[^>]*class="qr">.*?</svg>', page, re.S).group(0)
    size = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    scale = 6
    image = Image.new("L", (size * scale, size * scale), 255)
    draw = ImageDraw.Draw(image)
    for x, y in svg_modules(svg):
        draw.rectangle((x * scale, y * scale, x * scale + scale - 1, y * scale + scale - 1), fill=0x1F)
    found = [r.text for r in zxingcpp.read_barcodes(image)]
    assert len(found) == 1, found
    return found[0]


def assert_addressed(site: Path, base: str) -> None:
    """Every address in the site is under base, and none is another report's."""
    for lang, slug in (("zh", ""), ("en", "overview/"), ("en", "")):
        page = (site / lang / slug / "index.html").read_text(encoding="utf-8")
        url = f"{base}/{lang}/{slug}"
        assert f'<link rel="canonical" href="{url}">' in page
        assert f'<meta property="og:url" content="{url}">' in page
        assert f'<meta property="og:image" content="{url}share.png">' in page
        for code, other in (("zh-Hans", "zh"), ("en", "en")):
            assert f'hreflang="{code}" href="{base}/{other}/{slug}"' in page
        assert scanned_qr(page) == url
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [u.text for u in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    assert locs and all(loc.startswith(base + "/") for loc in locs)
    assert f"Sitemap: {base}/sitemap.xml" in (site / "robots.txt").read_text()
    other = SECOND if base == FIRST else FIRST
    for f in site.rglob("*.html"):
        assert other not in f.read_text(encoding="utf-8"), f


def test_two_reports_keep_their_own_sites_and_addresses(project):
    assert build_here(project).returncode == 0
    first_site, first_docs = tree_digest(project / "site"), tree_digest(project / "docs")
    add_second_report(project)
    proc = build_here(project, "--content", "site_src-xingfuli")
    assert proc.returncode == 0, proc.stderr
    second = project / "site-xingfuli"  # publish.output unset: site-NAME beside the content folder
    assert f"into {second}" in proc.stdout
    assert tree_digest(project / "site") == first_site, "the default report's site/ was overwritten"
    assert tree_digest(project / "docs") == {**first_docs, **{k: v for k, v in tree_digest(project / "docs").items()
                                                              if k.startswith("content-site_src-xingfuli/")}}
    assert (project / "docs" / "content-site_src-xingfuli" / "zh" / "index.md").exists()
    assert_addressed(project / "site", FIRST)
    assert_addressed(second, SECOND)
    # and the first again, after the second: still its own
    assert build_here(project).returncode == 0
    assert tree_digest(project / "site") == first_site
    assert_addressed(second, SECOND)


def test_a_report_without_an_address_is_refused(project):
    add_second_report(project, site_url=None)
    before = tree_digest(project / "site") if (project / "site").exists() else {}
    proc = build_here(project, "--content", "site_src-xingfuli", "--out", str(project / "out"))
    assert proc.returncode == 1
    assert re.search(r"^site_src-xingfuli/report\.yml:\d+: this report has no address of its own", proc.stderr, re.M)
    assert "publish: {site_url:" in proc.stderr
    assert not (project / "out").exists()
    assert (tree_digest(project / "site") if (project / "site").exists() else {}) == before


def test_a_report_may_not_build_into_the_default_reports_site(built_project):
    add_second_report(built_project, output="site")
    before = tree_digest(built_project / "site")
    proc = build_here(built_project, "--content", "site_src-xingfuli")
    assert proc.returncode == 1
    assert re.search(r"^site_src-xingfuli/report\.yml:\d+: the output folder site is the site of the report of "
                     r"mkdocs\.yml", proc.stderr, re.M), proc.stderr
    assert tree_digest(built_project / "site") == before


def test_the_default_report_cannot_have_two_addresses(project):
    f = project / "site_src" / "report.yml"
    f.write_text(f.read_text(encoding="utf-8") + "publish: {site_url: 'https://elsewhere.example.org/'}\n",
                 encoding="utf-8")
    proc = build_here(project)
    assert proc.returncode == 1
    assert re.search(r"^site_src/report\.yml:\d+: publish\.site_url 'https://elsewhere\.example\.org/' differs "
                     r"from site_url", proc.stderr, re.M), proc.stderr


def test_a_configuration_of_its_own_still_works(project):
    """--config: a copy of mkdocs.yml naming the report's content folder (its site_url is the address)."""
    add_second_report(project, site_url=None)
    cfg = (project / "mkdocs.yml").read_text(encoding="utf-8")
    cfg = cfg.replace(f"site_url: {FIRST}/", f"site_url: {SECOND}/").replace("content: site_src ",
                                                                              "content: site_src-xingfuli ")
    cfg = cfg.replace("site_dir: site", "site_dir: site-x2").replace("docs_dir: docs", "docs_dir: docs-x2")
    (project / "xingfuli.yml").write_text(cfg, encoding="utf-8")
    proc = build_here(project, "--config", "xingfuli.yml")
    assert proc.returncode == 0, proc.stderr
    assert_addressed(project / "site-x2", SECOND)
    assert (project / "docs-x2" / "zh" / "index.md").exists()
