"""Production: every secret from the environment, no defaults, HTTPS only."""

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import ALLOWED_HOSTS, DEBUG, SPOTIFY_SANDBOX, TOKEN_ENCRYPTION_KEYS
from config.settings.env import env_bool, env_int

if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name this site's hosts in production")
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must not be '*' in production")
if not TOKEN_ENCRYPTION_KEYS:
    raise ImproperlyConfigured("TOKEN_ENCRYPTION_KEYS must be set in production (Fernet keys, comma-separated)")
if SPOTIFY_SANDBOX and not env_bool("SPOTIFY_SANDBOX_FORCE", False):
    raise ImproperlyConfigured(
        "SPOTIFY_SANDBOX is on under production settings: set SPOTIFY_CLIENT_ID/SECRET for real Spotify, "
        "or SPOTIFY_SANDBOX_FORCE=1 to serve the emulator on purpose"
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
