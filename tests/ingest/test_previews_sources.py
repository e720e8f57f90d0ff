"""The Deezer and iTunes clients over HTTP against the sandbox on the live server (and, for answers the
sandbox never gives, a crafted local server)."""

from __future__ import annotations

import pytest

from ingest.previews import http
from ingest.previews.deezer import deezer_preview_find
from ingest.previews.errors import PreviewSourceRateLimited, PreviewSourceUnavailable
from ingest.previews.itunes import itunes_preview_find
from ingest.previews.matching import TrackQuery
from sandbox import faults
from sandbox.mirrors import selectors
from sandbox.mirrors.availability import Kind, Service, deezer_preview_blank, external_id, on_deezer, on_itunes
from sandbox.models import Track
from tests.ingest.test_previews_download import CraftedServer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _hang_up_kept_alive_connections():
    """A kept-alive connection holds a live-server thread open; if that thread outlives the session's live
    server, it closes a SQLite connection it may no longer share and prints a DatabaseError after the run."""
    yield
    http.connections_close()


def pick(*, deezer: bool, itunes: bool = True, blank: bool = False) -> Track:
    """The first track (by id) with the availability asked for: always the same few, so that the previews
    a run renders stay few."""
    for track in Track.objects.order_by("pk").prefetch_related("credits__artist"):
        if on_deezer(track.id) != deezer or on_itunes(track.id) != itunes:
            continue
        if deezer and deezer_preview_blank(track.id) != blank:
            continue
        return track
    raise AssertionError("the seeded catalogue has no such track")


def track_query(track: Track, *, isrc: bool = True) -> TrackQuery:
    """What development-mode Spotify tells us of a track (the ISRC only with extended quota)."""
    return TrackQuery(
        spotify_id=track.id,
        title=track.name,
        artists=[credit.artist.name for credit in track.credits.all()],
        duration_ms=track.duration_ms,
        isrc=track.isrc if isrc else None,
    )


def deezer_number(track: Track) -> int:
    return external_id(Service.DEEZER, Kind.TRACK, track.id)


def itunes_number(track: Track) -> int:
    return external_id(Service.ITUNES, Kind.TRACK, track.id)


def armed() -> int:
    return len(faults.faults_list())


# ---- Deezer -------------------------------------------------------------------------------------------


def test_deezer_finds_a_track_by_isrc_without_searching(sandbox_catalogue, settings):
    track = pick(deezer=True)
    # A fault only a search would take: still armed afterwards means no search was made.
    faults.server_error(scope="deezer", status=503, path_contains="/search")
    found = deezer_preview_find(query=track_query(track))
    assert found is not None
    assert found.preview_url.startswith(f"{settings.DEEZER_API_URL}/preview/{deezer_number(track)}.mp3?hdnea=")
    assert found.title == track.name
    assert armed() == 1


def test_deezer_finds_a_track_by_search_when_no_isrc_is_known(sandbox_catalogue, settings):
    track = pick(deezer=True)
    faults.server_error(scope="deezer", status=503, path_contains="/track/")
    found = deezer_preview_find(query=track_query(track, isrc=False))
    assert found is not None
    assert f"/preview/{deezer_number(track)}.mp3?" in found.preview_url
    assert armed() == 1


def test_deezer_does_not_trust_an_isrc_that_names_another_song(sandbox_catalogue):
    track = pick(deezer=True)
    # Another song Deezer does have, so the ISRC look-up answers, with the wrong track.
    other = next(t for t in Track.objects.exclude(name=track.name).order_by("pk") if on_deezer(t.id))
    query = TrackQuery(
        spotify_id=track.id,
        title=track.name,
        artists=track_query(track).artists,
        duration_ms=track.duration_ms,
        isrc=other.isrc,
    )
    found = deezer_preview_find(query=query)
    assert found is not None
    assert f"/preview/{deezer_number(track)}.mp3?" in found.preview_url


def test_deezer_answers_none_for_a_track_it_has_no_data_for(sandbox_catalogue):
    # Code 800 in a 200 for the ISRC, then an empty search: no preview here, and no error.
    assert deezer_preview_find(query=track_query(pick(deezer=False))) is None
    assert deezer_preview_find(query=track_query(pick(deezer=False), isrc=False)) is None


def test_deezer_skips_a_track_whose_preview_is_blank(sandbox_catalogue):
    assert deezer_preview_find(query=track_query(pick(deezer=True, blank=True))) is None


def test_deezer_quota_code_4_is_a_rate_limit(sandbox_catalogue):
    faults.rate_limit(scope="deezer")
    with pytest.raises(PreviewSourceRateLimited) as caught:
        deezer_preview_find(query=track_query(pick(deezer=True)))
    assert caught.value.source == "deezer"
    assert caught.value.retry_after == 5


@pytest.mark.parametrize("status", [500, 502, 503])
def test_deezer_server_errors_are_transient(sandbox_catalogue, status):
    faults.server_error(scope="deezer", status=status)
    with pytest.raises(PreviewSourceUnavailable) as caught:
        deezer_preview_find(query=track_query(pick(deezer=True)))
    assert caught.value.status == status


@pytest.fixture
def fake_deezer(settings):
    """A crafted Deezer, for answers the sandbox never gives (an HTTP 429, broken JSON, odd error codes)."""
    with CraftedServer() as server:
        settings.DEEZER_API_URL = f"{server.url}/deezer"
        yield server


def test_deezer_http_429_keeps_its_retry_after(fake_deezer):
    fake_deezer.serve("/deezer/search", status=429, body=b"{}", headers={"Retry-After": "12"})
    query = TrackQuery(spotify_id="x", title="Harbour", artists=["Ines Calloway"], duration_ms=200_000)
    with pytest.raises(PreviewSourceRateLimited) as caught:
        deezer_preview_find(query=query)
    assert caught.value.retry_after == 12


@pytest.mark.parametrize(
    "body",
    [
        b"<html>Bad gateway</html>",
        b'{"data": [',
        b'["not", "an", "object"]',
        b'{"total": 0}',
        b'{"error": {"type": "Exception", "message": "An internal error", "code": 100}}',
    ],
)
def test_deezer_answers_it_cannot_read_are_transient(fake_deezer, body):
    fake_deezer.serve("/deezer/search", body=body, headers={"Content-Type": "application/json"})
    query = TrackQuery(spotify_id="x", title="Harbour", artists=["Ines Calloway"], duration_ms=200_000)
    with pytest.raises(PreviewSourceUnavailable):
        deezer_preview_find(query=query)


# ---- iTunes -------------------------------------------------------------------------------------------


def test_itunes_finds_a_track_missing_from_deezer(sandbox_catalogue, settings):
    track = pick(deezer=False)
    found = itunes_preview_find(query=track_query(track))
    assert found is not None
    assert found.preview_url == f"{settings.ITUNES_API_URL}/preview/{itunes_number(track)}.m4a"


def test_itunes_never_takes_a_near_miss_that_ranks_first(sandbox_catalogue):
    for track in Track.objects.order_by("pk").prefetch_related("credits__artist"):
        if not on_itunes(track.id):
            continue
        lead = track.credits.all()[0].artist.name
        first = selectors.itunes_search_songs(term=f"{lead} {track.name}", limit=1)
        if first and first[0].id != track.id:
            break
    else:
        pytest.fail("no search in the seeded catalogue puts a near miss first")
    found = itunes_preview_find(query=track_query(track))
    assert found is not None
    assert found.preview_url.endswith(f"/preview/{itunes_number(track)}.m4a")


def test_itunes_answers_none_for_a_track_it_lacks(sandbox_catalogue):
    assert itunes_preview_find(query=track_query(pick(deezer=False, itunes=False))) is None


def test_itunes_429_keeps_its_retry_after(sandbox_catalogue):
    faults.rate_limit(scope="itunes", retry_after=4)
    with pytest.raises(PreviewSourceRateLimited) as caught:
        itunes_preview_find(query=track_query(pick(deezer=False)))
    assert caught.value.source == "itunes"
    assert caught.value.retry_after == 4


@pytest.mark.parametrize("status", [500, 502, 503])
def test_itunes_server_errors_are_transient(sandbox_catalogue, status):
    faults.server_error(scope="itunes", status=status)
    with pytest.raises(PreviewSourceUnavailable) as caught:
        itunes_preview_find(query=track_query(pick(deezer=False)))
    assert caught.value.status == status
