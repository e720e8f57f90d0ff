"""Reads for the preview views."""

from __future__ import annotations

from sandbox.models import Track


def track_family_get(*, track_id: str) -> str | None:
    """The style family of a sandbox track, or None when the catalogue has no such track."""
    return Track.objects.filter(pk=track_id).values_list("style_family", flat=True).first()
