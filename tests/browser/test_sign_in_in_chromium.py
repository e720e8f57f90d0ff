"""A listener's path in a real headless Chromium: landing page, consent, top tracks, sign out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sandbox.testing import DEMO_LISTENER_IDS

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
# Chromium's background services try to reach Google; this machine's network is closed.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


@pytest.fixture
def small_listener_in_sandbox(sandbox_catalogue) -> str:
    from tests.ingest.conftest import itunes_only, on_deezer_with_preview, sandbox_listener, tracks_where

    deezer, itunes = tracks_where(on_deezer_with_preview, 3), tracks_where(itunes_only, 1)
    return sandbox_listener("browser.listener", {"short_term": [*deezer, *itunes], "medium_term": deezer[:1]})


@pytest.fixture
def chromium_page():
    if not CHROMIUM.exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but /usr/bin/chromium is missing (apt-get install chromium)")
        pytest.skip("no /usr/bin/chromium: install Debian's chromium package to run the browser tests")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still sync.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        yield page
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def test_a_listener_clicks_through_sign_in_to_their_top_tracks(sandbox_catalogue, sandbox_urls, chromium_page):
    page = chromium_page
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{sandbox_urls}/")
    page.get_by_role("button", name="Sign in with Spotify").click()
    page.wait_for_url("**/sandbox/accounts/authorize**")
    assert page.get_by_text("wants to access your Spotify account").is_visible()
    page.screenshot(path=str(ARTIFACTS / "sign-in-consent.png"), full_page=True)
    page.locator(f'input[name="listener"][value="{DEMO_LISTENER_IDS[2]}"]').check()
    page.get_by_role("button", name="Agree").click()
    page.wait_for_selector(".track")
    assert page.locator(".track").count() == 50
    images = page.locator(".track img.cover")
    assert images.count() == 50
    # Album art is real, server-rendered images that loaded.
    page.wait_for_function("() => { const i = document.querySelector('.track img.cover'); return i.complete; }")
    assert images.first.evaluate("img => img.naturalWidth > 0")
    page.get_by_role("link", name="All time").click()
    page.wait_for_url("**range=long_term")
    assert page.locator(".track").count() == 50
    page.screenshot(path=str(ARTIFACTS / "sign-in-top-tracks.png"), full_page=False)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_selector("text=Sign in with Spotify")


def test_a_listener_analyses_their_taste_and_sees_spectrograms(small_listener_in_sandbox, sandbox_urls, chromium_page):
    from config.celery import app as celery_app

    page = chromium_page
    page.goto(f"{sandbox_urls}/")
    page.get_by_role("button", name="Sign in with Spotify").click()
    page.locator(f'input[name="listener"][value="{small_listener_in_sandbox}"]').check()
    page.get_by_role("button", name="Agree").click()
    page.wait_for_selector(".track")
    celery_app.conf.task_always_eager = True  # no worker in this test: the job runs inside the click
    try:
        page.get_by_role("button", name="Analyse my taste").click()
        page.wait_for_selector("img.spectrogram", timeout=60_000)
    finally:
        celery_app.conf.task_always_eager = False
    assert page.get_by_text("Tracks found").is_visible()
    page.wait_for_function("() => [...document.querySelectorAll('img.spectrogram')].every(i => i.complete)")
    assert page.locator("img.spectrogram").first.evaluate("img => img.naturalWidth") == 600
    assert page.locator("audio.player").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "analysed-top-tracks.png"), full_page=True)
