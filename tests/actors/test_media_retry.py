"""
A photo stuck "Preparing…" (its task was lost while the broker was down) gets a "try again"
button on the listing's media page, which publishes its processing task once.
"""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from guardian.shortcuts import assign_perm
from PIL import Image

from actors.models import MEDIA_STUCK_AFTER, Headshot, MediaStatus, ReferenceAsset
from actors.services import media as services
from portal.models import AuditEvent, Role
from tests.actors.factories import make_listing
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

MEDIA_URL = "/listing/lin-xiaoyu/media/"


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 400), (180, 90, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def listing(actor):
    return make_listing(actor, slug="lin-xiaoyu")


@pytest.fixture
def owner_client(listing):
    return _client(listing.owner)


def _age(item, by: timedelta) -> None:
    type(item).objects.filter(pk=item.pk).update(updated_at=timezone.now() - by)
    item.refresh_from_db()


@pytest.fixture
def stuck_headshot(listing):
    """Uploaded while the broker was down: its task never ran (no on-commit callback here)."""
    headshot = services.headshot_upload(
        listing=listing, upload=SimpleUploadedFile("me.jpg", _jpeg()), acting_user=listing.owner
    )
    _age(headshot, MEDIA_STUCK_AFTER + timedelta(minutes=1))
    return headshot


@pytest.fixture
def stuck_asset(listing):
    asset = services.reference_asset_upload(
        listing=listing, upload=SimpleUploadedFile("ref.jpg", _jpeg()), acting_user=listing.owner
    )
    _age(asset, MEDIA_STUCK_AFTER + timedelta(minutes=1))
    return asset


def _retry_url(item) -> str:
    kind = "headshots" if isinstance(item, Headshot) else "reference"
    return f"{MEDIA_URL}{kind}/{item.pk}/retry/"


# --- what the page offers ------------------------------------------------------------------


def test_a_stuck_headshot_offers_try_again(owner_client, stuck_headshot):
    page = owner_client.get(MEDIA_URL)
    assert f'action="{_retry_url(stuck_headshot)}"' in page.text


def test_a_stuck_headshot_says_nothing_is_lost(owner_client, stuck_headshot):
    page = owner_client.get(MEDIA_URL)
    assert "Nothing is lost." in page.text


def test_a_stuck_headshot_is_not_polled_for_ever(owner_client, stuck_headshot):
    page = owner_client.get(MEDIA_URL)
    assert 'hx-trigger="every 2s"' not in page.text


def test_a_headshot_still_being_prepared_offers_no_try_again(owner_client, stuck_headshot):
    _age(stuck_headshot, timedelta(seconds=30))
    page = owner_client.get(MEDIA_URL)
    assert _retry_url(stuck_headshot) not in page.text


def test_a_stuck_reference_photo_offers_try_again_to_its_owner(owner_client, stuck_asset):
    page = owner_client.get(MEDIA_URL)
    assert f'action="{_retry_url(stuck_asset)}"' in page.text


def test_the_page_offers_try_again_in_chinese(listing, stuck_headshot):
    listing.owner.language = "zh-hans"
    listing.owner.save(update_fields=["language"])
    page = _client(listing.owner).get(MEDIA_URL, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "重新处理" in page.text


# --- trying again ----------------------------------------------------------------------------


def test_try_again_processes_a_stuck_headshot(
    owner_client, stuck_headshot, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(_retry_url(stuck_headshot))
    assert response.status_code == 302
    stuck_headshot.refresh_from_db()
    assert stuck_headshot.status == MediaStatus.READY


def test_try_again_processes_a_stuck_reference_photo(
    owner_client, stuck_asset, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(_retry_url(stuck_asset))
    stuck_asset.refresh_from_db()
    assert stuck_asset.status == MediaStatus.READY


def test_try_again_is_audited(owner_client, stuck_headshot, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(_retry_url(stuck_headshot))
    assert AuditEvent.objects.filter(action="headshot.processing_retried").count() == 1


def test_a_second_click_publishes_nothing_more(
    stuck_headshot, listing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        first = services.headshot_retry_processing(
            headshot=stuck_headshot, acting_user=listing.owner
        )
        second = services.headshot_retry_processing(
            headshot=stuck_headshot, acting_user=listing.owner
        )
    assert (first, second) == (True, False)
    assert len(callbacks) == 1


def test_a_headshot_that_is_not_stuck_is_left_alone(
    stuck_headshot, listing, django_capture_on_commit_callbacks
):
    _age(stuck_headshot, timedelta(seconds=30))
    with django_capture_on_commit_callbacks() as callbacks:
        retried = services.headshot_retry_processing(
            headshot=stuck_headshot, acting_user=listing.owner
        )
    assert retried is False
    assert callbacks == []


def test_a_ready_headshot_is_left_alone(stuck_headshot, listing):
    Headshot.objects.filter(pk=stuck_headshot.pk).update(status=MediaStatus.READY)
    assert not services.headshot_retry_processing(
        headshot=stuck_headshot, acting_user=listing.owner
    )


# --- who may ---------------------------------------------------------------------------------


def test_try_again_is_a_post(owner_client, stuck_headshot):
    assert owner_client.get(_retry_url(stuck_headshot)).status_code == 405


def test_an_outsider_gets_not_found_and_nothing_is_retried(stuck_headshot):
    stranger = make_user("stranger@example.com", roles=[Role.CREATOR])
    response = _client(stranger).post(_retry_url(stuck_headshot))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="headshot.processing_retried").exists()


def test_anonymous_is_sent_to_sign_in(stuck_headshot):
    response = Client().post(_retry_url(stuck_headshot))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_agent_who_edits_the_listing_may_retry_a_headshot(listing, stuck_headshot):
    agent = make_user("agent@example.com", roles=[Role.AGENT])
    assign_perm("actors.edit_listing", agent, listing)
    assert _client(agent).post(_retry_url(stuck_headshot)).status_code == 302


def test_an_agent_may_not_retry_the_actors_private_reference_photo(listing, stuck_asset):
    agent = make_user("agent@example.com", roles=[Role.AGENT])
    assign_perm("actors.edit_listing", agent, listing)
    assert _client(agent).post(_retry_url(stuck_asset)).status_code == 404


def test_a_headshot_of_another_listing_is_not_found(owner_client, stuck_headshot):
    other = make_listing(slug="someone-else")
    headshot = Headshot.objects.create(listing=other, sha256="0" * 64)
    url = f"{MEDIA_URL}headshots/{headshot.pk}/retry/"
    assert owner_client.post(url).status_code == 404
    assert ReferenceAsset.objects.count() == 0
