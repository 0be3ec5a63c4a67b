"""
Security finding 4 (issue 13): changing the email address needs recent re-authentication, and
the old address is told before the change, with a link that stops it and secures the account.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.core import mail
from django.test import Client

from portal import account_security
from portal.exceptions import DomainError
from tests.conftest import PASSWORD, make_user, sign_in

pytestmark = pytest.mark.django_db

NEW = "thief@example.com"


@pytest.fixture
def owner():
    return make_user("owner@example.com")


def _stolen_session(user):
    """A session cookie taken from the owner: signed in, but no recent password check."""
    client = Client()
    client.force_login(user)
    return client


def _reauthenticated(user):
    client = Client()
    client.force_login(user)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    return client


def _add(client, email=NEW):
    return client.post("/accounts/email/", {"action_add": "", "email": email})


def _link(message, path):
    return re.search(rf"https?://[^/\s]+({path}[^\s]+/)", message.body).group(1)


def _sent_to(address):
    return [m for m in mail.outbox if m.to == [address]]


# --- re-authentication ----------------------------------------------------------------------


def test_a_stolen_session_cannot_add_an_address(owner):
    response = _add(_stolen_session(owner))
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert not EmailAddress.objects.filter(email=NEW).exists()


def test_after_re_authentication_an_address_can_be_added(owner):
    _add(_reauthenticated(owner))
    assert EmailAddress.objects.filter(email=NEW, user=owner, verified=False).exists()


def test_a_stolen_session_cannot_make_another_address_primary(owner):
    other = EmailAddress.objects.create(user=owner, email="second@example.com", verified=True)
    client = _stolen_session(owner)
    response = client.post("/accounts/email/", {"action_primary": "", "email": other.email})
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert EmailAddress.objects.get(email="owner@example.com").primary


def test_confirming_a_change_needs_a_recent_re_authentication(owner):
    _add(_reauthenticated(owner))
    link = _link(_sent_to(NEW)[0], "/accounts/confirm-email/")
    response = _stolen_session(owner).post(link)
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert not EmailAddress.objects.get(email=NEW).verified


def test_confirming_a_change_signed_out_asks_for_a_sign_in(owner):
    _add(_reauthenticated(owner))
    link = _link(_sent_to(NEW)[0], "/accounts/confirm-email/")
    response = Client().post(link)
    assert response["Location"].startswith("/accounts/login/")
    assert not EmailAddress.objects.get(email=NEW).verified


def test_the_owner_confirms_a_change_after_re_authenticating(owner):
    client = _reauthenticated(owner)
    _add(client)
    client.post(_link(_sent_to(NEW)[0], "/accounts/confirm-email/"))
    owner.refresh_from_db()
    assert owner.email == NEW


def test_confirming_a_sign_up_needs_no_re_authentication(client):
    client.post(
        "/accounts/signup/",
        {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    client.post(_link(mail.outbox[0], "/accounts/confirm-email/"))
    assert EmailAddress.objects.get(email="new@example.com").verified


# --- the old address is told before the change ----------------------------------------------


def test_the_old_address_is_told_when_an_address_is_added(owner):
    _add(_reauthenticated(owner))
    notices = _sent_to("owner@example.com")
    assert len(notices) == 1
    assert NEW in notices[0].body


def test_the_notice_arrives_before_the_change_is_confirmed(owner):
    _add(_reauthenticated(owner))
    assert _sent_to("owner@example.com")
    assert EmailAddress.objects.get(user=owner, primary=True).email == "owner@example.com"


def test_the_notice_carries_a_link_that_stops_the_change(owner):
    _add(_reauthenticated(owner))
    link = _link(_sent_to("owner@example.com")[0], "/account/email/stop/")
    assert Client().get(link).status_code == 200


def test_stopping_removes_the_pending_address(owner):
    _add(_reauthenticated(owner))
    link = _link(_sent_to("owner@example.com")[0], "/account/email/stop/")
    Client().post(link)
    assert not EmailAddress.objects.filter(email=NEW).exists()


def test_stopping_signs_out_every_session(owner):
    thief = Client()
    sign_in(thief, "owner@example.com")
    thief.post("/accounts/reauthenticate/", {"password": PASSWORD})
    _add(thief)
    link = _link(_sent_to("owner@example.com")[0], "/account/email/stop/")
    Client().post(link)
    assert thief.get("/dashboard/").status_code == 302
    assert not UserSession.objects.filter(user=owner).exists()


def test_stopping_turns_off_the_password_the_thief_knew(owner):
    _add(_reauthenticated(owner))
    Client().post(_link(_sent_to("owner@example.com")[0], "/account/email/stop/"))
    owner.refresh_from_db()
    assert not owner.has_usable_password()


def test_stopping_sends_the_owner_to_reset_the_password(owner):
    _add(_reauthenticated(owner))
    response = Client().post(_link(_sent_to("owner@example.com")[0], "/account/email/stop/"))
    assert response["Location"] == "/accounts/password/reset/"


def test_a_forged_stop_link_does_nothing(owner):
    _add(_reauthenticated(owner))
    response = Client().post("/account/email/stop/forged-token/")
    assert "expired or is not valid" in response.text
    assert EmailAddress.objects.filter(email=NEW).exists()


def test_a_stop_after_the_change_was_confirmed_is_refused(owner):
    client = _reauthenticated(owner)
    _add(client)
    stop = _link(_sent_to("owner@example.com")[0], "/account/email/stop/")
    client.post(_link(_sent_to(NEW)[0], "/accounts/confirm-email/"))
    token = stop.rstrip("/").rsplit("/", 1)[-1]
    with pytest.raises(DomainError, match="already confirmed"):
        account_security.email_change_stop(token=token)


def test_no_notice_when_the_account_had_no_verified_address():
    user = make_user("fresh@example.com", verified=False)
    address = EmailAddress.objects.create(user=user, email="other@example.com")
    assert not account_security.email_change_announce(email_address=address)
