"""Races and real services: these need PostgreSQL and Redis and run in CI (.ci/run)."""

import os
import threading

import pytest
from django.core import mail
from django.db import connection
from kombu.exceptions import OperationalError

from portal import health, services
from portal.models import Notification
from tests.conftest import make_user, needs_postgres

needs_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="set REDIS_URL to test against a real Redis"
)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_for_one_notification_send_it_once():
    user = make_user("race@example.com")
    notification = Notification.objects.create(recipient=user, kind="welcome")
    barrier = threading.Barrier(4)
    results = []

    def worker():
        barrier.wait()
        try:
            results.append(services.notification_deliver(notification_id=notification.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, False, False, True]
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 1


@needs_redis
def test_healthz_broker_check_talks_to_a_real_redis(settings):
    settings.CELERY_BROKER_URL = os.environ["REDIS_URL"]
    assert health.check_broker() is True
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    with pytest.raises(OperationalError):
        health.check_broker()
    assert health.check_all()["broker"] == "unavailable"


@needs_redis
def test_the_shared_redis_cache_counts_across_processes(settings):
    from django.core.cache.backends.redis import RedisCache

    first = RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": "portrait-test"})
    second = RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": "portrait-test"})
    first.delete("attempts")
    first.add("attempts", 0, timeout=30)
    first.incr("attempts")
    second.incr("attempts")
    assert first.get("attempts") == 2
    first.delete("attempts")
