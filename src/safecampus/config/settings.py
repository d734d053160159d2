"""One settings module. Every deployment knob is an environment variable (CONTRACT.md)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from safecampus.core import keys

from .schema_enums import enum_overrides

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    """A string setting; NAME_FILE wins so secrets can live in mounted files."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


def envbool(name: str, default: bool = False) -> bool:
    raw = env(name, "")
    if raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    raw = env(name, "")
    return int(raw) if raw else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = envbool("SAFECAMPUS_DEBUG", False)
TESTING = envbool("SAFECAMPUS_TESTING", False)
# Production is anything that is neither debug nor a test run: it must be given real secrets.
PRODUCTION = not DEBUG and not TESTING

DATA_DIR = Path(env("SAFECAMPUS_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env("SAFECAMPUS_SECRET_KEY")
FIELD_KEY = env("SAFECAMPUS_FIELD_KEY")
if not SECRET_KEY or not FIELD_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SAFECAMPUS_SECRET_KEY and SAFECAMPUS_FIELD_KEY must be set outside debug mode."
        )
    # Development only: fixed, well-known keys so `make demo` works out of the box.
    SECRET_KEY = SECRET_KEY or keys.DEV_SECRET_KEY
    FIELD_KEY = FIELD_KEY or keys.DEV_FIELD_KEY
if PRODUCTION and keys.problems(SECRET_KEY, FIELD_KEY):
    raise ImproperlyConfigured("Weak keys refused: " + "; ".join(why for _code, why in keys.problems(
        SECRET_KEY, FIELD_KEY)) + f" ({keys.HOW}).")

# Signs the audit chains' checkpoints (core.audit_witness). It must live outside the database and
# its backups: whoever holds both could rewrite history and sign it again.
DEV_AUDIT_KEY = "dev-only-audit-key-never-use-in-production"
AUDIT_KEY = env("SAFECAMPUS_AUDIT_KEY")
if PRODUCTION and (not AUDIT_KEY or AUDIT_KEY == DEV_AUDIT_KEY):
    raise ImproperlyConfigured("SAFECAMPUS_AUDIT_KEY must be set (and not the development key) outside debug mode.")
AUDIT_KEY = AUDIT_KEY or DEV_AUDIT_KEY

ALLOWED_HOSTS = envlist("SAFECAMPUS_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = envlist("SAFECAMPUS_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks_db",
    "crontask",
    "safecampus.core",
    "safecampus.org",
    "safecampus.compliance",
    "safecampus.responsibility",
    "safecampus.inspections",
    "safecampus.hazards",
    "safecampus.incidents",
    "safecampus.operations",
    "safecampus.canteen",
    "safecampus.readiness",
    "safecampus.education",
    "safecampus.transport",
    "safecampus.assessment",
    "safecampus.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "safecampus.core.middleware.ActiveUnitMiddleware",
    "safecampus.org.accounts.FirstPasswordMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "safecampus.config.urls"
WSGI_APPLICATION = "safecampus.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "safecampus.core.context.navigation",
            ],
        },
    }
]

_default_db = f"sqlite:///{DATA_DIR / 'safecampus.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(env("SAFECAMPUS_DATABASE_URL", _default_db), conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    # Kept open between requests like PostgreSQL's: opening the file reads the whole schema again
    # (about 3 ms of CPU a request on a county's database).
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache is shared by the web processes and the worker (the sweep stores the dashboard's
# summaries there): Redis when configured, else a table of the database. Tests keep it in memory.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "safecampus_cache",
                      "OPTIONS": {"MAX_ENTRIES": 20000}}}
if env("SAFECAMPUS_REDIS_URL"):
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                         "LOCATION": env("SAFECAMPUS_REDIS_URL")}
elif TESTING:
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}

AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # argon2 costs ~130 ms a check; the suite signs in hundreds of times.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Tokens from POST /api/v1/auth/token end this many hours after they were issued.
API_TOKEN_HOURS = envint("SAFECAMPUS_TOKEN_HOURS", 12)
# Integration tokens (made on the account page) may live at most this many days.
API_TOKEN_MAX_DAYS = envint("SAFECAMPUS_TOKEN_MAX_DAYS", 366)
AXES_FAILURE_LIMIT = envint("SAFECAMPUS_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "safecampus.core.security.lockout_response"
AXES_ENABLED = envbool("SAFECAMPUS_AXES", True)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(DATA_DIR / "media")}},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
                    if PRODUCTION else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"

ATTACHMENT_MAX_BYTES = envint("SAFECAMPUS_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = ATTACHMENT_MAX_BYTES + 1024 * 1024

# Development writes each message to a file under the data dir instead of flooding the console.
_mail_backend = ("django.core.mail.backends.locmem.EmailBackend" if TESTING
                 else "django.core.mail.backends.filebased.EmailBackend" if DEBUG
                 else "django.core.mail.backends.smtp.EmailBackend")
MAILERS = {"default": {"BACKEND": env("SAFECAMPUS_EMAIL_BACKEND", _mail_backend)}}
if MAILERS["default"]["BACKEND"].endswith("filebased.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {"file_path": str(DATA_DIR / "mail")}
if MAILERS["default"]["BACKEND"].endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {"host": env("SAFECAMPUS_EMAIL_HOST", "localhost"),
                                     "port": envint("SAFECAMPUS_EMAIL_PORT", 25),
                                     "use_tls": envbool("SAFECAMPUS_EMAIL_TLS", False)}
DEFAULT_FROM_EMAIL = env("SAFECAMPUS_FROM_EMAIL", "safecampus@localhost")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"
                     if not TESTING else "django.tasks.backends.immediate.ImmediateBackend"}}

# The one-minute sweep: crontask enqueues it, the django-tasks-db worker runs it. With several
# hosts, a Redis lock keeps one scheduler running.
CRONTASK = {"REDIS_URL": env("SAFECAMPUS_REDIS_URL") or None}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "safecampus.core.api.auth.BearerTokenAuthentication",
        "safecampus.core.api.auth.CsrfSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "safecampus.core.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "safecampus.core.api.schema.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["safecampus.core.api.filters.FilterBackend"],
    "EXCEPTION_HANDLER": "safecampus.core.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser",
                               "rest_framework.parsers.MultiPartParser"],
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SafeCampus API",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "safecampus.core.api.schema.document_errors"],
    # Served from our own static files: no CDN, and the CSP allows no inline script.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Several apps have a "kind" or a "status"; each choice set gets its own schema name.
    "ENUM_NAME_OVERRIDES": enum_overrides({
        "UnitKindEnum": "safecampus.org.choices.UnitKind",
        "SchoolTypeEnum": "safecampus.org.choices.SchoolType",
        "IncidentKindEnum": "safecampus.incidents.choices.Kind",
        "IncidentStatusEnum": "safecampus.incidents.choices.Status",
        "ChecklistKindEnum": "safecampus.inspections.choices.TemplateKind",
        "InspectionStatusEnum": "safecampus.inspections.choices.InspectionStatus",
        "HazardStatusEnum": "safecampus.hazards.choices.Status",
        "HazardLevelEnum": "safecampus.hazards.choices.Level",
        "ComplianceStatusEnum": "safecampus.compliance.choices.Status",
        "LetterStatusEnum": "safecampus.responsibility.choices.LetterStatus",
        "MeetingKindEnum": "safecampus.responsibility.choices.MeetingKind",
        "TeamKindEnum": "safecampus.responsibility.choices.TeamKind",
        "EmergencyPlanKindEnum": "safecampus.readiness.choices.PlanKind",
        "EmergencyPlanStatusEnum": "safecampus.readiness.choices.PlanStatus",
        "EmergencyTeamKindEnum": "safecampus.readiness.choices.TeamKind",
        "EmergencyTeamRoleEnum": "safecampus.readiness.choices.MemberRole",
        "DrillKindEnum": "safecampus.readiness.choices.DrillKind",
        "DrillStatusEnum": "safecampus.readiness.choices.DrillStatus",
        "ActionStatusEnum": "safecampus.responsibility.choices.ActionStatus",
    }),
}

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = envbool("SAFECAMPUS_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SAFECAMPUS_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("SAFECAMPUS_LOG_LEVEL", "WARNING")},
}

SITE_NAME = _("SafeCampus")
