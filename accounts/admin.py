from django.contrib import admin

from accounts.models import SpotifyConnection


@admin.register(SpotifyConnection)
class SpotifyConnectionAdmin(admin.ModelAdmin):
    list_display = ("display_name", "spotify_id", "user", "state", "access_expires_at", "updated_at")
    list_filter = ("state",)
    search_fields = ("display_name", "spotify_id", "user__username")
    # Curators see who is connected, never the (encrypted) tokens.
    exclude = ("access_token_encrypted", "refresh_token_encrypted")
    readonly_fields = ("user", "spotify_id", "display_name", "avatar_url", "access_expires_at", "scope", "created_at")
