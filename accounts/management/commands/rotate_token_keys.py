from django.core.management.base import BaseCommand

from accounts.services import spotify_tokens_rotate


class Command(BaseCommand):
    help = "Re-encrypt every stored OAuth token with the first key of TOKEN_ENCRYPTION_KEYS."

    def handle(self, *args, **options) -> None:
        count = spotify_tokens_rotate()
        self.stdout.write(f"re-encrypted the tokens of {count} Spotify connection(s) with the newest key")
