"""The entry point: a 30 s preview in a style family, fully determined by the track id."""

from __future__ import annotations

import numpy as np

from .effects import reverb_ir
from .families import FAMILY_BY_NAME
from .mixing import Mix
from .seeding import rng_for
from .styles import arranger_for
from .styles.common import Song
from .timing import Grid


def render(track_id: str, family: str, *, sample_rate: int = 22050, seconds: float = 30.0) -> np.ndarray:
    """Mono float32 samples shaped (frames,), peak under -1 dBFS, RMS around -16 to -19 dBFS.

    Mono on purpose: previews are heard through a browser's <audio> and analysed as mono, and MP3
    encoding (the slowest step) costs half as much.

    The same (track_id, family, sample_rate, seconds) always gives the same samples on a given
    platform, so previews can be cached or re-rendered at will.
    """
    arrange = arranger_for(family)
    spec = FAMILY_BY_NAME[family]
    rng = rng_for(track_id, family)
    n = round(seconds * sample_rate)
    bpm = float(rng.uniform(*spec.bpm))
    song = Song(
        family=spec,
        rng=rng,
        sr=sample_rate,
        n=n,
        grid=Grid(bpm, spec.beats_per_bar),
        key=int(rng.integers(12)),
        mix=Mix(n, sample_rate),
        seed=int(rng.integers(2**31)),
    )
    arrange(song)
    ir = reverb_ir(
        rng_for(track_id, family, salt="room"), sample_rate, seconds=song.reverb_seconds, damping=song.reverb_damping
    )
    return song.mix.master(ir, target_rms_db=song.target_rms_db)


def tempo_of(track_id: str, family: str) -> float:
    """The tempo `render` picks for a track, for tests and the catalogue's metadata."""
    return float(rng_for(track_id, family).uniform(*FAMILY_BY_NAME[family].bpm))
