"""Reads of the catalogue as Deezer and iTunes show it: integer ids back to rows, look-ups and search.

Search runs in Python over one light row per track (two queries, about 900 rows in the demo world),
because both services fold accents and SQLite's LIKE does not; the page found is then loaded with
`sandbox.selectors.tracks_qs`.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db.models import Model

from sandbox.mirrors import matching
from sandbox.mirrors.availability import Kind, Service, deezer_rank, external_id, on_deezer, on_itunes
from sandbox.mirrors.matching import DeezerQuery, Row
from sandbox.models import Album, Artist, Track, TrackArtist
from sandbox.selectors import tracks_qs

_MODELS: dict[Kind, type[Model]] = {Kind.TRACK: Track, Kind.ARTIST: Artist, Kind.ALBUM: Album}
_reverse: dict[tuple[Service, Kind], dict[int, str]] = {}
_reverse_lock = threading.Lock()


def _reverse_build(service: Service, kind: Kind) -> dict[int, str]:
    table: dict[int, str] = {}
    # Sorted, so that in the unlikely event of a collision the same row wins on every machine.
    for sandbox_id in _MODELS[kind].objects.order_by("pk").values_list("pk", flat=True):
        table.setdefault(external_id(service, kind, sandbox_id), sandbox_id)
    with _reverse_lock:
        _reverse[(service, kind)] = table
    return table


def sandbox_id_for(service: Service, kind: Kind, number: int) -> str | None:
    """The sandbox id behind a Deezer or iTunes integer id. The table is cached per process and rebuilt
    on a miss, so rows seeded after the first look-up are found too; a stale hit is harmless because
    the caller loads the row by primary key."""
    table = _reverse.get((service, kind))
    if table is None or number not in table:
        table = _reverse_build(service, kind)
    return table.get(number)


def parse_int_id(raw: str) -> int | None:
    return int(raw) if raw.isdigit() and len(raw) < 16 else None


def _tracks_in_order(track_ids: list[str]) -> list[Track]:
    by_id = tracks_qs().in_bulk(track_ids)
    return [by_id[track_id] for track_id in track_ids if track_id in by_id]


def catalogue_rows(*, keep: Callable[[str], bool]) -> list[Row]:
    credits: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for track_id, artist_id, name in TrackArtist.objects.order_by("track_id", "position").values_list(
        "track_id", "artist_id", "artist__name"
    ):
        credits[track_id].append((artist_id, name))
    rows = []
    for track_id, title, album, popularity, duration_ms in Track.objects.order_by("pk").values_list(
        "id", "name", "album__name", "popularity", "duration_ms"
    ):
        if not keep(track_id):
            continue
        rows.append(
            Row.of(
                track_id=track_id,
                artist_ids=tuple(artist_id for artist_id, _ in credits[track_id]),
                popularity=popularity,
                duration_ms=duration_ms,
                title=title,
                artists=tuple(name for _, name in credits[track_id]),
                album=album,
            )
        )
    return rows


def _page(items: list[str], *, limit: int, index: int) -> tuple[list[str], int]:
    return items[index : index + limit], len(items)


# ---- Deezer ----------------------------------------------------------------------------------------

_DEEZER_ORDERS: dict[str, tuple[Callable[[Row], object], bool]] = {
    "TRACK_ASC": (lambda row: row.title, False),
    "TRACK_DESC": (lambda row: row.title, True),
    "ARTIST_ASC": (lambda row: row.artists[:1], False),
    "ARTIST_DESC": (lambda row: row.artists[:1], True),
    "ALBUM_ASC": (lambda row: row.album, False),
    "ALBUM_DESC": (lambda row: row.album, True),
    "DURATION_ASC": (lambda row: row.duration_s, False),
    "DURATION_DESC": (lambda row: row.duration_s, True),
}


def _by_rank(rows: Iterable[Row]) -> list[Row]:
    return sorted(rows, key=lambda row: (-deezer_rank(row.track_id, row.popularity), row.track_id))


def deezer_track_get(*, deezer_id: int) -> Track | None:
    track_id = sandbox_id_for(Service.DEEZER, Kind.TRACK, deezer_id)
    if track_id is None or not on_deezer(track_id):
        return None
    return tracks_qs().filter(pk=track_id).first()


def deezer_track_by_isrc(*, isrc: str) -> Track | None:
    for track in tracks_qs().filter(isrc__iexact=isrc.strip()).order_by("pk"):
        if on_deezer(track.id):
            return track
    return None


def deezer_search_tracks(query: DeezerQuery, *, order: str, limit: int, index: int) -> tuple[list[Track], int]:
    found = [row for row in catalogue_rows(keep=on_deezer) if matching.deezer_matches(row, query)]
    ordered = _by_rank(found)
    if order in _DEEZER_ORDERS:
        key, reverse = _DEEZER_ORDERS[order]
        # Stable sort over the ranking: ties stay in rank order, as on Deezer.
        ordered.sort(key=key, reverse=reverse)  # type: ignore[arg-type, return-value]
    page, total = _page([row.track_id for row in ordered], limit=limit, index=index)
    return _tracks_in_order(page), total


def _deezer_artist_ids() -> set[str]:
    return {artist_id for row in catalogue_rows(keep=on_deezer) for artist_id in row.artist_ids}


def deezer_artist_get(*, deezer_id: int) -> Artist | None:
    artist_id = sandbox_id_for(Service.DEEZER, Kind.ARTIST, deezer_id)
    if artist_id is None:
        return None
    track_ids = TrackArtist.objects.filter(artist_id=artist_id).values_list("track_id", flat=True)
    if not any(on_deezer(track_id) for track_id in track_ids):
        return None
    return Artist.objects.filter(pk=artist_id).first()


def deezer_artist_top(*, artist: Artist, limit: int, index: int) -> tuple[list[Track], int]:
    rows = [row for row in catalogue_rows(keep=on_deezer) if artist.id in row.artist_ids]
    page, total = _page([row.track_id for row in _by_rank(rows)], limit=limit, index=index)
    return _tracks_in_order(page), total


def deezer_search_artists(*, q: str, limit: int, index: int) -> tuple[list[Artist], int]:
    query = matching.deezer_query_parse(q)
    wanted = query.words + [word for value in query.fields.get("artist", []) for word in value.split()]
    if not wanted:
        return [], 0
    present = _deezer_artist_ids()
    candidates = Artist.objects.filter(pk__in=present).order_by("-followers", "pk")
    found = [artist.pk for artist in candidates if set(wanted) <= set(matching.words(artist.name))]
    page, total = _page(found, limit=limit, index=index)
    by_id = Artist.objects.in_bulk(page)
    return [by_id[artist_id] for artist_id in page], total


def deezer_artist_related(*, artist: Artist, limit: int) -> tuple[list[Artist], int]:
    """Artists who share a genre, most followed first: the sandbox has no listening graph to draw on."""
    genres = set(artist.genres)
    present = _deezer_artist_ids() - {artist.pk}
    related = [
        other
        for other in Artist.objects.filter(pk__in=present).order_by("-followers", "pk")
        if genres & set(other.genres)
    ]
    return related[:limit], len(related)


def artist_album_counts(artist_ids: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for artist_id in Album.objects.filter(artist_id__in=list(artist_ids)).values_list("artist_id", flat=True):
        counts[artist_id] += 1
    return counts


# ---- iTunes ----------------------------------------------------------------------------------------


def itunes_track_get(*, itunes_id: int) -> Track | None:
    track_id = sandbox_id_for(Service.ITUNES, Kind.TRACK, itunes_id)
    if track_id is None or not on_itunes(track_id):
        return None
    return tracks_qs().filter(pk=track_id).first()


def itunes_search_songs(*, term: str, limit: int) -> list[Track]:
    term_words = matching.words(term)
    scored = []
    for row in catalogue_rows(keep=on_itunes):
        relevance = matching.itunes_relevance(row, term_words)
        if relevance is not None:
            scored.append((matching.itunes_order_key(row, relevance), row.track_id))
    scored.sort()
    return _tracks_in_order([track_id for _, track_id in scored[:limit]])


def itunes_search_artists(*, term: str, limit: int) -> list[Artist]:
    term_words = set(matching.words(term))
    if not term_words:
        return []
    present = {artist_id for row in catalogue_rows(keep=on_itunes) for artist_id in row.artist_ids}
    found = [
        artist
        for artist in Artist.objects.filter(pk__in=present).order_by("-followers", "pk")
        if term_words <= set(matching.words(artist.name))
    ]
    return found[:limit]


def itunes_search_albums(*, term: str, limit: int) -> list[Album]:
    term_words = set(matching.words(term))
    if not term_words:
        return []
    present = {album_id for track_id, album_id in Track.objects.values_list("id", "album_id") if on_itunes(track_id)}
    found = [
        album
        for album in Album.objects.filter(pk__in=present).select_related("artist").order_by("-release_date", "pk")
        if term_words <= set(matching.words(f"{album.name} {album.artist.name}"))
    ]
    return found[:limit]
