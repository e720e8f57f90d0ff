"""Log-mel spectrogram pictures for eyeballing rhythm, harmony and timbre (drawn with pillow)."""

from __future__ import annotations

from pathlib import Path

import librosa
import numpy as np
from PIL import Image, ImageDraw


def _colour(v: np.ndarray) -> np.ndarray:
    # A small magma-like ramp: black -> purple -> orange -> pale yellow.
    stops = np.array([[0, 0, 4], [80, 18, 123], [183, 55, 121], [251, 136, 97], [252, 253, 191]], dtype=np.float64)
    pos = np.clip(v, 0.0, 1.0) * (len(stops) - 1)
    i = np.minimum(pos.astype(int), len(stops) - 2)
    frac = (pos - i)[..., None]
    return (stops[i] * (1 - frac) + stops[i + 1] * frac).astype(np.uint8)


def save_spectrogram(samples: np.ndarray, sr: int, path: Path, *, title: str, seconds: float | None = None) -> Path:
    mono = samples.mean(axis=1) if samples.ndim == 2 else samples
    if seconds:
        mono = mono[: int(seconds * sr)]
    mel = librosa.feature.melspectrogram(y=mono, sr=sr, n_fft=1024, hop_length=256, n_mels=128)
    db = librosa.power_to_db(mel, ref=np.max, top_db=80.0)
    img = _colour((db[::-1] + 80.0) / 80.0)
    picture = Image.fromarray(img).resize((img.shape[1], 256), Image.Resampling.NEAREST)
    canvas = Image.new("RGB", (picture.width, picture.height + 18), "white")
    canvas.paste(picture, (0, 18))
    ImageDraw.Draw(canvas).text((4, 3), title, fill="black")
    path.parent.mkdir(parents=True, exist_ok=True)
    canvas.save(path)
    return path
