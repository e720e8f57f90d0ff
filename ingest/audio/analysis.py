"""The per-clip entry points: what the product's task and the benchmarks call."""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from .decode import DEFAULT_MAX_BYTES, MAX_SECONDS, MIN_SECONDS, decode_bytes, decode_path
from .features import summarise
from .spectral import frames_of
from .version import EMBEDDING_VERSION

# Every clip is scaled to this RMS (-20 dBFS) before analysis, so a quiet master and a loud one give the
# same log-mel up to float rounding, and the dB floor (TOP_DB under the peak) sits at a comparable level.
TARGET_RMS = 0.1


@dataclass(frozen=True)
class Analysis:
    logmel: np.ndarray  # (N_MELS, frames) float32 dB: input of spectrogram_png
    raw: np.ndarray  # (RAW_SIZE,) float32: store it, standardise with the version's Standardiser
    tempo: float  # estimated beats per minute
    version: str = EMBEDDING_VERSION


def level_normalise(signal: np.ndarray) -> np.ndarray:
    rms = float(np.sqrt(np.dot(signal, signal) / max(len(signal), 1)))
    if rms == 0.0:
        return signal
    return (signal * np.float32(TARGET_RMS / rms)).astype(np.float32, copy=False)


def analyse(signal: np.ndarray) -> Analysis:
    """Analyse a decoded mono float32 signal at SAMPLE_RATE (as decode_bytes returns)."""
    frames = frames_of(level_normalise(signal))
    return Analysis(logmel=frames.logmel, raw=summarise(frames), tempo=frames.tempo)


def clip_analyse(
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_seconds: float = MAX_SECONDS,
    min_seconds: float = MIN_SECONDS,
) -> Analysis:
    """Decode a preview's bytes and analyse it. Raises AudioError for input it refuses."""
    return analyse(decode_bytes(data, max_bytes=max_bytes, max_seconds=max_seconds, min_seconds=min_seconds))


def clip_analyse_path(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_seconds: float = MAX_SECONDS,
    min_seconds: float = MIN_SECONDS,
) -> Analysis:
    return analyse(decode_path(path, max_bytes=max_bytes, max_seconds=max_seconds, min_seconds=min_seconds))
