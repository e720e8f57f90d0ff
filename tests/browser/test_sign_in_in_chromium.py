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
    assert images.first.evaluate("img => img.complete && img.naturalWidth > 0")
    page.get_by_role("link", name="All time").click()
    page.wait_for_url("**range=long_term")
    assert page.locator(".track").count() == 50
    page.screenshot(path=str(ARTIFACTS / "sign-in-top-tracks.png"), full_page=False)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_selector("text=Sign in with Spotify")
