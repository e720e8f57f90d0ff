"""End to end through real Celery workers on Redis: a worker killed mid-job loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from ingest.models import Embedding, IngestJob, TrackAudio
from ingest.services import ingest_job_start
from sandbox import faults
from tests.conftest import connect_listener
from tests.ingest.conftest import on_deezer_with_preview, sandbox_listener, tracks_where

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.services, pytest.mark.slow]


def database_url() -> str:
    db = connection.settings_dict
    assert db["ENGINE"].endswith("postgresql"), "the worker needs the same server database as the test"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def worker_env(sandbox_urls):
    queue = f"test-{uuid.uuid4().hex[:8]}"
    celery_app.conf.task_default_queue = queue
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": os.environ["REDIS_URL"],
        "CELERY_QUEUE": queue,
        "UNDERCURRENT_VAR_DIR": str(settings.VAR_DIR),
        "SPOTIFY_ACCOUNTS_URL": settings.SPOTIFY_ACCOUNTS_URL,
        "SPOTIFY_API_URL": settings.SPOTIFY_API_URL,
        "DEEZER_API_URL": settings.DEEZER_API_URL,
        "ITUNES_API_URL": settings.ITUNES_API_URL,
        # A dead worker's claim expires fast and beat looks for stalled jobs every 2 s, so the test is quick.
        "INGEST_CLAIM_SECONDS": "4",
        "INGEST_RESUME_EVERY": "2",
    }
    yield env
    celery_app.conf.task_default_queue = "celery"


def start_worker(env: dict[str, str], name: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-B",
            "--concurrency=2",
            "--loglevel=WARNING",
            "-n",
            f"{name}@%h",
            "--schedule",
            str(Path(env["UNDERCURRENT_VAR_DIR"]) / f"beat-{name}"),
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,  # its own process group, so the kill reaches the pool's children too
    )


def wait_for(condition, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def settled() -> int:
    return TrackAudio.objects.exclude(state=TrackAudio.State.PENDING).count()


def test_a_worker_killed_mid_job_loses_nothing_and_the_job_completes(sandbox_catalogue, worker_env):
    tracks = tracks_where(on_deezer_with_preview, 10)
    listener_id = sandbox_listener(
        "busy.listener", {"short_term": tracks[:6], "medium_term": tracks[4:], "long_term": []}
    )
    user, _ = connect_listener(listener_id)
    # Every preview download crawls, so the job is surely half-way when the worker dies.
    faults.slow(scope="audio", seconds=1.0, count=None)

    first = start_worker(worker_env, "first")
    try:
        job, created = ingest_job_start(user=user)
        assert created
        wait_for(lambda: settled() >= 2, timeout=90, what="the first worker to analyse two tracks")
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
    done_before = settled()
    assert done_before < 10, "the job finished before the kill: nothing was tested"
    faults.clear(scope="audio")

    second = start_worker(worker_env, "second")
    try:
        wait_for(
            lambda: IngestJob.objects.get(pk=job.pk).state == IngestJob.State.DONE,
            timeout=120,
            what="the job to complete after a worker came back",
        )
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            second.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(second.pid, signal.SIGKILL)
    assert TrackAudio.objects.filter(state=TrackAudio.State.READY).count() == 10
    assert Embedding.objects.count() == 10
    assert IngestJob.objects.get(pk=job.pk).items.filter(done=False).count() == 0
