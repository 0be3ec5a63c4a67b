import pytest

from creators import states
from creators.choices import BriefStatus, PitchStatus, Side
from portal.exceptions import DomainError

BRIEF_ACTIONS = sorted({action for _, action in states.BRIEF_TRANSITIONS})
PITCH_ACTIONS = sorted({action for _, action in states.PITCH_TRANSITIONS})


@pytest.mark.parametrize(("status", "action"), list(states.BRIEF_TRANSITIONS))
def test_every_brief_transition_in_the_table_is_accepted(status, action):
    assert (
        states.ensure_brief_transition(status, action) == states.BRIEF_TRANSITIONS[(status, action)]
    )


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (s, a)
        for s in BriefStatus.values
        for a in BRIEF_ACTIONS
        if (s, a) not in states.BRIEF_TRANSITIONS
    ],
)
def test_every_other_brief_transition_is_refused(status, action):
    with pytest.raises(DomainError):
        states.ensure_brief_transition(status, action)


@pytest.mark.parametrize(("status", "action"), list(states.PITCH_TRANSITIONS))
def test_every_pitch_transition_is_accepted_from_the_side_whose_turn_it_is(status, action):
    awaiting = Side.STUDIO if status == PitchStatus.COUNTERED else Side.ACTOR
    side = states.pitch_side_allowed(status, action, awaiting=awaiting)
    target = states.ensure_pitch_transition(status, action, side=side, awaiting=awaiting)
    assert target == states.PITCH_TRANSITIONS[(status, action)][0]
    other = Side.ACTOR if side == Side.STUDIO else Side.STUDIO
    with pytest.raises(DomainError, match="other side's turn"):
        states.ensure_pitch_transition(status, action, side=other, awaiting=awaiting)


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (s, a)
        for s in PitchStatus.values
        for a in PITCH_ACTIONS
        if (s, a) not in states.PITCH_TRANSITIONS
    ],
)
def test_every_other_pitch_transition_is_refused(status, action):
    with pytest.raises(DomainError):
        states.ensure_pitch_transition(status, action, side=Side.ACTOR, awaiting=Side.ACTOR)


def test_a_creator_may_withdraw_only_until_the_pitch_is_viewed():
    assert "withdraw" in states.pitch_actions_for("sent", side=Side.STUDIO, awaiting=Side.ACTOR)
    assert "withdraw" not in states.pitch_actions_for(
        "viewed", side=Side.STUDIO, awaiting=Side.ACTOR
    )


def test_counters_go_back_and_forth():
    assert states.pitch_actions_for("countered", side=Side.STUDIO, awaiting=Side.STUDIO) == [
        "counter",
        "agree",
        "decline",
    ]
    assert states.pitch_actions_for("countered", side=Side.ACTOR, awaiting=Side.STUDIO) == []
