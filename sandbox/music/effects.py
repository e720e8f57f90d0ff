"""Effects on whole buffers: reverb, drive, echo, tape wow, vinyl crackle and sidechain pumping."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import signal

from . import dsp


def reverb_ir(rng: np.random.Generator, sr: int, *, seconds: float, damping: float = 5000.0) -> np.ndarray:
    """A room as decaying noise; a lowpass that closes over time mimics air and walls eating the highs first."""
    n = int(seconds * sr)
    t = dsp.times(n, sr)
    decay = np.exp(-6.9 * t / seconds)  # -60 dB at `seconds`
    noise = rng.standard_normal(n)
    bright = noise * decay
    dark = dsp.lowpass(noise, damping * 0.3, sr) * decay
    mix = np.clip(t / seconds * 2.0, 0.0, 1.0)
    ir = dsp.lowpass(bright * (1.0 - mix) + dark * mix, damping, sr)
    pre = int(0.012 * sr)  # pre-delay keeps attacks dry and clear
    ir = np.concatenate([np.zeros(pre), ir])
    return ir / np.sqrt(np.sum(ir**2))


def reverb(send: np.ndarray, ir: np.ndarray) -> np.ndarray:
    wet = signal.fftconvolve(send, ir, mode="full")
    return wet[: len(send)]


def drive(x: np.ndarray, amount: float) -> np.ndarray:
    return np.tanh(amount * x) / np.tanh(amount)


def echo(
    x: np.ndarray, sr: int, *, delay: float, feedback: float, repeats: int = 4, tone: float = 2500.0
) -> np.ndarray:
    """Tape-style echo as a few darkened, delayed copies (a feedback loop would need a per-sample loop)."""
    out = np.zeros_like(x)
    d = int(delay * sr)
    tap = dsp.lowpass(x, tone, sr)
    for k in range(1, repeats + 1):
        if k * d >= len(x):
            break
        out[k * d :] += tap[: len(x) - k * d] * feedback**k
        tap = dsp.lowpass(tap, tone, sr, order=1)
    return out


def wow(x: np.ndarray, sr: int, *, depth: float = 0.0015, rate: float = 0.6, seed: int = 0) -> np.ndarray:
    """Slow pitch drift of a worn tape or record, as a time-varying read position."""
    t = dsp.times(len(x), sr)
    phase = np.random.default_rng(seed).random() * dsp.TWO_PI
    shift = depth * (1.0 + np.sin(dsp.TWO_PI * rate * t + phase)) * sr
    return np.interp(np.arange(len(x)) - shift, np.arange(len(x)), x)


def crackle(rng: np.random.Generator, n: int, sr: int, *, density: float = 8.0) -> np.ndarray:
    clicks = np.zeros(n)
    count = int(density * n / sr)
    pos = rng.integers(0, n, count)
    clicks[pos] = rng.standard_normal(count) * rng.uniform(0.2, 1.0, count)
    clicks = dsp.bandpass(clicks, 1000.0, 7000.0, sr)
    hiss = dsp.bandpass(rng.standard_normal(n), 2000.0, 8000.0, sr) * 0.03
    return clicks + hiss


def pump(n: int, sr: int, beats: Sequence[float], *, depth: float = 0.5, release: float = 0.18) -> np.ndarray:
    """Sidechain gain that ducks on every kick and recovers: the breathing of house pads and bass."""
    gain = np.ones(n)
    width = int(release * 3 * sr)
    t = dsp.times(width, sr)
    dip = 1.0 - depth * np.exp(-t / release) * np.clip(t / 0.004, 0.0, 1.0)
    for b in beats:
        i0 = int(b * sr)
        if i0 >= n:
            continue
        m = min(width, n - i0)
        gain[i0 : i0 + m] = np.minimum(gain[i0 : i0 + m], dip[:m])
    return gain
