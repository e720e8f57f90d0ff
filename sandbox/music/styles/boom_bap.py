"""Boom bap: hard swung drums, a dusty sampled-sounding Rhodes loop, a deep bass under the kick."""

from __future__ import annotations

from .. import drums, dsp
from ..effects import crackle, drive, wow
from ..harmony import bass_note, scale_pitches
from ..instruments import FM, Wave
from ..melody import LineSpec, line
from ..sequencer import Hit, Note
from ..timing import Grid
from .common import Song, comp, grid_hits, root_of, spans_for

PROGRESSIONS = (
    "i9 iv9",
    "i7 bVImaj7 iv7 V7",
    "i9 i9 bVImaj7 bVImaj7",
    "ii7 V7 i9 i9",
    "i7 bIIImaj7 bVImaj7 V7#9",
    "i9 bVII7",
)
KICKS = ("X.....x..x......", "X......X..x.....", "X.x.......X..x..", "X......x.x....x.")
SNARES = ("....X.......X...", "....X.......X..o", "....X..o....X...")
HATS = ("x.x.x.x.x.x.x.x.", "x.xox.x.x.xox.x.", "xxx.xxx.xxx.xxx.")
LOOPS = (((0, 4.0),), ((0, 1.5), (1.5, 2.5)), ((0, 0.75), (0.75, 0.75), (2.5, 1.5)), ((0, 2.0), (2.75, 1.0)))
HOOK = (
    ((0, 0.5), (0.5, 0.5), (1, 1.0)),
    ((2, 0.5), (2.75, 0.75), (3.5, 0.5)),
    ((0, 2.0),),
    ((1.5, 0.5), (2, 0.5), (3, 1.0)),
)


def arrange(song: Song) -> None:
    song.grid = Grid(song.grid.bpm, 4, swing=song.uniform(0.56, 0.63), swing_unit=0.25)
    spans = spans_for(song, song.pick(PROGRESSIONS), song.pick((4.0, 8.0)))
    mix, sr, bars = song.mix, song.sr, song.bars

    kick_p, snare_p, hat_p = song.pick(KICKS), song.pick(SNARES), song.pick(HATS)
    kick = grid_hits(song, lambda b: kick_p if b % 4 != 3 else song.pick(KICKS), jitter=0.006)
    snare = grid_hits(song, lambda b: snare_p, jitter=0.006)
    hats = grid_hits(song, lambda b: hat_p, jitter=0.008, vel_jitter=0.2)
    drum_bus = (
        song.hits(
            kick,
            drums.kick(
                song.rng, sr, tune=song.uniform(45, 55), punch=song.uniform(2.0, 3.5), decay=song.uniform(0.3, 0.45)
            ),
        )
        * 1.0
    )
    snare_kit = drums.snare(song.rng, sr, tone=song.uniform(170, 200), snappy=song.uniform(0.55, 0.7), decay=0.2)
    drum_bus += song.hits(snare, snare_kit) * 0.75
    if song.chance(0.5):
        drum_bus += song.hits(snare, drums.clap(song.rng, sr)) * 0.3
    drum_bus += song.hits(hats, drums.hat(song.rng, sr, decay=song.uniform(0.03, 0.05), tone=0.3)) * 0.25
    # The dust: the break sounds sampled from vinyl, so it is saturated and its top end rolled off.
    drum_bus = dsp.lowpass(drive(drum_bus * 0.9, song.uniform(1.5, 2.5)), song.uniform(5000, 8000), sr)
    mix.add(drum_bus, gain=0.8, send=0.1)

    keys = FM(
        ratio=1.0,
        index=song.uniform(1.2, 2.2),
        index_tau=0.3,
        tau=song.uniform(1.0, 2.0),
        tine=0.3,
        tremolo=song.uniform(0.0, 0.25),
    )
    chords = comp(song, spans, song.pick(LOOPS), low=55, high=72, size=4, vel=0.55, legato=0.95)
    loop = song.notes(chords, keys, release=0.2)
    loop = dsp.lowpass(
        wow(loop, sr, depth=song.uniform(0.0008, 0.002), rate=song.uniform(0.3, 0.8), seed=song.seed),
        song.uniform(2200, 3500),
        sr,
    )
    mix.add(dsp.highpass(loop, 180.0, sr), gain=0.4, send=0.15)

    bass_voice = Wave("sine", attack=0.005, decay=0.4, sustain=0.6, seed=song.seed)
    body = Wave("triangle", attack=0.005, decay=0.2, sustain=0.3, cutoff=500, seed=song.seed)
    bass: list[Note] = []
    for hit in kick:
        beat = hit.time / song.grid.beat_s
        if song.chance(0.8):
            bass.append(Note(hit.time, song.grid.beat_s * 0.9, bass_note(root_of(spans, beat).root, low=28), 0.9))
    mix.add(song.notes(bass, bass_voice) + 0.4 * song.notes(bass, body), gain=0.55, send=0.0)

    if song.chance(0.65):
        hook_voice = song.pick(
            (
                FM(ratio=4.0, index=0.6, index_tau=0.05, tau=1.2, tremolo=0.3),
                Wave("flute", attack=0.05, decay=0.3, sustain=0.8, vibrato_cents=15, breath=0.3, seed=song.seed + 1),
                Wave(
                    "saw",
                    attack=0.02,
                    decay=0.2,
                    sustain=0.6,
                    cutoff=1200,
                    env_cutoff=1500,
                    vibrato_cents=10,
                    seed=song.seed + 1,
                ),
            )
        )
        spec = LineSpec(low=62, high=82, rhythms=HOOK, vel=0.6, legato=0.9, leap=0.15)
        hook = line(
            song.rng,
            spec,
            grid=song.grid,
            scale=scale_pitches(song.key, "minor", 55, 90),
            spans=spans,
            bars=range(song.pick((2, 4)), bars),
        )
        mix.add(
            dsp.lowpass(song.notes(hook, hook_voice, release=0.1), 4000.0, sr),
            gain=0.22,
            send=0.25,
        )

    if song.chance(0.3):  # a scratch-like cut of the snare on the last beat of a phrase
        extra = [Hit(float(song.grid.time(b * 4 + 3.75)), 0.5) for b in range(3, bars, 4)]
        mix.add(song.hits(extra, snare_kit), gain=0.3, send=0.2)
    mix.add(crackle(song.rng, song.n, sr, density=song.uniform(4, 12)), gain=song.uniform(0.05, 0.12), send=0.0)

    song.reverb_seconds = song.uniform(0.5, 0.9)
    song.target_rms_db = -15.5
