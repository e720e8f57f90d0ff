"""The accounts service through real HTTP: consent page, code exchange, refresh, revocation, errors."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.conf import settings
from django.db import connection
from django.utils import timezone
from spotipy.cache_handler import MemoryCacheHandler
from spotipy.oauth2 import SpotifyOAuth, SpotifyOauthError

from sandbox.models import AuthorizationCode
from sandbox.testing import DEMO_LISTENER_IDS, mint_token, revoke_refresh_tokens, set_refresh_rotation
from tests.sandbox.conftest import CALLBACK_PATH, LISTENER, make_client

pytestmark = pytest.mark.django_db(transaction=True)

SCOPE = "user-top-read playlist-modify-private playlist-modify-public ugc-image-upload"


def authorize_url() -> str:
    return f"{settings.SPOTIFY_ACCOUNTS_URL}/authorize"


def token_url() -> str:
    return f"{settings.SPOTIFY_ACCOUNTS_URL}/api/token"


def authorize_params(redirect_uri: str, **overrides: str) -> dict[str, str]:
    return {
        "client_id": settings.SPOTIFY_CLIENT_ID,
        "response_type": "code",
        "redirect_uri": redirect_uri,
        "scope": SCOPE,
        "state": "st4te-xyz",
        **overrides,
    }


def consent(
    session: requests.Session, params: dict[str, str], *, decision: str = "agree", listener: str = LISTENER
) -> requests.Response:
    """Open the consent page and press a button, as a browser without JavaScript would."""
    page = session.get(authorize_url(), params=params, timeout=10)
    assert page.status_code == 200, page.text
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert csrf is not None
    form = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
    form.update({"listener": listener, "decision": decision})
    return session.post(authorize_url(), data=form, allow_redirects=False, timeout=10)


def code_from(response: requests.Response) -> tuple[str, dict[str, list[str]]]:
    assert response.status_code == 302, response.text
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    return query["code"][0], query


def exchange(code: str, redirect_uri: str, **extra: str) -> requests.Response:
    # allauth's way: client credentials in the form body.
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "client_id": settings.SPOTIFY_CLIENT_ID,
        "client_secret": settings.SPOTIFY_CLIENT_SECRET,
        **extra,
    }
    return requests.post(token_url(), data=data, timeout=10)


def test_consent_page_names_the_app_the_scopes_and_the_demo_listeners(sandbox_catalogue, redirect_uri):
    page = requests.get(authorize_url(), params=authorize_params(redirect_uri), timeout=10)
    assert page.status_code == 200
    assert "Undercurrent wants to access your Spotify account" in page.text
    assert "Your top artists and content" in page.text
    assert "Upload images to personalize your profile or playlist cover" in page.text
    assert "Lena Voss" in page.text and "Elsie Marchetti" in page.text
    assert 'type="radio" name="listener"' in page.text
    assert ">Agree</button>" in page.text and ">Cancel</button>" in page.text
    assert "<script" not in page.text


def test_agree_sends_a_code_and_the_state_back_and_the_code_buys_tokens_once(sandbox_catalogue, redirect_uri):
    answer = consent(requests.Session(), authorize_params(redirect_uri))
    code, query = code_from(answer)
    assert answer.headers["Location"].startswith(redirect_uri)
    assert query["state"] == ["st4te-xyz"]

    first = exchange(code, redirect_uri)
    assert first.status_code == 200, first.text
    body = first.json()
    assert set(body) == {"access_token", "token_type", "scope", "expires_in", "refresh_token"}
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert body["scope"] == SCOPE
    assert make_client(body["access_token"]).current_user()["id"] == LISTENER

    again = exchange(code, redirect_uri)
    assert again.status_code == 400
    assert again.json() == {"error": "invalid_grant", "error_description": "Invalid authorization code"}


def test_the_chosen_listener_is_the_one_signed_in(sandbox_catalogue, redirect_uri):
    code, _ = code_from(consent(requests.Session(), authorize_params(redirect_uri), listener=DEMO_LISTENER_IDS[3]))
    access = exchange(code, redirect_uri).json()["access_token"]
    assert make_client(access).current_user()["id"] == DEMO_LISTENER_IDS[3]


def test_cancel_sends_access_denied_and_the_state_back(sandbox_catalogue, redirect_uri):
    answer = consent(requests.Session(), authorize_params(redirect_uri), decision="cancel")
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer.headers["Location"]).query)
    assert query == {"error": ["access_denied"], "state": ["st4te-xyz"]}


def test_the_consent_form_refuses_a_post_without_its_csrf_token(sandbox_catalogue, redirect_uri):
    form = {**authorize_params(redirect_uri), "listener": LISTENER, "decision": "agree"}
    answer = requests.post(authorize_url(), data=form, allow_redirects=False, timeout=10)
    assert answer.status_code == 403


def test_a_loopback_ip_redirect_matches_on_any_port(sandbox_catalogue):
    port = 54321 if urlsplit(settings.SITE_URL).port != 54321 else 54322
    other_port = f"http://127.0.0.1:{port}{CALLBACK_PATH}"
    answer = consent(requests.Session(), authorize_params(other_port))
    code, _ = code_from(answer)
    assert answer.headers["Location"].startswith(other_port)
    assert exchange(code, other_port).status_code == 200


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"redirect_uri": f"http://localhost:8000{CALLBACK_PATH}"}, "INVALID_CLIENT: Insecure redirect URI"),
        ({"redirect_uri": f"http://example.com{CALLBACK_PATH}"}, "INVALID_CLIENT: Insecure redirect URI"),
        ({"redirect_uri": "http://127.0.0.1:8000/elsewhere/"}, "INVALID_CLIENT: Invalid redirect URI"),
        ({"redirect_uri": ""}, "INVALID_CLIENT: Invalid redirect URI"),
        ({"client_id": "nobody"}, "INVALID_CLIENT: Invalid client"),
        ({"scope": "user-top-read user-read-everything"}, "INVALID_SCOPE: Illegal scope"),
    ],
)
def test_authorize_refuses_bad_requests_on_an_error_page(sandbox_catalogue, redirect_uri, overrides, message):
    page = requests.get(authorize_url(), params={**authorize_params(redirect_uri), **overrides}, timeout=10)
    assert page.status_code == 400
    assert message in page.text
    assert "Agree" not in page.text


def test_authorize_sends_an_unsupported_response_type_back_to_the_app(sandbox_catalogue, redirect_uri):
    answer = requests.get(
        authorize_url(),
        params=authorize_params(redirect_uri, response_type="token"),
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302
    assert parse_qs(urlsplit(answer.headers["Location"]).query)["error"] == ["unsupported_response_type"]


def test_a_code_exchange_needs_the_same_redirect_uri(sandbox_catalogue, redirect_uri):
    code, _ = code_from(consent(requests.Session(), authorize_params(redirect_uri)))
    answer = exchange(code, redirect_uri + "other/")
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_grant"


def test_a_code_expires_after_ten_minutes(sandbox_catalogue, redirect_uri):
    code, _ = code_from(consent(requests.Session(), authorize_params(redirect_uri)))
    AuthorizationCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    answer = exchange(code, redirect_uri)
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_grant"


def test_pkce_lets_a_public_client_exchange_without_a_secret(sandbox_catalogue, redirect_uri):
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    params = authorize_params(redirect_uri, code_challenge=challenge, code_challenge_method="S256")
    code, _ = code_from(consent(requests.Session(), params))
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "client_id": settings.SPOTIFY_CLIENT_ID,
    }
    wrong = requests.post(token_url(), data={**data, "code_verifier": "x" * 50}, timeout=10)
    assert wrong.json()["error"] == "invalid_grant"
    code, _ = code_from(consent(requests.Session(), params))
    right = requests.post(token_url(), data={**data, "code": code, "code_verifier": verifier}, timeout=10)
    assert right.status_code == 200, right.text


def test_bad_client_credentials_are_invalid_client(sandbox_catalogue):
    wrong_secret = requests.post(
        token_url(),
        data={"grant_type": "client_credentials"},
        auth=(settings.SPOTIFY_CLIENT_ID, "not-the-secret"),
        timeout=10,
    )
    assert wrong_secret.status_code == 401
    assert wrong_secret.json() == {"error": "invalid_client", "error_description": "Invalid client secret"}
    unknown = requests.post(
        token_url(),
        data={"grant_type": "refresh_token", "refresh_token": "x", "client_id": "who", "client_secret": "what"},
        timeout=10,
    )
    assert unknown.status_code == 401
    assert unknown.json()["error"] == "invalid_client"


@pytest.mark.parametrize("grant_type", ["", "password", "implicit"])
def test_other_grant_types_are_unsupported(sandbox_catalogue, grant_type):
    answer = requests.post(
        token_url(),
        data={"grant_type": grant_type},
        auth=(settings.SPOTIFY_CLIENT_ID, settings.SPOTIFY_CLIENT_SECRET),
        timeout=10,
    )
    assert answer.status_code == 400
    assert answer.json()["error"] == "unsupported_grant_type"


def spotipy_oauth(sandbox_urls: str) -> SpotifyOAuth:
    oauth = SpotifyOAuth(
        client_id=settings.SPOTIFY_CLIENT_ID,
        client_secret=settings.SPOTIFY_CLIENT_SECRET,
        redirect_uri=f"{sandbox_urls}{CALLBACK_PATH}",
        scope=SCOPE,
        open_browser=False,
        # spotipy's default cache writes tokens to ./.cache; a test must leave no token on disk.
        cache_handler=MemoryCacheHandler(),
    )
    # A class attribute in spotipy; set on the instance so other tests keep the real one.
    oauth.OAUTH_TOKEN_URL = f"{settings.SPOTIFY_ACCOUNTS_URL}/api/token"
    return oauth


def test_a_refresh_answer_omits_the_refresh_token_by_default(sandbox_catalogue, sandbox_urls):
    grant = mint_token(listener_id=LISTENER)
    raw = requests.post(
        token_url(),
        data={"grant_type": "refresh_token", "refresh_token": grant.refresh_token},
        auth=(settings.SPOTIFY_CLIENT_ID, settings.SPOTIFY_CLIENT_SECRET),
        timeout=10,
    )
    assert raw.status_code == 200
    assert set(raw.json()) == {"access_token", "token_type", "scope", "expires_in"}

    info = spotipy_oauth(sandbox_urls).refresh_access_token(grant.refresh_token)
    # spotipy keeps the old refresh token when the answer has none, and the old one still works.
    assert info["refresh_token"] == grant.refresh_token
    assert info["access_token"] != grant.access_token
    assert make_client(info["access_token"]).current_user()["id"] == LISTENER
    assert spotipy_oauth(sandbox_urls).refresh_access_token(grant.refresh_token)["access_token"]


def test_with_rotation_a_refresh_hands_out_a_new_refresh_token_and_retires_the_old(sandbox_catalogue, sandbox_urls):
    set_refresh_rotation(on=True)
    grant = mint_token(listener_id=LISTENER)
    oauth = spotipy_oauth(sandbox_urls)
    info = oauth.refresh_access_token(grant.refresh_token)
    assert info["refresh_token"] != grant.refresh_token
    with pytest.raises(SpotifyOauthError) as refused:
        oauth.refresh_access_token(grant.refresh_token)
    assert refused.value.error == "invalid_grant"
    assert oauth.refresh_access_token(info["refresh_token"])["access_token"]


def test_a_revoked_refresh_token_is_an_invalid_grant(sandbox_catalogue, sandbox_urls, api_get):
    grant = mint_token(listener_id=LISTENER)
    assert revoke_refresh_tokens(listener_id=LISTENER) == 1
    with pytest.raises(SpotifyOauthError) as refused:
        spotipy_oauth(sandbox_urls).refresh_access_token(grant.refresh_token)
    assert refused.value.error == "invalid_grant"
    assert refused.value.error_description == "Invalid refresh token"
    # Revocation ends the access tokens too, as removing an app's access on spotify.com does.
    assert api_get("me", grant.access_token).json() == {"error": {"status": 401, "message": "Invalid access token"}}


def test_an_unknown_refresh_token_is_an_invalid_grant(sandbox_catalogue):
    answer = requests.post(
        token_url(),
        data={"grant_type": "refresh_token", "refresh_token": "AQnot-a-token"},
        auth=(settings.SPOTIFY_CLIENT_ID, settings.SPOTIFY_CLIENT_SECRET),
        timeout=10,
    )
    assert answer.status_code == 400
    assert answer.json() == {"error": "invalid_grant", "error_description": "Invalid refresh token"}


def test_a_client_credentials_token_searches_but_is_no_user(sandbox_catalogue, api_get):
    answer = requests.post(
        token_url(),
        data={"grant_type": "client_credentials"},
        auth=(settings.SPOTIFY_CLIENT_ID, settings.SPOTIFY_CLIENT_SECRET),
        timeout=10,
    )
    body = answer.json()
    assert "refresh_token" not in body
    assert api_get("search", body["access_token"], q="a", type="track").status_code == 200
    assert api_get("me", body["access_token"]).status_code == 401


def test_the_database_holds_only_hashes_of_codes_and_tokens(sandbox_catalogue, redirect_uri):
    code, _ = code_from(consent(requests.Session(), authorize_params(redirect_uri)))
    tokens = exchange(code, redirect_uri).json()
    refreshed = requests.post(
        token_url(),
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
        auth=(settings.SPOTIFY_CLIENT_ID, settings.SPOTIFY_CLIENT_SECRET),
        timeout=10,
    ).json()
    secrets_seen = [
        code,
        tokens["access_token"],
        tokens["refresh_token"],
        refreshed["access_token"],
        settings.SPOTIFY_CLIENT_SECRET,
    ]
    dump = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table.startswith("sandbox_"):
                cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (names come from introspection)
                dump.extend(repr(row) for row in cursor.fetchall())
    text = "\n".join(dump)
    assert hashlib.sha256(tokens["access_token"].encode()).hexdigest() in text
    for secret in secrets_seen:
        assert secret not in text
