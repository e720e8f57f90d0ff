"""Shared fixtures. Tests talk HTTP to the sandbox on a live server; nothing of ours is mocked."""

from __future__ import annotations

import os
import socket

import pytest

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


@pytest.fixture
def _fail_without_services():
    ok, why = services_reachable()
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
