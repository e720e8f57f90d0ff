"""A listener sees only their own data; curators' admin is not for listeners; data can be deleted."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.test import Client

from accounts.models import SpotifyConnection
from sandbox.models import TopTrack
from sandbox.testing import DEMO_LISTENER_IDS
from tests.conftest import connect_listener


def titles_on(page: str) -> list[str]:
    return re.findall(r'<span class="title">([^<]+)</span>', page)


def sandbox_titles(listener_id: str) -> list[str]:
    rows = TopTrack.objects.filter(listener_id=listener_id, time_range="short_term").order_by("rank")
    return [row.track.name for row in rows.select_related("track")]


def test_each_listener_sees_their_own_top_tracks_and_never_anothers(sandbox_catalogue):
    first, _ = connect_listener(DEMO_LISTENER_IDS[0])
    second, _ = connect_listener(DEMO_LISTENER_IDS[1])
    first_client, second_client = Client(), Client()
    first_client.force_login(first)
    second_client.force_login(second)
    # The first listener's page is rendered (and cached) before the second one asks.
    first_titles = titles_on(first_client.get("/").content.decode())
    second_titles = titles_on(second_client.get("/").content.decode())
    assert first_titles == sandbox_titles(DEMO_LISTENER_IDS[0])
    assert second_titles == sandbox_titles(DEMO_LISTENER_IDS[1])
    assert first_titles != second_titles


def test_listeners_never_reach_the_curators_admin(listener):
    client, _, _ = listener
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert client.get("/admin/accounts/spotifyconnection/").status_code == 302


def test_a_curator_sees_connections_in_admin_but_no_token(listener):
    _, user, _ = listener
    curator = get_user_model().objects.create_superuser("curator", password="x")
    client = Client()
    client.force_login(curator)
    connection = SpotifyConnection.objects.get(user=user)
    page = client.get(f"/admin/accounts/spotifyconnection/{connection.pk}/change/").content.decode()
    assert connection.spotify_id in page
    assert "token_encrypted" not in page
    assert connection.access_token_encrypted not in page


def test_deleting_my_data_removes_the_account_and_its_tokens(listener):
    client, user, _ = listener
    assert "Delete everything" in client.get("/account/delete/").content.decode()
    response = client.post("/account/delete/", follow=True)
    assert "deleted" in response.content.decode()
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not SpotifyConnection.objects.exists()
    assert "Sign in with Spotify" in client.get("/").content.decode()


def test_deleting_needs_a_signed_in_listener(db):
    response = Client().post("/account/delete/")
    assert response.status_code == 302
    assert get_user_model().objects.count() == 0


def test_localhost_is_sent_to_the_loopback_address_spotify_accepts(db, settings):
    settings.MIDDLEWARE = ["accounts.middleware.LoopbackHostMiddleware", *settings.MIDDLEWARE]
    response = Client().get("/?range=long_term", HTTP_HOST="localhost:8000")
    assert response.status_code == 301
    assert response["Location"] == "http://127.0.0.1:8000/?range=long_term"
