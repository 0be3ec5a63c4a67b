"""Grant services: created at agreement, signed by the right people, ended by the right ones."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consent.choices import GrantStatus
from consent.models import Grant, GrantEvent
from consent.services import grants as services
from creators.choices import PitchStatus
from portal.canonical import canonical_sha256
from portal.exceptions import DomainError
from portal.models import LedgerEntry, Notification, Receipt
from tests.consent.conftest import GrantWorld


def _kinds(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_an_agreed_pitch_becomes_a_grant_awaiting_signature(world):
    grant = world.agreed_grant()
    assert grant.status == GrantStatus.AWAITING_SIGNATURE
    assert grant.signed_at is None
    assert grant.use_types == ["face"]
    assert grant.scenes == [1, 2]
    assert grant.max_shots == 5
    assert grant.response_window_hours == world.listing.current_terms.response_window_hours


def test_the_signature_notice_goes_to_signers_not_to_answer_only_agents(world):
    world.agreed_grant()
    assert "grant_awaiting_signature" in _kinds(world.actor)
    assert "grant_awaiting_signature" in _kinds(world.signing_agent)
    assert "grant_awaiting_signature" not in _kinds(world.answer_agent)


def test_the_snapshot_is_canonical_and_hashed(world):
    grant = world.agreed_grant()
    assert grant.snapshot_sha256 == canonical_sha256(grant.snapshot)
    assert grant.snapshot["terms"]["version"] == world.listing.current_terms.version
    assert grant.snapshot["offer"]["fee"] == "6000.00"
    assert grant.snapshot["brief"]["title"] == world.brief.title


def test_the_snapshot_never_follows_later_changes_to_the_brief(world):
    grant = world.agreed_grant()
    world.brief.title = "A different project"
    world.brief.save()
    grant.refresh_from_db()
    assert grant.snapshot["brief"]["title"] == "The Teacher of Hongkou"
    assert grant.snapshot_sha256 == canonical_sha256(grant.snapshot)


def test_the_actor_signs_and_the_grant_becomes_active_with_its_window_and_receipt(world):
    grant = world.signed_grant()
    assert grant.status == GrantStatus.ACTIVE
    assert grant.signed_by == world.actor
    assert grant.ends_at == services.add_months(grant.starts_at, 12)
    assert Receipt.objects.filter(pk=grant.receipt_id, kind="grant").exists()
    assert LedgerEntry.objects.filter(event_type="grant.signed", subject_id=str(grant.pk)).exists()
    assert "grant_signed" in _kinds(world.producer)


def test_an_agent_with_the_sign_right_signs_for_the_actor(world):
    grant = world.agreed_grant()
    signed = services.grant_sign(
        grant=grant, acting_user=world.signing_agent, reauthenticated=True, acknowledged=True
    )
    assert signed.status == GrantStatus.ACTIVE
    assert GrantEvent.objects.get(grant=grant, action="sign").on_behalf_of == world.actor


@pytest.mark.parametrize("who", ["answer_agent", "producer", "outsider", "staff"])
def test_nobody_else_can_sign(world, who):
    grant = world.agreed_grant()
    with pytest.raises(DomainError, match="cannot sign"):
        services.grant_sign(
            grant=grant, acting_user=getattr(world, who), reauthenticated=True, acknowledged=True
        )


def test_signing_needs_a_recent_reauthentication(world):
    grant = world.agreed_grant()
    with pytest.raises(DomainError, match="Confirm it is you"):
        services.grant_sign(
            grant=grant, acting_user=world.actor, reauthenticated=False, acknowledged=True
        )


def test_signing_needs_every_statement_ticked(world):
    grant = world.agreed_grant()
    with pytest.raises(DomainError, match="Tick every statement"):
        services.grant_sign(
            grant=grant, acting_user=world.actor, reauthenticated=True, acknowledged=False
        )


def test_a_minors_grant_needs_the_guardian_too(world):
    grant = world.agreed_grant()
    world.make_minor()
    half = services.grant_sign(
        grant=grant, acting_user=world.actor, reauthenticated=True, acknowledged=True
    )
    assert half.status == GrantStatus.AWAITING_SIGNATURE
    assert half.signed_at is not None
    assert "grant_awaiting_signature" in _kinds(world.guardian)
    done = services.grant_sign(
        grant=grant, acting_user=world.guardian, reauthenticated=True, acknowledged=True
    )
    assert done.status == GrantStatus.ACTIVE
    assert done.guardian_signed_by == world.guardian


def test_the_minors_cap_is_checked_against_the_date_of_birth_at_signing(db):
    world = GrantWorld(terms={"max_term_months": 120})
    grant = world.agreed_grant(offer=_offer(term_months=72))
    world.make_minor()  # the date of birth was corrected after the pitch was agreed
    with pytest.raises(DomainError, match="minor"):
        services.grant_sign(
            grant=grant, acting_user=world.actor, reauthenticated=True, acknowledged=True
        )


def test_a_guardian_cannot_sign_for_an_adult(world):
    grant = world.agreed_grant()
    world.make_minor()
    from datetime import date

    from actors.models import ListingPrivate

    ListingPrivate.objects.filter(listing=world.listing).update(date_of_birth=date(1990, 1, 1))
    with pytest.raises(DomainError, match="adult"):
        services.grant_sign(
            grant=grant, acting_user=world.guardian, reauthenticated=True, acknowledged=True
        )


def test_the_fit_check_runs_again_at_signing(world):
    grant = world.agreed_grant()
    from actors.models import Terms
    from actors.services.listings import terms_create_version

    data = {f: getattr(world.listing.current_terms, f) for f in Terms.AGREED_FIELDS}
    terms_create_version(
        listing=world.listing, data={**data, "use_types": ["voice"]}, acting_user=world.actor
    )
    with pytest.raises(DomainError, match="no longer fits"):
        services.grant_sign(
            grant=grant, acting_user=world.actor, reauthenticated=True, acknowledged=True
        )


def test_a_grant_not_signed_by_its_deadline_lapses_and_frees_the_pitch(world):
    grant = world.agreed_grant()
    Grant.objects.filter(pk=grant.pk).update(sign_by=timezone.now() - timedelta(seconds=1))
    with pytest.raises(DomainError, match="not signed in time"):
        services.grant_sign(
            grant=grant, acting_user=world.actor, reauthenticated=True, acknowledged=True
        )
    grant.refresh_from_db()
    assert grant.status == GrantStatus.LAPSED
    assert grant.pitch.status == PitchStatus.CONCLUDED


def test_a_new_pitch_may_follow_once_the_grant_ended(world):
    grant = world.signed_grant()
    services.grant_revoke(grant=grant, acting_user=world.actor)
    again = world.agreed_grant()
    assert again.status == GrantStatus.AWAITING_SIGNATURE


def test_the_actor_revokes_with_a_reason_and_an_attestation_is_requested(world):
    grant = world.signed_grant()
    revoked = services.grant_revoke(grant=grant, acting_user=world.actor, reason="Changed mind")
    assert revoked.status == GrantStatus.REVOKED
    assert revoked.end_reason == "Changed mind"
    assert revoked.ended_at is not None
    assert revoked.attestation.due_at > revoked.ended_at
    assert "grant_attestation_requested" in _kinds(world.producer)
    assert "grant_revoked" in _kinds(world.producer)


@pytest.mark.parametrize("who", ["producer", "answer_agent", "outsider"])
def test_only_the_actors_side_revokes(world, who):
    grant = world.signed_grant()
    with pytest.raises(DomainError, match="cannot revoke"):
        services.grant_revoke(grant=grant, acting_user=getattr(world, who))


def test_a_lapsed_grant_asks_for_no_attestation(world):
    grant = world.agreed_grant()
    Grant.objects.filter(pk=grant.pk).update(sign_by=timezone.now() - timedelta(seconds=1))
    assert services.grants_record_clock() == 1
    grant.refresh_from_db()
    assert not hasattr(grant, "attestation")


def _offer(**changes):
    from tests.consent.conftest import make_offer

    return make_offer(**changes)
