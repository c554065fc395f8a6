"""Settings for the Hospital Partnerships Directory, read from the environment.

Defaults suit a developer's machine (SQLite) except DEBUG, which is off unless asked for:
`make run` writes a `.env` file with DJANGO_DEBUG=1 (read here with python-dotenv, so that
`manage.py createsuperuser` works as Django's documentation shows); production sets
DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL, and has no `.env`. A variable set in
the environment wins over the file; DJANGO_ENV_FILE names another file.
"""
import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv

from config.caches import cache_from_url

BASE_DIR = Path(__file__).resolve().parent.parent
# A developer's settings, written once by `make run`; the environment wins over them.
load_dotenv(os.environ.get("DJANGO_ENV_FILE") or BASE_DIR / ".env", override=False)


TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


def env_flag(name, default="0"):
    given = os.environ.get(name, default)
    value = given.strip().lower()
    if value not in TRUE | FALSE:
        raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off), not {given!r}")
    return value in TRUE


def env_rate(name, default):
    """Read a request rate such as "120/min" ("off": no limit)."""
    value = os.environ.get(name, default).strip()
    if value == "off":
        return None
    if not re.fullmatch(r"[0-9]+/(s|sec|m|min|h|hour|d|day)", value):
        raise ImproperlyConfigured(f"{name} must be a rate such as 120/min, or off, not {value!r}")
    return value


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Off unless asked for, so a forgotten variable cannot serve tracebacks in production.
DEBUG = env_flag("DJANGO_DEBUG")


def env_required_in_production(name):
    """Stop start-up when production (DEBUG off) leaves the variable unset: its default suits a developer only."""
    if not DEBUG and not os.environ.get(name, "").strip():
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_DEBUG is off (see README, Running in production)")


env_required_in_production("DJANGO_SECRET_KEY")
env_required_in_production("DJANGO_ALLOWED_HOSTS")
# Works locally only: `manage.py check --deploy` rejects this key.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-local-development-only")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Trigram lookups for typo-tolerant search; only used when the database is PostgreSQL.
    "django.contrib.postgres",
    "django_countries",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "common",
    "institutions",
    "partnerships",
    "curation",
    "watching",
    "releases",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the body, so an oversized request is refused unread (413).
    "config.middleware.RequestSizeLimitMiddleware",
    # Before anything reads the parameters, so too many of them is a quick 400 (DEBUG or not).
    "config.middleware.FieldCountLimitMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the locale: the API's language from Accept-Language, a reader's own language for plain addresses.
    "config.middleware.ReaderLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Lets the audit history (django-simple-history) record who made each change.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication and locale: it needs to know the reader is anonymous and the language.
    "common.caching.AnonymousReadsCacheMiddleware",
    # Inside the answer cache, so a cached page keeps its Link header.
    "releases.middleware.CiteAsLinkMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "config.context_processors.languages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite by default; DATABASE_URL=postgres://... (psycopg 3) for PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}

# A read replica: reads go there, writes and reads inside a write's transaction to the
# primary (config/routers.py). The replica mirrors the primary in tests.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["config.routers.PrimaryReplicaRouter"]

# Cached counts and facets, and the API's rate limits. Several app servers should share a
# cache: DJANGO_CACHE_URL=redis://host:6379/0 or memcached://host:11211 (config/caches.py).
CACHES = {"default": cache_from_url(os.environ.get("DJANGO_CACHE_URL", "locmem://"))}
# Anonymous answers are kept until the data changes, at most this long (0: never kept);
# common.caching.AnonymousReadsCacheMiddleware. Off by default with DEBUG, so an edited
# template shows at once; the tests turn it on (tests/conftest.py).
RESPONSE_CACHE_SECONDS = int(os.environ.get("DJANGO_RESPONSE_CACHE_SECONDS", "0" if DEBUG else "3600"))
# A list that is not counted on write (a search, a date range) counts this many rows at most;
# the API says "count_is_exact": false beyond it, the page "more than" (common/api.py).
LIST_COUNT_LIMIT = int(os.environ.get("DJANGO_LIST_COUNT_LIMIT", "10000"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sign-in is refused for 15 minutes after 5 failures of one username from one address (the
# address rate limits count, DJANGO_NUM_PROXIES); a success clears the count. The first backend
# checks the lockout, the second the password. Unlock: README, "A login for the curators' admin".
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.throttling.client_address"
AXES_LOCKOUT_CALLABLE = "config.views.locked_out"
# After signing in without a usable `next` (a refused one), curators land in the admin.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Pages in English at their plain addresses and in the other languages under a prefix
# (/ko/partnerships/); the API is never prefixed and reads Accept-Language (README, Languages).
# Each language is named in itself, as the switcher shows it.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ko", "한국어"),
    ("ar", "العربية"),
    ("de", "Deutsch"),
    ("zh-hans", "简体中文"),
]
# The .po files are in the repository; `manage.py compile_translations` (make run, make test)
# writes the .mo files beside them.
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as each language writes them (2025년 3월 1일, 1. März 2025), English as before (1 March 2025).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Where `collectstatic` gathers the files WhiteNoise serves with hashed names when DEBUG is off.
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# In development (and tests) WhiteNoise serves straight from the apps' static folders.
WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# HTTPS in production. A reverse proxy that terminates TLS either redirects to HTTPS itself
# (DJANGO_SECURE_SSL_REDIRECT=0) or names the header that tells Django the request came
# over HTTPS (DJANGO_SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto, the value being "https").
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", "0" if DEBUG else "1")
if proxy_ssl_header := os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "").strip():
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + proxy_ssl_header.upper().replace("-", "_"), "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# A year of HSTS once production is on; includeSubDomains covers only names under this site's own host.
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4), in development too so a violation shows up early:
# scripts only from this site's files, never inline. Inline style stays allowed because the
# admin, the browsable API and Swagger UI carry style attributes and <style> blocks; Swagger UI
# draws its icons from data: URIs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# The curated data, loaded by `manage.py load_curated`, and the archived text of each
# source article, so every evidence quote can be checked against it.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
CURATED_FIXTURES = ["areas.yaml", "sources.yaml", "institutions.yaml", "people.yaml", "agreements.yaml"]
SOURCE_ARCHIVE_DIR = BASE_DIR / "fixtures" / "sources"
# Where `manage.py make_release` writes the numbered releases, one folder each, never overwritten.
RELEASES_DIR = Path(os.environ.get("DJANGO_RELEASES_DIR", BASE_DIR / "data" / "releases"))

REST_FRAMEWORK = {
    # Token first, so an anonymous write is answered 401 with WWW-Authenticate rather than 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PAGINATION_CLASS": "common.api.PageOrCursorPagination",
    # JSON only: the interactive docs at /api/v1/docs/ take the browsable API's place.
    "DEFAULT_RENDERER_CLASSES": ["common.api.JSONRenderer"],
    "UNICODE_JSON": True,
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "common.schema.AutoSchema",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "common.api.ContentNegotiation",
    # Per anonymous address and per signed-in user, counted in the default cache; 429 with
    # Retry-After past the limit. Behind a reverse proxy, DJANGO_NUM_PROXIES=1 makes the
    # client's address come from X-Forwarded-For instead of the proxy's own.
    "DEFAULT_THROTTLE_CLASSES": ["config.throttling.AnonRateThrottle", "config.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("DJANGO_API_ANON_RATE", "120/min"),
        "user": env_rate("DJANGO_API_USER_RATE", "1200/min"),
        # Readers' corrections and reports (the "Suggest a correction" forms), per client address.
        "suggestions": env_rate("DJANGO_SUGGESTION_RATE", "10/hour"),
    },
    "NUM_PROXIES": int(os.environ.get("DJANGO_NUM_PROXIES", "0")),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Hospital Partnerships Directory API",
    "DESCRIPTION": "International partnership agreements between hospitals, universities, companies and health agencies.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Separate request and response components, so a field written as a slug and read back as
    # an object (an institution's parent) is described truthfully both ways.
    "COMPONENT_SPLIT_REQUEST": True,
    # Forms every OpenAPI 3.0 validator and client generator reads alike (common/schema.py).
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "common.schema.strict_openapi_30"],
    "ENUM_NAME_OVERRIDES": {
        "InstitutionKindEnum": "institutions.models.Institution.Kind",
        "OtherNameKindEnum": "institutions.models.InstitutionName.Kind",
        "AgreementKindEnum": "partnerships.models.Agreement.Kind",
        "SourceKindEnum": "partnerships.models.Source.Kind",
        "EvidenceFactEnum": "partnerships.models.Evidence.Fact",
        # A person's part: in the agreements' API and in a draft (curation/api.py) alike.
        "PersonRoleEnum": "partnerships.models.Participation.Role",
        # An agreement's date may be unreported; an event's always has one (a draft's may not yet).
        "DatePrecisionEnum": "partnerships.models.Agreement.Precision",
        "EventDatePrecisionEnum": "partnerships.models.AgreementEvent.Precision",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Watched sources (watching/, `manage.py watch_sources`): how politely and how far a run reads.
WATCHING_USER_AGENT = os.environ.get(
    "WATCHING_USER_AGENT", "HospitalPartnershipsDirectory/1.0 (watched sources)"
)
# Seconds between two requests to one host.
WATCHING_HOST_DELAY = float(os.environ.get("WATCHING_HOST_DELAY", "2"))
# Seconds to connect, and between two parts of an answer.
WATCHING_TIMEOUT = float(os.environ.get("WATCHING_TIMEOUT", "10"))
# A feed, sitemap or page longer than this is refused (a feed of a few hundred entries is ~1 MB).
WATCHING_MAX_BYTES = int(os.environ.get("WATCHING_MAX_BYTES", str(5 * 1024 * 1024)))
