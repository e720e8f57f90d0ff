"""Reads of the sandbox world: catalogue look-ups, top tracks, search, playlists."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from sandbox.models import Artist, Listener, Playlist, PlaylistItem, TopTrack, Track, TrackArtist

_FILTER = re.compile(r'(?P<field>[a-z]+):(?:"(?P<quoted>[^"]*)"|(?P<bare>\S+))', re.IGNORECASE)
_FIELDS = frozenset({"track", "artist", "album", "year", "genre", "isrc"})


def tracks_qs() -> QuerySet[Track]:
    """Tracks with everything `shapes.track_json` reads, in three queries however many rows."""
    return Track.objects.select_related("album__artist").prefetch_related(
        Prefetch("credits", queryset=TrackArtist.objects.select_related("artist").order_by("position"))
    )


def top_tracks(*, listener: Listener, time_range: str, limit: int, offset: int) -> tuple[list[Track], int]:
    ranks = TopTrack.objects.filter(listener=listener, time_range=time_range)
    total = ranks.count()
    track_ids = list(ranks.order_by("rank").values_list("track_id", flat=True)[offset : offset + limit])
    by_id = tracks_qs().in_bulk(track_ids)
    return [by_id[track_id] for track_id in track_ids if track_id in by_id], total


@dataclass
class SearchQuery:
    filters: dict[str, list[str]] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)


def search_query_parse(q: str) -> SearchQuery:
    """Spotify's field filters (`track:`, `artist:`, `album:`, `year:`, `genre:`, `isrc:`), quoted or bare,
    and free words. An unknown `field:` is treated as free text, as Spotify does."""
    parsed = SearchQuery()
    rest: list[str] = []
    position = 0
    for match in _FILTER.finditer(q):
        name = match.group("field").lower()
        if name not in _FIELDS:
            continue
        rest.append(q[position : match.start()])
        position = match.end()
        value = match.group("quoted") if match.group("quoted") is not None else match.group("bare")
        parsed.filters.setdefault(name, []).append(value.strip())
    rest.append(q[position:])
    parsed.words = [word.strip('"') for word in " ".join(rest).split() if word.strip('"')]
    return parsed


def _year_q(value: str, prefix: str) -> Q:
    low, _, high = value.partition("-")
    if not low.isdigit() or (high and not high.isdigit()):
        # Spotify ignores a year filter it cannot read rather than failing the search.
        return Q()
    upper = str(int(high or low) + 1)
    return Q(**{f"{prefix}release_date__gte": low, f"{prefix}release_date__lt": upper})


def search_tracks(query: SearchQuery, *, limit: int, offset: int) -> tuple[list[Track], int]:
    condition = Q()
    for value in query.filters.get("track", []):
        condition &= Q(name__icontains=value)
    for value in query.filters.get("artist", []):
        condition &= Q(credits__artist__name__icontains=value)
    for value in query.filters.get("album", []):
        condition &= Q(album__name__icontains=value)
    for value in query.filters.get("genre", []):
        condition &= Q(credits__artist__genres__icontains=value)
    for value in query.filters.get("isrc", []):
        condition &= Q(isrc__iexact=value)
    for value in query.filters.get("year", []):
        condition &= _year_q(value, "album__")
    for word in query.words:
        condition &= Q(name__icontains=word) | Q(credits__artist__name__icontains=word) | Q(album__name__icontains=word)
    ids = Track.objects.filter(condition).order_by("-popularity", "id").values_list("id", flat=True).distinct()
    total = ids.count()
    page = list(ids[offset : offset + limit])
    by_id = tracks_qs().in_bulk(page)
    return [by_id[track_id] for track_id in page], total


def search_artists(query: SearchQuery, *, limit: int, offset: int) -> tuple[list[Artist], int]:
    condition = Q()
    for value in query.filters.get("artist", []):
        condition &= Q(name__icontains=value)
    for value in query.filters.get("genre", []):
        condition &= Q(genres__icontains=value)
    for value in query.filters.get("year", []):
        condition &= _year_q(value, "albums__")
    if query.filters.get("track") or query.filters.get("album") or query.filters.get("isrc"):
        # Filters that only tracks or albums carry match no artist.
        return [], 0
    for word in query.words:
        condition &= Q(name__icontains=word) | Q(genres__icontains=word)
    artists = Artist.objects.filter(condition).distinct().order_by("-popularity", "id")
    total = artists.count()
    return list(artists[offset : offset + limit]), total


def artist_get(artist_id: str) -> Artist | None:
    return Artist.objects.filter(pk=artist_id).first()


def playlist_get(playlist_id: str) -> Playlist | None:
    return Playlist.objects.select_related("owner").filter(pk=playlist_id).first()


def playlists_visible(*, listener: Listener, include_private: bool) -> QuerySet[Playlist]:
    playlists = Playlist.objects.select_related("owner").filter(owner=listener).order_by("-created_at", "id")
    return playlists if include_private else playlists.filter(public=True)


def playlist_items_page(*, playlist: Playlist, limit: int, offset: int) -> tuple[list[PlaylistItem], int]:
    items = PlaylistItem.objects.filter(playlist=playlist).order_by("position")
    total = items.count()
    page = list(
        items.select_related("added_by").prefetch_related(Prefetch("track", queryset=tracks_qs()))[
            offset : offset + limit
        ]
    )
    return page, total


def playlist_item_count(playlist: Playlist) -> int:
    return PlaylistItem.objects.filter(playlist=playlist).count()
