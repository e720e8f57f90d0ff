"""Folk waltz: steel-string guitar in oom-pah-pah or arpeggios, an accordion tune, a light touch of percussion."""

from __future__ import annotations

from .. import drums
from ..harmony import bass_note, scale_pitches, voicing
from ..instruments import Pluck, Wave
from ..melody import LineSpec, line
from ..sequencer import Note
from ..timing import Grid
from .common import Song, comp, grid_hits, root_of, spans_for

PROGRESSIONS = (
    ("major", "I IV V I"),
    ("major", "I I IV I V V I I"),
    ("major", "I vi IV V"),
    ("major", "I IV I V"),
    ("major", "I iii IV V"),
    ("harmonic_minor", "i iv V i"),
    ("harmonic_minor", "i VI iv V"),
)
TUNES = (
    ((0, 2.0), (2, 1.0)),
    ((0, 1.0), (1, 1.0), (2, 1.0)),
    ((0, 1.5), (1.5, 0.5), (2, 1.0)),
    ((0, 3.0),),
    ((0, 1.0), (1, 0.5), (1.5, 0.5), (2, 1.0)),
)
# Eighth-note arpeggio orders over a chord voiced low to high (0 = bass note).
ARPEGGIOS = ((0, 2, 1, 2, 3, 2), (0, 1, 2, 3, 2, 1), (0, 2, 3, 2, 1, 2))


def arrange(song: Song) -> None:
    song.grid = Grid(song.grid.bpm, 3)
    mode, symbols = song.pick(PROGRESSIONS)
    spans = spans_for(song, symbols, 3.0 * song.pick((1, 1, 2)))
    mix, sr, bars = song.mix, song.sr, song.bars

    guitar = Pluck(
        brightness=song.uniform(0.5, 0.85),
        sustain=song.uniform(1.0, 2.0),
        position=song.uniform(0.1, 0.2),
        seed=song.seed,
    )
    notes: list[Note] = []
    if song.chance(0.5):
        for bar in range(bars):
            chord = root_of(spans, bar * 3)
            root = bass_note(chord.root + (7 if bar % 2 else 0), low=40)
            notes.append(Note(float(song.grid.time(bar * 3)), song.grid.beat_s * 0.95, root, 0.9))
        notes += comp(song, spans, ((1, 0.7), (2, 0.7)), low=52, high=67, size=3, vel=0.5, strum=0.015)
    else:
        order = song.pick(ARPEGGIOS)
        previous = None
        for bar in range(bars):
            chord = root_of(spans, bar * 3)
            previous = voicing(chord, previous, low=52, high=69, size=3)
            tones = [bass_note(chord.root, low=40), *previous]
            for k, idx in enumerate(order):
                t = float(song.grid.time(bar * 3 + k * 0.5)) + song.rng.normal(0.0, 0.004)
                notes.append(Note(t, song.grid.beat_s * 1.4, tones[idx], 0.75 if k else 0.9))
    mix.add(song.notes(notes, guitar, release=0.15), gain=0.5, send=0.25)

    if song.chance(0.5):
        stomp = grid_hits(song, lambda b: "x..")
        mix.add(
            song.hits(stomp, drums.kick(song.rng, sr, tune=song.uniform(55, 75), punch=1.0, decay=0.15)),
            gain=0.4,
            send=0.2,
        )
    shaker = grid_hits(song, lambda b: song.pick((".xx", ".x.x.x", "..x.x.")), vel_jitter=0.15)
    perc = drums.shaker(song.rng, sr, length=0.08) if song.chance(0.6) else drums.brush(song.rng, sr, length=0.12)
    mix.add(song.hits(shaker, perc), gain=0.12, send=0.2)

    accordion = Wave(
        "reed",
        voices=2,
        detune_cents=song.uniform(6, 18),
        attack=0.05,
        decay=0.4,
        sustain=0.85,
        vibrato_rate=5.0,
        vibrato_cents=song.uniform(0, 8),
        cutoff=song.uniform(2500, 4500),
        seed=song.seed + 1,
    )
    spec = LineSpec(low=64, high=84, rhythms=TUNES, vel=0.7, legato=0.95, leap=0.2)
    scale = scale_pitches(song.key, mode, 55, 90)
    start = song.pick((0, 2, 4))
    tune = line(song.rng, spec, grid=song.grid, scale=scale, spans=spans, bars=range(start, bars))
    if song.chance(0.5):  # the accordion's left hand: soft chords on the pah-pahs
        tune += comp(song, spans, ((1, 0.8), (2, 0.8)), low=55, high=70, size=3, vel=0.25, legato=0.8)
    mix.add(song.notes(tune, accordion, release=0.1), gain=0.32, send=0.3)

    if song.chance(0.5):
        upright = Pluck(brightness=0.05, sustain=1.2, position=0.3, seed=song.seed + 2)
        bass = [
            Note(float(song.grid.time(b * 3)), song.grid.beat_s * 1.5, bass_note(root_of(spans, b * 3).root), 0.8)
            for b in range(bars)
        ]
        mix.add(song.notes(bass, upright), gain=0.4, send=0.05)

    song.reverb_seconds = song.uniform(1.2, 2.0)
    song.target_rms_db = -18.0
