"""The one exception the audio core raises for input it cannot use."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Machine-readable refusal codes; stable strings, safe to store in a database column."""

    CORRUPT = "corrupt"
    EMPTY = "empty"
    SILENT = "silent"
    TOO_SHORT = "too_short"
    TOO_LARGE = "too_large"
    UNSUPPORTED_FORMAT = "unsupported_format"


class AudioError(ValueError):
    """Input audio was refused. `reason` is for code, `message` for people."""

    def __init__(self, reason: Reason, message: str) -> None:
        super().__init__(f"{reason.value}: {message}")
        self.reason = reason
        self.message = message

    def __reduce__(self) -> tuple[type[AudioError], tuple[Reason, str]]:
        # Process pools pickle exceptions; the default reduce would rebuild it from the formatted string alone.
        return (type(self), (self.reason, self.message))
