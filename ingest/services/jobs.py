"""The "Analyse my taste" job: start it once, read the listener's top tracks, fan out, finish."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from accounts.selectors import top_tracks_items
from accounts.spotify.shapes import album_image_url
from ingest import audio
from ingest.models import IngestJob, IngestJobTrack, TopTrack, Track, TrackAudio

logger = logging.getLogger(__name__)

TOP_TRACKS_PER_RANGE = 50


def ingest_job_start(*, user: AbstractBaseUser) -> tuple[IngestJob, bool]:
    """The listener's active job, or a new one queued after commit. Returns (job, created).

    The partial unique constraint makes a double click (or two tabs) join the running job even when
    both requests race past the first lookup.
    """
    from ingest.tasks import ingest_job_run

    active = IngestJob.objects.filter(user=user, state__in=IngestJob.ACTIVE_STATES).first()
    if active is not None:
        return active, False
    try:
        with transaction.atomic():
            job = IngestJob.objects.create(user=user)
            transaction.on_commit(lambda: ingest_job_run.delay(job.pk))
    except IntegrityError:
        return IngestJob.objects.get(user=user, state__in=IngestJob.ACTIVE_STATES), False
    return job, True


def ingest_job_fetch(*, job_id: int) -> list[int]:
    """Read the listener's top tracks (three time ranges, every page), record them, and return the ids
    of tracks still to analyse. Safe to run twice: a redelivered task rebuilds the same rows."""
    job = IngestJob.objects.select_related("user").get(pk=job_id)
    if not job.is_active:
        return []
    started = time.monotonic()
    if job.started_at is None:
        IngestJob.objects.filter(pk=job.pk).update(state=IngestJob.State.RUNNING, started_at=timezone.now())

    by_range = {
        time_range: top_tracks_items(user=job.user, time_range=time_range, limit=TOP_TRACKS_PER_RANGE)
        for time_range in TopTrack.TimeRange.values
    }
    with transaction.atomic():
        tracks = tracks_upsert([item for items in by_range.values() for item in items])
        TopTrack.objects.filter(user=job.user).delete()
        TopTrack.objects.bulk_create(
            TopTrack(user=job.user, track=tracks[item["id"]], time_range=time_range, rank=rank)
            for time_range, items in by_range.items()
            for rank, item in enumerate(items, start=1)
        )
        distinct = list(tracks.values())
        audio_known = set(TrackAudio.objects.filter(track__in=distinct).values_list("track_id", flat=True))
        TrackAudio.objects.bulk_create([TrackAudio(track=t) for t in distinct if t.pk not in audio_known])
        # Tracks analysed under an older embedding version are analysed again (from their kept clip).
        tracks_outdated_reopen(track_ids=[t.pk for t in distinct])
        final = set(
            TrackAudio.objects.filter(track__in=distinct)
            .exclude(state=TrackAudio.State.PENDING)
            .values_list("track_id", flat=True)
        )
        IngestJobTrack.objects.bulk_create(
            [IngestJobTrack(job=job, track=t, done=t.pk in final) for t in distinct], ignore_conflicts=True
        )
        # A redelivered fetch must not undo progress another task already made.
        IngestJobTrack.objects.filter(job=job, track_id__in=final).update(done=True)
        job.track_slots = sum(len(items) for items in by_range.values())
        job.state = IngestJob.State.RUNNING
        job.timings = {**job.timings, "fetch_s": round(time.monotonic() - started, 3)}
        job.save(update_fields=["track_slots", "state", "timings"])
    ingest_job_finish_if_complete(job_id=job.pk)
    return [t.pk for t in distinct if t.pk not in final]


def tracks_upsert(items: list[dict]) -> dict[str, Track]:
    fields = {}
    for item in items:
        album = item.get("album") or {}
        fields[item["id"]] = {
            "name": item.get("name", "")[:512],
            "artists": [artist.get("name", "") for artist in item.get("artists", [])],
            "artist_ids": [artist.get("id", "") for artist in item.get("artists", [])],
            "album_name": album.get("name", "")[:512],
            "image_url": album_image_url(album),
            "duration_ms": int(item.get("duration_ms") or 0),
            "isrc": ((item.get("external_ids") or {}).get("isrc") or "")[:16],
            "spotify_preview_url": item.get("preview_url") or "",
        }
    existing = {track.spotify_id: track for track in Track.objects.filter(spotify_id__in=fields)}
    Track.objects.bulk_create(
        [Track(spotify_id=spotify_id, **values) for spotify_id, values in fields.items() if spotify_id not in existing],
        ignore_conflicts=True,
    )
    changed = []
    for spotify_id, track in existing.items():
        values = fields[spotify_id]
        if any(getattr(track, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(track, key, value)
            changed.append(track)
    if changed:
        Track.objects.bulk_update(changed, list(next(iter(fields.values())).keys()))
    return {track.spotify_id: track for track in Track.objects.filter(spotify_id__in=fields)}


def tracks_outdated_reopen(*, track_ids: list[int] | None = None) -> list[int]:
    """Send analysed tracks that lack the current embedding version back to the queue.

    Their kept clip (while within retention) is analysed again without a download, and the new version's
    embedding is stored beside the old one. Returns the reopened track ids.
    """
    outdated = TrackAudio.objects.filter(state=TrackAudio.State.READY).exclude(
        track__embeddings__version=audio.EMBEDDING_VERSION
    )
    if track_ids is not None:
        outdated = outdated.filter(track_id__in=track_ids)
    reopened = list(outdated.values_list("track_id", flat=True))
    TrackAudio.objects.filter(track_id__in=reopened, state=TrackAudio.State.READY).update(
        state=TrackAudio.State.PENDING, attempts=0, claimed_until=None
    )
    return reopened


def ingest_tracks_settled(*, track_ids: list[int]) -> None:
    """Mark these tracks done in every active job that waits for them, and finish jobs that are complete."""
    job_ids = set(
        IngestJobTrack.objects.filter(
            track_id__in=track_ids, done=False, job__state__in=IngestJob.ACTIVE_STATES
        ).values_list("job_id", flat=True)
    )
    IngestJobTrack.objects.filter(track_id__in=track_ids, job_id__in=job_ids).update(done=True)
    for job_id in job_ids:
        ingest_job_finish_if_complete(job_id=job_id)


def ingest_job_finish_if_complete(*, job_id: int) -> bool:
    with transaction.atomic():
        job = IngestJob.objects.select_for_update().get(pk=job_id)
        if job.state != IngestJob.State.RUNNING or job.items.filter(done=False).exists():
            return False
        job.state = IngestJob.State.DONE
        job.finished_at = timezone.now()
        if job.started_at:
            job.timings = {**job.timings, "total_s": round((job.finished_at - job.started_at).total_seconds(), 3)}
        job.save(update_fields=["state", "finished_at", "timings"])
    return True


def ingest_job_fail(*, job_id: int, error: str) -> None:
    IngestJob.objects.filter(pk=job_id, state__in=IngestJob.ACTIVE_STATES).update(
        state=IngestJob.State.FAILED, error=error[:500], finished_at=timezone.now()
    )


def ingest_jobs_resume(*, stale_after: timedelta | None = None) -> int:
    """Re-enqueue the work of active jobs that stopped moving (a worker died holding it).

    Called when a worker starts and periodically by beat. A job counts as stopped when none of its
    tracks changed for longer than a worker may hold one (INGEST_CLAIM_SECONDS): a long queue that is
    merely slow keeps moving and gets no duplicates. Tasks are idempotent, so a duplicate that does slip
    through costs a no-op, never a wrong result.
    """
    from ingest.tasks import ingest_job_run, track_analyse

    stale_after = stale_after or timedelta(seconds=settings.INGEST_CLAIM_SECONDS)
    now = timezone.now()
    resent = 0
    for job in IngestJob.objects.filter(state__in=IngestJob.ACTIVE_STATES):
        waiting = job.items.filter(done=False)
        audio_rows = TrackAudio.objects.filter(track_id__in=waiting.values("track_id"))
        last_move = max(
            filter(None, [job.created_at, job.started_at, audio_rows.aggregate(Max("updated_at"))["updated_at__max"]])
        )
        if now - last_move < stale_after:
            continue
        if job.state == IngestJob.State.QUEUED or not job.items.exists():
            ingest_job_run.delay(job.pk)
            resent += 1
            continue
        # Items whose track settled while nobody was listening (a crash between the two writes).
        settled = list(audio_rows.exclude(state=TrackAudio.State.PENDING).values_list("track_id", flat=True))
        if settled:
            ingest_tracks_settled(track_ids=settled)
        stuck = audio_rows.filter(state=TrackAudio.State.PENDING).exclude(claimed_until__gt=now)
        for track_id in stuck.values_list("track_id", flat=True):
            track_analyse.delay(track_id)
            resent += 1
        ingest_job_finish_if_complete(job_id=job.pk)
    return resent
