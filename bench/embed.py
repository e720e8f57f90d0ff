"""Throughput of the per-clip path the product runs: decode + spectrogram PNG + embedding, one thread.

    .venv/bin/python bench/embed.py [--dataset DIR] [--limit N]

Times `clip_analyse` (bytes in, as the Celery task calls it) + `spectrogram_png` + `Standardiser.apply`
on every clip, and beside it in the same run the naive tutorial path (`librosa.load`, then each feature
from the signal with its own STFT) producing the same PNG and embedding. Warm-up clips (JIT, caches,
page cache) are excluded from both timings. Checks that both paths give the same raw vectors.

The last line is `ms_per_clip=... baseline_ms_per_clip=... speedup=... clips=...` and more keys; ms are
CPU milliseconds of this single-threaded process (wall-clock figures are printed beside them).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import _common

# Before numpy loads: BLAS and numba size their thread pools once, at import.
os.environ.update(dict.fromkeys(_common.THREAD_VARIABLES, "1"))

import numpy as np
from tqdm import tqdm

from ingest.audio import EMBEDDING_VERSION, clip_analyse, fit_standardiser, retain_freed_memory, spectrogram_png

WARMUP = 3


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset", type=Path, default=_common.DEFAULT_DATASET)
    ap.add_argument("--limit", type=int, default=0, help="time only the first N clips (0: all)")
    ap.add_argument(
        "--default-malloc",
        action="store_true",
        help="skip retain_freed_memory(), the worker-start call the product's Celery worker should make",
    )
    args = ap.parse_args(argv)
    tuned = False if args.default_malloc else retain_freed_memory()

    clips = _common.find_clips(args.dataset.resolve())
    if args.limit:
        clips = clips[: args.limit]
    if not clips:
        print(f"no audio files under {args.dataset}", file=sys.stderr)
        return 2

    # Apply needs statistics; these come from the warm-up clips and only have to be realistic in cost
    # (stacked twice with an offset so that even one warm-up clip gives two rows and no zero std).
    warm = [clip_analyse(p.read_bytes()) for p in clips[:WARMUP]]
    for p in clips[:WARMUP]:
        spectrogram_png(_common.naive_analysis(p)[0])
    provisional = fit_standardiser(np.stack([a.raw for a in warm] * 2) + np.arange(2 * len(warm))[:, None])

    # Both paths run clip by clip, alternately, so a burst of other work on the machine hits both alike.
    # CPU time (process-wide, so hidden helper threads would count too) is the headline: it is what one
    # core spends per clip, and unlike wall time it does not grow while other processes hold the core.
    fast_raw, naive_raw = [], []
    cpu = {"product": 0.0, "naive": 0.0}
    wall = {"product": 0.0, "naive": 0.0}
    for path in tqdm(clips, desc="product + naive", unit="clip", mininterval=1.0):
        w0, c0 = time.perf_counter(), time.process_time()
        analysis = clip_analyse(path.read_bytes())
        png = spectrogram_png(analysis.logmel)
        provisional.apply(analysis.raw)
        cpu["product"] += time.process_time() - c0
        wall["product"] += time.perf_counter() - w0
        fast_raw.append(analysis.raw)
        assert png

        w0, c0 = time.perf_counter(), time.process_time()
        logmel, raw = _common.naive_analysis(path)
        png = spectrogram_png(logmel)
        provisional.apply(raw)
        cpu["naive"] += time.process_time() - c0
        wall["naive"] += time.perf_counter() - w0
        naive_raw.append(raw)
        assert png

    fast = np.stack(fast_raw).astype(np.float64)
    naive = np.stack(naive_raw).astype(np.float64)
    rel = np.linalg.norm(fast - naive, axis=1) / np.maximum(np.linalg.norm(naive, axis=1), 1e-12)
    cosines = np.ones(len(clips))
    if len(clips) >= 2:
        st = fit_standardiser(fast)
        cosines = np.sum(st.apply(fast) * st.apply(naive), axis=1)
        worst_z = np.abs((fast - naive) / st.std).max()
    else:
        worst_z = float("nan")

    n = len(clips)
    ms, base_ms = 1000 * cpu["product"] / n, 1000 * cpu["naive"] / n
    wall_ms, wall_base_ms = 1000 * wall["product"] / n, 1000 * wall["naive"] / n
    print(f"version={EMBEDDING_VERSION} clips={n} threads=1 warmup={WARMUP} (excluded) retain_freed_memory={tuned}")
    print(f"product path: {ms:.1f} ms/clip CPU, {wall_ms:.1f} ms/clip wall ({1000 / ms:.1f} clips/s)")
    print(f"naive path:   {base_ms:.1f} ms/clip CPU, {wall_base_ms:.1f} ms/clip wall ({1000 / base_ms:.1f} clips/s)")
    print(
        f"raw vectors, product vs naive: max relative L2 difference {rel.max():.2e}, "
        f"largest single-dimension gap {worst_z:.2e} catalogue std, "
        f"min cosine of standardised embeddings {cosines.min():.6f} (clip {clips[int(np.argmin(cosines))].name}), "
        f"median {np.median(cosines):.6f}"
    )
    print(
        f"ms_per_clip={ms:.1f} baseline_ms_per_clip={base_ms:.1f} speedup={base_ms / ms:.2f} clips={n} "
        f"clips_per_s={1000 / ms:.1f} wall_ms_per_clip={wall_ms:.1f} wall_baseline_ms_per_clip={wall_base_ms:.1f} "
        f"max_rel_diff={rel.max():.2e} min_cosine={cosines.min():.6f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
