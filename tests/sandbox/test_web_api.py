"""The Web API through spotipy and requests: shapes in both quota modes, paging, limits, errors."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
import requests
import spotipy
from django.conf import settings

from sandbox.ids import is_base62_id
from sandbox.models import Artist, Tier
from sandbox.testing import DEMO_LISTENER_IDS, mint_token
from tests.sandbox.conftest import LISTENER, make_client

pytestmark = pytest.mark.django_db(transaction=True)

TRACK_KEYS = {
    "album",
    "artists",
    "disc_number",
    "duration_ms",
    "explicit",
    "external_urls",
    "href",
    "id",
    "is_local",
    "name",
    "preview_url",
    "track_number",
    "type",
    "uri",
}
TRACK_EXTENDED_KEYS = TRACK_KEYS | {"popularity", "external_ids", "available_markets"}
ALBUM_KEYS = {
    "album_type",
    "artists",
    "external_urls",
    "href",
    "id",
    "images",
    "name",
    "release_date",
    "release_date_precision",
    "total_tracks",
    "type",
    "uri",
}
ARTIST_KEYS = {"external_urls", "genres", "href", "id", "images", "name", "type", "uri"}
SIMPLE_ARTIST_KEYS = {"external_urls", "href", "id", "name", "type", "uri"}
USER_KEYS = {"display_name", "external_urls", "href", "id", "images", "type", "uri"}
PAGING_KEYS = {"href", "items", "limit", "next", "offset", "previous", "total"}


def assert_track_shape(track: dict, *, extended: bool) -> None:
    assert set(track) == (TRACK_EXTENDED_KEYS if extended else TRACK_KEYS)
    assert track["type"] == "track"
    assert track["uri"] == f"spotify:track:{track['id']}"
    assert is_base62_id(track["id"])
    assert track["preview_url"] is None
    assert track["is_local"] is False
    assert set(track["album"]) == ALBUM_KEYS | ({"available_markets"} if extended else set())
    assert [image["height"] for image in track["album"]["images"]] == [640, 300, 64]
    for image in track["album"]["images"]:
        assert image["url"].startswith(f"{settings.SITE_URL}/sandbox/images/album/")
    for artist in track["artists"]:
        assert set(artist) == SIMPLE_ARTIST_KEYS
        assert artist["uri"] == f"spotify:artist:{artist['id']}"
    if extended:
        assert len(track["external_ids"]["isrc"]) == 12
        assert 0 <= track["popularity"] <= 100


def test_current_user_is_the_development_mode_profile(sp):
    me = sp.current_user()
    assert set(me) == USER_KEYS
    assert me["id"] == LISTENER
    assert me["uri"] == f"spotify:user:{LISTENER}"
    assert me["type"] == "user"
    assert [image["height"] for image in me["images"]] == [300, 64]


def test_current_user_with_extended_quota_has_followers(sp, settings):
    settings.SANDBOX_EXTENDED_QUOTA = True
    me = sp.current_user()
    assert set(me) == USER_KEYS | {"followers"}
    assert me["followers"]["href"] is None


def test_a_listener_without_a_picture_has_no_images(sandbox_catalogue):
    assert make_client(mint_token(listener_id="noor.haddad").access_token).current_user()["images"] == []


def test_me_answers_with_and_without_a_trailing_slash_and_to_a_query_token(token, api_get):
    for path in ("me", "me/", "me/top/tracks/", "me/top/tracks"):
        assert api_get(path, token).status_code == 200, path
    # allauth's stock adapter sends the token as a query parameter.
    answer = requests.get(f"{settings.SPOTIFY_API_URL}/v1/me", params={"access_token": token}, timeout=10)
    assert answer.json()["id"] == LISTENER


def test_top_tracks_page_through_fifty_with_absolute_next_urls(sp):
    page = sp.current_user_top_tracks(time_range="short_term")
    assert set(page) == PAGING_KEYS
    assert page["limit"] == 20 and page["offset"] == 0 and page["total"] == 50 and page["previous"] is None
    assert page["next"].startswith(f"{settings.SPOTIFY_API_URL}/v1/me/top/tracks")
    seen = list(page["items"])
    while page["next"]:
        page = sp.next(page)
        seen.extend(page["items"])
    assert len(seen) == 50
    assert len({track["id"] for track in seen}) == 50
    assert page["previous"] is not None
    for track in seen:
        assert_track_shape(track, extended=False)


def test_top_tracks_differ_by_time_range_but_overlap(sp):
    ranges = {
        time_range: {t["id"] for t in sp.current_user_top_tracks(limit=50, time_range=time_range)["items"]}
        for time_range in ("short_term", "medium_term", "long_term")
    }
    assert all(len(ids) == 50 for ids in ranges.values())
    assert ranges["short_term"] != ranges["long_term"]
    assert 10 <= len(ranges["short_term"] & ranges["long_term"]) < 50
    assert 10 <= len(ranges["medium_term"] & ranges["long_term"]) < 50


def test_top_tracks_with_extended_quota_carry_popularity_and_isrc(sp, settings):
    settings.SANDBOX_EXTENDED_QUOTA = True
    for track in sp.current_user_top_tracks(limit=5)["items"]:
        assert_track_shape(track, extended=True)


@pytest.mark.parametrize(
    "params", [{"limit": 51}, {"limit": 0}, {"limit": "x"}, {"offset": -1}, {"time_range": "forever"}]
)
def test_top_tracks_refuse_bad_parameters(token, api_get, params):
    answer = api_get("me/top/tracks", token, **params)
    assert answer.status_code == 400
    assert answer.json()["error"]["status"] == 400


def test_top_tracks_need_the_user_top_read_scope(sandbox_catalogue, api_get):
    narrow = mint_token(scopes=["playlist-modify-private"]).access_token
    answer = api_get("me/top/tracks", narrow)
    assert answer.status_code == 403
    assert answer.json() == {"error": {"status": 403, "message": "Insufficient client scope"}}


def test_search_finds_tracks_by_track_and_artist_filters(sp):
    top = sp.current_user_top_tracks(limit=1)["items"][0]
    found = sp.search(f'track:"{top["name"]}" artist:"{top["artists"][0]["name"]}"', type="track", limit=10)
    assert top["id"] in {track["id"] for track in found["tracks"]["items"]}
    for track in found["tracks"]["items"]:
        assert top["name"].lower() in track["name"].lower()
        assert_track_shape(track, extended=False)


def test_search_free_text_matches_names(sp):
    artist = Artist.objects.filter(tier=Tier.EMERGING).order_by("id").first()
    found = sp.search(artist.name, type="artist", limit=10)
    assert artist.id in {each["id"] for each in found["artists"]["items"]}
    for each in found["artists"]["items"]:
        assert set(each) == ARTIST_KEYS


def test_search_defaults_to_five_allows_ten_and_pages(token, api_get):
    default = api_get("search", token, q="the", type="track").json()["tracks"]
    assert default["limit"] == 5 and len(default["items"]) == 5
    assert default["total"] > 10
    most = api_get("search", token, q="the", type="track,artist", limit=10, offset=5).json()
    assert len(most["tracks"]["items"]) == 10
    assert most["tracks"]["offset"] == 5
    assert "offset=15" in most["tracks"]["next"]
    assert set(most) == {"tracks", "artists"}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "the", "type": "track", "limit": 11}, "Invalid limit"),
        ({"type": "track"}, "No search query"),
        ({"q": "the"}, "Missing parameter type"),
        ({"q": "the", "type": "song"}, "Bad search type field song"),
    ],
)
def test_search_refuses_bad_parameters(token, api_get, params, message):
    answer = api_get("search", token, **params)
    assert answer.status_code == 400
    assert answer.json() == {"error": {"status": 400, "message": message}}


def test_artist_in_both_modes(sp, settings):
    artist = Artist.objects.filter(tier=Tier.ESTABLISHED).order_by("id").first()
    dev = sp.artist(artist.id)
    assert set(dev) == ARTIST_KEYS
    assert dev["name"] == artist.name
    assert [image["height"] for image in dev["images"]] == [640, 320, 160]
    settings.SANDBOX_EXTENDED_QUOTA = True
    extended = sp.artist(artist.id)
    assert set(extended) == ARTIST_KEYS | {"followers", "popularity"}
    assert extended["followers"]["total"] == artist.followers


def test_unknown_and_malformed_ids(token, api_get):
    unknown = api_get("artists/" + "0" * 22, token)
    assert unknown.status_code == 404
    assert unknown.json() == {"error": {"status": 404, "message": "Resource not found"}}
    malformed = api_get("artists/not-an-id", token)
    assert malformed.status_code == 400
    assert malformed.json() == {"error": {"status": 400, "message": "Invalid base62 id"}}


def test_removed_and_unknown_endpoints_are_not_found(token, api_get):
    for path in (f"users/{LISTENER}/playlists", f"users/{LISTENER}", "recommendations", "audio-features/x"):
        answer = api_get(path, token)
        assert answer.status_code == 404, path
        assert answer.json()["error"]["status"] == 404


def test_expired_unknown_and_missing_tokens_are_401(sandbox_catalogue, api_get):
    expired = mint_token(expires_in=-1).access_token
    cases = {
        expired: "The access token expired",
        "BQnot-a-real-token": "Invalid access token",
        None: "No token provided",
    }
    for access_token, message in cases.items():
        answer = api_get("me", access_token)
        assert answer.status_code == 401
        assert answer.json() == {"error": {"status": 401, "message": message}}
    with pytest.raises(spotipy.SpotifyException) as refused:
        make_client(expired).current_user()
    assert refused.value.http_status == 401
    assert "The access token expired" in refused.value.msg


def test_sandbox_token_ttl_setting_sets_expires_in(sandbox_catalogue, settings):
    settings.SANDBOX_TOKEN_TTL = 120
    assert mint_token().expires_in == 120


def test_cover_art_is_a_deterministic_svg(sp):
    track = sp.current_user_top_tracks(limit=1)["items"][0]
    url = track["album"]["images"][1]["url"]
    first, second = requests.get(url, timeout=10), requests.get(url, timeout=10)
    assert first.status_code == 200
    assert first.headers["Content-Type"] == "image/svg+xml"
    assert first.content == second.content
    root = ElementTree.fromstring(first.content)  # noqa: S314 (the sandbox's own SVG)
    assert root.get("width") == "300"
    avatar = requests.get(sp.current_user()["images"][0]["url"], timeout=10)
    assert avatar.status_code == 200 and b"<svg" in avatar.content
    assert requests.get(url.replace("/300", "/301"), timeout=10).status_code == 404


def test_the_other_demo_listeners_have_their_own_top_tracks(sandbox_catalogue):
    firsts = {
        make_client(mint_token(listener_id=each).access_token).current_user_top_tracks(limit=1)["items"][0]["id"]
        for each in DEMO_LISTENER_IDS[:4]
    }
    assert len(firsts) > 1
