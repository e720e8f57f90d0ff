"""Shared by the benchmarks: clip discovery, labels and groups, the naive and seed baselines, metrics.

Scripts in bench/ run as files (`python bench/quality.py`), so this is imported as a sibling module.
"""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DEFAULT_DATASET = REPO.parent / "shared" / "data" / "styles" / "clips"
AUDIO_SUFFIXES = frozenset({".mp3", ".wav", ".flac", ".ogg", ".oga", ".opus", ".m4a", ".mp4", ".aac"})
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMBA_NUM_THREADS", "MKL_NUM_THREADS")


def pin_one_thread() -> None:
    """Must run before numpy is first imported: BLAS reads these once, at load."""
    if "numpy" in sys.modules:
        raise RuntimeError("pin_one_thread() after numpy was imported has no effect")
    for name in THREAD_VARIABLES:
        os.environ[name] = "1"


def find_clips(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in AUDIO_SUFFIXES)


def label_of(path: Path, root: Path) -> str:
    """GTZAN layout: the first folder under the dataset root is the label."""
    rel = path.relative_to(root)
    return rel.parts[0] if len(rel.parts) > 1 else ""


def load_groups(csv_path: Path, root: Path, clips: list[Path]) -> list[str | None]:
    """Group of each clip from a `file,group` CSV; `file` is relative to root or a bare file name."""
    by_rel: dict[str, str] = {}
    by_name: dict[str, str] = {}
    with csv_path.open(newline="") as f:
        for row in csv.DictReader(f):
            by_rel[Path(row["file"]).as_posix()] = row["group"]
            by_name[Path(row["file"]).name] = row["group"]
    return [by_rel.get(c.relative_to(root).as_posix(), by_name.get(c.name)) for c in clips]


def naive_analysis(path: Path):  # -> tuple[np.ndarray, np.ndarray]: (logmel, raw)
    """The tutorial way: librosa.load, then one librosa call per feature, each from the signal (and so
    each with its own STFT), filling the same Frames the product path fills from one STFT."""
    import librosa
    import numpy as np

    from ingest.audio import MAX_SECONDS, SAMPLE_RATE, Frames, level_normalise, summarise
    from ingest.audio import spectral as sp

    sr = SAMPLE_RATE
    y, _ = librosa.load(path, sr=sr)
    y = level_normalise(y[: int(MAX_SECONDS * sr)])
    common = {"sr": sr, "n_fft": sp.N_FFT, "hop_length": sp.HOP}
    mel_args = {**common, "n_mels": sp.N_MELS, "fmin": sp.FMIN, "fmax": sp.FMAX}
    logmel = librosa.power_to_db(librosa.feature.melspectrogram(y=y, **mel_args), top_db=sp.TOP_DB)
    mfcc = librosa.feature.mfcc(y=y, n_mfcc=sp.N_MFCC, **mel_args)
    # Contrast needs its own STFT cut at CONTRAST_FMAX, which spectral_contrast(y=...) cannot express.
    freq = sp.contrast_frequencies()
    contrast = librosa.feature.spectral_contrast(
        S=np.abs(librosa.stft(y, n_fft=sp.N_FFT, hop_length=sp.HOP))[: len(freq)],
        freq=freq,
        fmin=sp.CONTRAST_FMIN,
        n_bands=sp.CONTRAST_BANDS,
        quantile=sp.CONTRAST_QUANTILE,
        **common,
    )
    chroma = librosa.feature.chroma_stft(y=y, tuning=sp.CHROMA_TUNING, **common)
    onset = librosa.onset.onset_strength(y=y, sr=sr, hop_length=sp.HOP)
    onset_bands = librosa.onset.onset_strength_multi(y=y, sr=sr, hop_length=sp.HOP, channels=sp.onset_channels())
    tg = librosa.feature.tempogram(y=y, sr=sr, hop_length=sp.HOP, win_length=sp.TEMPOGRAM_WIN)
    tempo = float(librosa.feature.tempo(y=y, sr=sr, hop_length=sp.HOP)[0])
    frames = Frames(
        logmel=logmel,
        mfcc=mfcc,
        contrast=contrast,
        chroma=chroma,
        onset=onset,
        onset_bands=onset_bands,
        tempogram=tg,
        tempo=tempo,
    )
    return logmel, summarise(frames)


SEED_FRAMES = 1292  # 30 s at 22050 Hz, hop 512


def seed_vector(path: Path):  # -> np.ndarray
    """The seed project's method: the whole dB mel spectrogram, flattened (128 x 1292 numbers)."""
    import librosa
    import numpy as np

    y, sr = librosa.load(path, sr=22050, duration=30.0)
    db = librosa.power_to_db(librosa.feature.melspectrogram(y=y, sr=sr, n_mels=128), ref=np.max)
    db = librosa.util.fix_length(db, size=SEED_FRAMES, axis=1, constant_values=float(db.min()))
    return db.astype(np.float32).ravel()


def neighbour_metrics(vectors, labels: list[str], groups: list[str | None] | None, k: int = 10) -> dict[str, float]:
    """Precision@k by cosine (self excluded), optionally excluding same-group candidates; chance levels;
    mean and std of cosine over all distinct pairs."""
    import numpy as np

    v = np.asarray(vectors, dtype=np.float64)
    v = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    sim = v @ v.T
    n = len(v)
    lab = np.asarray(labels)
    same = lab[:, None] == lab[None, :]
    eye = np.eye(n, dtype=bool)
    iu = np.triu_indices(n, 1)
    out = {"cos_mean": float(sim[iu].mean()), "cos_std": float(sim[iu].std()), "clips": float(n)}

    def precision(excluded: np.ndarray) -> float:
        s = np.where(excluded, -np.inf, sim)
        top = np.argsort(-s, axis=1, kind="stable")[:, :k]
        return float(np.take_along_axis(same, top, axis=1).mean())

    out["p_at_10"] = precision(eye)
    out["chance"] = float(((same & ~eye).sum(axis=1) / (n - 1)).mean())
    if groups is not None:
        grp = np.asarray([g if g is not None else f"\0{i}" for i, g in enumerate(groups)])
        same_group = grp[:, None] == grp[None, :]
        out["p_at_10_excl_group"] = precision(same_group | eye)
        pool = (~same_group).sum(axis=1)
        out["chance_excl_group"] = float(((same & ~same_group).sum(axis=1) / np.maximum(pool, 1)).mean())
    return out
