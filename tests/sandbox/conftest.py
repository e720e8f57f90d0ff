"""Sandbox-only fixtures: a seeded world on a live server, tokens, and clients pointed at it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests
import spotipy
from django.conf import settings

from sandbox.testing import DEMO_LISTENER_IDS, mint_token

LISTENER = DEMO_LISTENER_IDS[0]
CALLBACK_PATH = "/accounts/spotify/login/callback/"


@pytest.fixture
def token(sandbox_catalogue) -> str:
    return mint_token(listener_id=LISTENER).access_token


def make_client(access_token: str) -> spotipy.Spotify:
    # retries=0 as a worker builds it: no sleeping on Retry-After inside the client.
    client = spotipy.Spotify(auth=access_token, retries=0, status_retries=0)
    client.prefix = f"{settings.SPOTIFY_API_URL}/v1/"
    return client


@pytest.fixture
def sp(token) -> spotipy.Spotify:
    return make_client(token)


@pytest.fixture
def api_get(sandbox_urls) -> Callable[..., requests.Response]:
    """GET a Web API path (relative to /v1/) with requests, for status codes and raw bodies."""

    def get(path: str, access_token: str | None = None, **params: object) -> requests.Response:
        headers = {"Authorization": f"Bearer {access_token}"} if access_token else {}
        return requests.get(f"{settings.SPOTIFY_API_URL}/v1/{path}", headers=headers, params=params, timeout=10)

    return get


@pytest.fixture
def redirect_uri(sandbox_urls) -> str:
    # Registered as {SITE_URL}/accounts/...; the live server's own origin is a loopback IP too.
    return f"{sandbox_urls}{CALLBACK_PATH}"
