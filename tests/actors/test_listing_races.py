"""Listing transitions under concurrency (PostgreSQL): the row lock serialises them, so two
presses at once end in one state the table allows, with one audit row per applied change."""

import pytest

from actors import states
from actors.choices import ListingStatus
from actors.models import Listing
from actors.services.listings import listing_transition
from portal.models import AuditEvent
from tests.actors.factories import make_listing
from tests.conftest import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _press(listing, action):
    return lambda: listing_transition(listing=listing, action=action, acting_user=listing.owner)


def _audited_actions(listing):
    rows = AuditEvent.objects.filter(target_id=str(listing.pk), action__startswith="listing.")
    return list(rows.order_by("id").values_list("action", flat=True))


def _replay(start, actions):
    status = start
    for action in actions:
        status = states.ensure_transition(status, action)
    return status


def test_concurrent_pause_and_withdraw_end_withdrawn_with_one_audit_row_per_change():
    listing = make_listing(status=ListingStatus.LISTED)
    outcomes = race(_press(listing, "pause"), _press(listing, "withdraw"))
    listing.refresh_from_db()
    audited = [action.removeprefix("listing.") for action in _audited_actions(listing)]
    # Pause first: both apply. Withdraw first: a withdrawn listing cannot pause.
    assert audited in (["pause", "withdraw"], ["withdraw"])
    assert outcomes.count("ok") == len(audited)
    assert listing.status == ListingStatus.WITHDRAWN
    assert _replay(ListingStatus.LISTED, audited) == listing.status


def test_two_pauses_at_once_apply_once():
    listing = make_listing(status=ListingStatus.LISTED)
    outcomes = race(_press(listing, "pause"), _press(listing, "pause"))
    assert outcomes == ["invalid_transition", "ok"]
    assert Listing.objects.get(pk=listing.pk).status == ListingStatus.PAUSED
    assert _audited_actions(listing) == ["listing.pause"]


def test_two_withdrawals_at_once_apply_once():
    listing = make_listing(status=ListingStatus.PAUSED)
    outcomes = race(_press(listing, "withdraw"), _press(listing, "withdraw"))
    assert outcomes == ["invalid_transition", "ok"]
    assert Listing.objects.get(pk=listing.pk).status == ListingStatus.WITHDRAWN
    assert _audited_actions(listing) == ["listing.withdraw"]
