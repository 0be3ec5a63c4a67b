"""Time: the clock decides on every read; the sweep only records it, and does nothing twice."""

from datetime import timedelta

import pytest
from django.utils import timezone

from actors.services.listings import listing_transition
from consent.choices import GrantStatus
from consent.models import Grant, GrantEvent
from consent.selectors import grant_covers, grant_in_force
from consent.services import grants as services
from portal.models import Notification
from portal.services import account_delete


def _end_window_at(grant, moment):
    Grant.objects.filter(pk=grant.pk).update(starts_at=moment - timedelta(days=30), ends_at=moment)
    grant.refresh_from_db()
    return grant


def test_a_signed_grant_is_in_force_inside_its_window(world):
    grant = world.signed_grant()
    assert grant_in_force(grant)
    assert grant_covers(grant, use_type="face")


def test_a_grant_does_not_cover_a_use_type_it_was_not_given(world):
    grant = world.signed_grant()
    assert not grant_covers(grant, use_type="voice")


def test_a_grant_is_out_of_force_the_instant_its_window_ends_with_no_worker(world):
    grant = _end_window_at(world.signed_grant(), timezone.now())
    assert grant.status == GrantStatus.ACTIVE  # nothing has recorded it yet
    assert not grant_in_force(grant)
    assert not grant_in_force(grant, now=grant.ends_at)
    assert grant_in_force(grant, now=grant.ends_at - timedelta(microseconds=1))


def test_an_unsigned_grant_is_never_in_force(world):
    grant = world.agreed_grant()
    assert not grant_in_force(grant)


def test_the_sweep_records_expiry_once(world):
    grant = _end_window_at(world.signed_grant(), timezone.now() - timedelta(minutes=1))
    assert services.grants_record_clock() == 1
    grant.refresh_from_db()
    assert grant.status == GrantStatus.EXPIRED
    assert grant.ended_at == grant.ends_at
    events = GrantEvent.objects.filter(grant=grant).count()
    notices = Notification.objects.count()
    assert services.grants_record_clock() == 0
    assert GrantEvent.objects.filter(grant=grant).count() == events
    assert Notification.objects.count() == notices


def test_the_sweep_records_a_lapse_and_frees_the_role_and_actor(world):
    grant = world.agreed_grant()
    Grant.objects.filter(pk=grant.pk).update(sign_by=timezone.now() - timedelta(seconds=1))
    assert services.grants_record_clock() == 1
    grant.refresh_from_db()
    assert grant.status == GrantStatus.LAPSED
    assert world.agreed_grant().status == GrantStatus.AWAITING_SIGNATURE


def test_revoking_after_the_window_is_refused_and_the_expiry_recorded(world):
    grant = _end_window_at(world.signed_grant(), timezone.now() - timedelta(seconds=1))
    with pytest.raises(Exception, match="cannot be changed that way"):
        services.grant_revoke(grant=grant, acting_user=world.actor)
    grant.refresh_from_db()
    assert grant.status == GrantStatus.EXPIRED


def test_pausing_the_listing_suspends_the_actors_grants(world):
    grant = world.signed_grant()
    listing_transition(listing=world.listing, action="pause", acting_user=world.actor)
    grant.refresh_from_db()
    assert grant.status == GrantStatus.SUSPENDED
    assert not grant_in_force(grant)
    assert "grant_suspended" in Notification.objects.filter(recipient=world.producer).values_list(
        "kind", flat=True
    )


def test_resuming_the_listing_restores_only_grants_still_in_their_window(world):
    inside = world.signed_grant()
    from tests.creators.factories import make_role

    world.role = make_role(world.brief, character_name="Second role")
    outside = world.signed_grant()
    listing_transition(listing=world.listing, action="pause", acting_user=world.actor)
    _end_window_at(outside, timezone.now() - timedelta(seconds=1))
    listing_transition(listing=world.listing, action="resume", acting_user=world.actor)
    inside.refresh_from_db()
    outside.refresh_from_db()
    assert inside.status == GrantStatus.ACTIVE
    assert inside.suspended_at is None
    assert outside.status == GrantStatus.EXPIRED


def test_withdrawing_the_listing_revokes_the_actors_grants(world):
    grant = world.signed_grant()
    listing_transition(listing=world.listing, action="withdraw", acting_user=world.actor)
    grant.refresh_from_db()
    assert grant.status == GrantStatus.REVOKED


def test_deleting_the_account_revokes_the_actors_grants(world):
    grant = world.signed_grant()
    account_delete(user=world.actor, acting_user=world.actor)
    grant.refresh_from_db()
    assert grant.status == GrantStatus.REVOKED
    assert grant.attestation.attested_at is None


def test_a_studio_member_leaving_keeps_the_studios_attestation(world):
    grant = world.signed_grant()
    services.grant_revoke(grant=grant, acting_user=world.actor)
    from creators.models import StudioMembership

    StudioMembership.objects.filter(user=world.producer).delete()
    grant.refresh_from_db()
    assert grant.attestation.attested_at is None
    assert Grant.objects.filter(studio=world.studio, pk=grant.pk).exists()
