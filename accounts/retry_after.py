"""Reading an outside service's Retry-After header, for Spotify and the preview services alike."""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime

# A header that promises more than an hour is more likely broken than meant; waiting longer helps no one.
MAX_RETRY_AFTER = 3600


def retry_after_seconds(value: str | None, *, default: int = 1) -> int:
    """Retry-After as whole seconds (it may be a number or an HTTP date), within [1, MAX_RETRY_AFTER]."""
    seconds: float | None = None
    if value:
        value = value.strip()
        if value.isdigit():
            seconds = int(value)
        else:
            try:
                seconds = parsedate_to_datetime(value).timestamp() - time.time()
            except (TypeError, ValueError, IndexError, OverflowError):
                seconds = None
    if seconds is None:
        seconds = default
    return int(min(max(seconds, 1), MAX_RETRY_AFTER))
