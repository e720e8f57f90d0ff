"""Generate the demo catalogue as plain data, deterministically from one seed. No Django here."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from sandbox.catalogue import words
from sandbox.ids import BASE62, base62_id
from sandbox.music.families import FAMILY_NAMES

SEED = 20261127
ESTABLISHED_ARTISTS = 48
EMERGING_ARTISTS = 72
TOP_TRACKS_PER_RANGE = 50
TIME_RANGES = ("short_term", "medium_term", "long_term")


@dataclass
class ArtistData:
    id: str
    name: str
    family: str
    tier: str
    genres: list[str]
    followers: int
    popularity: int
    isrc_registrant: str


@dataclass
class AlbumData:
    id: str
    name: str
    artist_id: str
    album_type: str
    release_date: str
    release_date_precision: str
    total_tracks: int


@dataclass
class TrackData:
    id: str
    name: str
    album_id: str
    artist_ids: list[str]
    duration_ms: int
    explicit: bool
    track_number: int
    popularity: int
    isrc: str
    style_family: str
    release_year: int


@dataclass
class ListenerData:
    id: str
    display_name: str
    has_avatar: bool
    followers: int
    loved_families: tuple[str, ...]
    top: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Catalogue:
    artists: list[ArtistData]
    albums: list[AlbumData]
    tracks: list[TrackData]
    listeners: list[ListenerData]


def _log_uniform(rng: random.Random, low: float, high: float) -> int:
    return int(math.exp(rng.uniform(math.log(low), math.log(high))))


class _Namer:
    """Hands out names never used before in this catalogue."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def unique(self, make: object) -> str:
        assert callable(make)
        for _ in range(200):
            name = " ".join(str(make()).split())
            if name.lower() not in self.used:
                self.used.add(name.lower())
                return name
        raise RuntimeError("word lists too small for the catalogue size")

    def artist(self, family: str) -> str:
        rng = self.rng

        def make() -> str:
            style = rng.random()
            if style < 0.4:
                return f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"
            if style < 0.8:
                article = "The " if rng.random() < 0.35 else ""
                suffix = rng.choice(words.FAMILY_BAND_WORDS[family])
                noun = rng.choice(words.BAND_NOUNS)
                base = f"{article}{rng.choice(words.BAND_ADJECTIVES)} {noun}"
                return f"{base} {suffix}" if suffix and rng.random() < 0.5 else base
            syllables = "".join(rng.choice(words.MONO_SYLLABLES) for _ in range(rng.randint(2, 3)))
            return syllables.capitalize()

        return self.unique(make)

    def _fill(self, pattern: str, family: str) -> str:
        rng = self.rng
        return pattern.format(
            adj=rng.choice(words.TITLE_ADJECTIVES),
            noun=rng.choice(words.TITLE_NOUNS),
            noun2=rng.choice(words.TITLE_NOUNS),
            place=rng.choice(words.TITLE_PLACES),
            verb=rng.choice(words.TITLE_VERBS),
            family=rng.choice(words.FAMILY_TITLE_WORDS[family]),
            n=rng.randint(2, 9),
        )

    def album(self, family: str) -> str:
        return self.unique(lambda: self._fill(self.rng.choice(words.ALBUM_PATTERNS), family))

    def track(self, family: str, taken: set[str]) -> str:
        # Track titles repeat across artists in real catalogues; only within one album must they differ.
        for _ in range(100):
            name = self._fill(self.rng.choice(words.TRACK_PATTERNS), family)
            if name not in taken:
                taken.add(name)
                return name
        raise RuntimeError("track word lists too small")


def _release_date(rng: random.Random, first_year: int, last_year: int) -> tuple[str, str, int]:
    year = rng.randint(first_year, last_year)
    # Older catalogue often carries only a year, as Spotify's does.
    if year < 2005 and rng.random() < 0.5:
        return str(year), "year", year
    month = rng.randint(1, 11 if year == 2026 else 12)
    return f"{year}-{month:02d}-{rng.randint(1, 28):02d}", "day", year


def generate(seed: int = SEED) -> Catalogue:
    rng = random.Random(seed)
    namer = _Namer(rng)
    artists: list[ArtistData] = []
    albums: list[AlbumData] = []
    tracks: list[TrackData] = []
    tiers = [("established", index) for index in range(ESTABLISHED_ARTISTS)]
    tiers += [("emerging", index) for index in range(EMERGING_ARTISTS)]
    for number, (tier, index) in enumerate(tiers):
        family = FAMILY_NAMES[index % len(FAMILY_NAMES)]
        established = tier == "established"
        genres = rng.sample(words.GENRES[family], k=2 if established else rng.randint(1, 2))
        artists.append(
            ArtistData(
                id=base62_id("artist", seed, number),
                name=namer.artist(family),
                family=family,
                tier=tier,
                genres=genres,
                followers=_log_uniform(rng, 200_000, 12_000_000) if established else _log_uniform(rng, 50, 20_000),
                popularity=rng.randint(62, 92) if established else rng.randint(3, 38),
                isrc_registrant=BASE62[10 + number // 26 % 26].upper() + BASE62[10 + number % 26].upper() + "7",
            )
        )
    for artist in artists:
        established = artist.tier == "established"
        releases = (
            [("album", rng.randint(8, 11)), ("single", rng.randint(1, 2))]
            if established
            else [("single", rng.randint(3, 6))] + ([("single", 1)] if rng.random() < 0.6 else [])
        )
        for release_number, (album_type, size) in enumerate(releases):
            album_id = base62_id("album", seed, artist.id, release_number)
            date, precision, year = _release_date(rng, 1998, 2026) if established else _release_date(rng, 2022, 2026)
            albums.append(
                AlbumData(
                    id=album_id,
                    name=namer.album(artist.family) if size > 2 else "",
                    artist_id=artist.id,
                    album_type=album_type,
                    release_date=date,
                    release_date_precision=precision,
                    total_tracks=size,
                )
            )
            taken: set[str] = set()
            for track_number in range(1, size + 1):
                family = artist.family
                if rng.random() < 0.15:
                    family = rng.choice(words.NEIGHBOURS[family])
                name = namer.track(family, taken)
                featured = [
                    other.id
                    for other in rng.sample(artists, 1)
                    if rng.random() < 0.1 and other.id != artist.id and other.family == artist.family
                ]
                low, high = (240_000, 480_000) if family == "ambient" else (140_000, 330_000)
                explicit_odds = {"boom_bap": 0.4, "indie_rock": 0.1}.get(family, 0.02)
                tracks.append(
                    TrackData(
                        id=base62_id("track", seed, album_id, track_number),
                        name=name,
                        album_id=album_id,
                        artist_ids=[artist.id, *featured],
                        duration_ms=rng.randint(low, high),
                        explicit=rng.random() < explicit_odds,
                        track_number=track_number,
                        popularity=max(0, min(100, artist.popularity + rng.randint(-12, 8))),
                        isrc=f"QZ{artist.isrc_registrant}{year % 100:02d}{len(tracks) + 1:05d}",
                        style_family=family,
                        release_year=year,
                    )
                )
            if size <= 2:
                # A single is named after its lead track.
                albums[-1].name = tracks[-size].name
    listeners = [_listener(rng, spec, tracks, {a.id: a for a in artists}) for spec in words.LISTENERS]
    return Catalogue(artists=artists, albums=albums, tracks=tracks, listeners=listeners)


def _listener(
    rng: random.Random,
    spec: tuple[str, str, tuple[str, ...], bool],
    tracks: list[TrackData],
    artists: dict[str, ArtistData],
) -> ListenerData:
    listener_id, display_name, loved, has_avatar = spec
    listener = ListenerData(
        id=listener_id,
        display_name=display_name,
        has_avatar=has_avatar,
        followers=rng.randint(3, 400),
        loved_families=loved,
    )
    # One lasting taste per track, plus noise that the shorter ranges draw on more: the ranges then
    # overlap the way real listening does (favourites stay, recent finds come and go).
    scored: dict[str, list[float]] = {time_range: [] for time_range in TIME_RANGES}
    for track in tracks:
        family_weight = 1.0 if track.style_family in loved else 0.2
        tier_weight = 1.0 if artists[track.artist_ids[0]].tier == "established" else 0.6
        taste = family_weight * tier_weight * (0.5 + track.popularity / 100) * math.exp(rng.gauss(0, 0.6))
        lasting, season, week = rng.gauss(0, 1), rng.gauss(0, 1), rng.gauss(0, 1)
        recent = 1.6 if track.release_year >= 2025 else 1.0
        scored["long_term"].append(taste * math.exp(0.35 * lasting))
        scored["medium_term"].append(taste * math.exp(0.25 * lasting + 0.35 * season))
        scored["short_term"].append(taste * recent * math.exp(0.15 * lasting + 0.2 * season + 0.45 * week))
    for time_range, scores in scored.items():
        order = sorted(range(len(tracks)), key=lambda i: (-scores[i], tracks[i].id))
        listener.top[time_range] = [tracks[i].id for i in order[:TOP_TRACKS_PER_RANGE]]
    return listener
