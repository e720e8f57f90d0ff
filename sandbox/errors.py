"""The two error families of the sandbox, shaped as Spotify's accounts service and Web API shape them."""

from __future__ import annotations


class OAuthError(Exception):
    """An accounts-service error: `{"error": code, "error_description": text}` with an HTTP status."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description
        self.status = status


class ApiError(Exception):
    """A Web API error: `{"error": {"status": N, "message": text}}`."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(f"{status} {message}")
        self.status = status
        self.message = message
        self.headers = headers or {}


class AllowlistFull(Exception):
    """A development-mode app already names its maximum of listeners."""
