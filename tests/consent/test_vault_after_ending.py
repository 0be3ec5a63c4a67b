"""Through the grant services themselves: revocation, the listing's pause and the grant's expiry
take effect on the vault and on shot receipts at the very next request."""

from datetime import timedelta

import pytest
from django.utils import timezone

from actors.services.listings import listing_transition
from consent.models import Grant, Shot
from consent.services import shots as shot_services
from consent.services.grants import grant_revoke
from portal.receipts import receipt_status
from tests.consent.conftest import client_for
from tests.consent.factories_shots import make_asset, render_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(world):
    world.grant = world.signed_grant()
    world.asset = make_asset(world.listing)
    world.url = f"/grants/{world.grant.pk}/vault/{world.asset.pk}/view/"
    return world


def approved_shot(world):
    shot = shot_services.shot_submit(
        grant=world.grant,
        scene=1,
        description="A shot.",
        direction="A prompt.",
        upload=render_upload(),
        acting_user=world.producer,
    )
    return shot_services.shot_approve(shot=shot, acting_user=world.actor)


def test_revocation_closes_the_vault_on_the_next_request(signed):
    client = client_for(signed.viewer)
    assert client.get(signed.url).status_code == 200
    grant_revoke(grant=signed.grant, acting_user=signed.actor, reason="Changed my mind.")
    assert client.get(signed.url).status_code == 404


def test_pausing_the_listing_closes_the_vault_and_resuming_reopens_it(signed):
    client = client_for(signed.viewer)
    listing_transition(listing=signed.listing, action="pause", acting_user=signed.actor)
    assert client.get(signed.url).status_code == 404
    listing_transition(listing=signed.listing, action="resume", acting_user=signed.actor)
    assert client.get(signed.url).status_code == 200


def test_revocation_voids_pending_shots(signed):
    shot = shot_services.shot_submit(
        grant=signed.grant,
        scene=1,
        description="A shot.",
        direction="A prompt.",
        upload=render_upload((1, 2, 3)),
        acting_user=signed.producer,
    )
    grant_revoke(grant=signed.grant, acting_user=signed.actor)
    assert Shot.objects.get(pk=shot.pk).status == "voided"


def test_a_shot_receipt_reads_approved_while_the_grant_is_in_force(signed):
    shot = approved_shot(signed)
    status = receipt_status(kind="shot_approval", subject_id=str(shot.pk))
    assert status.code == "approved"
    assert shot.render_sha256 in status.detail


def test_a_shot_receipt_reads_voided_the_moment_the_grant_is_revoked(signed):
    shot = approved_shot(signed)
    grant_revoke(grant=signed.grant, acting_user=signed.actor)
    assert receipt_status(kind="shot_approval", subject_id=str(shot.pk)).code == "voided"


def test_a_shot_receipt_reads_expired_once_the_grant_ran_out(signed):
    shot = approved_shot(signed)
    now = timezone.now()
    Grant.objects.filter(pk=signed.grant.pk).update(
        starts_at=now - timedelta(days=2), ends_at=now - timedelta(seconds=1)
    )
    assert receipt_status(kind="shot_approval", subject_id=str(shot.pk)).code == "expired"


def test_an_unknown_shot_receipt_subject_is_unknown():
    assert receipt_status(kind="shot_approval", subject_id="nope").code == "unknown"


@pytest.mark.parametrize(("who", "shown"), [("viewer", True), ("actor", True), ("outsider", False)])
def test_the_grant_page_links_to_shots_for_both_sides(signed, who, shown):
    page = client_for(getattr(signed, who)).get(f"/grants/{signed.grant.pk}/")
    assert (f"/grants/{signed.grant.pk}/shots/" in page.text) is shown


def test_the_verify_page_shows_a_shot_approval_as_voided_after_revocation(signed, client):
    shot = approved_shot(signed)
    grant_revoke(grant=signed.grant, acting_user=signed.actor)
    page = client.get(f"/verify/{Shot.objects.get(pk=shot.pk).receipt_id}/")
    assert page.status_code == 200
    assert "Voided" in page.text
