"""Clip-level summaries of `Frames`: the raw (unstandardised) feature vector and its block layout.

Every descriptor here is meant to compare shapes, not levels: the signal is level-normalised before
analysis, MFCC 0 (loudness) only contributes its spread, and the harmony and rhythm descriptors are
invariant to key and, where noted, to tempo.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import scipy.fft

from .decode import SAMPLE_RATE
from .spectral import CONTRAST_BANDS, HOP, N_MELS, TEMPOGRAM_WIN, Frames

# Lags, in beats of the estimated tempo, at which the onset autocorrelation is read. Ternary ones
# (1/3, 2/3, 3/2, 3) against binary ones (1/2, 3/4, 2, 4) tell swing and compound metre from
# straight time; 3 against 4 beats tells waltz from common time.
BEAT_RATIOS = (1 / 4, 1 / 3, 1 / 2, 2 / 3, 3 / 4, 1.0, 3 / 2, 2.0, 3.0, 4.0)
# Signed lags, in beats, for the cross-correlation of sub-band onsets: how kick, snare and hats
# interlock (a backbeat puts the mid band one beat after the low band; a shuffle puts hats at 2/3).
CROSS_RATIOS = (-1.0, -2 / 3, -1 / 2, -1 / 3, 0.0, 1 / 3, 1 / 2, 2 / 3, 1.0)
BAND_PAIRS = ((0, 1), (1, 2), (0, 2))
# Beat-relative readings use the tempo folded by octaves into [TACTUS_LOW, 2 * TACTUS_LOW) BPM. Tempo
# estimators confuse octaves when two pulse levels are nearly as strong (one clip of 200 flipped from
# 83 to 161 BPM between two float32 FFT implementations); folding turns such a flip into a 3% lag
# change, mostly absorbed by BEAT_SLACK, instead of reading every lag at another metrical level. The edges sit
# below and above the 90-140 BPM bulk of popular music, where a fold boundary matters least.
TACTUS_LOW = 80.0
# Relative slack around each lag: the tempo estimate is quantised to whole frames of lag.
BEAT_SLACK = 0.04
# Log-lag grid for the tempo-invariant rhythm descriptor: 93 ms to 5.9 s, 64 points (~10.7 per octave).
LOG_LAG_RANGE = (4.0, 256.0)
LOG_LAG_POINTS = 64
SCALE_COEFFS = 12
SPECTRUM_BANDS = 16  # log-mel bands averaged in groups of N_MELS // SPECTRUM_BANDS
CHORD_FRAMES = 16  # ~0.37 s: the chroma is averaged over these before measuring harmonic change

# Krumhansl-Kessler key profiles, C major and C minor.
_MAJOR = np.array([6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88])
_MINOR = np.array([6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17])


@dataclass(frozen=True)
class Block:
    name: str
    size: int


# Order and sizes are part of the embedding version.
#   timbre   MFCC 1-19: mean, std, std of frame-to-frame change; MFCC 0 std (dynamics)
#   spectrum log-mel in 16 bands: mean (minus the clip's mean level) and std; spectral contrast mean, std
#   rhythm   log2 tempo; onset autocorrelation at beat-relative lags, overall and per sub-band;
#            sub-band onset cross-correlations; scale transform (tempo-invariant); onset mean, std
#   harmony  key-invariant: interval spectrum of each frame (mean, std) and of the whole clip;
#            harmonic change rate (mean, std); best major and minor key-profile correlation
BLOCKS: tuple[Block, ...] = (
    Block("timbre", 19 * 3 + 1),
    Block("spectrum", SPECTRUM_BANDS * 2 + (CONTRAST_BANDS + 1) * 2),
    Block("rhythm", 1 + len(BEAT_RATIOS) * 4 + len(CROSS_RATIOS) * len(BAND_PAIRS) + SCALE_COEFFS + 2),
    Block("harmony", 6 * 3 + 2 + 2),
)
RAW_SIZE = sum(b.size for b in BLOCKS)


def block_slices() -> dict[str, slice]:
    out, start = {}, 0
    for b in BLOCKS:
        out[b.name] = slice(start, start + b.size)
        start += b.size
    return out


def _timbre(f: Frames) -> np.ndarray:
    c = f.mfcc[1:]
    return np.concatenate([c.mean(axis=1), c.std(axis=1), np.diff(c, axis=1).std(axis=1), [f.mfcc[0].std()]])


def _spectrum(f: Frames) -> np.ndarray:
    bands = f.logmel.reshape(SPECTRUM_BANDS, N_MELS // SPECTRUM_BANDS, -1).mean(axis=1)
    mean = bands.mean(axis=1)
    return np.concatenate([mean - mean.mean(), bands.std(axis=1), f.contrast.mean(axis=1), f.contrast.std(axis=1)])


def _autocorrelation(x: np.ndarray, max_lag: int) -> np.ndarray:
    x = x - x.mean()
    n = scipy.fft.next_fast_len(2 * len(x))
    spec = scipy.fft.rfft(x, n=n)
    ac = scipy.fft.irfft(np.square(spec.real) + np.square(spec.imag), n=n)[:max_lag]
    return ac / ac[0] if ac[0] > 0 else np.zeros(max_lag)


def _cross_at_beats(a: np.ndarray, b: np.ndarray, period: float) -> np.ndarray:
    """Normalised cross-correlation sum_t a[t] b[t + lag] at CROSS_RATIOS beats."""
    a = a - a.mean()
    b = b - b.mean()
    n = scipy.fft.next_fast_len(2 * len(a))
    xc = scipy.fft.irfft(np.conj(scipy.fft.rfft(a, n=n)) * scipy.fft.rfft(b, n=n), n=n)
    scale = np.sqrt(np.dot(a, a) * np.dot(b, b))
    if scale <= 0:
        return np.zeros(len(CROSS_RATIOS))
    # Negative lags wrap to the end of the circular result; the zero padding keeps them uncontaminated.
    # As in _at_beats, the peak within BEAT_SLACK: onset envelopes are spiky, one frame of tempo error
    # would otherwise decide the value.
    lags = period * np.outer(CROSS_RATIOS, _slack()) % n
    return np.interp(lags, np.arange(n + 1), np.append(xc, xc[0])).max(axis=1) / scale


def _slack() -> np.ndarray:
    return np.linspace(1 - BEAT_SLACK, 1 + BEAT_SLACK, 5)


def _at_beats(ac: np.ndarray, period: float) -> np.ndarray:
    lags = period * np.outer(BEAT_RATIOS, _slack())
    return np.interp(lags, np.arange(len(ac)), ac, right=0.0).max(axis=1)


@cache
def _log_lag_grid() -> tuple[np.ndarray, np.ndarray]:
    return np.geomspace(*LOG_LAG_RANGE, LOG_LAG_POINTS), np.hanning(LOG_LAG_POINTS)


def _scale_transform(ac: np.ndarray) -> np.ndarray:
    """Tempo-invariant rhythm shape: a tempo change shifts the autocorrelation along log-lag, and the
    magnitude of its Fourier transform along that axis ignores the shift (Holzapfel & Stylianou's
    scale transform, in its discrete log-lag form)."""
    grid, taper = _log_lag_grid()
    v = np.interp(grid, np.arange(len(ac)), ac)
    v = (v - v.mean()) * taper
    mag = np.abs(scipy.fft.rfft(v))[1 : SCALE_COEFFS + 1]
    norm = np.linalg.norm(mag)
    return mag / norm if norm > 0 else mag


def tactus(tempo: float) -> float:
    """The tempo moved by whole octaves into [TACTUS_LOW, 2 * TACTUS_LOW)."""
    if not np.isfinite(tempo) or tempo <= 0:
        return TACTUS_LOW
    return float(tempo * 2.0 ** np.ceil(np.log2(TACTUS_LOW / tempo)))


def _rhythm(f: Frames) -> np.ndarray:
    ac = f.tempogram.mean(axis=1)
    period = 60.0 * SAMPLE_RATE / HOP / tactus(f.tempo)
    per_band = [_at_beats(_autocorrelation(b, TEMPOGRAM_WIN), period) for b in f.onset_bands]
    return np.concatenate(
        [
            [np.log2(max(f.tempo, 1.0) / 120.0)],
            _at_beats(ac, period),
            *per_band,
            *[_cross_at_beats(f.onset_bands[i], f.onset_bands[j], period) for i, j in BAND_PAIRS],
            _scale_transform(ac),
            [f.onset.mean(), f.onset.std()],
        ]
    )


def _interval_spectrum(chroma: np.ndarray) -> np.ndarray:
    """|DFT| of L1-normalised pitch-class vectors, coefficients 1-6: unchanged by transposition.
    k=5 measures diatonicity (circle of fifths), k=3 and k=4 augmented/diminished colour, k=6 tritones,
    k=1 chromatic clusters (Amiot; Bernardes' tonal interval space)."""
    total = chroma.sum(axis=0, keepdims=True)
    c = np.divide(chroma, total, out=np.zeros_like(chroma, dtype=np.float64), where=total > 0)
    return np.abs(scipy.fft.rfft(c, axis=0))[1:7]


@cache
def _key_templates() -> np.ndarray:
    """All 24 key profiles, z-scored, one per row: 12 major rotations then 12 minor."""
    rows = [np.roll(t, k) for t in (_MAJOR, _MINOR) for k in range(12)]
    z = np.stack(rows)
    z = z - z.mean(axis=1, keepdims=True)
    return z / np.linalg.norm(z, axis=1, keepdims=True)


def _key_fit(profile: np.ndarray) -> np.ndarray:
    """Best correlation of the clip's pitch-class profile with any major and with any minor key."""
    p = profile - profile.mean()
    norm = np.linalg.norm(p)
    if norm == 0:
        return np.zeros(2)
    r = _key_templates() @ (p / norm)
    return np.array([r[:12].max(), r[12:].max()])


def _harmony(f: Frames) -> np.ndarray:
    per_frame = _interval_spectrum(f.chroma)
    profile = f.chroma.mean(axis=1)
    usable = f.chroma.shape[1] // CHORD_FRAMES * CHORD_FRAMES
    chords = f.chroma[:, :usable].reshape(12, -1, CHORD_FRAMES).mean(axis=2)
    norms = np.linalg.norm(chords, axis=0)
    unit = chords / np.maximum(norms, 1e-9)
    change = 1.0 - np.sum(unit[:, 1:] * unit[:, :-1], axis=0)
    return np.concatenate(
        [
            per_frame.mean(axis=1),
            per_frame.std(axis=1),
            _interval_spectrum(profile[:, None])[:, 0],
            [change.mean(), change.std()],
            _key_fit(profile),
        ]
    )


def summarise(f: Frames) -> np.ndarray:
    """The raw feature vector (float32, RAW_SIZE), blocks in BLOCKS order."""
    parts = [_timbre(f), _spectrum(f), _rhythm(f), _harmony(f)]
    for part, block in zip(parts, BLOCKS, strict=True):
        assert part.shape == (block.size,), (block.name, part.shape)
    raw = np.concatenate(parts).astype(np.float32)
    # Degenerate but decodable input (a pure tone: no onsets, one chroma) must still give a usable vector.
    return np.nan_to_num(raw, nan=0.0, posinf=0.0, neginf=0.0)
