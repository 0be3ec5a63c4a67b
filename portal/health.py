"""Dependency checks for /healthz: each answers "ok" or "unavailable", never why or where."""

import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)


def check_database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def check_cache() -> bool:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    ok = cache.get(key) == "1"
    cache.delete(key)
    return ok


def check_broker() -> bool:
    url = settings.CELERY_BROKER_URL
    if url.startswith("filesystem://"):
        folder = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
        folder.mkdir(parents=True, exist_ok=True)
        return folder.is_dir()
    if url.startswith("memory://"):
        return True
    from kombu import Connection

    with Connection(url, connect_timeout=1, transport_options={"socket_timeout": 1}) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
        return conn.connected


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


def check_all() -> dict[str, str]:
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = "ok" if check() else "unavailable"
        except Exception as exc:  # a health check reports, it never raises
            logger.warning("health check %s failed: %s", name, type(exc).__name__)
            results[name] = "unavailable"
    return results
