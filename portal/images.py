"""The one image pipeline every upload goes through: headshots, reference photos, ID documents.

`validate_image` decides whether the uploaded bytes may be stored at all; `render_derivatives`
makes the copies that are ever shown, re-encoded from pixels so that nothing of the original file
(metadata, appended payloads, odd chunks) survives. Kernel code: it knows no domain app.

Pillow is treated as a parser of hostile input: only the JPEG, PNG and WebP decoders are ever
offered a file, sizes are checked from headers before anything is decoded, and every Pillow error
becomes an `ImageRejected` with a message the uploader can act on.
"""

import hashlib
import io
import os
import re
import struct
import warnings
from dataclasses import dataclass
from typing import IO
from xml.sax.saxutils import escape as xml_escape

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageDraw, ImageFont, ImageOps

from portal.exceptions import DomainError

# Operators may tune the limits in settings; the defaults suit 12-50 MP phone and DSLR photos.
MAX_BYTES: int = getattr(settings, "PORTAL_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
MAX_PIXELS: int = getattr(settings, "PORTAL_UPLOAD_MAX_PIXELS", 40_000_000)
MAX_ASPECT: float = getattr(settings, "PORTAL_UPLOAD_MAX_ASPECT", 4.0)

# The only decoders Pillow may use: the 2026 CVEs were in FITS, PSD and PDF decoders.
FORMATS = ["JPEG", "PNG", "WEBP"]
FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
# .jfif is what Windows browsers name saved JPEGs; refusing it would only confuse people.
EXTENSIONS = {".jpg": "JPEG", ".jpeg": "JPEG", ".jfif": "JPEG", ".png": "PNG", ".webp": "WEBP"}
DERIVATIVE_EXTENSIONS = {"JPEG": ".jpg", "WEBP": ".webp"}

# Everything Pillow raises for a file it cannot parse; none of it may reach the caller.
_PILLOW_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError, KeyError)
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
_AVIF_BRANDS = {b"avif", b"avis"}
_ORIENTATION = 0x0112
_SWAPPED_ORIENTATIONS = {5, 6, 7, 8}  # the ones that turn the picture a quarter


class ImageRejected(DomainError):
    """The upload is not an image we store; `message` tells the uploader why, in their language."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message, code=code)


@dataclass(frozen=True)
class ValidatedImage:
    format: str  # "JPEG", "PNG" or "WEBP"
    width: int  # as displayed, i.e. after the EXIF orientation is applied
    height: int
    sha256: str  # of the bytes as uploaded
    size: int


def validate_image(
    upload: IO[bytes],
    *,
    max_bytes: int = MAX_BYTES,
    max_pixels: int = MAX_PIXELS,
    max_aspect: float = MAX_ASPECT,
) -> ValidatedImage:
    """Accept an upload as a still JPEG, PNG or WebP within the limits, or raise ImageRejected.

    Cheap checks run before expensive ones, so a hostile file costs as little as possible. The
    file position is back at 0 afterwards, whatever the outcome.
    """
    try:
        data = _read_limited(upload, max_bytes)
        _refuse_other_formats(data)
        with _open(data, max_pixels=max_pixels) as im:
            fmt = _base_format(im)
            _check_extension(getattr(upload, "name", None) or "", fmt)
            # MPO frames are stereo pairs or HDR gain maps riding along a JPEG, not animation.
            if im.format != "MPO" and getattr(im, "n_frames", 1) > 1:
                raise ImageRejected(
                    _("Animated images can't be used: upload a single still photo."),
                    code="animated",
                )
            _check_geometry(im.size, max_pixels=max_pixels, max_aspect=max_aspect)
            _decode_fully(im, data, fmt)
            width, height = im.size
            if im.getexif().get(_ORIENTATION) in _SWAPPED_ORIENTATIONS:
                width, height = height, width
    except _PILLOW_ERRORS as exc:
        # Frame counts and EXIF are parsed lazily and can fail on malformed files too.
        raise _unreadable() from exc
    finally:
        upload.seek(0)
    return ValidatedImage(
        format=fmt,
        width=width,
        height=height,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )


def render_derivatives(
    source: bytes | IO[bytes],
    sizes: dict[str, int],
    *,
    format: str = "JPEG",
    quality: int = 85,
) -> dict[str, ContentFile]:
    """Re-encode a validated image at each size (longest edge in px; 0 = full size).

    The output carries pixels only: no EXIF (GPS, camera serial), ICC, XMP or comments. It is
    turned upright, converted to sRGB, and never upscaled.
    """
    if format not in DERIVATIVE_EXTENSIONS:
        raise ValueError(f"Derivatives are JPEG or WEBP, not {format!r}.")
    data = _read_source(source)
    try:
        with _open(data, max_pixels=MAX_PIXELS) as im:
            _check_geometry(im.size, max_pixels=MAX_PIXELS, max_aspect=float("inf"))
            longest = max(im.size)
            wanted = {name: min(edge, longest) if edge else longest for name, edge in sizes.items()}
            largest = max(wanted.values(), default=longest)
            picture = _upright_pixels(im, largest, keep_alpha=format == "WEBP")
        encoded = {}
        # Largest first, each scaled from the one before: a third of the cost of scaling every
        # size from the full picture, and indistinguishable with Lanczos.
        for name in sorted(wanted, key=wanted.get, reverse=True):
            picture = _fit(picture, wanted[name])
            encoded[name] = _encode(picture, format, quality)
    except _PILLOW_ERRORS as exc:
        raise _unreadable() from exc
    extension = DERIVATIVE_EXTENSIONS[format]
    return {name: ContentFile(encoded[name], name=f"{name}{extension}") for name in sizes}


# --- validation steps -----------------------------------------------------------------------


def _read_limited(upload: IO[bytes], max_bytes: int) -> bytes:
    # Django's upload handler counted .size while receiving: refuse before reading anything.
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise _too_large(max_bytes)
    upload.seek(0)
    # Read one byte past the limit in case .size was wrong, never the whole of a huge stream.
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(max_bytes)
    if not data:
        raise ImageRejected(_("The file is empty: choose the photo again."), code="empty")
    return data


def _too_large(max_bytes: int) -> ImageRejected:
    return ImageRejected(
        _("The file is larger than %(limit)s MB: upload a smaller photo.")
        % {"limit": f"{max_bytes / (1024 * 1024):g}"},
        code="too_large",
    )


def _refuse_other_formats(data: bytes) -> None:
    """Name the format people most often try instead, rather than a vague "not an image"."""
    head = data[:1024]
    if head.startswith(b"\xff\xd8\xff") or head.startswith(b"\x89PNG\r\n\x1a\n"):
        return
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml", b"<!doctype svg")) or (
        text.startswith(b"<") and b"<svg" in text
    ):
        # SVG is a document that can carry script, not a photo; it is never accepted.
        raise ImageRejected(
            _("SVG drawings can't be used: upload a photo as JPEG, PNG or WebP."), code="svg"
        )
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        raise ImageRejected(
            _("TIFF files can't be used: save the photo as JPEG or PNG and upload that."),
            code="tiff",
        )
    if head[:6] in (b"GIF87a", b"GIF89a"):
        raise ImageRejected(
            _("GIF images can't be used: upload a still photo as JPEG, PNG or WebP."), code="gif"
        )
    brand = head[8:12] if head[4:8] == b"ftyp" else b""
    if brand in _HEIF_BRANDS:
        raise ImageRejected(
            _(
                "HEIC photos (the iPhone default) can't be used yet: export the photo as JPEG, "
                "or set the camera to “Most Compatible”, and upload it again."
            ),
            code="heic",
        )
    if brand in _AVIF_BRANDS:
        raise ImageRejected(
            _("AVIF images can't be used yet: export the photo as JPEG, PNG or WebP."),
            code="avif",
        )
    if head.startswith(b"%PDF"):
        raise ImageRejected(
            _("PDF files can't be used here: upload a photo or scan as JPEG or PNG."), code="pdf"
        )
    raise ImageRejected(
        _("This file is not a JPEG, PNG or WebP image: choose a photo in one of those formats."),
        code="unsupported_format",
    )


def _check_extension(name: str, fmt: str) -> None:
    """The name must say what the bytes are, so no one downstream is misled by it."""
    filename = os.path.basename(name)
    claimed = EXTENSIONS.get(os.path.splitext(filename)[1].lower())
    if claimed == fmt:
        return
    real = FORMAT_NAMES[fmt]
    allowed = ", ".join(ext for ext, f in EXTENSIONS.items() if f == fmt)
    if claimed:
        message = _(
            "“%(name)s” is named as a %(claimed)s image but is really a %(real)s image: "
            "rename it to end in %(allowed)s, or export it again."
        ) % {"name": filename, "claimed": FORMAT_NAMES[claimed], "real": real, "allowed": allowed}
    else:
        message = _("“%(name)s” is a %(real)s image, so its name must end in %(allowed)s.") % {
            "name": filename,
            "real": real,
            "allowed": allowed,
        }
    raise ImageRejected(message, code="extension_mismatch")


def _check_geometry(size: tuple[int, int], *, max_pixels: int, max_aspect: float) -> None:
    # Runs on the header's claim, before a single pixel is decoded or allocated.
    width, height = size
    if width < 1 or height < 1:
        raise _unreadable()
    if width * height > max_pixels:
        raise _too_many_pixels(width, height, max_pixels)
    if max(width, height) / min(width, height) > max_aspect:
        raise ImageRejected(
            _(
                "The image is %(width)s x %(height)s pixels: one side may be at most "
                "%(ratio)s times the other. Crop it closer to the subject."
            )
            % {"width": width, "height": height, "ratio": f"{max_aspect:g}"},
            code="aspect_ratio",
        )


def _too_many_pixels(width: int, height: int, max_pixels: int) -> ImageRejected:
    return ImageRejected(
        _(
            "The image is %(width)s x %(height)s pixels, more than the %(limit)s megapixels "
            "allowed: scale it down and upload it again."
        )
        % {"width": width, "height": height, "limit": f"{max_pixels / 1_000_000:g}"},
        code="too_many_pixels",
    )


def _decode_fully(im: Image.Image, data: bytes, fmt: str) -> None:
    """Decode every pixel, then insist the file ends where the image does.

    `verify()` passes truncated files, so only a full decode proves the pixels are there. The end
    is also checked structurally, so truncation is refused even if someone turns on Pillow's
    LOAD_TRUNCATED_IMAGES, and a payload appended after the image (a PNG with HTML after its
    IEND, say) is refused rather than stored.
    """
    try:
        im.load()
    except _PILLOW_ERRORS as exc:
        end = _end_or_none(data, fmt)
        if end is None:
            raise _truncated() from exc
        raise _unreadable() from exc
    end = _end_or_none(data, fmt)
    if end is None:
        raise _truncated()
    # NUL padding after the end is written by some cameras and scanners and carries nothing.
    if data[end:].strip(b"\x00"):
        raise ImageRejected(
            _(
                "Extra data was found after the end of the image. Some apps add this (motion "
                "photos, for example): export the photo as a plain JPEG or PNG and upload that."
            ),
            code="trailing_data",
        )


def _truncated() -> ImageRejected:
    return ImageRejected(
        _("The image is incomplete, probably cut off during upload: try uploading it again."),
        code="truncated",
    )


def _unreadable() -> ImageRejected:
    return ImageRejected(
        _("The image is damaged and can't be read: export it again and upload the new file."),
        code="corrupt",
    )


# --- where an image ends --------------------------------------------------------------------

# In JPEG entropy-coded data, 0xFF is followed by 0x00 (stuffing) or a restart marker; anything
# else ends the scan. Runs of 0xFF are fill bytes before a marker.
_JPEG_MARKER = re.compile(rb"\xff+([^\x00\xff])")
_JPEG_SCAN_END = re.compile(rb"\xff+[^\x00\xd0-\xd7\xff]")


def _end_or_none(data: bytes, fmt: str) -> int | None:
    """Offset just past the image's last byte, or None if the file stops before its end."""
    if fmt == "PNG":
        return _png_end(data)
    if fmt == "WEBP":
        # RIFF states its length; chunks are padded to an even size.
        riff_size = int.from_bytes(data[4:8], "little")
        end = 8 + riff_size + (riff_size & 1)
        return end if len(data) >= 8 + riff_size else None
    # A JPEG may be followed by more whole JPEGs: MPF (iPhone gain maps, MPO) and depth maps.
    end = _jpeg_end(data, 0)
    while end is not None and data.startswith(b"\xff\xd8\xff", end):
        end = _jpeg_end(data, end)
    return end


def _png_end(data: bytes) -> int | None:
    pos = 8
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        chunk_type = data[pos + 4 : pos + 8]
        pos += 12 + length  # length, type, data, CRC
        if chunk_type == b"IEND":
            return pos if pos <= len(data) else None
    return None


def _jpeg_end(data: bytes, start: int) -> int | None:
    """Walk the segments of the JPEG at `start` to just past its EOI marker."""
    pos = start + 2  # SOI
    while True:
        match = _JPEG_MARKER.match(data, pos)
        if match is None:
            return None
        marker, pos = match[1][0], match.end()
        if marker == 0xD9:  # EOI
            return pos
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            continue
        pos += int.from_bytes(data[pos : pos + 2], "big")
        if marker == 0xDA:  # SOS: compressed data runs until the next real marker
            scan_end = _JPEG_SCAN_END.search(data, pos)
            if scan_end is None:
                return None
            pos = scan_end.start()


# --- shared by both -------------------------------------------------------------------------


def _open(data: bytes, *, max_pixels: int) -> Image.Image:
    """Open with the allowed decoders only; reads the header, decodes nothing."""
    _check_webp_canvas(data, max_pixels)
    try:
        # Pillow warns from 89 MP, past our own limit, which refuses such images next anyway.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data), formats=FORMATS)
    except Image.DecompressionBombError as exc:
        raise ImageRejected(
            _("The image has far more pixels than allowed: scale it down and upload it again."),
            code="too_many_pixels",
        ) from exc
    except _PILLOW_ERRORS as exc:
        raise _unreadable() from exc


def _check_webp_canvas(data: bytes, max_pixels: int) -> None:
    # Pillow's WebP opener allocates the whole canvas as it opens the file, so the pixel limit
    # is applied to the header here, before Pillow sees the file (same fields Pillow reads).
    if not (data[:4] == b"RIFF" and data[8:12] == b"WEBP") or len(data) < 30:
        return
    chunk = data[12:16]
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
    elif chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
        width = int.from_bytes(data[26:28], "little") & 0x3FFF
        height = int.from_bytes(data[28:30], "little") & 0x3FFF
    elif chunk == b"VP8L" and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        width, height = (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    else:
        return  # not a WebP Pillow can open; it will say so
    if width * height > max_pixels:
        raise _too_many_pixels(width, height, max_pixels)


def _base_format(im: Image.Image) -> str:
    # Pillow reports a JPEG with an MPF index (iPhone HDR gain maps, stereo cameras) as MPO.
    return "JPEG" if im.format == "MPO" else str(im.format)


def _read_source(source: bytes | IO[bytes]) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    source.seek(0)
    try:
        return source.read()
    finally:
        source.seek(0)


# --- rendering steps ------------------------------------------------------------------------


def _upright_pixels(im: Image.Image, largest_edge: int, *, keep_alpha: bool) -> Image.Image:
    """Decode once, at no more resolution than the largest derivative needs, turned upright."""
    if im.format in ("JPEG", "MPO") and largest_edge < max(im.size):
        # libjpeg can decode at 1/2, 1/4 or 1/8 scale for a fraction of the cost; draft picks a
        # scale that still leaves at least the requested size.
        scale = largest_edge / max(im.size)
        im.draft(None, (max(1, round(im.width * scale)), max(1, round(im.height * scale))))
    icc_profile = im.info.get("icc_profile")
    ImageOps.exif_transpose(im, in_place=True)
    picture = _to_srgb(im, icc_profile)
    has_alpha = picture.has_transparency_data
    if picture.mode.startswith("I"):  # 16-bit PNGs: scale down to 8 bits rather than clip
        picture = picture.convert("I").point(lambda value: value / 256).convert("L")
    if has_alpha and keep_alpha:
        picture = picture.convert("RGBA")
    elif has_alpha:
        # JPEG has no transparency: flatten onto white, as a page would show it.
        rgba = picture.convert("RGBA")
        picture = Image.new("RGB", rgba.size, "white")
        picture.paste(rgba, mask=rgba.getchannel("A"))
    else:
        picture = picture.convert("RGB")
    # Every copy made from here on starts without EXIF, ICC, XMP, comments or DPI.
    picture.info = {}
    return picture


def _to_srgb(im: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """Convert through the embedded colour profile, since the profile itself is stripped.

    iPhone photos are Display P3 and print headshots often CMYK; dropping the profile without
    converting would show the actor's skin tones washed out or wrong.
    """
    if not icc_profile or im.mode not in ("RGB", "CMYK"):
        return im
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        converted = ImageCms.profileToProfile(
            im, source, ImageCms.createProfile("sRGB"), outputMode="RGB"
        )
    except (ImageCms.PyCMSError, *_PILLOW_ERRORS):
        return im  # a broken profile: the pixels as they are beat no picture at all
    return converted


def _fit(picture: Image.Image, edge: int) -> Image.Image:
    """Scale so the longest side is `edge` (never larger than the picture already is)."""
    longest = max(picture.size)
    if edge >= longest:
        return picture
    scale = edge / longest
    size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
    # reducing_gap shrinks by whole factors first: much faster, visually the same as Lanczos.
    return picture.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _encode(picture: Image.Image, fmt: str, quality: int) -> bytes:
    buffer = io.BytesIO()
    # No exif=, icc_profile=, xmp= or comment= given and info emptied: nothing but pixels.
    if fmt == "JPEG":
        picture.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    else:
        picture.save(buffer, "WEBP", quality=quality, method=4)
    return buffer.getvalue()


# --- marked copies: what a grant's holder is given ------------------------------------------

# IPTC Photo Metadata Standard 2023.1, "Data Mining" (plus:DataMining): one URI from the PLUS
# LDF vocabulary, so that crawlers and training pipelines that read it can obey it.
PLUS_NS = "http://ns.useplus.org/ldf/xmp/1.0/"
PLUS_VOCAB = "http://ns.useplus.org/ldf/vocab/"
DATA_MINING_VALUES = frozenset(
    {
        "DMI-UNSPECIFIED",
        "DMI-ALLOWED",
        "DMI-PROHIBITED-AIMLTRAINING",
        "DMI-PROHIBITED-GENAIMLTRAINING",
        "DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING",
        "DMI-PROHIBITED",
        "DMI-PROHIBITED-SEECONSTRAINT",
        "DMI-PROHIBITED-SEEEMBEDDEDRIGHTSEXPR",
        "DMI-PROHIBITED-SEELINKEDRIGHTSEXPR",
    }
)
MARKED_MAX_EDGE = 2048


def xmp_packet(
    *,
    data_mining: str,
    identifier: str,
    rights: str,
    description: str = "",
    other_constraints: str = "",
) -> bytes:
    """An XMP packet stating who a copy was made for and whether data mining is allowed.

    ``data_mining`` is a PLUS vocabulary code (``DMI-PROHIBITED``...); anything else is a
    programming error, never silently "unspecified".
    """
    if data_mining not in DATA_MINING_VALUES:
        raise ValueError(f"Unknown PLUS data mining value {data_mining!r}.")

    def alt(tag: str, text: str) -> str:
        if not text:
            return ""
        return (
            f'<{tag}><rdf:Alt><rdf:li xml:lang="x-default">{xml_escape(text)}</rdf:li>'
            f"</rdf:Alt></{tag}>"
        )

    body = (
        f"<dc:identifier>{xml_escape(identifier)}</dc:identifier>"
        f"{alt('dc:rights', rights)}{alt('dc:description', description)}"
        "<xmpRights:Marked>True</xmpRights:Marked>"
        f"<plus:DataMining>{PLUS_VOCAB}{data_mining}</plus:DataMining>"
        f"{alt('plus:OtherConstraints', other_constraints)}"
    )
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"'
        f' xmlns:plus="{PLUS_NS}">'
        f"{body}</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    return packet.encode("utf-8")


def render_marked(
    source: bytes | IO[bytes],
    *,
    mark: str,
    xmp: bytes,
    max_edge: int = MARKED_MAX_EDGE,
    quality: int = 85,
) -> bytes:
    """A JPEG copy of a validated image with ``mark`` drawn on it and ``xmp`` embedded.

    Nothing of the original file survives (as with `render_derivatives`): the pixels are
    re-encoded upright in sRGB, and the only metadata is the packet given. The mark is drawn
    twice: a solid band along the bottom that stays legible, and faint text across the whole
    picture so that cropping the band away does not remove it. The bundled font covers Latin
    script: pass ids and slugs, not names in other scripts.
    """
    data = _read_source(source)
    try:
        with _open(data, max_pixels=MAX_PIXELS) as im:
            _check_geometry(im.size, max_pixels=MAX_PIXELS, max_aspect=float("inf"))
            picture = _upright_pixels(im, min(max_edge, max(im.size)), keep_alpha=False)
        picture = _fit(picture, max_edge)
        picture = _draw_mark(picture, mark)
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=quality, optimize=True, xmp=xmp)
    except _PILLOW_ERRORS as exc:
        raise _unreadable() from exc
    return buffer.getvalue()


def _draw_mark(picture: Image.Image, mark: str) -> Image.Image:
    width, height = picture.size
    size = max(10, min(width, height) // 24)
    font = ImageFont.load_default(size=size)
    overlay = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    # Faint repeats across the picture, every few lines, offset row by row.
    step_y = size * 5
    text_width = max(1, int(draw.textlength(mark, font=font)) + size * 3)
    for row, y in enumerate(range(0, height, step_y)):
        for x in range(-(row % 2) * text_width // 2, width, text_width):
            draw.text((x, y), mark, font=font, fill=(255, 255, 255, 64))
    # The legible band at the bottom.
    band = size * 2
    draw.rectangle((0, height - band, width, height), fill=(0, 0, 0, 170))
    draw.text((size // 2, height - band + size // 2), mark, font=font, fill=(255, 255, 255, 255))
    marked = Image.alpha_composite(picture.convert("RGBA"), overlay).convert("RGB")
    marked.info = {}
    return marked
