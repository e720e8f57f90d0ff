"""download_audio over real HTTP: crafted answers from a local server, and the sandbox's preview files."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ingest.previews.download import audio_format_sniff, download_audio
from ingest.previews.errors import PreviewDownloadError, PreviewSourceRateLimited, PreviewSourceUnavailable

MP3_FRAME = b"\xff\xfb\x90\x64" + bytes(412)  # MPEG-1 Layer III, 128 kb/s, 44.1 kHz
MP3_ID3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + MP3_FRAME
M4A = b"\x00\x00\x00\x20ftypM4A \x00\x00\x02\x00M4A mp42isom\x00\x00\x00\x08free" + bytes(400)
ADTS = b"\xff\xf1\x50\x80\x02\x1f\xfc" + bytes(200)
HTML = b"<!DOCTYPE html><html><head><title>Error</title></head><body>Oops</body></html>"


@dataclass
class Canned:
    """One crafted answer. `length` overrides Content-Length (None: the true length; -1: no header, the body
    ends when the connection closes); `endless` keeps sending `body` until the client hangs up."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    length: int | None = None
    endless: bool = False
    sent: int = 0


class CraftedServer:
    """An HTTP/1.0 server on 127.0.0.1 answering each path with its Canned answer, in a thread."""

    def __init__(self) -> None:
        self.routes: dict[str, Canned] = {}
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                canned = routes.get(self.path.split("?")[0])
                if canned is None:
                    self.send_error(404)
                    return
                self.send_response(canned.status)
                for name, value in canned.headers.items():
                    self.send_header(name, value)
                if canned.length is None and not canned.endless:
                    self.send_header("Content-Length", str(len(canned.body)))
                elif canned.length is not None and canned.length >= 0:
                    self.send_header("Content-Length", str(canned.length))
                self.end_headers()
                try:
                    self.wfile.write(canned.body)
                    canned.sent += len(canned.body)
                    # Bounded, so a client that never stops reading fails the test instead of hanging it.
                    while canned.endless and canned.sent < 200_000_000:
                        self.wfile.write(canned.body)
                        canned.sent += len(canned.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def serve(self, path: str, **canned: object) -> str:
        self.routes[path] = Canned(**canned)  # type: ignore[arg-type]
        return f"{self.url}{path}"

    def __enter__(self) -> CraftedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def crafted() -> Iterator[CraftedServer]:
    with CraftedServer() as server:
        yield server


def refusal(url: str, **kwargs: object) -> str:
    with pytest.raises(PreviewDownloadError) as caught:
        download_audio(url, **kwargs)  # type: ignore[arg-type]
    return caught.value.reason.value


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (MP3_ID3, "mp3"),
        (MP3_FRAME, "mp3"),
        (M4A, "m4a"),
        (ADTS, "aac"),
        (HTML, None),
        (b'{"error": 1}', None),
        (b"\xff\xff\xff\xff", None),
        (b"\xff\xeb\x90\x64", None),
        (b"ID3", None),
        (b"", None),
    ],
)
def test_it_sniffs_audio_by_magic_bytes(head, fmt):
    assert audio_format_sniff(head[:12]) == fmt


@pytest.mark.parametrize(
    ("body", "content_type", "fmt"),
    [
        (MP3_ID3, "audio/mpeg", "mp3"),
        (MP3_FRAME, "audio/mpeg", "mp3"),
        (M4A, "audio/mp4", "m4a"),
        (M4A, "audio/x-m4a", "m4a"),
        (ADTS, "audio/aac", "aac"),
        (MP3_ID3, "application/octet-stream", "mp3"),
    ],
)
def test_it_accepts_audio_whose_type_and_magic_agree(crafted, body, content_type, fmt):
    url = crafted.serve("/a", body=body, headers={"Content-Type": content_type})
    audio = download_audio(url)
    assert audio.data == body
    assert audio.format == fmt
    assert audio.content_type == content_type


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (HTML, "text/html; charset=utf-8"),
        (HTML, "audio/mpeg"),  # an error page behind an audio type
        (b'{"error": {"code": 800}}', "application/json"),
        (b'{"error": {"code": 800}}', "application/octet-stream"),
        (bytes(5000), "audio/mpeg"),  # zeros: no header at all
        (MP3_ID3, "video/webm"),
    ],
)
def test_it_refuses_what_is_not_audio(crafted, body, content_type):
    url = crafted.serve("/a", body=body, headers={"Content-Type": content_type})
    assert refusal(url) == "not_audio"


def test_it_refuses_an_empty_body(crafted):
    assert refusal(crafted.serve("/a", body=b"", headers={"Content-Type": "audio/mpeg"})) == "empty"


def test_it_refuses_a_declared_length_over_the_cap_before_reading(crafted):
    # The header alone decides: the 10 bytes sent would otherwise be a truncated body.
    url = crafted.serve("/a", body=MP3_ID3[:10], length=10_000_000, headers={"Content-Type": "audio/mpeg"})
    assert refusal(url, max_bytes=5_000_000) == "too_large"


def test_it_stops_reading_as_soon_as_an_unannounced_body_passes_the_cap(crafted):
    url = crafted.serve("/a", body=MP3_ID3 + bytes(8_000), endless=True, headers={"Content-Type": "audio/mpeg"})
    started = time.monotonic()
    assert refusal(url, max_bytes=100_000) == "too_large"
    assert time.monotonic() - started < 5
    # What the server managed to push before the client hung up: socket buffers, not the 200 MB on offer.
    time.sleep(0.2)
    assert crafted.routes["/a"].sent < 20_000_000


def test_a_body_cut_short_of_its_content_length_fails(crafted):
    url = crafted.serve("/a", body=MP3_ID3, length=len(MP3_ID3) + 5_000, headers={"Content-Type": "audio/mpeg"})
    assert refusal(url) == "download_failed"


def test_a_403_on_a_signed_link_means_expired(crafted):
    crafted.serve("/p.mp3", status=403, body=b"<HTML>Access Denied</HTML>", headers={"Content-Type": "text/html"})
    assert refusal(f"{crafted.url}/p.mp3?hdnea=exp=1~hmac=00") == "expired"
    assert refusal(f"{crafted.url}/p.mp3") == "download_failed"


@pytest.mark.parametrize("status", [404, 410, 400])
def test_other_client_errors_fail_the_download(crafted, status):
    assert refusal(crafted.serve("/a", status=status, body=b"nope")) == "download_failed"


def test_a_429_is_transient_and_keeps_its_retry_after(crafted):
    url = crafted.serve("/a", status=429, body=b"slow down", headers={"Retry-After": "7"})
    with pytest.raises(PreviewSourceRateLimited) as caught:
        download_audio(url, source="deezer")
    assert caught.value.retry_after == 7
    assert caught.value.source == "deezer"


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_transient(crafted, status):
    with pytest.raises(PreviewSourceUnavailable) as caught:
        download_audio(crafted.serve("/a", status=status, body=b"down"))
    assert caught.value.status == status


def test_a_connection_refused_is_transient():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens there any more.
    with pytest.raises(PreviewSourceUnavailable):
        download_audio(f"http://127.0.0.1:{port}/a")


def test_it_refuses_urls_that_are_not_http():
    assert refusal("file:///etc/passwd") == "download_failed"
