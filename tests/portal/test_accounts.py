import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from portal.models import Notification, Role, User, UserRole
from tests.conftest import PASSWORD, make_user, sign_in

pytestmark = pytest.mark.django_db


def _confirm_link(message):
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body).group(1)


def test_sign_up_requires_email_verification_before_sign_in(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.com"]
    assert not EmailAddress.objects.get(email="new@example.com").verified
    # Not verified yet: signing in again only re-sends the verification.
    assert client.get("/dashboard/").status_code == 302
    response = sign_in(client, "new@example.com")
    assert response["Location"] == "/accounts/confirm-email/"

    link = _confirm_link(mail.outbox[0])
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert EmailAddress.objects.get(email="new@example.com").verified
    # Signed in after confirming, and sent to choose a role.
    assert client.get("/dashboard/")["Location"] == "/onboarding/"


def test_sign_up_remembers_the_language_it_was_made_in(client):
    client.post(
        "/accounts/signup/",
        {"email": "zh@example.com", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert User.objects.get(email="zh@example.com").language == "zh-hans"


def test_sign_up_with_a_taken_email_is_refused_in_the_page(client, actor):
    response = client.post(
        "/accounts/signup/",
        {"email": "actor@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    # allauth's enumeration protection: same response as a fresh sign-up, no second account.
    assert User.objects.filter(email="actor@example.com").count() == 1
    assert response.status_code in (200, 302)


def test_onboarding_records_the_chosen_role_and_welcomes(
    client, django_capture_on_commit_callbacks
):
    user = make_user("fresh@example.com")
    client.force_login(user)
    assert client.get("/dashboard/")["Location"] == "/onboarding/"
    page = client.get("/onboarding/")
    assert "Actor" in page.text
    assert "Agent" in page.text
    assert "Creator" in page.text

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/onboarding/", {"role": Role.ACTOR})
    assert response["Location"] == "/dashboard/"
    assert set(UserRole.objects.filter(user=user).values_list("role", flat=True)) == {"actor"}
    welcome = Notification.objects.get(recipient=user)
    assert welcome.kind == "welcome"
    assert welcome.status == Notification.Status.SENT
    assert mail.outbox[-1].subject == "Welcome to Portrait"
    dashboard = client.get("/dashboard/")
    assert dashboard.status_code == 200
    assert "Turn on two-factor authentication" in dashboard.text


def test_onboarding_without_a_choice_says_what_is_missing(client):
    user = make_user("fresh@example.com")
    client.force_login(user)
    response = client.post("/onboarding/", {})
    assert response.status_code == 200
    assert "Choose a role to continue." in response.text
    assert not UserRole.objects.filter(user=user).exists()


def test_an_account_can_add_another_role_later_but_not_twice(actor_client, actor):
    page = actor_client.get("/account/roles/")
    assert 'value="actor"' not in page.text
    response = actor_client.post("/account/roles/", {"role": Role.CREATOR})
    assert response.status_code == 302
    assert set(actor.role_set.values_list("role", flat=True)) == {"actor", "creator"}
    assert Notification.objects.filter(recipient=actor, kind="role_added").exists()

    response = actor_client.post("/account/roles/", {"role": Role.ACTOR})
    assert response.status_code == 200
    assert actor.role_set.count() == 2


def test_role_pages_need_sign_in(client):
    for url in ["/onboarding/", "/account/roles/", "/dashboard/", "/notifications/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_repeated_failed_sign_ins_are_rate_limited(client, actor):
    for _ in range(5):
        response = sign_in(client, "actor@example.com", "wrong password")
        assert response.status_code == 200
        assert "The email address and/or password you specified are not correct." in response.text
    # Even the right password is refused while the limit holds.
    response = sign_in(client, "actor@example.com", PASSWORD)
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.text
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_reset_link_only_to_a_known_account(client, actor):
    client.post("/accounts/password/reset/", {"email": "actor@example.com"})
    client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    by_recipient = {m.to[0]: m.body for m in mail.outbox}
    assert "/accounts/password/reset/key/" in by_recipient["actor@example.com"]
    assert "/accounts/password/reset/key/" not in by_recipient.get("nobody@example.com", "")


LAPTOP_AGENT = "Mozilla/5.0 (Macintosh) Laptop-Browser/1.0"
PHONE_AGENT = "Mozilla/5.0 (iPhone) Phone-Browser/2.0"


def test_sessions_are_listed_for_their_owner_and_nobody_else(actor):
    from django.test import Client

    laptop = Client(HTTP_USER_AGENT=LAPTOP_AGENT)
    phone = Client(HTTP_USER_AGENT=PHONE_AGENT)
    stranger = Client(HTTP_USER_AGENT="Stranger-Browser/9.9")
    make_user("stranger@example.com")
    sign_in(laptop, "actor@example.com")
    sign_in(phone, "actor@example.com")
    sign_in(stranger, "stranger@example.com")

    page = laptop.get("/accounts/sessions/")

    assert page.status_code == 200
    assert LAPTOP_AGENT in page.text
    assert PHONE_AGENT in page.text
    assert "Stranger-Browser" not in page.text
    assert len(re.findall(r">\s*Current\s*<", page.text)) == 1  # only this device is marked
    assert "Sign Out Other Sessions" in page.text


def test_changing_email_takes_effect_only_once_the_new_address_is_verified(actor):
    # Changing the address needs a recent re-authentication (security finding 4, issue 13).
    from django.test import Client

    actor_client = Client()
    actor_client.force_login(actor)
    actor_client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    response = actor_client.post(
        "/accounts/email/", {"action_add": "", "email": "new-address@example.com"}
    )
    assert response.status_code == 302
    # The old address is told too (tests/portal/test_email_change_security.py), so the
    # confirmation is found by its recipient rather than its position.
    sent_to_new = [m for m in mail.outbox if m.to == ["new-address@example.com"]]
    assert len(sent_to_new) == 1
    actor.refresh_from_db()
    assert actor.email == "actor@example.com"  # unchanged until verified

    link = _confirm_link(sent_to_new[0])
    actor_client.post(link)
    actor.refresh_from_db()
    assert actor.email == "new-address@example.com"
    assert list(EmailAddress.objects.filter(user=actor).values_list("email", flat=True)) == [
        "new-address@example.com"
    ]


def test_a_user_can_end_their_other_sessions(actor):
    from allauth.usersessions.models import UserSession
    from django.test import Client

    laptop, phone = Client(), Client()
    sign_in(laptop, "actor@example.com")
    sign_in(phone, "actor@example.com", PASSWORD)
    assert UserSession.objects.filter(user=actor).count() == 2
    listing = laptop.get("/accounts/sessions/")
    assert listing.status_code == 200
    assert "Sign Out Other Sessions" in listing.text
    laptop.post("/accounts/sessions/", {"action": "logout"})
    assert UserSession.objects.filter(user=actor).count() == 1
    after = laptop.get("/accounts/sessions/")
    assert "Sign Out Other Sessions" not in after.text
    assert phone.get("/dashboard/").status_code == 302  # the phone was signed out
    assert laptop.get("/dashboard/").status_code == 200
