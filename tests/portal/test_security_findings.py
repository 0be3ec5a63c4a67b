"""
Security findings 8 and 10 (issue 13): over-limit bodies, response headers and private caching,
rate limits behind a proxy, and failed sign-ins that slow the attacker without locking out the
owner.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.conftest import make_user, sign_in

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


class _Exploding:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


# --- 8. request bodies over the limit -------------------------------------------------------


def test_an_over_limit_body_is_refused_with_413(client, settings):
    settings.PORTAL_MAX_REQUEST_BYTES = 1000
    response = client.post("/listing/", data="x" * 1001, content_type="text/plain")
    assert response.status_code == 413


def test_an_over_limit_body_is_refused_before_anything_reads_it(settings):
    settings.PORTAL_MAX_REQUEST_BYTES = 1000
    response = Client().generic(
        "POST",
        "/accounts/login/",
        data=b"",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH="200000000",
        **{"wsgi.input": _Exploding()},
    )
    assert response.status_code == 413


def test_a_body_within_the_limit_goes_through(client, settings):
    settings.PORTAL_MAX_REQUEST_BYTES = 1000
    response = client.post("/accounts/login/", {"login": "a@example.com", "password": "x"})
    assert response.status_code == 200


def test_the_413_page_explains_the_limit_in_english(client, settings):
    settings.PORTAL_MAX_REQUEST_BYTES = 2 * 1024 * 1024
    response = client.post("/listing/", data="x" * (3 * 1024 * 1024), content_type="text/plain")
    assert "larger than Portrait accepts (2 MB at most)" in response.text


def test_the_413_page_explains_the_limit_in_chinese(client, settings):
    settings.PORTAL_MAX_REQUEST_BYTES = 2 * 1024 * 1024
    response = client.post(
        "/listing/",
        data="x" * (3 * 1024 * 1024),
        content_type="text/plain",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert "2 MB" in response.text
    assert "文件太大" in response.text


def test_the_413_response_closes_the_connection(client, settings):
    settings.PORTAL_MAX_REQUEST_BYTES = 10
    response = client.post("/listing/", data="x" * 11, content_type="text/plain")
    assert response["Connection"] == "close"


# --- 10. headers and private caching --------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/actors/", "/accounts/login/", "/healthz"])
def test_every_response_sends_a_permissions_policy(client, path):
    response = client.get(path)
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("path", ["/", "/actors/", "/accounts/login/", "/no-such-page/"])
def test_every_response_sends_a_same_origin_resource_policy(client, path):
    assert client.get(path)["Cross-Origin-Resource-Policy"] == "same-origin"


def test_the_413_response_carries_the_headers_too(client, settings):
    settings.PORTAL_MAX_REQUEST_BYTES = 10
    response = client.post("/listing/", data="x" * 11, content_type="text/plain")
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


@pytest.mark.parametrize("path", ["/dashboard/", "/notifications/", "/listing/", "/actors/"])
def test_pages_for_a_signed_in_user_are_never_stored(actor_client, path):
    response = actor_client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_private_pages_are_marked_private(actor_client):
    assert "private" in actor_client.get("/dashboard/")["Cache-Control"]


def test_public_pages_for_visitors_may_be_cached(client):
    assert not client.get("/actors/").has_header("Cache-Control")


# --- 10. rate limits behind a proxy ---------------------------------------------------------


def _fail_sign_ins(client, n, *, xff=None, email=None):
    extra = {"HTTP_X_FORWARDED_FOR": xff} if xff else {}
    for i in range(n):
        client.post(
            "/accounts/login/",
            {"login": email or f"nobody{i}@example.com", "password": "wrong"},
            **extra,
        )


def test_behind_a_trusted_proxy_limits_count_the_client_not_the_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    client = Client(REMOTE_ADDR="10.0.0.1")  # the proxy
    _fail_sign_ins(client, 10, xff="203.0.113.7")
    response = client.post(
        "/accounts/login/",
        {"login": "someone@example.com", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert "Too many failed login attempts" not in response.text


def test_behind_a_trusted_proxy_the_noisy_client_is_still_limited(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    client = Client(REMOTE_ADDR="10.0.0.1")
    _fail_sign_ins(client, 10, xff="203.0.113.7")
    response = client.post(
        "/accounts/login/",
        {"login": "someone@example.com", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert "Too many failed login attempts" in response.text


def test_a_forged_forwarded_for_is_ignored_when_no_proxy_is_trusted(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    client = Client(REMOTE_ADDR="203.0.113.7")
    _fail_sign_ins(client, 10, xff="198.51.100.1")
    response = client.post(
        "/accounts/login/",
        {"login": "someone@example.com", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert "Too many failed login attempts" in response.text


def _settings_value(tmp_path, name, **env):
    """A setting as a freshly started process reads it from the environment."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"from django.conf import settings; print(repr(settings.{name}))",
        ],
        cwd=ROOT,
        env={
            "PATH": os.environ.get("PATH", ""),
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DJANGO_DEBUG": "1",
            "PORTAL_VAR_DIR": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_trusted_proxy_count_is_read_from_the_environment(tmp_path):
    value = _settings_value(tmp_path, "ALLAUTH_TRUSTED_PROXY_COUNT", PORTAL_TRUSTED_PROXY_COUNT="2")
    assert value == "2"


def test_no_proxy_is_trusted_unless_configured(tmp_path):
    assert _settings_value(tmp_path, "ALLAUTH_TRUSTED_PROXY_COUNT") == "0"


def test_the_trusted_client_ip_header_is_read_from_the_environment(tmp_path):
    value = _settings_value(
        tmp_path, "ALLAUTH_TRUSTED_CLIENT_IP_HEADER", PORTAL_TRUSTED_CLIENT_IP_HEADER="X-Real-IP"
    )
    assert value == "'X-Real-IP'"


def test_the_request_limit_is_read_from_the_environment(tmp_path):
    value = _settings_value(tmp_path, "PORTAL_MAX_REQUEST_BYTES", PORTAL_MAX_REQUEST_BYTES="1234")
    assert value == "1234"


# --- 10. failed sign-ins slow the attacker without locking out the owner ---------------------


def test_wrong_passwords_from_elsewhere_do_not_lock_out_the_owner():
    make_user("owner@example.com")
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    _fail_sign_ins(attacker, 6, email="owner@example.com")
    owner = Client(REMOTE_ADDR="198.51.100.9")
    response = sign_in(owner, "owner@example.com")
    assert response.status_code == 302


def test_the_attacker_is_stopped_on_that_account_even_with_the_right_password():
    make_user("owner@example.com")
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    _fail_sign_ins(attacker, 5, email="owner@example.com")
    response = sign_in(attacker, "owner@example.com")
    assert "Too many failed login attempts" in response.text
