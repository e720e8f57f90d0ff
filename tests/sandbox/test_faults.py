"""Fault switches: armed in the database, consumed per call, answered as the real services answer."""

from __future__ import annotations

import time

import pytest
import requests
import spotipy
from django.conf import settings

from sandbox import faults
from sandbox.models import FaultRule
from sandbox.testing import mint_token
from tests.sandbox.conftest import make_client

pytestmark = pytest.mark.django_db(transaction=True)


def plain_client(access_token: str) -> spotipy.Spotify:
    # No urllib3 Retry on the session, so an error response (and its headers) reaches SpotifyException.
    client = spotipy.Spotify(auth=access_token, requests_session=requests.Session())
    client.prefix = f"{settings.SPOTIFY_API_URL}/v1/"
    return client


def control_url() -> str:
    return f"{settings.SITE_URL}/sandbox/_control/faults"


def test_a_rate_limit_answers_429_with_retry_after_for_the_next_k_calls(token, api_get):
    faults.rate_limit(scope="api", retry_after=17, count=2)
    for _ in range(2):
        answer = api_get("me", token)
        assert answer.status_code == 429
        assert answer.headers["Retry-After"] == "17"
        assert answer.json() == {"error": {"status": 429, "message": "API rate limit exceeded"}}
    assert api_get("me", token).status_code == 200


def test_spotipy_with_retries_0_raises_429_without_the_retry_after_header(sp):
    # spotipy's urllib3 Retry is exhausted at once and requests raises RetryError: the exception says 429
    # but carries no headers. A worker that needs Retry-After must use a session without that Retry.
    faults.rate_limit(retry_after=9)
    with pytest.raises(spotipy.SpotifyException) as limited:
        sp.current_user()
    assert limited.value.http_status == 429
    assert not limited.value.headers


def test_spotipy_on_a_plain_session_raises_429_with_retry_after(token):
    faults.rate_limit(retry_after=9)
    with pytest.raises(spotipy.SpotifyException) as limited:
        plain_client(token).current_user()
    assert limited.value.http_status == 429
    assert limited.value.headers["Retry-After"] == "9"


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_answered_once(token, api_get, status):
    faults.server_error(scope="api", status=status)
    answer = api_get("me/top/tracks", token)
    assert answer.status_code == status
    if status == 502:
        # A gateway's HTML page, not JSON: clients must cope with both.
        assert answer.headers["Content-Type"].startswith("text/html")
    else:
        assert answer.json()["error"]["status"] == status
    assert api_get("me/top/tracks", token).status_code == 200


def test_spotipy_reports_5xx_status_on_a_plain_session(token, sp):
    faults.server_error(status=503, count=2)
    with pytest.raises(spotipy.SpotifyException) as failed:
        plain_client(token).current_user()
    assert failed.value.http_status == 503
    # With retries=0 spotipy turns an exhausted 5xx into the same "429 Max Retries".
    with pytest.raises(spotipy.SpotifyException) as failed:
        sp.current_user()
    assert failed.value.http_status == 429


def test_a_fault_on_the_accounts_scope_hits_the_token_endpoint_not_the_api(sandbox_catalogue, api_get):
    grant = mint_token()
    faults.server_error(scope="accounts", status=503)
    assert api_get("me", grant.access_token).status_code == 200
    answer = requests.post(
        f"{settings.SPOTIFY_ACCOUNTS_URL}/api/token",
        data={"grant_type": "refresh_token", "refresh_token": grant.refresh_token},
        auth=(settings.SPOTIFY_CLIENT_ID, settings.SPOTIFY_CLIENT_SECRET),
        timeout=10,
    )
    assert answer.status_code == 503
    assert answer.json()["error"] == "server_error"


def test_the_all_scope_and_a_path_substring_narrow_what_fails(token, api_get):
    faults.rate_limit(scope="all", path_contains="/search", count=None)
    assert api_get("me", token).status_code == 200
    assert api_get("search", token, q="a", type="track").status_code == 429
    assert api_get("search", token, q="a", type="track").status_code == 429
    faults.clear()
    assert api_get("search", token, q="a", type="track").status_code == 200


def test_a_slow_fault_delays_the_answer(token, api_get):
    faults.slow(seconds=0.6)
    started = time.perf_counter()
    assert api_get("me", token).status_code == 200
    assert time.perf_counter() - started >= 0.6
    started = time.perf_counter()
    api_get("me", token)
    assert time.perf_counter() - started < 0.6


def test_units_are_consumed_one_per_call_however_many_rules(token, api_get):
    faults.rate_limit(count=1)
    faults.server_error(status=500, count=1)
    assert [api_get("me", token).status_code for _ in range(3)] == [429, 500, 200]
    assert faults.fault_take(scope="api", path="/x") is None


def test_the_control_endpoint_arms_lists_and_clears_faults(token, api_get):
    armed = requests.post(control_url(), json={"scope": "api", "kind": "429", "count": 3, "retry_after": 4}, timeout=10)
    assert armed.status_code == 201
    assert armed.json()["remaining"] == 3
    assert api_get("me", token).headers["Retry-After"] == "4"
    listed = requests.get(control_url(), timeout=10).json()["faults"]
    assert [rule["remaining"] for rule in listed] == [2]
    assert requests.delete(control_url(), timeout=10).json() == {"deleted": 1}
    assert api_get("me", token).status_code == 200
    assert FaultRule.objects.count() == 0


@pytest.mark.parametrize("body", [{"scope": "moon"}, {"kind": "418"}, {"count": 0}, {"colour": "red"}, [1]])
def test_the_control_endpoint_refuses_malformed_rules(sandbox_catalogue, body):
    assert requests.post(control_url(), json=body, timeout=10).status_code == 400


def test_fault_functions_validate_their_arguments(db):
    with pytest.raises(ValueError):
        faults.fault_set(scope="api", kind="404")
    with pytest.raises(ValueError):
        faults.with_faults("all")


def test_spotipy_refresh_sees_the_accounts_fault(sandbox_catalogue):
    grant = mint_token()
    faults.rate_limit(scope="accounts", retry_after=3)
    answer = requests.post(
        f"{settings.SPOTIFY_ACCOUNTS_URL}/api/token",
        data={"grant_type": "refresh_token", "refresh_token": grant.refresh_token},
        auth=(settings.SPOTIFY_CLIENT_ID, settings.SPOTIFY_CLIENT_SECRET),
        timeout=10,
    )
    assert answer.status_code == 429
    assert answer.headers["Retry-After"] == "3"
    assert make_client(grant.access_token).current_user()["id"]
