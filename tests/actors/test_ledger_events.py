"""Listings, terms, opt-outs, representation and guardianship land in the public ledger."""

import pytest
from django.core.management import call_command

from actors.services import listings as services
from actors.services import register as register_services
from actors.services import representation as rep
from portal.ledger import ledger_verify
from portal.models import LedgerEntry, Role
from tests.actors.factories import make_listing
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _events(**filters):
    return list(
        LedgerEntry.objects.filter(**filters).order_by("seq").values_list("event_type", flat=True)
    )


def test_pausing_resuming_and_withdrawing_a_listing_are_recorded(actor):
    listing = make_listing(actor, status="listed")
    for action in ("pause", "resume", "withdraw"):
        services.listing_transition(listing=listing, action=action, acting_user=actor)
    assert _events(subject_type="actors.listing") == [
        "listing.paused",
        "listing.listed",
        "listing.withdrawn",
    ]
    entry = LedgerEntry.objects.get(event_type="listing.paused")
    assert entry.actor_id == actor.pk
    assert entry.subject_id == str(listing.pk)
    assert entry.payload == {
        "listing": listing.slug,
        "stage_name": listing.stage_name,
        "terms_version": 1,
        "action": "pause",
    }
    assert ledger_verify() is None


def test_a_draft_nobody_saw_stays_out_of_the_public_ledger(actor):
    listing = make_listing(actor, status="draft", verified=False)
    services.listing_transition(listing=listing, action="withdraw", acting_user=actor)
    assert _events(subject_type="actors.listing") == []


def test_no_personal_data_reaches_the_ledger(actor):
    listing = make_listing(actor, status="listed")
    services.listing_transition(listing=listing, action="pause", acting_user=actor)
    payload = str(LedgerEntry.objects.get(event_type="listing.paused").payload)
    assert actor.email not in payload
    assert listing.private.legal_name not in payload
    assert "1990" not in payload


def test_a_new_terms_version_of_a_listed_actor_is_published(actor):
    listing = make_listing(actor, status="listed")
    data = {f: getattr(listing.current_terms, f) for f in services.TERMS_FIELDS}
    services.terms_create_version(
        listing=listing, data={**data, "fee_floor": 9000}, acting_user=actor
    )
    entry = LedgerEntry.objects.get(event_type="terms.published")
    assert entry.payload["terms_version"] == 2


def test_staff_verifying_a_listing_is_marked_as_a_staff_action(actor):
    listing = make_listing(actor, status="awaiting_verification", verified=False)
    staff = make_user("ops@example.com", staff=True)
    services.listing_verify(listing=listing, staff_user=staff)
    entry = LedgerEntry.objects.get(event_type="listing.listed")
    assert entry.actor_id == staff.pk
    assert entry.payload["staff"] is True
    assert entry.payload["action"] == "verify"


def test_an_agent_acting_for_the_actor_is_recorded_on_their_behalf(actor):
    listing = make_listing(actor, status="listed")
    agent = make_user("agent@example.com", roles=[Role.AGENT])
    representation = rep.representation_request(listing=listing, agent=agent)
    rep.representation_respond(
        representation=representation, accept=True, rights=["edit_listing"], acting_user=actor
    )
    services.listing_transition(listing=listing, action="pause", acting_user=agent)
    entry = LedgerEntry.objects.get(event_type="listing.paused")
    assert entry.actor_id == agent.pk
    assert entry.on_behalf_of_id == actor.pk


def test_representation_granted_changed_and_ended_are_recorded(actor):
    listing = make_listing(actor, status="listed")
    agent = make_user("agent@example.com", roles=[Role.AGENT])
    representation = rep.representation_request(listing=listing, agent=agent)
    rep.representation_respond(
        representation=representation, accept=True, rights=["edit_listing"], acting_user=actor
    )
    rep.representation_set_rights(
        representation=representation, rights=["answer_pitches"], acting_user=actor
    )
    rep.representation_end(representation=representation, acting_user=actor)
    assert _events(event_type__startswith="representation.") == [
        "representation.granted",
        "representation.rights_changed",
        "representation.ended",
    ]
    assert LedgerEntry.objects.get(event_type="representation.granted").payload["agent"] == (
        agent.pk
    )


def test_a_request_withdrawn_before_any_answer_is_not_a_grant_ending(actor):
    listing = make_listing(actor, status="listed")
    agent = make_user("agent@example.com", roles=[Role.AGENT])
    representation = rep.representation_request(listing=listing, agent=agent)
    rep.representation_end(representation=representation, acting_user=agent)
    assert _events(event_type__startswith="representation.") == []


def test_guardianship_steps_are_recorded_under_ids_only(actor):
    listing = make_listing(actor, status="draft", verified=False)
    mother = make_user("mother@example.com")
    guardianship = rep.guardianship_invite(
        listing=listing,
        guardian_email="mother@example.com",
        relationship="mother",
        acting_user=actor,
    )
    rep.guardianship_respond(guardianship=guardianship, accept=True, acting_user=mother)
    rep.guardianship_approve_listing(guardianship=guardianship, acting_user=mother)
    staff = make_user("ops@example.com", staff=True)
    rep.guardianship_check_identity(guardianship=guardianship, staff_user=staff)
    assert _events(event_type__startswith="guardianship.") == [
        "guardianship.granted",
        "guardianship.listing_approved",
        "guardianship.identity_checked",
    ]
    checked = LedgerEntry.objects.get(event_type="guardianship.identity_checked")
    assert checked.payload == {"guardian": mother.pk, "listing_id": listing.pk, "staff": True}


def test_opting_out_and_withdrawing_it_are_recorded():
    user = make_user("private@example.com")
    opt_out = register_services.optout_publish(
        user=user, public_name="Zhang Wei", statement="No AI work."
    )
    register_services.optout_withdraw(opt_out=opt_out, acting_user=user)
    assert _events(subject_type="actors.optout") == ["optout.published", "optout.withdrawn"]
    assert LedgerEntry.objects.get(event_type="optout.published").payload == {
        "public_name": "Zhang Wei"
    }


def test_bootstrap_records_existing_listings_and_opt_outs_once(actor, capsys):
    listed = make_listing(actor, status="listed")
    make_listing(status="draft", verified=False)
    user = make_user("private@example.com")
    register_services.optout_publish(user=user, public_name="Zhang Wei", statement="")
    call_command("ledger_bootstrap")
    call_command("ledger_bootstrap")
    recorded = LedgerEntry.objects.filter(event_type="listing.recorded")
    assert [e.subject_id for e in recorded] == [str(listed.pk)]
    assert recorded.get().payload["status"] == "listed"
    assert _events(subject_type="actors.optout") == ["optout.published"]
    assert LedgerEntry.objects.filter(event_type="ledger.genesis").count() == 1
    assert "ledger bootstrap: 0 entries recorded" in capsys.readouterr().out
    assert ledger_verify() is None
