"""Deezer's public API (https://api.deezer.com, no key) and its preview CDN.

Deezer answers errors with HTTP 200 and `{"error": {"type", "message", "code"}}`: code 800 "no data" for
anything unknown, 501 for a missing parameter, 4 "Quota limit exceeded" when a client goes over 50
requests per 5 seconds. The sandbox gives code 4 when a 429 fault is armed in scope "deezer" (or "all"):
    faults.rate_limit(scope="deezer")            -> 200 {"error": {"type": "Exception", ..., "code": 4}}
Other faults answer as everywhere in the sandbox (500/503 JSON, 502 HTML, slow). The preview CDN is not
the API: there a 429 fault is a plain HTTP 429. Preview links are signed and expire
(sandbox.services.previews); a bad or stale link gets 403 with a short HTML body, as Akamai sends.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from sandbox import faults
from sandbox.mirrors import selectors
from sandbox.mirrors.availability import deezer_preview_blank
from sandbox.mirrors.deezer_shapes import DeezerLinks, artist_json, track_json
from sandbox.mirrors.matching import deezer_query_empty, deezer_query_parse
from sandbox.models import FaultKind, FaultScope
from sandbox.services.previews import deezer_preview_token_valid, preview_file
from sandbox.views.media import ranged_file_response

DEFAULT_LIMIT = 25
MAX_LIMIT = 100
TOP_DEFAULT_LIMIT = 5
RELATED_LIMIT = 20
_CDN_CACHE = "public, max-age=900"


class DeezerError(Exception):
    def __init__(self, type_: str, message: str, code: int) -> None:
        super().__init__(f"{code} {type_}: {message}")
        self.body = {"error": {"type": type_, "message": message, "code": code}}


def no_data() -> DeezerError:
    return DeezerError("DataException", "no data", 800)


QUOTA = {"error": {"type": "Exception", "message": "Quota limit exceeded", "code": 4}}


def deezer_api(view: Callable[..., dict[str, Any]]) -> Callable[..., HttpResponse]:
    """One API endpoint: armed faults first (a 429 becomes Deezer's code 4 in a 200), then the view's
    dict as JSON, and DeezerError as the error object, all with status 200."""

    @require_safe
    @functools.wraps(view)
    def wrapped(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        rule = faults.fault_take(scope=FaultScope.DEEZER, path=request.path)
        if rule is not None:
            if rule.kind == FaultKind.RATE_LIMIT:
                return JsonResponse(QUOTA)
            response = faults.fault_response(rule, scope=FaultScope.DEEZER)
            if response is not None:
                return response
        try:
            return JsonResponse(view(request, **kwargs))
        except DeezerError as error:
            return JsonResponse(error.body)

    return wrapped


def _links(request: HttpRequest) -> DeezerLinks:
    return DeezerLinks(
        api=request.build_absolute_uri(reverse("sandbox:deezer")).rstrip("/"),
        images=request.build_absolute_uri(reverse("sandbox:images")).rstrip("/"),
    )


def _int_param(request: HttpRequest, name: str, default: int, maximum: int) -> int:
    # Deezer ignores a malformed or negative paging value rather than failing the call.
    raw = request.GET.get(name, "")
    value = int(raw) if raw.isdigit() else default
    return min(value, maximum)


def _paged(request: HttpRequest, *, data: list[dict[str, Any]], total: int, limit: int, index: int) -> dict[str, Any]:
    answer: dict[str, Any] = {"data": data, "total": total}
    params = {key: value for key, value in request.GET.items() if key not in {"index", "limit"}}
    base = request.build_absolute_uri(request.path)
    if index > 0:
        answer["prev"] = f"{base}?{urlencode({**params, 'limit': limit, 'index': max(0, index - limit)})}"
    if index + limit < total:
        answer["next"] = f"{base}?{urlencode({**params, 'limit': limit, 'index': index + limit})}"
    return answer


@deezer_api
def track(request: HttpRequest, ref: str) -> dict[str, Any]:
    """`/track/{id}` and `/track/isrc:{ISRC}`."""
    if ref.lower().startswith("isrc:"):
        found = selectors.deezer_track_by_isrc(isrc=ref[5:])
    else:
        number = selectors.parse_int_id(ref)
        found = selectors.deezer_track_get(deezer_id=number) if number is not None else None
    if found is None:
        raise no_data()
    return track_json(found, _links(request), full=True)


@deezer_api
def search(request: HttpRequest) -> dict[str, Any]:
    q = request.GET.get("q", "")
    if not q.strip():
        raise DeezerError("MissingParameterException", "Missing parameters: q", 501)
    limit = _int_param(request, "limit", DEFAULT_LIMIT, MAX_LIMIT) or DEFAULT_LIMIT
    index = _int_param(request, "index", 0, 100_000)
    query = deezer_query_parse(q)
    if deezer_query_empty(query):
        return {"data": [], "total": 0}
    order = request.GET.get("order", "RANKING").upper()
    tracks, total = selectors.deezer_search_tracks(query, order=order, limit=limit, index=index)
    links = _links(request)
    return _paged(
        request, data=[track_json(t, links, full=False) for t in tracks], total=total, limit=limit, index=index
    )


def _artist_or_no_data(artist_ref: str) -> Any:
    number = selectors.parse_int_id(artist_ref)
    found = selectors.deezer_artist_get(deezer_id=number) if number is not None else None
    if found is None:
        raise no_data()
    return found


@deezer_api
def artist(request: HttpRequest, artist_ref: str) -> dict[str, Any]:
    found = _artist_or_no_data(artist_ref)
    data = artist_json(found, _links(request), nb_album=selectors.artist_album_counts([found.id])[found.id])
    data["share"] = f"{data['link']}?utm_source=deezer&utm_content=artist-{data['id']}&utm_medium=web"
    return data


@deezer_api
def artist_top(request: HttpRequest, artist_ref: str) -> dict[str, Any]:
    found = _artist_or_no_data(artist_ref)
    limit = _int_param(request, "limit", TOP_DEFAULT_LIMIT, MAX_LIMIT) or TOP_DEFAULT_LIMIT
    index = _int_param(request, "index", 0, 100_000)
    tracks, total = selectors.deezer_artist_top(artist=found, limit=limit, index=index)
    links = _links(request)
    return _paged(
        request, data=[track_json(t, links, full=False) for t in tracks], total=total, limit=limit, index=index
    )


@deezer_api
def artist_related(request: HttpRequest, artist_ref: str) -> dict[str, Any]:
    found = _artist_or_no_data(artist_ref)
    related, total = selectors.deezer_artist_related(artist=found, limit=RELATED_LIMIT)
    counts = selectors.artist_album_counts(other.id for other in related)
    links = _links(request)
    return {"data": [artist_json(other, links, nb_album=counts[other.id]) for other in related], "total": total}


@deezer_api
def search_artist(request: HttpRequest) -> dict[str, Any]:
    q = request.GET.get("q", "")
    if not q.strip():
        raise DeezerError("MissingParameterException", "Missing parameters: q", 501)
    limit = _int_param(request, "limit", DEFAULT_LIMIT, MAX_LIMIT) or DEFAULT_LIMIT
    index = _int_param(request, "index", 0, 100_000)
    artists, total = selectors.deezer_search_artists(q=q, limit=limit, index=index)
    counts = selectors.artist_album_counts(found.id for found in artists)
    links = _links(request)
    data = [artist_json(found, links, nb_album=counts[found.id]) for found in artists]
    return _paged(request, data=data, total=total, limit=limit, index=index)


@deezer_api
def not_found(request: HttpRequest, rest: str = "") -> dict[str, Any]:
    raise no_data()


def _access_denied(request: HttpRequest) -> HttpResponse:
    body = (
        "<HTML><HEAD>\n<TITLE>Access Denied</TITLE>\n</HEAD><BODY>\n<H1>Access Denied</H1>\n \n"
        f'You don\'t have permission to access "{request.path}" on this server.<P>\n</BODY>\n</HTML>\n'
    )
    return HttpResponse(body, status=403, content_type="text/html")


@faults.with_faults("deezer")
@faults.with_faults("audio")
@require_safe
def preview(request: HttpRequest, deezer_track_id: int) -> HttpResponse:
    """The CDN: a signed, unexpired link gets the 30 s MP3 (Range supported); anything else 403."""
    if not deezer_preview_token_valid(deezer_track_id=deezer_track_id, hdnea=request.GET.get("hdnea", "")):
        return _access_denied(request)
    found = selectors.deezer_track_get(deezer_id=deezer_track_id)
    if found is None or deezer_preview_blank(found.id):
        # Only the sandbox can sign such a link; the CDN has no file behind it.
        return HttpResponse("Not Found", status=404, content_type="text/plain")
    path = preview_file(track=found, fmt="mp3")
    return ranged_file_response(request, path, content_type="audio/mpeg", cache_control=_CDN_CACHE)
