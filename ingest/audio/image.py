"""A small spectrogram picture for the product's pages."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from .spectral import TOP_DB

PNG_WIDTH = 600
PNG_HEIGHT = 160

# Matplotlib's "magma" (perceptually uniform, legible in greyscale; CC0, from BIDS/colormap), sampled
# at every 16th of its 256 entries plus the last; linear interpolation between these stays within
# ~1/255 of the full table, which saves carrying 768 numbers.
_MAGMA_KNOTS = np.array(
    [
        [0.001462, 0.000466, 0.013866],
        [0.039608, 0.031090, 0.133515],
        [0.113094, 0.065492, 0.276784],
        [0.211718, 0.061992, 0.418647],
        [0.316654, 0.071690, 0.485380],
        [0.414709, 0.110431, 0.504662],
        [0.512831, 0.148179, 0.507648],
        [0.613617, 0.181811, 0.498536],
        [0.716387, 0.214982, 0.475290],
        [0.816914, 0.255895, 0.436461],
        [0.904281, 0.319610, 0.388137],
        [0.960949, 0.418323, 0.359630],
        [0.986700, 0.535582, 0.382210],
        [0.996096, 0.653659, 0.446213],
        [0.996898, 0.769591, 0.534892],
        [0.992440, 0.884330, 0.640099],
        [0.987053, 0.991438, 0.749504],
    ]
)
_KNOT_POSITIONS = np.array([*range(0, 256, 16), 255])


def _magma_palette() -> bytes:
    idx = np.arange(256)
    rgb = np.stack([np.interp(idx, _KNOT_POSITIONS, _MAGMA_KNOTS[:, c]) for c in range(3)], axis=1)
    return (np.rint(rgb * 255)).astype(np.uint8).tobytes()


_PALETTE = _magma_palette()


def spectrogram_png(logmel: np.ndarray, *, width: int = PNG_WIDTH, height: int = PNG_HEIGHT) -> bytes:
    """An 8-bit palette PNG of a (mels, frames) dB spectrogram: time left to right, low pitches at the
    bottom, the loudest bin at the top of the colour scale and TOP_DB below it at the bottom."""
    logmel = np.asarray(logmel, dtype=np.float32)
    top = float(logmel.max()) if logmel.size else 0.0
    level = np.clip((logmel - (top - TOP_DB)) * (255.0 / TOP_DB), 0, 255)
    # Resample greyscale levels, then colour: interpolating in level space keeps colours on the map.
    grey = Image.fromarray(np.ascontiguousarray(level[::-1]).astype(np.uint8), mode="L")
    picture = grey.resize((width, height), Image.Resampling.BILINEAR)
    picture.putpalette(_PALETTE)
    out = io.BytesIO()
    # Level 1: these noisy pictures compress no better at 6 (~84 KB either way), only slower.
    picture.save(out, format="PNG", compress_level=1)
    return out.getvalue()
