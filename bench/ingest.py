"""Wall time of one demo listener's whole profile: ~150 top-track slots over three time ranges.

From a fresh database and media folder, against the sandbox over real HTTP, through a real, warm
Celery worker (2 processes). It starts the web server (which also serves the sandbox) and the worker,
and stops both. Redis is the broker when one answers on 127.0.0.1:6379; otherwise the filesystem broker
of the embedded default.

The outside world's cost of making previews (the sandbox synthesizes them) is paid before the clock
starts, as real Deezer and iTunes serve files they already have.

    .venv/bin/python bench/ingest.py [--listener ID]

Last line: wall_s=... tracks=... slots=... analysed=... skipped=... broker=...
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_until(condition, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise SystemExit(f"bench/ingest.py: timed out waiting for {what}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--listener", default=None, help="demo listener id (default: the first)")
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="undercurrent-bench-ingest-"))
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    broker = "redis" if answers(6379) else "filesystem"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "UNDERCURRENT_VAR_DIR": str(workdir),
        "SITE_URL": origin,
        "DEBUG": "0",
        "CELERY_QUEUE": f"bench-{port}",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DATABASE_URL", None)
    if broker == "redis":
        env["REDIS_URL"] = "redis://127.0.0.1:6379/14"
    else:
        env.pop("REDIS_URL", None)
        env.pop("CELERY_BROKER_URL", None)
    os.environ.update(env)
    for key in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"):
        if key not in env:
            os.environ.pop(key, None)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("sandbox_seed", verbosity=0)

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from accounts.services import SpotifyProfile, spotify_connection_store
    from ingest.models import IngestJob, TrackAudio
    from ingest.services import ingest_job_start
    from ingest.services.jobs import tracks_upsert
    from ingest.tasks import track_analyse
    from sandbox.models import TopTrack, Track
    from sandbox.music.cache import render_many
    from sandbox.testing import DEMO_LISTENER_IDS, mint_token

    listener = args.listener or DEMO_LISTENER_IDS[0]
    top_ids = list(dict.fromkeys(TopTrack.objects.filter(listener_id=listener).values_list("track_id", flat=True)))
    families = dict(Track.objects.values_list("id", "style_family"))
    warm_track = next(track_id for track_id in families if track_id not in set(top_ids))
    print(f"Rendering the sandbox previews of {len(top_ids)} tracks (outside the clock)...", flush=True)
    render_many([(t, families[t]) for t in [*top_ids, warm_track]], fmts=("mp3", "m4a"), root=None)

    children: list[subprocess.Popen] = []
    figures = ""
    worker_log = (workdir / "worker.log").open("w")
    try:
        children.append(
            subprocess.Popen(
                [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
                cwd=REPO,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )
        children.append(
            subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency=2", "--loglevel=WARNING"],
                cwd=REPO,
                env=env,
                # The worker's banner and shutdown lines would land after the figures.
                stdout=worker_log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        wait_until(lambda: answers(port), timeout=60, what="the web server")

        # Warm the worker (imports, numba, first decode) on a track outside the measured profile.
        sandbox_track = Track.objects.get(pk=warm_track)
        artists = [{"id": artist.id, "name": artist.name} for artist in sandbox_track.artists.all()]
        item = {"id": warm_track, "name": sandbox_track.name, "artists": artists}
        warm = tracks_upsert([{**item, "duration_ms": sandbox_track.duration_ms}])[warm_track]
        TrackAudio.objects.get_or_create(track=warm)
        track_analyse.delay(warm.pk)
        wait_until(lambda: TrackAudio.objects.get(track=warm).is_final, timeout=120, what="the warm-up analysis")

        grant = mint_token(listener_id=listener)
        user = get_user_model().objects.create_user(username=f"bench-{listener}")
        spotify_connection_store(
            user=user,
            profile=SpotifyProfile(spotify_id=listener, display_name=listener, avatar_url=""),
            access_token=grant.access_token,
            refresh_token=grant.refresh_token,
            expires_at=timezone.now() + timedelta(seconds=grant.expires_in),
            scope=grant.scope,
        )
        started = time.perf_counter()
        job, _ = ingest_job_start(user=user)
        wait_until(lambda: not IngestJob.objects.get(pk=job.pk).is_active, timeout=args.timeout, what="the ingest job")
        wall = time.perf_counter() - started
        job.refresh_from_db()
        states = TrackAudio.objects.filter(track_id__in=job.items.values("track_id"))
        analysed = states.filter(state=TrackAudio.State.READY).count()
        print(f"job {job.state}: {job.items.count()} tracks in {job.track_slots} slots; timings {job.timings}")
        figures = (
            f"wall_s={wall:.2f} tracks={job.items.count()} slots={job.track_slots} analysed={analysed} "
            f"skipped={job.items.count() - analysed} broker={broker}"
        )
    finally:
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
        worker_log.close()
    print(f"worker log: {workdir / 'worker.log'}")
    print(figures)


if __name__ == "__main__":
    main()
