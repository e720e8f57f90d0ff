"""Download one preview file safely: bounded in size and time, and refused unless it is really audio.

The URL comes from a third party's JSON, so nothing about the answer is trusted: a Content-Length over
the cap is refused before reading, the cap is enforced again while streaming (a server may send no
length, or lie), the content type must be audio (or `application/octet-stream`, which some CDNs send),
and the first bytes must be an MP3, MP4/M4A or ADTS AAC header whatever the type says: an HTML error
page served as `audio/mpeg` happens. The magic bytes, not the header, decide the reported format.
Whether the audio decodes is the audio core's question (`ingest.audio`), not this module's.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

import requests

from ingest.previews import http
from ingest.previews.errors import DownloadRefusal, PreviewDownloadError, PreviewSourceUnavailable

DEFAULT_MAX_BYTES = 5_000_000
AUDIO_CONTENT_TYPES = frozenset({"audio/mpeg", "audio/mp4", "audio/x-m4a", "audio/aac", "audio/mp4a-latm"})
# Generic types that say nothing either way: the magic bytes alone decide.
OPAQUE_CONTENT_TYPES = frozenset({"application/octet-stream", "binary/octet-stream", ""})
# Query parameters of signed CDN links (Akamai, CloudFront, S3, GCS): a 403 there means "link expired".
_SIGNATURE_PARAMS = frozenset(
    {
        "hdnea",
        "hdnts",
        "__token__",
        "token",
        "exp",
        "expires",
        "signature",
        "sig",
        "policy",
        "key-pair-id",
        "x-amz-signature",
        "x-goog-signature",
    }
)
_CHUNK_BYTES = 16_384
_SNIFF_BYTES = 12
# A 30 s preview is under a megabyte; a server trickling bytes just under the read timeout must not
# hold a worker for minutes.
_MIN_TOTAL_SECONDS = 30


@dataclass(frozen=True)
class DownloadedAudio:
    data: bytes
    content_type: str
    format: str  # "mp3", "m4a" or "aac", from the magic bytes


def audio_format_sniff(head: bytes) -> str | None:
    """ "mp3", "m4a" or "aac" when the first bytes are that container's header, else None."""
    if len(head) >= 4 and head[:3] == b"ID3" and head[3] in (2, 3, 4):
        return "mp3"
    if len(head) >= 8 and head[4:8] == b"ftyp":
        return "m4a"
    if len(head) >= 3 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        version, layer = (head[1] >> 3) & 0b11, (head[1] >> 1) & 0b11
        if layer == 0:
            # Layer "00" under a 12-bit sync is ADTS, AAC's raw stream.
            return "aac" if head[1] & 0xF0 == 0xF0 else None
        bitrate, sample_rate = head[2] >> 4, (head[2] >> 2) & 0b11
        # Reserved values: a frame sync followed by these is noise, not MPEG audio.
        if version == 0b01 or bitrate == 0b1111 or sample_rate == 0b11:
            return None
        return "mp3"
    return None


def _describe(head: bytes) -> str:
    text = head.lstrip()[:1]
    if text == b"<":
        return "the body is HTML or XML"
    if text in (b"{", b"["):
        return "the body is JSON"
    return f"unknown magic bytes {head[:8].hex()}"


def _signed(url: str) -> bool:
    return any(key.lower() in _SIGNATURE_PARAMS for key, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True))


def _refuse(reason: DownloadRefusal, detail: str, source: str) -> PreviewDownloadError:
    return PreviewDownloadError(reason, detail, source=source)


def _check_status(response: requests.Response, url: str, source: str) -> None:
    status = response.status_code
    http.raise_for_transient(source, response)
    if status == 403 and _signed(url):
        raise _refuse(DownloadRefusal.EXPIRED, "403 on a signed link: it has expired, resolve again", source)
    if status in (204, 205):
        raise _refuse(DownloadRefusal.EMPTY, f"HTTP {status}", source)
    if status != 200:
        raise _refuse(DownloadRefusal.DOWNLOAD_FAILED, f"HTTP {status}", source)


def _check_headers(response: requests.Response, max_bytes: int, source: str) -> tuple[str, int | None]:
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type not in AUDIO_CONTENT_TYPES and content_type not in OPAQUE_CONTENT_TYPES:
        raise _refuse(DownloadRefusal.NOT_AUDIO, f"content type {content_type!r}", source)
    raw_length = response.headers.get("Content-Length", "")
    length = int(raw_length) if raw_length.strip().isdigit() else None
    if length is not None and length > max_bytes:
        raise _refuse(DownloadRefusal.TOO_LARGE, f"Content-Length {length} is over the cap of {max_bytes}", source)
    return content_type, length


def download_audio(url: str, *, max_bytes: int = DEFAULT_MAX_BYTES, source: str = "download") -> DownloadedAudio:
    """The file at `url`, checked. `source` names the service in the errors raised.

    Raises PreviewDownloadError (`too_large`, `not_audio`, `download_failed` for 4xx other than a signed
    link's 403 and for truncated bodies, `expired`, `empty`), or the transient PreviewSourceRateLimited
    (429) / PreviewSourceUnavailable (5xx, timeouts, connection failures)."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise _refuse(DownloadRefusal.DOWNLOAD_FAILED, f"not an http(s) URL: {url[:100]!r}", source)
    # identity: a compressed body would make Content-Length count other bytes than the ones we cap.
    response = http.get(source, url, headers={"Accept": "audio/*", "Accept-Encoding": "identity"}, stream=True)
    with response:
        _check_status(response, url, source)
        content_type, length = _check_headers(response, max_bytes, source)
        deadline = time.monotonic() + max(_MIN_TOTAL_SECONDS, 6 * http.timeouts()[1])
        body = bytearray()
        sniffed: str | None = None
        try:
            for chunk in response.iter_content(chunk_size=_CHUNK_BYTES):
                body += chunk
                if len(body) > max_bytes:
                    raise _refuse(DownloadRefusal.TOO_LARGE, f"body passed the cap of {max_bytes} bytes", source)
                if sniffed is None and len(body) >= _SNIFF_BYTES:
                    # Refuse an error page after its first bytes rather than after the whole of it.
                    sniffed = audio_format_sniff(bytes(body[:_SNIFF_BYTES]))
                    if sniffed is None:
                        raise _refuse(DownloadRefusal.NOT_AUDIO, _describe(bytes(body)), source)
                if time.monotonic() > deadline:
                    raise PreviewSourceUnavailable(source, "download too slow: gave up at the deadline")
        except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError) as error:
            # urllib3 raises these when the connection ends before Content-Length bytes: a cut-off file.
            raise _refuse(
                DownloadRefusal.DOWNLOAD_FAILED, f"body cut short after {len(body)} bytes: {error}", source
            ) from error
        except requests.RequestException as error:
            raise PreviewSourceUnavailable(source, f"download interrupted: {error}") from error
    if not body:
        raise _refuse(DownloadRefusal.EMPTY, "the body is empty", source)
    if length is not None and len(body) != length:
        raise _refuse(DownloadRefusal.DOWNLOAD_FAILED, f"got {len(body)} of {length} bytes", source)
    if sniffed is None:
        sniffed = audio_format_sniff(bytes(body))
        if sniffed is None:
            raise _refuse(DownloadRefusal.NOT_AUDIO, _describe(bytes(body)), source)
    return DownloadedAudio(data=bytes(body), content_type=content_type or "application/octet-stream", format=sniffed)
