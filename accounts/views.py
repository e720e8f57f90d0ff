from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts import selectors, services
from accounts.spotify.errors import (
    SpotifyForbidden,
    SpotifyNotConnected,
    SpotifyRateLimited,
    SpotifyReauthRequired,
    SpotifyUnavailable,
)

DEFAULT_RANGE = "short_term"


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "accounts/landing.html")
    time_range = request.GET.get("range", DEFAULT_RANGE)
    if time_range not in selectors.TIME_RANGES:
        time_range = DEFAULT_RANGE
    tracks_context = _top_tracks_context(request, time_range)
    context = {
        # Read after the Spotify call, which may have just found the sign-in revoked.
        "connection": selectors.spotify_connection_of(user=request.user),
        "time_ranges": selectors.TIME_RANGES,
        **tracks_context,
    }
    template = "accounts/home.html#top-tracks" if request.htmx else "accounts/home.html"
    return render(request, template, context)


def _top_tracks_context(request: HttpRequest, time_range: str) -> dict:
    """The tracks, or the reason there are none; a Spotify failure never becomes a 500 page."""
    context: dict = {"time_range": time_range, "time_range_label": selectors.TIME_RANGES[time_range], "tracks": []}
    try:
        context["tracks"] = selectors.top_tracks_for(user=request.user, time_range=time_range)
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


@require_GET
def spotify_not_allowed(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/not_allowed.html", status=403)


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "accounts/delete.html")
    services.account_delete(user=request.user)
    logout(request)
    messages.success(request, "Your Undercurrent account and everything it held are deleted.")
    return redirect("home")
