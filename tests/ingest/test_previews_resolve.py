"""preview_resolve / preview_download / preview_fetch end to end over HTTP against the sandbox: the order of
sources, the fall-through policy, Deezer's expiring links, and refused files."""

from __future__ import annotations

import pytest

from ingest.previews import http
from ingest.previews.errors import (
    PreviewDownloadError,
    PreviewSourceRateLimited,
    PreviewSourceUnavailable,
)
from ingest.previews.resolve import preview_download, preview_fetch, preview_resolve
from sandbox import faults
from tests.ingest.test_previews_sources import deezer_number, itunes_number, pick, track_query

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _hang_up_kept_alive_connections():
    # See test_previews_sources: a kept-alive live-server thread must not outlive the live server.
    yield
    http.connections_close()


def test_a_spotify_preview_url_is_used_first_without_asking_anyone(sandbox_catalogue, live_server):
    track = pick(deezer=True)
    url = f"{live_server.url}/sandbox/previews/{track.id}.mp3"
    # Both services down: had they been asked, this would raise.
    faults.server_error(scope="deezer", status=503)
    faults.server_error(scope="itunes", status=503)
    resolved = preview_resolve(query=track_query(track), spotify_preview_url=url)
    assert resolved is not None
    assert (resolved.source, resolved.url, resolved.expected_format) == ("spotify", url, "mp3")
    fetched = preview_fetch(query=track_query(track), spotify_preview_url=url)
    assert fetched is not None
    assert (fetched.source, fetched.format, fetched.content_type) == ("spotify", "mp3", "audio/mpeg")
    assert len(fetched.data) > 100_000


def test_deezer_comes_before_itunes(sandbox_catalogue):
    track = pick(deezer=True)
    resolved = preview_resolve(query=track_query(track))
    assert resolved is not None
    assert resolved.source == "deezer"
    assert resolved.expected_format == "mp3"
    assert f"/preview/{deezer_number(track)}.mp3?hdnea=" in resolved.url
    assert resolved.candidate_title == track.name
    fetched = preview_fetch(query=track_query(track, isrc=False))
    assert fetched is not None
    assert (fetched.source, fetched.format) == ("deezer", "mp3")


def test_a_track_missing_from_deezer_comes_from_itunes(sandbox_catalogue):
    track = pick(deezer=False)
    fetched = preview_fetch(query=track_query(track))
    assert fetched is not None
    assert fetched.source == "itunes"
    assert fetched.url.endswith(f"/preview/{itunes_number(track)}.m4a")
    assert (fetched.format, fetched.content_type) == ("m4a", "audio/mp4")


def test_a_blank_deezer_preview_falls_through_to_itunes(sandbox_catalogue):
    track = pick(deezer=True, blank=True)
    resolved = preview_resolve(query=track_query(track))
    assert resolved is not None
    assert resolved.source == "itunes"
    assert resolved.url.endswith(f"/preview/{itunes_number(track)}.m4a")


def test_a_track_on_neither_service_has_no_preview(sandbox_catalogue):
    query = track_query(pick(deezer=False, itunes=False))
    assert preview_resolve(query=query) is None
    assert preview_fetch(query=query) is None


def test_a_rate_limited_deezer_falls_through_to_itunes(sandbox_catalogue):
    track = pick(deezer=True)
    faults.rate_limit(scope="deezer")
    resolved = preview_resolve(query=track_query(track))
    assert resolved is not None
    assert resolved.source == "itunes"


def test_no_hit_with_a_source_down_is_retried_later_not_recorded_as_none(sandbox_catalogue):
    query = track_query(pick(deezer=False, itunes=False))
    faults.rate_limit(scope="deezer")
    with pytest.raises(PreviewSourceRateLimited) as caught:
        preview_resolve(query=query)
    assert (caught.value.source, caught.value.retry_after) == ("deezer", 5)
    faults.server_error(scope="itunes", status=503)
    with pytest.raises(PreviewSourceUnavailable) as down:
        preview_fetch(query=query)
    assert down.value.source == "itunes"


def test_when_both_sources_are_down_the_first_failure_is_raised(sandbox_catalogue):
    faults.server_error(scope="deezer", status=503)
    faults.rate_limit(scope="itunes", retry_after=9)
    with pytest.raises(PreviewSourceUnavailable) as caught:
        preview_resolve(query=track_query(pick(deezer=True)))
    assert caught.value.source == "deezer"


def test_an_expired_deezer_link_is_resolved_again_and_downloaded(sandbox_catalogue, settings):
    track = pick(deezer=True)
    settings.SANDBOX_DEEZER_PREVIEW_TTL = 0  # links that are dead as soon as they are handed out
    stale = preview_resolve(query=track_query(track))
    assert stale is not None and stale.source == "deezer"
    settings.SANDBOX_DEEZER_PREVIEW_TTL = 900
    fetched = preview_download(resolved=stale, query=track_query(track))
    assert (fetched.source, fetched.format) == ("deezer", "mp3")
    assert fetched.url != stale.url


def test_deezer_links_that_keep_expiring_fall_through_to_itunes(sandbox_catalogue, settings):
    track = pick(deezer=True)
    settings.SANDBOX_DEEZER_PREVIEW_TTL = 0
    with pytest.raises(PreviewDownloadError) as caught:
        preview_download(resolved=preview_resolve(query=track_query(track)), query=track_query(track))
    assert caught.value.reason == "expired"
    fetched = preview_fetch(query=track_query(track))
    assert fetched is not None
    assert fetched.source == "itunes"


def test_a_rate_limited_deezer_cdn_falls_through_to_itunes(sandbox_catalogue):
    track = pick(deezer=True)
    faults.rate_limit(scope="audio", retry_after=3, path_contains="/deezer/preview/")
    fetched = preview_fetch(query=track_query(track))
    assert fetched is not None
    assert fetched.source == "itunes"


def test_a_file_over_the_cap_is_refused_everywhere(sandbox_catalogue):
    track = pick(deezer=True)
    with pytest.raises(PreviewDownloadError) as caught:
        preview_fetch(query=track_query(track), max_bytes=10_000)
    assert caught.value.reason == "too_large"
    assert caught.value.source == "deezer"


def test_a_broken_spotify_link_falls_through_to_deezer(sandbox_catalogue, live_server):
    track = pick(deezer=True)
    broken = f"{live_server.url}/sandbox/previews/no-such-track.mp3"  # 404
    fetched = preview_fetch(query=track_query(track), spotify_preview_url=broken)
    assert fetched is not None
    assert fetched.source == "deezer"
