"""Spotify-style identifiers and the one-way hashes the sandbox stores instead of secrets. No Django here."""

from __future__ import annotations

import hashlib
import re
import secrets

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ID_LENGTH = 22
_BASE62_ID = re.compile(r"^[0-9A-Za-z]{22}$")


def base62_from_int(number: int, length: int = ID_LENGTH) -> str:
    digits = []
    for _ in range(length):
        number, remainder = divmod(number, 62)
        digits.append(BASE62[remainder])
    return "".join(reversed(digits))


def base62_id(*parts: object) -> str:
    """A 22-character id derived from `parts`, so a seeded catalogue has the same ids on every machine."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).digest()
    # 22 base62 digits hold ~131 bits; 17 bytes of digest fill them without bias worth caring about.
    return base62_from_int(int.from_bytes(digest[:17], "big"))


def random_base62_id() -> str:
    return base62_from_int(secrets.randbits(131))


def is_base62_id(value: str) -> bool:
    return bool(_BASE62_ID.match(value))


def new_secret(prefix: str, nbytes: int = 48) -> str:
    """An opaque bearer secret. Spotify's access tokens start `BQ` and its codes and refresh tokens `AQ`."""
    return prefix + secrets.token_urlsafe(nbytes)


def secret_hash(secret: str) -> str:
    """SHA-256 hex digest: secrets here are long random strings, so a plain fast hash is enough to make a
    leaked table useless (no dictionary to attack), and it keeps look-ups a single indexed equality."""
    return hashlib.sha256(secret.encode()).hexdigest()


def seed_int(*parts: object) -> int:
    return int.from_bytes(hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).digest()[:8], "big")
