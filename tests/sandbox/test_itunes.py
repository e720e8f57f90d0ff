"""The iTunes Search API and Apple's preview files as the sandbox plays them, over HTTP on the live server."""

from __future__ import annotations

import io
import json
import time

import av
import pytest
import requests
from django.conf import settings

from sandbox import faults
from sandbox.mirrors import selectors
from sandbox.mirrors.availability import Kind, Service, external_id, on_deezer, on_itunes
from sandbox.mirrors.matching import normalise, words
from sandbox.models import Artist, Track

pytestmark = pytest.mark.django_db(transaction=True)

SONG_KEYS = {
    "wrapperType",
    "kind",
    "artistId",
    "collectionId",
    "trackId",
    "artistName",
    "collectionName",
    "trackName",
    "collectionCensoredName",
    "trackCensoredName",
    "artistViewUrl",
    "collectionViewUrl",
    "trackViewUrl",
    "previewUrl",
    "artworkUrl30",
    "artworkUrl60",
    "artworkUrl100",
    "collectionPrice",
    "trackPrice",
    "releaseDate",
    "collectionExplicitness",
    "trackExplicitness",
    "discCount",
    "discNumber",
    "trackCount",
    "trackNumber",
    "trackTimeMillis",
    "country",
    "currency",
    "primaryGenreName",
    "isStreamable",
}


def itunes(path: str, **params: object) -> requests.Response:
    return requests.get(f"{settings.ITUNES_API_URL}/{path}", params=params, timeout=30)


def song_search(term: str, **params: object) -> dict:
    answer = itunes("search", term=term, entity="song", media="music", **params)
    assert answer.status_code == 200
    return answer.json()


def itunes_id(track: Track) -> int:
    return external_id(Service.ITUNES, Kind.TRACK, track.id)


def lead(track: Track) -> Artist:
    return track.credits.all()[0].artist


def pick(*, deezer: bool, itunes: bool) -> Track:
    for track in Track.objects.order_by("pk").prefetch_related("credits__artist"):
        if on_deezer(track.id) == deezer and on_itunes(track.id) == itunes:
            return track
    raise AssertionError("the seeded catalogue has no such track")


def is_full_match(result: dict, term: str) -> bool:
    haystack = set(words(f"{result['artistName']} {result['trackName']} {result['collectionName']}"))
    return set(words(term)) <= haystack


def test_search_answers_apples_shape_as_javascript(sandbox_catalogue):
    track = pick(deezer=True, itunes=True)
    term = f"{lead(track).name} {track.name}"
    answer = itunes("search", term=term, entity="song", limit=10, media="music")
    assert answer.headers["Content-Type"] == "text/javascript; charset=utf-8"
    data = json.loads(answer.text)
    assert data["resultCount"] == len(data["results"]) <= 10
    hit = next(result for result in data["results"] if result["trackId"] == itunes_id(track))
    assert set(hit) >= SONG_KEYS
    assert hit["wrapperType"] == "track" and hit["kind"] == "song"
    assert hit["trackName"] == track.name
    assert hit["artistName"].startswith(lead(track).name)
    assert hit["trackTimeMillis"] == track.duration_ms
    assert hit["previewUrl"] == f"{settings.ITUNES_API_URL}/preview/{hit['trackId']}.m4a"
    assert hit["country"] == "USA" and hit["currency"] == "USD"
    assert hit["releaseDate"].endswith("T07:00:00Z")
    assert requests.get(hit["artworkUrl100"], timeout=10).status_code == 200
    assert itunes("lookup", id=hit["trackId"]).json()["results"][0]["trackId"] == hit["trackId"]


def test_search_ignores_case_accents_and_punctuation(sandbox_catalogue):
    accented = next(
        track
        for track in Track.objects.order_by("pk").prefetch_related("credits__artist")
        if on_itunes(track.id) and lead(track).name != lead(track).name.encode("ascii", "ignore").decode()
    )
    term = f"{normalise(lead(accented).name).upper()}, {accented.name.lower()}!"
    assert itunes_id(accented) in [result["trackId"] for result in song_search(term)["results"]]


def test_answers_include_near_misses_by_the_same_artist(sandbox_catalogue):
    track = pick(deezer=True, itunes=True)
    term = f"{lead(track).name} {track.name}"
    results = song_search(term)["results"]
    near = [result for result in results if not is_full_match(result, term)]
    assert near, "an artist-and-title search should also bring the artist's other songs"
    assert all(
        lead(track).name in result["artistName"] or set(words(result["trackName"])) <= set(words(term))
        for result in near
    )


def test_a_popular_near_miss_can_come_before_the_song_asked_for(sandbox_catalogue):
    for track in Track.objects.order_by("pk").prefetch_related("credits__artist"):
        if not on_itunes(track.id):
            continue
        term = f"{lead(track).name} {track.name}"
        first = selectors.itunes_search_songs(term=term, limit=1)
        if first and first[0].id != track.id:
            break
    else:
        pytest.fail("no search puts a near miss first")
    results = song_search(term)["results"]
    assert results[0]["trackId"] != itunes_id(track)
    assert itunes_id(track) in [result["trackId"] for result in results]


def test_tracks_missing_from_deezer_are_found_on_itunes_and_their_preview_decodes(sandbox_catalogue):
    track = pick(deezer=False, itunes=True)
    deezer = requests.get(f"{settings.DEEZER_API_URL}/track/isrc:{track.isrc}", timeout=10).json()
    assert deezer["error"]["code"] == 800
    term = f"{lead(track).name} {track.name}"
    hit = next(result for result in song_search(term)["results"] if result["trackId"] == itunes_id(track))
    answer = requests.get(hit["previewUrl"], timeout=60)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "audio/mp4"
    assert int(answer.headers["Content-Length"]) == len(answer.content)
    with av.open(io.BytesIO(answer.content)) as container:
        stream = container.streams.audio[0]
        assert stream.codec_context.name == "aac"
        samples = sum(frame.samples for frame in container.decode(stream))
        seconds = samples / stream.codec_context.sample_rate
    assert 29 <= seconds <= 31
    part = requests.get(hit["previewUrl"], headers={"Range": "bytes=-100"}, timeout=10)
    assert part.status_code == 206
    assert part.content == answer.content[-100:]


def test_tracks_on_neither_service_are_not_found(sandbox_catalogue):
    track = pick(deezer=False, itunes=False)
    term = f"{lead(track).name} {track.name}"
    assert itunes_id(track) not in [result["trackId"] for result in song_search(term)["results"]]
    assert requests.get(f"{settings.ITUNES_API_URL}/preview/{itunes_id(track)}.m4a", timeout=10).status_code == 404


def test_artist_and_album_entities_answer_their_wrappers(sandbox_catalogue):
    track = pick(deezer=True, itunes=True)
    artists = itunes("search", term=lead(track).name, entity="musicArtist").json()["results"]
    assert any(result["wrapperType"] == "artist" and result["artistName"] == lead(track).name for result in artists)
    albums = itunes("search", term=lead(track).name, entity="album").json()["results"]
    assert albums and all(result["wrapperType"] == "collection" for result in albums)
    assert itunes("search", term=lead(track).name, media="podcast").json() == {"resultCount": 0, "results": []}


@pytest.mark.parametrize(
    ("params", "key"),
    [
        ({}, "term"),
        ({"term": "x", "media": "vinyl"}, "mediaType"),
        ({"term": "x", "entity": "tune"}, "entity"),
        ({"term": "x", "limit": "ten"}, "limit"),
    ],
)
def test_bad_requests_answer_400_with_an_error_message(sandbox_catalogue, params, key):
    answer = itunes("search", **params)
    assert answer.status_code == 400
    assert answer.json()["errorMessage"] == f"Invalid value(s) for key(s): [{key}]"


@pytest.mark.parametrize("status", [429, 500, 502, 503])
def test_faults_answer_with_their_status_then_clear(sandbox_catalogue, status):
    faults.fault_set(scope="itunes", kind=str(status), retry_after=4)
    answer = itunes("search", term="anything")
    assert answer.status_code == status
    if status in (429, 503):
        assert answer.headers["Retry-After"] == "4"
    assert itunes("search", term="anything").status_code == 200


def test_a_slow_fault_delays_the_answer(sandbox_catalogue):
    faults.slow(scope="itunes", seconds=0.4)
    started = time.monotonic()
    assert itunes("search", term="anything").status_code == 200
    assert time.monotonic() - started >= 0.4


def test_audio_faults_hit_the_preview_files_only(sandbox_catalogue):
    track = pick(deezer=False, itunes=True)
    faults.rate_limit(scope="audio", retry_after=2)
    assert itunes("search", term="anything").status_code == 200
    answer = requests.get(f"{settings.ITUNES_API_URL}/preview/{itunes_id(track)}.m4a", timeout=10)
    assert answer.status_code == 429
    assert answer.headers["Retry-After"] == "2"
