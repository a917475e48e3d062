"""Photos: a caption with its image shows the picture (copied into the site); without one, the caption alone."""
from __future__ import annotations

import io

from PIL import Image

from conftest import run_build


def test_a_named_photo_is_published_with_its_caption(project):
    photos = project / "site_src" / "photos"
    photos.mkdir()
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), "#336699").save(buf, format="JPEG")
    (photos / "textile.jpg").write_bytes(buf.getvalue())
    art = project / "site_src" / "article.yml"
    text = art.read_text(encoding="utf-8")
    art.write_text(text.replace("  - caption: f2\n    file: null", "  - caption: f2\n    file: textile.jpg"),
                   encoding="utf-8")
    proc = run_build(project)
    assert proc.returncode == 0, proc.stderr
    assert "photo f2" not in proc.stderr and "photo f4 has no image file" in proc.stderr
    assert (project / "site" / "photos" / "textile.jpg").read_bytes() == buf.getvalue()
    for lang in ("zh", "en"):
        page = (project / "site" / lang / "industry" / "index.html").read_text(encoding="utf-8")
        assert '<img src="../../photos/textile.jpg"' in page
        assert page.count("<figure class=\"photo\"") == 3


def test_a_named_but_missing_photo_is_a_warning_not_a_broken_image(project):
    art = project / "site_src" / "article.yml"
    art.write_text(art.read_text(encoding="utf-8").replace("  - caption: f2\n    file: null",
                                                           "  - caption: f2\n    file: gone.jpg"), encoding="utf-8")
    proc = run_build(project)
    assert proc.returncode == 0, proc.stderr
    assert "site_src/photos/gone.jpg not found; caption shown alone" in proc.stderr
    page = (project / "site" / "en" / "industry" / "index.html").read_text(encoding="utf-8")
    assert "gone.jpg" not in page
