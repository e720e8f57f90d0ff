"""Which sandbox tracks Deezer and iTunes carry, and the integer ids they know them by. No Django here.

Every rule is a pure function of the sandbox id, so every machine, process and run agrees, and the rules
hold for rows added after the seed too.

Availability (one hash bucket per track, `seed_int("availability", track_id) % 1000`):

    bucket <  30   about 3 %   on neither service (a client must give up on the track)
    bucket < 130   about 10 %  on iTunes only: Deezer answers "no data" (code 800) and never lists it
    otherwise      about 87 %  on both

Of the tracks on Deezer, about 5 % (`seed_int("deezer-blank-preview", track_id) % 100 < 5`) carry
`"preview": ""`, as Deezer does for some licences; the track itself is still found and readable.
Artists and albums appear on a service when at least one of their tracks does.

Integer ids: both services number everything with integers well below 2**53 (safe in JavaScript). Each
(service, kind) gets its own range, in the magnitudes the real services use, and the id is a hash of the
sandbox id inside it. The mapping is reversed by looking up a table built from the catalogue
(`mirrors.selectors`); `tests/sandbox/test_deezer.py` checks the seeded catalogue has no collision.
"""

from __future__ import annotations

from enum import StrEnum

from sandbox.ids import seed_int

NOWHERE_PER_MILLE = 30
ITUNES_ONLY_PER_MILLE = 100
BLANK_PREVIEW_PERCENT = 5


class Service(StrEnum):
    DEEZER = "deezer"
    ITUNES = "itunes"


class Kind(StrEnum):
    TRACK = "track"
    ARTIST = "artist"
    ALBUM = "album"


# (first id, size of the range) for each service and kind.
_RANGES: dict[tuple[Service, Kind], tuple[int, int]] = {
    (Service.DEEZER, Kind.TRACK): (1_000_000_000, 2_000_000_000),
    (Service.DEEZER, Kind.ARTIST): (1_000_000, 299_000_000),
    (Service.DEEZER, Kind.ALBUM): (100_000_000, 600_000_000),
    (Service.ITUNES, Kind.TRACK): (1_400_000_000, 400_000_000),
    (Service.ITUNES, Kind.ARTIST): (100_000_000, 1_500_000_000),
    (Service.ITUNES, Kind.ALBUM): (1_400_000_000, 400_000_000),
}


def _bucket(track_id: str) -> int:
    return seed_int("availability", track_id) % 1000


def on_deezer(track_id: str) -> bool:
    return _bucket(track_id) >= NOWHERE_PER_MILLE + ITUNES_ONLY_PER_MILLE


def on_itunes(track_id: str) -> bool:
    return _bucket(track_id) >= NOWHERE_PER_MILLE


def deezer_preview_blank(track_id: str) -> bool:
    """True for a Deezer track whose `preview` is the empty string."""
    return seed_int("deezer-blank-preview", track_id) % 100 < BLANK_PREVIEW_PERCENT


def external_id(service: Service, kind: Kind, sandbox_id: str) -> int:
    first, size = _RANGES[(service, kind)]
    return first + seed_int(service.value, kind.value, sandbox_id) % size


def deezer_rank(track_id: str, popularity: int) -> int:
    """Deezer's `rank` (0 to about a million), from the sandbox popularity plus a stable jitter."""
    return popularity * 9_000 + seed_int("deezer-rank", track_id) % 9_000
