"""
Security finding 3 (issue 13): a staff account's first second factor cannot be enrolled with the
password alone; it needs a link emailed to the verified address, opened in the same account.
"""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from django.test import Client

from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

ENROL_PATHS = [
    "/accounts/2fa/totp/activate/",
    "/accounts/2fa/webauthn/add/",
    "/accounts/2fa/recovery-codes/generate/",
]


@pytest.fixture
def staff():
    return make_user("ops@example.com", staff=True)


def _password_only(user):
    """Someone who knows the password: signed in and re-authenticated, nothing more."""
    client = Client()
    client.force_login(user)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    return client


def _enrol_link():
    return re.search(r"https?://[^/\s]+(/account/staff-mfa/[^\s]+/)", mail.outbox[-1].body).group(1)


@pytest.mark.parametrize("path", ENROL_PATHS)
def test_staff_with_the_password_alone_cannot_open_an_enrolment_page(staff, path):
    response = _password_only(staff).get(path)
    assert response["Location"] == "/account/staff-mfa/"


def test_staff_with_the_password_alone_cannot_activate_totp(staff):
    client = _password_only(staff)
    client.post("/accounts/2fa/totp/activate/", {"code": "123456"})
    assert not Authenticator.objects.filter(user=staff).exists()


def test_the_enrolment_link_goes_to_the_verified_address(staff):
    _password_only(staff).post("/account/staff-mfa/")
    assert mail.outbox[-1].to == ["ops@example.com"]


def test_opening_the_link_in_the_staff_session_opens_enrolment(staff):
    client = _password_only(staff)
    client.post("/account/staff-mfa/")
    assert client.get(_enrol_link())["Location"] == "/accounts/2fa/totp/activate/"
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200


def test_the_link_does_not_open_enrolment_in_another_accounts_session(staff):
    _password_only(staff).post("/account/staff-mfa/")
    other = _password_only(make_user("other-ops@example.com", staff=True))
    other.get(_enrol_link())
    assert other.get("/accounts/2fa/totp/activate/")["Location"] == "/account/staff-mfa/"


def test_a_session_that_never_opened_the_link_stays_locked_out(staff):
    owner = _password_only(staff)
    owner.post("/account/staff-mfa/")
    owner.get(_enrol_link())
    attacker = _password_only(staff)
    assert attacker.get("/accounts/2fa/totp/activate/")["Location"] == "/account/staff-mfa/"


def test_a_forged_link_opens_nothing(staff):
    client = _password_only(staff)
    client.get("/account/staff-mfa/forged/")
    assert client.get("/accounts/2fa/totp/activate/")["Location"] == "/account/staff-mfa/"


def test_an_expired_link_opens_nothing(staff, settings):
    client = _password_only(staff)
    client.post("/account/staff-mfa/")
    settings.PORTAL_STAFF_MFA_ENROL_MINUTES = -1
    client.get(_enrol_link())
    assert client.get("/accounts/2fa/totp/activate/")["Location"] == "/account/staff-mfa/"


def test_non_staff_enrol_with_their_password_as_before():
    user = make_user("actor@example.com")
    assert _password_only(user).get("/accounts/2fa/totp/activate/").status_code == 200


def test_staff_who_have_a_factor_add_another_without_the_link(staff):
    TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    assert _password_only(staff).get("/accounts/2fa/webauthn/add/").status_code == 200


def test_staff_without_a_factor_reach_no_staff_power(staff):
    from tests.actors.factories import make_listing

    listing = make_listing(status="draft", verified=False)
    client = _password_only(staff)
    assert client.get(f"/actors/{listing.slug}/").status_code == 404
    assert client.get("/admin/").status_code == 302
