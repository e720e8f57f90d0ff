"""GET /sandbox/previews/<id>.mp3|.m4a: content types, lengths, ranges and 404s."""

from __future__ import annotations

import pytest

from sandbox.models import Album, Artist, Track

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.music.urls")]


@pytest.fixture
def track(settings, tmp_path) -> Track:
    settings.MEDIA_ROOT = tmp_path
    artist = Artist.objects.create(id="artist0000000000000001", name="Tide Pools", tier="emerging")
    album = Album.objects.create(
        id="album00000000000000001",
        name="Low Water",
        artist=artist,
        album_type="single",
        release_date="2025",
        release_date_precision="year",
        total_tracks=1,
    )
    return Track.objects.create(
        id="track00000000000000001",
        name="Undertow",
        album=album,
        duration_ms=30_000,
        track_number=1,
        isrc="XX0000000001",
        style_family="celtic_jig",
    )


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_it_serves_the_mp3_preview(client, track):
    response = client.get(f"/sandbox/previews/{track.id}.mp3")
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Accept-Ranges"] == "bytes"
    body = _body(response)
    assert int(response["Content-Length"]) == len(body) > 10_000


def test_it_serves_the_m4a_preview(client, track):
    response = client.get(f"/sandbox/previews/{track.id}.m4a")
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/mp4"
    assert _body(response)[4:8] == b"ftyp"


def test_it_answers_a_range_request_with_partial_content(client, track):
    whole = _body(client.get(f"/sandbox/previews/{track.id}.mp3"))
    response = client.get(f"/sandbox/previews/{track.id}.mp3", headers={"Range": "bytes=100-199"})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{len(whole)}"
    assert response.content == whole[100:200]
    tail = client.get(f"/sandbox/previews/{track.id}.mp3", headers={"Range": "bytes=-50"})
    assert tail.status_code == 206 and tail.content == whole[-50:]
    open_ended = client.get(f"/sandbox/previews/{track.id}.mp3", headers={"Range": f"bytes={len(whole) - 10}-"})
    assert open_ended.content == whole[-10:]


def test_it_refuses_a_range_past_the_end(client, track):
    whole = _body(client.get(f"/sandbox/previews/{track.id}.mp3"))
    response = client.get(f"/sandbox/previews/{track.id}.mp3", headers={"Range": f"bytes={len(whole)}-"})
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(whole)}"


def test_it_answers_404_for_an_unknown_track(client, track):
    assert client.get("/sandbox/previews/nosuchtrack.mp3").status_code == 404


def test_it_refuses_writes(client, track):
    assert client.post(f"/sandbox/previews/{track.id}.mp3").status_code == 405
