"""`manage.py sandbox_seed [--reset]`: register the demo app and fill the demo catalogue."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from sandbox.services.seed import demo_redirect_uri, sandbox_seed


class Command(BaseCommand):
    help = "Register the demo Spotify app and fill the sandbox with invented listeners, artists and tracks."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--reset", action="store_true", help="wipe every sandbox table first")

    def handle(self, *args: Any, reset: bool = False, **options: Any) -> None:
        started = time.perf_counter()
        summary = sandbox_seed(reset=reset)
        self.stdout.write(
            self.style.SUCCESS(
                f"Sandbox ready in {time.perf_counter() - started:.1f} s: app {summary.app_client_id!r} "
                f"(redirect {demo_redirect_uri()}), {summary.listeners} listeners, {summary.artists} artists, "
                f"{summary.albums} albums, {summary.tracks} tracks, {summary.top_tracks} top-track entries."
            )
        )
