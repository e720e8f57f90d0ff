from django.core.management.base import BaseCommand

from ingest.services import tracks_outdated_reopen
from ingest.tasks import track_analyse


class Command(BaseCommand):
    help = "Queue every analysed track that lacks the current embedding version (its kept clip is reused)."

    def handle(self, *args, **options) -> None:
        reopened = tracks_outdated_reopen()
        for track_id in reopened:
            track_analyse.delay(track_id)
        self.stdout.write(f"queued {len(reopened)} track(s) for the current embedding version")
