"""Photos: a caption with its image shows the picture (copied into the site); without one, never a placeholder:
article.yml's missing_photos says whether the caption is left out (omit) or listed in one note on the article page."""
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
        assert page.count("<figure class=\"photo\"") == 1  # f4 and f6 have no file: not shown
        article = (project / "site" / lang / "article" / "index.html").read_text(encoding="utf-8")
        note = article.split('class="photo-note"')[1]
        assert '<ul class="captions"><li id="f2">' in article and '<li id="f4">' in note


def test_a_named_but_missing_photo_is_a_warning_not_a_broken_image(project):
    art = project / "site_src" / "article.yml"
    art.write_text(art.read_text(encoding="utf-8").replace("  - caption: f2\n    file: null",
                                                           "  - caption: f2\n    file: gone.jpg"), encoding="utf-8")
    proc = run_build(project)
    assert proc.returncode == 0, proc.stderr
    assert "site_src/photos/gone.jpg not found; its caption is listed in the note" in proc.stderr
    page = (project / "site" / "en" / "industry" / "index.html").read_text(encoding="utf-8")
    assert "gone.jpg" not in page


def test_omit_leaves_captions_without_photos_out_and_says_so(project):
    art = project / "site_src" / "article.yml"
    art.write_text(art.read_text(encoding="utf-8").replace("missing_photos: note", "missing_photos: omit"),
                   encoding="utf-8")
    proc = run_build(project)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count("its caption is left out of the pages (missing_photos: omit)") == 6
    for lang in ("zh", "en"):
        article = (project / "site" / lang / "article" / "index.html").read_text(encoding="utf-8")
        assert "photo-note" not in article and 'id="f1"' not in article and 'id="captions"' not in article


def test_an_unknown_missing_photos_value_is_an_error(project):
    art = project / "site_src" / "article.yml"
    art.write_text(art.read_text(encoding="utf-8").replace("missing_photos: note", "missing_photos: notes"),
                   encoding="utf-8")
    proc = run_build(project)
    assert proc.returncode == 1
    assert "article.yml" in proc.stderr and "missing_photos must be one of omit, note, got 'notes'" in proc.stderr
    assert "did you mean 'note'?" in proc.stderr
