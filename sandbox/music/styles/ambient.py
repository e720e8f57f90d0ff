"""Ambient: no drums; slow detuned pads that open and close, lydian harmony, sparse bells, a drone."""

from __future__ import annotations

from .. import dsp
from ..effects import echo
from ..harmony import bass_note, scale_pitches
from ..instruments import FM, Wave
from ..sequencer import Note
from ..timing import Grid
from .common import Song, comp, spans_for

PROGRESSIONS = ("Imaj7 II", "Imaj7#11 II vi7 Imaj7", "Imaj9 II iii7 II", "Imaj7 vii7 II Imaj7", "IVmaj7 V Imaj7 II")


def arrange(song: Song) -> None:
    song.grid = Grid(song.grid.bpm, 4)
    spans = spans_for(song, song.pick(PROGRESSIONS), song.pick((8.0, 8.0, 16.0)))
    mix, sr, n = song.mix, song.sr, song.n

    shape = song.pick(("saw", "bowed", "square", "triangle"))
    pad = Wave(
        shape,
        voices=3,
        detune_cents=song.uniform(6, 20),
        attack=song.uniform(1.0, 3.0),
        decay=2.0,
        sustain=0.9,
        seed=song.seed,
    )
    chords = comp(song, spans, ((0, 8.0),), low=52, high=76, size=4, vel=0.5, legato=1.05)
    raw = song.notes(chords, pad, release=1.5)
    lfo = 0.5 + 0.5 * dsp.sine(song.uniform(0.03, 0.08), n, sr, phase0=song.uniform(0, 1))
    mix.add(dsp.sweep_lowpass(raw, lfo, song.uniform(300, 600), song.uniform(1500, 3500), sr), gain=0.35, send=0.6)

    drone_voice = Wave("triangle", attack=2.0, decay=4.0, sustain=0.9, cutoff=400, seed=song.seed + 1)
    drone = [Note(0.0, n / sr, bass_note(song.key, low=31), 0.8)]
    mix.add(song.notes(drone, drone_voice, release=0.5), gain=0.35, send=0.2)

    bell = FM(
        ratio=song.pick((3.5, 1.4, 2.76, 4.0)),
        index=song.uniform(1.0, 3.0),
        index_tau=song.uniform(0.2, 0.6),
        tau=song.uniform(1.5, 3.0),
        attack=0.002,
    )
    scale = scale_pitches(song.key, "lydian", 67, 91)
    bells = []
    t = song.uniform(0.5, 3.0)
    density = song.uniform(0.5, 1.5)  # notes a second
    while t < n / sr - 1.0:
        pitch = int(scale[int(song.rng.integers(len(scale)))])
        bells.append(Note(t, 2.0, pitch, song.uniform(0.3, 0.7)))
        t += float(song.rng.exponential(1.0 / density)) + 0.2
    bell_mix = song.notes(bells, bell, release=1.0)
    mix.add(
        bell_mix + echo(bell_mix, sr, delay=song.grid.beat_s * 1.5, feedback=0.45, repeats=3, tone=2500.0),
        gain=0.2,
        send=0.7,
    )

    if song.chance(0.6):  # wind: noise breathing through a slowly moving band
        wind = song.rng.standard_normal(n)
        swell = 0.5 + 0.5 * dsp.sine(song.uniform(0.05, 0.12), n, sr, phase0=song.uniform(0, 1))
        mix.add(
            dsp.sweep_lowpass(dsp.highpass(wind, 300.0, sr), swell, 400.0, 2500.0, sr) * swell,
            gain=0.02,
            send=0.5,
        )

    song.reverb_seconds = song.uniform(3.0, 4.5)
    song.reverb_damping = 3500.0
    song.target_rms_db = -19.0
