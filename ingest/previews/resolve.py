"""Where a track's 30-second preview comes from: Spotify's own `preview_url` when (rarely) present, then
Deezer, then iTunes, stopping at the first hit.

Deezer's links are signed and expire in about 15 minutes, so a ResolvedPreview is for downloading at
once, never for storing as if it lasted: `preview_fetch` resolves and downloads in one go and, when a
Deezer link has expired in between, resolves Deezer once more for a fresh link.

Fall-through policy, for sources that are rate limited or down (PreviewSourceError):
- the next source is tried at once: the track may well be there, and a hit anywhere is a hit;
- if some source answers with a preview, it is returned and the failure is only logged;
- if none does and a source failed transiently, that failure (the first, in source order) is raised,
  so the task reschedules the track (honouring `retry_after`) instead of recording "no preview anywhere"
  when the preferred source was merely unreachable;
- None means every source answered and none has the recording.
`preview_fetch` treats a refused file (PreviewDownloadError: not audio, too large, empty...) like a miss
and tries the next source; if all fail it raises the transient error first, else the first refusal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ingest.previews.deezer import deezer_preview_find
from ingest.previews.download import DEFAULT_MAX_BYTES, download_audio
from ingest.previews.errors import DownloadRefusal, PreviewDownloadError, PreviewSourceError
from ingest.previews.itunes import itunes_preview_find
from ingest.previews.matching import Candidate, TrackQuery

logger = logging.getLogger(__name__)

Source = Literal["spotify", "deezer", "itunes"]
SOURCE_ORDER: tuple[Source, ...] = ("spotify", "deezer", "itunes")
_FINDERS: dict[Source, Callable[..., Candidate | None]] = {
    "deezer": deezer_preview_find,
    "itunes": itunes_preview_find,
}
_FORMATS: dict[Source, Literal["mp3", "m4a"]] = {"spotify": "mp3", "deezer": "mp3", "itunes": "m4a"}


@dataclass(frozen=True)
class ResolvedPreview:
    """A preview link just found. Short-lived (Deezer's expire in ~15 min): download it now."""

    source: Source
    url: str
    expected_format: Literal["mp3", "m4a"]
    candidate_title: str
    candidate_artist: str


@dataclass(frozen=True)
class FetchedPreview:
    """A preview downloaded and checked. `format` comes from the file's magic bytes."""

    source: Source
    url: str
    format: str
    content_type: str
    data: bytes
    candidate_title: str
    candidate_artist: str


def _resolve_from(source: Source, query: TrackQuery, spotify_preview_url: str | None) -> ResolvedPreview | None:
    if source == "spotify":
        if not spotify_preview_url:
            return None
        return ResolvedPreview(
            source="spotify",
            url=spotify_preview_url,
            expected_format="mp3",
            candidate_title=query.title,
            candidate_artist=query.lead_artist,
        )
    found = _FINDERS[source](query=query)
    if found is None:
        return None
    return ResolvedPreview(
        source=source,
        url=found.preview_url,
        expected_format=_FORMATS[source],
        candidate_title=found.title,
        candidate_artist=", ".join(found.artists),
    )


def _fell_through(source: Source, query: TrackQuery, error: Exception) -> None:
    logger.warning("preview source %s failed for %s, trying the next: %s", source, query.spotify_id, error)


def preview_resolve(*, query: TrackQuery, spotify_preview_url: str | None = None) -> ResolvedPreview | None:
    """The first source's preview link for the track, or None when every source answered without one.

    Raises the first PreviewSourceRateLimited / PreviewSourceUnavailable when no source had a hit and
    at least one could not answer (see the module's fall-through policy)."""
    failures: list[PreviewSourceError] = []
    for source in SOURCE_ORDER:
        try:
            found = _resolve_from(source, query, spotify_preview_url)
        except PreviewSourceError as error:
            _fell_through(source, query, error)
            failures.append(error)
            continue
        if found is not None:
            return found
    if failures:
        raise failures[0]
    return None


def preview_download(
    *, resolved: ResolvedPreview, query: TrackQuery, max_bytes: int = DEFAULT_MAX_BYTES
) -> FetchedPreview:
    """Download a just-resolved preview. A Deezer link that has expired (403) is resolved once more and
    the fresh link downloaded; a second expiry, like any other refusal, raises PreviewDownloadError."""
    try:
        audio = download_audio(resolved.url, max_bytes=max_bytes, source=resolved.source)
    except PreviewDownloadError as error:
        if error.reason != DownloadRefusal.EXPIRED or resolved.source != "deezer":
            raise
        fresh = _resolve_from("deezer", query, None)
        if fresh is None:
            raise
        logger.info("Deezer preview link for %s expired before download; retrying a fresh one", query.spotify_id)
        resolved = fresh
        audio = download_audio(resolved.url, max_bytes=max_bytes, source=resolved.source)
    return FetchedPreview(
        source=resolved.source,
        url=resolved.url,
        format=audio.format,
        content_type=audio.content_type,
        data=audio.data,
        candidate_title=resolved.candidate_title,
        candidate_artist=resolved.candidate_artist,
    )


def preview_fetch(
    *, query: TrackQuery, spotify_preview_url: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> FetchedPreview | None:
    """Resolve and download at once, source by source, until one gives a usable file.

    None when every source answered and none has the recording. Otherwise raises the first transient
    error (PreviewSourceRateLimited / PreviewSourceUnavailable) if any source failed that way, else the
    first PreviewDownloadError."""
    failures: list[PreviewSourceError] = []
    refusals: list[PreviewDownloadError] = []
    for source in SOURCE_ORDER:
        try:
            resolved = _resolve_from(source, query, spotify_preview_url)
            if resolved is not None:
                return preview_download(resolved=resolved, query=query, max_bytes=max_bytes)
        except PreviewSourceError as error:
            _fell_through(source, query, error)
            failures.append(error)
        except PreviewDownloadError as error:
            _fell_through(source, query, error)
            refusals.append(error)
    if failures:
        raise failures[0]
    if refusals:
        raise refusals[0]
    return None
