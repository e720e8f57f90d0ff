"""The accounts service: registered apps, authorization codes, access and refresh tokens.

Every secret handed out is stored only as its SHA-256 hash; the plaintext exists in the HTTP answer alone.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sandbox.errors import AllowlistFull, ApiError, OAuthError
from sandbox.ids import new_secret, secret_hash
from sandbox.models import (
    DEVELOPMENT_MODE_MAX_USERS,
    AccessToken,
    App,
    AuthorizationCode,
    Listener,
    RefreshToken,
)

CODE_TTL = timedelta(minutes=10)
_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1"})


@dataclass(frozen=True)
class TokenGrant:
    access_token: str
    scope: str
    expires_in: int
    refresh_token: str | None

    def as_json(self) -> dict[str, Any]:
        answer: dict[str, Any] = {
            "access_token": self.access_token,
            "token_type": "Bearer",
            "expires_in": self.expires_in,
            "scope": self.scope,
        }
        if self.refresh_token is not None:
            answer["refresh_token"] = self.refresh_token
        return answer


def token_ttl() -> int:
    return int(getattr(settings, "SANDBOX_TOKEN_TTL", 3600))


# --- Apps ------------------------------------------------------------------------------------------


def app_register(
    *,
    client_id: str,
    client_secret: str,
    name: str,
    redirect_uris: list[str],
    development_mode: bool = True,
    rotate_refresh_tokens: bool = False,
) -> App:
    app, _ = App.objects.update_or_create(
        client_id=client_id,
        defaults={
            "client_secret_hash": secret_hash(client_secret),
            "name": name,
            "redirect_uris": list(redirect_uris),
            "development_mode": development_mode,
            "rotate_refresh_tokens": rotate_refresh_tokens,
        },
    )
    return app


def app_allowlist_add(*, app: App, listener: Listener) -> None:
    with transaction.atomic():
        # The row lock serialises two concurrent additions that would both see four names.
        locked = App.objects.select_for_update().get(pk=app.pk)
        if locked.allowlist.filter(pk=listener.pk).exists():
            return
        if locked.allowlist.count() >= DEVELOPMENT_MODE_MAX_USERS:
            raise AllowlistFull(f"{app.name} already allows {DEVELOPMENT_MODE_MAX_USERS} users")
        locked.allowlist.add(listener)


def app_allowlist_remove(*, app: App, listener: Listener) -> None:
    app.allowlist.remove(listener)


def client_authenticate(*, client_id: str, client_secret: str | None) -> App:
    """The app named by `client_id`. A missing secret is allowed only with PKCE (checked by the caller)."""
    app = App.objects.filter(client_id=client_id).first() if client_id else None
    if app is None:
        raise OAuthError("invalid_client", "Invalid client", status=401)
    if client_secret is not None and not secrets.compare_digest(app.client_secret_hash, secret_hash(client_secret)):
        raise OAuthError("invalid_client", "Invalid client secret", status=401)
    return app


# --- Redirect URIs -----------------------------------------------------------------------------------


def redirect_uri_insecure(uri: str) -> bool:
    """Since 2025-11 plain HTTP is allowed only for loopback *addresses*; `localhost` is refused."""
    parts = urlsplit(uri)
    if parts.scheme == "https":
        return False
    if parts.scheme == "http":
        return parts.hostname not in _LOOPBACK_HOSTS
    # Custom schemes (com.example.app:/cb) are how mobile apps receive codes; Spotify allows them.
    return not parts.scheme


def redirect_uri_matches(*, registered: list[str], candidate: str) -> bool:
    """Exact match, except that RFC 8252 section 7.3 lets a loopback IP redirect use any port."""
    if candidate in registered:
        return True
    cand = urlsplit(candidate)
    if cand.scheme != "http" or cand.hostname not in _LOOPBACK_HOSTS:
        return False
    for uri in registered:
        reg = urlsplit(uri)
        if (reg.scheme, reg.hostname, reg.path, reg.query) == (cand.scheme, cand.hostname, cand.path, cand.query):
            return True
    return False


# --- Codes and tokens --------------------------------------------------------------------------------


def authorization_code_issue(
    *,
    app: App,
    listener: Listener,
    redirect_uri: str,
    scope: str,
    code_challenge: str = "",
    code_challenge_method: str = "",
) -> str:
    code = new_secret("AQ", 96)
    AuthorizationCode.objects.create(
        code_hash=secret_hash(code),
        app=app,
        listener=listener,
        redirect_uri=redirect_uri,
        scope=scope,
        code_challenge=code_challenge,
        code_challenge_method=code_challenge_method,
        expires_at=timezone.now() + CODE_TTL,
    )
    return code


def _pkce_ok(*, challenge: str, method: str, verifier: str) -> bool:
    if method == "S256":
        digest = hashlib.sha256(verifier.encode()).digest()
        computed = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    else:
        computed = verifier
    return secrets.compare_digest(computed, challenge)


def _issue(
    *,
    app: App,
    listener: Listener | None,
    scope: str,
    with_refresh: bool,
    refresh: RefreshToken | None = None,
    expires_in: int | None = None,
) -> TokenGrant:
    ttl = token_ttl() if expires_in is None else expires_in
    refresh_plain: str | None = None
    if with_refresh and listener is not None:
        refresh_plain = new_secret("AQ", 96)
        refresh = RefreshToken.objects.create(
            token_hash=secret_hash(refresh_plain), app=app, listener=listener, scope=scope
        )
    access_plain = new_secret("BQ", 96)
    AccessToken.objects.create(
        token_hash=secret_hash(access_plain),
        app=app,
        listener=listener,
        refresh_token=refresh,
        scope=scope,
        expires_at=timezone.now() + timedelta(seconds=ttl),
    )
    return TokenGrant(access_token=access_plain, scope=scope, expires_in=ttl, refresh_token=refresh_plain)


def token_exchange_code(
    *, app: App, code: str, redirect_uri: str, code_verifier: str | None, client_authenticated: bool
) -> TokenGrant:
    row = AuthorizationCode.objects.filter(code_hash=secret_hash(code or ""), app=app).first()
    if row is None:
        raise OAuthError("invalid_grant", "Invalid authorization code")
    now = timezone.now()
    # Single use, decided by one conditional UPDATE so two racing exchanges cannot both win.
    if not AuthorizationCode.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=now):
        raise OAuthError("invalid_grant", "Invalid authorization code")
    if row.expires_at <= now:
        raise OAuthError("invalid_grant", "Authorization code expired")
    if row.redirect_uri != redirect_uri:
        raise OAuthError("invalid_grant", "Invalid redirect URI")
    if row.code_challenge:
        if not code_verifier or not _pkce_ok(
            challenge=row.code_challenge, method=row.code_challenge_method, verifier=code_verifier
        ):
            raise OAuthError("invalid_grant", "code_verifier was incorrect")
    elif not client_authenticated:
        raise OAuthError("invalid_client", "Invalid client", status=401)
    return _issue(app=app, listener=row.listener, scope=row.scope, with_refresh=True)


def token_refresh(*, app: App, refresh_token: str) -> TokenGrant:
    row = (
        RefreshToken.objects.select_related("listener")
        .filter(token_hash=secret_hash(refresh_token or ""), app=app, revoked=False)
        .first()
    )
    if row is None:
        raise OAuthError("invalid_grant", "Invalid refresh token")
    if app.rotate_refresh_tokens:
        # Retire the old token in the same conditional UPDATE that proves we still held it.
        if not RefreshToken.objects.filter(pk=row.pk, revoked=False).update(revoked=True):
            raise OAuthError("invalid_grant", "Invalid refresh token")
        return _issue(app=app, listener=row.listener, scope=row.scope, with_refresh=True)
    return _issue(app=app, listener=row.listener, scope=row.scope, with_refresh=False, refresh=row)


def token_client_credentials(*, app: App) -> TokenGrant:
    return _issue(app=app, listener=None, scope="", with_refresh=False)


def tokens_mint(*, app: App, listener: Listener, scope: str, expires_in: int | None = None) -> TokenGrant:
    """An access and refresh token as if the listener had agreed on the consent page (tests, demos)."""
    return _issue(app=app, listener=listener, scope=scope, with_refresh=True, expires_in=expires_in)


def refresh_tokens_revoke(*, listener_id: str, client_id: str | None = None) -> int:
    """Revoke a listener's refresh tokens (and the access tokens they minted), as "Remove access" on the
    listener's Spotify account page does. Returns how many refresh tokens were revoked."""
    refresh = RefreshToken.objects.filter(listener_id=listener_id, revoked=False)
    access = AccessToken.objects.filter(listener_id=listener_id, revoked=False)
    if client_id is not None:
        refresh = refresh.filter(app__client_id=client_id)
        access = access.filter(app__client_id=client_id)
    with transaction.atomic():
        access.update(revoked=True)
        return refresh.update(revoked=True)


def access_token_resolve(token: str | None) -> AccessToken:
    if not token:
        raise ApiError(401, "No token provided")
    row = (
        AccessToken.objects.select_related("app", "listener")
        .filter(token_hash=secret_hash(token), revoked=False)
        .first()
    )
    if row is None:
        raise ApiError(401, "Invalid access token")
    if row.expires_at <= timezone.now():
        raise ApiError(401, "The access token expired")
    return row
