"""Synthesized demo music: a believable 30 s preview per sandbox track, in its style family.

The synthesis core (everything but `cache`, `views`, `urls` and `selectors`) imports no Django.
"""

from .families import FAMILIES, FAMILY_NAMES
from .synthesis import render, tempo_of

__all__ = ["FAMILIES", "FAMILY_NAMES", "render", "tempo_of"]
