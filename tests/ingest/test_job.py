"""'Analyse my taste': a job that profiles a listener's top tracks from sound, and survives the real world."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone

from accounts.models import SpotifyConnection
from ingest import audio
from ingest.models import Embedding, IngestJob, TopTrack, TrackAudio
from ingest.services import clips_expire, ingest_job_start
from ingest.tasks import track_analyse
from sandbox import faults
from sandbox.testing import revoke_refresh_tokens
from tests.conftest import connect_listener
from tests.ingest.conftest import make_user, on_deezer_with_preview, sandbox_listener, tracks_where

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def audio_of(track) -> TrackAudio:
    return TrackAudio.objects.get(track__spotify_id=track.id)


def test_analyse_my_taste_profiles_every_top_track_from_sound(small_listener, eager_tasks):
    client, user, tracks = small_listener
    client.post("/analyse/")
    job = IngestJob.objects.get(user=user)
    assert job.state == IngestJob.State.DONE
    assert job.track_slots == 7
    assert TopTrack.objects.filter(user=user).count() == 7
    assert job.items.count() == 5

    for track in tracks["deezer"]:
        row = audio_of(track)
        assert (row.state, row.source, row.clip_format) == ("ready", "deezer", "mp3")
    itunes_row = audio_of(tracks["itunes"][0])
    assert (itunes_row.state, itunes_row.source, itunes_row.clip_format) == ("ready", "itunes", "m4a")
    missing = audio_of(tracks["nowhere"][0])
    assert (missing.state, missing.reason) == ("no_preview", "no_preview")

    embeddings = Embedding.objects.filter(track__audio__state="ready")
    assert embeddings.count() == 4
    for embedding in embeddings:
        assert embedding.version == audio.EMBEDDING_VERSION
        vector = np.frombuffer(embedding.vector, dtype=np.float32)
        assert vector.shape == (audio.RAW_SIZE,)
        assert np.isfinite(vector).all()
    with default_storage.open(itunes_row.spectrogram.name, "rb") as handle:
        assert handle.read(8) == PNG_SIGNATURE

    page = client.get("/").content.decode()
    assert "Tracks found" in page
    assert page.count('class="spectrogram"') == 3  # short_term: 2 Deezer tracks and 1 iTunes track
    spectrogram = client.get(f"/tracks/{tracks['itunes'][0].id}/spectrogram.png")
    assert spectrogram["Content-Type"] == "image/png"
    clip = client.get(f"/tracks/{tracks['itunes'][0].id}/preview")
    assert clip["Content-Type"] == "audio/mp4"
    assert b"ftyp" in b"".join(clip.streaming_content)[:16]
    medium = client.get("/?range=medium_term").content.decode()
    assert "No preview anywhere" in medium


def signed_in(name: str) -> tuple[Client, object]:
    user = make_user(name)
    client = Client()
    client.force_login(user)
    return client, user


def test_a_second_click_joins_the_running_job(db, django_capture_on_commit_callbacks):
    client, user = signed_in("clicker")
    with django_capture_on_commit_callbacks() as callbacks:
        client.post("/analyse/")
        client.post("/analyse/", headers={"HX-Request": "true"})
    assert IngestJob.objects.filter(user=user).count() == 1
    assert len(callbacks) == 1, "the second click must not enqueue a second job"
    job, created = ingest_job_start(user=user)
    assert not created
    assert job.state == IngestJob.State.QUEUED


def test_progress_is_live_and_private(db, django_capture_on_commit_callbacks):
    client, user = signed_in("watcher")
    with django_capture_on_commit_callbacks():
        client.post("/analyse/")
    job = IngestJob.objects.get(user=user)
    partial = client.get(f"/analyse/jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in partial
    assert "<html" not in partial
    stranger, _ = signed_in("stranger")
    assert stranger.get(f"/analyse/jobs/{job.pk}/").status_code == 404
    assert Client().get(f"/analyse/jobs/{job.pk}/").status_code == 302


def test_pages_of_track_audio_need_a_signed_in_listener(small_listener, eager_tasks):
    client, _, tracks = small_listener
    client.post("/analyse/")
    track_id = tracks["deezer"][0].id
    assert Client().get(f"/tracks/{track_id}/spectrogram.png").status_code == 302
    assert Client().get(f"/tracks/{track_id}/preview").status_code == 302


def test_a_track_shared_by_listeners_is_analysed_once(small_listener, eager_tasks):
    client, _, tracks = small_listener
    client.post("/analyse/")
    shared = tracks["deezer"][:2]
    other_id = sandbox_listener("other.listener", {"short_term": shared, "medium_term": [], "long_term": []})
    other, _ = connect_listener(other_id)
    other_client = Client()
    other_client.force_login(other)
    other_client.post("/analyse/")
    assert IngestJob.objects.get(user=other).state == IngestJob.State.DONE
    for track in shared:
        assert audio_of(track).attempts == 1
        assert Embedding.objects.filter(track__spotify_id=track.id).count() == 1


def test_a_redelivered_analysis_is_a_no_op(small_listener, eager_tasks):
    client, _, tracks = small_listener
    client.post("/analyse/")
    row = audio_of(tracks["deezer"][0])
    track_analyse.apply(args=[row.track_id])
    again = audio_of(tracks["deezer"][0])
    assert again.attempts == 1
    assert again.analysed_at == row.analysed_at


def test_a_second_run_reuses_the_kept_clips_and_a_new_analysis_reads_them(small_listener, eager_tasks):
    client, _user, tracks = small_listener
    client.post("/analyse/")
    # A track to analyse again (a new embedding version would do this) must not download it again:
    # even with the preview services down, the kept clip serves.
    row = audio_of(tracks["deezer"][1])
    TrackAudio.objects.filter(pk=row.pk).update(state=TrackAudio.State.PENDING)
    faults.server_error(scope="deezer", status=503, count=None)
    faults.server_error(scope="itunes", status=503, count=None)
    track_analyse.apply(args=[row.track_id])
    assert audio_of(tracks["deezer"][1]).state == "ready"


def test_spotify_429_and_5xx_during_the_fetch_are_retried(small_listener, eager_tasks):
    client, user, _ = small_listener
    faults.rate_limit(scope="api", retry_after=1, count=1, path_contains="/top/tracks")
    faults.server_error(scope="api", status=502, count=1, path_contains="/top/tracks")
    client.post("/analyse/")
    assert IngestJob.objects.get(user=user).state == IngestJob.State.DONE
    assert TopTrack.objects.filter(user=user).count() == 7


def test_preview_services_429_and_5xx_are_retried_then_succeed(small_listener, eager_tasks):
    client, user, _tracks = small_listener
    faults.rate_limit(scope="deezer", count=2)
    faults.server_error(scope="itunes", status=503, count=1)
    faults.rate_limit(scope="audio", retry_after=1, count=1)
    client.post("/analyse/")
    assert IngestJob.objects.get(user=user).state == IngestJob.State.DONE
    assert TrackAudio.objects.filter(state="ready").count() == 4


def test_services_down_through_every_retry_settle_the_track_so_the_job_ends(small_listener, eager_tasks):
    client, user, _ = small_listener
    faults.server_error(scope="deezer", status=503, count=None)
    faults.server_error(scope="itunes", status=503, count=None)
    client.post("/analyse/")
    job = IngestJob.objects.get(user=user)
    assert job.state == IngestJob.State.DONE
    assert TrackAudio.objects.filter(state="unavailable", reason="source_unavailable").count() == 5
    page = client.get("/").content.decode()
    assert "preview services unavailable" in page


def test_corrupt_and_huge_previews_get_a_reason_and_the_rest_carry_on(small_listener, eager_tasks):
    client, user, tracks = small_listener
    faults.fault_set(scope="audio", kind="corrupt", count=1, path_contains="/deezer/preview/")
    # The iTunes-only track has no other source to fall back on.
    faults.fault_set(scope="audio", kind="huge", count=1, path_contains="/itunes/preview/")
    client.post("/analyse/")
    assert IngestJob.objects.get(user=user).state == IngestJob.State.DONE
    reasons = sorted(TrackAudio.objects.filter(state="unreadable").values_list("reason", flat=True))
    assert reasons == ["corrupt", "too_large"]
    assert TrackAudio.objects.filter(state="ready").count() == 2
    assert audio_of(tracks["itunes"][0]).reason == "too_large"
    page = client.get("/").content.decode()
    assert "audio too large" in page
    assert "audio unreadable (corrupt)" in page


def test_a_refused_download_falls_back_to_the_next_source(small_listener, eager_tasks):
    client, _, tracks = small_listener
    faults.fault_set(scope="audio", kind="huge", count=None, path_contains="/deezer/preview/")
    client.post("/analyse/")
    for track in tracks["deezer"]:
        row = audio_of(track)
        assert (row.state, row.source) == ("ready", "itunes")


def test_a_listener_with_no_top_tracks_is_told_so(sandbox_catalogue, eager_tasks):
    listener_id = sandbox_listener("quiet.listener", {})
    user, _ = connect_listener(listener_id)
    client = Client()
    client.force_login(user)
    client.post("/analyse/")
    job = IngestJob.objects.get(user=user)
    assert job.state == IngestJob.State.DONE
    assert job.items.count() == 0
    assert "Spotify had no top tracks for you" in client.get("/").content.decode()


def test_a_revoked_sign_in_fails_the_job_with_a_reason(small_listener, eager_tasks):
    client, user, _ = small_listener
    revoke_refresh_tokens(listener_id="small.listener")
    from django.utils import timezone

    SpotifyConnection.objects.filter(user=user).update(access_expires_at=timezone.now())
    client.post("/analyse/")
    job = IngestJob.objects.get(user=user)
    assert job.state == IngestJob.State.FAILED
    assert "sign in again" in job.error
    assert "has lapsed" in client.get("/").content.decode()


def test_kept_clips_expire_after_the_retention_period(small_listener, eager_tasks, settings):
    client, _, tracks = small_listener
    settings.CLIP_RETENTION_DAYS = 1
    client.post("/analyse/")
    row = audio_of(tracks["deezer"][0])
    assert default_storage.exists(row.clip.name)
    TrackAudio.objects.filter(pk=row.pk).update(clip_expires_at=timezone.now() - timedelta(seconds=1))
    assert clips_expire() == 1
    assert not default_storage.exists(row.clip.name)
    kept = audio_of(tracks["deezer"][0])
    assert kept.state == "ready" and kept.spectrogram and not kept.clip


def test_a_track_shared_by_many_is_found_on_one_page_of_search(sandbox_catalogue):
    # Guard for the helpers above: the catalogue has tracks of each availability kind.
    assert len(tracks_where(on_deezer_with_preview, 3)) == 3


def test_spotify_asking_to_wait_through_every_retry_fails_the_job_with_a_reason(small_listener, eager_tasks):
    client, user, _ = small_listener
    faults.rate_limit(scope="api", retry_after=1, count=None, path_contains="/top/tracks")
    client.post("/analyse/")
    job = IngestJob.objects.get(user=user)
    assert job.state == IngestJob.State.FAILED
    assert "kept asking us to wait" in job.error
    assert "The analysis stopped" in client.get("/").content.decode()


def test_a_track_that_keeps_crashing_its_worker_is_given_up_on(small_listener, eager_tasks):
    client, _, tracks = small_listener
    client.post("/analyse/")
    row = audio_of(tracks["deezer"][0])
    # As if eight workers had died holding it: pending, unclaimed, attempts spent.
    TrackAudio.objects.filter(pk=row.pk).update(state=TrackAudio.State.PENDING, attempts=8, claimed_until=None)
    track_analyse.apply(args=[row.track_id])
    settled = audio_of(tracks["deezer"][0])
    assert (settled.state, settled.reason) == ("unavailable", "failed")


def test_a_new_embedding_version_is_computed_beside_the_old_from_the_kept_clip(small_listener, eager_tasks):
    client, user, tracks = small_listener
    client.post("/analyse/")
    row = audio_of(tracks["deezer"][0])
    # Pretend the stored embedding came from an older version.
    Embedding.objects.filter(track=row.track).update(version="older-v0")
    faults.server_error(scope="all", status=503, count=None, path_contains="/preview/")
    client.post("/analyse/")
    versions = set(Embedding.objects.filter(track=row.track).values_list("version", flat=True))
    assert versions == {"older-v0", audio.EMBEDDING_VERSION}
    again = audio_of(tracks["deezer"][0])
    assert (again.state, again.source, again.attempts) == ("ready", "deezer", 1)
    assert IngestJob.objects.filter(user=user, state=IngestJob.State.DONE).count() == 2


def test_an_extended_quota_app_uses_the_isrc_spotify_gives(small_listener, eager_tasks, settings):
    client, user, tracks = small_listener
    settings.SANDBOX_EXTENDED_QUOTA = True
    # Deezer's search is down: only the ISRC lookup can find the Deezer tracks.
    faults.server_error(scope="deezer", status=503, count=None, path_contains="/search")
    client.post("/analyse/")
    assert IngestJob.objects.get(user=user).state == IngestJob.State.DONE
    for track in tracks["deezer"]:
        row = audio_of(track)
        assert row.track.isrc == track.isrc
        assert (row.state, row.source) == ("ready", "deezer")
