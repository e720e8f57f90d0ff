"""Does a Deezer or iTunes result name the same recording as the Spotify track we hold? No Django here.

Catalogues spell one recording differently: case, accents, punctuation, "feat." credits in the title or
in the artist list, and version tags: Spotify's "Song - Remastered 2011" is Deezer's "Song (Remastered
2011)" and plain "Song" elsewhere. Normalisation removes what never tells recordings apart and keeps
what does, because the wrong recording (a live take, a remix) is worse for sound matching than none.

Names (`normalise`): Unicode compatibility-decomposed, accents dropped, case-folded, a few letters that
do not decompose folded by hand (ø, æ, ł...), "&" read as "and", apostrophes dropped ("Don't" = "Dont"),
other punctuation as spaces. Letters of every script are kept: erasing non-Latin names would make all
of them equal. Artists also drop a leading "The".

Titles (`title_parse`): trailing groups in brackets and " - suffix" parts are peeled off while they are
- credits ("feat. X", "ft. X", "featuring X", and Spotify's "(with X)"): the names become candidate artists;
- neutral descriptors, naming the same recording (remaster/remastered, a year, mono/stereo, single or
  album version, original mix, explicit/clean, deluxe/edition, bonus track, "from <film>"): dropped;
- distinguishing descriptors, naming another recording (live, remix/mix, acoustic, instrumental, demo,
  edit, extended, reprise, unplugged, a cappella, karaoke, cover, sped up, slowed, re-recorded, session,
  orchestral, or any other "X Version"): kept as *kinds*. Two titles match only when their kinds agree,
  so "Song (Live)" never stands in for "Song", but "Song - Live" does for "Song (Live at Wembley)",
  at a lower score than an exact tag match.
Any other bracket or dash is part of the title ("Part 2", "Interlude - Morning") and must match as is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Letters NFKD leaves whole although readers (and the stores' search) treat them as plain Latin.
_FOLD = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "\u0131": "i", "&": " and "}
)
# ' and its typographic cousins: right and left single quotes, the modifier-letter apostrophe, grave.
_APOSTROPHES = re.compile("['\u2019\u2018\u02bc`]")
_NON_WORD = re.compile(r"[\W_]+")

_TRAILING_BRACKET = re.compile(r"^(?P<head>.*?)\s*[(\[](?P<inner>[^()\[\]]*)[)\]]\s*$", re.DOTALL)
# Only a dash (hyphen, en or em dash) with spaces around it: "Beira-Mar" and "Okonkwo-Reyes" are one word.
_TRAILING_DASH = re.compile(r"^(?P<head>.*\S)\s+[-\u2013\u2014]\s+(?P<inner>.+?)\s*$", re.DOTALL)
_TRAILING_FEAT = re.compile(
    r"^(?P<head>.*\S)\s+(?:feat\.?|ft\.?|featuring)\s+(?P<inner>.+)$", re.IGNORECASE | re.DOTALL
)
_CREDIT_WORDS = frozenset({"feat", "ft", "featuring", "with"})
# Between credited names in one artist string: "A & B", "A, B & C", "A feat. B", "A x B", "A vs. B".
_CREDIT_SPLIT = re.compile(r"\s*(?:&|,|;|\s/\s|\sx\s|\svs\.?\s|\sfeat\.?\s|\sft\.?\s|\sfeaturing\s)\s*", re.IGNORECASE)

# A word of a descriptor -> the kind of other recording it announces.
_KIND_OF_WORD: dict[str, str] = {
    "live": "live",
    "vivo": "live",
    "concert": "live",
    "remix": "remix",
    "rmx": "remix",
    "mix": "remix",
    "rework": "remix",
    "dub": "remix",
    "vip": "remix",
    "acoustic": "acoustic",
    "unplugged": "acoustic",
    "instrumental": "instrumental",
    "karaoke": "instrumental",
    "demo": "demo",
    "edit": "edit",
    "extended": "extended",
    "reprise": "reprise",
    "acapella": "acapella",
    "cappella": "acapella",
    "cover": "cover",
    "sped": "tempo",
    "slowed": "tempo",
    "nightcore": "tempo",
    "rerecorded": "rerecorded",
    "rerecording": "rerecorded",
    "session": "session",
    "sessions": "session",
    "orchestral": "orchestral",
    "symphonic": "orchestral",
}
# Words that, alone or together, name the same recording under another label.
_NEUTRAL_WORDS = frozenset(
    {
        "remaster",
        "remastered",
        "remasterd",
        "digitally",
        "digital",
        "version",
        "mono",
        "stereo",
        "single",
        "album",
        "original",
        "explicit",
        "clean",
        "deluxe",
        "edition",
        "bonus",
        "track",
        "anniversary",
        "expanded",
        "special",
        "mastered",
        "ep",
        "lp",
    }
)
# Years and ordinals inside neutral descriptors: "2011", "25th", "80s".
_NUMBER = re.compile(r"^\d+(?:st|nd|rd|th|s)?$")
# Phrases whose words would otherwise read as a kind ("original mix" is no remix, "radio version" is an edit).
_NEUTRAL_PHRASES = ("original mix", "main mix", "album mix")
_WORD_PHRASES = {
    "radio version": "radio edit",
    "re recorded": "rerecorded",
    "re recording": "rerecording",
    "a cappella": "acapella",
    "sped up": "sped",
}
_DURATION_TOLERANCE_MS = 3_000
_DURATION_TOLERANCE_FRACTION = 0.015


def normalise(text: str) -> str:
    """Accent-, case- and punctuation-blind form of a name: "Maëlle's  Café & Co." -> "maelles cafe and co"."""
    # Case-folding can produce characters that decompose further (and the reverse), so fold to a fixpoint;
    # two rounds settle every string seen in practice, the loop makes idempotence a guarantee.
    previous = None
    while text != previous:
        previous = text
        decomposed = unicodedata.normalize("NFKD", text).casefold()
        decomposed = unicodedata.normalize("NFKD", decomposed)
        text = "".join(char for char in decomposed if not unicodedata.combining(char)).translate(_FOLD)
        text = _APOSTROPHES.sub("", text)
        text = " ".join(_NON_WORD.sub(" ", text).split())
    return text


def artist_key(name: str) -> str:
    """One artist's name as compared: normalised, without a leading "The" ("The Moths" = "Moths")."""
    key = normalise(name)
    return key[4:] if key.startswith("the ") else key


def artist_keys(credit: str) -> frozenset[str]:
    """Keys of every artist an artist string credits: the whole string and each part of "A & B", "A, B",
    "A feat. B"... The whole is kept because some acts carry "&" in their own name."""
    keys = {artist_key(credit)}
    keys.update(artist_key(part) for part in _CREDIT_SPLIT.split(credit))
    keys.discard("")
    return frozenset(keys)


@dataclass(frozen=True)
class ParsedTitle:
    base: str  # normalised title without credits and version descriptors
    search_text: str  # the same, as written: what to send to a search box
    kinds: frozenset[str]  # kinds of distinguishing descriptors ("live", "remix"...)
    tags: frozenset[str]  # their words, for telling an exact version match from a looser one
    credits: tuple[str, ...]  # names from "feat." parts


def _descriptor_words(inner: str) -> list[str]:
    text = f" {normalise(inner)} "
    for phrase, replacement in _WORD_PHRASES.items():
        text = text.replace(f" {phrase} ", f" {replacement} ")
    for phrase in _NEUTRAL_PHRASES:
        text = text.replace(f" {phrase} ", " ")
    return text.split()


def _classify(inner: str) -> tuple[str, frozenset[str], frozenset[str]] | None:
    """("credit"|"neutral"|"version", kinds, tags) for a suffix, or None when it is part of the title."""
    plain = normalise(inner).split()
    if not plain:
        return None
    if plain[0] in _CREDIT_WORDS and len(plain) > 1:
        return ("credit", frozenset(), frozenset())
    words = _descriptor_words(inner)
    kinds = frozenset(_KIND_OF_WORD[word] for word in words if word in _KIND_OF_WORD)
    if kinds:
        return ("version", kinds, frozenset(words))
    if not words or plain[0] == "from" or all(word in _NEUTRAL_WORDS or _NUMBER.match(word) for word in words):
        return ("neutral", frozenset(), frozenset())
    if "version" in words:
        # "Spanish Version", "Taylor's Version": another recording, of a kind no list foresees.
        kind = " ".join(word for word in words if word != "version")
        return ("version", frozenset({kind}), frozenset(words))
    return None


def _credit_names(inner: str) -> list[str]:
    stripped = re.sub(r"^\s*(?:feat\.?|ft\.?|featuring|with)\s+", "", inner, flags=re.IGNORECASE)
    return [part for part in _CREDIT_SPLIT.split(stripped) if part.strip()]


def title_parse(title: str) -> ParsedTitle:
    head = " ".join(title.split())
    kinds: set[str] = set()
    tags: set[str] = set()
    credits: list[str] = []
    while True:
        match = _TRAILING_BRACKET.match(head) or _TRAILING_DASH.match(head)
        if match is not None and normalise(match["head"]):
            found = _classify(match["inner"])
            if found is not None:
                role, found_kinds, found_tags = found
                if role == "credit":
                    credits.extend(_credit_names(match["inner"]))
                kinds |= found_kinds
                tags |= found_tags
                head = match["head"].strip()
                continue
        feat = _TRAILING_FEAT.match(head)
        if feat is not None and normalise(feat["head"]):
            credits.extend(_credit_names(feat["inner"]))
            head = feat["head"].strip()
            continue
        break
    return ParsedTitle(
        base=normalise(head),
        search_text=head,
        kinds=frozenset(kinds),
        tags=frozenset(tags),
        credits=tuple(credits),
    )


@dataclass(frozen=True)
class TrackQuery:
    """The Spotify track a preview is sought for, as much as development mode tells us."""

    spotify_id: str
    title: str
    artists: list[str]
    duration_ms: int
    isrc: str | None = None

    @property
    def lead_artist(self) -> str:
        return self.artists[0] if self.artists else ""


@dataclass(frozen=True)
class Candidate:
    """One search result of a preview source, reduced to what matching needs."""

    title: str
    artists: tuple[str, ...]  # each may itself credit several ("A & B")
    duration_ms: int | None
    preview_url: str = ""


def duration_tolerance_ms(duration_ms: int) -> float:
    """3 s, or 1.5 % for tracks over 200 s. Stores round to the second and trim silence differently, by
    more on long tracks; a wider window would let a same-titled edit or single version of the artist's in."""
    return max(_DURATION_TOLERANCE_MS, _DURATION_TOLERANCE_FRACTION * duration_ms)


def candidate_score(query: TrackQuery, candidate: Candidate) -> float | None:
    """How surely `candidate` is the recording `query` names: 1.0 for a perfect match, down to about 0.5
    for a loose but acceptable one; None when it is not the same recording. Scores only compare between
    candidates for one query.

    A match needs the same title (after `title_parse`) with the same version kinds, one of the query's
    artists among the candidate's (any position, "feat." credits in its title included), and a duration
    within `duration_tolerance_ms` when the candidate states one."""
    wanted, offered = title_parse(query.title), title_parse(candidate.title)
    if not wanted.base:
        # A title of punctuation alone: nothing left to normalise, so only the exact text will do.
        if query.title.strip().casefold() != candidate.title.strip().casefold():
            return None
    elif wanted.base != offered.base:
        return None
    if wanted.kinds != offered.kinds:
        return None

    query_artists = [artist_key(name) for name in query.artists]
    offered_artists: set[str] = set()
    for credit in (*candidate.artists, *offered.credits):
        offered_artists |= artist_keys(credit)
    if not offered_artists.intersection(query_artists):
        return None

    if candidate.duration_ms is None:
        closeness = 0.5  # unknown: acceptable, but any candidate that states a close one wins
    else:
        difference = abs(candidate.duration_ms - query.duration_ms)
        tolerance = duration_tolerance_ms(query.duration_ms)
        if difference > tolerance:
            return None
        closeness = 1.0 - difference / tolerance

    title_exact = 1.0 if wanted.tags == offered.tags else 0.0
    lead_matches = 1.0 if query_artists and query_artists[0] in offered_artists else 0.0
    return round(0.5 + 0.2 * title_exact + 0.1 * lead_matches + 0.2 * closeness, 6)


def best_candidate(query: TrackQuery, candidates: list[Candidate]) -> Candidate | None:
    """The highest-scoring candidate that has a preview; the earlier one on a tie (the source's own order)."""
    best: Candidate | None = None
    best_score = -1.0
    for candidate in candidates:
        if not candidate.preview_url:
            continue
        score = candidate_score(query, candidate)
        if score is not None and score > best_score:
            best, best_score = candidate, score
    return best
