"""Shared fixtures and helpers for every test. Import the helpers from here; never copy them.

- `make_user(email, roles=..., staff=..., verified=...)`: an account with a verified address.
- `client_for(user)`: a test client signed in as `user` (anonymous for None).
- `sign_in(client, email)`: a real sign-in through allauth's form.
- `admin_request(user, data)`: a request as the admin hands it to an action.
"""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import Client, RequestFactory

from portal.models import Role, User, UserRole

PASSWORD = "correct horse battery staple 42"


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and TOTP replay marks live in the cache; each test starts clean.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def make_user(email="someone@example.com", *, roles=(), staff=False, verified=True, **extra):
    user = User.objects.create_user(email=email, password=PASSWORD, is_staff=staff, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    for role in roles:
        UserRole.objects.create(user=user, role=role)
    return user


@pytest.fixture
def actor(db):
    return make_user("actor@example.com", roles=[Role.ACTOR], display_name="Lin Xiaoyu")


@pytest.fixture
def creator(db):
    return make_user("creator@example.com", roles=[Role.CREATOR])


@pytest.fixture
def actor_client(actor):
    return client_for(actor)


def client_for(user=None) -> Client:
    """A test client signed in as `user`, or anonymous when `user` is None."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def sign_in(client, email, password=PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


def admin_request(user, data=None):
    """A request as the admin passes it to an action (the admin itself sits behind MFA)."""
    request = RequestFactory().post("/admin/", data or {})
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request
