import pgtrigger
import pytest
from allauth.account.models import EmailAddress
from django.db.backends.base.operations import BaseDatabaseOperations
from django.test import Client

from portal.models import Role, User, UserRole

PASSWORD = "correct horse battery staple 42"

# --- ledger (issue 8) ------------------------------------------------------------------------
# On PostgreSQL the ledger's tables refuse TRUNCATE; the flush that ends every transactional
# test truncates all tables, so it alone runs with pgtrigger's documented escape hatch.
_execute_sql_flush = BaseDatabaseOperations.execute_sql_flush


def _execute_sql_flush_past_ledger_triggers(self, sql_list):
    with pgtrigger.ignore():
        return _execute_sql_flush(self, sql_list)


BaseDatabaseOperations.execute_sql_flush = _execute_sql_flush_past_ledger_triggers


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
    client = Client()
    client.force_login(actor)
    return client


def sign_in(client, email, password=PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})
