import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client

from portal import hooks
from portal.auth import has_recent_login
from portal.models import AuditEvent, Notification, User
from tests.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def _reauthenticate(client):
    return client.post("/accounts/reauthenticate/", {"password": PASSWORD})


def test_deletion_page_requires_recent_reauthentication(actor_client):
    response = actor_client.get("/account/delete/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert "next=%2Faccount%2Fdelete%2F" in response["Location"]

    response = _reauthenticate(actor_client)
    assert response.status_code == 302
    page = actor_client.get("/account/delete/")
    assert page.status_code == 200
    assert "This cannot be undone" in page.text


def test_reauthentication_helper_tells_a_fresh_password_check_from_an_old_sign_in(
    actor_client, rf, actor
):
    from django.contrib.sessions.backends.db import SessionStore

    request = rf.get("/")
    request.user = actor
    request.session = SessionStore(actor_client.session.session_key)
    assert not has_recent_login(request)
    _reauthenticate(actor_client)
    request.session = SessionStore(actor_client.session.session_key)
    assert has_recent_login(request)


def test_deleting_needs_the_confirmation_box(actor_client, actor):
    _reauthenticate(actor_client)
    response = actor_client.post("/account/delete/", {})
    assert response.status_code == 200
    assert "Tick the box to confirm" in response.text
    actor.refresh_from_db()
    assert actor.is_active
    assert actor.deleted_at is None


def test_deleting_erases_personal_data_and_signs_out(actor_client, actor):
    TOTP.activate(actor, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    Notification.objects.create(recipient=actor, kind="welcome")
    _reauthenticate(actor_client)
    response = actor_client.post("/account/delete/", {"confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == "/"

    actor.refresh_from_db()
    assert not actor.is_active
    assert actor.deleted_at is not None
    assert "actor@example.com" not in actor.email
    assert actor.display_name == ""
    assert not actor.has_usable_password()
    assert not EmailAddress.objects.filter(user=actor).exists()
    assert not Authenticator.objects.filter(user=actor).exists()
    assert not Notification.objects.filter(recipient=actor).exists()
    assert not actor.role_set.exists()
    assert AuditEvent.objects.filter(action="user.deleted", target_id=str(actor.pk)).exists()
    # Signed out, and the old credentials open nothing.
    assert actor_client.get("/dashboard/").status_code == 302
    other = Client()
    response = sign_in(other, "actor@example.com")
    assert response.status_code == 200
    assert "_auth_user_id" not in other.session
    # The address is free for a new account.
    assert not User.objects.filter(email="actor@example.com").exists()


def test_deletion_runs_the_steps_later_apps_register_and_lists_them(actor_client, actor):
    calls = []

    def withdraw(*, user, acting_user):
        calls.append((user.pk, acting_user.pk))

    step = hooks.DeletionStep(run=withdraw, description="your listing is withdrawn")
    hooks.account_deletion_steps.append(step)
    try:
        _reauthenticate(actor_client)
        assert "your listing is withdrawn" in actor_client.get("/account/delete/").text
        actor_client.post("/account/delete/", {"confirm": "on"})
    finally:
        hooks.account_deletion_steps.remove(step)
    assert calls == [(actor.pk, actor.pk)]


def test_a_failing_deletion_step_leaves_the_account_untouched(actor_client, actor):
    def broken(*, user, acting_user):
        raise RuntimeError("listing service failed")

    step = hooks.DeletionStep(run=broken, description="x")
    hooks.account_deletion_steps.append(step)
    try:
        _reauthenticate(actor_client)
        with pytest.raises(RuntimeError):
            actor_client.post("/account/delete/", {"confirm": "on"})
    finally:
        hooks.account_deletion_steps.remove(step)
    actor.refresh_from_db()
    assert actor.is_active
    assert actor.email == "actor@example.com"
    assert EmailAddress.objects.filter(user=actor).exists()
