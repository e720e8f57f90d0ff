from allauth.socialaccount.providers.spotify.provider import SpotifyOAuth2Provider

from accounts.spotify.views import ConfigurableSpotifyAdapter


class SpotifyProvider(SpotifyOAuth2Provider):
    oauth2_adapter_class = ConfigurableSpotifyAdapter

    def get_default_scope(self) -> list[str]:
        from django.conf import settings

        return list(settings.SPOTIFY_SCOPES)


provider_classes = [SpotifyProvider]
