"""The actors app's tables: representation and guardianship, pure, no database."""

import pytest

from actors import states
from actors.choices import GuardianshipStatus as G
from actors.choices import RepresentationStatus as R
from portal.exceptions import DomainError


@pytest.mark.parametrize(("status", "action"), list(states.REPRESENTATION_TRANSITIONS))
def test_every_representation_move_in_the_table_is_allowed(status, action):
    target = states.ensure_representation_transition(status, action)
    assert target == states.REPRESENTATION_TRANSITIONS[(status, action)]


REPRESENTATION_REFUSED = [
    (status, action)
    for status in R.values
    for action in ("accept", "decline", "set_rights", "end")
    if (status, action) not in states.REPRESENTATION_TRANSITIONS
]


@pytest.mark.parametrize(("status", "action"), REPRESENTATION_REFUSED)
def test_every_representation_move_outside_the_table_is_refused(status, action):
    with pytest.raises(DomainError, match="cannot be changed that way"):
        states.ensure_representation_transition(status, action)


def test_an_ended_or_declined_representation_is_final():
    finals = {R.ENDED, R.DECLINED}
    assert not [key for key in states.REPRESENTATION_TRANSITIONS if key[0] in finals]


def test_open_representations_are_those_that_can_still_end():
    assert set(states.REPRESENTATION_OPEN) == {R.REQUESTED, R.ACTIVE}


@pytest.mark.parametrize(
    ("status", "actor", "actions"),
    [
        (R.REQUESTED, True, ["accept", "decline", "end"]),
        (R.REQUESTED, False, ["end"]),
        (R.ACTIVE, True, ["set_rights", "end"]),
        (R.ACTIVE, False, ["end"]),
        (R.ENDED, True, []),
        (R.DECLINED, False, []),
    ],
)
def test_the_buttons_each_side_sees_come_from_the_table(status, actor, actions):
    assert states.representation_actions_from(status, actor=actor) == actions


@pytest.mark.parametrize(("status", "action"), list(states.GUARDIANSHIP_TRANSITIONS))
def test_every_guardianship_move_in_the_table_is_allowed(status, action):
    target = states.ensure_guardianship_transition(status, action)
    assert target == states.GUARDIANSHIP_TRANSITIONS[(status, action)]


GUARDIANSHIP_REFUSED = [
    (status, action)
    for status in G.values
    for action in ("accept", "decline", "approve_listing", "check_identity", "end")
    if (status, action) not in states.GUARDIANSHIP_TRANSITIONS
]


@pytest.mark.parametrize(("status", "action"), GUARDIANSHIP_REFUSED)
def test_every_guardianship_move_outside_the_table_is_refused(status, action):
    with pytest.raises(DomainError, match="cannot be changed that way"):
        states.ensure_guardianship_transition(status, action)


def test_open_guardianships_are_those_that_can_still_end():
    assert set(states.GUARDIANSHIP_OPEN) == {G.INVITED, G.ACTIVE}


@pytest.mark.parametrize(
    ("status", "who", "actions"),
    [
        (G.INVITED, {"guardian": True}, ["accept", "decline"]),
        (G.ACTIVE, {"guardian": True}, ["approve_listing"]),
        (G.ACTIVE, {"staff": True}, ["check_identity"]),
        (G.INVITED, {"staff": True}, []),
        (G.ENDED, {"guardian": True, "staff": True}, []),
    ],
)
def test_the_buttons_a_guardian_or_staff_see_come_from_the_table(status, who, actions):
    assert states.guardianship_actions_from(status, **who) == actions


# Model constraints list the open sets: a different order would be a needless migration.


def test_open_representations_keep_the_order_of_their_constraint():
    assert states.REPRESENTATION_OPEN == (R.REQUESTED, R.ACTIVE)


def test_open_guardianships_keep_the_order_of_their_constraint():
    assert states.GUARDIANSHIP_OPEN == (G.INVITED, G.ACTIVE)
