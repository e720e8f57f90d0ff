"""Search semantics of the two services over plain rows of the catalogue. No Django here.

Both services ignore case and accents ("Maëlle" finds "Maelle" and the other way round) and punctuation.

Deezer: `q` takes free words and the advanced fields `artist:"..."`, `album:"..."`, `track:"..."`,
`label:"..."`, `dur_min:N`, `dur_max:N` (seconds), quoted or bare. A field's value must appear in that
field as whole words in order; each free word must be a word of the title, an artist or the album.
Unknown `field:` prefixes are plain text, as on Deezer.

iTunes: every word of `term` must be a word of the title, an artist or the album for a hit. The answer
also carries near misses, as Apple's does: other songs by an artist the term names in full, and songs
of the same title by other artists. Results are ordered by popularity (0-100) plus a relevance bonus
(`ITUNES_RELEVANCE_BONUS` times 1.0 for a title-and-artist match, 0.75 when a word is only in the album,
under 0.5 for a near miss), so a popular cover, a same-named single or album version, or another song
of the artist can come before the song asked for: clients must check what they got.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_NON_WORD = re.compile(r"[^0-9a-z]+")
_DEEZER_FIELD = re.compile(
    r'\b(?P<field>artist|album|track|label|dur_min|dur_max|bpm_min|bpm_max):(?:"(?P<quoted>[^"]*)"|(?P<bare>\S+))',
    re.IGNORECASE,
)
# How much a full match of the term weighs against popularity (0-100) in the iTunes order.
ITUNES_RELEVANCE_BONUS = 40


def normalise(text: str) -> str:
    """Lower case, accents stripped, punctuation to single spaces: "Maëlle's Céilí!" -> "maelle s ceili"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return _NON_WORD.sub(" ", plain).strip()


def words(text: str) -> list[str]:
    return normalise(text).split()


@dataclass(frozen=True)
class Row:
    """One track as search sees it. Names are kept normalised, padded with spaces for phrase tests."""

    track_id: str
    artist_ids: tuple[str, ...]
    popularity: int
    duration_s: int
    title: str
    artists: tuple[str, ...]
    album: str
    # Words of the title and artists, and those plus the album's.
    credit_tokens: frozenset[str] = field(init=False)
    tokens: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        credit = set(self.title.split())
        for name in self.artists:
            credit |= set(name.split())
        object.__setattr__(self, "credit_tokens", frozenset(credit))
        object.__setattr__(self, "tokens", frozenset(credit | set(self.album.split())))

    @classmethod
    def of(
        cls,
        *,
        track_id: str,
        artist_ids: tuple[str, ...],
        popularity: int,
        duration_ms: int,
        title: str,
        artists: tuple[str, ...],
        album: str,
    ) -> Row:
        return cls(
            track_id=track_id,
            artist_ids=artist_ids,
            popularity=popularity,
            duration_s=round(duration_ms / 1000),
            title=normalise(title),
            artists=tuple(normalise(name) for name in artists),
            album=normalise(album),
        )


def _has_phrase(haystack: str, phrase: str) -> bool:
    return f" {phrase} " in f" {haystack} "


@dataclass
class DeezerQuery:
    fields: dict[str, list[str]] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)
    dur_min: int | None = None
    dur_max: int | None = None


def deezer_query_parse(q: str) -> DeezerQuery:
    query = DeezerQuery()
    rest: list[str] = []
    position = 0
    for match in _DEEZER_FIELD.finditer(q):
        rest.append(q[position : match.start()])
        position = match.end()
        name = match.group("field").lower()
        value = match.group("quoted") if match.group("quoted") is not None else match.group("bare")
        if name in {"dur_min", "dur_max"}:
            if value.strip().isdigit():
                setattr(query, name, int(value))
            continue
        if name.startswith("bpm_"):
            # The sandbox knows no tempo; Deezer's own bpm data is mostly 0, so the filter is ignored.
            continue
        normalised = normalise(value)
        if normalised:
            query.fields.setdefault(name, []).append(normalised)
    rest.append(q[position:])
    query.words = words(" ".join(rest))
    return query


def deezer_matches(row: Row, query: DeezerQuery) -> bool:
    for value in query.fields.get("track", []):
        if not _has_phrase(row.title, value):
            return False
    for value in query.fields.get("artist", []):
        if not any(_has_phrase(name, value) for name in row.artists):
            return False
    for value in query.fields.get("album", []):
        if not _has_phrase(row.album, value):
            return False
    if query.fields.get("label"):
        # No labels in the sandbox world: a label filter matches nothing.
        return False
    if query.dur_min is not None and row.duration_s < query.dur_min:
        return False
    if query.dur_max is not None and row.duration_s > query.dur_max:
        return False
    return all(word in row.tokens for word in query.words)


def deezer_query_empty(query: DeezerQuery) -> bool:
    return not query.fields and not query.words and query.dur_min is None and query.dur_max is None


def itunes_relevance(row: Row, term_words: list[str]) -> float | None:
    """How well the row answers the term, from 1.0 (every word in its title and artists) through 0.75
    (every word, some only in the album's name) to below 0.5 (a near miss: an artist named in full, or
    the same title), or None when the row is not worth showing."""
    if not term_words:
        return None
    matched = sum(1 for word in term_words if word in row.tokens)
    if matched == len(term_words):
        return 1.0 if all(word in row.credit_tokens for word in term_words) else 0.75
    term = set(term_words)
    names_artist = any(name and set(name.split()) <= term for name in row.artists)
    names_title = bool(row.title) and set(row.title.split()) <= term
    if names_artist or names_title:
        return 0.5 * matched / len(term_words)
    return None


def itunes_order_key(row: Row, relevance: float) -> tuple[float, str]:
    return (-(row.popularity + ITUNES_RELEVANCE_BONUS * relevance), row.track_id)
