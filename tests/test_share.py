"""sitegen/render/share.py: the share card (size, determinism, real Chinese glyphs, no clipping), and what it is drawn
with (render/draw/: the font, text measuring, the icon path reader, the QR code)."""
from __future__ import annotations

import io
import re
from itertools import pairwise
from pathlib import Path

import pytest
import segno
import zxingcpp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageDraw, ImageFont

from sitegen.render import share
from sitegen.render.draw import DrawError as ShareError
from sitegen.render.draw import fonts, qr, text, vector
from sitegen.render.draw.canvas import Run
from sitegen.render.draw.fonts import find_cjk_font, glyphs_missing
from sitegen.render.draw.qr import qr_png, qr_svg
from sitegen.render.draw.text import wrap_text
from sitegen.render.share import HEIGHT, WIDTH, layout_card, share_image

ZH_SAMPLE = "白衣阁乡“五星”支部创建 产业兴旺"
URL_ZH = "https://baiyige-report.example.org/zh/industry/"
URL_EN = "https://baiyige-report.example.org/en/industry/"

ZH = dict(site_name="白衣阁乡“五星”支部创建", title="产业兴旺星：宏达苗木等特色农业产业项目带动39个村集体经济增收",
          kicker="河南省濮阳市范县白衣阁乡", number="11", unit="个", label="特色农业产业项目", accent="#B35A00",
          lang="zh")
EN = dict(site_name="Baiyige Five-Star Party Branches",
          title="Thriving Industry: how Baiyige Township grew specialty farming and village collective income",
          kicker="Thriving Industry", number="11", unit="projects",
          label="Specialty agricultural industry projects", accent="#B35A00", lang="en")


def png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, pos = [], 8
    while pos < len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        chunks.append(data[pos + 4:pos + 8])
        pos += 12 + length
    return chunks


def item_box(item: Run) -> tuple[int, int, int, int]:
    """The ink box of one laid-out line, as drawn by share_image."""
    path, index = find_cjk_font(item.weight)
    font = ImageFont.truetype(str(path), item.size, index=index, layout_engine=ImageFont.Layout.BASIC)
    x0, y0, x1, y1 = font.getbbox(item.text, anchor="ls")
    return x0 + item.x, y0 + item.y, x1 + item.x, y1 + item.y


def region(items, role: str) -> tuple[int, int, int, int]:
    boxes = [item_box(i) for i in items if i.role == role]
    assert boxes, role
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


# ------------------------------------------------------------------------------------ the font

def test_find_cjk_font_is_noto_sans_cjk_sc():
    for weight in ("Bold", "Regular"):
        path, index = find_cjk_font(weight)
        family, style = ImageFont.truetype(str(path), 20, index=index).getname()
        assert family == "Noto Sans CJK SC" and style == weight


def test_find_cjk_font_names_the_debian_package_when_missing(tmp_path):
    (tmp_path / "DejaVuSans.ttf").write_bytes(b"not a font")
    with pytest.raises(ShareError, match="fonts-noto-cjk"):
        find_cjk_font("Bold", search_dirs=[tmp_path])
    with pytest.raises(ShareError, match="fonts-noto-cjk"):
        find_cjk_font(search_dirs=[tmp_path / "does-not-exist"])


def test_glyphs_missing():
    for weight in ("Bold", "Regular"):
        path, index = find_cjk_font(weight)
        assert glyphs_missing(ZH_SAMPLE, path, index) == []
        assert glyphs_missing("Thriving Industry: 11 projects, 1,280.5 million yuan (100%)", path, index) == []
        assert glyphs_missing("\ue000", path, index) == ["\ue000"]
        # each missing character once, in order; line breaks are not drawn and not reported
        assert glyphs_missing("星\U0001F600\ue000\U0001F600\n", path, index) == ["\U0001F600", "\ue000"]


def test_star_glyph_is_drawn_not_a_notdef_box():
    path, index = find_cjk_font("Bold")
    font = ImageFont.truetype(str(path), 96, index=index, layout_engine=ImageFont.Layout.BASIC)

    def mask(char: str) -> Image.Image:
        image = Image.new("L", (140, 140), 0)
        ImageDraw.Draw(image).text((20, 120), char, font=font, fill=255, anchor="ls")
        image = image.point(lambda v: 255 if v >= 128 else 0)
        return image.crop(image.getbbox())

    def edge_ink(image: Image.Image) -> list[float]:
        """How much of each side (top, bottom, left, right) of the ink box is inked."""
        w, h = image.size
        px = image.load()
        return [sum(px[x, 0] > 0 for x in range(w)) / w, sum(px[x, h - 1] > 0 for x in range(w)) / w,
                sum(px[0, y] > 0 for y in range(h)) / h, sum(px[w - 1, y] > 0 for y in range(h)) / h]

    star, notdef = mask("星"), mask("\ue000")
    assert min(edge_ink(notdef)) > 0.95          # the .notdef glyph is a box (the test is sound)
    assert star.size != notdef.size or ImageChops.difference(star, notdef).getbbox() is not None
    assert min(edge_ink(star)) < 0.5             # 星 is no box: its left side is nearly empty


# ------------------------------------------------------------------------------------ the card

@pytest.mark.parametrize("args", [ZH, EN], ids=["zh", "en"])
def test_card_is_a_deterministic_1200x630_rgb_png(args):
    data = share_image(**args)
    image = png(data)
    assert image.format == "PNG" and image.size == (WIDTH, HEIGHT) == (1200, 630) and image.mode == "RGB"
    assert share_image(**args) == data
    assert set(png_chunks(data)) == {b"IHDR", b"IDAT", b"IEND"}   # no time, text or other metadata
    assert image.getpixel((5, 5)) == (0xB3, 0x26, 0x1E)            # the red band
    assert image.getpixel((WIDTH // 2, share.BAND_H + 8)) == (255, 255, 255)   # the white centre square


def test_card_parts_are_where_they_belong():
    # a kicker the title says already is not drawn twice
    assert "kicker" not in {i.role for i in layout_card(**{**ZH, "kicker": "产业兴旺"})}
    args = ZH
    items = layout_card(**args)
    image = png(share_image(**args))
    assert sorted({i.role for i in items}) == ["kicker", "label", "number", "site", "title", "unit"]
    site = region(items, "site")
    assert site[1] > 0 and site[3] < share.BAND_H                 # the site name inside the band
    number = region(items, "number")
    accent = (0xB3, 0x5A, 0x00)
    colours = {c for _, c in image.crop(number).getcolors(1 << 16)}
    assert accent in colours and (0x1F, 0x1F, 0x1F) not in colours   # the number is in the accent colour
    assert region(items, "title")[3] < number[1] < region(items, "label")[1]
    assert item_box(next(i for i in items if i.role == "unit"))[0] > number[2]


def test_chinese_title_is_drawn_not_tofu(monkeypatch):
    """The same card with the title replaced by tofu differs in the title, and only there."""
    args = {**ZH, "title": "白衣阁乡五星支部创建"}   # one line either way: a phrase break moves nothing else
    tofu_title = "\ue000" * len(args["title"])      # ideographs and .notdef are both 1 em wide
    real = png(share_image(**args))
    items = layout_card(**args)
    assert [i for i in items if i.role != "title"] == [i for i in layout_card(**{**args, "title": tofu_title})
                                                        if i.role != "title"]
    with pytest.raises(ShareError, match="cannot draw"):
        share_image(**{**args, "title": tofu_title})
    monkeypatch.setattr(share, "glyphs_missing", lambda *args: [])   # let the tofu through once
    tofu = png(share_image(**{**args, "title": tofu_title}))
    box = region(items, "title")
    diff = ImageChops.difference(real, tofu).getbbox()
    assert diff is not None
    # (within 3 px: the .notdef box reaches a little above the ideographs of the real title)
    assert box[0] - 3 <= diff[0] and box[1] - 3 <= diff[1] and diff[2] <= box[2] + 3 and diff[3] <= box[3] + 3
    assert ImageChops.difference(real.crop(box), tofu.crop(box)).getbbox() is not None


def test_share_image_refuses_tofu_in_any_text():
    path, _ = find_cjk_font("Bold")
    for field in ("site_name", "title", "kicker", "number", "unit"):
        with pytest.raises(ShareError, match=re.escape(f"font {path} cannot draw: ")) as err:
            share_image(**{**ZH, field: ZH[field] + "\U0001F600"})
        assert "U+1F600" in str(err.value)
    with pytest.raises(ShareError, match="U\\+1F600"):          # even where a long title is cut short
        share_image(**{**ZH, "title": LONG_ZH * 3 + "\U0001F600"})
    regular, _ = find_cjk_font("Regular")
    with pytest.raises(ShareError, match=re.escape(f"font {regular} cannot draw")):
        share_image(**{**EN, "label": "Projects \ue000"})


@pytest.mark.parametrize("field,value", [("accent", "orange"), ("accent", "#B35A0"), ("lang", "fr"), ("title", "  ")])
def test_bad_arguments(field, value):
    with pytest.raises(ShareError):
        share_image(**{**ZH, field: value})


LONG_ZH = ("生态宜居星：人居环境整治、厕所革命、垃圾分类与村庄绿化美化同步推进，全乡村容村貌焕然一新，"
           "群众获得感幸福感安全感持续增强，") * 3
LONG_EN = ("Ecological Livability: toilet revolution, waste sorting, village greening and the campaign to "
           "improve the living environment of every one of the township's villages ") * 3


@pytest.mark.parametrize("args", [
    ZH, EN,
    {**ZH, "title": LONG_ZH, "kicker": "", "number": "1,280.5", "unit": "万元",
     "label": "生态宜居建设投入资金（含上级专项资金与乡村自筹资金）" * 3},
    {**EN, "title": LONG_EN, "label": "Invested in ecological livability, including special funds " * 3,
     "unit": "million yuan", "number": "12,345.67"},
    {**EN, "title": "Supercalifragilisticexpialidocious" * 3, "kicker": "K" * 200},
    {**ZH, "title": "关于本站", "kicker": "", "number": "", "unit": "", "label": ""},
    {**EN, "title": "Safety and Rule of Law", "number": "100", "unit": "%", "site_name": "S" * 300},
], ids=["zh", "en", "long-zh", "long-en", "long-word", "no-figure", "percent"])
def test_nothing_is_clipped_and_nothing_overlaps(args):
    items = layout_card(**args)
    titles = [i for i in items if i.role == "title"]
    assert 1 <= len(titles) <= 3
    assert all(i.size >= 24 for i in items)
    boxes = {i: item_box(i) for i in items}
    for item, (x0, y0, x1, y1) in boxes.items():
        assert x0 >= share.MARGIN_X - 4 and x1 <= WIDTH - share.MARGIN_X, item
        if item.role == "site":
            assert y0 > 0 and y1 < share.BAND_H, item
        else:
            assert y0 > share.BAND_H + 20 and y1 < HEIGHT - share.STRIP_H - 20, item
    ordered = sorted(boxes.values(), key=lambda b: b[1])
    for above, below in pairwise(ordered):
        if not (above[2] <= below[0] or below[2] <= above[0]):      # same columns: one under the other
            assert above[3] <= below[1], (above, below)
    image = png(share_image(**args))
    body = image.crop((WIDTH - share.MARGIN_X + 1, share.BAND_H, WIDTH, HEIGHT - share.STRIP_H))
    assert len(body.getcolors()) <= 2    # right margin: the white square's edge and the tinted side panel


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(alphabet="白衣阁乡五星支部创建产业兴旺生态宜居“”，。、：（）", min_size=1, max_size=120),
       words=st.lists(st.sampled_from(["village", "income", "of", "Baiyige", "collective", "2023", "—",
                                       "a", "Township's", "(12345)"]), min_size=1, max_size=40))
def test_any_title_fits_in_three_lines(title, words):
    for args in ({**ZH, "title": title}, {**EN, "title": " ".join(words)}):
        items = layout_card(**args)
        lines = [i for i in items if i.role == "title"]
        assert 1 <= len(lines) <= 3
        for item in lines:
            x0, y0, x1, y1 = item_box(item)
            assert x1 <= WIDTH - share.MARGIN_X and y0 > share.BAND_H


# -------------------------------------------------------------------------------- line breaks

def test_a_line_is_wrapped_by_its_ink_not_only_its_advance():
    """A bold f ends past its advance: a title whose first line ended in 'of' reached 2 px past the text column
    (found by test_any_title_fits_in_three_lines). Lines are wrapped by line_width, which counts the overhang."""
    path, index = find_cjk_font("Bold")
    font = ImageFont.truetype(str(path), 30, index=index, layout_engine=ImageFont.Layout.BASIC)
    assert text.line_width(font, "of") > text.text_length(font, "of")
    assert text.line_width(font, "中文") == text.text_length(font, "中文")
    title = " ".join(["village"] * 5 + ["of"] + ["village"] * 10)
    for item in (i for i in layout_card(**{**EN, "title": title}) if i.role == "title"):
        x0, _, x1, _ = item_box(item)
        assert x0 >= share.MARGIN_X and x1 <= WIDTH - share.MARGIN_X, (item.text, x0, x1)

def test_wrap_chinese_per_character_english_per_word():
    path, index = find_cjk_font("Bold")
    font = ImageFont.truetype(str(path), 40, index=index, layout_engine=ImageFont.Layout.BASIC)
    zh = "白衣阁乡“五星”支部创建工作综述：产业兴旺、生态宜居。"
    lines = wrap_text(zh, font, 300)
    assert "".join(lines) == zh and len(lines) > 1
    assert all(font.getlength(line) <= 300 for line in lines)
    assert not any(line[0] in "，。、：”）" or line[-1] in "“（" for line in lines)   # kinsoku
    en = "How Baiyige Township ran its Five-Star Party Branch campaign in the villages"
    lines = wrap_text(en, font, 400)
    assert " ".join(lines) == en and len(lines) > 1
    assert all(font.getlength(line) <= 400 for line in lines)
    assert wrap_text("2023年GDP增长", font, 2000) == ["2023年GDP增长"]
    long_word = wrap_text("https://baiyige-report.example.org/zh/industry/", font, 300)
    assert "".join(long_word) == "https://baiyige-report.example.org/zh/industry/"
    assert all(font.getlength(line) <= 300 for line in long_word)


# ------------------------------------------------------------------------------------ the QR code

def svg_modules(svg: str) -> set[tuple[int, int]]:
    """The dark modules of a segno SVG path (M x y, h n, m dx dy; each row drawn at y + .5)."""
    d = re.search(r'<path stroke="#1f1f1f" d="([^"]+)"', svg).group(1)
    dark, x, y = set(), 0.0, 0.0
    for cmd, args in re.findall(r"([Mmh])([-\d. ]+)", d):
        nums = [float(n) for n in args.split()]
        if cmd == "M":
            x, y = nums
        elif cmd == "m":
            x, y = x + nums[0], y + nums[1]
        else:
            dark.update((int(x) + i, int(y)) for i in range(int(nums[0])))
            x += nums[0]
    return dark


@pytest.mark.parametrize("url", [URL_ZH, URL_EN])
def test_qr_png_decodes_to_the_url(url):
    data = qr_png(url)
    assert data == qr_png(url)
    results = zxingcpp.read_barcodes(png(data))
    assert [r.text for r in results] == [url]
    assert results[0].format == zxingcpp.BarcodeFormat.QRCode and results[0].ec_level == "M"
    assert png(qr_png(url, scale=3)).size[0] < png(data).size[0]


def test_qr_svg():
    title = "扫码阅读本页 <产业兴旺> & more"
    svg = qr_svg(URL_ZH, title=title)
    assert svg == qr_svg(URL_ZH, title=title)
    assert svg.startswith("<svg") and "<?xml" not in svg and svg.endswith("</svg>")
    start = svg[:svg.index(">") + 1]
    assert 'role="img"' in start and re.search(r'viewBox="0 0 (\d+) \1"', start)
    assert not re.search(r"\s(width|height)=", start)
    assert " id=" not in svg
    assert "<title>扫码阅读本页 &lt;产业兴旺&gt; &amp; more</title>" in svg
    assert svg.index("<title>") == len(start)                       # the first child: the accessible name
    assert 'stroke="#1f1f1f"' in svg
    assert qr_svg(URL_EN, title=title) != svg
    with pytest.raises(ShareError):
        qr_svg(URL_ZH, title=" ")


def test_qr_svg_is_the_same_code_as_the_png_and_scans():
    svg = qr_svg(URL_ZH, title="QR")
    size = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    code = segno.make(URL_ZH, error="m", boost_error=False, micro=False)
    expected = {(x + 2, y + 2) for y, row in enumerate(code.matrix) for x, v in enumerate(row) if v}
    assert size == code.symbol_size(border=2)[0]
    dark = svg_modules(svg)
    assert dark == expected
    # draw the SVG's modules and scan them
    scale = 8
    image = Image.new("L", (size * scale, size * scale), 255)
    draw = ImageDraw.Draw(image)
    for x, y in dark:
        draw.rectangle((x * scale, y * scale, x * scale + scale - 1, y * scale + scale - 1), fill=0x1F)
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [URL_ZH]
    # and the PNG has the same modules
    qr = png(qr_png(URL_ZH, scale=1)).convert("L")
    assert qr.size == (size, size)
    assert {(x, y) for y in range(size) for x in range(size) if qr.getpixel((x, y)) < 128} == expected


def test_png_has_no_metadata_and_is_valid():
    for data in (qr_png(URL_ZH), share_image(**EN)):
        chunks = png_chunks(data)
        assert chunks[0] == b"IHDR" and chunks[-1] == b"IEND"
        assert not {b"tEXt", b"zTXt", b"iTXt", b"tIME", b"pHYs", b"eXIf"} & set(chunks)


# ------------------------------------------------------------------------------ the square crop

ICON = Path("templates/icons/shield.svg").read_text(encoding="utf-8")
SQUARE = (share.SQUARE_X0, 0, share.SQUARE_X1, HEIGHT)


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


@pytest.mark.parametrize("args", [{**ZH, "icon": ICON}, {**EN, "icon": ICON},
                                  {**EN, "title": LONG_EN, "number": "12,345.67", "unit": "million yuan"},
                                  {**ZH, "title": "关于本站", "kicker": "", "number": "", "unit": "", "label": ""}],
                         ids=["zh", "en", "long-en", "no-figure"])
def test_key_content_is_inside_the_centred_square(args):
    """A messenger's square crop (the centred 630x630) keeps title, kicker, number, unit, label and emblem:
    by the layout boxes, and by the pixels: outside the square there is no ink of any text."""
    assert share.SQUARE_X1 - share.SQUARE_X0 == HEIGHT and share.SQUARE_X0 == (WIDTH - HEIGHT) // 2
    items = layout_card(**args)
    for item in items:
        x0, y0, x1, y1 = item_box(item)
        assert x0 > share.SQUARE_X0 and x1 < share.SQUARE_X1, item
    if args.get("icon"):
        e = share.emblem_box(args["icon"])
        assert e[0] > share.SQUARE_X0 and e[2] < share.SQUARE_X1 and e[3] < region(items, "title")[1]
    image = png(share_image(**args))
    text_colours = {rgb(share.INK), rgb(share.MUTED), rgb(args["accent"])}
    for side in ((0, share.BAND_H, share.SQUARE_X0, HEIGHT - share.STRIP_H),
                 (share.SQUARE_X1, share.BAND_H, WIDTH, HEIGHT - share.STRIP_H)):
        colours = {c for _, c in image.crop(side).getcolors(1 << 16)}
        assert not colours & text_colours, (side, colours & text_colours)
        # and nothing dark at all: antialiased text edges would be darker than the tint and the faint emblem
        assert min(sum(c) for c in colours) > 3 * 180, side
    square = image.crop(SQUARE)
    inside = {c for _, c in square.getcolors(1 << 16)}
    assert rgb(share.INK) in inside                               # the title is in the crop
    if args["number"]:
        assert rgb(args["accent"]) in {c for _, c in image.crop(region(items, "number")).getcolors(1 << 16)}


def test_the_emblem_is_the_star_icon_drawn_in_its_colour():
    """The disc is the accent colour with the icon in white; another icon draws other pixels."""
    args = {**ZH, "icon": ICON}
    image = png(share_image(**args))
    x0, y0, x1, y1 = share.emblem_box(ICON)
    disc = image.crop((x0, y0, x1, y1))
    colours = {c for _, c in disc.getcolors(1 << 16)}
    assert rgb(args["accent"]) in colours and (255, 255, 255) in colours
    leaf = Path("templates/icons/leaf.svg").read_text(encoding="utf-8")
    other = png(share_image(**{**args, "icon": leaf})).crop((x0, y0, x1, y1))
    assert ImageChops.difference(disc, other).getbbox() is not None
    # the icon's strokes: the white ink covers a fair part of the inner box, not a dot or a full square
    inner = disc.crop((20, 20, disc.size[0] - 20, disc.size[1] - 20)).convert("L")
    white = sum(1 for v in inner.getdata() if v > 200) / (inner.size[0] * inner.size[1])
    assert 0.08 < white < 0.6, white


@pytest.mark.parametrize("svg, why", [
    ('<svg viewBox="0 0 24 24"><circle cx="12" cy="12" r="4"/></svg>', "only <path"),
    ('<svg><path d="M1 1L5 5"/></svg>', "viewBox"),
    ('<svg viewBox="0 0 24 24"><path d="M1 1L5"/></svg>', "needs 2 numbers"),
])
def test_an_icon_the_card_cannot_draw_is_refused(svg, why):
    with pytest.raises(ShareError, match=why):
        share_image(**{**ZH, "icon": svg})
    assert any(role == "icon" and why in msg for role, msg in share.card_problems(**{**ZH, "icon": svg}))


def test_icon_path_reader_handles_arcs_and_relative_commands():
    """heart.svg uses relative arcs: the polyline of 'a4 4 0 0 1 7-2.6' ends 7 right and 2.6 up."""
    (_, _, size), strokes = vector.icon_strokes('<svg viewBox="0 0 24 24"><path d="M5 10a4 4 0 0 1 7-2.6h2v3z"/></svg>')
    line = strokes[0]
    assert size == 24 and line[0] == (5.0, 10.0)
    assert min(abs(x - 12) + abs(y - 7.4) for x, y in line) < 1e-6      # the arc's end point
    assert (14.0, 7.4) in [(round(x, 6), round(y, 6)) for x, y in line] and line[-1] == (5.0, 10.0)


def test_the_one_path_reader_reads_quadratic_and_smooth_curves():
    """Q and T (and their relative forms) are curves, not skipped: the icons of every picture (share card, chart
    picture, long image) are read by render/draw/vector.py alone, which reads what a browser draws."""
    first, = vector.polylines("M0 0Q10 10 20 0T40 0")
    assert first[0] == (0.0, 0.0) and first[-1] == (40.0, 0.0) and len(first) == 1 + 2 * vector.STEPS
    assert first[vector.STEPS // 2] == pytest.approx((10.0, 5.0))          # the top of the first arch
    assert first[vector.STEPS + vector.STEPS // 2] == pytest.approx((30.0, -5.0))   # the mirrored second one
    assert vector.polylines("m0 0q10 10 20 0t20 0") == [first]
    cubic, = vector.polylines("M0 0C0 10 20 10 20 0S40 -10 40 0")
    assert cubic[vector.STEPS // 2] == pytest.approx((10.0, 7.5)) and cubic[-1] == (40.0, 0.0)


# ------------------------------------------------------------------------- speed without a different result

def _random_urls(n: int, seed: int) -> list[str]:
    import random
    import string

    rnd = random.Random(seed)
    alphabet = string.ascii_letters + string.digits + "/-_.~%?=&"
    hosts = ("https://example.gov.cn", "https://baiyige.example.cn", "http://127.0.0.1:8000", "https://x.cn")
    urls = []
    for _ in range(n):
        path = "".join(rnd.choice(alphabet) for _ in range(rnd.choice((0, 5, 20, 40, 60, 100, 150, 300))))
        urls.append(f"{rnd.choice(hosts)}/{path}")
    return urls + ["https://baiyige.example.cn/zh/charts/overview_problems/", "https://x.cn/中文/路径/", "A"]


def test_qr_mask_is_the_one_segno_chooses():
    """qrmask.best_mask reproduces segno's own evaluation of the eight masks (every version the URLs reach, with
    and without version information), so the faster code is byte for byte segno's."""
    from sitegen.render.draw.qrmask import best_mask

    options = {"error": "m", "boost_error": False, "micro": False}
    urls = _random_urls(700, seed=7)
    disagree = [u for u in urls if best_mask(u, **options) != segno.make(u, **options).mask]
    versions = {segno.make(u, **options).version for u in urls}
    assert not disagree, disagree[:3]
    assert set(range(1, 10)).issubset(versions) and max(versions) >= 12, versions
    for u in urls[:100]:  # and the code drawn is segno's, cell for cell
        assert qr._qr(u).matrix == segno.make(u, **options).matrix


def test_text_length_is_getlength_exactly():
    """Measuring by remembered character advances gives Pillow's own length, to the last 1/64 px, for the
    report's texts in every size the cards use; a font that kerns is measured whole."""
    root = Path(__file__).resolve().parent.parent
    texts = [line.strip()[:90] for f in (root / "seeds").glob("*.txt") for line in f.read_text().splitlines()]
    texts += [line.strip()[:90] for line in (root / "site_src" / "translations" / "en.yml").read_text().splitlines()]
    texts = [t for t in texts if t]
    for weight in ("Bold", "Regular"):
        path, index = fonts.find_cjk_font(weight)
        for size in (18, 24, 28, 30, 36, 42, 48, 54, 60, 64, 72):
            font = fonts.font(str(path), index, size)
            assert not text.kerns(font)
            for line in texts:
                assert text.text_length(font, line) == font.getlength(line), (weight, size, line)
    kerning = [p for p in Path("/usr/share/fonts").rglob("DejaVuSans.ttf")]
    if kerning:  # a font with a kern table: whole texts (Pillow kerns "AV")
        font = ImageFont.truetype(str(kerning[0]), 40, layout_engine=fonts.LAYOUT)
        if text.kerns(font):
            assert text.text_length(font, "AVATAR Tower") == font.getlength("AVATAR Tower")
