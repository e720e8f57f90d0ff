"""allauth hooks: where sign-in hands over to our services, and how its errors reach the listener."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthError
from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect

from accounts.spotify.errors import SpotifyAppNotAllowed


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Listeners join only through Spotify; there is no password sign-up form.
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin) -> bool:
        return True

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None) -> None:
        if isinstance(exception, SpotifyAppNotAllowed):
            raise ImmediateHttpResponse(redirect("spotify_not_allowed"))
        if error == AuthError.CANCELLED:
            messages.info(request, "Sign-in cancelled: Undercurrent got nothing from your Spotify account.")
            raise ImmediateHttpResponse(redirect("home"))
        messages.error(
            request,
            "Sign-in with Spotify did not complete (the link was stale or Spotify refused it). Please try again.",
        )
        raise ImmediateHttpResponse(redirect("home"))
