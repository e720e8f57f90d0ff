"""Indie rock: driven guitars on straight eighths, a backbeat, root-note bass, a clean guitar hook."""

from __future__ import annotations

from .. import drums, dsp
from ..effects import drive
from ..harmony import Chord, bass_note, scale_pitches
from ..instruments import Pluck, Wave
from ..melody import ChordSpan, LineSpec, line
from ..sequencer import Note
from ..timing import Grid
from .common import Song, comp, fill_bar, grid_hits, root_of, spans_for

PROGRESSIONS = (
    ("major", "I V vi IV"),
    ("major", "vi IV I V"),
    ("major", "I IV vi V"),
    ("major", "I iii IV IV"),
    ("major", "IV I V vi"),
    ("minor", "i bVI bIII bVII"),
    ("minor", "i bVII bVI bVII"),
    ("minor", "i iv bVI bVII"),
)
KICKS = ("X.......X.x.....", "X.....x.X.......", "X.x.....X..x....", "X.......X...x.x.")
SNARES = ("....X.......X...", "....X.......X..o", "....X..o....X...")
HATS = ("x.x.x.x.x.x.x.x.", "X.x.X.x.X.x.X.x.", "xxxxxxxxxxxxxxxx")
STRUMS = (
    tuple((i * 0.5, 0.5) for i in range(8)),
    ((0, 0.5), (0.5, 0.5), (1, 0.5), (1.5, 1.0), (2.5, 0.5), (3, 0.5), (3.5, 0.5)),
    ((0, 1.5), (1.5, 0.5), (2, 0.5), (2.5, 1.5)),
)
HOOKS = (
    tuple((i * 0.5, 0.5) for i in range(8)),
    ((0, 0.5), (0.5, 0.5), (1, 1.0), (2, 0.5), (2.5, 0.5), (3, 1.0)),
    ((0, 1.5), (1.5, 0.5), (2, 2.0)),
    ((0.5, 0.5), (1, 0.5), (1.5, 0.5), (2, 1.0), (3, 1.0)),
)


def arrange(song: Song) -> None:
    song.grid = Grid(song.grid.bpm, 4)
    mode, symbols = song.pick(PROGRESSIONS)
    spans = spans_for(song, symbols, song.pick((4.0, 4.0, 8.0)))
    mix, sr, bars = song.mix, song.sr, song.bars
    chorus = song.pick((4, 8, 8))  # the guitars open up and the crash comes in here

    kick_p, snare_p, hat_p = song.pick(KICKS), song.pick(SNARES), song.pick(HATS)
    fills = {b for b in range(bars) if b % 4 == 3 and song.chance(0.7)}
    kick = grid_hits(song, lambda b: kick_p)
    snare = grid_hits(song, lambda b: snare_p[:12] + "...." if b in fills else snare_p)
    for b in fills:
        snare += fill_bar(song, b, beats=song.pick((1.0, 2.0)), division=4)
    hats = grid_hits(song, lambda b: hat_p if b < chorus else "x.x.x.x.x.x.x.x.", vel_jitter=0.12)
    crash = grid_hits(song, lambda b: "X" + "." * 15 if b in (0, chorus) or b - 1 in fills else "." * 16)
    kit_tone = song.uniform(170, 220)
    mix.add(
        song.hits(kick, drums.kick(song.rng, sr, tune=song.uniform(48, 62), punch=song.uniform(2.5, 4.0), decay=0.3)),
        gain=0.8,
        send=0.05,
    )
    mix.add(
        song.hits(snare, drums.snare(song.rng, sr, tone=kit_tone, snappy=song.uniform(0.6, 0.8))),
        gain=0.5,
        send=0.25,
    )
    hat_samples = drums.hat(song.rng, sr, decay=song.uniform(0.03, 0.06))
    if song.chance(0.4):  # some drummers ride the chorus instead of the hats
        hat_samples = drums.ride(song.rng, sr, decay=0.6, ping=0.3)
    mix.add(song.hits(hats, hat_samples), gain=0.2, send=0.1)
    mix.add(song.hits(crash, drums.crash(song.rng, sr)), gain=0.22, send=0.2)

    # Power chords (root, fifth, octave) for the heavier bands, full triads for the jangly ones.
    power = song.chance(0.6)
    guitar_spans = [ChordSpan(sp.start, sp.length, Chord(sp.chord.root, "5")) for sp in spans] if power else spans
    guitar = Wave(
        "saw", voices=2, detune_cents=song.uniform(6, 14), attack=0.004, decay=0.25, sustain=0.7, seed=song.seed
    )
    verse_strum = song.pick(STRUMS)
    verse = comp(
        song, guitar_spans, verse_strum, low=40, high=64, size=3, vel=0.55, strum=0.006, legato=0.45, bars=range(chorus)
    )
    full = comp(
        song,
        guitar_spans,
        STRUMS[0],
        low=40,
        high=64,
        size=3,
        vel=0.75,
        strum=0.008,
        legato=0.95,
        bars=range(chorus, bars),
    )
    raw = song.notes(verse + full, guitar, release=0.05)
    cab = dsp.lowpass(
        dsp.highpass(drive(raw * 0.6, song.uniform(3.0, 7.0)), 110.0, sr), song.uniform(2200, 3800), sr, order=4
    )
    mix.add(cab, gain=0.3, send=0.12)

    bass_voice = Wave(
        "saw", attack=0.003, decay=0.2, sustain=0.6, cutoff=song.uniform(600, 1100), env_cutoff=1500, seed=song.seed
    )
    bass = []
    for bar in range(bars):
        for eighth in range(8):
            beat = bar * 4 + eighth * 0.5
            t = float(song.grid.time(beat))
            bass.append(
                Note(t, song.grid.beat_s * 0.42, bass_note(root_of(spans, beat).root), 0.85 if eighth % 2 == 0 else 0.7)
            )
    mix.add(song.notes(bass, bass_voice, release=0.03), gain=0.5, send=0.0)

    hook_voice = Pluck(
        brightness=song.uniform(0.6, 0.95), sustain=song.uniform(0.5, 1.0), position=0.1, seed=song.seed + 2
    )
    spec = LineSpec(low=64, high=84, rhythms=HOOKS, vel=0.7, legato=0.9, leap=0.25)
    scale = scale_pitches(song.key, "major_pentatonic" if mode == "major" else "minor_pentatonic", 60, 90)
    hook = line(song.rng, spec, grid=song.grid, scale=scale, spans=spans, bars=range(song.pick((0, 1, 2)), bars))
    hook_mix = song.notes(hook, hook_voice, release=0.1)
    mix.add(drive(hook_mix, 1.5), gain=0.3, send=0.3)

    song.reverb_seconds = song.uniform(0.8, 1.4)
    song.target_rms_db = -15.5
