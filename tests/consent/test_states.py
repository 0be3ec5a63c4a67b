"""The grant table, row by row: every transition allowed to its parties and refused otherwise."""

import itertools

import pytest

from consent.choices import GrantStatus as G
from consent.states import (
    GRANT_TRANSITIONS,
    LIVE_GRANT,
    SIGNED_GRANT,
    SIGNER,
    STAFF,
    STUDIO,
    SYSTEM,
    TERMINAL_GRANT,
    ensure_grant_transition,
    grant_actions_for,
)
from portal.exceptions import DomainError

PARTIES = (SIGNER, STUDIO, STAFF, SYSTEM)
ACTIONS = sorted({action for (_source, action) in GRANT_TRANSITIONS})
EXPECTED = {
    (G.AWAITING_SIGNATURE, "sign"): G.ACTIVE,
    (G.AWAITING_SIGNATURE, "lapse"): G.LAPSED,
    (G.ACTIVE, "suspend"): G.SUSPENDED,
    (G.SUSPENDED, "resume"): G.ACTIVE,
    (G.ACTIVE, "revoke"): G.REVOKED,
    (G.SUSPENDED, "revoke"): G.REVOKED,
    (G.ACTIVE, "complete"): G.COMPLETED,
    (G.SUSPENDED, "complete"): G.COMPLETED,
    (G.ACTIVE, "expire"): G.EXPIRED,
    (G.SUSPENDED, "expire"): G.EXPIRED,
}
ALLOWED_ROWS = [
    (source, action, party, target)
    for (source, action), (target, parties) in GRANT_TRANSITIONS.items()
    for party in sorted(parties)
]
PARTY_REFUSED = [
    (source, action, party)
    for (source, action), (_target, parties) in GRANT_TRANSITIONS.items()
    for party in PARTIES
    if party not in parties
]
MISSING_ROWS = [
    (status, action)
    for status, action in itertools.product(G.values, ACTIONS)
    if (status, action) not in GRANT_TRANSITIONS
]


def test_the_table_is_the_one_the_issue_describes():
    assert {key: target for key, (target, _p) in GRANT_TRANSITIONS.items()} == EXPECTED


@pytest.mark.parametrize(("source", "action", "party", "target"), ALLOWED_ROWS)
def test_each_allowed_transition_leads_to_its_target(source, action, party, target):
    assert ensure_grant_transition(source, action, party=party) == target


@pytest.mark.parametrize(("source", "action", "party"), PARTY_REFUSED)
def test_a_party_outside_the_row_is_refused(source, action, party):
    with pytest.raises(DomainError, match="cannot do that"):
        ensure_grant_transition(source, action, party=party)


@pytest.mark.parametrize(("source", "action"), MISSING_ROWS)
@pytest.mark.parametrize("party", PARTIES)
def test_every_transition_outside_the_table_is_refused(source, action, party):
    with pytest.raises(DomainError, match="cannot be changed that way"):
        ensure_grant_transition(source, action, party=party)


def test_the_actor_may_revoke_an_active_or_suspended_grant_at_any_time():
    assert "revoke" in grant_actions_for(G.ACTIVE, parties={SIGNER})
    assert "revoke" in grant_actions_for(G.SUSPENDED, parties={SIGNER})


def test_the_studio_cannot_revoke_but_may_declare_the_work_done():
    assert grant_actions_for(G.ACTIVE, parties={STUDIO}) == ["complete"]


def test_the_clock_actions_are_never_buttons():
    everyone = set(PARTIES)
    buttons = {a for status in G.values for a in grant_actions_for(status, parties=everyone)}
    assert buttons.isdisjoint({"lapse", "expire"})


def test_terminal_statuses_have_no_way_out():
    assert {G.COMPLETED, G.EXPIRED, G.REVOKED, G.LAPSED} == TERMINAL_GRANT


def test_live_statuses_are_the_ones_a_grant_can_leave():
    assert {G.AWAITING_SIGNATURE, G.ACTIVE, G.SUSPENDED} == LIVE_GRANT


def test_signed_statuses_are_those_whose_window_runs():
    assert {G.ACTIVE, G.SUSPENDED} == SIGNED_GRANT
