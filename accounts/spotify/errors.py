"""What can go wrong talking to Spotify, as the rest of the app needs to tell it apart."""

from __future__ import annotations

from allauth.socialaccount.providers.base import ProviderException


class SpotifyAppNotAllowed(ProviderException):
    """Spotify answered 403 to a listener: a development-mode app's allowlist does not name them."""


class SpotifyError(Exception):
    """Base class for failures of a Spotify call that the caller should handle, not crash on."""


class SpotifyNotConnected(SpotifyError):
    """The user has no Spotify connection at all (never signed in with Spotify)."""


class SpotifyReauthRequired(SpotifyError):
    """The refresh token was revoked or expired: only a fresh sign-in can restore access."""


class SpotifyForbidden(SpotifyError):
    """403 on an API call: not on a development-mode app's allowlist, or a scope is missing."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SpotifyRateLimited(SpotifyError):
    """429: Spotify asks us to wait `retry_after` seconds before the next call."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Spotify asked to wait {retry_after} s")
        self.retry_after = retry_after


class SpotifyUnavailable(SpotifyError):
    """5xx, a timeout or a connection failure: worth retrying later with backoff."""

    def __init__(self, detail: str, status: int | None = None) -> None:
        super().__init__(detail)
        self.status = status
