"""accounts.spotify.com: the authorize and consent page, and the token endpoint."""

from __future__ import annotations

import base64
import binascii
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from sandbox.errors import OAuthError
from sandbox.faults import with_faults
from sandbox.models import App, Listener
from sandbox.scopes import describe_scopes, invalid_scopes, parse_scope
from sandbox.services import auth

# The parameters the consent form carries back, so that the POST re-checks exactly what the GET showed.
_CARRIED = ("client_id", "redirect_uri", "response_type", "scope", "state", "code_challenge", "code_challenge_method")


class _Redirect(HttpResponseRedirect):
    """A redirect to a registered URI, whatever its scheme (apps may register custom schemes)."""

    def __init__(self, url: str) -> None:
        self.allowed_schemes = [urlsplit(url).scheme or "http"]
        super().__init__(url)


def _with_params(uri: str, params: dict[str, str]) -> str:
    params = {key: value for key, value in params.items() if value}
    return f"{uri}{'&' if '?' in uri else '?'}{urlencode(params)}"


def _error_page(request: HttpRequest, message: str, status: int = 400) -> HttpResponse:
    return render(request, "sandbox/error.html", {"message": message}, status=status)


def _validate(params: dict[str, str]) -> tuple[App, list[str]] | str | HttpResponse:
    """The app and scopes asked for, or the message of an error page, or a redirect carrying an error."""
    app = App.objects.filter(client_id=params["client_id"]).first() if params["client_id"] else None
    if app is None:
        return "INVALID_CLIENT: Invalid client"
    redirect_uri = params["redirect_uri"]
    if not redirect_uri:
        return "INVALID_CLIENT: Invalid redirect URI"
    if auth.redirect_uri_insecure(redirect_uri):
        return "INVALID_CLIENT: Insecure redirect URI"
    if not auth.redirect_uri_matches(registered=app.redirect_uris, candidate=redirect_uri):
        return "INVALID_CLIENT: Invalid redirect URI"
    # From here the redirect URI is trusted, so errors go back to the app as RFC 6749 4.1.2.1 says.
    if params["response_type"] != "code":
        return _Redirect(_with_params(redirect_uri, {"error": "unsupported_response_type", "state": params["state"]}))
    if params["code_challenge"] and params["code_challenge_method"] != "S256":
        return _Redirect(_with_params(redirect_uri, {"error": "invalid_request", "state": params["state"]}))
    scopes = parse_scope(params["scope"])
    if invalid_scopes(scopes):
        return "INVALID_SCOPE: Illegal scope"
    return app, scopes


@with_faults("accounts")
@never_cache
@require_http_methods(["GET", "POST"])
def authorize(request: HttpRequest) -> HttpResponse:
    source = request.GET if request.method == "GET" else request.POST
    params = {name: source.get(name, "") for name in _CARRIED}
    outcome = _validate(params)
    if isinstance(outcome, str):
        return _error_page(request, outcome)
    if isinstance(outcome, HttpResponse):
        return outcome
    app, scopes = outcome
    listeners = list(Listener.objects.order_by("display_name"))
    error = ""
    if request.method == "POST":
        if request.POST.get("decision") != "agree":
            return _Redirect(_with_params(params["redirect_uri"], {"error": "access_denied", "state": params["state"]}))
        listener = next((each for each in listeners if each.pk == request.POST.get("listener")), None)
        if listener is not None:
            code = auth.authorization_code_issue(
                app=app,
                listener=listener,
                redirect_uri=params["redirect_uri"],
                scope=" ".join(scopes),
                code_challenge=params["code_challenge"],
                code_challenge_method=params["code_challenge_method"],
            )
            return _Redirect(_with_params(params["redirect_uri"], {"code": code, "state": params["state"]}))
        error = "Choose who is listening."
    images = request.build_absolute_uri(reverse("sandbox:images")).rstrip("/")
    context: dict[str, Any] = {
        "app": app,
        "groups": describe_scopes(scopes),
        "listeners": [
            {"listener": each, "avatar": f"{images}/user/{each.pk}/64" if each.has_avatar else ""} for each in listeners
        ],
        "carried": [(name, params[name]) for name in _CARRIED if params[name]],
        "chosen": request.POST.get("listener") or (listeners[0].pk if listeners else ""),
        "error": error,
        "redirect_host": urlsplit(params["redirect_uri"]).netloc,
    }
    return render(request, "sandbox/consent.html", context, status=400 if error else 200)


def _client_credentials(request: HttpRequest) -> tuple[str, str | None]:
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() != "basic":
            raise OAuthError("invalid_client", "Invalid client", status=401)
        try:
            client_id, sep, secret = base64.b64decode(encoded, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            raise OAuthError("invalid_client", "Invalid client", status=401) from None
        if not sep:
            raise OAuthError("invalid_client", "Invalid client", status=401)
        return client_id, secret
    return request.POST.get("client_id", ""), request.POST.get("client_secret")


def _oauth_error_response(error: OAuthError) -> JsonResponse:
    return JsonResponse({"error": error.error, "error_description": error.description}, status=error.status)


@with_faults("accounts")
# Called server to server with client credentials, never from a browser form: CSRF does not apply.
@csrf_exempt
@never_cache
@require_POST
def token(request: HttpRequest) -> HttpResponse:
    try:
        grant_type = request.POST.get("grant_type", "")
        if not grant_type:
            raise OAuthError("unsupported_grant_type", "grant_type parameter is missing")
        if grant_type not in {"authorization_code", "refresh_token", "client_credentials"}:
            raise OAuthError(
                "unsupported_grant_type", "grant_type must be client_credentials, authorization_code or refresh_token"
            )
        client_id, secret = _client_credentials(request)
        app = auth.client_authenticate(client_id=client_id, client_secret=secret)
        if grant_type == "authorization_code":
            code = request.POST.get("code", "")
            if not code:
                raise OAuthError("invalid_request", "code must be supplied")
            grant = auth.token_exchange_code(
                app=app,
                code=code,
                redirect_uri=request.POST.get("redirect_uri", ""),
                code_verifier=request.POST.get("code_verifier"),
                client_authenticated=secret is not None,
            )
        else:
            if secret is None:
                raise OAuthError("invalid_client", "Invalid client", status=401)
            if grant_type == "refresh_token":
                refresh = request.POST.get("refresh_token", "")
                if not refresh:
                    raise OAuthError("invalid_request", "refresh_token must be supplied")
                grant = auth.token_refresh(app=app, refresh_token=refresh)
            else:
                grant = auth.token_client_credentials(app=app)
    except OAuthError as error:
        return _oauth_error_response(error)
    return JsonResponse(grant.as_json())
