"""Celtic jig: a fiddle or whistle tune in running 6/8 eighths with cuts, bouzouki strums, bodhran."""

from __future__ import annotations

from .. import drums, dsp
from ..harmony import bass_note, scale_pitches
from ..instruments import Pluck, Wave
from ..melody import LineSpec, line
from ..sequencer import Note
from ..timing import Grid
from .common import Song, comp, grid_hits, root_of, spans_for

E = 1.0 / 3.0  # an eighth note: beats are dotted quarters
PROGRESSIONS = (
    ("mixolydian", "I I bVII bVII"),
    ("dorian", "i i bVII bVII"),
    ("major", "I IV I V"),
    ("dorian", "i bVII i IV"),
    ("major", "I I IV V"),
    ("mixolydian", "I bVII I V"),
)
# Folk keys: where fiddles and D whistles live.
KEYS = (2, 7, 9, 4, 0)
TUNES = (
    tuple((k * E, E) for k in range(6)),
    ((0, 2 * E), (2 * E, E), (1, 2 * E), (1 + 2 * E, E)),
    ((0, E), (E, E), (2 * E, E), (1, 2 * E), (1 + 2 * E, E)),
    ((0, 2 * E), (2 * E, E), (1, E), (1 + E, E), (1 + 2 * E, E)),
    ((0, 1.0), (1, E), (1 + E, E), (1 + 2 * E, E)),
)
BODHRAN = ("X.xX.x", "X.xx.x", "Xxxxxx", "X..X.x")


def arrange(song: Song) -> None:
    song.grid = Grid(song.grid.bpm, 2)
    song.key = song.pick(KEYS)
    mode, symbols = song.pick(PROGRESSIONS)
    spans = spans_for(song, symbols, 2.0 * song.pick((1, 2)))
    mix, sr, bars = song.mix, song.sr, song.bars

    fiddle = Wave(
        "bowed",
        voices=1,
        attack=0.03,
        decay=0.2,
        sustain=0.8,
        vibrato_rate=song.uniform(5.0, 6.5),
        vibrato_cents=song.uniform(5, 15),
        vibrato_delay=0.15,
        breath=0.25,
        cutoff=song.uniform(3500, 6000),
        seed=song.seed,
    )
    whistle = Wave(
        "flute",
        attack=0.02,
        decay=0.1,
        sustain=0.9,
        vibrato_rate=5.5,
        vibrato_cents=song.uniform(0, 10),
        breath=0.4,
        seed=song.seed + 1,
    )
    spec = LineSpec(
        low=62,
        high=83,
        rhythms=TUNES,
        vel=0.8,
        legato=0.92,
        leap=0.1,
        grace_chance=song.uniform(0.05, 0.2),
        bend_chance=0.05,
        bend=0.5,
    )
    scale = scale_pitches(song.key, mode, 55, 96)
    tune = line(song.rng, spec, grid=song.grid, scale=scale, spans=spans, bars=range(bars), phrase_bars=4)
    lead = song.pick(("fiddle", "whistle", "both"))
    if lead in ("fiddle", "both"):
        body = dsp.bandpass(song.notes(tune, fiddle, release=0.08), 280.0, 6000.0, sr)
        mix.add(body, gain=0.4, send=0.3)
    if lead in ("whistle", "both"):
        half = bars // 2 if lead == "both" else 0
        high = [Note(n.start, n.dur, n.pitch + 12, n.vel) for n in tune if n.start >= song.grid.bar_s * half]
        mix.add(song.notes(high, whistle, release=0.05), gain=0.28, send=0.3)

    bouzouki = Pluck(
        brightness=song.uniform(0.6, 0.9), sustain=song.uniform(0.8, 1.4), position=0.12, seed=song.seed + 2
    )
    strum = song.pick(
        (
            ((0, 2 * E), (2 * E, E), (1, 2 * E), (1 + 2 * E, E)),
            ((0, E), (2 * E, E), (1, E), (1 + 2 * E, E)),
            ((0, 1.0), (1, 1.0)),
        )
    )
    chords = comp(song, spans, strum, low=50, high=66, size=3, vel=0.5, strum=0.01, legato=0.9)
    drone = [
        Note(float(song.grid.time(b * 2)), song.grid.bar_s, bass_note(root_of(spans, b * 2).root, low=38), 0.6)
        for b in range(bars)
    ]
    mix.add(song.notes(chords + drone, bouzouki, release=0.12), gain=0.38, send=0.2)

    pattern = song.pick(BODHRAN)
    hits = grid_hits(song, lambda b: pattern if b % 4 != 3 else song.pick(BODHRAN), vel_jitter=0.15)
    mix.add(
        song.hits(hits, drums.bodhran(song.rng, sr, tune=song.uniform(70, 100), decay=song.uniform(0.12, 0.22))),
        gain=0.55,
        send=0.2,
    )
    if song.chance(0.4):  # a guitarist's foot, or a tambourine in a session
        mix.add(
            song.hits(grid_hits(song, lambda b: "x..x.."), drums.shaker(song.rng, sr, length=0.06)),
            gain=0.1,
            send=0.2,
        )

    song.reverb_seconds = song.uniform(1.2, 2.2)
    song.target_rms_db = -17.5
