"""What can go wrong finding or fetching a preview, as the ingest task needs to tell it apart.

Two families: `PreviewSourceError` (a service is rate limiting or down: reschedule the task, the track
may well have a preview) and `PreviewDownloadError` (a file was refused: recording the reason is right).
"""

from __future__ import annotations

from enum import StrEnum


class PreviewSourceError(Exception):
    """A preview source could not answer now. Transient: retry the track later, do not record "none"."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source


class PreviewSourceRateLimited(PreviewSourceError):
    """The source asked us to wait `retry_after` seconds (HTTP 429, Deezer's quota code 4, ...)."""

    def __init__(self, source: str, retry_after: int) -> None:
        super().__init__(source, f"rate limited, retry after {retry_after} s")
        self.retry_after = retry_after

    def __reduce__(self) -> tuple[type[PreviewSourceRateLimited], tuple[str, int]]:
        # Exceptions crossing a process pool are pickled; the default would rebuild from the message alone.
        return (type(self), (self.source, self.retry_after))


class PreviewSourceUnavailable(PreviewSourceError):
    """5xx, a timeout, a dropped connection or an answer we cannot parse: retry with backoff."""

    def __init__(self, source: str, detail: str, status: int | None = None) -> None:
        super().__init__(source, detail)
        self.detail = detail
        self.status = status

    def __reduce__(self) -> tuple[type[PreviewSourceUnavailable], tuple[str, str, int | None]]:
        return (type(self), (self.source, self.detail, self.status))


class DownloadRefusal(StrEnum):
    """Machine-readable reasons; stable strings, safe to store in a database column."""

    TOO_LARGE = "too_large"
    NOT_AUDIO = "not_audio"
    DOWNLOAD_FAILED = "download_failed"
    EXPIRED = "expired"
    EMPTY = "empty"


class PreviewDownloadError(Exception):
    """A preview file was refused. `reason` is for code, `detail` for people. Retrying the same URL will
    not help, except for `expired`, where resolving again gives a fresh link."""

    def __init__(self, reason: DownloadRefusal | str, detail: str, *, source: str | None = None) -> None:
        reason = DownloadRefusal(reason)
        super().__init__(f"{reason.value}: {detail}")
        self.reason = reason
        self.detail = detail
        self.source = source

    def __reduce__(self) -> tuple[type[PreviewDownloadError], tuple[DownloadRefusal, str], dict[str, str | None]]:
        return (type(self), (self.reason, self.detail), {"source": self.source})
