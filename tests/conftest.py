"""Shared fixtures and helpers for every test. Import the helpers from here; never copy them.

- `make_user(email, roles=..., staff=..., verified=...)`: an account with a verified address.
- `client_for(user)`: a test client signed in as `user` (anonymous for None).
- `sign_in(client, email)`: a real sign-in through allauth's form.
- `admin_request(user, data)`: a request as the admin hands it to an action.
- `race(*calls)`: run calls at the same moment in threads, each on its own connection.
- `@pytest.mark.postgres` (or `needs_postgres`): skipped unless the database is PostgreSQL.
"""

import threading

import pgtrigger
import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import connection
from django.db.backends.base.operations import BaseDatabaseOperations
from django.test import Client, RequestFactory

from portal.exceptions import DomainError
from portal.models import Role, User, UserRole

PASSWORD = "correct horse battery staple 42"

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
needs_postgres = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="row-level concurrency and triggers are proven on PostgreSQL; SQLite serialises writers",
)


def pytest_collection_modifyitems(items):
    # `@pytest.mark.postgres` means the same as `@needs_postgres`.
    for item in items:
        if item.get_closest_marker("postgres") is not None:
            item.add_marker(needs_postgres)


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


def race(*calls) -> list[str]:
    """
    Start every call at the same moment, each in its own thread and so on its own database
    connection (use with `django_db(transaction=True)`). Returns the sorted outcomes: "ok", or
    the code of the DomainError a call raised. Any other exception fails the test.
    """
    barrier = threading.Barrier(len(calls))
    outcomes, crashes = [], []

    def run(call):
        try:
            barrier.wait()
            call()
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.code or "refused")
        except Exception as exc:  # reported to the test below, after every thread ends
            crashes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert crashes == []
    return sorted(outcomes)
