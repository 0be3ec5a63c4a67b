"""
Portrait settings: one module, read from the environment.

With no environment at all the portal runs embedded (SQLite, Celery's filesystem transport, file
cache, file email, local media, all under ``var/``). Production is switched on by environment
variables alone (see ``.env.example``) and checked with ``manage.py check --deploy``.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# =============================================================================
# CORE
# =============================================================================
DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "insecure-dev-key-only-for-DJANGO_DEBUG=1-never-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("PORTAL_SITE_URL", "http://localhost:8000").rstrip("/")

INSTALLED_APPS = [
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "guardian",
    "django_htmx",
    "portal",
    "actors",
    "creators",
    "consent",
]

MIDDLEWARE = [
    "portal.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
AUTH_USER_MODEL = "portal.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    }
]

# =============================================================================
# DATABASE
# https://docs.djangoproject.com/en/6.1/ref/databases/#sqlite-notes
# SQLite runs in WAL mode with IMMEDIATE transactions so the web server and the worker can
# write at the same time without "database is locked"; PostgreSQL keeps connections open
# (CONN_MAX_AGE) because a new connection per request costs about five times the throughput.
# =============================================================================
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# =============================================================================
# CACHE
# One cache shared by every process: allauth's rate limits count here, so per-process memory
# would let an attacker multiply the limit by the number of gunicorn workers.
# =============================================================================
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# =============================================================================
# AUTHENTICATION (django-allauth, django-guardian)
# https://docs.allauth.org/en/latest/account/configuration.html
# =============================================================================
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Portrait] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    # Portrait's own public forms, counted by the same engine and cache.
    "register_claim": "5/h/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Portrait"
# One 30-second step either side: a phone whose clock is slightly off still signs staff in.
# https://docs.allauth.org/en/latest/mfa/configuration.html
MFA_TOTP_TOLERANCE = 1
# A reused code is told apart from a wrong one (portal/forms_mfa.py).
MFA_FORMS = {
    "authenticate": "portal.forms_mfa.PortalAuthenticateForm",
    "reauthenticate": "portal.forms_mfa.PortalReauthenticateForm",
}
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
# Activity tracking would re-save the session row on every request (4 queries); sessions are
# still recorded at sign-in, listed and revocable without it.
USERSESSIONS_TRACK_ACTIVITY = False

# guardian's anonymous user needs a username field; Portrait users have none, and nothing is
# ever granted to anonymous visitors, so it is switched off.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# =============================================================================
# INTERNATIONALISATION
# https://docs.djangoproject.com/en/6.1/topics/i18n/translation/
# =============================================================================
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# =============================================================================
# STATIC FILES AND MEDIA
# https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html
# Media go to S3 when AWS_STORAGE_BUCKET_NAME is set; otherwise to var/media (public) and
# var/private (never served by URL) on this machine.
# =============================================================================
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
WHITENOISE_USE_FINDERS = DEBUG

PRIVATE_MEDIA_ROOT = VAR_DIR / "private"
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")


def _s3_storage(location: str, expire: int) -> dict:
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "location": location,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": expire,
            "file_overwrite": False,
            # SigV4 signs every query parameter, the expiry included; botocore would otherwise
            # presign in the legacy SigV2 form in us-east-1.
            "signature_version": "s3v4",
        },
    }


if AWS_STORAGE_BUCKET_NAME:
    # Both prefixes are private in the bucket; public media get hour-long presigned URLs,
    # private media (likeness data, identity documents) 60-second ones, minted per request.
    _media_storage = _s3_storage("public", 3600)
    _private_storage = _s3_storage("private", 60)
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    # Outside MEDIA_ROOT and with no URL: reachable only through views that check permission.
    _private_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    }
# Production behind nginx: private files are handed over with X-Accel-Redirect to this
# internal location (nginx: `location /protected/ { internal; alias <PRIVATE_MEDIA_ROOT>/; }`).
PORTAL_X_ACCEL_PREFIX = os.environ.get("PORTAL_X_ACCEL_PREFIX", "")

# --- trust pages (issue 12) ----------------------------------------------------------------------
# Where people write about privacy, misuse and everything else; shown on /contact/, /privacy/
# and /report/. The operator of each deployment sets its own.
PORTAL_CONTACT_EMAIL = os.environ.get("PORTAL_CONTACT_EMAIL", "contact@portrait.example")
STORAGES = {
    "default": _media_storage,
    "private": _private_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# =============================================================================
# EMAIL
# https://docs.djangoproject.com/en/6.1/topics/email/
# Django 6.1 MAILERS replaces the EMAIL_* settings: once it is set, reading EMAIL_BACKEND
# raises. Embedded default: each message is written to a file under var/mail.
# =============================================================================
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Portrait <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
        }
    }

# =============================================================================
# CELERY
# https://docs.celeryq.dev/en/stable/userguide/configuration.html
# Embedded default: kombu's filesystem transport (one folder in and out), so a fresh machine
# needs no broker. Requests never wait on the broker: publishing gives up fast, and anything
# that must happen is an outbox row the beat sweep picks up anyway.
# =============================================================================
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or REDIS_URL or "filesystem://"
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "celery" / "queue"
    # kombu lists these folders before it creates anything: they must exist for every process.
    for _folder in (_queue_dir, VAR_DIR / "celery" / "processed"):
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2}
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celery" / "beat-schedule")
# Static schedule: django-celery-beat has no release for Django 6.1.
CELERY_BEAT_SCHEDULE = {
    "notifications-deliver-pending": {
        "task": "portal.tasks.notifications_deliver_pending",
        "schedule": 30.0,
    },
    "pitches-expire-due": {"task": "creators.tasks.pitches_expire_due", "schedule": 300.0},
    "saved-search-alerts": {"task": "creators.tasks.saved_search_alerts", "schedule": 3600.0},
}
# Portrait's limits on creators, overridable per deployment.
PORTAL_PITCHES_PER_STUDIO_PER_DAY = int(os.environ.get("PORTAL_PITCHES_PER_STUDIO_PER_DAY", "20"))
PORTAL_PITCH_ANSWER_DAYS = int(os.environ.get("PORTAL_PITCH_ANSWER_DAYS", "14"))

# =============================================================================
# SECURITY
# https://docs.djangoproject.com/en/6.1/ref/csp/
# A strict Content Security Policy everywhere, admin included: no inline script or style,
# scripts only from our origin or carrying the per-request nonce.
# =============================================================================
_media_origins = []
if AWS_STORAGE_BUCKET_NAME:
    # Presigned media URLs point at the bucket's own host.
    _media_origins = [os.environ.get("AWS_S3_ENDPOINT_URL") or "https://*.amazonaws.com"]
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", *_media_origins],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# =============================================================================
# PORTAL
# =============================================================================
PORTAL_NOTIFICATION_MAX_ATTEMPTS = 6
# A claim older than this is taken to belong to a worker that died mid-send.
PORTAL_NOTIFICATION_STALE_CLAIM_SECONDS = 15 * 60
PORTAL_DEMO_PASSWORD = "portrait-demo"  # noqa: S105 (public demo password, DEBUG only)
PORTAL_DEMO_TOTP_SECRET = "PORTRAITDEMOSTAFFTOTPSECRETKEY22"  # noqa: S105

# =============================================================================
# LOGGING
# JSON lines in production, each with the request id; readable lines in development. Nothing
# here logs request bodies, cookies or headers: passwords, tokens and personal data stay out.
# =============================================================================
LOG_JSON = env_bool("PORTAL_LOG_JSON", not DEBUG)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.logs.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_JSON else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.security.DisallowedHost": {"level": "ERROR"},
    },
}
