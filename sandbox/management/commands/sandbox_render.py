from django.core.management.base import BaseCommand

from sandbox.models import TopTrack, Track
from sandbox.music.cache import render_many


class Command(BaseCommand):
    help = "Pre-render the demo catalogue's previews (MP3; M4A renders on first request). Cached ones are skipped."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--workers", type=int, default=None, help="render processes (default: all cores)")
        parser.add_argument("--m4a", action="store_true", help="also render the iTunes-style M4A files")

    def handle(self, *args, workers: int | None = None, m4a: bool = False, **options) -> None:
        # Listeners' top tracks first: those are what a demo sign-in analyses straight away.
        top_ids = list(TopTrack.objects.values_list("track_id", flat=True).distinct())
        families = dict(Track.objects.values_list("id", "style_family"))
        ordered = [(track_id, families[track_id]) for track_id in dict.fromkeys(top_ids)]
        ordered += [(track_id, family) for track_id, family in families.items() if track_id not in set(top_ids)]
        formats = ("mp3", "m4a") if m4a else ("mp3",)
        rendered = render_many(ordered, fmts=formats, workers=workers)
        self.stdout.write(f"previews: {rendered} rendered, {len(ordered) - rendered} already cached")
