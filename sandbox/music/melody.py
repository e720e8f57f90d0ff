"""Lead lines: motifs that repeat and answer each other over the changes.

A tune sounds composed, not random, mostly because its rhythm repeats and its strong beats land on
chord tones. So a phrase reuses one or two bar-long rhythms and a contour, transposed to each chord.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .harmony import Chord
from .sequencer import Note
from .timing import Grid

# A rhythm is one bar of (onset, length) in beats.
Rhythm = Sequence[tuple[float, float]]


@dataclass(frozen=True)
class ChordSpan:
    start: float  # beats
    length: float  # beats
    chord: Chord


def chord_at(spans: Sequence[ChordSpan], beat: float) -> Chord:
    for span in spans:
        if span.start <= beat < span.start + span.length:
            return span.chord
    return spans[-1].chord


@dataclass(frozen=True)
class LineSpec:
    low: int
    high: int
    rhythms: Sequence[Rhythm]
    vel: float = 0.8
    legato: float = 0.9  # fraction of the written length actually held
    leap: float = 0.15  # chance of a leap instead of a step
    bend_chance: float = 0.0  # blues bends and fiddle slides
    bend: float = 1.0
    grace_chance: float = 0.0  # celtic cuts: a quick upper neighbour before the note


_STEPS = np.array([-2, -1, 1, 2, 0])
_STEP_P = np.array([0.15, 0.32, 0.32, 0.13, 0.08])


def _snap_to_chord(idx: int, scale: np.ndarray, chord: Chord) -> int:
    tones = chord.tones()
    for delta in (0, 1, -1, 2, -2, 3, -3):
        j = idx + delta
        if 0 <= j < len(scale) and int(scale[j]) % 12 in tones:
            return j
    return idx


def _contour(rng: np.random.Generator, count: int, leap: float) -> list[int]:
    moves = []
    for _ in range(count):
        if rng.random() < leap:
            moves.append(int(rng.choice([-4, -3, 3, 4, 5])))
        else:
            moves.append(int(rng.choice(_STEPS, p=_STEP_P)))
    return moves


def line(
    rng: np.random.Generator,
    spec: LineSpec,
    *,
    grid: Grid,
    scale: np.ndarray,
    spans: Sequence[ChordSpan],
    bars: range,
    phrase_bars: int = 4,
) -> list[Note]:
    """A lead over `bars`, in phrases of `phrase_bars` shaped A A' B A'' (or A B A C)."""
    scale = scale[(scale >= spec.low) & (scale <= spec.high)]
    bpb = grid.beats_per_bar
    picks = rng.choice(len(spec.rhythms), size=3, replace=len(spec.rhythms) < 3)
    rhythm_a, rhythm_b, rhythm_c = (spec.rhythms[int(i)] for i in picks)
    form = [rhythm_a, rhythm_a, rhythm_b, rhythm_a] if rng.random() < 0.6 else [rhythm_a, rhythm_b, rhythm_a, rhythm_c]
    contour_a = _contour(rng, len(rhythm_a), spec.leap)
    idx = len(scale) // 2
    notes: list[Note] = []
    for bar in bars:
        pos = (bar - bars.start) % phrase_bars
        rhythm = form[pos % len(form)]
        contour = contour_a if rhythm is rhythm_a and rng.random() < 0.75 else _contour(rng, len(rhythm), spec.leap)
        last_bar = pos == phrase_bars - 1
        for k, (onset, length) in enumerate(rhythm):
            beat = bar * bpb + onset
            chord = chord_at(spans, beat)
            idx = int(np.clip(idx + contour[k % len(contour)], 0, len(scale) - 1))
            # Pull back towards the middle of the range so lines do not drift off an edge.
            if idx < 2 or idx > len(scale) - 3:
                idx += 2 if idx < 2 else -2
            if float(onset).is_integer() or k == 0:
                idx = _snap_to_chord(idx, scale, chord)
            hold = length * (1.6 if last_bar and k == len(rhythm) - 1 else 1.0)
            start = float(grid.time(beat)) + rng.normal(0.0, 0.006)
            end = float(grid.time(beat + hold * spec.legato))
            pitch = int(scale[idx])
            bend = spec.bend if rng.random() < spec.bend_chance else 0.0
            vel = spec.vel * (1.0 if float(onset).is_integer() else 0.85) * rng.uniform(0.85, 1.05)
            if spec.grace_chance and rng.random() < spec.grace_chance and idx + 1 < len(scale):
                grace = min(0.05, (end - start) * 0.3)
                notes.append(Note(start, grace, int(scale[idx + 1]), vel * 0.7))
                start += grace
            notes.append(Note(max(start, 0.0), max(end - start, 0.05), pitch, vel, bend))
    return notes
