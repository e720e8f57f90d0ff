"""The HTTP plumbing the preview sources share: one Session, explicit timeouts, and the mapping of
answers that mean "come back later" onto PreviewSourceRateLimited / PreviewSourceUnavailable."""

from __future__ import annotations

import json
from typing import Any

import requests
from django.conf import settings

from accounts.retry_after import retry_after_seconds as retry_after_parse
from ingest.previews.errors import PreviewSourceRateLimited, PreviewSourceUnavailable

# One pool of kept-alive connections per worker process. Celery's prefork workers each get their own
# copy; nothing here mutates the Session after import, which is what makes sharing it across threads safe.
session = requests.Session()
session.headers["User-Agent"] = "Undercurrent/0.1 (preview matching)"

# When a service says "slow down" without saying how long: Deezer's quota window is 5 s.
DEFAULT_RETRY_AFTER = 5
_CONNECT_TIMEOUT = 3.05  # just over a multiple of 3 s, TCP's retransmission window


def connections_close() -> None:
    """Hang up every kept-alive connection now (a worker shutting down, a test ending).

    `Session.close()` alone is not enough under urllib3 2: it forgets the pools without closing them, so
    their sockets stay open until garbage collection, which a traceback holding a response can delay."""
    for adapter in session.adapters.values():
        manager = getattr(adapter, "poolmanager", None)
        if manager is None:
            continue
        # urllib3's pool container refuses plain iteration (not thread-safe); keys() takes a locked copy.
        for key in manager.pools.keys():  # noqa: SIM118
            pool = manager.pools.get(key)
            if pool is not None:
                pool.close()
    session.close()


def timeouts() -> tuple[float, float]:
    """(connect, read) seconds. A read timeout bounds each wait for bytes, not the whole transfer."""
    read = float(settings.OUTSIDE_HTTP_TIMEOUT)
    return (min(_CONNECT_TIMEOUT, read), read)


def retry_after_seconds(value: str | None, *, default: int = DEFAULT_RETRY_AFTER) -> int:
    return retry_after_parse(value, default=default)


def get(
    source: str,
    url: str,
    *,
    params: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    stream: bool = False,
) -> requests.Response:
    """GET with timeouts; a network failure becomes PreviewSourceUnavailable, so callers see typed errors only."""
    try:
        return session.get(url, params=params, headers=headers, timeout=timeouts(), stream=stream)
    except requests.Timeout as error:
        raise PreviewSourceUnavailable(source, f"timed out: {error}") from error
    except requests.RequestException as error:
        raise PreviewSourceUnavailable(source, f"request failed: {error}") from error


def raise_for_transient(source: str, response: requests.Response) -> None:
    """429 and 5xx are the service's trouble, not the track's: raise so the track is tried again later."""
    status = response.status_code
    if status == 429:
        raise PreviewSourceRateLimited(source, retry_after_seconds(response.headers.get("Retry-After")))
    if status >= 500:
        raise PreviewSourceUnavailable(source, f"HTTP {status}", status=status)


def json_body(source: str, response: requests.Response) -> Any:
    """The body as JSON whatever the content type says (iTunes sends `text/javascript` after blank lines)."""
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError) as error:
        snippet = response.content[:80].decode("utf-8", "replace")
        raise PreviewSourceUnavailable(
            source, f"answer is not JSON ({error}): {snippet!r}", status=response.status_code
        ) from error
