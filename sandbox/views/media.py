"""Audio file answers for the preview CDNs: the whole file with Content-Length, or one byte range (206)."""

from __future__ import annotations

import re
from pathlib import Path

from django.http import FileResponse, HttpRequest, HttpResponse

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def ranged_file_response(request: HttpRequest, path: Path, *, content_type: str, cache_control: str) -> HttpResponse:
    size = path.stat().st_size
    header = request.headers.get("Range", "").strip()
    match = _RANGE.match(header) if header else None
    if match is None or (not match[1] and not match[2]):
        # No range, several ranges or another unit: RFC 9110 lets a server send the whole file instead.
        response: HttpResponse = FileResponse(path.open("rb"), content_type=content_type)
        response["Content-Length"] = str(size)
    else:
        if match[1]:
            start = int(match[1])
            end = min(int(match[2]), size - 1) if match[2] else size - 1
        else:  # "bytes=-N": the last N bytes
            start, end = max(0, size - int(match[2])), size - 1
        if start >= size or start > end:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        with path.open("rb") as handle:
            handle.seek(start)
            body = handle.read(end - start + 1)
        response = HttpResponse(body, status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(len(body))
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = cache_control
    return response
