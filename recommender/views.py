from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts import selectors as account_selectors
from accounts.spotify.errors import (
    SpotifyForbidden,
    SpotifyNotConnected,
    SpotifyRateLimited,
    SpotifyReauthRequired,
    SpotifyUnavailable,
)
from ingest import selectors as ingest_selectors

DEFAULT_RANGE = "short_term"


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "recommender/landing.html")
    time_range = request.GET.get("range", DEFAULT_RANGE)
    if time_range not in account_selectors.TIME_RANGES:
        time_range = DEFAULT_RANGE
    tracks_context = _top_tracks_context(request, time_range)
    job = ingest_selectors.ingest_job_latest(user=request.user)
    context = {
        # Read after any Spotify call, which may have just found the sign-in revoked.
        "connection": account_selectors.spotify_connection_of(user=request.user),
        "time_ranges": account_selectors.TIME_RANGES,
        "progress": ingest_selectors.ingest_progress(job=job) if job else None,
        **tracks_context,
    }
    template = "recommender/home.html#top-tracks" if request.htmx else "recommender/home.html"
    return render(request, template, context)


def _top_tracks_context(request: HttpRequest, time_range: str) -> dict:
    """The tracks, or the reason there are none; a Spotify failure never becomes a 500 page.

    Once an analysis has run, the stored top tracks (with their spectrograms) are shown without asking
    Spotify again; before that, the live list.
    """
    context: dict = {
        "time_range": time_range,
        "time_range_label": account_selectors.TIME_RANGES[time_range],
        "tracks": [],
        "analysed_tracks": None,
    }
    if ingest_selectors.has_analysed_profile(user=request.user):
        context["analysed_tracks"] = ingest_selectors.top_tracks_analysed(user=request.user, time_range=time_range)
        return context
    try:
        context["tracks"] = account_selectors.top_tracks_for(user=request.user, time_range=time_range)
    except SpotifyRateLimited as error:
        # Never sleep inside the request: the page asks the browser to come back after Retry-After.
        context["retry_after"] = error.retry_after
    except SpotifyReauthRequired:
        context["needs_sign_in"] = True
    except SpotifyNotConnected:
        context["not_connected"] = True
    except SpotifyForbidden as error:
        context["forbidden"] = error.message
    except SpotifyUnavailable:
        context["unavailable"] = True
    return context
