"""What every style shares: the song context, looping progressions, drum grids, comping and fills."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .. import drums
from ..families import Family
from ..harmony import Chord, progression, voicing
from ..melody import ChordSpan, Rhythm
from ..mixing import Mix
from ..sequencer import Hit, Note, Voice, place_hits, place_notes
from ..timing import Grid


@dataclass
class Song:
    family: Family
    rng: np.random.Generator
    sr: int
    n: int
    grid: Grid
    key: int
    mix: Mix
    seed: int
    # Filled by the arranger: room size in seconds and loudness, which differ by genre.
    reverb_seconds: float = 1.2
    reverb_damping: float = 5000.0
    target_rms_db: float = -17.0
    kick_times: list[float] = field(default_factory=list)

    @property
    def bars(self) -> int:
        return self.grid.bars_for(self.n / self.sr)

    @property
    def bpb(self) -> int:
        return self.grid.beats_per_bar

    def uniform(self, low: float, high: float) -> float:
        return float(self.rng.uniform(low, high))

    def pick[T](self, options: Sequence[T]) -> T:
        return options[int(self.rng.integers(len(options)))]

    def chance(self, p: float) -> bool:
        return bool(self.rng.random() < p)

    def notes(self, notes: list[Note], voice: Voice, *, release: float = 0.08) -> np.ndarray:
        return place_notes(notes, voice, n=self.n, sr=self.sr, release=release)

    def hits(self, hits: list[Hit], samples: Sequence[np.ndarray]) -> np.ndarray:
        return place_hits(hits, samples, n=self.n, sr=self.sr)


def spans_for(song: Song, symbols: str, beats_per_chord: float) -> list[ChordSpan]:
    """Loop a progression over the whole preview."""
    chords = progression(symbols, song.key)
    total = song.bars * song.bpb
    spans = []
    beat = 0.0
    i = 0
    while beat < total:
        spans.append(ChordSpan(beat, beats_per_chord, chords[i % len(chords)]))
        beat += beats_per_chord
        i += 1
    return spans


def grid_hits(
    song: Song,
    pattern_for_bar: Callable[[int], str],
    *,
    jitter: float = 0.004,
    vel_jitter: float = 0.08,
    bars: range | None = None,
) -> list[Hit]:
    """One pattern string per bar; its length sets the step size (16 steps in 4/4 = sixteenths)."""
    hits = []
    for bar in bars if bars is not None else range(song.bars):
        pattern = pattern_for_bar(bar)
        cells = len([c for c in pattern if c != " "])
        if not cells:
            continue
        step_beats = song.bpb / cells
        for step, vel in drums.steps(pattern):
            t = float(song.grid.time(bar * song.bpb + step * step_beats)) + song.rng.normal(0.0, jitter)
            hits.append(Hit(max(t, 0.0), vel * float(np.clip(song.rng.normal(1.0, vel_jitter), 0.5, 1.2))))
    return hits


def fill_bar(song: Song, bar: int, *, beats: float = 1.0, division: int = 4) -> list[Hit]:
    """A crescendo of strokes through the last `beats` of a bar, leading into the next phrase."""
    count = int(beats * division)
    start = (bar + 1) * song.bpb - beats
    hits = []
    for k in range(count):
        t = float(song.grid.time(start + k / division)) + song.rng.normal(0.0, 0.003)
        hits.append(Hit(t, 0.45 + 0.5 * k / max(count - 1, 1)))
    return hits


def comp(
    song: Song,
    spans: Sequence[ChordSpan],
    rhythm: Rhythm,
    *,
    low: int,
    high: int,
    size: int = 4,
    vel: float = 0.6,
    strum: float = 0.0,
    legato: float = 0.9,
    bars: range | None = None,
) -> list[Note]:
    """Chords played to a one-bar rhythm, voice-led; `strum` spreads a chord's notes in seconds."""
    notes: list[Note] = []
    previous: list[int] | None = None
    cache: dict[int, list[int]] = {}
    for bar in bars if bars is not None else range(song.bars):
        for onset, length in rhythm:
            beat = bar * song.bpb + onset
            span = next((s for s in spans if s.start <= beat < s.start + s.length), spans[-1])
            key = id(span)
            if key not in cache:
                cache[key] = voicing(span.chord, previous, low=low, high=high, size=size)
                previous = cache[key]
            chord_notes = cache[key]
            t0 = float(song.grid.time(beat)) + song.rng.normal(0.0, 0.005)
            t1 = float(song.grid.time(beat + length * legato))
            accent = vel * (1.0 if float(onset).is_integer() else 0.88) * song.uniform(0.9, 1.05)
            down = song.chance(0.7)
            for i, pitch in enumerate(chord_notes if down else reversed(chord_notes)):
                offset = i * strum
                notes.append(Note(max(t0 + offset, 0.0), max(t1 - t0 - offset, 0.04), pitch, accent * (1 - 0.05 * i)))
    return notes


def root_of(spans: Sequence[ChordSpan], beat: float) -> Chord:
    return next((s.chord for s in spans if s.start <= beat < s.start + s.length), spans[-1].chord)
