"""One place that turns spotipy's and requests' failures into the app's Spotify errors."""

from __future__ import annotations

from collections.abc import Callable

import requests
import spotipy
from django.contrib.auth.models import AbstractBaseUser
from spotipy.exceptions import SpotifyException

from accounts.models import SpotifyConnection
from accounts.retry_after import retry_after_seconds
from accounts.services import spotify_client_for, spotify_token_refresh
from accounts.spotify.errors import (
    SpotifyError,
    SpotifyForbidden,
    SpotifyRateLimited,
    SpotifyReauthRequired,
    SpotifyUnavailable,
)


def spotify_call[T](*, user: AbstractBaseUser, operation: Callable[[spotipy.Spotify], T]) -> T:
    """Run `operation` with the user's client; on a 401 refresh the token once and try again.

    A 401 despite a token that looked fresh means Spotify ended it early (revoked, rotated keys):
    one forced refresh tells a dead token from a dead sign-in.
    """
    try:
        return _translated(operation, spotify_client_for(user=user))
    except _Unauthorized:
        connection = SpotifyConnection.objects.get(user=user)
        spotify_token_refresh(connection_id=connection.pk, force=True)
        try:
            return _translated(operation, spotify_client_for(user=user))
        except _Unauthorized:
            raise SpotifyReauthRequired("Spotify refused a freshly refreshed token") from None


class _Unauthorized(SpotifyError):
    pass


def _translated[T](operation: Callable[[spotipy.Spotify], T], client: spotipy.Spotify) -> T:
    try:
        return operation(client)
    except SpotifyException as error:
        raise spotify_error_from(error) from None
    except requests.RequestException as error:
        raise SpotifyUnavailable(f"Spotify unreachable: {type(error).__name__}") from None


def spotify_error_from(error: SpotifyException) -> SpotifyError:
    status = error.http_status
    if status == 401:
        return _Unauthorized(error.msg)
    if status == 403:
        return SpotifyForbidden(_message(error))
    if status == 429:
        return SpotifyRateLimited(retry_after_seconds((error.headers or {}).get("Retry-After")))
    return SpotifyUnavailable(f"Spotify answered {status}: {_message(error)}", status)


def _message(error: SpotifyException) -> str:
    # spotipy prefixes the message with the URL and a newline; the URL may carry query parameters.
    return str(error.msg).split("\n", 1)[-1].strip()
