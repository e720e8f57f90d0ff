"""The Spotify connection keeps working as tokens expire, and says so plainly when it cannot."""

from __future__ import annotations

from datetime import timedelta

import requests
from django.apps import apps
from django.db import connection as db
from django.utils import timezone

from accounts import crypto
from accounts.models import SpotifyConnection
from accounts.services import spotify_client_for
from sandbox import faults
from sandbox.testing import DEMO_LISTENER_IDS, mint_token, revoke_refresh_tokens, set_refresh_rotation
from tests.flows import sign_in

LISTENER = DEMO_LISTENER_IDS[0]


def expire_our_copy(user) -> None:
    SpotifyConnection.objects.filter(user=user).update(access_expires_at=timezone.now() - timedelta(minutes=5))


def test_an_expired_access_token_is_refreshed_without_the_listener_noticing(listener):
    client, user, grant = listener
    expire_our_copy(user)
    page = client.get("/")
    assert page.content.decode().count('class="track"') == 50
    refreshed = SpotifyConnection.objects.get(user=user)
    assert refreshed.access_expires_at > timezone.now() + timedelta(minutes=50)
    assert crypto.decrypt(refreshed.access_token_encrypted) != grant.access_token
    # Spotify's refresh answer omitted refresh_token: the old one is kept.
    assert crypto.decrypt(refreshed.refresh_token_encrypted) == grant.refresh_token


def test_a_rotated_refresh_token_is_stored(listener):
    _, user, grant = listener
    set_refresh_rotation(on=True)
    expire_our_copy(user)
    spotify_client_for(user=user).current_user()
    stored = SpotifyConnection.objects.get(user=user)
    assert crypto.decrypt(stored.refresh_token_encrypted) != grant.refresh_token


def test_a_token_spotify_ended_early_is_refreshed_once_on_401(listener):
    client, user, _ = listener
    dead = mint_token(listener_id=LISTENER, expires_in=-1)
    # Our copy believes the token has an hour left; Spotify says it expired.
    SpotifyConnection.objects.filter(user=user).update(
        access_token_encrypted=crypto.encrypt(dead.access_token),
        refresh_token_encrypted=crypto.encrypt(dead.refresh_token),
    )
    page = client.get("/?range=long_term")
    assert page.content.decode().count('class="track"') == 50


def test_a_revoked_refresh_token_asks_the_listener_to_sign_in_again(listener, sandbox_urls):
    client, user, _ = listener
    revoke_refresh_tokens(listener_id=LISTENER)
    expire_our_copy(user)
    page = client.get("/").content.decode()
    assert "Your Spotify connection has lapsed" in page
    assert "Sign in with Spotify" in page
    stored = SpotifyConnection.objects.get(user=user)
    assert stored.state == SpotifyConnection.State.NEEDS_SIGN_IN
    # The next page view does not call Spotify again with the dead token: it still says so.
    assert "has lapsed" in client.get("/").content.decode()


def test_signing_in_again_restores_a_lapsed_connection(sandbox_catalogue, sandbox_urls):
    browser = requests.Session()
    sign_in(browser, sandbox_urls, listener=LISTENER)
    SpotifyConnection.objects.update(state=SpotifyConnection.State.NEEDS_SIGN_IN)
    assert "has lapsed" in browser.get(f"{sandbox_urls}/", timeout=15).text
    page = sign_in(requests.Session(), sandbox_urls, listener=LISTENER)
    assert page.text.count('class="track"') == 50
    assert SpotifyConnection.objects.get().state == SpotifyConnection.State.ACTIVE


def test_a_429_never_sleeps_in_the_request_and_the_page_retries_by_itself(listener):
    client, _, _ = listener
    faults.rate_limit(scope="api", retry_after=7, count=1)
    page = client.get("/?range=medium_term").content.decode()
    assert "Spotify asked us to wait 7 s" in page
    assert 'hx-trigger="load delay:7s"' in page
    assert 'hx-get="?range=medium_term"' in page
    # What htmx fetches after the delay: the partial alone, now with the tracks.
    retry = client.get("/?range=medium_term", headers={"HX-Request": "true"}).content.decode()
    assert retry.count('class="track"') == 50
    assert "<html" not in retry


def test_spotify_5xx_shows_a_message_not_an_error_page(listener):
    client, _, _ = listener
    faults.server_error(scope="api", status=503, count=1)
    page = client.get("/")
    assert page.status_code == 200
    assert "Spotify is not answering right now" in page.content.decode()


def test_no_token_is_stored_or_logged_in_plain_text(sandbox_catalogue, sandbox_urls, caplog):
    caplog.set_level("DEBUG")
    browser = requests.Session()
    sign_in(browser, sandbox_urls, listener=LISTENER)
    stored = SpotifyConnection.objects.get()
    SpotifyConnection.objects.update(access_expires_at=timezone.now() - timedelta(minutes=5))
    browser.get(f"{sandbox_urls}/?range=long_term", timeout=15)  # refreshes: a second access token
    refreshed = SpotifyConnection.objects.get()
    secrets = {
        crypto.decrypt(stored.access_token_encrypted),
        crypto.decrypt(refreshed.access_token_encrypted),
        crypto.decrypt(refreshed.refresh_token_encrypted),
    }
    assert len(secrets) == 3
    with db.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            cursor.execute(f"SELECT * FROM {db.ops.quote_name(table)}")  # noqa: S608 - table names from Django
            dump = repr(cursor.fetchall())
            for secret in secrets:
                assert secret not in dump, f"a plaintext token sits in {table}"
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in secrets:
        assert secret not in logged
