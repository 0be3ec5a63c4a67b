"""Marked copies for a grant's holder: a visible mark, XMP naming the grant, nothing else kept."""

import io
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from portal.images import ImageRejected, render_marked, xmp_packet

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "plus": "http://ns.useplus.org/ldf/xmp/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
}
MARK = "Portrait · grant 7 · studio-hongkou"


def jpeg(width=640, height=480, colour=(90, 120, 160), **params):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG", **params)
    return buffer.getvalue()


def packet(**changes):
    values = {
        "data_mining": "DMI-PROHIBITED",
        "identifier": "portrait:grant:7",
        "rights": "Licensed to studio-hongkou under Portrait grant 7 only.",
    }
    return xmp_packet(**{**values, **changes})


def description_of(data: bytes) -> ET.Element:
    with Image.open(io.BytesIO(data)) as im:
        xmp = im.info["xmp"]
    root = ET.fromstring(xmp)  # noqa: S314 - our own output, read back in a test
    return root.find("rdf:RDF/rdf:Description", NS)


def test_the_marked_copy_carries_the_xmp_data_mining_statement_pillow_reads_back():
    data = render_marked(jpeg(), mark=MARK, xmp=packet())
    description = description_of(data)
    value = description.find("plus:DataMining", NS).text
    assert value == "http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED"


def test_the_marked_copy_names_the_grant_in_its_xmp():
    description = description_of(render_marked(jpeg(), mark=MARK, xmp=packet()))
    assert description.find("dc:identifier", NS).text == "portrait:grant:7"


def test_the_rights_statement_is_a_language_alternative():
    description = description_of(render_marked(jpeg(), mark=MARK, xmp=packet()))
    item = description.find("dc:rights/rdf:Alt/rdf:li", NS)
    assert item.text == "Licensed to studio-hongkou under Portrait grant 7 only."


def test_constraints_are_written_when_given():
    xmp = packet(data_mining="DMI-PROHIBITED-SEECONSTRAINT", other_constraints="Only <model A>")
    description = description_of(render_marked(jpeg(), mark=MARK, xmp=xmp))
    assert description.find("plus:OtherConstraints/rdf:Alt/rdf:li", NS).text == "Only <model A>"


def test_an_unknown_data_mining_value_is_a_programming_error():
    with pytest.raises(ValueError, match="PLUS data mining"):
        packet(data_mining="maybe")


def test_the_mark_is_drawn_on_the_pixels():
    plain = Image.open(io.BytesIO(jpeg()))
    marked = Image.open(io.BytesIO(render_marked(jpeg(), mark=MARK, xmp=packet())))
    band = (0, marked.height - 10, marked.width, marked.height)
    assert marked.crop(band).getextrema() != plain.crop(band).getextrema()


def test_the_mark_also_covers_the_top_of_the_picture_so_cropping_the_band_keeps_it():
    source = jpeg(colour=(30, 30, 30))
    marked = Image.open(io.BytesIO(render_marked(source, mark=MARK, xmp=packet())))
    top = marked.crop((0, 0, marked.width, marked.height // 3)).convert("L")
    assert top.getextrema()[1] > 60  # faint white text over a dark picture


def test_nothing_of_the_original_metadata_survives():
    exif = Image.Exif()
    exif[0x8769] = {}
    exif[0x010F] = "SecretCam"  # Make
    data = render_marked(jpeg(exif=exif.tobytes(), comment=b"secret"), mark=MARK, xmp=packet())
    with Image.open(io.BytesIO(data)) as im:
        assert "SecretCam" not in str(im.getexif())
        assert b"secret" not in data


def test_large_pictures_are_scaled_to_the_edge_asked_for():
    data = render_marked(jpeg(3000, 2000), mark=MARK, xmp=packet(), max_edge=1024)
    with Image.open(io.BytesIO(data)) as im:
        assert im.size == (1024, 683)


def test_a_file_that_is_not_an_image_is_refused():
    with pytest.raises(ImageRejected, match="damaged"):
        render_marked(b"\xff\xd8\xff\xe0garbage", mark=MARK, xmp=packet())
