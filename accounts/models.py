from __future__ import annotations

from django.conf import settings
from django.db import models


class SpotifyConnection(models.Model):
    """A listener's link to their Spotify account. Tokens are stored only encrypted (accounts.crypto)."""

    class State(models.TextChoices):
        ACTIVE = "active", "Connected"
        NEEDS_SIGN_IN = "needs_sign_in", "Needs a fresh sign-in"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="spotify")
    spotify_id = models.CharField(max_length=128, unique=True)
    display_name = models.CharField(max_length=255, blank=True)
    avatar_url = models.URLField(max_length=1024, blank=True)
    access_token_encrypted = models.TextField()
    refresh_token_encrypted = models.TextField()
    access_expires_at = models.DateTimeField()
    scope = models.CharField(max_length=512, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.ACTIVE)
    state_reason = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.display_name or self.spotify_id} ({self.get_state_display()})"

    @property
    def needs_sign_in(self) -> bool:
        return self.state == self.State.NEEDS_SIGN_IN
