"""The JSON objects of the Web API, as Spotify shapes them in development mode or with extended quota."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from sandbox.art import ALBUM_SIZES, ARTIST_SIZES, USER_SIZES
from sandbox.models import Album, Artist, Listener, Playlist, PlaylistItem, Track

# Extended-quota objects still list markets; a short, fixed list keeps answers small and stable.
MARKETS: list[str] = ["AR", "AU", "BR", "CA", "DE", "ES", "FR", "GB", "IE", "IT", "JP", "MX", "NL", "SE", "US"]


@dataclass(frozen=True)
class Links:
    """Absolute bases for the objects of one answer, taken from the request so they point back at the
    server that answered (a live test server, the demo on port 8000)."""

    api: str  # ".../sandbox/api/v1"
    images: str  # ".../sandbox/images"
    extended: bool


def _external(kind: str, object_id: str) -> dict[str, str]:
    return {"spotify": f"https://open.spotify.com/{kind}/{object_id}"}


def _images(links: Links, kind: str, object_id: str, sizes: Iterable[int]) -> list[dict[str, Any]]:
    return [{"url": f"{links.images}/{kind}/{object_id}/{size}", "height": size, "width": size} for size in sizes]


def user_json(listener: Listener, links: Links) -> dict[str, Any]:
    data: dict[str, Any] = {
        "display_name": listener.display_name,
        "external_urls": _external("user", listener.id),
        "href": f"{links.api}/users/{listener.id}",
        "id": listener.id,
        "images": _images(links, "user", listener.id, USER_SIZES) if listener.has_avatar else [],
        "type": "user",
        "uri": f"spotify:user:{listener.id}",
    }
    if links.extended:
        data["followers"] = {"href": None, "total": listener.followers}
    return data


def owner_json(listener: Listener, links: Links) -> dict[str, Any]:
    return {
        "display_name": listener.display_name,
        "external_urls": _external("user", listener.id),
        "href": f"{links.api}/users/{listener.id}",
        "id": listener.id,
        "type": "user",
        "uri": f"spotify:user:{listener.id}",
    }


def artist_simple_json(artist: Artist, links: Links) -> dict[str, Any]:
    return {
        "external_urls": _external("artist", artist.id),
        "href": f"{links.api}/artists/{artist.id}",
        "id": artist.id,
        "name": artist.name,
        "type": "artist",
        "uri": f"spotify:artist:{artist.id}",
    }


def artist_json(artist: Artist, links: Links) -> dict[str, Any]:
    data = artist_simple_json(artist, links)
    data["genres"] = list(artist.genres)
    data["images"] = _images(links, "artist", artist.id, ARTIST_SIZES)
    if links.extended:
        data["followers"] = {"href": None, "total": artist.followers}
        data["popularity"] = artist.popularity
    return dict(sorted(data.items()))


def album_simple_json(album: Album, links: Links) -> dict[str, Any]:
    data: dict[str, Any] = {
        "album_type": album.album_type,
        "artists": [artist_simple_json(album.artist, links)],
        "external_urls": _external("album", album.id),
        "href": f"{links.api}/albums/{album.id}",
        "id": album.id,
        "images": _images(links, "album", album.id, ALBUM_SIZES),
        "name": album.name,
        "release_date": album.release_date,
        "release_date_precision": album.release_date_precision,
        "total_tracks": album.total_tracks,
        "type": "album",
        "uri": f"spotify:album:{album.id}",
    }
    if links.extended:
        data["available_markets"] = MARKETS
    return data


def track_json(track: Track, links: Links) -> dict[str, Any]:
    """Expects `album__artist` selected and `credits__artist` prefetched (see selectors.tracks_qs)."""
    data: dict[str, Any] = {
        "album": album_simple_json(track.album, links),
        "artists": [artist_simple_json(credit.artist, links) for credit in track.credits.all()],
        "disc_number": track.disc_number,
        "duration_ms": track.duration_ms,
        "explicit": track.explicit,
        "external_urls": _external("track", track.id),
        "href": f"{links.api}/tracks/{track.id}",
        "id": track.id,
        "is_local": False,
        "name": track.name,
        # Null for every app since the 2024-11 cut, whatever the quota.
        "preview_url": None,
        "track_number": track.track_number,
        "type": "track",
        "uri": f"spotify:track:{track.id}",
    }
    if links.extended:
        data["available_markets"] = MARKETS
        data["external_ids"] = {"isrc": track.isrc}
        data["popularity"] = track.popularity
    return data


def playlist_images(playlist: Playlist, links: Links) -> list[dict[str, Any]]:
    if not playlist.cover_jpeg:
        return []
    # An uploaded cover is served as-is, so Spotify reports no dimensions for it.
    return [{"url": f"{links.images}/playlist/{playlist.id}/{playlist.version}", "height": None, "width": None}]


def playlist_json(playlist: Playlist, links: Links, *, items: dict[str, Any]) -> dict[str, Any]:
    """`items` is `{href, total}` in lists and the create answer, a paging object in a single fetch."""
    return {
        "collaborative": playlist.collaborative,
        "description": playlist.description,
        "external_urls": _external("playlist", playlist.id),
        "href": f"{links.api}/playlists/{playlist.id}",
        "id": playlist.id,
        "images": playlist_images(playlist, links),
        "items": items,
        "name": playlist.name,
        "owner": owner_json(playlist.owner, links),
        "primary_color": None,
        "public": playlist.public,
        "snapshot_id": playlist.snapshot_id,
        "type": "playlist",
        "uri": f"spotify:playlist:{playlist.id}",
    }


def playlist_item_json(item: PlaylistItem, links: Links) -> dict[str, Any]:
    # Since the February 2026 changes the entry's object sits under `item` (it was `track`).
    return {
        "added_at": item.added_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "added_by": {
            "external_urls": _external("user", item.added_by_id),
            "href": f"{links.api}/users/{item.added_by_id}",
            "id": item.added_by_id,
            "type": "user",
            "uri": f"spotify:user:{item.added_by_id}",
        },
        "is_local": False,
        "item": track_json(item.track, links),
    }


def paging_json(
    *, url: str, params: dict[str, str], items: list[dict[str, Any]], total: int, limit: int, offset: int
) -> dict[str, Any]:
    """A paging object whose `href`/`next`/`previous` repeat the request's other parameters."""

    def page_url(page_offset: int) -> str:
        query = {**params, "offset": str(page_offset), "limit": str(limit)}
        return f"{url}?{urlencode(query)}"

    return {
        "href": page_url(offset),
        "items": items,
        "limit": limit,
        "next": page_url(offset + limit) if offset + limit < total else None,
        "offset": offset,
        "previous": page_url(max(0, offset - limit)) if offset > 0 else None,
        "total": total,
    }
