"""Pitched voices: plucked strings (Karplus-Strong), FM keys and bells, wavetable winds and pads.

Each factory takes its sound-design parameters (drawn per track by the arranger) and returns a
`Voice`. Voices return float64 arrays peaking near 1 so arrangers can balance parts with plain gains.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import dsp


def _pitch_curve(pitch: float, bend: float, n: int, sr: int, bend_time: float = 0.09) -> np.ndarray:
    if not bend:
        return np.full(n, dsp.midi_hz(pitch))
    t = dsp.times(n, sr)
    # Bends rise from below and settle, the way a guitarist pushes a string or a fiddler slides in.
    shape = np.clip(t / bend_time, 0.0, 1.0) ** 0.6
    return dsp.midi_hz(pitch - bend + bend * shape)


def _vibrato(freq: np.ndarray, sr: int, rate: float, cents: float, delay: float) -> np.ndarray:
    if cents <= 0:
        return freq
    t = dsp.times(len(freq), sr)
    depth = np.clip((t - delay) / 0.25, 0.0, 1.0) * cents
    return freq * 2.0 ** (depth * np.sin(dsp.TWO_PI * rate * t) / 1200.0)


# --- plucked strings -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pluck:
    brightness: float = 0.5  # 0 dull nylon .. 1 bright steel
    sustain: float = 1.2  # seconds for the fundamental to fall by 1/e
    position: float = 0.18  # pluck point along the string; sets the comb notch in the spectrum
    seed: int = 0

    def __call__(self, pitch: float, bend: float, seconds: float, sr: int) -> np.ndarray:
        freq = float(dsp.midi_hz(pitch))
        period = sr / freq
        delay = int(period - 0.5)
        frac = period - 0.5 - delay
        n = int(seconds * sr)
        rng = np.random.default_rng([self.seed, int(pitch * 16)])
        burst = rng.uniform(-1.0, 1.0, delay)
        burst = dsp.lowpass(burst, 800.0 + 7000.0 * self.brightness**1.5, sr, order=1)
        notch = max(1, int(self.position * delay))
        burst[notch:] -= burst[:-notch] * 0.8
        gain = float(np.exp(-1.0 / (self.sustain * freq)))
        taps = (gain * 0.5 * (1.0 - frac), gain * 0.5, gain * 0.5 * frac)
        # Two zeros in front let the three-tap loop filter read y[n-N-2] on the first period.
        y = np.zeros(n + delay + 2)
        y[2 : 2 + delay] = burst
        start = delay + 2
        # One vectorised step per period (not per sample): each block only reads the previous period.
        while start < len(y):
            stop = min(start + delay, len(y))
            m = stop - start
            src = start - delay
            y[start:stop] = (
                taps[0] * y[src : src + m] + taps[1] * y[src - 1 : src - 1 + m] + taps[2] * y[src - 2 : src - 2 + m]
            )
            start = stop
        out = y[2 : 2 + n]
        out[: min(n, 40)] *= np.linspace(0.3, 1.0, min(n, 40))
        return out / (np.max(np.abs(out[: 4 * delay + 1])) + 1e-9)


# --- FM --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FM:
    ratio: float = 1.0  # modulator / carrier frequency
    index: float = 2.0  # modulation index at the strike
    index_tau: float = 0.3  # how fast the brightness fades
    tau: float = 1.5  # amplitude decay
    attack: float = 0.003
    tine: float = 0.0  # a high, fast-dying partial: the electric-piano "tine" or a mallet click
    tremolo: float = 0.0  # vibraphone motor depth
    detune_cents: float = 0.0

    def __call__(self, pitch: float, bend: float, seconds: float, sr: int) -> np.ndarray:
        n = int(seconds * sr)
        t = dsp.times(n, sr)
        freq = _pitch_curve(pitch, bend, n, sr)
        f0 = float(freq[0])
        index = self.index * (0.25 + 0.75 * np.exp(-t / self.index_tau))
        mod_phase = np.cumsum(freq * self.ratio) / sr
        car_phase = np.cumsum(freq * 2.0 ** (self.detune_cents / 1200.0)) / sr
        x = np.sin(dsp.TWO_PI * car_phase + index * np.sin(dsp.TWO_PI * mod_phase))
        if self.tine and f0 * 7.0 < 0.45 * sr:
            x += self.tine * np.sin(dsp.TWO_PI * 7.0 * car_phase) * np.exp(-t / 0.05)
        env = np.minimum(t / self.attack, 1.0) * np.exp(-t / self.tau)
        if self.tremolo:
            env *= 1.0 - self.tremolo * (0.5 + 0.5 * np.sin(dsp.TWO_PI * 5.5 * t))
        return x * env


# --- wavetable (subtractive-ish) -------------------------------------------------------------------


@dataclass(frozen=True)
class Wave:
    shape: str = "saw"
    voices: int = 1  # unison copies, detuned symmetrically
    detune_cents: float = 0.0
    attack: float = 0.01
    decay: float = 0.5
    sustain: float = 0.8
    vibrato_rate: float = 5.5
    vibrato_cents: float = 0.0
    vibrato_delay: float = 0.2
    breath: float = 0.0  # band-limited noise riding on the pitch (bow, breath, reed)
    cutoff: float = 0.0  # optional lowpass, Hz; 0 leaves the table's band limit alone
    env_cutoff: float = 0.0  # extra cutoff at the attack, falling with `decay`: brass and synth plucks
    seed: int = 0

    def __call__(self, pitch: float, bend: float, seconds: float, sr: int) -> np.ndarray:
        n = int(seconds * sr)
        base = _vibrato(_pitch_curve(pitch, bend, n, sr), sr, self.vibrato_rate, self.vibrato_cents, self.vibrato_delay)
        rng = np.random.default_rng([self.seed, int(pitch * 16)])
        x = np.zeros(n)
        for v in range(self.voices):
            spread = 0.0 if self.voices == 1 else (v / (self.voices - 1) - 0.5) * 2.0 * self.detune_cents
            x += dsp.osc(self.shape, base * 2.0 ** (spread / 1200.0), n, sr, phase0=float(rng.random()))
        x /= self.voices
        if self.breath:
            f0 = float(base[0])
            noise = dsp.bandpass(rng.standard_normal(n), f0 * 0.8, min(f0 * 4.0, 0.45 * sr), sr)
            x += self.breath * noise / (np.std(noise) + 1e-9) * 0.3
        env = dsp.adsr(n, sr, self.attack, self.decay, self.sustain)
        if self.cutoff:
            if self.env_cutoff:
                bright = dsp.lowpass(x, self.cutoff + self.env_cutoff, sr)
                dark = dsp.lowpass(x, self.cutoff, sr)
                mix = (env - self.sustain) / max(1.0 - self.sustain, 1e-3)
                x = dark + np.clip(mix, 0.0, 1.0) * (bright - dark)
            else:
                x = dsp.lowpass(x, self.cutoff, sr)
        return x * env
