"""Drum one-shots by synthesis, and step patterns written as strings.

Every voice takes a per-track `rng` so kits differ in tuning and decay from track to track, and
returns a few takes so repeated hits are not bit-identical.
"""

from __future__ import annotations

import numpy as np

from . import dsp

TAKES = 3


def _noise(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.standard_normal(n)


def kick(
    rng: np.random.Generator, sr: int, *, tune: float = 50.0, punch: float = 3.0, decay: float = 0.35
) -> list[np.ndarray]:
    n = int(decay * 2.5 * sr)
    t = dsp.times(n, sr)
    sweep = tune * (1.0 + punch * np.exp(-t / 0.03))
    body = dsp.sine(sweep, n, sr) * np.exp(-t / decay)
    click = dsp.highpass(_noise(rng, n), 2000.0, sr) * np.exp(-t / 0.004) * 0.25
    x = np.tanh(1.6 * (body + click)) / np.tanh(1.6)
    return [x]


def snare(
    rng: np.random.Generator, sr: int, *, tone: float = 190.0, snappy: float = 0.7, decay: float = 0.16
) -> list[np.ndarray]:
    n = int(decay * 3.5 * sr)
    t = dsp.times(n, sr)
    shell = dsp.sine(tone * (1.0 + 0.5 * np.exp(-t / 0.01)), n, sr) * np.exp(-t / (decay * 0.5))
    out = []
    for _ in range(TAKES):
        wires = dsp.bandpass(_noise(rng, n), 1500.0, 9000.0, sr) * np.exp(-t / decay)
        x = (1.0 - snappy) * shell + snappy * wires / (np.std(wires[: int(0.02 * sr)]) * 3.0 + 1e-9)
        out.append(x / (np.max(np.abs(x)) + 1e-9))
    return out


def rim(rng: np.random.Generator, sr: int, *, tone: float = 1700.0) -> list[np.ndarray]:
    """Cross-stick / rim click: a hard, woody knock (bossa nova, reggae, boom-bap ghost notes)."""
    n = int(0.06 * sr)
    t = dsp.times(n, sr)
    knock = dsp.sine(tone, n, sr) * np.exp(-t / 0.008) + 0.6 * dsp.sine(tone * 0.47, n, sr) * np.exp(-t / 0.015)
    out = []
    for _ in range(TAKES):
        x = knock + 0.3 * dsp.bandpass(_noise(rng, n), 1000.0, 5000.0, sr) * np.exp(-t / 0.004)
        out.append(x / (np.max(np.abs(x)) + 1e-9))
    return out


def clap(rng: np.random.Generator, sr: int, *, spread: float = 0.011) -> list[np.ndarray]:
    n = int(0.35 * sr)
    t = dsp.times(n, sr)
    out = []
    for _ in range(TAKES):
        env = np.zeros(n)
        for k in range(3):
            env += np.exp(-np.clip(t - k * spread, 0.0, None) / 0.006) * (t >= k * spread)
        env += 0.6 * np.exp(-np.clip(t - 3 * spread, 0.0, None) / 0.09) * (t >= 3 * spread)
        x = dsp.bandpass(_noise(rng, n), 900.0, 5000.0, sr) * env
        out.append(x / (np.max(np.abs(x)) + 1e-9))
    return out


def _metal(n: int, sr: int, base: float) -> np.ndarray:
    # The 808 trick: six detuned squares at inharmonic ratios read as metal.
    ratios = (1.0, 1.4471, 1.6170, 1.9265, 2.5028, 2.6637)
    x = np.zeros(n)
    for r in ratios:
        x += np.sign(dsp.sine(min(base * r, 0.45 * sr), n, sr))
    return x


def hat(rng: np.random.Generator, sr: int, *, decay: float = 0.04, tone: float = 0.5) -> list[np.ndarray]:
    n = int(max(decay * 5.0, 0.03) * sr)
    t = dsp.times(n, sr)
    env = np.exp(-t / decay)
    out = []
    for _ in range(TAKES):
        x = (1.0 - tone) * _noise(rng, n) + tone * 0.3 * _metal(n, sr, 330.0)
        x = dsp.highpass(x, 6000.0, sr, order=2) * env
        out.append(x / (np.max(np.abs(x)) + 1e-9))
    return out


def ride(rng: np.random.Generator, sr: int, *, decay: float = 0.9, ping: float = 0.5) -> list[np.ndarray]:
    n = int(decay * 2.2 * sr)
    t = dsp.times(n, sr)
    out = []
    for _ in range(TAKES):
        wash = dsp.highpass(_noise(rng, n) * 0.5 + 0.2 * _metal(n, sr, 520.0), 4000.0, sr) * np.exp(-t / decay)
        bell = ping * dsp.sine(3100.0, n, sr) * np.exp(-t / 0.25) + ping * 0.5 * dsp.sine(4650.0, n, sr) * np.exp(
            -t / 0.15
        )
        x = wash + bell * 0.5
        out.append(x / (np.max(np.abs(x)) + 1e-9))
    return out


def crash(rng: np.random.Generator, sr: int, *, decay: float = 1.3) -> list[np.ndarray]:
    n = int(decay * 2.0 * sr)
    t = dsp.times(n, sr)
    x = dsp.highpass(_noise(rng, n) + 0.3 * _metal(n, sr, 440.0), 3000.0, sr) * np.exp(-t / decay)
    return [x / (np.max(np.abs(x)) + 1e-9)]


def shaker(rng: np.random.Generator, sr: int, *, length: float = 0.07) -> list[np.ndarray]:
    n = int(length * sr)
    t = dsp.times(n, sr)
    env = np.sin(np.pi * np.clip(t / length, 0.0, 1.0)) ** 2
    out = []
    for _ in range(TAKES):
        x = dsp.bandpass(_noise(rng, n), 4000.0, 10000.0, sr) * env
        out.append(x / (np.max(np.abs(x)) + 1e-9))
    return out


def tom(rng: np.random.Generator, sr: int, *, tune: float = 110.0, decay: float = 0.25) -> list[np.ndarray]:
    n = int(decay * 3.0 * sr)
    t = dsp.times(n, sr)
    x = dsp.sine(tune * (1.0 + 0.6 * np.exp(-t / 0.04)), n, sr) * np.exp(-t / decay)
    x += 0.15 * dsp.lowpass(_noise(rng, n), 3000.0, sr) * np.exp(-t / 0.02)
    return [x / (np.max(np.abs(x)) + 1e-9)]


def bodhran(rng: np.random.Generator, sr: int, *, tune: float = 85.0, decay: float = 0.18) -> list[np.ndarray]:
    """Frame drum: a low, loose skin with a papery attack from the tipper."""
    n = int(decay * 3.0 * sr)
    t = dsp.times(n, sr)
    out = []
    for _ in range(TAKES):
        skin = dsp.sine(tune * (1.0 + 0.35 * np.exp(-t / 0.03)), n, sr) * np.exp(-t / decay)
        skin += 0.4 * dsp.sine(tune * 2.3, n, sr) * np.exp(-t / (decay * 0.4))
        slap = dsp.bandpass(_noise(rng, n), 300.0, 2500.0, sr) * np.exp(-t / 0.012)
        x = skin + 0.5 * slap
        out.append(x / (np.max(np.abs(x)) + 1e-9))
    return out


def brush(rng: np.random.Generator, sr: int, *, length: float = 0.18) -> list[np.ndarray]:
    n = int(length * sr)
    t = dsp.times(n, sr)
    env = np.clip(t / 0.01, 0.0, 1.0) * np.exp(-t / (length * 0.35))
    out = []
    for _ in range(TAKES):
        x = dsp.bandpass(_noise(rng, n), 2500.0, 9000.0, sr) * env
        out.append(x / (np.max(np.abs(x)) + 1e-9))
    return out


# --- patterns --------------------------------------------------------------------------------------

VELOCITY = {"X": 1.0, "x": 0.75, "o": 0.35, ".": 0.0, "-": 0.0, " ": None}


def steps(pattern: str) -> list[tuple[int, float]]:
    """'X.x.o...' -> [(step, velocity)]; spaces are ignored so bars can be written apart."""
    cells = [c for c in pattern if c != " "]
    return [(i, VELOCITY[c]) for i, c in enumerate(cells) if VELOCITY[c]]
