"""Write the generated demo catalogue, demo listeners and the demo app into the sandbox tables."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from sandbox.catalogue.generate import SEED, generate
from sandbox.models import (
    DEVELOPMENT_MODE_MAX_USERS,
    Album,
    App,
    Artist,
    FaultRule,
    Listener,
    Playlist,
    TopTrack,
    Track,
    TrackArtist,
)
from sandbox.services.auth import app_register

DEMO_APP_NAME = "Undercurrent"


@dataclass(frozen=True)
class SeedSummary:
    app_client_id: str
    listeners: int
    artists: int
    albums: int
    tracks: int
    top_tracks: int


def demo_redirect_uri() -> str:
    return f"{settings.SITE_URL.rstrip('/')}/accounts/spotify/login/callback/"


def sandbox_reset() -> None:
    """Wipe every sandbox table (apps, listeners, catalogue, grants, playlists, faults)."""
    with transaction.atomic():
        App.objects.all().delete()
        Playlist.objects.all().delete()
        Listener.objects.all().delete()
        Artist.objects.all().delete()
        FaultRule.objects.all().delete()


def sandbox_seed(*, reset: bool = False, seed: int = SEED) -> SeedSummary:
    """Idempotent: ids derive from the seed, so a second run inserts nothing new."""
    catalogue = generate(seed)
    with transaction.atomic():
        if reset:
            sandbox_reset()
        app = app_register(
            client_id=settings.SPOTIFY_CLIENT_ID,
            client_secret=settings.SPOTIFY_CLIENT_SECRET,
            name=DEMO_APP_NAME,
            redirect_uris=[demo_redirect_uri()],
            # Extended quota, so every demo listener can sign in; tests switch development mode on.
            development_mode=False,
        )
        Listener.objects.bulk_create(
            [
                Listener(
                    id=each.id, display_name=each.display_name, has_avatar=each.has_avatar, followers=each.followers
                )
                for each in catalogue.listeners
            ],
            ignore_conflicts=True,
        )
        Artist.objects.bulk_create(
            [
                Artist(
                    id=a.id, name=a.name, genres=a.genres, followers=a.followers, popularity=a.popularity, tier=a.tier
                )
                for a in catalogue.artists
            ],
            ignore_conflicts=True,
        )
        Album.objects.bulk_create(
            [
                Album(
                    id=a.id,
                    name=a.name,
                    artist_id=a.artist_id,
                    album_type=a.album_type,
                    release_date=a.release_date,
                    release_date_precision=a.release_date_precision,
                    total_tracks=a.total_tracks,
                )
                for a in catalogue.albums
            ],
            ignore_conflicts=True,
        )
        Track.objects.bulk_create(
            [
                Track(
                    id=t.id,
                    name=t.name,
                    album_id=t.album_id,
                    duration_ms=t.duration_ms,
                    explicit=t.explicit,
                    disc_number=1,
                    track_number=t.track_number,
                    popularity=t.popularity,
                    isrc=t.isrc,
                    style_family=t.style_family,
                )
                for t in catalogue.tracks
            ],
            ignore_conflicts=True,
            batch_size=500,
        )
        TrackArtist.objects.bulk_create(
            [
                TrackArtist(track_id=t.id, artist_id=artist_id, position=position)
                for t in catalogue.tracks
                for position, artist_id in enumerate(t.artist_ids)
            ],
            ignore_conflicts=True,
            batch_size=500,
        )
        TopTrack.objects.bulk_create(
            [
                TopTrack(listener_id=each.id, time_range=time_range, rank=rank, track_id=track_id)
                for each in catalogue.listeners
                for time_range, track_ids in each.top.items()
                for rank, track_id in enumerate(track_ids, start=1)
            ],
            ignore_conflicts=True,
            batch_size=500,
        )
        # The allowlist names the first five listeners, so a test that turns development mode on has
        # listeners both on and off it.
        app.allowlist.add(*[each.id for each in catalogue.listeners[:DEVELOPMENT_MODE_MAX_USERS]])
    return SeedSummary(
        app_client_id=app.client_id,
        listeners=Listener.objects.count(),
        artists=Artist.objects.count(),
        albums=Album.objects.count(),
        tracks=Track.objects.count(),
        top_tracks=TopTrack.objects.count(),
    )
