from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from ingest import selectors, services
from ingest.models import IngestJob, TrackAudio

CLIP_CONTENT_TYPES = {"mp3": "audio/mpeg", "m4a": "audio/mp4"}


@login_required
@require_POST
def ingest_start(request: HttpRequest) -> HttpResponse:
    job, _ = services.ingest_job_start(user=request.user)
    if request.htmx:
        response = render(request, "ingest/_progress.html", {"progress": selectors.ingest_progress(job=job)})
        if not job.is_active:
            # Nothing left to analyse, so it is already over: show the tracks with their results.
            response["HX-Refresh"] = "true"
        return response
    return redirect("home")


@login_required
@require_GET
def ingest_progress(request: HttpRequest, job_id: int) -> HttpResponse:
    job = get_object_or_404(IngestJob, pk=job_id, user=request.user)
    response = render(request, "ingest/_progress.html", {"progress": selectors.ingest_progress(job=job)})
    if request.htmx and request.GET.get("was") == "active" and not job.is_active:
        # The job just ended: reload the page so the track list shows its spectrograms and states.
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_GET
def track_spectrogram(request: HttpRequest, spotify_id: str) -> FileResponse:
    row = get_object_or_404(TrackAudio, track__spotify_id=spotify_id)
    if not row.spectrogram:
        raise Http404("no spectrogram for this track")
    response = FileResponse(default_storage.open(row.spectrogram.name, "rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=86400"
    return response


@login_required
@require_GET
def track_clip(request: HttpRequest, spotify_id: str) -> FileResponse:
    """Our kept copy of the preview, for the page's player: never the source's expiring URL."""
    row = get_object_or_404(TrackAudio, track__spotify_id=spotify_id)
    if not row.clip:
        raise Http404("no preview kept for this track")
    response = FileResponse(
        default_storage.open(row.clip.name, "rb"), content_type=CLIP_CONTENT_TYPES.get(row.clip_format, "audio/mpeg")
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response
