"""Events on a timeline: pitched notes rendered by a voice, drum hits placing a one-shot sample."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Note:
    start: float  # seconds
    dur: float  # seconds the key is held; the voice's release rings on after it
    pitch: float  # MIDI number
    vel: float = 0.8
    bend: float = 0.0  # semitones reached early in the note (blues bends, fiddle scoops)


# A voice turns (pitch, bend, seconds, sample rate) into a raw tone that already carries its attack
# and natural decay; the sequencer only cuts it at the note's end.
Voice = Callable[[float, float, float, int], np.ndarray]


def _release_ramp(n: int) -> np.ndarray:
    return np.linspace(1.0, 0.0, n) ** 2


def place_notes(notes: Iterable[Note], voice: Voice, *, n: int, sr: int, release: float = 0.08) -> np.ndarray:
    """Mix notes into a mono buffer, rendering each distinct pitch once.

    Songs repeat a small set of pitches hundreds of times; rendering per (pitch, bend) at the longest
    needed length and slicing it is what makes per-note synthesis (plucked strings especially) affordable.
    """
    buf = np.zeros(n, dtype=np.float64)
    groups: dict[tuple[float, float], list[Note]] = defaultdict(list)
    for note in notes:
        if note.start < n / sr and note.dur > 0:
            groups[(round(note.pitch, 3), round(note.bend, 3))].append(note)
    n_rel = max(1, int(release * sr))
    ramp = _release_ramp(n_rel)
    for (pitch, bend), group in groups.items():
        longest = max(note.dur for note in group) + release
        raw = voice(pitch, bend, longest, sr)
        for note in group:
            i0 = max(0, round(note.start * sr))
            gate = int(note.dur * sr)
            length = min(len(raw), gate + n_rel, n - i0)
            if length <= 0:
                continue
            seg = raw[:length] * note.vel
            if gate < length:
                seg[gate:] *= ramp[: length - gate]
            buf[i0 : i0 + length] += seg
    return buf


@dataclass(frozen=True, slots=True)
class Hit:
    time: float  # seconds
    vel: float = 0.8


def place_hits(hits: Iterable[Hit], samples: Sequence[np.ndarray], *, n: int, sr: int) -> np.ndarray:
    """Mix one-shots; cycling through a few takes of the sample avoids the machine-gun effect."""
    buf = np.zeros(n, dtype=np.float64)
    for i, hit in enumerate(hits):
        sample = samples[i % len(samples)]
        i0 = round(hit.time * sr)
        if i0 >= n or i0 < 0:
            continue
        length = min(len(sample), n - i0)
        buf[i0 : i0 + length] += sample[:length] * hit.vel
    return buf
