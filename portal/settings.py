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
    # Append-only ledger tables: UPDATE/DELETE/TRUNCATE refused by triggers (PostgreSQL).
    "pgtrigger",
    "portal",
    "actors",
    "creators",
    "consent",
]

MIDDLEWARE = [
    "portal.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Security findings 8 and 10 (issue 13): an over-limit body is refused before anything
    # reads it; every response gets the privacy headers (outermost of what sees the user).
    "portal.middleware.PrivacyHeadersMiddleware",
    "portal.middleware.RequestSizeLimitMiddleware",
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
# Adding, removing or making primary an email address (and changing the password) asks for the
# password or a second factor again when the last check is older than the timeout: a stolen
# session alone cannot take the account (security finding 4, issue 13).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Portrait] "
ACCOUNT_RATE_LIMITS = {
    # The key is the client address and the account together (portal.adapters): an attacker
    # is slowed on the accounts they try, while the owner, elsewhere, still signs in.
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    # Portrait's own public forms, counted by the same engine and cache.
    "register_claim": "5/h/ip",
    # Inviting a guardian may email an address with no account: keep it from being a spam relay.
    "guardian_invite": "10/h/user",
}
# Behind a reverse proxy every request comes from the proxy's address: without this, rate limits
# would count the proxy (one attacker locks out everyone) or trust a forged X-Forwarded-For.
# Set PORTAL_TRUSTED_PROXY_COUNT to the number of proxies that append to X-Forwarded-For (the
# client is the address that many places from the right), or PORTAL_TRUSTED_CLIENT_IP_HEADER
# to a header the proxy sets and clients cannot (e.g. X-Real-IP).
# https://docs.allauth.org/en/latest/common/configuration.html
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("PORTAL_TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("PORTAL_TRUSTED_CLIENT_IP_HEADER") or None
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
    # The control folder (exchange tables) defaults to ./control, relative to the working
    # directory: keep it under var/ with the rest of the broker's state.
    for _folder in (_queue_dir, VAR_DIR / "celery" / "processed", VAR_DIR / "celery" / "control"):
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "control_folder": str(VAR_DIR / "celery" / "control"),
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
# consent, shots: the clock decides expiry on every request; these only record it and notify.
CELERY_BEAT_SCHEDULE.update(
    {
        "shots-expire-due": {"task": "consent.tasks.shots_expire_due", "schedule": 300.0},
        "shots-remind-due": {"task": "consent.tasks.shots_remind_due", "schedule": 1800.0},
    }
)
# Portrait's limits on creators, overridable per deployment.
PORTAL_PITCHES_PER_STUDIO_PER_DAY = int(os.environ.get("PORTAL_PITCHES_PER_STUDIO_PER_DAY", "20"))
PORTAL_PITCH_ANSWER_DAYS = int(os.environ.get("PORTAL_PITCH_ANSWER_DAYS", "14"))
# A pitch thread is a conversation, not a channel for floods: each sender writes at most this
# many messages per thread in the window, and a recipient hears of a busy thread once until
# they read it (or once per quiet period).
PORTAL_PITCH_MESSAGES_PER_WINDOW = 10
PORTAL_PITCH_MESSAGE_WINDOW_MINUTES = 10
PORTAL_PITCH_NOTICE_QUIET_MINUTES = 60

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
# Requests whose declared body is larger are refused with 413 before anything reads them
# (uploads are at most PORTAL_UPLOAD_MAX_BYTES, 20 MB, plus the form around them). Keep the
# proxy's limit (nginx client_max_body_size) at or below this.
# A staff account's first second factor is enrolled only after opening a link emailed to its
# verified address; the link, and the enrolment window it opens, last this long.
PORTAL_STAFF_MFA_ENROL_MINUTES = 15
PORTAL_MAX_REQUEST_BYTES = int(os.environ.get("PORTAL_MAX_REQUEST_BYTES", str(25 * 1024 * 1024)))
PORTAL_NOTIFICATION_MAX_ATTEMPTS = 6
# A claim older than this is taken to belong to a worker that died mid-send.
PORTAL_NOTIFICATION_STALE_CLAIM_SECONDS = 15 * 60
PORTAL_DEMO_PASSWORD = "portrait-demo"  # noqa: S105 (public demo password, DEBUG only)
PORTAL_DEMO_TOTP_SECRET = "PORTRAITDEMOSTAFFTOTPSECRETKEY22"  # noqa: S105

# =============================================================================
# LEDGER, CHECKPOINTS AND RECEIPTS (issue 8)
# https://c2sp.org/tlog-checkpoint  https://c2sp.org/signed-note
# Receipts and checkpoints are signed with Ed25519. Production gives the key in the environment
# (PEM or base64 seed) with its id; the embedded default generates var/signing-key.pem once.
# Rotating: set a new key and id; keys that signed before stay published (stored in the
# database the first time they sign, or listed in PORTAL_RETIRED_PUBLIC_KEYS as id:base64).
# =============================================================================
PORTAL_SIGNING_KEY = os.environ.get("PORTAL_SIGNING_KEY", "")
PORTAL_SIGNING_KEY_ID = os.environ.get("PORTAL_SIGNING_KEY_ID", "")
PORTAL_RETIRED_PUBLIC_KEYS = env_list("PORTAL_RETIRED_PUBLIC_KEYS")
PORTAL_KEY_FILE = VAR_DIR / "signing-key.pem"
# The checkpoint origin (first line of every signed checkpoint, and the note key name).
PORTAL_LEDGER_ORIGIN = os.environ.get("PORTAL_LEDGER_ORIGIN", "") or (
    SITE_URL.split("://", 1)[-1] + "/ledger"
)
# Pasted or uploaded receipts on /verify/ are refused above this size.
PORTAL_RECEIPT_UPLOAD_MAX_BYTES = 256 * 1024
# Consent (issue 7): record grant expiry and lapse; attestation reminders and staff cases.
CELERY_BEAT_SCHEDULE["grants-record-clock"] = {
    "task": "consent.tasks.grants_record_clock",
    "schedule": 60.0,
}
CELERY_BEAT_SCHEDULE["attestations-follow-up"] = {
    "task": "consent.tasks.attestations_follow_up",
    "schedule": 3600.0,
}
CELERY_BEAT_SCHEDULE["ledger-checkpoint"] = {
    "task": "portal.tasks.ledger_checkpoint",
    "schedule": 600.0,
}

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
