"""Staff read a brief in the admin as labels, not codes, with each role's scenes."""

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.test import Client

from tests.conftest import make_user, sign_in
from tests.creators.factories import make_brief

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def staff_client(language="en") -> Client:
    user = make_user("ops@example.com", staff=True, is_superuser=True)
    TOTP.activate(user, SECRET)
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    sign_in(client, "ops@example.com")
    code = format_hotp_value(hotp_value(SECRET, int(time.time()) // 30))
    client.post("/accounts/2fa/authenticate/", {"code": code})
    return client


@pytest.fixture
def brief_page():
    brief = make_brief(genre="historical", sensitive_content=["violence"], channels=["streaming"])
    return staff_client().get(f"/admin/creators/brief/{brief.pk}/change/").text


def test_the_admin_shows_the_genre_label_not_its_code(brief_page):
    assert "Historical" in brief_page


def test_the_admin_shows_sensitive_content_as_labels(brief_page):
    assert "&quot;violence&quot;" not in brief_page


def test_the_admin_shows_each_roles_scenes(brief_page):
    assert "Su Wan arrives at the station in the rain." in brief_page


def test_the_admin_counts_each_scenes_shots(brief_page):
    assert "3 shots" in brief_page


@pytest.mark.parametrize("english", ["Interests", "Authenticators", "User sessions"])
def test_the_chinese_admin_names_every_model_in_chinese(english):
    page = staff_client("zh-hans").get("/admin/").text
    assert f">{english}<" not in page
