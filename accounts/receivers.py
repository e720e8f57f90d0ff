"""Signal receivers: thin hand-overs from allauth to accounts.services."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

from accounts.services import SpotifyProfile, spotify_connection_store


@receiver(user_logged_in)
def store_spotify_tokens_on_sign_in(sender, request, user, sociallogin=None, **kwargs) -> None:
    if sociallogin is None or sociallogin.account.provider != "spotify" or sociallogin.token is None:
        return
    token = sociallogin.token
    spotify_connection_store(
        user=user,
        profile=SpotifyProfile.from_me(sociallogin.account.extra_data),
        access_token=token.token,
        refresh_token=token.token_secret,
        expires_at=token.expires_at or timezone.now() + timedelta(hours=1),
        scope=getattr(token, "scope", ""),
    )
