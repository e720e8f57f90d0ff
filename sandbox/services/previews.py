"""Preview audio for the Deezer and iTunes emulations: Deezer's signed, expiring CDN links, and the files.

Deezer's preview links carry an Akamai token, `hdnea=exp=<unix>~hmac=<hex>`, and stop working about
15 minutes after the API handed them out; a client must download at once, not store the URL. The
sandbox signs `"<deezer track id>:<exp>"` with an HMAC keyed from settings.SECRET_KEY (Django's
`salted_hmac`, its own salt), so a link cannot be forged or extended. The lifetime is
settings.SANDBOX_DEEZER_PREVIEW_TTL seconds (default 900), read on every call so a test can shorten it.
iTunes preview URLs are plain and permanent, as Apple's are.
"""

from __future__ import annotations

import hmac
import re
import time
from pathlib import Path

from django.conf import settings
from django.utils.crypto import salted_hmac

from sandbox.models import Track
from sandbox.music.cache import preview_path

DEFAULT_DEEZER_PREVIEW_TTL = 900
_SALT = "sandbox.deezer.preview"
_HDNEA = re.compile(r"^exp=(?P<exp>\d{1,12})~hmac=(?P<mac>[0-9a-f]{64})$")


def deezer_preview_ttl() -> int:
    return int(getattr(settings, "SANDBOX_DEEZER_PREVIEW_TTL", DEFAULT_DEEZER_PREVIEW_TTL))


def _mac(deezer_track_id: int, expires: int) -> str:
    return salted_hmac(_SALT, f"{deezer_track_id}:{expires}", algorithm="sha256").hexdigest()


def deezer_preview_token(*, deezer_track_id: int, expires: int | None = None) -> str:
    """The `hdnea` value of a preview link: valid until `expires` (unix seconds; default now + TTL)."""
    if expires is None:
        expires = int(time.time()) + deezer_preview_ttl()
    return f"exp={expires}~hmac={_mac(deezer_track_id, expires)}"


def deezer_preview_token_valid(*, deezer_track_id: int, hdnea: str, now: float | None = None) -> bool:
    match = _HDNEA.match(hdnea or "")
    if match is None:
        return False
    expires = int(match["exp"])
    if not hmac.compare_digest(match["mac"], _mac(deezer_track_id, expires)):
        return False
    return (time.time() if now is None else now) < expires


def preview_file(*, track: Track, fmt: str) -> Path:
    """The track's 30 s preview ("mp3" for Deezer, "m4a" for iTunes), rendered on first use and cached."""
    return preview_path(track.id, track.style_family, fmt)
