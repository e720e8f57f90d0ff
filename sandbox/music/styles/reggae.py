"""Reggae: the one drop, guitar skank on two and four, organ bubble, a deep melodic bass, melodica."""

from __future__ import annotations

from .. import drums, dsp
from ..effects import echo
from ..harmony import bass_note, scale_pitches
from ..instruments import FM, Pluck, Wave
from ..melody import LineSpec, line
from ..sequencer import Note
from ..timing import Grid
from .common import Song, comp, grid_hits, root_of, spans_for

PROGRESSIONS = (
    ("major", "I IV"),
    ("major", "I IV V IV"),
    ("major", "I vi IV V"),
    ("minor", "i iv"),
    ("minor", "i bVII"),
    ("minor", "i bVII bVI bVII"),
    ("major", "ii7 V7"),
)
ONE_DROP = ("........X.......", "........X.....o.")
ROCKERS = "X.......X......."
# Bass riffs as (onset beats, length beats, interval); beat one is often left empty: the "drop".
RIFFS = (
    ((0.5, 0.5, 0), (1.0, 1.0, 0), (2.5, 0.5, 7), (3.0, 0.5, 10), (3.5, 0.5, 12)),
    ((1.0, 0.5, 0), (1.5, 0.5, 0), (2.0, 1.0, 3), (3.0, 0.5, 5), (3.5, 0.5, 7)),
    ((0.0, 1.5, 0), (2.0, 0.5, 7), (2.5, 0.5, 5), (3.0, 1.0, 3)),
    ((0.5, 1.0, 12), (1.5, 0.5, 10), (2.0, 1.0, 7), (3.0, 1.0, 0)),
)
MELODY = (((0, 1.0), (1, 0.5), (1.5, 1.5)), ((0.5, 0.5), (1, 0.5), (1.5, 0.5), (2, 2.0)), ((0, 2.0), (2.5, 1.5)))


def arrange(song: Song) -> None:
    song.grid = Grid(song.grid.bpm, 4, swing=song.uniform(0.54, 0.62), swing_unit=0.25)
    mode, symbols = song.pick(PROGRESSIONS)
    spans = spans_for(song, symbols, song.pick((4.0, 8.0)))
    mix, sr, bars = song.mix, song.sr, song.bars

    drop = song.pick(ONE_DROP) if song.chance(0.75) else ROCKERS
    kick = grid_hits(song, lambda b: drop)
    rim = grid_hits(song, lambda b: "........X......." if b % 4 != 3 else "........X...x.x.")
    hats = grid_hits(
        song, lambda b: song.pick(("x.x.x.x.x.x.x.x.", "x.xxx.x.x.xxx.x.", "o.x.o.x.o.x.o.x.")), vel_jitter=0.15
    )
    mix.add(
        song.hits(kick, drums.kick(song.rng, sr, tune=song.uniform(48, 58), punch=2.0, decay=0.35)),
        gain=0.75,
        send=0.05,
    )
    rim_kit = (
        drums.rim(song.rng, sr, tone=song.uniform(1200, 1800))
        if song.chance(0.6)
        else drums.snare(song.rng, sr, tone=250.0, snappy=0.5, decay=0.1)
    )
    rim_mix = song.hits(rim, rim_kit)
    mix.add(
        rim_mix + echo(rim_mix, sr, delay=song.grid.beat_s * 0.75, feedback=0.35, repeats=3),
        gain=0.4,
        send=0.25,
    )
    mix.add(song.hits(hats, drums.hat(song.rng, sr, decay=0.035)), gain=0.15, send=0.1)

    # A dub section: the band drops out for a few bars and leaves drums, bass and echoes.
    dub_start = song.pick((4, 8)) if song.chance(0.35) else bars
    dub = range(dub_start, dub_start + song.pick((2, 4)))

    def outside_dub(notes: list[Note]) -> list[Note]:
        return [n for n in notes if int(n.start / song.grid.bar_s) not in dub]

    if song.chance(0.65):
        skank_voice = Pluck(brightness=song.uniform(0.6, 0.9), sustain=0.3, position=0.12, seed=song.seed)
    else:
        skank_voice = FM(ratio=1.0, index=song.uniform(1.0, 2.0), index_tau=0.1, tau=0.5, detune_cents=3.0)
    skank = comp(
        song,
        spans,
        ((1, 0.2), (3, 0.2)) if song.chance(0.7) else ((0.5, 0.15), (1.5, 0.15), (2.5, 0.15), (3.5, 0.15)),
        low=60,
        high=76,
        size=3,
        vel=0.7,
        strum=0.006,
    )
    skank_mix = dsp.highpass(song.notes(outside_dub(skank), skank_voice, release=0.03), 500.0, sr)
    mix.add(
        skank_mix + echo(skank_mix, sr, delay=song.grid.beat_s * 0.75, feedback=0.3, repeats=2),
        gain=0.4,
        send=0.15,
    )

    if song.chance(0.7):
        organ = Wave("organ", attack=0.004, decay=0.08, sustain=0.5, cutoff=2500, seed=song.seed + 1)
        bubble = comp(
            song, spans, tuple((k * 0.5 + 0.25, 0.2) for k in range(8)), low=55, high=70, size=3, vel=0.3, legato=0.8
        )
        mix.add(song.notes(outside_dub(bubble), organ, release=0.03), gain=song.uniform(0.15, 0.3), send=0.1)

    bass_voice = Wave("triangle", attack=0.01, decay=0.5, sustain=0.8, cutoff=song.uniform(250, 400), seed=song.seed)
    riff = song.pick(RIFFS)
    bass = []
    for bar in range(bars):
        root = bass_note(root_of(spans, bar * 4).root, low=28)
        for onset, length, step in riff:
            # Riffs are written with minor thirds; a major key lifts them a semitone.
            shift = -1 if (mode == "major" and step == 3) else 0
            bass.append(
                Note(float(song.grid.time(bar * 4 + onset)), length * song.grid.beat_s * 0.95, root + step - shift, 0.9)
            )
    mix.add(song.notes(bass, bass_voice, release=0.05), gain=song.uniform(0.8, 1.1), send=0.0)

    if song.chance(0.6):
        melodica = Wave(
            "reed",
            attack=0.04,
            decay=0.3,
            sustain=0.8,
            vibrato_cents=song.uniform(8, 20),
            breath=0.2,
            cutoff=3500,
            seed=song.seed + 2,
        )
    else:  # a horn section: trumpet and sax in unison, brassy on the attack
        melodica = Wave(
            "saw",
            voices=2,
            detune_cents=12,
            attack=0.03,
            decay=0.25,
            sustain=0.6,
            cutoff=1200,
            env_cutoff=2500,
            vibrato_cents=8,
            seed=song.seed + 2,
        )
    spec = LineSpec(low=65, high=84, rhythms=MELODY, vel=0.6, legato=0.9, leap=0.2)
    scale = scale_pitches(song.key, "minor_pentatonic" if mode == "minor" else "major_pentatonic", 60, 90)
    tune = line(song.rng, spec, grid=song.grid, scale=scale, spans=spans, bars=range(song.pick((2, 4)), bars))
    tune_mix = song.notes(outside_dub(tune), melodica, release=0.1)
    mix.add(
        tune_mix + echo(tune_mix, sr, delay=song.grid.beat_s * 1.5, feedback=0.3, repeats=2),
        gain=0.22,
        send=0.3,
    )

    song.reverb_seconds = song.uniform(1.2, 2.0)
    song.target_rms_db = -16.0
