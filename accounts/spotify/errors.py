from allauth.socialaccount.providers.base import ProviderException


class SpotifyAppNotAllowed(ProviderException):
    """Spotify answered 403 to a listener: a development-mode app's allowlist does not name them."""
