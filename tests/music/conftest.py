"""Renders shared by the music tests: each (id, family) is synthesized once per test session."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from sandbox.music import render

SR = 22050


@cache
def rendered(track_id: str, family: str) -> np.ndarray:
    samples = render(track_id, family, sample_rate=SR)
    samples.setflags(write=False)  # shared between tests: nobody may change it under another
    return samples


@pytest.fixture
def synth():
    return rendered
