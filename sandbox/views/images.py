"""Image hosting (Spotify's i.scdn.co): generated SVG covers and avatars, uploaded playlist covers."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from sandbox.art import ALBUM_SIZES, ARTIST_SIZES, USER_SIZES, album_cover_svg, portrait_svg
from sandbox.models import Album, Artist, Listener, Playlist

# Ids never change what they draw, so browsers and the app may cache for a long time.
_CACHE = "public, max-age=604800, immutable"


def _svg(body: str) -> HttpResponse:
    response = HttpResponse(body, content_type="image/svg+xml")
    response["Cache-Control"] = _CACHE
    return response


@require_GET
def album_image(request: HttpRequest, album_id: str, size: int) -> HttpResponse:
    album = Album.objects.filter(pk=album_id).only("name").first()
    if album is None or size not in ALBUM_SIZES:
        raise Http404("no such image")
    return _svg(album_cover_svg(key=album_id, name=album.name, size=size))


@require_GET
def artist_image(request: HttpRequest, artist_id: str, size: int) -> HttpResponse:
    artist = Artist.objects.filter(pk=artist_id).only("name").first()
    if artist is None or size not in ARTIST_SIZES:
        raise Http404("no such image")
    return _svg(portrait_svg(key=artist_id, name=artist.name, size=size))


@require_GET
def user_image(request: HttpRequest, user_id: str, size: int) -> HttpResponse:
    listener = Listener.objects.filter(pk=user_id).first()
    if listener is None or not listener.has_avatar or size not in USER_SIZES:
        raise Http404("no such image")
    return _svg(portrait_svg(key=user_id, name=listener.display_name, size=size, round_=True))


@require_GET
def playlist_image(request: HttpRequest, playlist_id: str, version: int) -> HttpResponse:
    # The version in the URL changes with every upload, so an old URL never shows a newer cover.
    playlist = Playlist.objects.filter(pk=playlist_id, version=version).only("cover_jpeg").first()
    if playlist is None or not playlist.cover_jpeg:
        raise Http404("no such image")
    response = HttpResponse(bytes(playlist.cover_jpeg), content_type="image/jpeg")
    response["Cache-Control"] = _CACHE
    return response
