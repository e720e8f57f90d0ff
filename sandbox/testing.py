"""Helpers for tests across the project: seed the sandbox, mint tokens without the browser, build a client.

Plain functions (no pytest import) so tests/conftest.py can wrap them as fixtures, e.g.

    @pytest.fixture
    def sandbox_catalogue(transactional_db): return sandbox.testing.seed_catalogue()

They write to the sandbox tables only and need the database to be available (a django_db test).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from sandbox.catalogue.words import LISTENERS
from sandbox.models import App, Listener
from sandbox.services.auth import TokenGrant, app_allowlist_add, refresh_tokens_revoke, tokens_mint
from sandbox.services.seed import SeedSummary, sandbox_seed

# The seeded demo listeners, in seed order. The first five are on the demo app's allowlist.
DEMO_LISTENER_IDS: tuple[str, ...] = tuple(spec[0] for spec in LISTENERS)


def seed_catalogue(*, reset: bool = False) -> SeedSummary:
    """Register the demo app and fill the demo catalogue (about 0.3 s; idempotent)."""
    return sandbox_seed(reset=reset)


def demo_app() -> App:
    return App.objects.get(client_id=settings.SPOTIFY_CLIENT_ID)


def mint_token(
    *,
    listener_id: str = DEMO_LISTENER_IDS[0],
    scopes: Iterable[str] | None = None,
    expires_in: int | None = None,
    client_id: str | None = None,
) -> TokenGrant:
    """An access and refresh token for a demo listener, as the consent flow would issue them.

    `scopes` defaults to settings.SPOTIFY_SCOPES; `expires_in` to settings.SANDBOX_TOKEN_TTL (pass 0 or a
    negative number for an already expired access token). The result has `.access_token`, `.refresh_token`,
    `.expires_in`, `.scope` and `.as_json()` (the token endpoint's answer)."""
    app = App.objects.get(client_id=client_id or settings.SPOTIFY_CLIENT_ID)
    listener = Listener.objects.get(pk=listener_id)
    scope = " ".join(settings.SPOTIFY_SCOPES if scopes is None else scopes)
    return tokens_mint(app=app, listener=listener, scope=scope, expires_in=expires_in)


def revoke_refresh_tokens(*, listener_id: str, client_id: str | None = None) -> int:
    """Revoke a listener's grants, as "Remove access" on their Spotify account page would."""
    return refresh_tokens_revoke(listener_id=listener_id, client_id=client_id)


def set_development_mode(*, on: bool, allowlist: Iterable[str] | None = None, client_id: str | None = None) -> App:
    """Switch the demo app's development mode; `allowlist` (at most five ids) replaces the allowlist."""
    app = App.objects.get(client_id=client_id or settings.SPOTIFY_CLIENT_ID)
    app.development_mode = on
    app.save(update_fields=["development_mode"])
    if allowlist is not None:
        app.allowlist.clear()
        for listener in Listener.objects.filter(pk__in=list(allowlist)):
            app_allowlist_add(app=app, listener=listener)
    return app


def set_refresh_rotation(*, on: bool, client_id: str | None = None) -> App:
    """On, every refresh answer carries a new refresh token and retires the old one."""
    app = App.objects.get(client_id=client_id or settings.SPOTIFY_CLIENT_ID)
    app.rotate_refresh_tokens = on
    app.save(update_fields=["rotate_refresh_tokens"])
    return app
