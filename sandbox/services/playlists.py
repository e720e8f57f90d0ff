"""Playlist changes: create, add items, set the cover. Each change moves the snapshot id on."""

from __future__ import annotations

import base64
import hashlib

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sandbox.errors import ApiError
from sandbox.ids import random_base62_id
from sandbox.models import Listener, Playlist, PlaylistItem, Track

MAX_ITEMS_PER_REQUEST = 100
MAX_COVER_BYTES = 256 * 1024


def snapshot_for(*, playlist_id: str, version: int) -> str:
    # Spotify's snapshot ids are opaque base64 strings that change on every edit; a counter plus a
    # hash gives the same look and lets a client compare them.
    digest = hashlib.sha256(f"{playlist_id}:{version}".encode()).digest()[:24]
    return base64.b64encode(version.to_bytes(4, "big") + digest).decode()


def playlist_create(
    *, owner: Listener, name: str, public: bool = True, collaborative: bool = False, description: str = ""
) -> Playlist:
    playlist_id = random_base62_id()
    return Playlist.objects.create(
        id=playlist_id,
        owner=owner,
        name=name,
        description=description,
        public=public,
        collaborative=collaborative,
        version=1,
        snapshot_id=snapshot_for(playlist_id=playlist_id, version=1),
    )


def _bump(playlist: Playlist) -> str:
    Playlist.objects.filter(pk=playlist.pk).update(version=F("version") + 1)
    playlist.refresh_from_db(fields=["version"])
    playlist.snapshot_id = snapshot_for(playlist_id=playlist.pk, version=playlist.version)
    Playlist.objects.filter(pk=playlist.pk).update(snapshot_id=playlist.snapshot_id)
    return playlist.snapshot_id


def playlist_add_items(
    *, playlist: Playlist, added_by: Listener, track_ids: list[str], position: int | None = None
) -> str:
    """Insert tracks at `position` (appended when None) and return the new snapshot id."""
    if len(track_ids) > MAX_ITEMS_PER_REQUEST:
        raise ApiError(400, "You can add a maximum of 100 tracks per request.")
    known = set(Track.objects.filter(pk__in=track_ids).values_list("pk", flat=True))
    if set(track_ids) - known:
        raise ApiError(400, "Payload contains a non-existing ID")
    with transaction.atomic():
        # Lock the playlist row so concurrent additions each see the length the other left.
        locked = Playlist.objects.select_for_update().get(pk=playlist.pk)
        length = PlaylistItem.objects.filter(playlist=locked).count()
        if position is None:
            position = length
        if position < 0 or position > length:
            raise ApiError(400, "Index out of bounds")
        if position < length:
            PlaylistItem.objects.filter(playlist=locked, position__gte=position).update(
                position=F("position") + len(track_ids)
            )
        now = timezone.now()
        PlaylistItem.objects.bulk_create(
            PlaylistItem(
                playlist=locked, track_id=track_id, position=position + offset, added_at=now, added_by=added_by
            )
            for offset, track_id in enumerate(track_ids)
        )
        return _bump(playlist)


def playlist_cover_set(*, playlist: Playlist, jpeg: bytes) -> None:
    with transaction.atomic():
        Playlist.objects.filter(pk=playlist.pk).update(cover_jpeg=jpeg)
        _bump(playlist)
