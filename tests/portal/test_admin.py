import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.test import Client

from tests.conftest import make_user, sign_in

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _code():
    return format_hotp_value(hotp_value(SECRET, int(time.time()) // 30))


@pytest.fixture
def staff_with_mfa():
    user = make_user("ops@example.com", staff=True, is_superuser=True)
    TOTP.activate(user, SECRET)
    return user


def test_anonymous_admin_visitors_are_sent_to_the_allauth_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    login = client.get(response["Location"], follow=True)
    assert login.redirect_chain[-1][0].startswith("/accounts/login/")


def test_a_signed_in_non_staff_user_is_refused_the_admin(actor_client):
    response = actor_client.get("/admin/login/")
    assert response.status_code == 403
    assert actor_client.get("/admin/", follow=True).status_code == 403


def test_staff_without_mfa_must_enable_it_before_using_the_admin(client):
    staff = make_user("ops@example.com", staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/2fa/"
    assert "Staff must turn on two-factor authentication" in response.text


def test_staff_session_that_skipped_mfa_is_asked_for_the_second_factor(client, staff_with_mfa):
    client.force_login(staff_with_mfa)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/2fa/reauthenticate/")


def test_staff_who_sign_in_with_password_and_totp_reach_the_admin(staff_with_mfa):
    client = Client()
    response = sign_in(client, "ops@example.com")
    assert response["Location"] == "/accounts/2fa/authenticate/"
    response = client.post("/accounts/2fa/authenticate/", {"code": _code()})
    assert response.status_code == 302
    admin = client.get("/admin/")
    assert admin.status_code == 200
    assert "Portrait staff" in admin.text


def test_admin_sign_in_shares_allauths_rate_limit(client, staff_with_mfa):
    for _ in range(5):
        sign_in(client, "ops@example.com", "wrong")
    response = sign_in(client, "ops@example.com")
    assert "Too many failed login attempts" in response.text
    assert client.get("/admin/").status_code == 302
