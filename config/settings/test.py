"""Settings for pytest. PostgreSQL and Redis when DATABASE_URL / REDIS_URL say so, else the embedded default."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("SPOTIFY_SANDBOX", "1")
# Each test run gets its own state folder (SQLite, media, broker), so runs never see each other's files.
os.environ.setdefault("UNDERCURRENT_VAR_DIR", tempfile.mkdtemp(prefix="undercurrent-test-"))

from config.settings.base import *  # noqa: F403
from config.settings.base import CACHES, STATIC_ROOT, TOKEN_ENCRYPTION_KEYS

if not TOKEN_ENCRYPTION_KEYS:
    TOKEN_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LWtleS1ub3QtZm9yLXByb2R1Y3Rpb24="]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests drive tasks with .apply() or a real worker; nothing is sent to a broker by accident.
CELERY_TASK_ALWAYS_EAGER = False
# WhiteNoise warns about a missing STATIC_ROOT; tests serve static files through the finders.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Runs that share one Redis (a developer's and CI's) must not read each other's cached pages.
CACHES["default"]["KEY_PREFIX"] = f"test-{os.getpid()}"
