"""The demo catalogue: counts, tiers, families, determinism, idempotence, speed."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count

from sandbox.catalogue.generate import generate
from sandbox.ids import is_base62_id
from sandbox.models import Album, App, Artist, Listener, Tier, TimeRange, TopTrack, Track
from sandbox.music.families import FAMILY_NAMES
from sandbox.services.seed import sandbox_seed
from sandbox.testing import seed_catalogue

pytestmark = pytest.mark.django_db


def test_the_seed_meets_the_catalogue_counts():
    started = time.perf_counter()
    seed_catalogue()
    assert time.perf_counter() - started < 5

    established = Artist.objects.filter(tier=Tier.ESTABLISHED)
    emerging = Artist.objects.filter(tier=Tier.EMERGING)
    assert established.count() >= 40
    assert emerging.count() >= 60
    assert all(a.followers >= 200_000 and a.popularity >= 60 for a in established)
    assert all(50 <= a.followers <= 20_000 and a.popularity < 40 for a in emerging)
    assert Track.objects.filter(album__artist__tier=Tier.EMERGING).count() >= 300
    assert set(Track.objects.values_list("style_family", flat=True)) == set(FAMILY_NAMES)
    per_family = Track.objects.values("style_family").annotate(n=Count("id"))
    assert min(row["n"] for row in per_family) >= 30
    for model in (Artist, Album, Track):
        assert all(is_base62_id(pk) for pk in model.objects.values_list("id", flat=True))
    assert Artist.objects.values("name").distinct().count() == Artist.objects.count()


def test_each_listener_has_fifty_top_tracks_per_range_leaning_to_their_families():
    seed_catalogue()
    listeners = Listener.objects.all()
    assert listeners.count() >= 6
    for listener in listeners:
        families: dict[str, int] = {}
        for time_range in TimeRange.values:
            rows = TopTrack.objects.filter(listener=listener, time_range=time_range).select_related("track")
            assert sorted(row.rank for row in rows) == list(range(1, 51))
            for row in rows:
                families[row.track.style_family] = families.get(row.track.style_family, 0) + 1
        top_three = sorted(families.values(), reverse=True)[:3]
        assert sum(top_three) >= 0.8 * 150


def test_the_demo_app_is_registered_in_extended_quota_with_the_site_callback():
    seed_catalogue()
    app = App.objects.get(client_id=settings.SPOTIFY_CLIENT_ID)
    assert app.development_mode is False
    assert app.redirect_uris == [f"{settings.SITE_URL}/accounts/spotify/login/callback/"]
    assert app.client_secret_hash != settings.SPOTIFY_CLIENT_SECRET
    assert app.allowlist.count() == 5


def test_seeding_twice_changes_nothing_and_reset_rebuilds_the_same_world():
    first = sandbox_seed()
    track_ids = set(Track.objects.values_list("id", flat=True))
    assert sandbox_seed() == first
    call_command("sandbox_seed", "--reset", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(Track.objects.values_list("id", flat=True)) == track_ids


def test_generation_is_deterministic():
    one, two = generate(), generate()
    assert [t.name for t in one.tracks] == [t.name for t in two.tracks]
    assert [listener.top for listener in one.listeners] == [listener.top for listener in two.listeners]
    assert generate(seed=1).tracks[0].id != one.tracks[0].id
