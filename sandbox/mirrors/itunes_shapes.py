"""The result objects of the iTunes Search API (https://itunes.apple.com/search), US storefront."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.text import slugify

from sandbox.mirrors.availability import Kind, Service, external_id
from sandbox.models import Album, Artist, Track

# Apple's genre names for the sandbox's style families; an artist's own genre is the fallback.
FAMILY_GENRES: dict[str, str] = {
    "bossa_nova": "Brazilian",
    "indie_rock": "Alternative",
    "swing_jazz": "Jazz",
    "blues_shuffle": "Blues",
    "folk_waltz": "Singer/Songwriter",
    "celtic_jig": "Celtic",
    "deep_house": "House",
    "boom_bap": "Hip-Hop/Rap",
    "reggae": "Reggae",
    "ambient": "Ambient",
}


@dataclass(frozen=True)
class ItunesLinks:
    api: str  # ".../sandbox/itunes"
    images: str  # ".../sandbox/images"


def itunes_id(kind: Kind, sandbox_id: str) -> int:
    return external_id(Service.ITUNES, kind, sandbox_id)


def _release_date(date: str) -> str:
    year, month, day = [*date.split("-"), "01", "01"][:3]
    # Apple gives a UTC instant: midnight Pacific on release day.
    return f"{year}-{month}-{day}T07:00:00Z"


def _genre(family: str, artist: Artist) -> str:
    return FAMILY_GENRES.get(family) or (artist.genres[0].title() if artist.genres else "Music")


def _artist_url(artist: Artist) -> str:
    slug = slugify(artist.name) or "artist"
    return f"https://music.apple.com/us/artist/{slug}/{itunes_id(Kind.ARTIST, artist.id)}?uo=4"


def _album_url(album: Album) -> str:
    return f"https://music.apple.com/us/album/{slugify(album.name) or 'album'}/{itunes_id(Kind.ALBUM, album.id)}"


def _artwork(album: Album, links: ItunesLinks) -> dict[str, str]:
    # Apple's 30/60/100 px artwork, drawn from the nearest sizes sandbox/images serves.
    small = f"{links.images}/album/{album.id}/64"
    return {"artworkUrl30": small, "artworkUrl60": small, "artworkUrl100": f"{links.images}/album/{album.id}/300"}


def song_json(track: Track, links: ItunesLinks) -> dict[str, Any]:
    """Expects `album__artist` selected and `credits__artist` prefetched (sandbox.selectors.tracks_qs)."""
    album = track.album
    credits = [credit.artist for credit in track.credits.all()] or [album.artist]
    lead = credits[0]
    number = itunes_id(Kind.TRACK, track.id)
    explicitness = "explicit" if track.explicit else "notExplicit"
    album_explicit = "explicit" if track.explicit else "notExplicit"
    data: dict[str, Any] = {
        "wrapperType": "track",
        "kind": "song",
        "artistId": itunes_id(Kind.ARTIST, lead.id),
        "collectionId": itunes_id(Kind.ALBUM, album.id),
        "trackId": number,
        "artistName": " & ".join(artist.name for artist in credits),
        "collectionName": album.name if album.album_type != "single" else f"{album.name} - Single",
        "trackName": track.name,
        "collectionCensoredName": album.name if album.album_type != "single" else f"{album.name} - Single",
        "trackCensoredName": track.name,
        "artistViewUrl": _artist_url(lead),
        "collectionViewUrl": f"{_album_url(album)}?i={number}&uo=4",
        "trackViewUrl": f"{_album_url(album)}?i={number}&uo=4",
        "previewUrl": f"{links.api}/preview/{number}.m4a",
        **_artwork(album, links),
        "collectionPrice": 9.99 if album.total_tracks > 2 else 1.29,
        "trackPrice": 1.29,
        "releaseDate": _release_date(album.release_date),
        "collectionExplicitness": album_explicit,
        "trackExplicitness": explicitness,
        "discCount": 1,
        "discNumber": track.disc_number,
        "trackCount": album.total_tracks,
        "trackNumber": track.track_number,
        "trackTimeMillis": track.duration_ms,
        "country": "USA",
        "currency": "USD",
        "primaryGenreName": _genre(track.style_family, lead),
        "isStreamable": True,
    }
    if track.explicit:
        data["contentAdvisoryRating"] = "Explicit"
    return data


def artist_result_json(artist: Artist, family: str) -> dict[str, Any]:
    return {
        "wrapperType": "artist",
        "artistType": "Artist",
        "artistName": artist.name,
        "artistLinkUrl": _artist_url(artist),
        "artistId": itunes_id(Kind.ARTIST, artist.id),
        "primaryGenreName": _genre(family, artist),
    }


def album_result_json(album: Album, links: ItunesLinks, family: str) -> dict[str, Any]:
    return {
        "wrapperType": "collection",
        "collectionType": "Album",
        "artistId": itunes_id(Kind.ARTIST, album.artist_id),
        "collectionId": itunes_id(Kind.ALBUM, album.id),
        "artistName": album.artist.name,
        "collectionName": album.name,
        "collectionCensoredName": album.name,
        "artistViewUrl": _artist_url(album.artist),
        "collectionViewUrl": f"{_album_url(album)}?uo=4",
        **_artwork(album, links),
        "collectionPrice": 9.99 if album.total_tracks > 2 else 1.29,
        "collectionExplicitness": "notExplicit",
        "trackCount": album.total_tracks,
        "copyright": f"\u2117 {album.release_date[:4]} {album.artist.name}",
        "country": "USA",
        "currency": "USD",
        "releaseDate": _release_date(album.release_date),
        "primaryGenreName": _genre(family, album.artist),
    }
