"""The JSON objects of Deezer's public API, as https://api.deezer.com shapes them.

Two track shapes, as on Deezer: the full object (`/track/{id}`, `/track/isrc:...`) carries `isrc`,
`contributors`, `release_date`, `bpm`...; the list object (search results, an artist's top) does not
carry `isrc`, so a client must fetch the track to compare ISRCs.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from sandbox.mirrors.availability import Kind, Service, deezer_preview_blank, deezer_rank, external_id
from sandbox.models import Album, Artist, Track
from sandbox.services.previews import deezer_preview_token
from sandbox.shapes import MARKETS

_VERSION = re.compile(r"^(?P<short>.*?)\s*(?P<version>\([^()]*\))$")
# Deezer's picture sizes mapped onto the sizes sandbox/images serves (see sandbox.art).
_ARTIST_PICTURES = {"picture_small": 160, "picture_medium": 320, "picture_big": 640, "picture_xl": 640}
_ALBUM_COVERS = {"cover_small": 64, "cover_medium": 300, "cover_big": 640, "cover_xl": 640}


@dataclass(frozen=True)
class DeezerLinks:
    api: str  # ".../sandbox/deezer"
    images: str  # ".../sandbox/images"


def deezer_id(kind: Kind, sandbox_id: str) -> int:
    return external_id(Service.DEEZER, kind, sandbox_id)


def _md5(key: str) -> str:
    return hashlib.md5(key.encode(), usedforsecurity=False).hexdigest()


def _full_date(date: str) -> str:
    year, month, day = [*date.split("-"), "01", "01"][:3]
    return f"{year}-{month}-{day}"


def artist_json(artist: Artist, links: DeezerLinks, *, nb_album: int | None = None) -> dict[str, Any]:
    """The artist object; with `nb_album` the full one (`/artist/{id}`, `/search/artist`)."""
    number = deezer_id(Kind.ARTIST, artist.id)
    data: dict[str, Any] = {"id": number, "name": artist.name, "link": f"https://www.deezer.com/artist/{number}"}
    data["picture"] = f"{links.images}/artist/{artist.id}/{_ARTIST_PICTURES['picture_big']}"
    for name, size in _ARTIST_PICTURES.items():
        data[name] = f"{links.images}/artist/{artist.id}/{size}"
    if nb_album is not None:
        data["nb_album"] = nb_album
        data["nb_fan"] = artist.followers
        data["radio"] = True
    data["tracklist"] = f"{links.api}/artist/{number}/top?limit=50"
    data["type"] = "artist"
    return data


def album_json(album: Album, links: DeezerLinks) -> dict[str, Any]:
    number = deezer_id(Kind.ALBUM, album.id)
    data: dict[str, Any] = {
        "id": number,
        "title": album.name,
        "link": f"https://www.deezer.com/album/{number}",
        "cover": f"{links.images}/album/{album.id}/{_ALBUM_COVERS['cover_big']}",
    }
    for name, size in _ALBUM_COVERS.items():
        data[name] = f"{links.images}/album/{album.id}/{size}"
    data["md5_image"] = _md5(album.id)
    data["release_date"] = _full_date(album.release_date)
    data["tracklist"] = f"{links.api}/album/{number}/tracks"
    data["type"] = "album"
    return data


def preview_url(track: Track, links: DeezerLinks) -> str:
    """A signed link that expires, or "" for a track whose licence allows no preview."""
    if deezer_preview_blank(track.id):
        return ""
    number = deezer_id(Kind.TRACK, track.id)
    return f"{links.api}/preview/{number}.mp3?hdnea={deezer_preview_token(deezer_track_id=number)}"


def track_json(track: Track, links: DeezerLinks, *, full: bool) -> dict[str, Any]:
    """Expects `album__artist` selected and `credits__artist` prefetched (sandbox.selectors.tracks_qs)."""
    number = deezer_id(Kind.TRACK, track.id)
    credits = [credit.artist for credit in track.credits.all()]
    lead = credits[0] if credits else track.album.artist
    version = _VERSION.match(track.name)
    data: dict[str, Any] = {
        "id": number,
        "readable": True,
        "title": track.name,
        "title_short": version["short"] if version else track.name,
        "title_version": version["version"] if version else "",
        "link": f"https://www.deezer.com/track/{number}",
        "duration": round(track.duration_ms / 1000),
        "rank": deezer_rank(track.id, track.popularity),
        "explicit_lyrics": track.explicit,
        "explicit_content_lyrics": 1 if track.explicit else 0,
        # 2: "unknown", what Deezer reports for most covers.
        "explicit_content_cover": 2,
        "preview": preview_url(track, links),
        "md5_image": _md5(track.album_id),
    }
    if full:
        data["isrc"] = track.isrc
        data["share"] = f"{data['link']}?utm_source=deezer&utm_content=track-{number}&utm_medium=web"
        data["track_position"] = track.track_number
        data["disk_number"] = track.disc_number
        data["release_date"] = _full_date(track.album.release_date)
        # Deezer's analysis data is mostly empty for small catalogues: bpm 0, a plausible gain.
        data["bpm"] = 0
        data["gain"] = -8.5
        data["available_countries"] = MARKETS
        data["contributors"] = [
            {**artist_json(artist, links), "role": "Main" if position == 0 else "Featured"}
            for position, artist in enumerate(credits)
        ]
    data["artist"] = artist_json(lead, links)
    data["album"] = album_json(track.album, links)
    data["type"] = "track"
    return data
