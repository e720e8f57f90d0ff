"""Keys, modes, chords and progressions written in roman numerals, with voice-led voicings."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

MODES: dict[str, tuple[int, ...]] = {
    "major": (0, 2, 4, 5, 7, 9, 11),
    "minor": (0, 2, 3, 5, 7, 8, 10),
    "dorian": (0, 2, 3, 5, 7, 9, 10),
    "mixolydian": (0, 2, 4, 5, 7, 9, 10),
    "lydian": (0, 2, 4, 6, 7, 9, 11),
    "harmonic_minor": (0, 2, 3, 5, 7, 8, 11),
    "blues": (0, 3, 5, 6, 7, 10),
    "minor_pentatonic": (0, 3, 5, 7, 10),
    "major_pentatonic": (0, 2, 4, 7, 9),
}

QUALITIES: dict[str, tuple[int, ...]] = {
    "maj": (0, 4, 7),
    "min": (0, 3, 7),
    "dim": (0, 3, 6),
    "5": (0, 7, 12),
    "sus2": (0, 2, 7),
    "sus4": (0, 5, 7),
    "add9": (0, 4, 7, 14),
    "6": (0, 4, 7, 9),
    "m6": (0, 3, 7, 9),
    "7": (0, 4, 7, 10),
    "maj7": (0, 4, 7, 11),
    "m7": (0, 3, 7, 10),
    "m7b5": (0, 3, 6, 10),
    "9": (0, 4, 10, 14),
    "maj9": (0, 4, 11, 14),
    "m9": (0, 3, 10, 14),
    "13": (0, 4, 10, 21),
    "7#9": (0, 4, 10, 15),
    "maj7#11": (0, 4, 11, 18),
    "m11": (0, 3, 10, 17),
}

_NUMERALS = {"i": 0, "ii": 1, "iii": 2, "iv": 3, "v": 4, "vi": 5, "vii": 6}
_MAJOR = MODES["major"]
_ROMAN = re.compile(r"^(?P<acc>[b#]?)(?P<num>VII|VI|V|IV|III|II|I|vii|vi|v|iv|iii|ii|i)(?P<q>.*)$")
_UPPER_DEFAULTS = {"": "maj", "7": "7"}
_LOWER_DEFAULTS = {"": "min", "7": "m7", "9": "m9", "6": "m6", "o": "dim", "ø": "m7b5", "11": "m11"}


@dataclass(frozen=True)
class Chord:
    root: int  # pitch class relative to C, key already applied
    quality: str

    @property
    def intervals(self) -> tuple[int, ...]:
        return QUALITIES[self.quality]

    def tones(self) -> set[int]:
        return {(self.root + i) % 12 for i in self.intervals}


def parse_roman(symbol: str, key: int) -> Chord:
    """'ii7' -> D minor seventh in C. Upper case is major-based, lower case minor-based; the
    degree counts from the major scale, so 'bVII' is a whole step below the tonic in any mode."""
    m = _ROMAN.match(symbol)
    if not m:
        raise ValueError(f"not a roman numeral chord: {symbol!r}")
    num = m["num"]
    root = _MAJOR[_NUMERALS[num.lower()]] + {"b": -1, "#": 1, "": 0}[m["acc"]]
    q = m["q"]
    defaults = _UPPER_DEFAULTS if num.isupper() else _LOWER_DEFAULTS
    quality = defaults.get(q, q)
    if quality not in QUALITIES:
        raise ValueError(f"unknown chord quality in {symbol!r}")
    return Chord((key + root) % 12, quality)


def progression(symbols: str, key: int) -> list[Chord]:
    return [parse_roman(s, key) for s in symbols.split()]


def voicing(chord: Chord, previous: list[int] | None, *, low: int, high: int, size: int = 4) -> list[int]:
    """Close voicing in [low, high], choosing the inversion nearest the previous chord so inner voices
    move by steps, the way a pianist or guitarist actually changes chords."""
    pcs = [(chord.root + i) % 12 for i in chord.intervals][:size]
    candidates: list[list[int]] = []
    for bass_pc_index in range(len(pcs)):
        rotated = pcs[bass_pc_index:] + pcs[:bass_pc_index]
        start = low + ((rotated[0] - low) % 12)
        for octave in (12, 24):
            notes = []
            cur = start + octave - 12
            for pc in rotated:
                cur = cur + ((pc - cur) % 12 or (12 if notes else 0))
                notes.append(cur)
            if notes[0] >= low and notes[-1] <= high:
                candidates.append(notes)
    if not candidates:
        base = low + ((pcs[0] - low) % 12)
        return sorted(base + ((pc - pcs[0]) % 12) for pc in pcs)
    if previous is None:
        mid = (low + high) / 2
        return min(candidates, key=lambda c: abs(float(np.mean(c)) - mid))
    return min(candidates, key=lambda c: sum(min(abs(a - b) for b in previous) for a in c))


def scale_pitches(key: int, mode: str, low: int, high: int) -> np.ndarray:
    pcs = {(key + i) % 12 for i in MODES[mode]}
    return np.array([p for p in range(low, high + 1) if p % 12 in pcs])


def bass_note(pc: int, low: int = 28) -> int:
    """The chord root in the bass register, E1..D#2 by default."""
    return low + ((pc - low) % 12)
