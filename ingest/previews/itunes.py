"""The iTunes Search API (no key) as a preview source.

Its answer is JSON sent as `text/javascript` after blank lines, and it is a relevance-and-popularity
ranking, not a match: a popular cover, another song by the artist or a same-named single can come first.
Every result is therefore scored against the track and the best match wins, never the first hit.
Apple throttles at about 20 requests a minute per client and has been seen to answer 403 rather than 429.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from ingest.previews import http
from ingest.previews.errors import PreviewSourceRateLimited, PreviewSourceUnavailable
from ingest.previews.matching import Candidate, TrackQuery, best_candidate, title_parse

SOURCE = "itunes"
SEARCH_LIMIT = 10
# Apple's throttle counts per minute; a 403 carries no Retry-After.
THROTTLE_RETRY_AFTER = 60


def _candidate(item: Any) -> Candidate | None:
    if not isinstance(item, dict) or item.get("wrapperType") != "track" or item.get("kind") != "song":
        return None
    title, artist = item.get("trackName"), item.get("artistName")
    if not isinstance(title, str) or not isinstance(artist, str):
        return None
    duration = item.get("trackTimeMillis")
    preview = item.get("previewUrl")
    return Candidate(
        title=title,
        artists=(artist,),
        duration_ms=int(duration) if isinstance(duration, int | float) and duration > 0 else None,
        preview_url=preview if isinstance(preview, str) else "",
    )


def itunes_preview_find(*, query: TrackQuery) -> Candidate | None:
    """The best-matching iTunes song with a preview, or None when iTunes has none for this recording.

    Raises PreviewSourceRateLimited (429, or 403 as Apple throttles) or PreviewSourceUnavailable."""
    title = title_parse(query.title).search_text
    if not title.strip() or not query.lead_artist.strip():
        return None
    params = {"term": f"{query.lead_artist} {title}", "entity": "song", "limit": SEARCH_LIMIT, "media": "music"}
    response = http.get(SOURCE, f"{settings.ITUNES_API_URL.rstrip('/')}/search", params=params)
    http.raise_for_transient(SOURCE, response)
    if response.status_code == 403:
        raise PreviewSourceRateLimited(
            SOURCE, http.retry_after_seconds(response.headers.get("Retry-After"), default=THROTTLE_RETRY_AFTER)
        )
    if response.status_code != 200:
        # A 400 means our own request is malformed: loud, so it is seen, yet retried in case the API changed.
        raise PreviewSourceUnavailable(
            SOURCE, f"HTTP {response.status_code}: {response.text[:200]!r}", status=response.status_code
        )
    body = http.json_body(SOURCE, response)
    results = body.get("results") if isinstance(body, dict) else None
    if not isinstance(results, list):
        raise PreviewSourceUnavailable(SOURCE, "search answer without a results list")
    candidates = [candidate for candidate in map(_candidate, results) if candidate is not None]
    return best_candidate(query, candidates)
