"""The demo catalogue's synthesized music, through the product's own embedding.

    .venv/bin/python bench/demo_music.py [--per-family N] [--workers W]

Renders N tracks per style family (default 100, the demo's ~1,000 tracks), encodes each to MP3 as the
preview cache does, and analyses the MP3 bytes with `ingest.audio.clip_analyse` as the ingest task does.
The embedding is standardised on this catalogue and precision@10 by cosine (self excluded) asks whether
a track's nearest neighbours are of its family. Prints per-family notes, and on its LAST line:

    ms_per_track=<render+encode, one core> p_at_10=<overall> families=<count>
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor

import _common

# Before numpy loads: each worker is one core, as a demo start-up worker is.
os.environ.update(dict.fromkeys(_common.THREAD_VARIABLES, "1"))

import numpy as np
from tqdm import tqdm

from ingest.audio import EMBEDDING_VERSION, clip_analyse, fit_standardiser
from sandbox.music import FAMILY_NAMES, render, tempo_of
from sandbox.music.cache import SAMPLE_RATE
from sandbox.music.encoding import encode_mp3

DEMO_PER_FAMILY = 100


def _job(item: tuple[str, str]) -> tuple[np.ndarray, float, float, float]:
    track_id, family = item
    start = time.perf_counter()
    data = encode_mp3(render(track_id, family, sample_rate=SAMPLE_RATE), SAMPLE_RATE)
    made = time.perf_counter() - start
    analysis = clip_analyse(data)
    return analysis.raw, made, analysis.tempo, tempo_of(track_id, family)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-family", type=int, default=DEMO_PER_FAMILY)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    if args.per_family < 11:
        print("--per-family must be at least 11 for precision@10 within a family", file=sys.stderr)
        return 2

    items = [(f"bench-{family}-{i:04d}", family) for family in FAMILY_NAMES for i in range(args.per_family)]
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        results = list(tqdm(pool.map(_job, items, chunksize=4), total=len(items), desc="render+embed", unit="track"))

    raw = np.stack([r[0] for r in results])
    made_ms = 1000.0 * np.array([r[1] for r in results])
    labels = [family for _, family in items]
    vectors = fit_standardiser(raw).apply(raw)
    overall = _common.neighbour_metrics(vectors, labels, None)

    sim = vectors @ vectors.T
    np.fill_diagonal(sim, -np.inf)
    top = np.argsort(-sim, axis=1, kind="stable")[:, :10]
    lab = np.asarray(labels)
    print(f"embedding={EMBEDDING_VERSION} tracks={len(items)} workers={args.workers}")
    print(f"{'family':14s} {'P@10':>5s} {'within cos':>14s} {'ms':>5s} {'tempo ok':>8s}  most confused with")
    for family in FAMILY_NAMES:
        rows = np.flatnonzero(lab == family)
        p10 = float((lab[top[rows]] == family).mean())
        block = sim[np.ix_(rows, rows)]
        within = block[np.isfinite(block)]
        others = lab[top[rows]][lab[top[rows]] != family]
        confused = max(set(others), key=list(others).count) if len(others) else "-"
        # The tracker may lock onto half or double the felt tempo; both count as the groove found.
        tempo_ok = np.mean(
            [any(abs(results[i][2] / (results[i][3] * k) - 1.0) < 0.06 for k in (0.5, 1.0, 2.0)) for i in rows]
        )
        print(
            f"{family:14s} {p10:5.2f} {within.mean():6.2f} ± {within.std():4.2f} {made_ms[rows].mean():5.0f}"
            f" {tempo_ok:8.0%}  {confused}"
        )
    print(f"ms_per_track={made_ms.mean():.0f} p_at_10={overall['p_at_10']:.3f} families={len(FAMILY_NAMES)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
