"""The embedded default for a laptop: DEBUG on, SQLite and a filesystem broker unless told otherwise."""

import os

os.environ.setdefault("SECRET_KEY", "local-development-only-not-a-secret-0123456789abcdefghijklmnop")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

from config.settings.base import *  # noqa: F403
from config.settings.base import MIDDLEWARE, TOKEN_ENCRYPTION_KEYS

if not TOKEN_ENCRYPTION_KEYS:
    # A fixed development key: demo tokens are sandbox tokens, worthless outside this laptop.
    TOKEN_ENCRYPTION_KEYS = ["ZGVtby1vbmx5LWtleS1ub3QtZm9yLXByb2R1Y3Rpb24="]

# Spotify refuses `localhost` redirect URIs; send a browser that typed it to 127.0.0.1.
MIDDLEWARE = ["accounts.middleware.LoopbackHostMiddleware", *MIDDLEWARE]
