"""Tokens are encrypted at rest, and a key can be rotated without losing a listener."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from accounts import crypto


def test_it_round_trips_and_hides_the_plaintext(settings):
    ciphertext = crypto.encrypt("BQD-secret-access-token")
    assert "BQD-secret-access-token" not in ciphertext
    assert crypto.decrypt(ciphertext) == "BQD-secret-access-token"


def test_a_rotated_key_still_opens_old_tokens_and_rotate_moves_them_to_the_new_key(settings):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.TOKEN_ENCRYPTION_KEYS = [old_key]
    old_ciphertext = crypto.encrypt("refresh-me")
    settings.TOKEN_ENCRYPTION_KEYS = [new_key, old_key]
    assert crypto.decrypt(old_ciphertext) == "refresh-me"
    rotated = crypto.rotate(old_ciphertext)
    settings.TOKEN_ENCRYPTION_KEYS = [new_key]
    assert crypto.decrypt(rotated) == "refresh-me"
    with pytest.raises(crypto.TokenUndecryptable):
        crypto.decrypt(old_ciphertext)
