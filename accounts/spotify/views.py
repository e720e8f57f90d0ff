"""allauth's Spotify adapter with its endpoints read from settings.

allauth hard-codes accounts.spotify.com and api.spotify.com as class attributes; reading them from
settings at call time lets the same code talk to the local sandbox in the demo and tests.
"""

from __future__ import annotations

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.spotify.views import SpotifyOAuth2Adapter
from django.conf import settings

from accounts.spotify.errors import SpotifyAppNotAllowed


class ConfigurableSpotifyAdapter(SpotifyOAuth2Adapter):
    @property
    def access_token_url(self) -> str:  # type: ignore[override]
        return f"{settings.SPOTIFY_ACCOUNTS_URL}/api/token"

    @property
    def authorize_url(self) -> str:  # type: ignore[override]
        return f"{settings.SPOTIFY_ACCOUNTS_URL}/authorize"

    @property
    def profile_url(self) -> str:  # type: ignore[override]
        return f"{settings.SPOTIFY_API_URL}/v1/me"

    def parse_token(self, data):
        token = super().parse_token(data)
        # SocialToken has no scope field; the receiver stores what Spotify actually granted.
        token.scope = data.get("scope", "")
        return token

    def complete_login(self, request, app, token, **kwargs):
        # The token goes in the Authorization header rather than allauth's query parameter, so it
        # never lands in an access log.
        with get_adapter().get_requests_session() as session:
            response = session.get(
                self.profile_url,
                headers={"Authorization": f"Bearer {token.token}"},
                timeout=settings.OUTSIDE_HTTP_TIMEOUT,
            )
        if response.status_code == 403:
            # A development-mode app refuses listeners who are not on its allowlist.
            raise SpotifyAppNotAllowed(_error_message(response))
        response.raise_for_status()
        return self.get_provider().sociallogin_from_response(request, response.json())


def _error_message(response) -> str:
    try:
        return str(response.json()["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return response.text[:200]


oauth2_login = OAuth2LoginView.adapter_view(ConfigurableSpotifyAdapter)
oauth2_callback = OAuth2CallbackView.adapter_view(ConfigurableSpotifyAdapter)
