"""allauth's emails carry Portrait's name and look, in the recipient's language."""

import pytest
from django.core import mail
from django.test import Client

from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def reset_email(client: Client, email: str):
    client.post("/accounts/password/reset/", {"email": email})
    return mail.outbox[-1]


@pytest.fixture
def chinese_user():
    return make_user("zh@example.com", language="zh-hans")


def test_a_password_reset_email_never_says_hello_from_a_host(db):
    make_user("en@example.com")
    message = reset_email(Client(), "en@example.com")
    assert "Hello from" not in message.body


def test_a_password_reset_email_is_signed_by_portrait(db, settings):
    make_user("en@example.com")
    message = reset_email(Client(), "en@example.com")
    assert settings.SITE_URL in message.body


def test_a_password_reset_email_has_a_branded_html_part(db):
    make_user("en@example.com")
    message = reset_email(Client(), "en@example.com")
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "◐ Portrait" in html


def test_the_email_follows_the_recipients_language_not_the_pages(chinese_user):
    message = reset_email(Client(HTTP_ACCEPT_LANGUAGE="en"), "zh@example.com")
    assert "您好" in message.body


def test_the_subject_follows_the_recipients_language(chinese_user):
    message = reset_email(Client(HTTP_ACCEPT_LANGUAGE="en"), "zh@example.com")
    assert "密码" in message.subject
