"""Musical time to seconds: tempo, metre and swing on one grid."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Grid:
    bpm: float
    beats_per_bar: int
    # Where the second of each pair of `swing_unit`s lands, as a fraction of the pair: 0.5 is straight,
    # 2/3 a triplet swing. Applied to eighths (unit 0.5 beat) or sixteenths (0.25).
    swing: float = 0.5
    swing_unit: float = 0.5

    @property
    def beat_s(self) -> float:
        return 60.0 / self.bpm

    @property
    def bar_s(self) -> float:
        return self.beat_s * self.beats_per_bar

    def time(self, beats: float | np.ndarray) -> np.ndarray:
        """Seconds at a position counted in beats from the start, swing applied."""
        b = np.asarray(beats, dtype=np.float64)
        pair = 2.0 * self.swing_unit
        base = np.floor(b / pair) * pair
        within = b - base
        first = within < self.swing_unit
        swung = np.where(
            first,
            within / self.swing_unit * self.swing * pair,
            self.swing * pair + (within - self.swing_unit) / self.swing_unit * (1.0 - self.swing) * pair,
        )
        return (base + swung) * self.beat_s

    def bars_for(self, seconds: float) -> int:
        return int(np.ceil(seconds / self.bar_s)) + 1
