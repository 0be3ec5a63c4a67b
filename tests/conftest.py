import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from portal.models import Role, User, UserRole

PASSWORD = "correct horse battery staple 42"


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and TOTP replay marks live in the cache; each test starts clean.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    # A test client request in Chinese leaves Chinese active in this thread (LocaleMiddleware
    # activates it, nothing deactivates it): the next test's messages would be in Chinese.
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


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
    client = Client()
    client.force_login(actor)
    return client


def sign_in(client, email, password=PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})
