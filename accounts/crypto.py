"""Encryption at rest for OAuth tokens: MultiFernet over settings.TOKEN_ENCRYPTION_KEYS.

The first key encrypts; every key decrypts, so a new key can be put in front and the old one kept
until `manage.py rotate_token_keys` has re-encrypted every row.
"""

from __future__ import annotations

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("TOKEN_ENCRYPTION_KEYS is empty: no key to encrypt OAuth tokens with")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(f"TOKEN_ENCRYPTION_KEYS holds a malformed Fernet key: {error}") from None


def _current() -> MultiFernet:
    return _fernet(tuple(settings.TOKEN_ENCRYPTION_KEYS))


def encrypt(plaintext: str) -> str:
    return _current().encrypt(plaintext.encode()).decode()


def decrypt(ciphertext: str) -> str:
    """Raises TokenUndecryptable when no configured key opens it (a key was dropped too early)."""
    try:
        return _current().decrypt(ciphertext.encode()).decode()
    except InvalidToken:
        raise TokenUndecryptable("no configured TOKEN_ENCRYPTION_KEYS key decrypts this token") from None


def rotate(ciphertext: str) -> str:
    return _current().rotate(ciphertext.encode()).decode()


class TokenUndecryptable(Exception):
    pass
