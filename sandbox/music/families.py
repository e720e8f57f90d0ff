"""The demo catalogue's style families: the contract between the catalogue and the synthesizer.

Each sandbox track carries one of these names; the synthesizer renders its 30 s preview in that style.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    name: str
    label: str
    description: str


FAMILIES: tuple[Family, ...] = (
    Family("bossa_nova", "Bossa nova", "nylon guitar, rim clicks, soft jazz chords, 4/4 at 125-145 bpm"),
    Family("indie_rock", "Indie rock", "overdriven guitars, straight eighths, backbeat, 4/4 at 110-150 bpm"),
    Family("swing_jazz", "Swing jazz", "walking bass, ride cymbal, ii-V-I, swung 4/4 at 140-200 bpm"),
    Family("blues_shuffle", "Blues shuffle", "12-bar blues, dominant sevenths, 12/8 shuffle at 70-110 bpm"),
    Family("folk_waltz", "Folk waltz", "acoustic arpeggios and accordion, 3/4 at 90-140 bpm"),
    Family("celtic_jig", "Celtic jig", "fiddle and whistle, modal tunes, bodhran, 6/8 at 100-130 bpm"),
    Family("deep_house", "Deep house", "four-on-the-floor kick, offbeat hats, minor-seventh pads, 118-126 bpm"),
    Family("boom_bap", "Boom bap", "dusty swung drums, minor keys and bass, 4/4 at 84-96 bpm"),
    Family("reggae", "Reggae", "one-drop drums, offbeat skank, deep bass, 4/4 at 66-84 bpm"),
    Family("ambient", "Ambient", "no drums, slow evolving pads and bells, lydian colour, 60-80 bpm"),
)
FAMILY_NAMES: tuple[str, ...] = tuple(family.name for family in FAMILIES)
FAMILY_BY_NAME: dict[str, Family] = {family.name: family for family in FAMILIES}
