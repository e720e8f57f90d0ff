"""One STFT, and every time-frequency representation the features need, drawn from it.

The parameters are fixed per embedding version: changing any of them changes the vectors.
`Frames` is the hand-off to `features.summarise`, which turns these arrays into one vector; the
benchmark's naive path fills the same `Frames` from librosa's one-call-per-feature functions, so
both paths are checked against each other.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache

import librosa
import numpy as np
import scipy.fft
import scipy.sparse
from numpy.lib.stride_tricks import sliding_window_view

from .decode import SAMPLE_RATE

N_FFT = 2048  # 93 ms at 22050 Hz; 10.8 Hz bins separate semitones from ~180 Hz up, enough for chroma
HOP = 512  # 23 ms frames; librosa's default, so the one-call-per-feature path agrees without arguments
N_MELS = 128
FMIN = 0.0
FMAX = SAMPLE_RATE / 2
N_MFCC = 20
TOP_DB = 80.0  # dynamic range kept by power_to_db, relative to the loudest bin of the clip
CONTRAST_FMIN = 200.0
CONTRAST_BANDS = 6  # octaves above CONTRAST_FMIN, plus the band below it: 7 rows
CONTRAST_QUANTILE = 0.02
# Contrast ignores bins above this. Resampled audio has nothing there but the resampler's transition
# band and float rounding (soxr HQ's passband ends near 0.91 of Nyquist), and the top band's 2% valley
# would measure exactly that: it differed by 0.2 catalogue std between two float32 FFT implementations.
CONTRAST_FMAX = 10_000.0
# Chroma assumes A440 tuning: librosa's tuning estimate runs a pitch tracker over the spectrogram
# (~24 ms a clip here, as much as all other features together), and detuned recordings are the exception.
CHROMA_TUNING = 0.0
TEMPOGRAM_WIN = 384  # onset-envelope frames per autocorrelation window: 8.9 s
# One window every 4 frames (93 ms) rather than every frame: the features only use the tempogram's
# average over time, and windows 8.9 s long that start 93 ms apart are near duplicates. On the styles
# set this moved that average by at most 7e-4 and changed no tempo estimate, for a quarter of the cost.
TEMPOGRAM_HOP = 4
# Edges of the sub-band onset envelopes: below 200 Hz (kick, bass), up to 2.6 kHz (snare body,
# chords), and above (hats, cymbals).
ONSET_BAND_EDGES_HZ = (200.0, 2600.0)


@dataclass(frozen=True)
class Frames:
    """Per-frame arrays of one clip; T frames of HOP samples."""

    logmel: np.ndarray  # (N_MELS, T) float32, dB re 1.0, floor at max - TOP_DB
    mfcc: np.ndarray  # (N_MFCC, T)
    contrast: np.ndarray  # (CONTRAST_BANDS + 1, T), dB
    chroma: np.ndarray  # (12, T), each frame scaled to max 1
    onset: np.ndarray  # (T,) mean positive log-mel flux over all bands
    onset_bands: np.ndarray  # (3, T) the same per sub-band
    tempogram: np.ndarray  # (TEMPOGRAM_WIN, T / TEMPOGRAM_HOP) windowed onset autocorrelation, lag 0 == 1
    tempo: float  # beats per minute


def onset_channels() -> list[int]:
    mel_hz = librosa.mel_frequencies(n_mels=N_MELS + 2, fmin=FMIN, fmax=FMAX)[1:-1]
    cuts = [int(np.searchsorted(mel_hz, hz)) for hz in ONSET_BAND_EDGES_HZ]
    return [0, *cuts, N_MELS]


@cache
def _window() -> np.ndarray:
    return librosa.filters.get_window("hann", N_FFT, fftbins=True).astype(np.float32)


@cache
def _mel_basis() -> scipy.sparse.csr_array:
    # Each FFT bin feeds at most two triangular filters: the sparse product is ~10x faster than dense.
    dense = librosa.filters.mel(sr=SAMPLE_RATE, n_fft=N_FFT, n_mels=N_MELS, fmin=FMIN, fmax=FMAX)
    return scipy.sparse.csr_array(dense)


@cache
def _chroma_basis_t() -> np.ndarray:
    fb = librosa.filters.chroma(sr=SAMPLE_RATE, n_fft=N_FFT, tuning=CHROMA_TUNING)
    return np.ascontiguousarray(fb.T, dtype=np.float32)


@cache
def _dct_basis() -> np.ndarray:
    # The first N_MFCC rows of the orthonormal DCT-II: what librosa.feature.mfcc applies to a log-mel.
    return scipy.fft.dct(np.eye(N_MELS, dtype=np.float32), type=2, norm="ortho", axis=0)[:N_MFCC]


def contrast_frequencies() -> np.ndarray:
    freq = librosa.fft_frequencies(sr=SAMPLE_RATE, n_fft=N_FFT)
    return freq[freq <= CONTRAST_FMAX]


@cache
def _contrast_bands() -> tuple[tuple[int, int, int], ...]:
    """(first bin, end bin, n) per band, with librosa.feature.spectral_contrast's edge rules."""
    freq = contrast_frequencies()
    octa = np.zeros(CONTRAST_BANDS + 2)
    octa[1:] = CONTRAST_FMIN * (2.0 ** np.arange(0, CONTRAST_BANDS + 1))
    bands = []
    for k, (f_low, f_high) in enumerate(itertools.pairwise(octa)):
        idx = np.flatnonzero((freq >= f_low) & (freq <= f_high))
        start = int(idx[0]) - 1 if k > 0 else int(idx[0])
        end = len(freq) if k == CONTRAST_BANDS else int(idx[-1]) + 1
        count = end - start
        if k < CONTRAST_BANDS:
            end -= 1  # librosa counts the band's last bin for the quantile but drops it from the sort
        bands.append((start, end, max(int(np.rint(CONTRAST_QUANTILE * count)), 1)))
    return tuple(bands)


def _contrast(mag_tf: np.ndarray) -> np.ndarray:
    valley = np.empty((len(_contrast_bands()), mag_tf.shape[0]), dtype=np.float32)
    peak = np.empty_like(valley)
    for k, (start, end, n) in enumerate(_contrast_bands()):
        band = mag_tf[:, start:end]
        if n == 1:
            valley[k], peak[k] = band.min(axis=1), band.max(axis=1)
        else:
            # Sorting beats np.partition here: with two kth values introselect is ~3x slower on these rows.
            ordered = np.sort(band, axis=1)
            valley[k], peak[k] = ordered[:, :n].mean(axis=1), ordered[:, -n:].mean(axis=1)
    return librosa.power_to_db(peak) - librosa.power_to_db(valley)


def tempogram(onset: np.ndarray) -> np.ndarray:
    """librosa.feature.tempogram(onset_envelope=onset)[:, ::TEMPOGRAM_HOP], computed frame-major in float32."""
    half = TEMPOGRAM_WIN // 2
    padded = np.pad(onset, (half, half), mode="linear_ramp", end_values=(0, 0))
    win = librosa.filters.get_window("hann", TEMPOGRAM_WIN, fftbins=True).astype(np.float32)
    windows = sliding_window_view(padded, TEMPOGRAM_WIN)[: len(onset) : TEMPOGRAM_HOP] * win
    spec = scipy.fft.rfft(windows, n=2 * TEMPOGRAM_WIN, axis=-1)
    ac = scipy.fft.irfft(np.square(spec.real) + np.square(spec.imag), n=2 * TEMPOGRAM_WIN, axis=-1)
    ac = ac[:, :TEMPOGRAM_WIN]
    # librosa normalises by the max |value|, which for an autocorrelation is lag 0; silent windows stay 0.
    lag0 = ac[:, :1]
    ac = np.divide(ac, lag0, out=np.zeros_like(ac), where=lag0 > np.finfo(np.float32).tiny)
    return ac.T  # (lags, frames) like librosa; a view: nothing downstream needs it contiguous


def tempo_from_tempogram(tg: np.ndarray) -> float:
    return float(librosa.feature.tempo(tg=tg, sr=SAMPLE_RATE, hop_length=HOP)[0])


def onsets_from_logmel(logmel: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sub-band envelopes, and the all-band one as their width-weighted mean (one flux computation)."""
    channels = onset_channels()
    bands = librosa.onset.onset_strength_multi(S=logmel, sr=SAMPLE_RATE, hop_length=HOP, channels=channels)
    widths = np.diff(channels).astype(np.float32)
    return (widths @ bands) / widths.sum(), bands


def frames_of(signal: np.ndarray) -> Frames:
    """Every per-frame representation from one STFT of a mono float32 signal at SAMPLE_RATE."""
    # Framing as librosa.stft(center=True, pad_mode="constant"), but time-major so scipy's rfft runs over
    # contiguous rows: half the cost of librosa.stft, same values to float32 rounding.
    padded = np.pad(signal, (N_FFT // 2, N_FFT // 2))
    spec = scipy.fft.rfft(sliding_window_view(padded, N_FFT)[::HOP] * _window(), axis=-1)
    # |X|**2 through np.abs, as librosa does: cheaper than re**2 + im**2 on strided complex views.
    mag_tf = np.abs(spec)
    power_tf = mag_tf * mag_tf
    power = np.ascontiguousarray(power_tf.T)
    logmel = librosa.power_to_db(_mel_basis() @ power, top_db=TOP_DB)
    mfcc = _dct_basis() @ logmel
    contrast = _contrast(mag_tf)
    chroma = librosa.util.normalize((power_tf @ _chroma_basis_t()).T, norm=np.inf, axis=-2)
    onset, onset_bands = onsets_from_logmel(logmel)
    tg = tempogram(onset)
    return Frames(
        logmel=logmel,
        mfcc=mfcc,
        contrast=contrast,
        chroma=chroma,
        onset=onset,
        onset_bands=onset_bands,
        tempogram=tg,
        tempo=tempo_from_tempogram(tg),
    )
