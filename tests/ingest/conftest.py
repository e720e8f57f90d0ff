"""Small sandbox listeners whose top tracks exercise each way of finding a preview."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from config.celery import app as celery_app
from sandbox.mirrors import availability
from sandbox.models import Listener, TopTrack, Track
from tests.conftest import connect_listener


def tracks_where(predicate, count: int, *, skip: int = 0) -> list[Track]:
    chosen = [track for track in Track.objects.order_by("id") if predicate(track.id)]
    assert len(chosen) >= skip + count, "the demo catalogue has too few tracks of this kind"
    return chosen[skip : skip + count]


def on_deezer_with_preview(track_id: str) -> bool:
    return availability.on_deezer(track_id) and not availability.deezer_preview_blank(track_id)


def itunes_only(track_id: str) -> bool:
    return not availability.on_deezer(track_id) and availability.on_itunes(track_id)


def nowhere(track_id: str) -> bool:
    return not availability.on_deezer(track_id) and not availability.on_itunes(track_id)


def sandbox_listener(listener_id: str, by_range: dict[str, list[Track]]) -> str:
    """A sandbox listener whose Spotify top tracks are exactly `by_range`."""
    Listener.objects.create(id=listener_id, display_name=listener_id.title(), has_avatar=False)
    TopTrack.objects.bulk_create(
        TopTrack(listener_id=listener_id, time_range=time_range, rank=rank, track=track)
        for time_range, tracks in by_range.items()
        for rank, track in enumerate(tracks, start=1)
    )
    return listener_id


@pytest.fixture
def eager_tasks():
    """Run Celery tasks in-process where a test drives a job without a worker."""
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture
def small_listener(sandbox_catalogue):
    """A listener with 5 distinct tracks over the three ranges: 3 on Deezer, 1 on iTunes only, 1 nowhere,
    two of them in two ranges. Returns (client, user, tracks by kind)."""
    deezer = tracks_where(on_deezer_with_preview, 3)
    itunes = tracks_where(itunes_only, 1)
    missing = tracks_where(nowhere, 1)
    listener_id = sandbox_listener(
        "small.listener",
        {
            "short_term": [deezer[0], itunes[0], deezer[1]],
            "medium_term": [deezer[1], missing[0]],
            "long_term": [deezer[2], deezer[0]],
        },
    )
    user, _ = connect_listener(listener_id)
    client = Client()
    client.force_login(user)
    return client, user, {"deezer": deezer, "itunes": itunes, "nowhere": missing}


def make_user(name: str):
    return get_user_model().objects.create_user(username=name)
