"""Pictures to look at: three log-mel spectrograms per family under tests/artifacts/spectrograms/."""

from __future__ import annotations

from pathlib import Path

import pytest

from sandbox.music import FAMILY_NAMES

from .conftest import SR
from .imaging import save_spectrogram

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "spectrograms"


@pytest.mark.slow
@pytest.mark.parametrize("family", FAMILY_NAMES)
def test_it_saves_three_spectrograms_per_family(synth, family):
    for i in range(3):
        path = save_spectrogram(
            synth(f"level-{i}", family), SR, ARTIFACTS / f"{family}-{i}.png", title=f"{family} level-{i}", seconds=12.0
        )
        assert path.stat().st_size > 5_000
