"""Deep house: four-on-the-floor, offbeat open hats, pumping minor-seventh pads, a syncopated sub bass."""

from __future__ import annotations

from .. import drums, dsp
from ..effects import pump
from ..harmony import bass_note, scale_pitches
from ..instruments import FM, Wave
from ..melody import LineSpec, line
from ..sequencer import Note
from ..timing import Grid
from .common import Song, comp, grid_hits, root_of, spans_for

PROGRESSIONS = ("i9 iv9", "i7 bVImaj7", "i9 bVIImaj7 bVImaj7 iv9", "ii9 i9", "i7 iv7 bVII7 bIIImaj7", "i11 bVIImaj7")
STABS = (
    ((0.5, 0.25), (1.75, 0.25), (2.5, 0.5)),
    ((0.75, 0.25), (1.5, 0.25), (2.75, 0.25), (3.5, 0.25)),
    ((0, 1.5), (2.5, 1.5)),
)
BASSLINES = (
    ((0.5, 0.4, 0), (1.5, 0.4, 0), (2.5, 0.4, 0), (3.5, 0.4, 12)),
    ((0, 0.25, 0), (0.75, 0.5, 0), (1.5, 0.25, 12), (2.5, 0.5, 0), (3.25, 0.5, 10)),
    ((0.5, 0.75, 0), (1.75, 0.25, 7), (2.5, 0.75, 0), (3.75, 0.25, 10)),
)
HOOK = (((0.5, 0.5), (1.5, 0.25), (2.0, 1.0)), ((0, 0.25), (0.75, 0.5), (2.5, 0.5)), ((1.0, 1.5), (3.0, 0.5)))


def arrange(song: Song) -> None:
    song.grid = Grid(song.grid.bpm, 4, swing=song.uniform(0.5, 0.58), swing_unit=0.25)
    spans = spans_for(song, song.pick(PROGRESSIONS), song.pick((4.0, 8.0)))
    mix, sr, bars = song.mix, song.sr, song.bars
    # A breakdown drops the kick for two bars mid-preview, as DJs' edits of a track would.
    breakdown = set(range(8, 10)) if song.chance(0.4) else set()

    kick = grid_hits(
        song, lambda b: "X...X...X...X..." if b not in breakdown else "." * 16, jitter=0.0, vel_jitter=0.03
    )
    song.kick_times = [h.time for h in kick]
    clap = grid_hits(song, lambda b: song.pick(("....X.......X...", "....X.......X..o")), jitter=0.002)
    open_hat = grid_hits(song, lambda b: "..x...x...x...x.", jitter=0.002)
    closed = grid_hits(
        song, lambda b: song.pick(("xoxoxoxoxoxoxoxo", "x.xox.xox.xox.xo", "o.o.o.o.o.o.o.o.")), vel_jitter=0.15
    )
    mix.add(
        song.hits(
            kick,
            drums.kick(
                song.rng, sr, tune=song.uniform(44, 54), punch=song.uniform(3.0, 5.0), decay=song.uniform(0.25, 0.4)
            ),
        ),
        gain=0.85,
        send=0.0,
    )
    clap_kit = (
        drums.clap(song.rng, sr) if song.chance(0.6) else drums.snare(song.rng, sr, tone=200.0, snappy=0.85, decay=0.12)
    )
    mix.add(song.hits(clap, clap_kit), gain=0.35, send=0.3)
    mix.add(
        song.hits(open_hat, drums.hat(song.rng, sr, decay=song.uniform(0.1, 0.2), tone=0.4)),
        gain=0.2,
        send=0.15,
    )
    mix.add(song.hits(closed, drums.hat(song.rng, sr, decay=0.025)), gain=0.12, send=0.1)
    if song.chance(0.5):
        perc = grid_hits(song, lambda b: song.pick(("...x..x....x..x.", "..x..x...x..x...")))
        mix.add(
            song.hits(perc, drums.tom(song.rng, sr, tune=song.uniform(180, 320), decay=0.08)),
            gain=0.15,
            send=0.3,
        )

    duck = pump(song.n, sr, song.kick_times, depth=song.uniform(0.35, 0.6), release=song.grid.beat_s * 0.35)

    pad = Wave(
        "saw",
        voices=3,
        detune_cents=song.uniform(8, 18),
        attack=song.uniform(0.05, 0.3),
        decay=1.0,
        sustain=0.8,
        seed=song.seed,
    )
    chords = comp(
        song, spans, ((0, 8.0),) if song.chance(0.5) else ((0, 4.0),), low=55, high=75, size=4, vel=0.5, legato=1.0
    )
    raw = song.notes(chords, pad, release=0.4)
    lfo = 0.5 + 0.5 * dsp.sine(1.0 / (song.grid.bar_s * song.pick((4, 8))), song.n, sr, phase0=song.uniform(0, 1))
    mix.add(
        dsp.sweep_lowpass(raw, lfo, song.uniform(500, 900), song.uniform(2200, 4000), sr) * duck,
        gain=0.3,
        send=0.35,
    )

    if song.chance(0.7):
        stab_voice = (
            FM(ratio=1.0, index=song.uniform(1.5, 2.5), index_tau=0.2, tau=0.6, tine=0.5)
            if song.chance(0.5)
            else Wave("organ", attack=0.003, decay=0.15, sustain=0.3, cutoff=3000, seed=song.seed + 1)
        )
        stabs = comp(song, spans, song.pick(STABS), low=60, high=79, size=4, vel=0.5, legato=0.8, bars=range(2, bars))
        mix.add(song.notes(stabs, stab_voice, release=0.08), gain=0.25, send=0.35)

    sub = Wave("sine", attack=0.005, decay=0.3, sustain=0.8, seed=song.seed)
    grit = Wave("saw", attack=0.005, decay=0.15, sustain=0.3, cutoff=400, env_cutoff=600, seed=song.seed)
    line_p = song.pick(BASSLINES)
    bass = []
    for bar in range(bars):
        if bar in breakdown:
            continue
        for onset, length, step in line_p:
            root = bass_note(root_of(spans, bar * 4 + onset).root, low=31)
            bass.append(Note(float(song.grid.time(bar * 4 + onset)), length * song.grid.beat_s, root + step, 0.85))
    mix.add((song.notes(bass, sub) + 0.35 * song.notes(bass, grit)) * duck, gain=0.6, send=0.0)

    if song.chance(0.5):
        pluck = Wave("square", attack=0.002, decay=0.12, sustain=0.1, cutoff=1200, env_cutoff=3000, seed=song.seed + 2)
        spec = LineSpec(low=67, high=84, rhythms=HOOK, vel=0.6, legato=0.7, leap=0.2)
        hook = line(
            song.rng,
            spec,
            grid=song.grid,
            scale=scale_pitches(song.key, "minor_pentatonic", 60, 90),
            spans=spans,
            bars=range(4, bars),
        )
        mix.add(song.notes(hook, pluck, release=0.1), gain=0.22, send=0.45)

    song.reverb_seconds = song.uniform(1.5, 2.5)
    song.target_rms_db = -15.5
