"""The shot table, over every status and action: allowed moves and refused ones."""

import itertools

import pytest

from consent.choices import ShotStatus
from consent.forms_shots import DECISIONS
from consent.states import (
    SHOT_COUNTED,
    SHOT_TRANSITIONS,
    SIGNER,
    SYSTEM,
    ensure_shot_transition,
    shot_actions_for,
)
from portal.exceptions import DomainError

ACTIONS = sorted({action for (_status, action) in SHOT_TRANSITIONS})
ALLOWED = [(s, a, to, who) for (s, a), (to, who) in SHOT_TRANSITIONS.items()]
REFUSED = [
    (status, action)
    for status, action in itertools.product(ShotStatus.values, ACTIONS)
    if (status, action) not in SHOT_TRANSITIONS
]


@pytest.mark.parametrize(("status", "action", "target", "who"), ALLOWED)
def test_every_move_in_the_table_is_allowed_to_its_party(status, action, target, who):
    assert ensure_shot_transition(status, action, by=who) == target


@pytest.mark.parametrize(("status", "action", "target", "who"), ALLOWED)
def test_the_other_party_cannot_take_a_move(status, action, target, who):
    other = SYSTEM if who == SIGNER else SIGNER
    with pytest.raises(DomainError, match="Only the clock") as exc:
        ensure_shot_transition(status, action, by=other)
    assert exc.value.code == "system_action"


@pytest.mark.parametrize(("status", "action"), REFUSED)
@pytest.mark.parametrize("by", [SIGNER, SYSTEM])
def test_every_move_outside_the_table_is_refused(status, action, by):
    with pytest.raises(DomainError, match="cannot be changed that way") as exc:
        ensure_shot_transition(status, action, by=by)
    assert exc.value.code == "invalid_transition"


@pytest.mark.parametrize("status", sorted(set(ShotStatus.values) - {ShotStatus.PENDING}))
def test_a_decided_shot_never_changes_again(status):
    assert [a for (s, a) in SHOT_TRANSITIONS if s == status] == []


def test_the_signer_chooses_among_approve_reject_and_changes_for_a_pending_shot():
    assert sorted(shot_actions_for(ShotStatus.PENDING)) == ["approve", "reject", "request_changes"]


def test_the_review_form_offers_exactly_the_signers_moves():
    assert sorted(d for d, _label in DECISIONS) == sorted(shot_actions_for(ShotStatus.PENDING))


def test_an_approved_shot_is_not_voided_by_the_table_its_grant_bounds_it():
    assert (ShotStatus.APPROVED, "void") not in SHOT_TRANSITIONS


def test_only_pending_and_approved_shots_take_a_place_of_max_shots():
    assert {ShotStatus.PENDING, ShotStatus.APPROVED} == SHOT_COUNTED
