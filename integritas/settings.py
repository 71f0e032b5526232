"""Settings for Integritas, driven by environment variables (see README)."""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "false")
TESTING = envbool("INTEGRITAS_TESTING", "false") or "pytest" in sys.modules

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-development-key-only-for-debug-and-tests"
    elif os.environ.get("INTEGRITAS_OFFLINE_COMMAND") == "1":
        SECRET_KEY = "offline-command-signs-nothing"  # noqa: S105 - see integritas.cli
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off: export SECRET_KEY=<a long random string> "
            "(or DEBUG=true on a development machine)."
        )

# The key of the audit chain's HMAC (audit/chain.py). It lives outside the database, so whoever
# can write to the database still cannot rewrite the trail; see README "Production".
AUDIT_KEY = os.environ.get("AUDIT_KEY", "")
# Keys used before a rotation, comma-separated: the older chain segments stay verifiable.
AUDIT_PREVIOUS_KEYS = envlist("AUDIT_PREVIOUS_KEYS", "")
if not AUDIT_KEY:
    if DEBUG or TESTING:
        AUDIT_KEY = "development-audit-key:" + SECRET_KEY
    elif os.environ.get("INTEGRITAS_OFFLINE_COMMAND") == "1":
        AUDIT_KEY = "offline-command-writes-no-audit"
    else:
        raise ImproperlyConfigured(
            "AUDIT_KEY must be set when DEBUG is off: export AUDIT_KEY=<at least 32 random "
            "characters>, kept outside the database (see README, Production)."
        )
elif len(AUDIT_KEY) < 32 and not (DEBUG or TESTING):
    raise ImproperlyConfigured(
        "AUDIT_KEY is too short: use at least 32 random characters "
        '(e.g. python3 -c "import secrets; print(secrets.token_urlsafe(48))").'
    )

DATA_DIR = Path(os.environ.get("INTEGRITAS_DATA_DIR", PROJECT_DIR / "var"))
if TESTING and "INTEGRITAS_PRIVATE_MEDIA" not in os.environ:
    os.environ["INTEGRITAS_PRIVATE_MEDIA"] = str(DATA_DIR / "test-private")
PRIVATE_MEDIA_ROOT = Path(os.environ.get("INTEGRITAS_PRIVATE_MEDIA", DATA_DIR / "private"))

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "bootstrap",
    "integritas.common",
    "integritas.audit",
    "integritas.organization",
    "integritas.accounts",
    "integritas.commitment",
    "integritas.evaluation",
    "integritas.surveys",
    "integritas.planning",
    "integritas.predicates",
    "integritas.complaints",
    "integritas.documents",
    "integritas.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "integritas.common.middleware.hide_static_manifest",
    "integritas.common.middleware.content_security_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "integritas.common.middleware.reject_nul_characters",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "integritas.common.middleware.explain_method_not_allowed",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "integritas.accounts.middleware.require_own_password",
]

ROOT_URLCONF = "integritas.urls"
WSGI_APPLICATION = "integritas.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "integritas.accounts.context_processors.navigation",
                "integritas.common.context_processors.csp_nonce",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'integritas.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", "60"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Operational rule (no Pasal): wrong passwords lock one address for one account
# (accounts/lockout.py); the account itself is only slowed down for other addresses.
LOGIN_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", "5")
LOGIN_LOCKOUT_MINUTES = envint("LOGIN_LOCKOUT_MINUTES", "15")
LOGIN_SLOWDOWN_MAX_SECONDS = envint("LOGIN_SLOWDOWN_MAX_SECONDS", "60")

LANGUAGE_CODE = "id"
# The product speaks Indonesian whatever the browser asks for; strings sit in gettext so an
# English catalogue (LOCALE_PATHS) can follow with LocaleMiddleware.
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Makassar"
USE_I18N = True
USE_TZ = True
# Never group digits automatically: ids and years in templates must print as 1707 and 2026;
# amounts are grouped explicitly with the `angka` filter (1.234.567,89).
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["integritas.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not (DEBUG or TESTING)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Evidence and decrees are private: there is deliberately no MEDIA_URL route.
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_MB", "20") * 1024 * 1024

# Predicates (Perwali 23/2025 Pasal 16; PermenPANRB 5/2024): the national submission deadline
# ("31 Mei atau sesuai waktu yang ditetapkan TPN"), the portal, the name under the Wali Kota's signature.
PREDICATES_DEADLINE = (5, 31)
PREDICATES_PORTAL_URL = os.environ.get("INTEGRITAS_PORTALRB_URL", "https://www.portalrb.id")
PREDICATES_PIMPINAN_NAME = os.environ.get("INTEGRITAS_PIMPINAN_NAME", "")

# Complaints: a dedicated key for the receipt-code hashes (falls back to one derived from
# SECRET_KEY), the size limit of a complaint file and the receipt look-ups per address and minute.
COMPLAINTS_RECEIPT_KEY = os.environ.get("COMPLAINTS_RECEIPT_KEY", "")
COMPLAINTS_UPLOAD_MAX_BYTES = envint("COMPLAINTS_UPLOAD_MAX_MB", "10") * 1024 * 1024
COMPLAINTS_RECEIPT_ATTEMPTS_PER_MINUTE = envint("COMPLAINTS_RECEIPT_ATTEMPTS_PER_MINUTE", "10")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "integritas@kupangkota.go.id")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(8 * 3600))
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and not TESTING:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "true")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "integritas_cache",
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests only

INTEGRITAS_DEMO_PASSWORD = os.environ.get("INTEGRITAS_DEMO_PASSWORD", "kupang2025")
# Pasal 6 ayat (1): "seluruh atau sebagian besar" — share of employees that must have signed.
DECLARATION_MIN_PACT_SHARE = os.environ.get("DECLARATION_MIN_PACT_SHARE", "0.5")
# Pasal 12 ayat (4): the report for month M is due by this day of month M+1.
MONTHLY_REPORT_DUE_DAY = envint("MONTHLY_REPORT_DUE_DAY", "10")
PUBLIC_RATE_LIMIT_PER_MINUTE = envint("PUBLIC_RATE_LIMIT_PER_MINUTE", "20")
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
# How many reverse proxies (setting X-Forwarded-For) stand in front of the app; the public
# forms' rate limit keys on the client address the nearest trusted proxy saw.
PUBLIC_TRUSTED_PROXY_HOPS = envint("PUBLIC_TRUSTED_PROXY_HOPS", "0")
