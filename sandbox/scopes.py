"""Spotify's OAuth scopes and the words its consent page uses for them."""

from __future__ import annotations

# The scopes accounts.spotify.com accepts; anything else is refused at /authorize.
VALID_SCOPES: frozenset[str] = frozenset(
    {
        "ugc-image-upload",
        "user-read-playback-state",
        "user-modify-playback-state",
        "user-read-currently-playing",
        "app-remote-control",
        "streaming",
        "playlist-read-private",
        "playlist-read-collaborative",
        "playlist-modify-private",
        "playlist-modify-public",
        "user-follow-modify",
        "user-follow-read",
        "user-read-playback-position",
        "user-top-read",
        "user-read-recently-played",
        "user-library-modify",
        "user-library-read",
        "user-read-email",
        "user-read-private",
        "user-personalized",
    }
)

# Spotify's consent page groups what an app may do under three headings.
_GROUPS: tuple[tuple[str, dict[str, str]], ...] = (
    (
        "View your Spotify account data",
        {
            "user-read-email": "Your email address",
            "user-read-private": "Your subscription type, account country and explicit content settings",
            "user-follow-read": "Who you follow on Spotify",
            "playlist-read-private": "Your private playlists",
            "playlist-read-collaborative": "Playlists you collaborate on",
            "user-library-read": "Your saved content",
        },
    ),
    (
        "View your activity on Spotify",
        {
            "user-top-read": "Your top artists and content",
            "user-read-recently-played": "Content you have recently played",
            "user-read-playback-state": "What is playing on your devices",
            "user-read-currently-playing": "The content you are playing",
            "user-read-playback-position": "Your position in content you have played",
            "user-personalized": "Your taste in music, used to personalise recommendations",
        },
    ),
    (
        "Take actions in Spotify on your behalf",
        {
            "playlist-modify-public": "Create, edit, and follow playlists",
            "playlist-modify-private": "Create, edit, and follow private playlists",
            "ugc-image-upload": "Upload images to personalize your profile or playlist cover",
            "user-follow-modify": "Manage who you are following",
            "user-library-modify": "Add and remove items in Your Library",
            "user-modify-playback-state": "Control Spotify on your devices",
            "streaming": "Stream and control Spotify on your other devices",
            "app-remote-control": "Communicate with the Spotify app on your device",
        },
    ),
)


def parse_scope(raw: str) -> list[str]:
    """Scopes in the order asked, duplicates dropped. Spotify accepts spaces (and, loosely, commas)."""
    seen: list[str] = []
    for scope in raw.replace(",", " ").split():
        if scope not in seen:
            seen.append(scope)
    return seen


def invalid_scopes(scopes: list[str]) -> list[str]:
    return [scope for scope in scopes if scope not in VALID_SCOPES]


def describe_scopes(scopes: list[str]) -> list[tuple[str, list[str]]]:
    """Headings with the human sentences for `scopes`. The account-data heading always shows, because
    every app sees the listener's name, username and picture."""
    wanted = set(scopes)
    described: list[tuple[str, list[str]]] = []
    for heading, sentences in _GROUPS:
        lines = [sentence for scope, sentence in sentences.items() if scope in wanted]
        if heading == "View your Spotify account data":
            lines = [
                "Your name and username, your profile picture, how many followers you have on Spotify "
                "and your public playlists",
                *lines,
            ]
        if lines:
            described.append((heading, lines))
    return described
