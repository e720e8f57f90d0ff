"""One arranger per style family: `arrange(song)` writes the parts of a track into `song.mix`."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from ..families import FAMILY_NAMES
from .common import Song

Arranger = Callable[[Song], None]


def arranger_for(family: str) -> Arranger:
    if family not in FAMILY_NAMES:
        raise ValueError(f"unknown style family: {family!r}")
    return import_module(f"{__name__}.{family}").arrange
