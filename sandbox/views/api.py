"""The Web API under /v1/: profile, top tracks, search, artists, tracks, playlists."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from sandbox import selectors
from sandbox.errors import ApiError
from sandbox.ids import is_base62_id
from sandbox.models import AccessToken, Playlist, TimeRange
from sandbox.selectors import search_query_parse
from sandbox.services.playlists import MAX_COVER_BYTES, playlist_add_items, playlist_cover_set, playlist_create
from sandbox.shapes import (
    artist_json,
    paging_json,
    playlist_item_json,
    playlist_json,
    track_json,
    user_json,
)
from sandbox.views.common import (
    api_error_response,
    api_route,
    int_param,
    links_for,
    page_params,
    page_url,
    require_scope,
)

SEARCH_TYPES = frozenset({"album", "artist", "playlist", "track", "show", "episode", "audiobook"})
# 2026 development-mode search: at most 10 results per type, 5 by default.
SEARCH_MAX_LIMIT = 10
SEARCH_DEFAULT_LIMIT = 5
# A full playlist object embeds its first 100 entries, as Spotify's does.
PLAYLIST_EMBEDDED_ITEMS = 100


def _valid_id(value: str) -> str:
    if not is_base62_id(value):
        raise ApiError(400, "Invalid base62 id")
    return value


def _json_body(request: HttpRequest) -> Any:
    try:
        return json.loads(request.body or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ApiError(400, "Error parsing JSON.") from None


def _me(request: HttpRequest, token: AccessToken) -> HttpResponse:
    assert token.listener is not None
    return JsonResponse(user_json(token.listener, links_for(request)))


def _top_tracks(request: HttpRequest, token: AccessToken) -> HttpResponse:
    require_scope(token, "user-top-read")
    time_range = request.GET.get("time_range") or TimeRange.MEDIUM
    if time_range not in TimeRange.values:
        raise ApiError(400, "Invalid time range")
    limit = int_param(request, "limit", default=20, minimum=1, maximum=50)
    offset = int_param(request, "offset", default=0, minimum=0, maximum=100_000)
    assert token.listener is not None
    tracks, total = selectors.top_tracks(listener=token.listener, time_range=time_range, limit=limit, offset=offset)
    links = links_for(request)
    params = {**page_params(request), "time_range": time_range}
    return JsonResponse(
        paging_json(
            url=page_url(request),
            params=params,
            items=[track_json(track, links) for track in tracks],
            total=total,
            limit=limit,
            offset=offset,
        )
    )


def _search(request: HttpRequest, token: AccessToken) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    if not q:
        raise ApiError(400, "No search query")
    raw_types = request.GET.get("type", "")
    if not raw_types:
        raise ApiError(400, "Missing parameter type")
    types = [kind.strip() for kind in raw_types.split(",") if kind.strip()]
    for kind in types:
        if kind not in SEARCH_TYPES:
            raise ApiError(400, f"Bad search type field {kind}")
    limit = int_param(request, "limit", default=SEARCH_DEFAULT_LIMIT, minimum=1, maximum=SEARCH_MAX_LIMIT)
    offset = int_param(request, "offset", default=0, minimum=0, maximum=1000)
    query = search_query_parse(q)
    links = links_for(request)
    answer: dict[str, Any] = {}
    for kind in types:
        items: list[dict[str, Any]]
        if kind == "track":
            tracks, total = selectors.search_tracks(query, limit=limit, offset=offset)
            items = [track_json(track, links) for track in tracks]
        elif kind == "artist":
            artists, total = selectors.search_artists(query, limit=limit, offset=offset)
            items = [artist_json(artist, links) for artist in artists]
        else:
            # The sandbox world holds no albums-as-results, playlists, shows or audiobooks to find.
            items, total = [], 0
        answer[f"{kind}s"] = paging_json(
            url=page_url(request), params=page_params(request), items=items, total=total, limit=limit, offset=offset
        )
    return JsonResponse(answer)


def _artist(request: HttpRequest, token: AccessToken, artist_id: str) -> HttpResponse:
    artist = selectors.artist_get(_valid_id(artist_id))
    if artist is None:
        raise ApiError(404, "Resource not found")
    return JsonResponse(artist_json(artist, links_for(request)))


def _track(request: HttpRequest, token: AccessToken, track_id: str) -> HttpResponse:
    track = selectors.tracks_qs().filter(pk=_valid_id(track_id)).first()
    if track is None:
        raise ApiError(404, "Resource not found")
    return JsonResponse(track_json(track, links_for(request)))


def _items_summary(request: HttpRequest, playlist: Playlist, total: int) -> dict[str, Any]:
    return {"href": f"{links_for(request).api}/playlists/{playlist.id}/items", "total": total}


def _create_playlist(request: HttpRequest, token: AccessToken) -> HttpResponse:
    body = _json_body(request)
    if not isinstance(body, dict):
        raise ApiError(400, "Error parsing JSON.")
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ApiError(400, "Missing required field: name")
    public = body.get("public", True)
    collaborative = body.get("collaborative", False)
    description = body.get("description") or ""
    if not isinstance(public, bool) or not isinstance(collaborative, bool) or not isinstance(description, str):
        raise ApiError(400, "Error parsing JSON.")
    if collaborative and public:
        raise ApiError(400, "Collaborative playlists can only be private.")
    require_scope(token, "playlist-modify-public" if public else "playlist-modify-private")
    assert token.listener is not None
    playlist = playlist_create(
        owner=token.listener, name=name, public=public, collaborative=collaborative, description=description[:300]
    )
    data = playlist_json(playlist, links_for(request), items=_items_summary(request, playlist, 0))
    return JsonResponse(data, status=201)


def _my_playlists(request: HttpRequest, token: AccessToken) -> HttpResponse:
    limit = int_param(request, "limit", default=20, minimum=1, maximum=50)
    offset = int_param(request, "offset", default=0, minimum=0, maximum=100_000)
    assert token.listener is not None
    # Private playlists are listed only with playlist-read-private, as Spotify's reference states.
    visible = selectors.playlists_visible(
        listener=token.listener, include_private="playlist-read-private" in token.scopes
    )
    total = visible.count()
    links = links_for(request)
    items = [
        playlist_json(playlist, links, items=_items_summary(request, playlist, selectors.playlist_item_count(playlist)))
        for playlist in visible[offset : offset + limit]
    ]
    return JsonResponse(
        paging_json(
            url=page_url(request), params=page_params(request), items=items, total=total, limit=limit, offset=offset
        )
    )


def _playlist_or_404(playlist_id: str) -> Playlist:
    playlist = selectors.playlist_get(_valid_id(playlist_id))
    if playlist is None:
        raise ApiError(404, "Resource not found")
    return playlist


def _playlist(request: HttpRequest, token: AccessToken, playlist_id: str) -> HttpResponse:
    playlist = _playlist_or_404(playlist_id)
    links = links_for(request)
    entries, total = selectors.playlist_items_page(playlist=playlist, limit=PLAYLIST_EMBEDDED_ITEMS, offset=0)
    items = paging_json(
        url=f"{links.api}/playlists/{playlist.id}/items",
        params={},
        items=[playlist_item_json(entry, links) for entry in entries],
        total=total,
        limit=PLAYLIST_EMBEDDED_ITEMS,
        offset=0,
    )
    return JsonResponse(playlist_json(playlist, links, items=items))


def _playlist_items(request: HttpRequest, token: AccessToken, playlist_id: str) -> HttpResponse:
    playlist = _playlist_or_404(playlist_id)
    limit = int_param(request, "limit", default=20, minimum=1, maximum=50)
    offset = int_param(request, "offset", default=0, minimum=0, maximum=100_000)
    entries, total = selectors.playlist_items_page(playlist=playlist, limit=limit, offset=offset)
    links = links_for(request)
    return JsonResponse(
        paging_json(
            url=page_url(request),
            params=page_params(request),
            items=[playlist_item_json(entry, links) for entry in entries],
            total=total,
            limit=limit,
            offset=offset,
        )
    )


def _may_edit(token: AccessToken, playlist: Playlist) -> None:
    if token.listener is None:
        raise ApiError(401, "Valid user authentication required")
    require_scope(token, "playlist-modify-public" if playlist.public else "playlist-modify-private")
    if playlist.owner_id != token.listener_id and not playlist.collaborative:
        raise ApiError(403, "You cannot add tracks to a playlist you don't own.")


def _track_ids_from_uris(uris: Any) -> list[str]:
    if not isinstance(uris, list) or not all(isinstance(uri, str) for uri in uris):
        raise ApiError(400, "Error parsing JSON.")
    track_ids = []
    for uri in uris:
        kind, _, object_id = uri.removeprefix("spotify:").partition(":")
        if not uri.startswith("spotify:") or kind not in {"track", "episode"} or not is_base62_id(object_id):
            raise ApiError(400, f"Invalid track uri: {uri}")
        if kind == "episode":
            # No podcasts in the sandbox world.
            raise ApiError(400, "Payload contains a non-existing ID")
        track_ids.append(object_id)
    return track_ids


def _add_items(request: HttpRequest, token: AccessToken, playlist_id: str) -> HttpResponse:
    playlist = _playlist_or_404(playlist_id)
    _may_edit(token, playlist)
    position: Any = request.GET.get("position")
    body = _json_body(request) if request.body else None
    # The reference documents {"uris": [...], "position": n}; spotipy sends a bare array and puts
    # position in the query string; `uris` may also come comma-separated in the query.
    if isinstance(body, list):
        uris: Any = body
    elif isinstance(body, dict):
        uris = body.get("uris")
        position = body.get("position", position)
    elif body is None and request.GET.get("uris"):
        uris = request.GET["uris"].split(",")
    else:
        raise ApiError(400, "Error parsing JSON.")
    if uris is None:
        raise ApiError(400, "Missing required field: uris")
    if isinstance(uris, list) and len(uris) > 100:
        raise ApiError(400, "You can add a maximum of 100 tracks per request.")
    track_ids = _track_ids_from_uris(uris)
    if position is not None:
        try:
            position = int(position)
        except (TypeError, ValueError):
            raise ApiError(400, "Invalid position") from None
    assert token.listener is not None
    snapshot = playlist_add_items(playlist=playlist, added_by=token.listener, track_ids=track_ids, position=position)
    return JsonResponse({"snapshot_id": snapshot}, status=201)


def _upload_cover(request: HttpRequest, token: AccessToken, playlist_id: str) -> HttpResponse:
    playlist = _playlist_or_404(playlist_id)
    require_scope(token, "ugc-image-upload")
    if not ({"playlist-modify-public", "playlist-modify-private"} & token.scopes):
        raise ApiError(403, "Insufficient client scope")
    if playlist.owner_id != token.listener_id:
        raise ApiError(403, "You cannot change the image of a playlist you don't own.")
    if len(request.body) > MAX_COVER_BYTES:
        raise ApiError(413, "Request entity too large: the maximum payload size is 256 KB.")
    try:
        jpeg = base64.b64decode(b"".join(request.body.split()), validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(400, "Image must be Base64 encoded JPEG data.") from None
    if not jpeg.startswith(b"\xff\xd8\xff"):
        raise ApiError(400, "Image must be Base64 encoded JPEG data.")
    playlist_cover_set(playlist=playlist, jpeg=jpeg)
    return HttpResponse(status=202)


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    # Unknown paths, and the endpoints removed for development mode in February 2026.
    return api_error_response(ApiError(404, "Service not found"))


me = api_route({"GET": _me})
top_tracks = api_route({"GET": _top_tracks})
search = api_route({"GET": _search}, user_required=False)
artist = api_route({"GET": _artist}, user_required=False)
track = api_route({"GET": _track}, user_required=False)
my_playlists = api_route({"GET": _my_playlists, "POST": _create_playlist})
playlist = api_route({"GET": _playlist}, user_required=False)
playlist_items = api_route({"GET": _playlist_items, "POST": _add_items}, user_required=False)
playlist_images = api_route({"PUT": _upload_cover})
