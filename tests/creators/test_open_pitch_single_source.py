"""
"Open pitch" is defined once, from the pitch table, and everything else asks that definition:
the model's index and constraint, is_overdue, the lists' status by the clock, the buttons.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from creators import states
from creators.choices import PitchStatus, Side
from creators.models import Pitch
from creators.selectors_pitches import pitches_for_studio
from portal.exceptions import DomainError
from tests.actors.factories import make_listing
from tests.creators.factories import make_brief, make_studio


def test_open_pitches_are_those_the_clock_can_expire():
    expirable = {src for (src, action) in states.PITCH_TRANSITIONS if action == "expire"}
    assert set(states.OPEN_PITCH) == expirable


def test_open_pitches_are_sent_viewed_and_countered():
    assert states.OPEN_PITCH == (PitchStatus.SENT, PitchStatus.VIEWED, PitchStatus.COUNTERED)


def test_a_pitch_in_play_is_open_or_agreed():
    assert set(states.PITCH_IN_PLAY) == {*states.OPEN_PITCH, PitchStatus.AGREED}


def test_expiry_is_a_system_move_of_the_table():
    assert "expire" in states.SYSTEM_ACTIONS


@pytest.mark.parametrize("status", states.OPEN_PITCH)
def test_the_table_takes_every_open_pitch_to_expired(status):
    assert states.ensure_pitch_system_transition(status, "expire") == PitchStatus.EXPIRED


@pytest.mark.parametrize("status", [s for s in PitchStatus.values if s not in states.OPEN_PITCH])
def test_a_closed_pitch_cannot_expire(status):
    with pytest.raises(DomainError, match="cannot be changed that way"):
        states.ensure_pitch_system_transition(status, "expire")


def test_a_person_cannot_be_the_system():
    with pytest.raises(DomainError, match="Only a person"):
        states.ensure_pitch_system_transition(PitchStatus.SENT, "agree")


@pytest.mark.parametrize("status", PitchStatus.values)
@pytest.mark.parametrize("side", Side.values)
def test_no_side_is_ever_offered_a_system_move(status, side):
    for awaiting in Side.values:
        offered = states.pitch_actions_for(status, side=side, awaiting=awaiting)
        assert not set(offered) & (states.SYSTEM_ACTIONS | states.RECORDED_ACTIONS)


def _index(name: str):
    return next(i for i in Pitch._meta.indexes if i.name == name)


def _constraint(name: str):
    return next(c for c in Pitch._meta.constraints if c.name == name)


def test_the_expiry_index_covers_exactly_the_open_pitches():
    condition = _index("pitch_open_expiry_idx").condition
    assert condition.children == [("status__in", list(states.OPEN_PITCH))]


def test_one_pitch_in_play_per_role_and_actor_is_the_constraint():
    condition = _constraint("pitch_one_open_per_role_and_actor").condition
    assert condition.children == [("status__in", list(states.PITCH_IN_PLAY))]


@pytest.mark.parametrize("status", PitchStatus.values)
def test_only_an_open_pitch_can_be_overdue(status):
    pitch = Pitch(status=status, expires_at=timezone.now() - timedelta(minutes=1))
    assert pitch.is_overdue is (status in states.OPEN_PITCH)


@pytest.mark.django_db
@pytest.mark.parametrize("status", PitchStatus.values)
def test_lists_read_an_overdue_pitch_as_the_table_says(status):
    studio = make_studio()
    role = make_brief(studio).roles.get()
    listing = make_listing()
    Pitch.objects.create(
        role=role,
        listing=listing,
        terms=listing.current_terms,
        studio=studio,
        status=status,
        term_months=12,
        fee=6000,
        currency="CNY",
        ai_method="reference_only",
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    expected = PitchStatus.EXPIRED if status in states.OPEN_PITCH else status
    assert pitches_for_studio(studio=studio).get().current_status == expected
