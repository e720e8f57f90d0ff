"""Services that change a listener's account state: the Spotify connection and its tokens."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import requests
import spotipy
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from accounts import crypto
from accounts.models import SpotifyConnection
from accounts.retry_after import retry_after_seconds
from accounts.spotify.errors import (
    SpotifyNotConnected,
    SpotifyRateLimited,
    SpotifyReauthRequired,
    SpotifyUnavailable,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SpotifyProfile:
    spotify_id: str
    display_name: str
    avatar_url: str

    @classmethod
    def from_me(cls, me: dict) -> SpotifyProfile:
        images = me.get("images") or []
        # Spotify lists images largest first; the avatar is shown small, so take the smallest.
        avatar = min(images, key=lambda image: image.get("width") or 0)["url"] if images else ""
        return cls(spotify_id=me["id"], display_name=me.get("display_name") or me["id"], avatar_url=avatar)


def spotify_connection_store(
    *,
    user: AbstractBaseUser,
    profile: SpotifyProfile,
    access_token: str,
    refresh_token: str,
    expires_at: datetime,
    scope: str = "",
) -> SpotifyConnection:
    """Create or renew the user's connection after a sign-in; a new sign-in clears NEEDS_SIGN_IN."""
    connection, _ = SpotifyConnection.objects.update_or_create(
        user=user,
        defaults={
            "spotify_id": profile.spotify_id,
            "display_name": profile.display_name,
            "avatar_url": profile.avatar_url,
            "access_token_encrypted": crypto.encrypt(access_token),
            "refresh_token_encrypted": crypto.encrypt(refresh_token),
            "access_expires_at": expires_at,
            "scope": scope,
            "state": SpotifyConnection.State.ACTIVE,
            "state_reason": "",
        },
    )
    return connection


def spotify_api(access_token: str) -> spotipy.Spotify:
    """A spotipy client on a bare token, pointed at settings.SPOTIFY_API_URL.

    A plain requests session, without spotipy's urllib3 Retry: that one sleeps through Retry-After
    inside a request or a worker, and with retries=0 it reports every 5xx as a 429 without headers.
    This way the real status and Retry-After reach accounts.spotify.calls, which decides.
    """
    client = spotipy.Spotify(
        auth=access_token,
        requests_session=requests.Session(),
        requests_timeout=settings.OUTSIDE_HTTP_TIMEOUT,
    )
    client.prefix = f"{settings.SPOTIFY_API_URL}/v1/"
    return client


def spotify_client_for(*, user: AbstractBaseUser) -> spotipy.Spotify:
    """A ready spotipy client for the user, refreshing the access token first if it is about to expire."""
    connection = _connection_of(user)
    margin = timedelta(seconds=settings.SPOTIFY_TOKEN_REFRESH_MARGIN)
    if connection.access_expires_at - timezone.now() < margin:
        connection = spotify_token_refresh(connection_id=connection.pk)
    return spotify_api(crypto.decrypt(connection.access_token_encrypted))


def spotify_token_refresh(*, connection_id: int, force: bool = False) -> SpotifyConnection:
    """Trade the refresh token for a new access token, once, even when several callers race.

    The row lock makes concurrent callers queue; whoever comes second sees a fresh token and returns
    it without spending the refresh token again (Spotify may rotate it, and a spent one is invalid).
    """
    margin = timedelta(seconds=settings.SPOTIFY_TOKEN_REFRESH_MARGIN)
    with transaction.atomic():
        connection = SpotifyConnection.objects.select_for_update().get(pk=connection_id)
        if connection.needs_sign_in:
            raise SpotifyReauthRequired(connection.state_reason or "Spotify needs a fresh sign-in")
        if not force and connection.access_expires_at - timezone.now() >= margin:
            return connection
        answer = _request_refresh(crypto.decrypt(connection.refresh_token_encrypted))
        if answer is None:
            connection.state = SpotifyConnection.State.NEEDS_SIGN_IN
            connection.state_reason = "Spotify no longer accepts this sign-in (access revoked or expired)."
            connection.save(update_fields=["state", "state_reason", "updated_at"])
        else:
            connection.access_token_encrypted = crypto.encrypt(answer["access_token"])
            # Spotify may omit refresh_token from a refresh answer: the old one stays valid then.
            if answer.get("refresh_token"):
                connection.refresh_token_encrypted = crypto.encrypt(answer["refresh_token"])
            connection.access_expires_at = timezone.now() + timedelta(seconds=int(answer.get("expires_in", 3600)))
            connection.scope = answer.get("scope", connection.scope)
            connection.save()
    if answer is None:
        # Raised after the commit, so the NEEDS_SIGN_IN mark is kept rather than rolled back.
        raise SpotifyReauthRequired(connection.state_reason)
    return connection


def _request_refresh(refresh_token: str) -> dict | None:
    """POST the refresh grant. Returns the token answer, or None when Spotify says invalid_grant."""
    try:
        response = requests.post(
            f"{settings.SPOTIFY_ACCOUNTS_URL}/api/token",
            data={"grant_type": "refresh_token", "refresh_token": refresh_token},
            auth=(settings.SPOTIFY_CLIENT_ID, settings.SPOTIFY_CLIENT_SECRET),
            timeout=settings.OUTSIDE_HTTP_TIMEOUT,
        )
    except requests.RequestException as error:
        raise SpotifyUnavailable(f"Spotify accounts service unreachable: {type(error).__name__}") from None
    if response.status_code == 429:
        raise SpotifyRateLimited(retry_after_seconds(response.headers.get("Retry-After")))
    if response.status_code >= 500:
        raise SpotifyUnavailable(f"Spotify accounts service answered {response.status_code}", response.status_code)
    try:
        body = response.json()
    except ValueError:
        raise SpotifyUnavailable(f"Spotify accounts service answered {response.status_code} without JSON") from None
    if response.status_code == 400 and body.get("error") == "invalid_grant":
        logger.info("Spotify refused a refresh token (invalid_grant): marking the connection for sign-in")
        return None
    if response.status_code != 200 or "access_token" not in body:
        # invalid_client and friends are our configuration's fault, not the listener's.
        raise SpotifyUnavailable(f"Spotify refused the token refresh: {body.get('error', response.status_code)}")
    return body


def _connection_of(user: AbstractBaseUser) -> SpotifyConnection:
    try:
        connection = SpotifyConnection.objects.get(user=user)
    except SpotifyConnection.DoesNotExist:
        raise SpotifyNotConnected("this account has no Spotify connection") from None
    if connection.needs_sign_in:
        raise SpotifyReauthRequired(connection.state_reason or "Spotify needs a fresh sign-in")
    return connection


def account_delete(*, user: AbstractBaseUser) -> None:
    """Delete the listener and everything of theirs: connection, tokens, social account, later data.

    Spotify offers no API to revoke an app's access: the page tells the listener where to do it.
    """
    user.delete()


def spotify_tokens_rotate() -> int:
    """Re-encrypt every connection's tokens with the newest key, so older keys can be dropped."""
    with transaction.atomic():
        connections = list(SpotifyConnection.objects.select_for_update())
        for connection in connections:
            connection.access_token_encrypted = crypto.rotate(connection.access_token_encrypted)
            connection.refresh_token_encrypted = crypto.rotate(connection.refresh_token_encrypted)
            connection.save(update_fields=["access_token_encrypted", "refresh_token_encrypted", "updated_at"])
    return len(connections)
