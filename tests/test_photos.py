"""Photos: a caption with its image shows the picture (copied into the site); without one, never a placeholder:
article.yml's missing_photos says whether the caption is left out (omit) or listed in one note on the article page."""
from __future__ import annotations

import io
import json
import re
import subprocess
from urllib.parse import unquote

import pytest
from PIL import Image

from conftest import PY, build_here, tree_digest


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
    proc = build_here(project)
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
    proc = build_here(project)
    assert proc.returncode == 0, proc.stderr
    assert "site_src/photos/gone.jpg not found; its caption is listed in the note" in proc.stderr
    page = (project / "site" / "en" / "industry" / "index.html").read_text(encoding="utf-8")
    assert "gone.jpg" not in page


# ---- photos come from the content folder's photos/ and are real images within the limits ----------

def name_photo(project, file: str, caption: str = "f2") -> int:
    """Name file as caption's photo in article.yml; the line of that photo's entry."""
    art = project / "site_src" / "article.yml"
    text = art.read_text(encoding="utf-8")
    old = f"  - caption: {caption}\n    file: null"
    assert old in text
    art.write_text(text.replace(old, f"  - caption: {caption}\n    file: {json.dumps(file)}"), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def jpeg(size=(64, 48)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, "#336699").save(buf, format="JPEG")
    return buf.getvalue()


def assert_refused_at(proc, site_before, project, line: int, *words: str) -> None:
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"site_src/article.yml:{line}: photo f2" in proc.stderr, proc.stderr
    for w in words:
        assert w in proc.stderr, proc.stderr
    assert tree_digest(project / "site") == site_before


@pytest.mark.parametrize("kind", ["absolute", "dotdot", "symlink-out", "symlinked-folder"])
def test_a_photo_from_outside_the_photos_folder_is_refused(built_project, tmp_path, kind):
    p = built_project
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(jpeg())
    photos = p / "site_src" / "photos"
    photos.mkdir()
    if kind == "absolute":
        name, why = str(secret), "must be a path relative to the photos folder"
    elif kind == "dotdot":
        name, why = "../../../secret.jpg", "must not contain '..'"
    elif kind == "symlink-out":  # a link out of the content folder is refused where it is, before any reading
        (photos / "nice.jpg").symlink_to(secret)
        name, why = "nice.jpg", f"site_src/photos/nice.jpg: photo is a symbolic link to {secret}, outside site_src/"
    else:
        (photos / "album").symlink_to(tmp_path)
        name, why = "album/secret.jpg", f"site_src/photos/album: photo is a symbolic link to {tmp_path}, outside " \
            "site_src/"
    before = tree_digest(p / "site")
    line = name_photo(p, name)
    proc = build_here(p)
    if kind.startswith("symlink"):
        assert proc.returncode == 1 and why in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
        assert tree_digest(p / "site") == before
    else:
        assert_refused_at(proc, before, p, line, why)
    assert not [f for f in (p / "site").rglob("secret.jpg")]


def test_a_link_inside_the_photos_folder_is_followed(project):
    """A link that stays inside the content folder is allowed: the photo it names is published."""
    photos = project / "site_src" / "photos"
    (photos / "raw").mkdir(parents=True)
    (photos / "raw" / "loom.jpg").write_bytes(jpeg())
    (photos / "textile.jpg").symlink_to("raw/loom.jpg")
    name_photo(project, "textile.jpg")
    proc = build_here(project)
    assert proc.returncode == 0, proc.stderr
    assert (project / "site" / "photos" / "textile.jpg").read_bytes() == jpeg()


@pytest.mark.parametrize("name,data,why", [
    ("x.jpg", b"<script>alert(1)</script>\n", "is not an image"),
    ("page.html", b"<html><script>alert(1)</script></html>", "is not an image"),
    ("x.gif", "GIF", "is a GIF image, not JPEG, PNG or WebP"),
    ("x.png", None, "is a JPEG image with the extension .png"),
    ("cut.jpg", b"half", "is not an image"),
])
def test_a_photo_that_is_not_a_jpeg_png_or_webp_is_refused(built_project, name, data, why):
    p = built_project
    photos = p / "site_src" / "photos"
    photos.mkdir()
    if data == "GIF":
        Image.new("P", (8, 8)).save(photos / name, format="GIF")
    else:
        (photos / name).write_bytes(jpeg() if data is None else data)
    before = tree_digest(p / "site")
    line = name_photo(p, name)
    assert_refused_at(build_here(p), before, p, line, why)


def test_a_huge_photo_is_refused_without_decoding_it(built_project):
    """A 20000 x 20000 PNG of a few KB (a decompression bomb: 400 megapixels, 1.6 GB decoded) is refused
    from its header: the build's memory stays far below what decoding it would take."""
    p = built_project
    photos = p / "site_src" / "photos"
    photos.mkdir()
    Image.new("1", (20000, 20000)).save(photos / "bomb.png", optimize=True)
    assert (photos / "bomb.png").stat().st_size < 200_000
    Image.new("P", (9000, 100)).save(photos / "wide.png")
    before = tree_digest(p / "site")
    line = name_photo(p, "bomb.png")
    name_photo(p, "wide.png", "f4")
    code = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
            "sys.stderr.write(p.stderr); print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    proc = subprocess.run([PY, "-c", code, PY, str(p / "build.py")], cwd=p, capture_output=True, text=True,
                          timeout=300)
    rc, maxrss_kb = map(int, proc.stdout.split())
    assert rc == 1, proc.stderr
    assert f"site_src/article.yml:{line}: photo f2: site_src/photos/bomb.png" in proc.stderr, proc.stderr
    assert "bomb.png is 20000 x 20000 pixels" in proc.stderr
    assert "photo f4: site_src/photos/wide.png is 9000 x 100 pixels" in proc.stderr
    assert maxrss_kb < 400_000, f"{maxrss_kb} KB: the image was decoded"
    assert tree_digest(p / "site") == before


def test_a_photo_over_the_size_limit_is_refused(built_project):
    p = built_project
    photos = p / "site_src" / "photos"
    photos.mkdir()
    (photos / "big.jpg").write_bytes(jpeg() + b"\0" * (11 * 1024 * 1024))
    before = tree_digest(p / "site")
    line = name_photo(p, "big.jpg")
    assert_refused_at(build_here(p), before, p, line, "MB, more than the 10 MB")


def test_a_photo_in_a_subfolder_is_published_at_the_same_path(project):
    photos = project / "site_src" / "photos" / "2023 market"
    photos.mkdir(parents=True)
    (photos / "织布.jpg").write_bytes(jpeg())
    name_photo(project, "2023 market/织布.jpg")
    proc = build_here(project)
    assert proc.returncode == 0, proc.stderr
    published = project / "site" / "photos" / "2023 market" / "织布.jpg"
    assert published.read_bytes() == (photos / "织布.jpg").read_bytes()
    for lang in ("zh", "en"):
        page = project / "site" / lang / "industry" / "index.html"
        srcs = re.findall(r'<img src="([^"]+)"', page.read_text(encoding="utf-8"))
        photo_srcs = [s for s in srcs if "photos/" in s]
        assert len(photo_srcs) == 1, srcs
        assert (page.parent / unquote(photo_srcs[0])).resolve() == published.resolve()
        assert " " not in photo_srcs[0]


def test_omit_leaves_captions_without_photos_out_and_says_so(project):
    art = project / "site_src" / "article.yml"
    art.write_text(art.read_text(encoding="utf-8").replace("missing_photos: note", "missing_photos: omit"),
                   encoding="utf-8")
    proc = build_here(project)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count("its caption is left out of the pages (missing_photos: omit)") == 6
    for lang in ("zh", "en"):
        article = (project / "site" / lang / "article" / "index.html").read_text(encoding="utf-8")
        assert "photo-note" not in article and 'id="f1"' not in article and 'id="captions"' not in article


def test_an_unknown_missing_photos_value_is_an_error(project):
    art = project / "site_src" / "article.yml"
    art.write_text(art.read_text(encoding="utf-8").replace("missing_photos: note", "missing_photos: notes"),
                   encoding="utf-8")
    proc = build_here(project)
    assert proc.returncode == 1
    assert "article.yml" in proc.stderr and "missing_photos must be one of omit, note, got 'notes'" in proc.stderr
    assert "did you mean 'note'?" in proc.stderr


SECRETS = (b"SecretCam", b"SECRETXMP", b"SECRET COMMENT", b"TRAILING-SECRET", b"GPS")


def private_photo(fmt: str) -> tuple[bytes, Image.Image]:
    """A photo as a phone writes it: EXIF with the camera and a GPS position (and the picture turned by its
    orientation tag), XMP, a comment and, in a JPEG, bytes after the image (as makers append a second image)."""
    from PIL.PngImagePlugin import PngInfo

    img = Image.new("RGB", (64, 48), "#336699")
    img.paste((200, 30, 30), (0, 0, 20, 10))
    exif = Image.Exif()
    exif[0x010F], exif[0x0112] = "SecretCam", 6
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (34.0, 52.0, 0.0)
    extra = {"JPEG": {"comment": b"SECRET COMMENT"}, "WEBP": {"lossless": True}, "PNG": {"pnginfo": PngInfo()}}[fmt]
    if fmt == "PNG":
        extra["pnginfo"].add_text("Comment", "SECRET COMMENT")
        extra["pnginfo"].add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>SECRETXMP</x:xmpmeta>")
    buf = io.BytesIO()
    img.save(buf, fmt, exif=exif.tobytes(), xmp=b"<x:xmpmeta>SECRETXMP</x:xmpmeta>", **extra)
    data = buf.getvalue() + (b"TRAILING-SECRET" if fmt == "JPEG" else b"")
    assert b"SecretCam" in data and b"SECRET" in data
    return data, Image.open(io.BytesIO(data)).convert("RGB")


def test_published_photos_carry_no_metadata(project):
    """The published bytes of a JPEG, a PNG and a WebP hold no EXIF (camera, GPS), XMP, comment or trailing data;
    the image is the same pixels, and a picture turned by its orientation tag stays turned."""
    photos = project / "site_src" / "photos"
    photos.mkdir()
    originals = {}
    for caption, (name, fmt) in zip(("f2", "f4", "f6"), (("a.jpg", "JPEG"), ("b.png", "PNG"), ("c.webp", "WEBP")),
                                    strict=True):
        data, pixels = private_photo(fmt)
        (photos / name).write_bytes(data)
        originals[name] = (fmt, pixels)
        name_photo(project, name, caption)
    proc = build_here(project)
    assert proc.returncode == 0, proc.stderr
    for name, (fmt, pixels) in originals.items():
        published = (project / "site" / "photos" / name).read_bytes()
        assert not [s for s in SECRETS if s in published], (name, [s for s in SECRETS if s in published])
        img = Image.open(io.BytesIO(published))
        assert img.format == fmt and not (set(img.getexif()) - {0x0112}), (name, dict(img.getexif()))
        assert not img.getexif().get_ifd(0x8825) and "comment" not in img.info and "xmp" not in img.info, name
        if fmt != "PNG":  # PNG's orientation (eXIf) is dropped with the rest: browsers ignore it
            assert img.getexif().get(0x0112) == 6, name
        assert img.convert("RGB").tobytes() == pixels.tobytes(), f"{name}: the pixels changed"
