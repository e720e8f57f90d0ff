"""Settings shared by every environment. Everything secret or site-specific comes from the environment."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.settings.env import env_bool, env_int, env_list, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Runtime state of the embedded default (SQLite file, filesystem broker, media) lives here, outside git.
VAR_DIR = Path(env_str("UNDERCURRENT_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
# The public origin of this site. Also the origin of the mounted sandbox in the demo and tests.
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# --- Spotify and the other outside services -------------------------------------------------
SPOTIFY_CLIENT_ID = env_str("SPOTIFY_CLIENT_ID", None)
SPOTIFY_CLIENT_SECRET = env_str("SPOTIFY_CLIENT_SECRET", None)
# With no real Spotify app configured, the local emulator stands in for Spotify.
SPOTIFY_SANDBOX = env_bool("SPOTIFY_SANDBOX", not SPOTIFY_CLIENT_ID)
if SPOTIFY_SANDBOX:
    # The sandbox registers this demo app in its own tables (sandbox_seed); it is not a secret.
    SPOTIFY_CLIENT_ID = SPOTIFY_CLIENT_ID or "undercurrent-demo"
    SPOTIFY_CLIENT_SECRET = SPOTIFY_CLIENT_SECRET or "undercurrent-demo-secret"
    _outside_default = {
        "SPOTIFY_ACCOUNTS_URL": f"{SITE_URL}/sandbox/accounts",
        "SPOTIFY_API_URL": f"{SITE_URL}/sandbox/api",
        "DEEZER_API_URL": f"{SITE_URL}/sandbox/deezer",
        "ITUNES_API_URL": f"{SITE_URL}/sandbox/itunes",
    }
else:
    _outside_default = {
        "SPOTIFY_ACCOUNTS_URL": "https://accounts.spotify.com",
        "SPOTIFY_API_URL": "https://api.spotify.com",
        "DEEZER_API_URL": "https://api.deezer.com",
        "ITUNES_API_URL": "https://itunes.apple.com",
    }
SPOTIFY_ACCOUNTS_URL = env_url("SPOTIFY_ACCOUNTS_URL", _outside_default["SPOTIFY_ACCOUNTS_URL"])
SPOTIFY_API_URL = env_url("SPOTIFY_API_URL", _outside_default["SPOTIFY_API_URL"])
DEEZER_API_URL = env_url("DEEZER_API_URL", _outside_default["DEEZER_API_URL"])
ITUNES_API_URL = env_url("ITUNES_API_URL", _outside_default["ITUNES_API_URL"])
SPOTIFY_SCOPES = ["user-top-read", "playlist-modify-private", "playlist-modify-public", "ugc-image-upload"]
# Seconds; spotipy's default, made explicit. Outside calls never wait unbounded.
OUTSIDE_HTTP_TIMEOUT = env_int("OUTSIDE_HTTP_TIMEOUT", 5, minimum=1)
# Refresh an access token when it has less than this many seconds left.
SPOTIFY_TOKEN_REFRESH_MARGIN = 60

# Sandbox knobs (only read when SPOTIFY_SANDBOX is on).
SANDBOX_TOKEN_TTL = env_int("SANDBOX_TOKEN_TTL", 3600, minimum=1)
SANDBOX_EXTENDED_QUOTA = env_bool("SANDBOX_EXTENDED_QUOTA", False)

# Fernet keys, comma-separated, newest first: MultiFernet encrypts with the first and decrypts with any,
# so a key can be rotated in without losing a listener's connection.
TOKEN_ENCRYPTION_KEYS = env_list("TOKEN_ENCRYPTION_KEYS", [])

# --- Django ------------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.spotify",
    "accounts",
    "ingest",
    "recommender",
]
if SPOTIFY_SANDBOX:
    INSTALLED_APPS.append("sandbox")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

_database_url = env_str("DATABASE_URL", None)
if _database_url:
    try:
        DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)}
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is malformed: {error}") from None
else:
    # Embedded default: one SQLite file shared by the web process and the demo worker. WAL lets the
    # page read while the worker writes; IMMEDIATE transactions take the write lock up front instead
    # of failing half-way with "database is locked".
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {
                "timeout": 30,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_url("REDIS_URL", None, schemes=("redis", "rediss", "unix"))
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

# --- Sign-in (django-allauth) ------------------------------------------------------------------
SITE_ID = 1
LOGIN_URL = "home"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
SOCIALACCOUNT_ONLY = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*"]
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
# Development-mode Spotify gives no email; asking for it would add a scope and fail sign-up.
SOCIALACCOUNT_QUERY_EMAIL = False
SOCIALACCOUNT_EMAIL_REQUIRED = False
# allauth would keep tokens in plain text; accounts.services keeps them encrypted instead.
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = {
    "spotify": {
        "provider_class": "accounts.spotify.provider.SpotifyProvider",
        "SCOPE": SPOTIFY_SCOPES,
        "APP": {"client_id": SPOTIFY_CLIENT_ID or "", "secret": SPOTIFY_CLIENT_SECRET or "", "key": ""},
    }
}

# --- Background work (Celery) -----------------------------------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", None) or REDIS_URL
CELERY_BROKER_TRANSPORT_OPTIONS: dict = {}
if not CELERY_BROKER_URL:
    # Embedded default: kombu's filesystem transport, a folder both the web process and the worker
    # that `make demo` starts can reach. Work still leaves the request; no service is needed.
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("queue", "processed"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# Named by the environment so that separate runs sharing one Redis (tests, benchmarks) never share work.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "celery")
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged only once it has run, so a worker killed mid-task hands it to the next one.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 150
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # spotipy logs request headers (the bearer token) at DEBUG: keep both quiet whatever LOG_LEVEL says.
    "loggers": {"urllib3": {"level": "WARNING"}, "spotipy": {"level": "WARNING"}},
}

# --- Audio ingest ---------------------------------------------------------------------------------
# Days we keep a track's downloaded preview (for re-analysis with a new embedding version, and the player).
CLIP_RETENTION_DAYS = env_int("CLIP_RETENTION_DAYS", 30, minimum=1)
# A worker holds a track it analyses this long; past it, the worker is presumed dead and another may take over.
INGEST_CLAIM_SECONDS = env_int("INGEST_CLAIM_SECONDS", CELERY_TASK_TIME_LIMIT + 30, minimum=1)
# How often beat looks for jobs a dead worker left behind.
INGEST_RESUME_EVERY = env_int("INGEST_RESUME_EVERY", 60, minimum=1)
CELERY_BEAT_SCHEDULE = {
    "ingest-jobs-resume": {"task": "ingest.tasks.ingest_jobs_resume", "schedule": float(INGEST_RESUME_EVERY)},
    "clips-expire": {"task": "ingest.tasks.clips_expire", "schedule": 6 * 3600.0},
    "embedding-stats-fit": {"task": "ingest.tasks.embedding_stats_fit", "schedule": 3600.0},
}
