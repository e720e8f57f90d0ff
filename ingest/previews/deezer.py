"""Deezer's public API (no key) as a preview source: the track by ISRC when we know it, else by search.

Deezer answers its errors with HTTP 200 and `{"error": {"type", "message", "code"}}`: 800 is "no data"
(the track is simply not there), 4 is "Quota limit exceeded" (50 requests per 5 s): back off. Preview
links are signed and expire in about 15 minutes, so a found URL is for downloading at once.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from ingest.previews import http
from ingest.previews.errors import PreviewSourceRateLimited, PreviewSourceUnavailable
from ingest.previews.matching import Candidate, TrackQuery, best_candidate, candidate_score, title_parse

SOURCE = "deezer"
NO_DATA = 800
QUOTA_EXCEEDED = 4
# The quota is counted over 5 s windows; one window's wait is enough.
QUOTA_RETRY_AFTER = 5
SEARCH_LIMIT = 25


def _call(path: str, params: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """One API call: its JSON object, or None for "no data". Everything else that is not an answer raises."""
    response = http.get(SOURCE, f"{settings.DEEZER_API_URL.rstrip('/')}/{path}", params=params)
    http.raise_for_transient(SOURCE, response)
    if response.status_code != 200:
        raise PreviewSourceUnavailable(SOURCE, f"HTTP {response.status_code} for /{path}", status=response.status_code)
    body = http.json_body(SOURCE, response)
    if not isinstance(body, dict):
        raise PreviewSourceUnavailable(SOURCE, f"unexpected answer for /{path}: {type(body).__name__}")
    error = body.get("error")
    if error:
        code = error.get("code") if isinstance(error, dict) else None
        if code == NO_DATA:
            return None
        if code == QUOTA_EXCEEDED:
            raise PreviewSourceRateLimited(SOURCE, QUOTA_RETRY_AFTER)
        raise PreviewSourceUnavailable(SOURCE, f"error {code}: {error}")
    return body


def _candidate(item: Any) -> Candidate | None:
    if not isinstance(item, dict) or not isinstance(item.get("title"), str):
        return None
    artists = [item["artist"].get("name", "")] if isinstance(item.get("artist"), dict) else []
    # Only the full track object lists every credited artist; a search hit names the lead alone.
    for contributor in item.get("contributors") or []:
        if isinstance(contributor, dict) and contributor.get("name"):
            artists.append(contributor["name"])
    duration = item.get("duration")
    return Candidate(
        title=item["title"],
        artists=tuple(name for name in artists if name),
        duration_ms=int(duration) * 1000 if isinstance(duration, int | float) and duration > 0 else None,
        # Some licences give a readable track with "preview": "": such a hit is useless to us.
        preview_url=item.get("preview") or "",
    )


def _by_isrc(query: TrackQuery, isrc: str) -> Candidate | None:
    isrc = isrc.strip().upper()
    body = _call(f"track/isrc:{isrc}")
    if body is None:
        return None
    candidate = _candidate(body)
    # An ISRC is sometimes reused or mistyped by labels: trust the answer only if it is the song we mean.
    if candidate is None or str(body.get("isrc", "")).upper() != isrc:
        return None
    if candidate_score(query, candidate) is None or not candidate.preview_url:
        return None
    return candidate


def _quoted(value: str) -> str:
    # A double quote would end the advanced-search field early; Deezer ignores punctuation anyway.
    return " ".join(value.replace('"', " ").split())


def _by_search(query: TrackQuery) -> Candidate | None:
    title = _quoted(title_parse(query.title).search_text)
    artist = _quoted(query.lead_artist)
    if not title or not artist:
        return None
    # The title without credits or version tags: Deezer may tag versions differently, and
    # candidate_score tells the versions apart better than a phrase search can.
    body = _call("search", {"q": f'artist:"{artist}" track:"{title}"', "limit": SEARCH_LIMIT})
    if body is None:
        return None
    items = body.get("data")
    if not isinstance(items, list):
        raise PreviewSourceUnavailable(SOURCE, "search answer without a data list")
    candidates = [candidate for candidate in map(_candidate, items) if candidate is not None]
    return best_candidate(query, candidates)


def deezer_preview_find(*, query: TrackQuery) -> Candidate | None:
    """The best-matching Deezer track with a preview, or None when Deezer has none for this recording.

    Raises PreviewSourceRateLimited (quota code 4, HTTP 429) or PreviewSourceUnavailable (5xx, network,
    malformed answers, unknown error codes)."""
    if query.isrc:
        found = _by_isrc(query, query.isrc)
        if found is not None:
            return found
        # No hit by ISRC (unknown code, a mismatch, a blank preview): another release of the same
        # recording may still carry a preview, and search finds it by name.
    return _by_search(query)
