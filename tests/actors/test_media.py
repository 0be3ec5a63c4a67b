"""Uploading through the pages: refused files leave nothing behind; private assets stay private."""

import io

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from actors.models import Headshot, ReferenceAsset
from actors.services import representation as rep_services
from portal.models import Role
from tests.actors.factories import make_listing
from tests.conftest import client_for, make_user
from tests.portal.test_images import jpeg_with_metadata, png_bomb

pytestmark = pytest.mark.django_db


def _jpeg(width=640, height=480, **params):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (180, 90, 60)).save(buffer, "JPEG", **params)
    return buffer.getvalue()


def _png(width=64, height=64):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 20, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def _gif_animated():
    frames = [Image.new("P", (20, 20), i) for i in range(3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


def _tiff():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, "TIFF")
    return buffer.getvalue()


@pytest.fixture
def listing(actor):
    return make_listing(actor, slug="lin-xiaoyu")


@pytest.fixture
def owner_client(listing):
    client = client_for(listing.owner)
    return client


def _walk(storage, path=""):
    directories, files = storage.listdir(path)
    names = [f"{path}{name}" for name in files]
    for directory in directories:
        names += _walk(storage, f"{path}{directory}/")
    return names


def _stored_names():
    return {name: sorted(_walk(storages[name])) for name in ("default", "private")}


CORPUS = [
    ("bomb.png", lambda: png_bomb(10_000, 10_000), "megapixels"),
    ("cut.jpg", lambda: _jpeg()[:2000], "cut off"),
    ("page.png", lambda: _png() + b"<html><script>alert(1)</script></html>", "after the"),
    ("logo.svg", lambda: b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "SVG"),
    ("scan.tiff", _tiff, "TIFF"),
    ("moving.gif", _gif_animated, "GIF"),
    ("empty.jpg", lambda: b"", "empty"),
    ("photo.png", _jpeg, "JPEG"),
]


@pytest.mark.parametrize(("name", "make", "words"), CORPUS)
def test_a_refused_upload_says_why_and_stores_nothing(owner_client, listing, name, make, words):
    before = _stored_names()
    response = owner_client.post(
        "/listing/lin-xiaoyu/media/headshots/",
        {"image": SimpleUploadedFile(name, make()), "alt_text": ""},
    )
    assert response.status_code == 400
    assert words.lower() in response.text.lower()
    assert 'class="field-error"' in response.text
    assert not Headshot.objects.exists()
    assert _stored_names() == before


def test_a_headshot_is_processed_in_the_worker_and_loses_its_metadata(
    owner_client, listing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            "/listing/lin-xiaoyu/media/headshots/",
            {
                "image": SimpleUploadedFile("me.jpg", jpeg_with_metadata(with_profile=False)),
                "alt_text": "Smiling, studio light",
            },
        )
    assert response.status_code == 302
    headshot = Headshot.objects.get()
    assert headshot.status == "ready"
    assert headshot.is_primary
    with storages["default"].open(headshot.image.name) as derivative:
        im = Image.open(derivative)
        assert not im.getexif()
        assert "exif" not in im.info
        assert "comment" not in im.info
    page = Client().get("/actors/lin-xiaoyu/")
    assert headshot.image.url in page.text
    assert "Smiling, studio light" in page.text
    # The original, metadata and all, is private: it has no public URL at all.
    assert headshot.original.name not in page.text
    assert headshot.original.name in _stored_names()["private"]
    assert headshot.image.name in _stored_names()["default"]


def test_the_media_page_shows_processing_until_the_worker_is_done(owner_client, listing):
    owner_client.post(
        "/listing/lin-xiaoyu/media/headshots/", {"image": SimpleUploadedFile("me.jpg", _jpeg())}
    )
    page = owner_client.get("/listing/lin-xiaoyu/media/")
    assert "Preparing" in page.text
    assert 'hx-trigger="every 2s"' in page.text
    partial = owner_client.get("/listing/lin-xiaoyu/media/?partial=status", HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    assert "<html" not in partial.text


def test_reference_assets_are_served_to_their_owner_only(
    owner_client, listing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(
            "/listing/lin-xiaoyu/media/reference/",
            {"image": SimpleUploadedFile("ref.jpg", _jpeg()), "label": "左侧脸"},
        )
    asset = ReferenceAsset.objects.get()
    assert asset.status == "ready"
    url = f"/vault/{asset.pk}/preview/"
    response = owner_client.get(url)
    assert response.status_code == 200
    assert (
        response["Cache-Control"].startswith("private") or "no-store" in response["Cache-Control"]
    )
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size[0] <= 480

    assert Client().get(url).status_code == 302  # anonymous: sign in first
    stranger = make_user("stranger@example.com", roles=[Role.CREATOR])
    editor = make_user("agent@example.com", roles=[Role.AGENT])
    rep = rep_services.representation_request(listing=listing, agent=editor)
    rep_services.representation_respond(
        representation=rep,
        accept=True,
        rights=["edit_listing", "sign_grants"],
        acting_user=listing.owner,
    )
    for user in (stranger, editor):
        client = client_for(user)
        assert client.get(url).status_code == 404
        assert client.get(f"/vault/{asset.pk}/derivative/").status_code == 404
    # Agents never see the reference section, nor can they upload to it.
    client = client_for(editor)
    assert "Reference photos (private)" not in client.get("/listing/lin-xiaoyu/media/").text
    assert (
        client.post(
            "/listing/lin-xiaoyu/media/reference/", {"image": SimpleUploadedFile("x.jpg", _jpeg())}
        ).status_code
        == 404
    )


def test_deleting_a_headshot_asks_first_and_removes_its_files(
    owner_client, listing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(
            "/listing/lin-xiaoyu/media/headshots/", {"image": SimpleUploadedFile("me.jpg", _jpeg())}
        )
    headshot = Headshot.objects.get()
    url = f"/listing/lin-xiaoyu/media/headshots/{headshot.pk}/delete/"
    assert "Delete this photo?" in owner_client.get(url).text
    assert Headshot.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(url)
    assert not Headshot.objects.exists()
    assert not storages["default"].exists(headshot.image.name)
    assert not storages["private"].exists(headshot.original.name)
