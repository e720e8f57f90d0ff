"""Reads for the pages: a job's progress, and a listener's analysed top tracks."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count

from ingest.models import IngestJob, TopTrack, TrackAudio

REASON_LABELS = {
    "no_preview": "no preview anywhere",
    "corrupt": "audio unreadable (corrupt)",
    "empty": "audio unreadable (empty)",
    "silent": "audio unreadable (silent)",
    "too_short": "audio unreadable (too short)",
    "too_large": "audio too large",
    "unsupported_format": "audio unreadable (format)",
    "not_audio": "download was not audio",
    "download_failed": "download failed",
    "expired": "preview link expired",
    "source_unavailable": "preview services unavailable",
    "failed": "analysis kept failing",
}


@dataclass(frozen=True)
class Progress:
    job: IngestJob
    tracks_found: int
    previews_found: int
    analysed: int
    done: int
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    @property
    def percent(self) -> int:
        if not self.tracks_found:
            return 0 if self.job.is_active else 100
        return round(100 * self.done / self.tracks_found)


def ingest_job_latest(*, user: AbstractBaseUser) -> IngestJob | None:
    return IngestJob.objects.filter(user=user).order_by("-created_at").first()


def ingest_progress(*, job: IngestJob) -> Progress:
    items = job.items.all()
    states = Counter()
    reasons: Counter[str] = Counter()
    done = 0
    rows = (
        TrackAudio.objects.filter(track_id__in=items.values("track_id"))
        .values("state", "reason")
        .annotate(count=Count("pk"))
    )
    for row in rows:
        states[row["state"]] += row["count"]
        if row["state"] not in (TrackAudio.State.PENDING, TrackAudio.State.READY):
            reasons[REASON_LABELS.get(row["reason"], row["reason"] or row["state"])] += row["count"]
    done = items.filter(done=True).count()
    return Progress(
        job=job,
        tracks_found=items.count(),
        previews_found=states[TrackAudio.State.READY] + states[TrackAudio.State.UNREADABLE],
        analysed=states[TrackAudio.State.READY],
        done=done,
        skipped=dict(reasons.most_common()),
    )


def top_tracks_analysed(*, user: AbstractBaseUser, time_range: str) -> list[TopTrack]:
    """The listener's stored top tracks with their audio state, as the last job recorded them."""
    return list(
        TopTrack.objects.filter(user=user, time_range=time_range)
        .select_related("track", "track__audio")
        .order_by("rank")
    )


def has_analysed_profile(*, user: AbstractBaseUser) -> bool:
    """Whether an analysis has recorded the listener's top tracks (possibly none at all)."""
    return (
        TopTrack.objects.filter(user=user).exists()
        or IngestJob.objects.filter(user=user, state=IngestJob.State.DONE).exists()
    )
