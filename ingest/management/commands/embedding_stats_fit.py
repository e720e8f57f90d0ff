from django.core.management.base import BaseCommand

from ingest import audio
from ingest.services import embedding_stats_fit


class Command(BaseCommand):
    help = "Refit an embedding version's standardisation statistics on every analysed track."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--embedding-version", dest="embedding_version", default=audio.EMBEDDING_VERSION)

    def handle(self, *args, embedding_version: str, **options) -> None:
        stats = embedding_stats_fit(version=embedding_version)
        if stats is None:
            self.stdout.write(f"too few {embedding_version} embeddings to fit yet")
        else:
            self.stdout.write(f"fitted {embedding_version} on {stats.fitted_on} tracks")
