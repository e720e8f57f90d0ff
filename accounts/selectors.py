"""Reads of a listener's Spotify data, as plain data for the templates."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache

from accounts.models import SpotifyConnection
from accounts.spotify.calls import spotify_call
from accounts.spotify.shapes import album_image_url

TIME_RANGES: dict[str, str] = {
    "short_term": "Last 4 weeks",
    "medium_term": "Last 6 months",
    "long_term": "All time",
}
TOP_TRACKS_LIMIT = 50
# Top tracks move slowly; a short cache spares Spotify's rate limit when a listener flips tabs.
TOP_TRACKS_CACHE_SECONDS = 300


@dataclass(frozen=True)
class TrackSummary:
    spotify_id: str
    name: str
    artists: str
    album: str
    image_url: str
    duration_ms: int
    spotify_url: str

    @property
    def duration(self) -> str:
        seconds = self.duration_ms // 1000
        return f"{seconds // 60}:{seconds % 60:02d}"


def spotify_connection_of(*, user: AbstractBaseUser) -> SpotifyConnection | None:
    return SpotifyConnection.objects.filter(user=user).first()


def top_tracks_items(*, user: AbstractBaseUser, time_range: str, limit: int = TOP_TRACKS_LIMIT) -> list[dict]:
    """Spotify's track objects of the listener's top tracks for one time range, following every page up to
    `limit`. Local files have no id and no audio anyone can find: they are left out."""
    if time_range not in TIME_RANGES:
        raise ValueError(f"unknown time range {time_range!r}")

    def fetch(client) -> list[dict]:
        page = client.current_user_top_tracks(limit=min(limit, 50), offset=0, time_range=time_range)
        items = list(page["items"])
        while page.get("next") and len(items) < limit:
            page = client.next(page)
            items.extend(page["items"])
        return items[:limit]

    return [item for item in spotify_call(user=user, operation=fetch) if item.get("id") and not item.get("is_local")]


def top_tracks_for(*, user: AbstractBaseUser, time_range: str, limit: int = TOP_TRACKS_LIMIT) -> list[TrackSummary]:
    """The listener's top tracks for one time range, for the page (cached briefly)."""
    key = f"top-tracks:{user.pk}:{time_range}:{limit}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    tracks = [_summary(item) for item in top_tracks_items(user=user, time_range=time_range, limit=limit)]
    cache.set(key, tracks, TOP_TRACKS_CACHE_SECONDS)
    return tracks


def _summary(track: dict) -> TrackSummary:
    return TrackSummary(
        spotify_id=track["id"],
        name=track["name"],
        artists=", ".join(artist["name"] for artist in track.get("artists", [])),
        album=track.get("album", {}).get("name", ""),
        # 300 px is sharp at the row's 56 px on a high-density screen.
        image_url=album_image_url(track.get("album") or {}),
        duration_ms=int(track.get("duration_ms") or 0),
        spotify_url=(track.get("external_urls") or {}).get("spotify", ""),
    )
