"""Signal building blocks: band-limited wavetables, envelopes and cached filter designs.

Everything works on whole numpy arrays; nothing loops per sample in Python, which is what keeps a
30 s track to a fraction of a second.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy import signal

# Large enough that a plain (non-interpolated) lookup's error sits some 70 dB down: one gather per
# sample instead of two plus arithmetic, the hottest loop of the synthesizer.
TABLE_SIZE = 8192
TWO_PI = 2.0 * np.pi


def midi_hz(pitch: float | np.ndarray) -> float | np.ndarray:
    return 440.0 * 2.0 ** ((np.asarray(pitch) - 69.0) / 12.0)


def times(n: int, sr: int) -> np.ndarray:
    return np.arange(n, dtype=np.float64) / sr


# --- wavetables ------------------------------------------------------------------------------------

SPECTRA: dict[str, tuple[float, ...]] = {
    # Amplitudes of harmonics 1..N; the band limit truncates them per pitch, so no shape aliases.
    "saw": tuple(1.0 / k for k in range(1, 257)),
    "square": tuple((1.0 / k if k % 2 else 0.0) for k in range(1, 257)),
    "triangle": tuple(((1.0 / k**2) * (-1) ** ((k - 1) // 2) if k % 2 else 0.0) for k in range(1, 257)),
    # A reed: strong odd partials with a formant-like bump, for accordion and melodica.
    "reed": tuple(
        (1.0 / k**0.7) * (1.0 if k % 2 else 0.45) * (1.0 + 1.5 * np.exp(-((k - 6) ** 2) / 8)) for k in range(1, 129)
    ),
    # Hammond-ish drawbars 8', 4', 2 2/3', 2' (harmonics 1, 2, 3, 4) plus a little 8th.
    "organ": (1.0, 0.8, 0.6, 0.5, 0.0, 0.2, 0.0, 0.25),
    # A bowed string: saw-like with a body resonance hump around the 4th-8th partials.
    "bowed": tuple((1.0 / k) * (1.0 + 1.2 * np.exp(-((k - 5) ** 2) / 6)) for k in range(1, 129)),
    "sine": (1.0,),
    # Flute / whistle: nearly sine, a weak octave and twelfth.
    "flute": (1.0, 0.18, 0.06, 0.02),
}


@lru_cache(maxsize=512)
def wavetable(shape: str, n_harmonics: int) -> np.ndarray:
    amps = np.asarray(SPECTRA[shape][:n_harmonics], dtype=np.float64)
    k = np.arange(1, len(amps) + 1)
    phase = np.arange(TABLE_SIZE) / TABLE_SIZE
    table = (amps[:, None] * np.sin(TWO_PI * k[:, None] * phase[None, :])).sum(axis=0)
    table /= np.max(np.abs(table)) + 1e-12
    return table.astype(np.float64)


def harmonics_below_nyquist(freq: float, sr: int) -> int:
    # Rounded down to a power of two so the table cache stays small across pitches.
    n = max(1, int(0.45 * sr / max(freq, 1.0)))
    return 1 << (n.bit_length() - 1)


def osc(shape: str, freq: np.ndarray | float, n: int, sr: int, phase0: float = 0.0) -> np.ndarray:
    """Wavetable oscillator; `freq` may be an array for vibrato, bends and sweeps."""
    f = np.broadcast_to(np.asarray(freq, dtype=np.float64), (n,))
    peak = float(f.max()) if n else 1.0
    table = wavetable(shape, harmonics_below_nyquist(peak, sr))
    phase = np.cumsum(f) * (TABLE_SIZE / sr) + phase0 * TABLE_SIZE
    return table[phase.astype(np.int64) & (TABLE_SIZE - 1)]


def sine(freq: np.ndarray | float, n: int, sr: int, phase0: float = 0.0) -> np.ndarray:
    f = np.broadcast_to(np.asarray(freq, dtype=np.float64), (n,))
    return np.sin(TWO_PI * (np.cumsum(f) / sr + phase0))


# --- envelopes -------------------------------------------------------------------------------------


def adsr(n: int, sr: int, attack: float, decay: float, sustain: float) -> np.ndarray:
    """Attack-decay-sustain; the release is applied where the note ends (see sequencer.place)."""
    t = times(n, sr)
    a = max(attack, 1e-4)
    env = np.where(t < a, t / a, sustain + (1.0 - sustain) * np.exp(-(t - a) / max(decay, 1e-4)))
    return env


def decay_env(n: int, sr: int, tau: float, attack: float = 0.002) -> np.ndarray:
    t = times(n, sr)
    return np.minimum(t / attack, 1.0) * np.exp(-t / tau)


def fade_edges(x: np.ndarray, sr: int, fade_in: float, fade_out: float) -> np.ndarray:
    n_in = min(len(x), int(fade_in * sr))
    n_out = min(len(x), int(fade_out * sr))
    if n_in:
        x[:n_in] *= np.linspace(0.0, 1.0, n_in)
    if n_out:
        x[-n_out:] *= np.linspace(1.0, 0.0, n_out) ** 2
    return x


# --- filters ---------------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def _sos(kind: str, freq: float | tuple[float, float], sr: int, order: int) -> np.ndarray:
    nyq = sr / 2.0
    if isinstance(freq, tuple):
        wn: float | tuple[float, float] = (max(freq[0], 10.0) / nyq, min(freq[1], nyq * 0.95) / nyq)
    else:
        wn = min(max(freq, 10.0), nyq * 0.95) / nyq
    return signal.butter(order, wn, btype=kind, output="sos")


def _rounded(freq: float) -> float:
    # Quarter-semitone steps keep the design cache hot across tracks without audible difference.
    return float(round(np.log2(max(freq, 10.0)) * 48) / 48)


def _filter(kind: str, x: np.ndarray, freq: float | tuple[float, float], sr: int, order: int) -> np.ndarray:
    key = tuple(2.0 ** _rounded(f) for f in freq) if isinstance(freq, tuple) else 2.0 ** _rounded(freq)
    return signal.sosfilt(_sos(kind, key, sr, order), x, axis=0)


def lowpass(x: np.ndarray, freq: float, sr: int, order: int = 2) -> np.ndarray:
    return _filter("lowpass", x, freq, sr, order)


def highpass(x: np.ndarray, freq: float, sr: int, order: int = 2) -> np.ndarray:
    return _filter("highpass", x, freq, sr, order)


def bandpass(x: np.ndarray, low: float, high: float, sr: int, order: int = 2) -> np.ndarray:
    return _filter("bandpass", x, (low, high), sr, order)


def sweep_lowpass(x: np.ndarray, lfo: np.ndarray, low: float, high: float, sr: int) -> np.ndarray:
    """A moving lowpass, approximated by crossfading three fixed ones: far cheaper than a
    per-sample filter and indistinguishable on slow sweeps (pads, filter house chords)."""
    cuts = (low, np.sqrt(low * high), high)
    bands = [lowpass(x, c, sr, order=2) for c in cuts]
    pos = np.clip(lfo, 0.0, 1.0) * 2.0
    w_mid = 1.0 - np.abs(pos - 1.0)
    w_low = np.clip(1.0 - pos, 0.0, 1.0)
    w_high = np.clip(pos - 1.0, 0.0, 1.0)
    return bands[0] * w_low + bands[1] * w_mid + bands[2] * w_high
