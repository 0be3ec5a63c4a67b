"""The upload pipeline against a corpus of hostile and ordinary files, all generated here."""

import hashlib
import io
import random
import struct
import time
import warnings
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms, ImageFile

from portal.images import ImageRejected, ValidatedImage, render_derivatives, validate_image

RED, BLUE = (220, 20, 20), (20, 20, 220)
SECRET_SERIAL = "SN-0042-SECRET"

# --- the corpus ---------------------------------------------------------------------------


def encode(im, fmt, **params):
    buffer = io.BytesIO()
    im.save(buffer, fmt, **params)
    return buffer.getvalue()


def photo(width=400, height=300):
    """Not a flat colour, so truncation and resizing have real pixels to get wrong."""
    return Image.linear_gradient("L").resize((width, height)).convert("RGB")


def marked(width=60, height=40):
    """Blue with a red block in the top-left corner: shows which way it was turned."""
    im = Image.new("RGB", (width, height), BLUE)
    im.paste(RED, (0, 0, width // 3, height // 3))
    return im


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def png_chunk(kind, payload):
    crc = zlib.crc32(kind + payload)
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def png_bomb(width, height):
    """A real, valid 1-bit PNG of `width` x `height` whose compressed data is a few KB."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def webp_header_claiming(width, height):
    """An extended WebP whose header claims a canvas of width x height."""
    vp8x = (
        b"\x00\x00\x00\x00" + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    )
    body = b"WEBP" + b"VP8X" + struct.pack("<I", len(vp8x)) + vp8x
    return b"RIFF" + struct.pack("<I", len(body)) + body


def exif_with_secrets(orientation=None):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "EOS R5"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = SECRET_SERIAL
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (31.0, 14.0, 0.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (121.0, 28.0, 0.0)
    return exif


def jpeg_with_metadata(*, with_profile):
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>31,14N</exif:GPSLatitude>'
    extra = {}
    if with_profile:
        extra["icc_profile"] = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return encode(
        photo(),
        "JPEG",
        exif=exif_with_secrets(),
        comment=b"shot at home, 12 Elm Street",
        xmp=xmp + b"</x:xmpmeta>",
        **extra,
    )


def refusal(name, data, **limits):
    """Refused as ImageRejected only: no Pillow exception and no warning on the way."""
    file = upload(name, data)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ImageRejected) as caught:
            validate_image(file, **limits)
    assert file.tell() == 0
    # Translated when raised, so it is a plain str that can go straight into a form error.
    assert type(caught.value.message) is str
    return caught.value


# --- refused ------------------------------------------------------------------------------


def test_a_100_megapixel_png_bomb_is_refused_from_its_header_without_decoding(monkeypatch):
    bomb = png_bomb(10_000, 10_000)
    assert len(bomb) < 100_000  # 100 MP of pixels in a few KB: that is the bomb

    def no_decoding(self):
        raise AssertionError("the bomb was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    started = time.perf_counter()
    error = refusal("bomb.png", bomb)
    assert time.perf_counter() - started < 0.5
    assert error.code == "too_many_pixels"
    assert "10000 x 10000 pixels" in error.message
    assert "40 megapixels" in error.message


def test_a_png_past_pillows_own_hard_limit_is_refused_the_same_way():
    error = refusal("bomb.png", png_bomb(20_000, 20_000))
    assert error.code == "too_many_pixels"


def test_a_webp_claiming_100_megapixels_is_refused_before_the_decoder_allocates(monkeypatch):
    from PIL import WebPImagePlugin

    def no_decoder(*args):
        raise AssertionError("the canvas was allocated")

    monkeypatch.setattr(WebPImagePlugin._webp, "WebPAnimDecoder", no_decoder)
    error = refusal("bomb.webp", webp_header_claiming(10_000, 10_000))
    assert error.code == "too_many_pixels"


def test_a_truncated_jpeg_is_refused():
    data = encode(photo(), "JPEG")
    error = refusal("cut.jpg", data[: len(data) * 2 // 3])
    assert error.code == "truncated"
    assert "incomplete" in error.message


def test_a_png_without_its_end_chunk_is_refused_although_pillow_decodes_it():
    data = encode(photo(), "PNG")
    assert data.endswith(png_chunk(b"IEND", b""))
    error = refusal("cut.png", data[:-12])
    assert error.code == "truncated"


def test_a_truncated_jpeg_is_refused_even_when_pillow_is_told_to_load_truncated_images(
    monkeypatch,
):
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    data = encode(photo(), "JPEG")
    assert refusal("cut.jpg", data[: len(data) // 2]).code == "truncated"


def test_a_png_with_html_appended_is_refused():
    data = encode(photo(), "PNG") + b"<html><script>alert(1)</script></html>"
    error = refusal("photo.png", data)
    assert error.code == "trailing_data"
    assert "Extra data was found after the end of the image" in error.message


def test_a_jpeg_with_html_appended_is_refused():
    data = encode(photo(), "JPEG") + b"<html><script>alert(1)</script></html>"
    assert refusal("photo.jpg", data).code == "trailing_data"


@pytest.mark.parametrize("name", ["logo.svg", "photo.png"])
def test_an_svg_is_refused_whatever_its_name(name):
    svg = (
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(1)</script></svg>"
    )
    error = refusal(name, svg)
    assert error.code == "svg"
    assert "SVG" in error.message


def test_a_tiff_is_refused():
    error = refusal("scan.tiff", encode(photo(), "TIFF"))
    assert error.code == "tiff"
    assert "TIFF" in error.message


def test_an_animated_gif_is_refused():
    frames = [photo(), photo().rotate(180)]
    gif = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)
    error = refusal("wave.gif", gif)
    assert error.code == "gif"
    assert "GIF" in error.message


@pytest.mark.parametrize(("fmt", "name"), [("PNG", "wave.png"), ("WEBP", "wave.webp")])
def test_an_animated_png_or_webp_is_refused(fmt, name):
    frames = [photo(), photo().rotate(180)]
    data = encode(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100)
    assert Image.open(io.BytesIO(data)).n_frames == 2
    error = refusal(name, data)
    assert error.code == "animated"
    assert "Animated" in error.message


def test_an_empty_file_is_refused():
    error = refusal("photo.jpg", b"")
    assert error.code == "empty"
    assert "empty" in error.message


def test_a_jpeg_named_png_is_refused_naming_both_formats():
    error = refusal("photo.png", encode(photo(), "JPEG"))
    assert error.code == "extension_mismatch"
    assert "“photo.png” is named as a PNG image but is really a JPEG image" in error.message


def test_a_png_without_an_image_extension_is_refused():
    error = refusal("photo.heic", encode(photo(), "PNG"))
    assert error.code == "extension_mismatch"
    assert "“photo.heic” is a PNG image" in error.message


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("the file was read")

    file = upload("photo.jpg", encode(photo(), "JPEG"))
    assert file.size > 1000
    file.file = Unreadable(file.file.getvalue())
    with pytest.raises(ImageRejected) as caught:
        validate_image(file, max_bytes=1000)
    assert caught.value.code == "too_large"


def test_a_file_whose_stated_size_lies_is_still_held_to_the_limit():
    file = upload("photo.jpg", encode(photo(), "JPEG"))
    file.size = 10
    with pytest.raises(ImageRejected) as caught:
        validate_image(file, max_bytes=1000)
    assert caught.value.code == "too_large"


def test_the_size_limit_message_names_the_limit():
    error = refusal("photo.jpg", b"x" * (3 * 1024 * 1024), max_bytes=2 * 1024 * 1024)
    assert "larger than 2 MB" in error.message


@pytest.mark.parametrize("size", [(2000, 100), (100, 2000)])
def test_an_extreme_aspect_ratio_is_refused(size):
    error = refusal("banner.png", encode(Image.new("RGB", size, BLUE), "PNG"))
    assert error.code == "aspect_ratio"
    assert f"{size[0]} x {size[1]} pixels" in error.message


def test_random_bytes_named_jpg_are_refused():
    noise = random.Random(7).randbytes(4096)
    error = refusal("photo.jpg", noise)
    assert error.code == "unsupported_format"
    assert "not a JPEG, PNG or WebP image" in error.message


def test_a_jpeg_header_followed_by_noise_is_refused_as_damaged():
    data = b"\xff\xd8\xff\xe0" + random.Random(7).randbytes(4096)
    assert refusal("photo.jpg", data).code in {"corrupt", "truncated"}


@pytest.mark.parametrize(
    ("head", "code", "words"),
    [
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "heic", "HEIC"),
        (b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1", "avif", "AVIF"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "pdf", "PDF"),
    ],
)
def test_other_formats_people_try_are_refused_by_name(head, code, words):
    error = refusal("photo.jpg", head + b"\x00" * 64)
    assert error.code == code
    assert words in error.message


# Pillow warns about damaged EXIF and reads what it can; only exceptions matter here.
@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_damaged_files_are_only_ever_refused_never_crash(fmt):
    original = jpeg_with_metadata(with_profile=True) if fmt == "JPEG" else encode(photo(), fmt)
    name = {"JPEG": "photo.jpg", "PNG": "photo.png", "WEBP": "photo.webp"}[fmt]
    rng = random.Random(fmt)
    for _ in range(150):
        damaged = bytearray(original)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            validate_image(upload(name, bytes(damaged)))
        except ImageRejected:
            continue
        # What passes validation must also render.
        render_derivatives(bytes(damaged), {"thumb": 64})


# --- accepted -----------------------------------------------------------------------------


ORDINARY = [("JPEG", "photo.jpg"), ("JPEG", "PHOTO.JPEG"), ("PNG", "photo.png")]
ORDINARY += [("WEBP", "photo.webp"), ("JPEG", "saved-from-browser.jfif")]


@pytest.mark.parametrize(("fmt", "name"), ORDINARY)
def test_an_ordinary_photo_is_accepted_with_its_size_and_digest(fmt, name):
    data = encode(photo(400, 300), fmt)
    file = upload(name, data)
    assert validate_image(file) == ValidatedImage(
        format=fmt, width=400, height=300, sha256=hashlib.sha256(data).hexdigest(), size=len(data)
    )
    assert file.tell() == 0


def test_a_jpeg_with_an_mpf_second_image_is_accepted_as_its_first_image():
    # iPhone HDR gain maps and stereo cameras store extra JPEGs after the first, indexed by MPF.
    data = encode(photo(400, 300), "MPO", save_all=True, append_images=[marked(400, 300)])
    result = validate_image(upload("photo.jpg", data))
    assert (result.format, result.width, result.height) == ("JPEG", 400, 300)


def test_an_exif_rotated_jpeg_reports_its_upright_size():
    data = encode(marked(60, 40), "JPEG", exif=exif_with_secrets(orientation=6))
    result = validate_image(upload("portrait.jpg", data))
    assert (result.width, result.height) == (40, 60)


# --- derivatives --------------------------------------------------------------------------


@pytest.mark.parametrize("with_profile", [True, False], ids=["colour-profile", "no-profile"])
def test_derivatives_carry_no_metadata_at_all(with_profile):
    source = jpeg_with_metadata(with_profile=with_profile)
    original = Image.open(io.BytesIO(source))
    assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # so the test can fail
    assert {"comment", "xmp", "exif"} <= set(original.info)
    assert SECRET_SERIAL.encode() in source
    for fmt in ("JPEG", "WEBP"):
        for content in render_derivatives(source, {"small": 100, "full": 0}, format=fmt).values():
            data = content.read()
            derivative = Image.open(io.BytesIO(data))
            assert derivative.format == fmt
            assert not derivative.getexif()
            assert not {"comment", "exif", "xmp", "icc_profile"} & set(derivative.info)
            assert SECRET_SERIAL.encode() not in data
            assert b"Canon" not in data


def test_an_exif_rotated_jpeg_is_rendered_upright():
    source = encode(marked(60, 40), "JPEG", quality=95, exif=exif_with_secrets(orientation=6))
    full = Image.open(render_derivatives(source, {"full": 0})["full"]).convert("RGB")
    assert full.size == (40, 60)
    # Orientation 6 means "turn a quarter clockwise": the red top-left corner ends top-right.
    assert _near(full.getpixel((35, 5)), RED)
    assert _near(full.getpixel((5, 5)), BLUE)
    assert _near(full.getpixel((35, 55)), BLUE)


def test_derivatives_are_sized_by_their_longest_edge_and_named_by_format():
    source = encode(photo(400, 300), "PNG")
    rendered = render_derivatives(source, {"thumb": 128, "medium": 256, "full": 0})
    sizes = {name: Image.open(content).size for name, content in rendered.items()}
    assert sizes == {"thumb": (128, 96), "medium": (256, 192), "full": (400, 300)}
    assert [content.name for content in rendered.values()] == [
        "thumb.jpg",
        "medium.jpg",
        "full.jpg",
    ]
    webp = render_derivatives(source, {"thumb": 128}, format="WEBP")["thumb"]
    assert webp.name == "thumb.webp"
    assert Image.open(webp).format == "WEBP"


def test_a_large_jpeg_is_sized_exactly_at_every_size():
    source = encode(photo(3000, 2000), "JPEG")
    rendered = render_derivatives(source, {"small": 300, "large": 1024})
    assert Image.open(rendered["small"]).size == (300, 200)
    assert Image.open(rendered["large"]).size == (1024, 683)


def test_derivatives_never_upscale():
    source = encode(photo(300, 400), "JPEG")
    rendered = render_derivatives(source, {"huge": 4000, "full": 0})
    assert {name: Image.open(c).size for name, c in rendered.items()} == {
        "huge": (300, 400),
        "full": (300, 400),
    }


def test_transparency_is_flattened_onto_white_in_jpeg_and_kept_in_webp():
    im = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
    im.paste((200, 0, 0, 255), (0, 0, 20, 40))
    source = encode(im, "PNG")
    jpeg = Image.open(render_derivatives(source, {"full": 0})["full"])
    assert jpeg.mode == "RGB"
    assert _near(jpeg.getpixel((35, 20)), (255, 255, 255))
    assert _near(jpeg.getpixel((5, 20)), (200, 0, 0))
    webp = Image.open(render_derivatives(source, {"full": 0}, format="WEBP")["full"])
    assert webp.mode == "RGBA"
    assert webp.getpixel((35, 20))[3] == 0


def test_a_sixteen_bit_png_keeps_its_tones():
    source = encode(Image.new("I;16", (20, 20), 32768), "PNG")
    pixel = Image.open(render_derivatives(source, {"full": 0})["full"]).getpixel((10, 10))
    assert _near(pixel, (128, 128, 128))


def test_a_broken_colour_profile_does_not_stop_rendering():
    source = encode(photo(), "JPEG", icc_profile=b"not a profile" * 10)
    assert Image.open(render_derivatives(source, {"full": 0})["full"]).size == (400, 300)


def test_rendering_reads_a_file_and_leaves_it_rewound():
    file = upload("photo.jpg", encode(photo(), "JPEG"))
    file.read(10)
    assert Image.open(render_derivatives(file, {"s": 100})["s"]).size == (100, 75)
    assert file.tell() == 0


def test_rendering_damaged_bytes_raises_image_rejected():
    data = encode(photo(), "JPEG")
    with pytest.raises(ImageRejected) as caught:
        render_derivatives(data[:200], {"full": 0})
    assert caught.value.code in {"corrupt", "truncated"}


def _near(actual, expected, tolerance=40):
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=False))
