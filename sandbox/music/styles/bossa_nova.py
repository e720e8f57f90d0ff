"""Bossa nova: nylon guitar with a syncopated thumb-and-fingers pattern, rim clicks, a soft lead."""

from __future__ import annotations

from .. import drums
from ..harmony import bass_note, scale_pitches
from ..instruments import FM, Pluck, Wave
from ..melody import LineSpec, line
from ..sequencer import Note
from ..timing import Grid
from .common import Song, comp, grid_hits, root_of, spans_for

PROGRESSIONS = (
    ("major", "Imaj7 Imaj7 II7 II7 ii7 V7 Imaj7 V7"),
    ("major", "Imaj7 vi7 ii7 V7"),
    ("major", "ii7 V7 Imaj7 IVmaj7"),
    ("major", "Imaj7 bIIImaj7 ii7 V7"),
    ("major", "IVmaj7 iii7 ii7 Imaj7"),
    ("minor", "i7 iv7 iiø V7"),
    ("minor", "i6 i6 iv7 V7"),
)
# The guitar's right hand over two bars, after the Joao Gilberto pattern and two common variants.
GUITAR = (
    (((0, 0.5), (1, 0.5), (2.5, 0.5), (3.5, 0.5)), ((0.5, 0.5), (2, 0.5), (3, 0.5))),
    (((0, 0.5), (1.5, 0.5), (2.5, 0.5), (3.5, 0.5)), ((0.5, 0.5), (1.5, 0.5), (3, 1))),
    (((0.5, 0.5), (1.5, 0.5), (2.5, 0.5)), ((0, 0.5), (1, 0.5), (2.5, 0.5), (3.5, 0.5))),
)
RIM = (("x..x..x.", "..x..x.."), ("x..x...x", "..x.x..."))
MELODY = (
    ((0, 1.5), (1.5, 1.0), (2.5, 1.5)),
    ((0, 0.5), (0.5, 0.5), (1, 0.5), (1.5, 1.0), (2.5, 0.5), (3, 1.0)),
    ((0.5, 1.0), (1.5, 0.5), (2, 2.0)),
    ((0, 1.0), (1, 1.0), (2, 1.5), (3.5, 0.5)),
    ((0, 3.0), (3, 0.5), (3.5, 0.5)),
)


def arrange(song: Song) -> None:
    song.grid = Grid(song.grid.bpm, 4, swing=song.uniform(0.5, 0.54), swing_unit=0.25)
    mode, symbols = song.pick(PROGRESSIONS)
    spans = spans_for(song, symbols, 4.0 if song.chance(0.7) else 8.0)
    mix, sr = song.mix, song.sr

    guitar = Pluck(
        brightness=song.uniform(0.1, 0.35),
        sustain=song.uniform(0.7, 1.4),
        position=song.uniform(0.12, 0.25),
        seed=song.seed,
    )
    pattern = song.pick(GUITAR)
    chords: list[Note] = []
    for bar in range(song.bars):
        chords += comp(
            song, spans, pattern[bar % 2], low=53, high=70, size=4, vel=0.55, strum=0.012, bars=range(bar, bar + 1)
        )
    thumb = []
    for bar in range(song.bars):
        for beat, fifth in ((0, False), (2, True)):
            chord = root_of(spans, bar * 4 + beat)
            pitch = bass_note(chord.root + (7 if fifth else 0), low=38)
            thumb.append(Note(float(song.grid.time(bar * 4 + beat)), song.grid.beat_s * 1.8, pitch, 0.8))
    mix.add(song.notes(chords + thumb, guitar, release=0.12), gain=0.5, send=0.25)

    if song.chance(0.6):
        upright = Pluck(brightness=0.05, sustain=1.5, position=0.3, seed=song.seed + 1)
        bass = []
        for bar in range(song.bars):
            for onset, length, fifth in ((0, 1.5, False), (1.5, 0.5, False), (2, 1.5, True), (3.5, 0.5, True)):
                chord = root_of(spans, bar * 4 + onset)
                t = float(song.grid.time(bar * 4 + onset))
                bass.append(Note(t, length * song.grid.beat_s * 0.9, bass_note(chord.root + (7 if fifth else 0)), 0.8))
        mix.add(song.notes(bass, upright), gain=0.45, send=0.05)

    rim_pattern = song.pick(RIM)
    rim = grid_hits(song, lambda bar: rim_pattern[bar % 2])
    mix.add(song.hits(rim, drums.rim(song.rng, sr, tone=song.uniform(1400, 2100))), gain=0.22, send=0.2)
    shaker_pat = song.pick(("xoxo" * 4, "Xoxo" * 4, "x.xo" * 4))
    shaker = grid_hits(song, lambda bar: shaker_pat)
    mix.add(song.hits(shaker, drums.shaker(song.rng, sr, length=song.uniform(0.05, 0.09))), gain=0.12, send=0.1)
    kick = grid_hits(song, lambda bar: "x..o x..o")
    mix.add(
        song.hits(kick, drums.kick(song.rng, sr, tune=song.uniform(45, 60), punch=1.5, decay=0.25)), gain=0.35, send=0.0
    )

    lead_voice = song.pick(("flute", "vibes", "keys"))
    if lead_voice == "flute":
        voice = Wave(
            "flute",
            attack=0.06,
            decay=0.3,
            sustain=0.85,
            vibrato_cents=song.uniform(10, 25),
            breath=0.25,
            seed=song.seed,
        )
    elif lead_voice == "vibes":
        voice = FM(ratio=4.0, index=song.uniform(0.4, 1.0), index_tau=0.05, tau=1.4, tremolo=song.uniform(0.2, 0.4))
    else:
        voice = FM(ratio=1.0, index=song.uniform(1.0, 2.0), index_tau=0.4, tau=1.2, tine=0.4)
    spec = LineSpec(low=67, high=86, rhythms=MELODY, vel=0.7, legato=0.85, leap=0.2)
    scale = scale_pitches(song.key, "harmonic_minor" if mode == "minor" else "major", 60, 96)
    start = song.pick((1, 2, 4))
    lead = line(song.rng, spec, grid=song.grid, scale=scale, spans=spans, bars=range(start, song.bars))
    mix.add(song.notes(lead, voice, release=0.15), gain=0.3, send=0.35)

    song.reverb_seconds = song.uniform(1.0, 1.6)
    song.reverb_damping = 4500.0
