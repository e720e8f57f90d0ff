"""Generated cover art and avatars: deterministic, well-formed SVG."""

from __future__ import annotations

from xml.etree import ElementTree

from hypothesis import given
from hypothesis import strategies as st

from sandbox.art import album_cover_svg, initials, portrait_svg


@given(key=st.text(min_size=1, max_size=30), name=st.text(max_size=60))
def test_covers_are_well_formed_and_repeatable(key, name):
    svg = album_cover_svg(key=key, name=name, size=300)
    assert svg == album_cover_svg(key=key, name=name, size=300)
    root = ElementTree.fromstring(svg)  # noqa: S314 (our own generated SVG)
    assert root.get("width") == "300"


def test_covers_differ_by_id():
    assert album_cover_svg(key="a", name="Tide", size=64) != album_cover_svg(key="b", name="Tide", size=64)


def test_portraits_are_well_formed():
    ElementTree.fromstring(portrait_svg(key="x", name="Lena <Voss> & co", size=64, round_=True))  # noqa: S314


def test_initials_skip_leading_articles():
    assert initials("The Copper Lanterns") == "CL"
    assert initials("") == "?"
