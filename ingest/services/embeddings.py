"""Standardisation statistics per embedding version, fitted on every analysed track (the catalogue)."""

from __future__ import annotations

import numpy as np

from ingest import audio
from ingest.models import Embedding, EmbeddingStats

# Fewer tracks than this give means and deviations too noisy to trust.
MIN_TRACKS_TO_FIT = 20


def embedding_stats_fit(*, version: str = audio.EMBEDDING_VERSION) -> EmbeddingStats | None:
    """Refit the version's statistics on all of its stored raw vectors; None when too few exist yet."""
    vectors = [bytes(v) for v in Embedding.objects.filter(version=version).values_list("vector", flat=True)]
    if len(vectors) < MIN_TRACKS_TO_FIT:
        return None
    raw = np.frombuffer(b"".join(vectors), dtype=np.float32).reshape(len(vectors), -1)
    standardiser = audio.fit_standardiser(raw, version=version)
    stats, _ = EmbeddingStats.objects.update_or_create(
        version=version, defaults={"parameters": standardiser.to_dict(), "fitted_on": len(vectors)}
    )
    return stats


def embedding_standardiser(*, version: str = audio.EMBEDDING_VERSION) -> audio.Standardiser | None:
    stats = EmbeddingStats.objects.filter(version=version).first()
    return audio.Standardiser.from_dict(stats.parameters) if stats else None
