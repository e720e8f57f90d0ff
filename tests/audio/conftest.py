"""Audio fixtures made on the fly: synthetic clips encoded with soundfile and PyAV, no files on disk."""

from __future__ import annotations

import io

import av
import numpy as np
import pytest
import soundfile as sf

NATIVE_RATE = 44100


def synth(
    seconds: float = 8.0,
    *,
    seed: int = 0,
    tempo: float = 120.0,
    root: float = 220.0,
    rate: int = NATIVE_RATE,
    stereo: bool = False,
    swing: bool = False,
) -> np.ndarray:
    """A chord that pulses on the beat plus noise-burst 'hats' on the off-beats: enough structure for
    every feature (timbre, onsets, tempo, chroma) to have something to measure."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * rate)) / rate
    beat = 60.0 / tempo
    phase = (t % beat) / beat
    chord = sum(np.sin(2 * np.pi * root * ratio * t) for ratio in (1.0, 5 / 4, 3 / 2)) / 3
    y = 0.5 * chord * np.exp(-4.0 * phase)
    burst = int(0.03 * rate)
    decay = np.exp(-np.arange(burst) / (0.004 * rate))
    offbeat = 2 / 3 if swing else 1 / 2
    for k in range(int(seconds / beat)):
        start = int((k + offbeat) * beat * rate)
        n = min(burst, len(t) - start)
        if n > 0:
            y[start : start + n] += 0.3 * rng.standard_normal(n) * decay[:n]
    y = y.astype(np.float32)
    return np.stack([y, 0.8 * y], axis=1) if stereo else y


def encode(signal: np.ndarray, fmt: str, *, rate: int = NATIVE_RATE, subtype: str | None = None) -> bytes:
    out = io.BytesIO()
    sf.write(out, signal, rate, format=fmt, subtype=subtype)
    return out.getvalue()


def encode_aac(signal: np.ndarray, *, rate: int = NATIVE_RATE, container: str = "mp4") -> bytes:
    """AAC in an MP4/M4A container (or raw ADTS with container='adts'), encoded by FFmpeg through PyAV."""
    planar = np.atleast_2d(signal.T).astype(np.float32)
    layout = "stereo" if planar.shape[0] == 2 else "mono"
    out = io.BytesIO()
    with av.open(out, mode="w", format=container) as c:
        stream = c.add_stream("aac", rate=rate)
        stream.layout = layout
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(planar), format="fltp", layout=layout)
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            c.mux(packet)
        for packet in stream.encode(None):
            c.mux(packet)
    return out.getvalue()


@pytest.fixture(scope="session")
def tone_stereo() -> np.ndarray:
    return synth(8.0, stereo=True)


@pytest.fixture(scope="session")
def mp3_bytes(tone_stereo: np.ndarray) -> bytes:
    return encode(tone_stereo, "MP3")


@pytest.fixture(scope="session")
def m4a_bytes(tone_stereo: np.ndarray) -> bytes:
    return encode_aac(tone_stereo)
