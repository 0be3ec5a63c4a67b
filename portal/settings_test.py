"""Test settings: the real settings, with what tests need swapped in."""

import os

os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-anything-else-0123456789")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")

from portal.settings import *  # noqa: F403
from portal.settings import DATABASES, VAR_DIR

# Tests run with production security on (DEBUG off) but over plain HTTP.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
CELERY_BROKER_TRANSPORT_OPTIONS = {}
LOG_JSON = False

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # In-memory test database: fast and isolated per xdist worker.
    DATABASES["default"]["NAME"] = ":memory:"
    DATABASES["default"]["OPTIONS"].pop("init_command", None)
MEDIA_ROOT = VAR_DIR / "test-media"

# A deterministic Ed25519 key, so receipts and checkpoints in tests never touch var/.
PORTAL_SIGNING_KEY = "cG9ydHJhaXQtdGVzdC1zaWduaW5nLWtleS0wMDAwMDE="
PORTAL_SIGNING_KEY_ID = "portrait-test-1"
PORTAL_LEDGER_ORIGIN = "portrait.test/ledger"
