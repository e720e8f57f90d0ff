"""Deezer's public API and preview CDN as the sandbox plays them, over HTTP on the live server."""

from __future__ import annotations

import io
import time

import pytest
import requests
import soundfile
from django.conf import settings

from sandbox import faults
from sandbox.catalogue.generate import generate
from sandbox.mirrors.availability import (
    Kind,
    Service,
    deezer_preview_blank,
    external_id,
    on_deezer,
    on_itunes,
)
from sandbox.mirrors.matching import normalise
from sandbox.models import Artist, Track
from sandbox.services.previews import deezer_preview_token

pytestmark = pytest.mark.django_db(transaction=True)

NO_DATA = {"error": {"type": "DataException", "message": "no data", "code": 800}}
QUOTA = {"error": {"type": "Exception", "message": "Quota limit exceeded", "code": 4}}
LIST_TRACK_KEYS = {
    "id",
    "readable",
    "title",
    "title_short",
    "title_version",
    "link",
    "duration",
    "rank",
    "explicit_lyrics",
    "explicit_content_lyrics",
    "explicit_content_cover",
    "preview",
    "md5_image",
    "artist",
    "album",
    "type",
}
FULL_TRACK_KEYS = LIST_TRACK_KEYS | {
    "isrc",
    "share",
    "track_position",
    "disk_number",
    "release_date",
    "bpm",
    "gain",
    "available_countries",
    "contributors",
}
ARTIST_KEYS = {
    "id",
    "name",
    "link",
    "picture",
    "picture_small",
    "picture_medium",
    "picture_big",
    "picture_xl",
    "tracklist",
    "type",
}
ALBUM_KEYS = {
    "id",
    "title",
    "link",
    "cover",
    "cover_small",
    "cover_medium",
    "cover_big",
    "cover_xl",
    "md5_image",
    "release_date",
    "tracklist",
    "type",
}


def deezer(path: str, **params: object) -> requests.Response:
    return requests.get(f"{settings.DEEZER_API_URL}/{path}", params=params, timeout=30)


def deezer_id(track: Track) -> int:
    return external_id(Service.DEEZER, Kind.TRACK, track.id)


def pick(*, deezer: bool, itunes: bool = True, blank: bool | None = False) -> Track:
    """The first track (by id) with the availability asked for: always the same one, so that the
    previews a run renders stay few."""
    for track in Track.objects.order_by("pk").prefetch_related("credits__artist"):
        if on_deezer(track.id) != deezer or on_itunes(track.id) != itunes:
            continue
        if blank is not None and deezer and deezer_preview_blank(track.id) != blank:
            continue
        return track
    raise AssertionError("the seeded catalogue has no such track")


def lead(track: Track) -> Artist:
    return track.credits.all()[0].artist


def test_integer_ids_never_collide_in_the_seeded_catalogue():
    catalogue = generate()
    for service in Service:
        for kind, ids in (
            (Kind.TRACK, [t.id for t in catalogue.tracks]),
            (Kind.ARTIST, [a.id for a in catalogue.artists]),
            (Kind.ALBUM, [a.id for a in catalogue.albums]),
        ):
            numbers = {external_id(service, kind, sandbox_id) for sandbox_id in ids}
            assert len(numbers) == len(ids), (service, kind)
            assert all(0 < number < 2**53 for number in numbers)


def test_availability_leaves_about_10_percent_itunes_only_3_percent_nowhere_and_5_percent_blank():
    ids = [track.id for track in generate().tracks]
    deezer_ids = [track_id for track_id in ids if on_deezer(track_id)]
    itunes_only = sum(1 for track_id in ids if on_itunes(track_id) and not on_deezer(track_id))
    nowhere = sum(1 for track_id in ids if not on_itunes(track_id))
    assert all(on_itunes(track_id) for track_id in deezer_ids)
    assert 0.07 < itunes_only / len(ids) < 0.13
    assert 0.015 < nowhere / len(ids) < 0.045
    assert 0.025 < sum(map(deezer_preview_blank, deezer_ids)) / len(deezer_ids) < 0.08


def test_isrc_lookup_answers_the_full_track(sandbox_catalogue):
    track = pick(deezer=True)
    answer = deezer(f"track/isrc:{track.isrc}")
    assert answer.status_code == 200
    data = answer.json()
    assert set(data) == FULL_TRACK_KEYS
    assert data["id"] == deezer_id(track)
    assert data["isrc"] == track.isrc
    assert data["title"] == track.name
    assert data["duration"] == round(track.duration_ms / 1000)
    assert data["type"] == "track" and data["readable"] is True
    assert data["artist"]["name"] == lead(track).name
    assert set(data["artist"]) == ARTIST_KEYS
    assert set(data["album"]) == ALBUM_KEYS
    assert data["album"]["title"] == track.album.name
    assert requests.get(data["album"]["cover_medium"], timeout=10).status_code == 200
    assert data["contributors"][0]["role"] == "Main"
    assert data["preview"].startswith(f"{settings.DEEZER_API_URL}/preview/{data['id']}.mp3?hdnea=exp=")
    # The same object by Deezer id.
    assert deezer(f"track/{data['id']}").json()["isrc"] == track.isrc


def test_unknown_items_answer_200_with_no_data_code_800(sandbox_catalogue):
    missing = pick(deezer=False)
    for path in (
        "track/isrc:QZZZZ9999999",
        f"track/isrc:{missing.isrc}",
        f"track/{external_id(Service.DEEZER, Kind.TRACK, missing.id)}",
        "track/123",
        "artist/42",
        "artist/not-a-number/top",
        "no/such/path",
    ):
        answer = deezer(path)
        assert answer.status_code == 200, path
        assert answer.json() == NO_DATA, path


def test_advanced_search_matches_artist_and_title_ignoring_case_and_accents(sandbox_catalogue):
    accented = next(
        track
        for track in Track.objects.order_by("pk").prefetch_related("credits__artist")
        if on_deezer(track.id) and lead(track).name != lead(track).name.encode("ascii", "ignore").decode()
    )
    artist_plain = normalise(lead(accented).name).upper()
    answer = deezer("search", q=f'artist:"{artist_plain}" track:"{accented.name.lower()}"')
    data = answer.json()
    assert deezer_id(accented) in [item["id"] for item in data["data"]]
    for item in data["data"]:
        assert set(item) == LIST_TRACK_KEYS  # no isrc in a list: fetch the track to compare ISRCs
        assert normalise(item["artist"]["name"]) == normalise(lead(accented).name)
        assert normalise(accented.name) in normalise(item["title"])
    # A title that the artist never recorded finds nothing.
    assert deezer("search", q=f'artist:"{artist_plain}" track:"zzqx never"').json() == {"data": [], "total": 0}


def test_search_pages_with_limit_index_and_next(sandbox_catalogue):
    track = pick(deezer=True)
    first = deezer("search", q=normalise(lead(track).name), limit=2).json()
    assert first["total"] > 2
    assert len(first["data"]) == 2
    assert "prev" not in first
    second = requests.get(first["next"], timeout=10).json()
    assert "index=2" in first["next"]
    assert second["total"] == first["total"]
    assert {item["id"] for item in first["data"]}.isdisjoint(item["id"] for item in second["data"])
    ranks = [item["rank"] for item in first["data"] + second["data"]]
    assert ranks == sorted(ranks, reverse=True)
    assert deezer("search").json()["error"]["code"] == 501


def test_artist_top_and_artist_search_answer_deezer_shapes(sandbox_catalogue):
    track = pick(deezer=True)
    artist = lead(track)
    found = deezer("search/artist", q=artist.name.upper()).json()
    hit = next(item for item in found["data"] if item["name"] == artist.name)
    assert set(hit) == ARTIST_KEYS | {"nb_album", "nb_fan", "radio"}
    full = deezer(f"artist/{hit['id']}").json()
    assert full["nb_fan"] == artist.followers
    assert full["nb_album"] == artist.albums.count()
    assert full["picture_medium"].startswith(f"{settings.SITE_URL}/sandbox/images/artist/{artist.id}/")
    top = deezer(f"artist/{hit['id']}/top", limit=3).json()
    assert 1 <= len(top["data"]) <= 3
    assert all(item["artist"]["id"] == hit["id"] for item in top["data"])
    assert full["tracklist"] == f"{settings.DEEZER_API_URL}/artist/{hit['id']}/top?limit=50"
    related = deezer(f"artist/{hit['id']}/related").json()
    assert hit["id"] not in [item["id"] for item in related["data"]]


def test_a_429_fault_answers_quota_code_4_with_status_200(sandbox_catalogue):
    track = pick(deezer=True)
    faults.rate_limit(scope="deezer", count=2)
    for _ in range(2):
        answer = deezer(f"track/isrc:{track.isrc}")
        assert answer.status_code == 200
        assert answer.json() == QUOTA
    assert deezer(f"track/isrc:{track.isrc}").json()["isrc"] == track.isrc


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_error_faults_answer_with_their_status(sandbox_catalogue, status):
    faults.server_error(scope="deezer", status=status)
    answer = deezer("search", q="anything")
    assert answer.status_code == status
    assert deezer("search", q="anything").status_code == 200


def test_a_slow_fault_delays_the_answer(sandbox_catalogue):
    faults.slow(scope="deezer", seconds=0.4)
    started = time.monotonic()
    assert deezer("search", q="anything").status_code == 200
    assert time.monotonic() - started >= 0.4


def test_a_signed_preview_downloads_as_a_30_second_mp3_with_ranges(sandbox_catalogue):
    track = pick(deezer=True)
    url = deezer(f"track/isrc:{track.isrc}").json()["preview"]
    answer = requests.get(url, timeout=60)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "audio/mpeg"
    assert int(answer.headers["Content-Length"]) == len(answer.content)
    info = soundfile.info(io.BytesIO(answer.content))
    assert 29 <= info.duration <= 31
    part = requests.get(url, headers={"Range": "bytes=0-99"}, timeout=10)
    assert part.status_code == 206
    assert part.content == answer.content[:100]
    assert part.headers["Content-Range"] == f"bytes 0-99/{len(answer.content)}"


def test_a_preview_link_expires_and_then_answers_403(sandbox_catalogue, settings):
    track = pick(deezer=True)
    number = deezer_id(track)
    stale = deezer_preview_token(deezer_track_id=number, expires=int(time.time()) - 1)
    answer = requests.get(f"{settings.DEEZER_API_URL}/preview/{number}.mp3", params={"hdnea": stale}, timeout=10)
    assert answer.status_code == 403
    assert "Access Denied" in answer.text
    # A zero lifetime hands out links that are already dead.
    settings.SANDBOX_DEEZER_PREVIEW_TTL = 0
    url = deezer(f"track/isrc:{track.isrc}").json()["preview"]
    assert requests.get(url, timeout=10).status_code == 403


def test_a_tampered_or_unsigned_preview_link_answers_403(sandbox_catalogue):
    track, other = pick(deezer=True), pick(deezer=True, blank=None)
    url = deezer(f"track/isrc:{track.isrc}").json()["preview"]
    base, _, hdnea = url.partition("?hdnea=")
    expires, _, mac = hdnea.partition("~hmac=")
    flipped = ("0" if mac[0] != "0" else "1") + mac[1:]
    later = f"exp={int(expires[4:]) + 3600}~hmac={mac}"
    for bad in (
        f"{base}?hdnea={expires}~hmac={flipped}",
        f"{base}?hdnea={later}",
        base,
        f"{settings.DEEZER_API_URL}/preview/{deezer_id(other) + 1}.mp3?hdnea={hdnea}",
    ):
        assert requests.get(bad, timeout=10).status_code == 403, bad


def test_some_tracks_have_an_empty_preview(sandbox_catalogue):
    blank = pick(deezer=True, blank=True)
    data = deezer(f"track/isrc:{blank.isrc}").json()
    assert data["preview"] == ""
    assert data["readable"] is True


def test_preview_faults_answer_on_the_cdn_in_audio_and_deezer_scopes(sandbox_catalogue):
    track = pick(deezer=True)
    url = deezer(f"track/isrc:{track.isrc}").json()["preview"]
    faults.server_error(scope="audio", status=503)
    assert requests.get(url, timeout=10).status_code == 503
    # On the CDN a Deezer 429 is plain HTTP, not the API's code 4.
    faults.rate_limit(scope="deezer", retry_after=3)
    answer = requests.get(url, timeout=10)
    assert answer.status_code == 429
    assert answer.headers["Retry-After"] == "3"
