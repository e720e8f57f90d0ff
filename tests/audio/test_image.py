"""The spectrogram picture."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from ingest.audio import PNG_HEIGHT, PNG_WIDTH, clip_analyse, spectrogram_png


def _open(png: bytes) -> Image.Image:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png))
    image.verify()
    return Image.open(io.BytesIO(png))


def test_it_draws_a_valid_png_of_the_documented_size(mp3_bytes: bytes) -> None:
    image = _open(spectrogram_png(clip_analyse(mp3_bytes).logmel))
    assert image.format == "PNG"
    assert image.size == (PNG_WIDTH, PNG_HEIGHT) == (600, 160)


def test_low_frequencies_are_at_the_bottom_and_loud_is_bright() -> None:
    logmel = np.full((128, 400), -80.0, dtype=np.float32)
    logmel[:16] = 0.0  # energy in the lowest bands only
    rgb = np.asarray(_open(spectrogram_png(logmel)).convert("RGB"), dtype=float)
    assert rgb[-5:].mean() > 200  # magma's top end is near white
    assert rgb[:5].mean() < 30  # and its bottom near black


def test_time_runs_left_to_right() -> None:
    logmel = np.full((128, 400), -80.0, dtype=np.float32)
    logmel[:, 300:] = 0.0
    grey = np.asarray(_open(spectrogram_png(logmel)).convert("L"), dtype=float)
    assert grey[:, -50:].mean() > grey[:, :50].mean() + 100


def test_it_takes_other_sizes_and_flat_input() -> None:
    image = _open(spectrogram_png(np.zeros((128, 10), dtype=np.float32), width=300, height=80))
    assert image.size == (300, 80)
