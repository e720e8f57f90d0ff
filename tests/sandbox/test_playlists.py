"""Playlists through spotipy: create, add items (both body forms), read in the 2026 shape, cover upload."""

from __future__ import annotations

import base64
import json

import pytest
import requests
import spotipy
from django.conf import settings

from sandbox.models import Track
from sandbox.testing import DEMO_LISTENER_IDS, mint_token
from tests.sandbox.conftest import LISTENER, make_client

pytestmark = pytest.mark.django_db(transaction=True)

PLAYLIST_KEYS = {
    "collaborative",
    "description",
    "external_urls",
    "href",
    "id",
    "images",
    "items",
    "name",
    "owner",
    "primary_color",
    "public",
    "snapshot_id",
    "type",
    "uri",
}
# A tiny but real JPEG header is all the sandbox checks; pad it to the size a test needs.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64 + b"\xff\xd9"


def track_uris(count: int) -> list[str]:
    return [f"spotify:track:{pk}" for pk in Track.objects.order_by("id").values_list("id", flat=True)[:count]]


def post_items(token: str, playlist_id: str, body: object, **params: object) -> requests.Response:
    return requests.post(
        f"{settings.SPOTIFY_API_URL}/v1/playlists/{playlist_id}/items",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        data=json.dumps(body),
        params=params,
        timeout=10,
    )


def test_creating_a_playlist_answers_201_with_an_items_summary(sp, token):
    playlist = sp.current_user_playlist_create("Undercurrent picks", public=False, description="Fresh finds")
    assert set(playlist) == PLAYLIST_KEYS
    assert playlist["items"] == {"href": f"{settings.SPOTIFY_API_URL}/v1/playlists/{playlist['id']}/items", "total": 0}
    assert playlist["owner"]["id"] == LISTENER
    assert playlist["public"] is False and playlist["collaborative"] is False
    assert playlist["uri"] == f"spotify:playlist:{playlist['id']}"
    assert playlist["images"] == []
    raw = requests.post(
        f"{settings.SPOTIFY_API_URL}/v1/me/playlists",
        headers={"Authorization": f"Bearer {token}"},
        json={"name": "Second"},
        timeout=10,
    )
    assert raw.status_code == 201
    assert raw.json()["public"] is True


def test_creating_needs_the_matching_modify_scope(sandbox_catalogue):
    private_only = make_client(mint_token(scopes=["playlist-modify-private"]).access_token)
    private_only.current_user_playlist_create("Private is fine", public=False)
    with pytest.raises(spotipy.SpotifyException) as refused:
        private_only.current_user_playlist_create("Public is not", public=True)
    assert refused.value.http_status == 403
    assert "Insufficient client scope" in refused.value.msg


def test_creating_without_a_name_is_a_bad_request(token):
    answer = requests.post(
        f"{settings.SPOTIFY_API_URL}/v1/me/playlists/",
        headers={"Authorization": f"Bearer {token}"},
        json={},
        timeout=10,
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["status"] == 400


def test_items_are_added_in_order_from_a_bare_array_or_a_uris_object(sp, token):
    playlist = sp.current_user_playlist_create("Mix", public=False)
    uris = track_uris(6)
    # spotipy posts a bare JSON array, with position in the query string.
    first = sp.playlist_add_items(playlist["id"], uris[:3])
    assert set(first) == {"snapshot_id"}
    assert first["snapshot_id"] != playlist["snapshot_id"]
    second = post_items(token, playlist["id"], {"uris": uris[3:5], "position": 0})
    assert second.status_code == 201
    sp.playlist_add_items(playlist["id"], uris[5:], position=1)
    page = sp.playlist_items(playlist["id"])
    assert [entry["item"]["uri"] for entry in page["items"]] == [uris[3], uris[5], uris[4], *uris[:3]]
    entry = page["items"][0]
    assert set(entry) == {"added_at", "added_by", "is_local", "item"}
    assert "track" not in entry
    assert entry["added_by"]["id"] == LISTENER
    assert page["total"] == 6


def test_playlist_items_page_with_next_urls(sp):
    playlist = sp.current_user_playlist_create("Long", public=False)
    uris = track_uris(100)
    sp.playlist_add_items(playlist["id"], uris)
    sp.playlist_add_items(playlist["id"], uris[:30])
    page = sp.playlist_items(playlist["id"], limit=50)
    seen = list(page["items"])
    while page["next"]:
        page = sp.next(page)
        seen.extend(page["items"])
    assert len(seen) == 130
    full = sp.playlist(playlist["id"])
    assert set(full) == PLAYLIST_KEYS
    assert full["items"]["total"] == 130 and len(full["items"]["items"]) == 100
    assert full["items"]["next"] is not None


def test_more_than_100_items_in_one_request_is_a_bad_request(sp, token):
    playlist = sp.current_user_playlist_create("Too many", public=False)
    uris = track_uris(101)
    with pytest.raises(spotipy.SpotifyException) as refused:
        sp.playlist_add_items(playlist["id"], uris)
    assert refused.value.http_status == 400
    assert post_items(token, playlist["id"], {"uris": uris}).status_code == 400
    assert sp.playlist_items(playlist["id"])["total"] == 0


@pytest.mark.parametrize("uri", ["spotify:track:" + "0" * 22, "spotify:track:short", "not-a-uri"])
def test_unknown_or_malformed_uris_are_refused(sp, token, uri):
    playlist = sp.current_user_playlist_create("Bad", public=False)
    answer = post_items(token, playlist["id"], [uri])
    assert answer.status_code == 400


def test_an_out_of_range_position_is_refused(sp, token):
    playlist = sp.current_user_playlist_create("Bounds", public=False)
    assert post_items(token, playlist["id"], track_uris(1), position=5).status_code == 400


def test_another_listener_cannot_add_to_my_playlist(sp, sandbox_catalogue):
    playlist = sp.current_user_playlist_create("Mine", public=False)
    stranger = make_client(mint_token(listener_id=DEMO_LISTENER_IDS[1]).access_token)
    with pytest.raises(spotipy.SpotifyException) as refused:
        stranger.playlist_add_items(playlist["id"], track_uris(1))
    assert refused.value.http_status == 403


def test_my_playlists_lists_private_ones_only_with_the_read_scope(sp, sandbox_catalogue):
    sp.current_user_playlist_create("Public one", public=True)
    sp.current_user_playlist_create("Private one", public=False)
    assert [p["name"] for p in sp.current_user_playlists()["items"]] == ["Public one"]
    reader = make_client(mint_token(scopes=[*settings.SPOTIFY_SCOPES, "playlist-read-private"]).access_token)
    listed = reader.current_user_playlists()
    assert {p["name"] for p in listed["items"]} == {"Public one", "Private one"}
    assert set(listed["items"][0]["items"]) == {"href", "total"}


def test_unknown_playlists_are_not_found(token):
    answer = requests.get(
        f"{settings.SPOTIFY_API_URL}/v1/playlists/{'1' * 22}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert answer.status_code == 404
    assert answer.json() == {"error": {"status": 404, "message": "Resource not found"}}


def test_a_cover_upload_is_accepted_and_served(sp):
    playlist = sp.current_user_playlist_create("Covered", public=False)
    assert sp.playlist_upload_cover_image(playlist["id"], base64.b64encode(JPEG).decode()) is None
    images = sp.playlist(playlist["id"])["images"]
    assert len(images) == 1
    served = requests.get(images[0]["url"], timeout=10)
    assert served.status_code == 200
    assert served.headers["Content-Type"] == "image/jpeg"
    assert served.content == JPEG


def test_a_cover_over_256_kb_is_refused(sp):
    playlist = sp.current_user_playlist_create("Big cover", public=False)
    big = base64.b64encode(JPEG[:-2] + b"\x00" * (200 * 1024) + b"\xff\xd9").decode()
    assert len(big) > 256 * 1024
    with pytest.raises(spotipy.SpotifyException) as refused:
        sp.playlist_upload_cover_image(playlist["id"], big)
    assert refused.value.http_status == 413
    just_under = base64.b64encode(JPEG[:-2] + b"\x00" * (190 * 1024) + b"\xff\xd9").decode()
    assert len(just_under) <= 256 * 1024
    sp.playlist_upload_cover_image(playlist["id"], just_under)


def test_a_cover_must_be_base64_jpeg(sp):
    playlist = sp.current_user_playlist_create("Not JPEG", public=False)
    for body in (base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32).decode(), "%%% not base64 %%%"):
        with pytest.raises(spotipy.SpotifyException) as refused:
            sp.playlist_upload_cover_image(playlist["id"], body)
        assert refused.value.http_status == 400


def test_a_cover_upload_needs_ugc_image_upload(sandbox_catalogue):
    client = make_client(mint_token(scopes=["playlist-modify-private"]).access_token)
    playlist = client.current_user_playlist_create("No images", public=False)
    with pytest.raises(spotipy.SpotifyException) as refused:
        client.playlist_upload_cover_image(playlist["id"], base64.b64encode(JPEG).decode())
    assert refused.value.http_status == 403
