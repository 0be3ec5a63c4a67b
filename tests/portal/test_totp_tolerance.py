"""Staff second factor: a code one step off is accepted; a reused code is told apart."""

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.test import Client

from tests.conftest import make_user, sign_in

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def code(steps_off: int = 0) -> str:
    return format_hotp_value(hotp_value(SECRET, int(time.time()) // 30 + steps_off))


@pytest.fixture
def staff_client():
    user = make_user("ops@example.com", staff=True, is_superuser=True)
    TOTP.activate(user, SECRET)
    client = Client()
    sign_in(client, "ops@example.com")
    return client


@pytest.mark.parametrize("steps_off", [-1, 1])
def test_a_code_one_time_step_off_is_let_in(staff_client, steps_off):
    response = staff_client.post("/accounts/2fa/authenticate/", {"code": code(steps_off)})
    assert response.status_code == 302


def test_a_code_three_steps_off_is_refused(staff_client):
    response = staff_client.post("/accounts/2fa/authenticate/", {"code": code(3)})
    assert response.status_code == 200


def test_a_wrong_code_is_called_incorrect(staff_client):
    wrong = f"{(int(code()) + 1) % 1_000_000:06d}"
    response = staff_client.post("/accounts/2fa/authenticate/", {"code": wrong})
    assert "Incorrect code." in response.text


def test_a_reused_code_says_to_wait_for_the_next_one(staff_client):
    used = code()
    staff_client.post("/accounts/2fa/authenticate/", {"code": used})
    again = Client()
    sign_in(again, "ops@example.com")
    response = again.post("/accounts/2fa/authenticate/", {"code": used})
    assert "That code has just been used" in response.text
