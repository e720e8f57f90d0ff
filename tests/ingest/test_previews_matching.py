"""Name normalisation and candidate scoring, the pure core of preview matching (no Django, no network)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.previews.matching import (
    Candidate,
    TrackQuery,
    artist_key,
    artist_keys,
    best_candidate,
    candidate_score,
    normalise,
    title_parse,
)

LATIN = st.text(alphabet=st.characters(codec="latin-1", categories=("L", "N", "P", "Zs")), max_size=40)
ACCENTS = ["\u0301", "\u0300", "\u0308", "\u0302", "\u0327", "\u0303"]


def query(title: str = "Harbour Lights", artists: tuple[str, ...] = ("Maëlle Lindqvist",), duration_ms: int = 200_000):
    return TrackQuery(spotify_id="sp1", title=title, artists=list(artists), duration_ms=duration_ms, isrc=None)


def candidate(title: str = "Harbour Lights", artists: tuple[str, ...] = ("Maëlle Lindqvist",), duration_ms=200_000):
    return Candidate(title=title, artists=artists, duration_ms=duration_ms, preview_url="https://cdn.example/p.mp3")


@given(st.text(max_size=60))
def test_normalise_is_idempotent_for_any_text(text):
    once = normalise(text)
    assert normalise(once) == once


@given(st.text(max_size=60))
def test_normalise_output_has_no_case_accents_or_stray_spaces(text):
    result = normalise(text)
    assert result == result.casefold()
    assert not any(unicodedata.combining(char) for char in result)
    assert result == " ".join(result.split())


@given(LATIN)
def test_normalise_ignores_case(text):
    assert normalise(text.upper()) == normalise(text.lower()) == normalise(text)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=30), st.lists(st.sampled_from(ACCENTS), max_size=30))
def test_normalise_ignores_accents(text, accents):
    accented = "".join(
        char + (accents[i % len(accents)] if accents and char != " " else "") for i, char in enumerate(text)
    )
    # Precomposed (NFC) and decomposed spellings of the same accented text are both accepted.
    assert normalise(unicodedata.normalize("NFC", accented)) == normalise(text)
    assert normalise(accented) == normalise(text)


@given(st.text(max_size=40))
def test_title_parse_base_is_normalised_and_stable(title):
    parsed = title_parse(title)
    assert normalise(parsed.base) == parsed.base
    assert title_parse(parsed.search_text).base == parsed.base


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maëlle's  Café & Co.", "maelles cafe and co"),
        ("SØREN ÆRØ", "soren aero"),
        ("Don\u2019t Stop", "dont stop"),  # typographic apostrophe
        ("Beira-Mar", "beira mar"),
        ("\uff46\uff55\uff4c\uff4c\u3000\uff57\uff49\uff44\uff54\uff48", "full width"),  # full-width forms
        ("Кино", "кино"),  # other scripts are kept, not erased into ""
        ("  ", ""),
    ],
)
def test_normalise_table(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("The Copper Moths", {"copper moths"}),
        ("Crooked Moths & the Shakers", {"crooked moths and the shakers", "crooked moths", "shakers"}),
        ("Ana, Bo & Cy", {"ana bo and cy", "ana", "bo", "cy"}),
        ("Ana feat. Bo", {"ana feat bo", "ana", "bo"}),
        ("Ana x Bo", {"ana x bo", "ana", "bo"}),
    ],
)
def test_artist_keys_credit_every_named_artist_and_the_whole(name, keys):
    assert artist_keys(name) == keys


def test_artist_key_drops_a_leading_the_only():
    assert artist_key("The The") == "the"
    assert artist_key("Theo Hollins") == "theo hollins"


@pytest.mark.parametrize(
    ("title", "base", "kinds"),
    [
        ("Harbour Lights - Remastered 2011", "harbour lights", set()),
        ("Harbour Lights (Remastered 2011)", "harbour lights", set()),
        ("Harbour Lights (2011 Remaster)", "harbour lights", set()),
        ("Harbour Lights [Mono]", "harbour lights", set()),
        ("Harbour Lights - Single Version", "harbour lights", set()),
        ("Harbour Lights (Original Mix)", "harbour lights", set()),
        ("Harbour Lights (25th Anniversary Edition)", "harbour lights", set()),
        ('Harbour Lights - From "The Night Market" Soundtrack', "harbour lights", set()),
        ("Harbour Lights (feat. Ana & Bo)", "harbour lights", set()),
        ("Harbour Lights feat. Ana", "harbour lights", set()),
        ("Harbour Lights (with Bo) - Remastered", "harbour lights", set()),
        ("Harbour Lights - Live", "harbour lights", {"live"}),
        ("Harbour Lights (Live at Pier Nine, 1986)", "harbour lights", {"live"}),
        ("Harbour Lights (Radio Edit)", "harbour lights", {"edit"}),
        ("Harbour Lights - Radio Version", "harbour lights", {"edit"}),
        ("Harbour Lights (Kestrel Remix)", "harbour lights", {"remix"}),
        ("Harbour Lights - Acoustic", "harbour lights", {"acoustic"}),
        ("Harbour Lights (Reprise)", "harbour lights", {"reprise"}),
        ("Harbour Lights - Re-recorded", "harbour lights", {"rerecorded"}),
        ("Harbour Lights (Spanish Version)", "harbour lights", {"spanish"}),
        ("Harbour Lights (Part 2)", "harbour lights part 2", set()),
        ("Interlude - Morning", "interlude morning", set()),
        ("(Live)", "live", set()),  # never peel a title down to nothing
        ("Sunrise Dub", "sunrise dub", set()),  # a kind word outside a suffix is just a word
    ],
)
def test_title_parse_peels_credits_and_versions(title, base, kinds):
    parsed = title_parse(title)
    assert parsed.base == base
    assert parsed.kinds == kinds


def test_title_parse_keeps_feat_names_as_credits():
    assert title_parse("Harbour Lights (feat. Ana & Bo) - Remastered").credits == ("Ana", "Bo")
    assert title_parse("Harbour Lights (feat. Ana & Bo)").search_text == "Harbour Lights"


@pytest.mark.parametrize(
    ("wanted", "offered"),
    [
        (query(), candidate()),
        (query(title="Harbour Lights - Remastered 2011"), candidate(title="Harbour Lights (Remastered)")),
        (query(title="Harbour Lights"), candidate(title="HARBOUR LIGHTS [2019 Remaster]")),
        (query(artists=("Maelle Lindqvist",)), candidate(artists=("MAËLLE LINDQVIST",))),
        (query(artists=("The Copper Moths",)), candidate(artists=("Copper Moths",))),
        (query(artists=("Bo Ashdown", "Maëlle Lindqvist")), candidate(artists=("Maëlle Lindqvist & Bo Ashdown",))),
        (query(artists=("Bo Ashdown",)), candidate(title="Harbour Lights (feat. Bo Ashdown)")),
        (query(title="Harbour Lights - Live"), candidate(title="Harbour Lights (Live at Wembley)")),
        (query(duration_ms=200_000), candidate(duration_ms=202_900)),  # within 3 s
        (query(duration_ms=400_000), candidate(duration_ms=405_500)),  # within 1.5 % of a long track
        (query(), candidate(duration_ms=None)),  # no duration stated: not held against it
    ],
)
def test_candidate_score_accepts_the_same_recording(wanted, offered):
    score = candidate_score(wanted, offered)
    assert score is not None
    assert 0.5 <= score <= 1.0


@pytest.mark.parametrize(
    ("wanted", "offered"),
    [
        (query(), candidate(title="Harbour Lights (Live)")),
        (query(title="Harbour Lights (Live)"), candidate()),
        (query(), candidate(title="Harbour Lights (Kestrel Remix)")),
        (query(title="Harbour Lights (Radio Edit)"), candidate(title="Harbour Lights (Extended Mix)")),
        (query(), candidate(title="Harbour Lights (Reprise)")),
        (query(), candidate(title="Harbour Lights Part 2")),
        (query(), candidate(title="Harbour")),
        (query(), candidate(artists=("Someone Else",))),  # a cover: same title, other artist
        (query(artists=("Maëlle",)), candidate(artists=("Maëlle Lindqvist",))),  # a name is no prefix match
        (query(duration_ms=200_000), candidate(duration_ms=203_500)),
        (query(duration_ms=400_000), candidate(duration_ms=406_500)),
        (query(duration_ms=200_000), candidate(duration_ms=100_000)),
    ],
)
def test_candidate_score_refuses_another_recording(wanted, offered):
    assert candidate_score(wanted, offered) is None


def test_a_closer_version_scores_higher():
    wanted = query(title="Harbour Lights - Live at Wembley")
    exact = candidate(title="Harbour Lights (Live at Wembley)")
    looser = candidate(title="Harbour Lights (Live)")
    assert candidate_score(wanted, exact) > candidate_score(wanted, looser)
    assert candidate_score(query(), candidate(duration_ms=200_000)) > candidate_score(
        query(), candidate(duration_ms=202_000)
    )


def test_best_candidate_is_chosen_by_score_not_by_rank():
    wanted = query()
    ranked = [
        candidate(title="Harbour Lights", artists=("A Popular Cover Band",)),
        candidate(title="Harbour Lights (Live)"),
        candidate(duration_ms=202_500),
        candidate(duration_ms=200_400),
        Candidate(title="Harbour Lights", artists=("Maëlle Lindqvist",), duration_ms=200_000, preview_url=""),
    ]
    assert best_candidate(wanted, ranked) is ranked[3]
    assert best_candidate(wanted, ranked[:2]) is None
