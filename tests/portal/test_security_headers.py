import re

import pytest

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)


def _assert_strict_csp(response):
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    nonce = re.search(r"'nonce-([^']+)'", policy)
    html = response.content.decode()
    for attrs in SCRIPT_TAG.findall(html):
        if 'type="application/json"' in attrs:
            continue  # data, never executed
        # Every executable script is either our own file or carries this response's nonce.
        assert 'src="/static/' in attrs or (nonce and f'nonce="{nonce.group(1)}"' in attrs), attrs
    assert not re.search(r"\sstyle=", html), "inline style attribute would be blocked"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler would be blocked"


@pytest.mark.parametrize(
    "url",
    ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/no-such-page/"],
)
def test_public_pages_carry_a_strict_csp(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    _assert_strict_csp(response)


@pytest.mark.parametrize(
    "url",
    [
        "/dashboard/",
        "/notifications/",
        "/account/roles/",
        "/accounts/email/",
        "/accounts/2fa/",
        "/accounts/sessions/",
        "/accounts/password/change/",
    ],
)
def test_signed_in_pages_carry_a_strict_csp(actor_client, url):
    response = actor_client.get(url)
    assert response.status_code == 200
    _assert_strict_csp(response)


def test_admin_pages_carry_a_strict_csp(client):
    from allauth.mfa.totp.internal.auth import TOTP

    from tests.conftest import make_user

    staff = make_user("ops@example.com", staff=True, is_superuser=True)
    TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(staff)
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "at": 0, "type": "totp"}]
    session["account_authentication_methods_user"] = str(staff.pk)
    session.save()
    for url in ["/admin/", "/admin/portal/user/", f"/admin/portal/user/{staff.pk}/change/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_strict_csp(response)


def test_error_pages_are_themed_and_keep_the_csp(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.text
    _assert_strict_csp(response)


def test_every_response_carries_a_request_id(client):
    response = client.get("/", HTTP_X_REQUEST_ID="abcDEF123456")
    assert response["X-Request-ID"] == "abcDEF123456"
    injected = client.get("/", HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert injected["X-Request-ID"] != "bad id\nwith newline"
    assert re.fullmatch(r"[0-9a-f]{32}", injected["X-Request-ID"])
