"""What the ingest job learns about tracks: where their audio came from, its analysis, and job progress."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Track(models.Model):
    """A Spotify track the app has met, a listener's or the emerging catalogue's."""

    spotify_id = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=512)
    artists = models.JSONField(default=list)  # names, in Spotify's order
    artist_ids = models.JSONField(default=list)
    album_name = models.CharField(max_length=512, blank=True)
    image_url = models.URLField(max_length=1024, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    # Only extended-quota Spotify apps get ISRCs and preview URLs; both are optional hints.
    isrc = models.CharField(max_length=16, blank=True)
    spotify_preview_url = models.URLField(max_length=1024, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.name} — {', '.join(self.artists)}"

    @property
    def artist_line(self) -> str:
        return ", ".join(self.artists)


class TopTrack(models.Model):
    class TimeRange(models.TextChoices):
        SHORT = "short_term", "Last 4 weeks"
        MEDIUM = "medium_term", "Last 6 months"
        LONG = "long_term", "All time"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="top_tracks")
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="+")
    time_range = models.CharField(max_length=16, choices=TimeRange.choices)
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["time_range", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["user", "time_range", "rank"], name="top_track_rank_unique"),
        ]

    def __str__(self) -> str:
        return f"#{self.rank} {self.time_range} of {self.user_id}"


class TrackAudio(models.Model):
    """A track's preview and its fate. One row per track, shared by every listener who has it."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting"
        READY = "ready", "Analysed"
        NO_PREVIEW = "no_preview", "No preview anywhere"
        UNREADABLE = "unreadable", "Audio unreadable"
        UNAVAILABLE = "unavailable", "Preview services unavailable"

    track = models.OneToOneField(Track, on_delete=models.CASCADE, related_name="audio")
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    reason = models.CharField(max_length=32, blank=True)  # machine code, e.g. "corrupt", "too_large"
    detail = models.CharField(max_length=500, blank=True)  # for people
    source = models.CharField(max_length=16, blank=True)  # spotify, deezer, itunes
    # Our own copy of the preview (the source's bytes), kept for re-analysis and the page's player.
    clip = models.FileField(upload_to="clips/", blank=True)
    clip_format = models.CharField(max_length=8, blank=True)
    clip_expires_at = models.DateTimeField(null=True, blank=True)
    spectrogram = models.FileField(upload_to="spectrograms/", blank=True)
    tempo = models.FloatField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # A worker holds the track until then; an expired claim means that worker died, and anyone may take over.
    claimed_until = models.DateTimeField(null=True, blank=True)
    analysed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.track} ({self.get_state_display()})"

    @property
    def is_final(self) -> bool:
        return self.state != self.State.PENDING


class Embedding(models.Model):
    """A track's raw feature vector for one embedding version (float32 bytes; standardise before comparing)."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="embeddings")
    version = models.CharField(max_length=64)
    vector = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["track", "version"], name="embedding_track_version_unique")]

    def __str__(self) -> str:
        return f"{self.version} of track {self.track_id}"


class EmbeddingStats(models.Model):
    """Per-dimension standardisation of one embedding version, fitted on the catalogue."""

    version = models.CharField(max_length=64, unique=True)
    parameters = models.JSONField()  # ingest.audio.Standardiser.to_dict()
    fitted_on = models.PositiveIntegerField()
    fitted_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.version} statistics over {self.fitted_on} tracks"


class IngestJob(models.Model):
    """One "Analyse my taste" run for a listener; progress is read from its items, not counters."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    ACTIVE_STATES = (State.QUEUED, State.RUNNING)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ingest_jobs")
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    error = models.CharField(max_length=500, blank=True)
    track_slots = models.PositiveIntegerField(default=0)  # top-track entries over the three time ranges
    timings = models.JSONField(default=dict)  # seconds per phase
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # A second click joins the running job instead of starting another.
            models.UniqueConstraint(
                fields=["user"], condition=Q(state__in=["queued", "running"]), name="one_active_ingest_job_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"Ingest job {self.pk} for {self.user} ({self.state})"

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE_STATES


class IngestJobTrack(models.Model):
    job = models.ForeignKey(IngestJob, on_delete=models.CASCADE, related_name="items")
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="+")
    done = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "track"], name="ingest_job_track_unique")]

    def __str__(self) -> str:
        return f"track {self.track_id} in job {self.job_id}"
