"""Development mode: only the (at most five) allowlisted listeners may use the API."""

from __future__ import annotations

import pytest
import spotipy

from sandbox.errors import AllowlistFull
from sandbox.models import Listener
from sandbox.services.auth import app_allowlist_add
from sandbox.testing import DEMO_LISTENER_IDS, demo_app, mint_token, set_development_mode
from tests.sandbox.conftest import make_client

pytestmark = pytest.mark.django_db(transaction=True)

NOT_REGISTERED = "Check settings on developer.spotify.com/dashboard, the user may not be registered."


def test_in_development_mode_a_listener_off_the_allowlist_gets_403(sandbox_catalogue, api_get):
    set_development_mode(on=True, allowlist=DEMO_LISTENER_IDS[:2])
    outsider = mint_token(listener_id=DEMO_LISTENER_IDS[5]).access_token
    answer = api_get("me", outsider)
    assert answer.status_code == 403
    assert answer.json() == {"error": {"status": 403, "message": NOT_REGISTERED}}
    with pytest.raises(spotipy.SpotifyException) as refused:
        make_client(outsider).current_user_top_tracks()
    assert refused.value.http_status == 403
    assert make_client(mint_token(listener_id=DEMO_LISTENER_IDS[1]).access_token).current_user()["id"]


def test_with_development_mode_off_every_listener_may_call(sandbox_catalogue):
    set_development_mode(on=False, allowlist=[])
    for listener_id in DEMO_LISTENER_IDS:
        assert make_client(mint_token(listener_id=listener_id).access_token).current_user()["id"] == listener_id


def test_the_allowlist_holds_at_most_five(sandbox_catalogue):
    app = set_development_mode(on=True, allowlist=DEMO_LISTENER_IDS[:5])
    with pytest.raises(AllowlistFull):
        app_allowlist_add(app=app, listener=Listener.objects.get(pk=DEMO_LISTENER_IDS[5]))
    # Adding someone already there is not an addition.
    app_allowlist_add(app=app, listener=Listener.objects.get(pk=DEMO_LISTENER_IDS[0]))
    assert demo_app().allowlist.count() == 5
