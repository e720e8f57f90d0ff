"""Blues shuffle: a 12-bar in 12/8, boogie bass, organ or rhythm guitar, bent guitar licks."""

from __future__ import annotations

from .. import drums, dsp
from ..effects import drive
from ..harmony import bass_note, scale_pitches
from ..instruments import FM, Wave
from ..melody import LineSpec, line
from ..sequencer import Note
from ..timing import Grid
from .common import Song, comp, fill_bar, grid_hits, root_of, spans_for

TWELVE_BAR = (
    "I7 I7 I7 I7 IV7 IV7 I7 I7 V7 IV7 I7 V7",
    "I7 IV7 I7 I7 IV7 IV7 I7 I7 V7 IV7 I7 V7",  # quick change
    "I9 IV9 I9 I9 IV9 IV9 I9 I9 V9 IV9 I9 V9",
    "i7 i7 i7 i7 iv7 iv7 i7 i7 bVI7 V7 i7 V7",  # minor blues
)
# Steps are triplet eighths: 12 per bar, a beat every 3.
SHUFFLE = ("x.xx.xx.xx.x", "X.xX.xX.xX.x")
KICKS = ("x.....x.....", "x....xx.....", "x.....x....x")
LICKS = (
    ((0, 2 / 3), (2 / 3, 1 / 3), (1, 1.0), (2, 2 / 3), (8 / 3, 4 / 3)),
    ((1 / 3, 1 / 3), (2 / 3, 1 / 3), (1, 1 / 3), (4 / 3, 2 / 3), (2, 2.0)),
    ((0, 1.0), (1, 2 / 3), (5 / 3, 1 / 3), (2, 1.0)),
    ((0, 1 / 3), (1 / 3, 1 / 3), (2 / 3, 1 / 3), (1, 1 / 3), (4 / 3, 1 / 3), (5 / 3, 1 / 3), (2, 2.0)),
)
BOOGIE = (0, 4, 7, 9, 10, 9, 7, 4)


def arrange(song: Song) -> None:
    song.grid = Grid(song.grid.bpm, 4)
    symbols = song.pick(TWELVE_BAR)
    minor = symbols.startswith("i7")
    spans = spans_for(song, symbols, 4.0)
    mix, sr, bars = song.mix, song.sr, song.bars
    third = 1.0 / 3.0

    shuffle = song.pick(SHUFFLE)
    kick_p = song.pick(KICKS)
    fills = {b for b in range(bars) if b % 4 == 3 and song.chance(0.5)}
    ride = grid_hits(song, lambda b: shuffle)
    snare = grid_hits(song, lambda b: "...X.....X.." if b not in fills else "...X........")
    for b in fills:
        snare += fill_bar(song, b, beats=1.0, division=3)
    ghosts = grid_hits(
        song, lambda b: "".join(song.pick(".o") if i % 3 == 2 else "." for i in range(12)), vel_jitter=0.2
    )
    kick = grid_hits(song, lambda b: kick_p)
    # Ride or half-open hat; both kept short and similar in weight so the shuffle, not the cymbal
    # choice, is what the track is about.
    if song.chance(0.5):
        cymbal = drums.ride(song.rng, sr, decay=song.uniform(0.35, 0.6), ping=0.5)
    else:
        cymbal = drums.hat(song.rng, sr, decay=song.uniform(0.1, 0.18), tone=0.6)
    mix.add(song.hits(ride, cymbal), gain=0.25, send=0.25)
    mix.add(
        song.hits(snare + ghosts, drums.snare(song.rng, sr, tone=song.uniform(180, 210), snappy=0.65, decay=0.18)),
        gain=0.45,
        send=0.25,
    )
    mix.add(
        song.hits(kick, drums.kick(song.rng, sr, tune=song.uniform(50, 60), punch=2.5, decay=0.3)), gain=0.7, send=0.05
    )

    bass_voice = Wave("triangle", attack=0.004, decay=0.3, sustain=0.5, cutoff=800, seed=song.seed)
    bass = []
    walk = BOOGIE if not minor else (0, 3, 7, 9, 10, 9, 7, 3)
    for bar in range(bars):
        chord = root_of(spans, bar * 4)
        root = bass_note(chord.root, low=33)
        for k in range(8):
            onset = (k // 2) + (0 if k % 2 == 0 else 2 * third)
            t = float(song.grid.time(bar * 4 + onset))
            length = (2 * third if k % 2 == 0 else third) * song.grid.beat_s * 0.9
            bass.append(Note(t, length, root + walk[k], 0.9 if k % 2 == 0 else 0.7))
    mix.add(song.notes(bass, bass_voice, release=0.04), gain=0.6, send=0.02)

    # The boogie riff is the genre's signature, so every track has it: root with a fifth then a sixth,
    # chugged on the shuffle by a driven guitar or a piano's left hand.
    riff = []
    for bar in range(bars):
        root = bass_note(root_of(spans, bar * 4).root, low=40)
        for k in range(8):
            onset = (k // 2) + (0 if k % 2 == 0 else 2 * third)
            t = float(song.grid.time(bar * 4 + onset))
            upper = 7 if (k // 2) % 2 == 0 else song.pick((9, 9, 10))
            for p in (root, root + upper):
                riff.append(Note(t, third * song.grid.beat_s * 1.2, p, 0.6 if k % 2 == 0 else 0.5))
    if song.chance(0.6):
        guitar = Wave(
            "saw", voices=2, detune_cents=8, attack=0.003, decay=0.15, sustain=0.5, cutoff=2500, seed=song.seed
        )
        mix.add(dsp.lowpass(drive(song.notes(riff, guitar), song.uniform(1.5, 3.5)), 3000.0, sr), gain=0.22, send=0.15)
    else:
        piano = FM(ratio=1.0, index=song.uniform(0.8, 1.5), index_tau=0.15, tau=0.8, detune_cents=4.0)
        mix.add(song.notes(riff, piano, release=0.05), gain=0.3, send=0.15)

    if song.chance(0.5):
        organ = Wave(
            "organ",
            voices=2,
            detune_cents=6,
            attack=0.01,
            decay=0.5,
            sustain=0.9,
            vibrato_rate=6.5,
            vibrato_cents=8,
            vibrato_delay=0.0,
            seed=song.seed,
        )
        rhythm = song.pick(
            (
                ((0, 4.0),),
                ((0, 2 / 3), (1, 2 / 3), (2, 2 / 3), (3, 2 / 3)),
                ((2 / 3, 1 / 3), (5 / 3, 4 / 3), (11 / 3, 1 / 3)),
            )
        )
        chords = comp(song, spans, rhythm, low=55, high=74, size=4, vel=0.45, legato=0.95)
        mix.add(song.notes(chords, organ, release=0.06), gain=0.22, send=0.2)

    lead_voice = Wave(
        "saw",
        voices=1,
        attack=0.004,
        decay=song.uniform(0.3, 0.6),
        sustain=0.45,
        vibrato_rate=5.5,
        vibrato_cents=song.uniform(15, 35),
        vibrato_delay=0.2,
        cutoff=song.uniform(1600, 2600),
        env_cutoff=1500,
        seed=song.seed + 3,
    )
    spec = LineSpec(
        low=60, high=81, rhythms=LICKS, vel=0.8, legato=0.95, leap=0.15, bend_chance=0.3, bend=song.pick((1.0, 2.0))
    )
    scale = scale_pitches(song.key, "blues", 55, 90)
    lick = line(song.rng, spec, grid=song.grid, scale=scale, spans=spans, bars=range(1, bars), phrase_bars=4)
    # Call and response: the guitar answers in two-bar spurts and leaves room in between.
    answer = [n for n in lick if int(song.grid.bpm / 60.0 * n.start / 4) % 4 in (1, 2)]
    mix.add(dsp.lowpass(drive(song.notes(answer, lead_voice, release=0.1), 3.0), 3500.0, sr), gain=0.3, send=0.35)

    song.reverb_seconds = song.uniform(1.0, 1.8)
