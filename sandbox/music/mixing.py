"""The mono mix bus: gain per part, a shared reverb send, then loudness and a peak limiter."""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from . import dsp
from .effects import reverb

CEILING = 10 ** (-1.1 / 20.0)  # a hair under -1 dBFS so encoders' overshoot stays under it


class Mix:
    def __init__(self, n: int, sr: int) -> None:
        self.n = n
        self.sr = sr
        self.dry = np.zeros(n)
        self.send = np.zeros(n)

    def add(self, part: np.ndarray, *, gain: float = 1.0, send: float = 0.2) -> None:
        """`send` is how much of the part goes to the shared room."""
        x = part[: self.n] * gain
        self.dry[: len(x)] += x
        self.send[: len(x)] += x * send

    def master(self, ir: np.ndarray, *, target_rms_db: float = -17.0) -> np.ndarray:
        out = self.dry + reverb(self.send, ir)
        out = dsp.highpass(out, 30.0, self.sr)
        rms = float(np.sqrt(np.mean(out**2))) + 1e-12
        out *= 10 ** (target_rms_db / 20.0) / rms
        out = limit(out, self.sr)
        out = dsp.fade_edges(out, self.sr, 0.01, 1.0)
        return out.astype(np.float32)


def limit(x: np.ndarray, sr: int) -> np.ndarray:
    """Look-ahead style peak limiter: the gain needed at each peak, spread over a few milliseconds so
    it does not click, then a final safety scale for anything the smoothing let through."""
    level = np.abs(x)
    need = np.minimum(1.0, CEILING / np.maximum(level, 1e-9))
    win = max(1, int(0.005 * sr))
    gain = ndimage.minimum_filter1d(need, size=2 * win + 1)
    gain = ndimage.uniform_filter1d(gain, size=win)
    gain = np.minimum(gain, ndimage.minimum_filter1d(need, size=3))
    y = x * gain
    peak = float(np.max(np.abs(y)))
    if peak > CEILING:
        y *= CEILING / peak
    return y
