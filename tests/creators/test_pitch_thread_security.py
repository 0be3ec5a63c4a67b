"""
Security findings 5 and 6 (issue 13) on the pitch thread: doubtful messages are held for a
moderator; senders are rate-limited per thread; a busy thread sends one notice until it is read.
"""

import pytest
from django.test import Client

from creators.models import PitchMessage
from creators.selectors_pitches import pitch_thread
from creators.services import moderation
from creators.services import pitches as services
from portal.exceptions import DomainError
from portal.models import AuditEvent, Notification
from tests.conftest import make_user
from tests.creators.test_pitches import World

pytestmark = pytest.mark.django_db

DOUBTFUL = "Add me on WeChat and we can talk there"


@pytest.fixture
def world():
    return World()


@pytest.fixture
def pitch(world):
    return world.send()


@pytest.fixture
def staff():
    return make_user("ops@example.com", staff=True)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _notices(user, kind="pitch_message"):
    return Notification.objects.filter(recipient=user, kind=kind).count()


# --- held messages --------------------------------------------------------------------------


def test_a_doubtful_message_is_stored_held(world, pitch):
    message = services.pitch_message_post(pitch=pitch, acting_user=world.producer, body=DOUBTFUL)
    assert message.moderation == PitchMessage.Moderation.HELD


def test_a_held_message_records_why_it_was_held(world, pitch):
    message = services.pitch_message_post(pitch=pitch, acting_user=world.producer, body=DOUBTFUL)
    assert message.held_reason == "mentions a way to get in touch"


def test_a_held_message_tells_nobody_on_the_other_side(world, pitch):
    services.pitch_message_post(pitch=pitch, acting_user=world.producer, body=DOUBTFUL)
    assert _notices(world.actor) == 0


def test_the_other_side_does_not_see_a_held_message(world, pitch):
    services.pitch_message_post(pitch=pitch, acting_user=world.producer, body=DOUBTFUL)
    assert DOUBTFUL not in _client(world.actor).get(f"/pitches/{pitch.pk}/").text


def test_the_authors_side_sees_its_held_message_marked(world, pitch):
    services.pitch_message_post(pitch=pitch, acting_user=world.producer, body=DOUBTFUL)
    page = _client(world.viewer).get(f"/pitches/{pitch.pk}/").text
    assert "Held for review" in page


def test_the_thread_selector_leaves_held_messages_out_for_the_other_side(world, pitch):
    services.pitch_message_post(pitch=pitch, acting_user=world.producer, body=DOUBTFUL)
    assert not pitch_thread(pitch=pitch, side="actor").filter(body=DOUBTFUL).exists()


def test_a_clear_contact_detail_is_refused_and_not_stored(world, pitch):
    with pytest.raises(DomainError, match="messenger ids"):
        services.pitch_message_post(pitch=pitch, acting_user=world.actor, body="微信 linxy_88")
    assert not PitchMessage.objects.filter(body__contains="linxy").exists()


def test_releasing_a_held_message_delivers_it_and_tells_the_other_side(world, pitch, staff):
    message = services.pitch_message_post(pitch=pitch, acting_user=world.producer, body=DOUBTFUL)
    moderation.pitch_message_release(message=message, staff_user=staff)
    assert pitch_thread(pitch=pitch, side="actor").filter(pk=message.pk).exists()
    assert _notices(world.actor) == 1


def test_releasing_a_message_is_audited_as_the_staff_members(world, pitch, staff):
    message = services.pitch_message_post(pitch=pitch, acting_user=world.producer, body=DOUBTFUL)
    moderation.pitch_message_release(message=message, staff_user=staff)
    assert AuditEvent.objects.filter(action="pitch.message_delivered", actor=staff).exists()


def test_a_rejected_message_never_reaches_the_other_side(world, pitch, staff):
    message = services.pitch_message_post(pitch=pitch, acting_user=world.producer, body=DOUBTFUL)
    moderation.pitch_message_reject(message=message, staff_user=staff)
    assert not pitch_thread(pitch=pitch, side="actor").filter(pk=message.pk).exists()
    assert _notices(world.actor) == 0


def test_only_staff_moderate(world, pitch):
    message = services.pitch_message_post(pitch=pitch, acting_user=world.producer, body=DOUBTFUL)
    with pytest.raises(DomainError, match="Only staff"):
        moderation.pitch_message_release(message=message, staff_user=world.owner)


def test_a_delivered_message_cannot_be_moderated_again(world, pitch, staff):
    message = services.pitch_message_post(pitch=pitch, acting_user=world.producer, body="Hello")
    with pytest.raises(DomainError, match="not waiting for review"):
        moderation.pitch_message_reject(message=message, staff_user=staff)


def test_a_doubtful_opening_message_waits_on_the_thread_instead_of_the_pitch(world):
    pitch = world.send(message=DOUBTFUL)
    assert pitch.message == ""
    assert PitchMessage.objects.get(pitch=pitch).moderation == PitchMessage.Moderation.HELD


def test_a_doubtful_note_waits_on_the_thread_instead_of_the_history(world, pitch):
    services.pitch_transition(pitch=pitch, action="decline", acting_user=world.actor, note=DOUBTFUL)
    assert PitchMessage.objects.get(pitch=pitch, side="actor").body == DOUBTFUL
    assert not pitch.events.filter(note=DOUBTFUL).exists()


# --- rate limit -----------------------------------------------------------------------------


def test_a_sender_is_stopped_after_the_limit_with_a_clear_reason(world, pitch, settings):
    settings.PORTAL_PITCH_MESSAGES_PER_WINDOW = 3
    for n in range(3):
        services.pitch_message_post(pitch=pitch, acting_user=world.producer, body=f"Note {n}")
    with pytest.raises(DomainError, match="the most allowed") as exc:
        services.pitch_message_post(pitch=pitch, acting_user=world.producer, body="One more")
    assert exc.value.code == "rate_limited"


def test_the_limit_counts_per_sender(world, pitch, settings):
    settings.PORTAL_PITCH_MESSAGES_PER_WINDOW = 2
    for n in range(2):
        services.pitch_message_post(pitch=pitch, acting_user=world.producer, body=f"Note {n}")
    message = services.pitch_message_post(pitch=pitch, acting_user=world.actor, body="Hi")
    assert message.pk is not None


def test_the_limit_shows_on_the_thread_form(world, pitch, settings):
    settings.PORTAL_PITCH_MESSAGES_PER_WINDOW = 1
    client = _client(world.producer)
    client.post(f"/pitches/{pitch.pk}/messages/", {"body": "First"})
    response = client.post(f"/pitches/{pitch.pk}/messages/", {"body": "Second"}, follow=True)
    assert "the most allowed" in response.text
    assert PitchMessage.objects.filter(pitch=pitch).count() == 1


# --- batched notices ------------------------------------------------------------------------


def test_a_busy_thread_sends_one_notice_per_recipient_until_it_is_read(world, pitch):
    for n in range(5):
        services.pitch_message_post(pitch=pitch, acting_user=world.producer, body=f"Note {n}")
    assert _notices(world.actor) == 1


def test_reading_the_thread_lets_the_next_message_notify_again(world, pitch):
    services.pitch_message_post(pitch=pitch, acting_user=world.producer, body="First")
    _client(world.actor).get(f"/pitches/{pitch.pk}/")
    services.pitch_message_post(pitch=pitch, acting_user=world.producer, body="Second")
    assert _notices(world.actor) == 2


def test_a_recipient_who_never_reads_hears_again_after_the_quiet_period(world, pitch, settings):
    services.pitch_message_post(pitch=pitch, acting_user=world.producer, body="First")
    settings.PORTAL_PITCH_NOTICE_QUIET_MINUTES = 0
    services.pitch_message_post(pitch=pitch, acting_user=world.producer, body="Second")
    assert _notices(world.actor) == 2


# --- the admin's moderation actions ---------------------------------------------------------


def _admin_client():
    import time

    from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

    from tests.conftest import sign_in

    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    TOTP.activate(make_user("root@example.com", staff=True, is_superuser=True), secret)
    client = Client()
    sign_in(client, "root@example.com")
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    client.post("/accounts/2fa/authenticate/", {"code": code})
    return client


@pytest.mark.parametrize(
    ("action", "moderation"),
    [("release", PitchMessage.Moderation.DELIVERED), ("reject", PitchMessage.Moderation.REJECTED)],
)
def test_the_admin_action_moderates_through_the_service(world, pitch, action, moderation):
    message = services.pitch_message_post(pitch=pitch, acting_user=world.producer, body=DOUBTFUL)
    _admin_client().post(
        "/admin/creators/pitchmessage/",
        {"action": action, "_selected_action": [message.pk]},
    )
    message.refresh_from_db()
    assert message.moderation == moderation


def test_the_admin_lists_held_messages(world, pitch):
    services.pitch_message_post(pitch=pitch, acting_user=world.producer, body=DOUBTFUL)
    response = _admin_client().get("/admin/creators/pitchmessage/?moderation__exact=held")
    assert "mentions a way to get in touch" in response.text


def test_staff_with_an_mfa_session_see_held_messages_on_their_dashboard(world, pitch):
    services.pitch_message_post(pitch=pitch, acting_user=world.producer, body=DOUBTFUL)
    response = _admin_client().get("/dashboard/")
    assert "1 pitch message held for review" in response.text


def test_staff_without_an_mfa_session_are_not_shown_held_messages(world, pitch):
    services.pitch_message_post(pitch=pitch, acting_user=world.producer, body=DOUBTFUL)
    response = _client(make_user("ops2@example.com", staff=True)).get("/dashboard/")
    assert "held for review" not in response.text
