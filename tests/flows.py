"""A listener's browser, as plain HTTP: the steps of signing in through the sandbox's consent page."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import requests


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def start_sign_in(browser: requests.Session, base: str) -> requests.Response:
    """Press "Sign in with Spotify" on the landing page; returns the redirect to Spotify's authorize URL."""
    landing = browser.get(f"{base}/", timeout=10)
    assert "Sign in with Spotify" in landing.text
    action = re.search(r'<form method="post" action="([^"]+)" class="sign-in">', landing.text).group(1)
    response = browser.post(
        f"{base}{action}",
        data={"csrfmiddlewaretoken": csrf_from(landing.text), "process": "login"},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:500]
    return response


def consent(browser: requests.Session, authorize_url: str, *, listener: str, decision: str = "agree") -> str:
    """On the sandbox's consent page, pick a demo listener and press Agree or Cancel; returns the redirect."""
    page = browser.get(authorize_url, timeout=10)
    assert page.status_code == 200, page.text[:500]
    carried = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
    form = {**carried, "csrfmiddlewaretoken": csrf_from(page.text), "listener": listener, "decision": decision}
    answer = browser.post(page.url.split("?")[0], data=form, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text[:500]
    return answer.headers["Location"]


def sign_in(browser: requests.Session, base: str, *, listener: str) -> requests.Response:
    """The whole sign-in: landing page, consent, callback. Returns the page the listener lands on."""
    authorize = start_sign_in(browser, base).headers["Location"]
    callback = consent(browser, authorize, listener=listener)
    return browser.get(callback, timeout=15)


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
