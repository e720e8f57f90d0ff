"""Turn one track into audio, a spectrogram and an embedding, once, whoever asks first."""

from __future__ import annotations

import logging
from datetime import timedelta

import numpy as np
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import F, Q
from django.utils import timezone

from ingest import audio
from ingest.models import Embedding, TrackAudio
from ingest.previews.errors import PreviewDownloadError
from ingest.previews.matching import TrackQuery
from ingest.previews.resolve import preview_fetch
from ingest.services.jobs import ingest_tracks_settled

logger = logging.getLogger(__name__)

PREVIEW_MAX_BYTES = 5_000_000
# Claims of one track before it is settled as failed: retries of transient errors are the task's
# (at most 5), so only crashes and bugs reach this.
MAX_ATTEMPTS = 8


def track_analyse(*, track_id: int) -> TrackAudio | None:
    """Find, fetch, decode and analyse a track's preview; record the outcome for every job waiting on it.

    Returns the settled TrackAudio, or None when another worker holds the track (it settles the jobs).
    Raises the preview sources' transient errors (rate limit, outage) for the task to retry later; the
    claim is released first so the retry, or another worker, can take the track.
    """
    audio_row = TrackAudio.objects.select_related("track").get(track_id=track_id)
    if audio_row.is_final:
        ingest_tracks_settled(track_ids=[track_id])
        return audio_row
    now = timezone.now()
    claimed = (
        TrackAudio.objects.filter(pk=audio_row.pk, state=TrackAudio.State.PENDING)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + timedelta(seconds=settings.INGEST_CLAIM_SECONDS), attempts=F("attempts") + 1)
    )
    if not claimed:
        return None
    audio_row.refresh_from_db()
    if audio_row.attempts > MAX_ATTEMPTS:
        # Each claim counts: a track that kept killing its worker or hitting a bug must not loop forever.
        outcome = _settle(
            audio_row, TrackAudio.State.UNAVAILABLE, reason="failed", detail=f"Gave up after {MAX_ATTEMPTS} attempts"
        )
        ingest_tracks_settled(track_ids=[track_id])
        return outcome
    try:
        outcome = _analyse(audio_row)
    except BaseException:
        TrackAudio.objects.filter(pk=audio_row.pk).update(claimed_until=None)
        raise
    ingest_tracks_settled(track_ids=[track_id])
    return outcome


def track_give_up(*, track_id: int, detail: str) -> None:
    """The sources stayed unavailable through every retry: settle the track so its jobs can finish."""
    TrackAudio.objects.filter(track_id=track_id, state=TrackAudio.State.PENDING).update(
        state=TrackAudio.State.UNAVAILABLE, reason="source_unavailable", detail=detail[:500], claimed_until=None
    )
    ingest_tracks_settled(track_ids=[track_id])


def _analyse(row: TrackAudio) -> TrackAudio:
    track = row.track
    clip = _stored_clip(row)
    if clip is None:
        query = TrackQuery(
            spotify_id=track.spotify_id,
            title=track.name,
            artists=list(track.artists),
            duration_ms=track.duration_ms,
            isrc=track.isrc or None,
        )
        try:
            fetched = preview_fetch(
                query=query, spotify_preview_url=track.spotify_preview_url or None, max_bytes=PREVIEW_MAX_BYTES
            )
        except PreviewDownloadError as error:
            return _settle(row, TrackAudio.State.UNREADABLE, reason=error.reason, detail=str(error))
        if fetched is None:
            return _settle(
                row, TrackAudio.State.NO_PREVIEW, reason="no_preview", detail="No preview on Spotify, Deezer or iTunes"
            )
        clip = (fetched.data, fetched.format, fetched.source)
        _store_clip(row, data=fetched.data, fmt=fetched.format, source=fetched.source)
    data, _, _ = clip
    try:
        analysis = audio.clip_analyse(data, max_bytes=PREVIEW_MAX_BYTES)
    except audio.AudioError as error:
        return _settle(row, TrackAudio.State.UNREADABLE, reason=str(error.reason), detail=error.message)
    _store_analysis(row, analysis)
    return _settle(row, TrackAudio.State.READY)


def _stored_clip(row: TrackAudio) -> tuple[bytes, str, str] | None:
    """Our kept copy, when it is still within its retention period: a re-run downloads nothing."""
    if not row.clip or (row.clip_expires_at and row.clip_expires_at < timezone.now()):
        return None
    try:
        with default_storage.open(row.clip.name, "rb") as handle:
            return handle.read(), row.clip_format, row.source
    except FileNotFoundError:
        return None


def _store_clip(row: TrackAudio, *, data: bytes, fmt: str, source: str) -> None:
    name = f"clips/{row.track.spotify_id}.{fmt}"
    if default_storage.exists(name):
        default_storage.delete(name)
    row.clip.name = default_storage.save(name, ContentFile(data))
    row.clip_format = fmt
    row.source = source
    row.clip_expires_at = timezone.now() + timedelta(days=settings.CLIP_RETENTION_DAYS)
    row.save(update_fields=["clip", "clip_format", "source", "clip_expires_at", "updated_at"])


def _store_analysis(row: TrackAudio, analysis: audio.Analysis) -> None:
    name = f"spectrograms/{row.track.spotify_id}.png"
    if default_storage.exists(name):
        default_storage.delete(name)
    row.spectrogram.name = default_storage.save(name, ContentFile(audio.spectrogram_png(analysis.logmel)))
    row.tempo = float(analysis.tempo)
    Embedding.objects.update_or_create(
        track=row.track,
        version=analysis.version,
        defaults={"vector": np.asarray(analysis.raw, dtype=np.float32).tobytes()},
    )


def _settle(row: TrackAudio, state: str, *, reason: str = "", detail: str = "") -> TrackAudio:
    row.state = state
    row.reason = reason
    row.detail = detail[:500]
    row.claimed_until = None
    row.analysed_at = timezone.now()
    fields = ["state", "reason", "detail", "claimed_until", "analysed_at", "spectrogram", "tempo", "updated_at"]
    row.save(update_fields=fields)
    return row


def clips_expire() -> int:
    """Delete kept clips past their retention period; analyses and spectrograms stay."""
    expired = TrackAudio.objects.filter(clip_expires_at__lt=timezone.now()).exclude(clip="")
    count = 0
    for row in expired:
        default_storage.delete(row.clip.name)
        TrackAudio.objects.filter(pk=row.pk).update(clip="", clip_expires_at=None)
        count += 1
    return count
