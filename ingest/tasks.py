"""Thin Celery tasks: take ids, call one service, turn outside trouble into a well-timed retry."""

from __future__ import annotations

import logging
import random

from celery import shared_task
from celery.signals import worker_process_init, worker_process_shutdown, worker_ready

from accounts.spotify.errors import (
    SpotifyForbidden,
    SpotifyNotConnected,
    SpotifyRateLimited,
    SpotifyReauthRequired,
    SpotifyUnavailable,
)
from ingest import audio, services
from ingest.previews.errors import PreviewSourceRateLimited, PreviewSourceUnavailable
from ingest.previews.http import connections_close

logger = logging.getLogger(__name__)

MAX_RETRIES = 5
BACKOFF_BASE_S = 2.0
BACKOFF_CAP_S = 120.0


def backoff_seconds(retries: int) -> float:
    """Capped exponential backoff with full jitter, so many failed tasks do not return in lockstep."""
    return random.uniform(0.5, 1.0) * min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2**retries)


def after_rate_limit(retry_after: int) -> float:
    # Honour Retry-After, plus a little jitter so the rescheduled tasks do not all arrive at once.
    return retry_after + random.uniform(0.0, 1.0)


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True, soft_time_limit=60, time_limit=90)
def ingest_job_run(self, job_id: int) -> None:
    try:
        pending = services.ingest_job_fetch(job_id=job_id)
    except SpotifyRateLimited as error:
        if self.request.retries >= self.max_retries:
            services.ingest_job_fail(job_id=job_id, error="Spotify kept asking us to wait; try again later.")
            return
        raise self.retry(countdown=after_rate_limit(error.retry_after)) from None
    except SpotifyUnavailable as error:
        if self.request.retries >= self.max_retries:
            services.ingest_job_fail(job_id=job_id, error=f"Spotify stayed unavailable: {error}")
            return
        raise self.retry(countdown=backoff_seconds(self.request.retries)) from None
    except SpotifyReauthRequired:
        services.ingest_job_fail(job_id=job_id, error="Spotify needs you to sign in again.")
        return
    except (SpotifyNotConnected, SpotifyForbidden) as error:
        services.ingest_job_fail(job_id=job_id, error=f"Spotify refused: {error}")
        return
    for track_id in pending:
        track_analyse.delay(track_id)


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True, soft_time_limit=60, time_limit=90)
def track_analyse(self, track_id: int) -> None:
    try:
        services.track_analyse(track_id=track_id)
    except PreviewSourceRateLimited as error:
        if self.request.retries >= self.max_retries:
            services.track_give_up(track_id=track_id, detail=f"{error.source} kept asking us to wait")
            return
        raise self.retry(countdown=after_rate_limit(error.retry_after)) from None
    except PreviewSourceUnavailable as error:
        if self.request.retries >= self.max_retries:
            services.track_give_up(track_id=track_id, detail=f"{error.source} stayed unavailable")
            return
        raise self.retry(countdown=backoff_seconds(self.request.retries)) from None


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def ingest_jobs_resume() -> int:
    return services.ingest_jobs_resume()


@shared_task(acks_late=True, soft_time_limit=300, time_limit=330)
def embedding_stats_fit() -> None:
    services.embedding_stats_fit()


@shared_task(acks_late=True, soft_time_limit=300, time_limit=330)
def clips_expire() -> int:
    return services.clips_expire()


@worker_ready.connect
def resume_after_restart(sender=None, **kwargs) -> None:
    """A worker that comes back picks up whatever a killed one left half done."""
    ingest_jobs_resume.delay()


@worker_process_init.connect
def keep_freed_audio_memory(**kwargs) -> None:
    # Each clip allocates and frees the same large arrays; keeping them mapped saves ~15% per clip.
    audio.retain_freed_memory()


@worker_process_shutdown.connect
def close_preview_connections(**kwargs) -> None:
    connections_close()
