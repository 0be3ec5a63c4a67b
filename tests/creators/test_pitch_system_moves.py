"""
Moves nobody makes by hand go along the pitch table's SYSTEM rows through one writer; a new
system row (consent's "the grant ended" on an agreed pitch) needs nothing else to work.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from creators import states
from creators.choices import PitchStatus, Side
from creators.models import Pitch, PitchEvent
from creators.services import pitches as services
from portal.exceptions import DomainError
from portal.models import AuditEvent, Notification
from tests.actors.factories import make_listing
from tests.creators.factories import make_brief, make_studio

pytestmark = pytest.mark.django_db


def _pitch(status: str, *, expires_in=timedelta(days=3)) -> Pitch:
    studio = make_studio()
    listing = make_listing()
    return Pitch.objects.create(
        role=make_brief(studio).roles.get(),
        listing=listing,
        terms=listing.current_terms,
        studio=studio,
        status=status,
        term_months=12,
        fee=6000,
        currency="CNY",
        ai_method="reference_only",
        expires_at=timezone.now() + expires_in,
    )


@pytest.fixture
def lapse_row(monkeypatch):
    """What consent will add: one system row out of AGREED (a stand-in target status here)."""
    row = (PitchStatus.WITHDRAWN, states.SYSTEM)
    monkeypatch.setitem(states.PITCH_TRANSITIONS, (PitchStatus.AGREED, "lapse"), row)


def test_a_new_system_row_moves_an_agreed_pitch(lapse_row):
    pitch = services.pitch_system_transition(pitch=_pitch(PitchStatus.AGREED), action="lapse")
    assert pitch.status == PitchStatus.WITHDRAWN


def test_a_system_move_is_in_the_history(lapse_row):
    pitch = services.pitch_system_transition(pitch=_pitch(PitchStatus.AGREED), action="lapse")
    event = PitchEvent.objects.get(pitch=pitch)
    assert (event.action, event.from_status, event.to_status) == ("lapse", "agreed", "withdrawn")


def test_a_system_move_is_audited_without_a_person(lapse_row):
    pitch = services.pitch_system_transition(pitch=_pitch(PitchStatus.AGREED), action="lapse")
    audit = AuditEvent.objects.get(action="pitch.withdrawn", target_id=str(pitch.pk))
    assert audit.actor_id is None


def test_both_sides_hear_of_a_system_move(lapse_row):
    pitch = _pitch(PitchStatus.AGREED)
    services.pitch_system_transition(pitch=pitch, action="lapse")
    recipients = set(Notification.objects.values_list("recipient_id", flat=True))
    assert recipients == {pitch.listing.owner_id, pitch.studio.created_by_id}


def test_nobody_takes_a_new_system_move_by_hand(lapse_row):
    pitch = _pitch(PitchStatus.AGREED)
    with pytest.raises(DomainError):
        services.pitch_transition(pitch=pitch, action="lapse", acting_user=pitch.listing.owner)


def test_a_new_system_move_is_never_a_button(lapse_row):
    for side in Side.values:
        actions = states.pitch_actions_for(PitchStatus.AGREED, side=side, awaiting=Side.ACTOR)
        assert "lapse" not in actions


def test_the_system_writer_refuses_a_persons_move():
    with pytest.raises(DomainError, match="Only a person"):
        services.pitch_system_transition(pitch=_pitch(PitchStatus.SENT), action="agree")


def test_the_system_writer_refuses_a_move_outside_the_table():
    with pytest.raises(DomainError, match="cannot be changed that way"):
        services.pitch_system_transition(pitch=_pitch(PitchStatus.DECLINED), action="expire")


def test_expiring_by_the_system_writer_closes_the_pitch():
    pitch = services.pitch_system_transition(pitch=_pitch(PitchStatus.VIEWED), action="expire")
    assert pitch.closed_at is not None


def test_a_page_finding_a_pitch_overdue_records_its_expiry_once():
    pitch = _pitch(PitchStatus.SENT, expires_in=-timedelta(minutes=1))
    services.pitch_refresh_expiry(pitch=pitch)
    services.pitch_refresh_expiry(pitch=pitch)
    assert PitchEvent.objects.filter(pitch=pitch, action="expire").count() == 1


def test_a_person_trying_a_system_move_is_told_it_is_recorded_by_portrait():
    pitch = _pitch(PitchStatus.SENT)
    with pytest.raises(DomainError, match="nobody makes it by hand"):
        services.pitch_transition(pitch=pitch, action="expire", acting_user=pitch.listing.owner)
