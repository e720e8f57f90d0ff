"""Shared fixtures. Tests talk HTTP to the sandbox on a live server; nothing of ours is mocked."""

from __future__ import annotations

import os
import socket
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from sandbox import faults
from sandbox.testing import DEMO_LISTENER_IDS, mint_token, seed_catalogue

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def services_reachable() -> tuple[bool, str]:
    missing = []
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        missing.append("PostgreSQL (DATABASE_URL unset)")
    if not os.environ.get("REDIS_URL") or not _answers("127.0.0.1", 6379):
        missing.append("Redis (REDIS_URL unset or not answering)")
    return (not missing, ", ".join(missing))


def pytest_collection_modifyitems(config, items):
    ok, why = services_reachable()
    if ok:
        return
    for item in items:
        if "services" in item.keywords:
            if REQUIRE_SERVICES:
                item.add_marker(pytest.mark.usefixtures("_fail_without_services"))
            else:
                item.add_marker(pytest.mark.skip(reason=f"needs {why}; runs on CI (REQUIRE_SERVICES=1)"))


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: with Redis it would otherwise outlive the test (and the run)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def _fail_without_services():
    _, why = services_reachable()
    pytest.fail(f"REQUIRE_SERVICES=1 but {why}")


@pytest.fixture
def sandbox_urls(live_server, settings):
    """Point every outside-service URL at the sandbox mounted on the live server."""
    base = live_server.url
    settings.SITE_URL = base
    settings.SPOTIFY_ACCOUNTS_URL = f"{base}/sandbox/accounts"
    settings.SPOTIFY_API_URL = f"{base}/sandbox/api"
    settings.DEEZER_API_URL = f"{base}/sandbox/deezer"
    settings.ITUNES_API_URL = f"{base}/sandbox/itunes"
    return base


@pytest.fixture
def sandbox_catalogue(transactional_db, sandbox_urls):
    """The seeded demo world, served by the live server that `sandbox_urls` points settings at."""
    summary = seed_catalogue()
    yield summary
    faults.clear()


def connect_listener(listener_id: str, *, expires_in: int | None = None):
    """A user signed in with Spotify as `listener_id`, without the browser flow: a sandbox-minted grant
    stored through the same service the sign-in uses. Returns (user, the plaintext grant)."""
    from accounts.services import SpotifyProfile, spotify_connection_store

    grant = mint_token(listener_id=listener_id, expires_in=expires_in)
    user = get_user_model().objects.create_user(username=f"listener-{listener_id}")
    spotify_connection_store(
        user=user,
        profile=SpotifyProfile(spotify_id=listener_id, display_name=f"Listener {listener_id}", avatar_url=""),
        access_token=grant.access_token,
        refresh_token=grant.refresh_token,
        expires_at=timezone.now() + timedelta(seconds=grant.expires_in),
        scope=grant.scope,
    )
    return user, grant


@pytest.fixture
def listener(sandbox_catalogue):
    """(Django test client signed in, user, grant) for the first demo listener."""
    user, grant = connect_listener(DEMO_LISTENER_IDS[0])
    client = Client()
    client.force_login(user)
    return client, user, grant
