"""Per-dimension standardisation fitted on a catalogue, block weighting and L2 normalisation.

Raw features live on unrelated scales (dB, correlation coefficients, log2 tempo). Standardising each
dimension by catalogue statistics makes "different" mean "different relative to this catalogue", so
cosine compares shapes; subtracting the catalogue mean is also what spreads cosines out (otherwise every
pair shares the large common component and scores ~0.9). Statistics belong to one embedding version and
one catalogue; refit when either changes.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .features import BLOCKS, RAW_SIZE
from .version import EMBEDDING_VERSION

# After standardisation every dimension has unit variance, so a block of d dimensions would carry d
# times the weight of a one-dimensional block. Scaling each block by weight / sqrt(d) gives each block
# an expected squared norm of weight**2, whatever its size: the 58 timbre numbers do not outvote the
# 22 harmony ones merely by being more numerous. Equal weights: no block is known to matter more for
# music in general.
BLOCK_WEIGHTS: dict[str, float] = {"timbre": 1.0, "spectrum": 1.0, "rhythm": 1.0, "harmony": 1.0}
# A clip far outside the catalogue (a glitch, a near-silent intro) would otherwise let one dimension
# decide its every neighbour.
Z_CLIP = 5.0
# A dimension constant over the catalogue carries no information; dividing by ~0 would amplify noise.
_MIN_STD = 1e-6


def _dimension_weights() -> np.ndarray:
    return np.concatenate([np.full(b.size, BLOCK_WEIGHTS[b.name] / np.sqrt(b.size)) for b in BLOCKS])


@dataclass(frozen=True)
class Standardiser:
    version: str
    mean: np.ndarray  # (RAW_SIZE,) float64
    std: np.ndarray  # (RAW_SIZE,) float64, never below _MIN_STD
    count: int  # clips it was fitted on

    def apply(self, raw: np.ndarray) -> np.ndarray:
        """Raw vectors (RAW_SIZE,) or (n, RAW_SIZE) to unit-norm float32 embeddings of the same shape."""
        raw = np.asarray(raw, dtype=np.float64)
        if raw.shape[-1] != self.mean.shape[0]:
            raise ValueError(
                f"raw vectors have {raw.shape[-1]} dimensions, this {self.version} standardiser "
                f"expects {self.mean.shape[0]}"
            )
        z = np.clip((raw - self.mean) / self.std, -Z_CLIP, Z_CLIP) * _dimension_weights()
        norm = np.linalg.norm(z, axis=-1, keepdims=True)
        return (z / np.maximum(norm, 1e-12)).astype(np.float32)

    def to_dict(self) -> dict[str, object]:
        return {
            "version": self.version,
            "count": self.count,
            "blocks": [[b.name, b.size] for b in BLOCKS],
            "mean": self.mean.tolist(),
            "std": self.std.tolist(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, object]) -> Standardiser:
        mean = np.asarray(d["mean"], dtype=np.float64)
        std = np.asarray(d["std"], dtype=np.float64)
        if mean.shape != std.shape or mean.ndim != 1:
            raise ValueError("mean and std must be vectors of one length")
        return cls(version=str(d["version"]), mean=mean, std=std, count=int(d["count"]))  # type: ignore[call-overload]

    def save(self, path: str | os.PathLike[str]) -> None:
        # JSON rather than .npz: it also fits a database JSON column, and Python's float repr round-trips.
        Path(path).write_text(json.dumps(self.to_dict()))

    @classmethod
    def load(cls, path: str | os.PathLike[str], *, version: str | None = EMBEDDING_VERSION) -> Standardiser:
        """Load statistics; refuses a file of another embedding version unless `version` is None."""
        st = cls.from_dict(json.loads(Path(path).read_text()))
        if version is not None and st.version != version:
            raise ValueError(f"{path} holds statistics for {st.version}, not {version}")
        return st


def fit_standardiser(raw: np.ndarray, *, version: str = EMBEDDING_VERSION) -> Standardiser:
    """Fit per-dimension mean and std on a catalogue of raw vectors, shape (n, RAW_SIZE), n >= 2."""
    raw = np.asarray(raw, dtype=np.float64)
    if raw.ndim != 2 or raw.shape[0] < 2 or raw.shape[1] != RAW_SIZE:
        raise ValueError(f"need an (n >= 2, {RAW_SIZE}) array of raw vectors, got {raw.shape}")
    std = raw.std(axis=0)
    return Standardiser(
        version=version,
        mean=raw.mean(axis=0),
        std=np.where(std > _MIN_STD, std, 1.0),
        count=int(raw.shape[0]),
    )
