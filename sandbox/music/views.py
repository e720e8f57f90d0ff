"""Serves synthesized previews, with HTTP Range so an <audio> element can seek."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from sandbox.views.media import ranged_file_response

from .cache import CONTENT_TYPES, preview_path
from .selectors import track_family_get

# Previews are a pure function of (id, family, synthesizer version), so clients may keep them a day.
_CACHE_CONTROL = "public, max-age=86400"


@require_safe
def preview(request: HttpRequest, track_id: str, fmt: str) -> HttpResponse:
    family = track_family_get(track_id=track_id)
    if family is None:
        raise Http404("no such track")
    path = preview_path(track_id, family, fmt)
    return ranged_file_response(request, path, content_type=CONTENT_TYPES[fmt], cache_control=_CACHE_CONTROL)
