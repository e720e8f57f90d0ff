"""Standardisation statistics are fitted per version on the stored catalogue and make cosine meaningful."""

from __future__ import annotations

import numpy as np
from django.core.management import call_command

from ingest import audio
from ingest.models import Embedding, EmbeddingStats, Track
from ingest.services import embedding_standardiser, embedding_stats_fit


def store_raw(count: int, *, version: str = audio.EMBEDDING_VERSION, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    # Raw features on wildly different scales, as real ones are (dB, coefficients, tempo).
    raw = (rng.normal(size=(count, audio.RAW_SIZE)) * np.linspace(0.01, 100, audio.RAW_SIZE) + 50).astype(np.float32)
    for i, vector in enumerate(raw):
        track = Track.objects.create(spotify_id=f"{version}-{seed}-{i}", name=f"t{i}")
        Embedding.objects.create(track=track, version=version, vector=vector.tobytes())
    return raw


def test_too_few_tracks_fit_nothing(db):
    store_raw(5)
    assert embedding_stats_fit() is None
    assert embedding_standardiser() is None


def test_statistics_are_fitted_stored_and_give_unit_vectors_that_spread(db):
    raw = store_raw(60)
    stats = embedding_stats_fit()
    assert stats.fitted_on == 60
    standardiser = embedding_standardiser()
    embedded = standardiser.apply(raw)
    assert np.allclose(np.linalg.norm(embedded, axis=1), 1.0, atol=1e-5)
    cosines = embedded @ embedded.T
    off_diagonal = cosines[~np.eye(60, dtype=bool)]
    # Raw cosines of these vectors are all ~1 (a shared offset); standardised ones are spread around 0.
    assert abs(off_diagonal.mean()) < 0.1
    assert off_diagonal.std() > 0.03


def test_versions_are_fitted_apart_and_refitting_replaces(db):
    store_raw(30)
    store_raw(25, version="other-v0", seed=1)
    call_command("embedding_stats_fit")
    call_command("embedding_stats_fit", "--embedding-version", "other-v0")
    assert dict(EmbeddingStats.objects.values_list("version", "fitted_on")) == {
        audio.EMBEDDING_VERSION: 30,
        "other-v0": 25,
    }
    store_raw(10, seed=2)
    assert embedding_stats_fit().fitted_on == 40
    assert EmbeddingStats.objects.filter(version=audio.EMBEDDING_VERSION).count() == 1
