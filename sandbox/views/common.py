"""What every Web API view shares: the Bearer check, the allowlist, Spotify-shaped errors, paging params."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from sandbox.errors import ApiError
from sandbox.faults import with_faults
from sandbox.models import AccessToken
from sandbox.services.auth import access_token_resolve
from sandbox.shapes import Links

NOT_ALLOWLISTED = "Check settings on developer.spotify.com/dashboard, the user may not be registered."

Handler = Callable[..., HttpResponse]


def api_error_response(error: ApiError) -> JsonResponse:
    response = JsonResponse({"error": {"status": error.status, "message": error.message}}, status=error.status)
    for name, value in error.headers.items():
        response[name] = value
    return response


def links_for(request: HttpRequest) -> Links:
    return Links(
        api=request.build_absolute_uri(reverse("sandbox:api-v1")).rstrip("/"),
        images=request.build_absolute_uri(reverse("sandbox:images")).rstrip("/"),
        extended=bool(getattr(settings, "SANDBOX_EXTENDED_QUOTA", False)),
    )


def bearer_token(request: HttpRequest) -> str | None:
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise ApiError(400, "Only valid bearer authentication supported")
        return value.strip()
    # allauth's stock Spotify adapter sends the token as a query parameter; Spotify accepts that.
    return request.GET.get("access_token") or None


def authenticate(request: HttpRequest, *, user_required: bool = True) -> AccessToken:
    token = access_token_resolve(bearer_token(request))
    if token.listener is None:
        if user_required:
            raise ApiError(401, "Valid user authentication required")
        return token
    app = token.app
    if app.development_mode and not app.allowlist.filter(pk=token.listener_id).exists():
        raise ApiError(403, NOT_ALLOWLISTED)
    return token


def require_scope(token: AccessToken, *scopes: str) -> None:
    """All of `scopes` must have been granted."""
    if not set(scopes) <= token.scopes:
        raise ApiError(403, "Insufficient client scope")


def api_route(handlers: dict[str, Handler], *, user_required: bool = True) -> Handler:
    """One Web API URL: picks the handler by method, authenticates, and turns ApiError into Spotify's
    error object. Handlers are called as handler(request, token, **url_kwargs)."""

    @with_faults("api")
    # Bearer-token endpoints called by servers, not browsers: there is no cookie session to forge.
    @csrf_exempt
    def view(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        handler = handlers.get(request.method or "")
        try:
            if handler is None:
                raise ApiError(405, "Method not allowed", headers={"Allow": ", ".join(handlers)})
            token = authenticate(request, user_required=user_required)
            return handler(request, token, **kwargs)
        except ApiError as error:
            return api_error_response(error)

    return view


def int_param(request: HttpRequest, name: str, *, default: int, minimum: int, maximum: int) -> int:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, f"Invalid {name}") from None
    if not minimum <= value <= maximum:
        raise ApiError(400, f"Invalid {name}")
    return value


def page_params(request: HttpRequest) -> dict[str, str]:
    """The request's parameters a `next` URL should repeat. Never the token: URLs end up in logs."""
    return {key: value for key, value in request.GET.items() if key not in {"limit", "offset", "access_token"}}


def page_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(request.path)
