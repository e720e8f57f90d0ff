"""The iTunes Search API (https://itunes.apple.com/search, no key) and Apple's preview files.

Quirks kept: the answer is JSON sent as `text/javascript; charset=utf-8` after three blank lines (parse
the body, not the content type); a bad parameter is 400 `{"errorMessage": "Invalid value(s) for key(s):
[...]", "queryParameters": {...}}`. Faults of scope "itunes" (429, 5xx, slow) answer before the view;
preview files take scope "itunes" then "audio".
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from sandbox import faults
from sandbox.mirrors import selectors
from sandbox.mirrors.itunes_shapes import ItunesLinks, album_result_json, artist_result_json, song_json
from sandbox.models import Artist, Track
from sandbox.services.previews import preview_file
from sandbox.views.media import ranged_file_response

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MEDIA = frozenset(
    {"movie", "podcast", "music", "musicVideo", "audiobook", "shortFilm", "tvShow", "software", "ebook", "all"}
)
SONG_ENTITIES = frozenset({"song", "musicTrack", "allTrack"})
ARTIST_ENTITIES = frozenset({"musicArtist", "allArtist"})
ALBUM_ENTITIES = frozenset({"album"})
# Entities that exist but that the sandbox world holds none of.
EMPTY_ENTITIES = frozenset(
    {
        "musicVideo",
        "mix",
        "movie",
        "movieArtist",
        "podcast",
        "podcastAuthor",
        "audiobook",
        "audiobookAuthor",
        "shortFilm",
        "shortFilmArtist",
        "tvEpisode",
        "tvSeason",
        "software",
        "iPadSoftware",
        "desktopSoftware",
        "ebook",
    }
)
QUERY_PARAMETERS = {
    "output": "json",
    "callback": "A javascript function to handle your search results",
    "country": "ISO-2A country code",
    "limit": "The number of search results to return",
    "term": "A search string",
    "lang": "ISO-2A language code",
}
_PREVIEW_CACHE = "public, max-age=86400"


class ItunesError(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _answer(body: dict[str, Any], status: int = 200) -> HttpResponse:
    return HttpResponse("\n\n\n" + json.dumps(body), status=status, content_type="text/javascript; charset=utf-8")


def _links(request: HttpRequest) -> ItunesLinks:
    return ItunesLinks(
        api=request.build_absolute_uri(reverse("sandbox:itunes")).rstrip("/"),
        images=request.build_absolute_uri(reverse("sandbox:images")).rstrip("/"),
    )


def _limit(request: HttpRequest) -> int:
    raw = request.GET.get("limit", "")
    if not raw:
        return DEFAULT_LIMIT
    try:
        value = int(raw)
    except ValueError:
        raise ItunesError("limit") from None
    # Apple clamps rather than refuses a number out of range.
    return max(1, min(value, MAX_LIMIT))


def _family_of(artist: Artist) -> str:
    return Track.objects.filter(credits__artist=artist).values_list("style_family", flat=True).first() or ""


def _results(request: HttpRequest) -> list[dict[str, Any]]:
    term = request.GET.get("term", "")
    if not term.strip():
        raise ItunesError("term")
    media = request.GET.get("media", "all")
    if media not in MEDIA:
        raise ItunesError("mediaType")
    entity = request.GET.get("entity", "")
    known = SONG_ENTITIES | ARTIST_ENTITIES | ALBUM_ENTITIES | EMPTY_ENTITIES
    if entity and entity not in known:
        raise ItunesError("entity")
    limit = _limit(request)
    if media not in {"music", "all"} or entity in EMPTY_ENTITIES:
        return []
    links = _links(request)
    if entity in ARTIST_ENTITIES:
        return [
            artist_result_json(found, _family_of(found))
            for found in selectors.itunes_search_artists(term=term, limit=limit)
        ]
    if entity in ALBUM_ENTITIES:
        return [
            album_result_json(album, links, _family_of(album.artist))
            for album in selectors.itunes_search_albums(term=term, limit=limit)
        ]
    return [song_json(track, links) for track in selectors.itunes_search_songs(term=term, limit=limit)]


@faults.with_faults("itunes")
@require_safe
def search(request: HttpRequest) -> HttpResponse:
    try:
        results = _results(request)
    except ItunesError as error:
        body = {"errorMessage": f"Invalid value(s) for key(s): [{error.key}]", "queryParameters": QUERY_PARAMETERS}
        return _answer(body, status=400)
    return _answer({"resultCount": len(results), "results": results})


@faults.with_faults("itunes")
@require_safe
def lookup(request: HttpRequest) -> HttpResponse:
    """`/lookup?id=N[,M...]`: songs by trackId, the other endpoint clients use to re-check a hit."""
    results = []
    links = _links(request)
    for raw in request.GET.get("id", "").split(","):
        number = selectors.parse_int_id(raw.strip())
        found = selectors.itunes_track_get(itunes_id=number) if number is not None else None
        if found is not None:
            results.append(song_json(found, links))
    return _answer({"resultCount": len(results), "results": results})


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return JsonResponse({"errorMessage": "Not Found"}, status=404)


@faults.with_faults("itunes")
@faults.with_faults("audio")
@require_safe
def preview(request: HttpRequest, itunes_track_id: int) -> HttpResponse:
    found = selectors.itunes_track_get(itunes_id=itunes_track_id)
    if found is None:
        return HttpResponse("Not Found", status=404, content_type="text/plain")
    path = preview_file(track=found, fmt="m4a")
    return ranged_file_response(request, path, content_type="audio/mp4", cache_control=_PREVIEW_CACHE)
