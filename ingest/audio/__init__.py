"""Audio core: decode previews, draw spectrograms, compute versioned embeddings.

Plain numpy/librosa, no Django: the ingest services call it, it never calls them.

    analysis = clip_analyse(preview_bytes)          # AudioError(reason, message) if refused
    png = spectrogram_png(analysis.logmel)          # 600x160 palette PNG
    vector = standardiser.apply(analysis.raw)       # unit-norm float32, compare by dot product

`analysis.raw` is what to store (with `analysis.version`); a Standardiser is fitted on the catalogue's
raw vectors with `fit_standardiser` and saved per version. A worker process should call
`retain_freed_memory()` once at start (see its docstring: ~15% faster per clip).
"""

from .analysis import Analysis, analyse, clip_analyse, clip_analyse_path, level_normalise
from .decode import (
    DEFAULT_MAX_BYTES,
    MAX_SECONDS,
    MIN_SECONDS,
    SAMPLE_RATE,
    Container,
    decode_bytes,
    decode_path,
    sniff,
)
from .errors import AudioError, Reason
from .features import BLOCKS, RAW_SIZE, summarise
from .image import PNG_HEIGHT, PNG_WIDTH, spectrogram_png
from .runtime import retain_freed_memory
from .spectral import Frames, frames_of
from .standardise import Standardiser, fit_standardiser
from .version import EMBEDDING_VERSION

__all__ = [
    "BLOCKS",
    "DEFAULT_MAX_BYTES",
    "EMBEDDING_VERSION",
    "MAX_SECONDS",
    "MIN_SECONDS",
    "PNG_HEIGHT",
    "PNG_WIDTH",
    "RAW_SIZE",
    "SAMPLE_RATE",
    "Analysis",
    "AudioError",
    "Container",
    "Frames",
    "Reason",
    "Standardiser",
    "analyse",
    "clip_analyse",
    "clip_analyse_path",
    "decode_bytes",
    "decode_path",
    "fit_standardiser",
    "frames_of",
    "level_normalise",
    "retain_freed_memory",
    "sniff",
    "spectrogram_png",
    "summarise",
]
