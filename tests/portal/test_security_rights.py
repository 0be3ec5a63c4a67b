"""
Security findings 1 and 2 (issue 13): rights on the site come from relationships, never from
being a superuser; staff powers on the site need a session that passed a second factor.
"""

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.test import Client
from guardian.shortcuts import assign_perm

from actors.models import Listing
from creators.models import Pitch
from creators.services import pitches as pitch_services
from portal.exceptions import DomainError
from portal.models import Notification
from portal.permissions import has_object_right
from tests.actors.factories import make_listing
from tests.conftest import make_user, sign_in
from tests.creators.factories import make_brief, make_studio
from tests.creators.test_pitches import World

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def superuser():
    return make_user("root@example.com", staff=True, is_superuser=True)


@pytest.fixture
def world():
    return World()


def _staff_client(*, mfa_session: bool):
    """A staff member with TOTP enrolled, signed in with or without the second factor."""
    staff = make_user("ops@example.com", staff=True)
    TOTP.activate(staff, SECRET)
    client = Client()
    if not mfa_session:
        client.force_login(staff)
        return client
    sign_in(client, "ops@example.com")
    code = format_hotp_value(hotp_value(SECRET, int(time.time()) // 30))
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    return client


# --- 1. a superuser is nobody's agent and no studio's owner on the site ---------------------


def test_has_object_right_ignores_superuser_status(superuser, world):
    assert not has_object_right(superuser, "actors.answer_pitches", world.listing)


def test_has_object_right_answers_for_a_delegated_agent(world):
    assert has_object_right(world.agent, "actors.answer_pitches", world.listing)


def test_has_object_right_refuses_an_agent_without_that_right(world):
    assert not has_object_right(world.idle_agent, "actors.answer_pitches", world.listing)


def test_has_object_right_refuses_a_deactivated_agent(world):
    world.agent.is_active = False
    world.agent.save()
    assert not has_object_right(world.agent, "actors.answer_pitches", world.listing)


def test_a_superuser_cannot_open_an_actors_pitch(superuser, world):
    pitch = world.send()
    response = _client(superuser).get(f"/pitches/{pitch.pk}/")
    assert response.status_code == 404


def test_a_superuser_opening_a_pitch_does_not_tell_the_studio_it_was_seen(superuser, world):
    pitch = world.send()
    _client(superuser).get(f"/pitches/{pitch.pk}/")
    pitch.refresh_from_db()
    assert pitch.viewed_at is None
    assert not Notification.objects.filter(kind="pitch_viewed").exists()


def test_a_superuser_cannot_decline_a_pitch_as_the_actor(superuser, world):
    pitch = world.send()
    with pytest.raises(DomainError, match="You cannot act on this pitch"):
        pitch_services.pitch_transition(pitch=pitch, action="decline", acting_user=superuser)
    assert Pitch.objects.get(pk=pitch.pk).status == "sent"


def test_a_superuser_cannot_write_on_a_pitch_thread(superuser, world):
    pitch = world.send()
    with pytest.raises(DomainError, match="You cannot write on this pitch"):
        pitch_services.pitch_message_post(pitch=pitch, acting_user=superuser, body="Hello")


def test_a_superuser_cannot_manage_another_actors_listing(superuser):
    listing = make_listing()
    assert _client(superuser).get(f"/listing/{listing.slug}/").status_code == 404


def test_a_superuser_cannot_pause_another_actors_listing(superuser):
    listing = make_listing()
    response = _client(superuser).post(f"/listing/{listing.slug}/status/pause/")
    assert response.status_code == 404
    assert Listing.objects.get(pk=listing.pk).status == "listed"


def test_a_superuser_cannot_invite_into_a_studio_they_are_not_in(superuser):
    studio = make_studio()
    assert _client(superuser).get(f"/studios/{studio.slug}/invite/").status_code == 404


def test_a_superuser_who_is_a_studio_owner_keeps_the_owners_rights(superuser):
    studio = make_studio(owner=superuser)
    assert _client(superuser).get(f"/studios/{studio.slug}/invite/").status_code == 200


def test_a_guardian_permission_row_still_grants_the_right(world):
    other = make_listing()
    assign_perm("actors.answer_pitches", world.agent, other)
    assert has_object_right(world.agent, "actors.answer_pitches", other)


# --- 2. staff powers on the site need a session that passed MFA ------------------------------


def test_staff_without_an_mfa_session_cannot_see_a_hidden_listing():
    listing = make_listing(status="draft", verified=False)
    client = _staff_client(mfa_session=False)
    assert client.get(f"/actors/{listing.slug}/").status_code == 404


def test_staff_with_an_mfa_session_see_a_hidden_listing():
    listing = make_listing(status="draft", verified=False)
    client = _staff_client(mfa_session=True)
    assert client.get(f"/actors/{listing.slug}/").status_code == 200


def test_staff_without_an_mfa_session_cannot_verify_a_listing():
    listing = make_listing(status="awaiting_verification", verified=False)
    client = _staff_client(mfa_session=False)
    response = client.post(f"/listing/{listing.slug}/status/verify/")
    assert response.status_code == 404
    assert Listing.objects.get(pk=listing.pk).verified_at is None


def test_staff_with_an_mfa_session_reach_the_verify_page():
    listing = make_listing(status="awaiting_verification", verified=False)
    client = _staff_client(mfa_session=True)
    assert client.get(f"/listing/{listing.slug}/status/verify/").status_code == 200


def test_staff_without_an_mfa_session_cannot_read_a_draft_brief():
    brief = make_brief(status="draft")
    client = _staff_client(mfa_session=False)
    assert client.get(f"/briefs/{brief.pk}/").status_code == 404


def test_staff_with_an_mfa_session_read_a_draft_brief():
    brief = make_brief(status="draft")
    client = _staff_client(mfa_session=True)
    assert client.get(f"/briefs/{brief.pk}/").status_code == 200


def test_staff_without_an_mfa_session_do_not_get_the_casting_calls_list():
    client = _staff_client(mfa_session=False)
    assert client.get("/briefs/").status_code == 404
