"""The demo catalogue's style families: the contract between the catalogue and the synthesizer.

Each sandbox track carries one of these names; the synthesizer renders its 30 s preview in that style.
`bpm` counts the felt beat: a quarter note in simple metres, a dotted quarter in compound ones
(celtic_jig's 6/8 has two beats a bar, blues_shuffle's 12/8 four), so it is the tempo a listener taps.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    name: str
    label: str
    description: str
    bpm: tuple[int, int]
    beats_per_bar: int
    # 2 for simple metres (beats split in eighths), 3 for compound ones (beats split in triplets).
    beat_division: int
    has_drums: bool = True


FAMILIES: tuple[Family, ...] = (
    Family(
        "bossa_nova", "Bossa nova", "nylon guitar, rim clicks, soft jazz chords, 4/4 at 125-145 bpm", (125, 145), 4, 2
    ),
    Family(
        "indie_rock",
        "Indie rock",
        "overdriven guitars, straight eighths, backbeat, 4/4 at 110-150 bpm",
        (110, 150),
        4,
        2,
    ),
    Family("swing_jazz", "Swing jazz", "walking bass, ride cymbal, ii-V-I, swung 4/4 at 140-200 bpm", (140, 200), 4, 2),
    Family(
        "blues_shuffle", "Blues shuffle", "12-bar blues, dominant sevenths, 12/8 shuffle at 70-110 bpm", (70, 110), 4, 3
    ),
    Family("folk_waltz", "Folk waltz", "acoustic arpeggios and accordion, 3/4 at 90-140 bpm", (90, 140), 3, 2),
    Family(
        "celtic_jig", "Celtic jig", "fiddle and whistle, modal tunes, bodhran, 6/8 at 100-130 bpm", (100, 130), 2, 3
    ),
    Family(
        "deep_house",
        "Deep house",
        "four-on-the-floor kick, offbeat hats, minor-seventh pads, 118-126 bpm",
        (118, 126),
        4,
        2,
    ),
    Family("boom_bap", "Boom bap", "dusty swung drums, minor keys and bass, 4/4 at 84-96 bpm", (84, 96), 4, 2),
    Family("reggae", "Reggae", "one-drop drums, offbeat skank, deep bass, 4/4 at 66-84 bpm", (66, 84), 4, 2),
    Family(
        "ambient", "Ambient", "no drums, slow evolving pads and bells, lydian colour, 60-80 bpm", (60, 80), 4, 2, False
    ),
)
FAMILY_NAMES: tuple[str, ...] = tuple(family.name for family in FAMILIES)
FAMILY_BY_NAME: dict[str, Family] = {family.name: family for family in FAMILIES}
