"""Retrieval quality of the embedding on a labelled folder of clips (GTZAN layout: one folder per label).

    .venv/bin/python bench/quality.py --dataset ../shared/data/styles/clips --groups ../shared/data/styles/groups.csv

Embeds every clip with the product's own `clip_analyse_path` and the current version, standardises
with statistics fitted on the evaluated set itself (labels unused) or loaded with --stats, and reports
precision@10 of cosine nearest neighbours against the label (self excluded), optionally excluding
same-group neighbours, with chance levels and the spread of cosines. `--method seed` measures the seed
project's flattened dB mel spectrogram instead.
"""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import _common

# Before numpy loads: two worker processes share the two cores, and BLAS threads on top would only contend.
os.environ.update(dict.fromkeys(_common.THREAD_VARIABLES, "1"))

import numpy as np
from tqdm import tqdm

from ingest.audio import (
    EMBEDDING_VERSION,
    AudioError,
    Standardiser,
    clip_analyse_path,
    fit_standardiser,
    retain_freed_memory,
)


def _default_raw(path: Path) -> np.ndarray | str:
    try:
        return clip_analyse_path(path).raw
    except AudioError as exc:
        return exc.reason.value


def _seed(path: Path) -> np.ndarray | str:
    try:
        return _common.seed_vector(path)
    except Exception as exc:  # the seed method has no typed errors; a bad file is skipped, not fatal
        return type(exc).__name__


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset", type=Path, default=_common.DEFAULT_DATASET)
    ap.add_argument("--groups", type=Path, help="CSV with columns file (relative to DATASET, or bare name), group")
    ap.add_argument("--stats", type=Path, help="standardiser JSON to use instead of fitting on the dataset")
    ap.add_argument("--save-stats", type=Path, help="write the standardiser fitted on the dataset here")
    ap.add_argument("--method", choices=("default", "seed"), default="default")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)

    root = args.dataset.resolve()
    clips = _common.find_clips(root)
    if not clips:
        print(f"no audio files under {root}", file=sys.stderr)
        return 2
    worker = _seed if args.method == "seed" else _default_raw
    with ProcessPoolExecutor(max_workers=max(args.jobs, 1), initializer=retain_freed_memory) as pool:
        results = list(tqdm(pool.map(worker, clips, chunksize=2), total=len(clips), desc=args.method, unit="clip"))

    refused = [(c, r) for c, r in zip(clips, results, strict=True) if isinstance(r, str)]
    for clip, reason in refused:
        print(f"skipped {clip.relative_to(root)}: {reason}", file=sys.stderr)
    kept = [i for i, r in enumerate(results) if not isinstance(r, str)]
    clips = [clips[i] for i in kept]
    raw = np.stack([results[i] for i in kept])
    labels = [_common.label_of(c, root) for c in clips]
    groups = _common.load_groups(args.groups.resolve(), root, clips) if args.groups else None

    if args.method == "seed":
        vectors = raw
        print(f"method=seed dims={raw.shape[1]} (flattened dB mel spectrogram)")
    else:
        if args.stats:
            st = Standardiser.load(args.stats)
            origin = f"loaded from {args.stats} ({st.count} clips)"
        else:
            st = fit_standardiser(raw)
            origin = "fitted on this set, labels unused"
        if args.save_stats:
            st.save(args.save_stats)
        vectors = st.apply(raw)
        print(f"method=default version={EMBEDDING_VERSION} raw_dims={raw.shape[1]} standardiser {origin}")

    m = _common.neighbour_metrics(vectors, labels, groups)
    print(f"labels={len(set(labels))} clips={len(clips)} skipped={len(refused)}")
    print(f"precision@10 {m['p_at_10']:.3f} (chance {m['chance']:.3f})")
    if groups is not None:
        print(
            f"precision@10 excluding same-group neighbours {m['p_at_10_excl_group']:.3f} "
            f"(chance {m['chance_excl_group']:.3f})"
        )
    print(f"cosine over all pairs: mean {m['cos_mean']:.3f} std {m['cos_std']:.3f}")
    excl = f"{m['p_at_10_excl_group']:.3f}" if groups is not None else "nan"
    print(
        f"p_at_10={m['p_at_10']:.3f} p_at_10_excl_group={excl} chance={m['chance']:.3f} "
        f"cos_mean={m['cos_mean']:.3f} cos_std={m['cos_std']:.3f} clips={len(clips)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
