"""Sign-in with Spotify over real HTTP against the sandbox, as a listener's browser does it."""

from __future__ import annotations

import requests
from django.contrib.auth import get_user_model

from accounts.models import SpotifyConnection
from sandbox.testing import DEMO_LISTENER_IDS, set_development_mode
from tests.flows import consent, csrf_from, query_of, sign_in, start_sign_in

LISTENER, OTHER_LISTENER = DEMO_LISTENER_IDS[0], DEMO_LISTENER_IDS[1]


def test_a_listener_signs_in_and_sees_their_top_tracks_then_signs_out(sandbox_catalogue, sandbox_urls):
    browser = requests.Session()
    authorize = start_sign_in(browser, sandbox_urls).headers["Location"]
    params = query_of(authorize)
    assert authorize.startswith(f"{sandbox_urls}/sandbox/accounts/authorize?")
    assert set(params["scope"].split()) == {
        "user-top-read",
        "playlist-modify-private",
        "playlist-modify-public",
        "ugc-image-upload",
    }
    assert params["redirect_uri"] == f"{sandbox_urls}/accounts/spotify/login/callback/"
    assert params["redirect_uri"].startswith("http://127.0.0.1:")
    assert params["state"]

    home = browser.get(consent(browser, authorize, listener=LISTENER), timeout=15)
    assert home.url.rstrip("/") == sandbox_urls
    assert "Your top tracks" in home.text
    assert home.text.count('class="track"') == 50
    connection = SpotifyConnection.objects.get(spotify_id=LISTENER)
    assert connection.display_name in home.text
    assert connection.state == SpotifyConnection.State.ACTIVE
    assert set(connection.scope.split()) >= {"user-top-read", "playlist-modify-private"}

    for time_range in ("medium_term", "long_term"):
        page = browser.get(f"{sandbox_urls}/?range={time_range}", timeout=15)
        assert page.text.count('class="track"') == 50

    logout_page = browser.get(f"{sandbox_urls}/", timeout=10)
    browser.post(f"{sandbox_urls}/accounts/logout/", data={"csrfmiddlewaretoken": csrf_from(logout_page.text)})
    assert "Sign in with Spotify" in browser.get(f"{sandbox_urls}/", timeout=10).text


def test_signing_in_again_reuses_the_same_account(sandbox_catalogue, sandbox_urls):
    sign_in(requests.Session(), sandbox_urls, listener=LISTENER)
    sign_in(requests.Session(), sandbox_urls, listener=LISTENER)
    assert get_user_model().objects.filter(spotify__spotify_id=LISTENER).count() == 1
    assert SpotifyConnection.objects.count() == 1


def test_a_state_mismatch_is_refused(sandbox_catalogue, sandbox_urls):
    browser = requests.Session()
    authorize = start_sign_in(browser, sandbox_urls).headers["Location"]
    callback = consent(browser, authorize, listener=LISTENER)
    forged = callback.replace(f"state={query_of(callback)['state']}", "state=forged-by-someone-else")
    page = browser.get(forged, timeout=15)
    assert "did not complete" in page.text
    assert "Your top tracks" not in page.text
    assert not SpotifyConnection.objects.exists()


def test_a_callback_from_another_browser_is_refused(sandbox_catalogue, sandbox_urls):
    victim, attacker = requests.Session(), requests.Session()
    authorize = start_sign_in(attacker, sandbox_urls).headers["Location"]
    callback = consent(attacker, authorize, listener=OTHER_LISTENER)
    page = victim.get(callback, timeout=15)
    assert "Your top tracks" not in page.text
    assert not SpotifyConnection.objects.exists()


def test_cancel_on_the_consent_page_comes_back_with_a_message(sandbox_catalogue, sandbox_urls):
    browser = requests.Session()
    authorize = start_sign_in(browser, sandbox_urls).headers["Location"]
    callback = consent(browser, authorize, listener=LISTENER, decision="cancel")
    assert query_of(callback)["error"] == "access_denied"
    page = browser.get(callback, timeout=15)
    assert "Sign-in cancelled" in page.text
    assert "Sign in with Spotify" in page.text
    assert not SpotifyConnection.objects.exists()


def test_a_listener_off_a_development_mode_allowlist_is_told_what_the_owner_must_do(sandbox_catalogue, sandbox_urls):
    set_development_mode(on=True, allowlist=[OTHER_LISTENER])
    page = sign_in(requests.Session(), sandbox_urls, listener=LISTENER)
    assert page.status_code == 403
    assert "development mode" in page.text
    assert "User Management" in page.text
    assert not SpotifyConnection.objects.exists()


def test_an_allowlisted_listener_gets_in_under_development_mode(sandbox_catalogue, sandbox_urls):
    set_development_mode(on=True, allowlist=[LISTENER])
    page = sign_in(requests.Session(), sandbox_urls, listener=LISTENER)
    assert "Your top tracks" in page.text
