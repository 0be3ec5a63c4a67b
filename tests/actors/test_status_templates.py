"""Pages that say something per status compare with the choices, and still say it."""

import pytest
from django.test import Client

from actors.choices import ListingStatus
from tests.actors.factories import make_listing
from tests.creators.factories import make_brief, make_studio

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (ListingStatus.AWAITING_VERIFICATION, "Staff are checking your identity."),
        (ListingStatus.PAUSED, "Paused: your listing is visible but takes no new pitches"),
        (ListingStatus.WITHDRAWN, "Withdrawn: your listing is out of the directory"),
    ],
)
def test_the_listing_page_explains_its_status(actor, status, words):
    make_listing(actor, slug="lin-xiaoyu", status=status)
    page = _client(actor).get("/listing/lin-xiaoyu/")
    assert words in page.text


def test_a_paused_listing_says_so_on_its_public_page(actor):
    make_listing(actor, slug="lin-xiaoyu", status=ListingStatus.PAUSED)
    page = _client().get("/actors/lin-xiaoyu/")
    assert "Paused: not taking new pitches" in page.text


def test_the_register_says_since_when_a_listing_is_withdrawn(actor):
    make_listing(actor, stage_name="Lee Min", slug="lee-min", status=ListingStatus.WITHDRAWN)
    page = _client().get("/register/", {"q": "Lee"})
    assert "No longer listed since" in page.text


def test_the_register_marks_a_paused_listing(actor):
    make_listing(actor, stage_name="Lee Min", slug="lee-min", status=ListingStatus.PAUSED)
    page = _client().get("/register/", {"q": "Lee"})
    assert '<span class="tag tag--warn">Paused</span>' in page.text


def test_a_brief_in_review_says_staff_are_reviewing_it():
    studio = make_studio()
    brief = make_brief(studio, status="in_review")
    page = _client(studio.created_by).get(f"/briefs/{brief.pk}/")
    assert "Staff are reviewing this brief." in page.text


def test_a_published_brief_says_it_cannot_be_edited():
    studio = make_studio()
    brief = make_brief(studio)
    page = _client(studio.created_by).get(f"/briefs/{brief.pk}/")
    assert "A published brief cannot be edited" in page.text
