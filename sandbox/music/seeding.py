"""Stable randomness: a track's sound depends only on its id and family, never on the process."""

from __future__ import annotations

import hashlib

import numpy as np


def rng_for(track_id: str, family: str, *, salt: str = "") -> np.random.Generator:
    # sha256 rather than hash(): Python salts str hashes per process, which would make every worker
    # render a different song for the same id.
    digest = hashlib.sha256(f"{family}\x1f{track_id}\x1f{salt}".encode()).digest()
    return np.random.default_rng(np.frombuffer(digest, dtype=np.uint32))
