"""
Demo faces: every demo listing shows a generated portrait that went through the real image
pipeline, so cards, profiles and the vault show real derivatives.
"""

import io

import pytest
from django.core.files.storage import storages
from django.core.management import call_command
from django.test import Client
from PIL import Image

from actors.demo import FACE_SET, seed_headshots, seed_listings
from actors.demo_faces import HEIGHT, WIDTH, portrait_jpeg
from actors.models import Headshot, Listing, MediaStatus, ReferenceAsset

pytestmark = pytest.mark.django_db


def test_a_portrait_is_a_headshot_shaped_jpeg():
    picture = Image.open(io.BytesIO(portrait_jpeg(3)))
    assert picture.format == "JPEG"
    assert picture.size == (WIDTH, HEIGHT)


def test_the_same_number_draws_the_same_portrait():
    assert portrait_jpeg(5) == portrait_jpeg(5)


def test_different_numbers_draw_different_portraits():
    assert len({portrait_jpeg(n) for n in range(6)}) == 6


def test_another_variant_is_another_picture_of_the_same_face():
    assert portrait_jpeg(2, 1) != portrait_jpeg(2)


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())


def test_every_demo_listing_has_a_ready_primary_headshot(seeded):
    without = Listing.objects.exclude(
        headshots__is_primary=True, headshots__status=MediaStatus.READY
    )
    assert list(without.values_list("slug", flat=True)) == []


def test_demo_headshots_went_through_the_pipeline_into_public_derivatives(seeded):
    headshot = Headshot.objects.filter(listing__slug="lin-xiaoyu", is_primary=True).get()
    with storages["default"].open(headshot.thumbnail.name) as thumbnail:
        assert Image.open(thumbnail).size == (288, 360)


def test_generated_actors_share_a_small_set_of_processed_files(seeded):
    files = set(
        Headshot.objects.filter(listing__owner__email__endswith=".invalid").values_list(
            "image", flat=True
        )
    )
    assert len(files) <= FACE_SET


def test_the_demo_actor_has_private_reference_photos_in_the_vault(seeded):
    assets = ReferenceAsset.objects.filter(listing__slug="lin-xiaoyu")
    assert [asset.status for asset in assets] == [MediaStatus.READY, MediaStatus.READY]


def test_seeding_faces_again_adds_none(seeded):
    assert seed_headshots() == 0


def test_topping_up_generated_actors_gives_the_new_ones_faces(seeded):
    seed_listings(count=70)
    seed_headshots()
    assert not Listing.objects.filter(headshots__isnull=True).exists()


def test_the_alt_text_says_the_portrait_is_generated(seeded):
    headshot = Headshot.objects.filter(listing__slug="lin-xiaoyu", is_primary=True).get()
    assert "并非真人照片" in headshot.alt_text


def test_the_directory_shows_photos_not_initials(seeded):
    page = Client().get("/actors/")
    assert page.text.count("<img") >= 20
