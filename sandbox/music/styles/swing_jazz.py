"""Swing jazz: ride cymbal and hi-hat on 2 and 4, a walking bass, comping piano, a horn over ii-V-Is."""

from __future__ import annotations

from .. import drums, dsp
from ..harmony import bass_note, scale_pitches
from ..instruments import FM, Pluck, Wave
from ..melody import LineSpec, line
from ..sequencer import Hit, Note
from ..timing import Grid
from .common import Song, comp, grid_hits, root_of, spans_for

PROGRESSIONS = (
    ("major", "ii7 V7 Imaj7 Imaj7", 4.0),
    ("major", "Imaj7 vi7 ii7 V7", 4.0),
    ("major", "iii7 VI7 ii7 V7", 4.0),
    ("major", "Imaj7 VI7 ii7 V7", 2.0),
    ("major", "ii7 V7 iii7 VI7 ii7 V7 Imaj7 Imaj7", 4.0),
    ("minor", "iiø V7 i7 i7", 4.0),
)
COMPING = (
    ((0, 1.5), (1.5, 0.5)),  # Charleston
    ((1.5, 0.5), (3, 1.0)),
    ((0.5, 0.5), (2.5, 1.0)),
    ((1, 0.5), (3.5, 0.5)),
)
LINES = (
    tuple((i * 0.5, 0.5) for i in range(8)),
    ((0, 0.5), (0.5, 0.5), (1, 0.5), (1.5, 0.5), (2, 1.0), (3.5, 0.5)),
    ((0.5, 0.5), (1, 0.5), (1.5, 0.5), (2, 0.5), (2.5, 1.5)),
    ((0, 1.5), (1.5, 0.5), (2, 0.5), (2.5, 0.5), (3, 1.0)),
    ((1, 0.5), (1.5, 0.5), (2, 0.5), (2.5, 0.5), (3, 0.5), (3.5, 0.5)),
)


def walking_bass(song: Song, spans: list) -> list[Note]:
    """Chord tones on the strong beats, scale steps between, a chromatic approach into each change."""
    notes: list[Note] = []
    for bar in range(song.bars):
        for beat in range(4):
            pos = bar * 4 + beat
            chord = root_of(spans, pos)
            nxt = root_of(spans, pos + 1)
            root = bass_note(chord.root, low=31)
            if beat == 0:
                pitch = root
            elif nxt != chord or beat == 3:
                target = bass_note(nxt.root, low=31)
                pitch = target + song.pick((-1, 1, -1, 7 - 12))
            else:
                pitch = root + song.pick((*chord.intervals[1:3], 2, 5))
            t = float(song.grid.time(pos)) + song.rng.normal(0.0, 0.004)
            notes.append(Note(t, song.grid.beat_s * 0.85, pitch, 0.9 if beat % 2 == 0 else 0.8))
    return notes


def arrange(song: Song) -> None:
    song.grid = Grid(song.grid.bpm, 4, swing=song.uniform(0.62, 0.68), swing_unit=0.5)
    mode, symbols, per_chord = song.pick(PROGRESSIONS)
    spans = spans_for(song, symbols, per_chord)
    mix, sr, bars = song.mix, song.sr, song.bars

    brushes = song.chance(0.35)
    if brushes:  # brushes: a swishing stir on every swung eighth and a slap on two and four
        stir = grid_hits(song, lambda b: "xoxoxoxo", vel_jitter=0.2)
        slap = grid_hits(song, lambda b: "..X...X.")
        mix.add(song.hits(stir, drums.brush(song.rng, sr, length=song.uniform(0.15, 0.3))), gain=0.25, send=0.25)
        mix.add(song.hits(slap, drums.snare(song.rng, sr, tone=230.0, snappy=0.8, decay=0.1)), gain=0.2, send=0.25)
    else:
        ride_p = song.pick(("x.Xxx.Xx", "x.X.x.Xx", "X.xxX.xx"))
        ride = grid_hits(song, lambda b: ride_p if song.chance(0.8) else "x.Xxx.Xx", jitter=0.003)
        cymbal = drums.ride(song.rng, sr, decay=song.uniform(0.7, 1.2), ping=song.uniform(0.3, 0.7))
        mix.add(song.hits(ride, cymbal), gain=song.uniform(0.22, 0.34), send=0.2)
        comp_snare = [
            Hit(float(song.grid.time(b * 4 + e * 0.5)), song.uniform(0.15, 0.45))
            for b in range(bars)
            for e in range(8)
            if song.chance(0.12)
        ]
        mix.add(song.hits(comp_snare, drums.snare(song.rng, sr, tone=220.0, snappy=0.5)), gain=0.3, send=0.2)
    chick = grid_hits(song, lambda b: "..x...x.")
    mix.add(song.hits(chick, drums.hat(song.rng, sr, decay=0.02, tone=0.7)), gain=0.18, send=0.1)
    feather = grid_hits(song, lambda b: "o.o.o.o.", vel_jitter=0.2)
    feather_kit = drums.kick(song.rng, sr, tune=song.uniform(55, 70), punch=1.0, decay=0.2)
    mix.add(song.hits(feather, feather_kit), gain=0.35, send=0.1)

    upright = Pluck(brightness=song.uniform(0.02, 0.12), sustain=song.uniform(0.6, 1.2), position=0.3, seed=song.seed)
    walk = walking_bass(song, spans)
    two_feel = song.pick((0, 0, 4, 8))  # bars in "two" (half notes) before the bass starts walking
    walk = [n for n in walk if n.start >= two_feel * song.grid.bar_s or round(n.start / song.grid.beat_s) % 2 == 0]
    mix.add(song.notes(walk, upright, release=0.05), gain=0.75, send=0.05)

    comper = song.pick(("piano", "piano", "rhodes", "guitar"))
    if comper == "guitar":  # Freddie Green: four even strums a bar, short and dry
        keys = Pluck(brightness=song.uniform(0.3, 0.5), sustain=0.4, position=0.2, seed=song.seed + 4)
        pattern = tuple((k, 0.45) for k in range(4))
    else:
        if comper == "piano":
            keys = FM(
                ratio=1.0, index=song.uniform(0.8, 1.6), index_tau=0.15, tau=song.uniform(0.8, 1.5), detune_cents=3.0
            )
        else:
            keys = FM(ratio=1.0, index=1.8, index_tau=0.4, tau=1.4, tine=0.35, tremolo=0.15)
        pattern = song.pick(COMPING)
    chords = comp(song, spans, pattern, low=50, high=70, size=4, vel=0.45, strum=0.004, legato=0.7)
    mix.add(song.notes(chords, keys, release=0.1), gain=song.uniform(0.35, 0.5), send=0.2)

    horn = song.pick(("trumpet", "tenor", "vibes", "clarinet", "piano"))
    if horn == "vibes":
        voice = FM(ratio=4.0, index=0.6, index_tau=0.05, tau=1.2, tremolo=0.3)
        low, high = 65, 86
    elif horn == "piano":  # a trio: the pianist's right hand takes the tune
        voice = FM(ratio=1.0, index=1.2, index_tau=0.12, tau=1.0, detune_cents=3.0)
        low, high = 62, 86
    elif horn == "clarinet":
        voice = Wave(
            "square", attack=0.04, decay=0.3, sustain=0.8, vibrato_cents=10, breath=0.2, cutoff=2500, seed=song.seed
        )
        low, high = 58, 82
    else:
        low, high = (62, 82) if horn == "trumpet" else (50, 72)
        voice = Wave(
            "saw",
            attack=0.03,
            decay=0.2,
            sustain=0.7,
            vibrato_cents=15,
            vibrato_delay=0.25,
            breath=0.15,
            cutoff=900 if horn == "tenor" else 1400,
            env_cutoff=2200,
            seed=song.seed,
        )
    spec = LineSpec(low=low, high=high, rhythms=LINES, vel=0.75, legato=0.9, leap=0.12, bend_chance=0.1, bend=1.0)
    scale = scale_pitches(song.key, "harmonic_minor" if mode == "minor" else "major", 40, 96)
    lead = line(song.rng, spec, grid=song.grid, scale=scale, spans=spans, bars=range(song.pick((2, 4)), bars))
    horn_mix = song.notes(lead, voice, release=0.08)
    if horn in ("trumpet", "tenor"):
        horn_mix = dsp.bandpass(horn_mix, 250.0, 5000.0, sr)
    mix.add(horn_mix, gain=song.uniform(0.28, 0.4), send=0.3)

    song.reverb_seconds = song.uniform(1.2, 2.0)
    song.reverb_damping = 4000.0
