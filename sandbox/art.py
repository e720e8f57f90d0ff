"""Deterministic SVG cover art and avatars: colours and shapes from a hash of the id. No Django here."""

from __future__ import annotations

import hashlib
import random
from html import escape

ALBUM_SIZES: tuple[int, ...] = (640, 300, 64)
ARTIST_SIZES: tuple[int, ...] = (640, 320, 160)
USER_SIZES: tuple[int, ...] = (300, 64)


def _rng(key: str) -> random.Random:
    return random.Random(int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big"))


def initials(name: str, limit: int = 2) -> str:
    words = [word for word in name.replace("-", " ").split() if word[:1].isalnum()]
    if words and words[0].lower() in {"the", "a", "an", "la", "le", "los", "el"} and len(words) > 1:
        words = words[1:]
    letters = "".join(word[0] for word in words[:limit]).upper()
    return letters or "?"


def _hsl(hue: float, saturation: int, lightness: int) -> str:
    return f"hsl({hue % 360:.0f},{saturation}%,{lightness}%)"


def album_cover_svg(*, key: str, name: str, size: int) -> str:
    """A square cover: a two-colour gradient, a few translucent shapes, the title's initials."""
    rng = _rng(key)
    hue = rng.uniform(0, 360)
    # An analogous or complementary partner colour keeps covers varied without clashing.
    partner = hue + rng.choice((35, 150, 180, 210, -40))
    angle = rng.choice((0, 45, 90, 135))
    shapes: list[str] = []
    for index in range(rng.randint(3, 6)):
        colour = _hsl(hue + rng.uniform(-60, 60) + index * 20, rng.randint(40, 85), rng.randint(30, 80))
        opacity = rng.uniform(0.18, 0.55)
        form = rng.choice(("circle", "ring", "bar", "diamond"))
        x, y, r = rng.uniform(40, 600), rng.uniform(40, 600), rng.uniform(50, 260)
        if form == "circle":
            shapes.append(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{r:.0f}" fill="{colour}" opacity="{opacity:.2f}"/>')
        elif form == "ring":
            shapes.append(
                f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{r:.0f}" fill="none" stroke="{colour}" '
                f'stroke-width="{rng.uniform(8, 40):.0f}" opacity="{opacity:.2f}"/>'
            )
        elif form == "bar":
            shapes.append(
                f'<rect x="-100" y="{y:.0f}" width="840" height="{r / 3:.0f}" fill="{colour}" '
                f'opacity="{opacity:.2f}" transform="rotate({rng.uniform(-40, 40):.0f} 320 320)"/>'
            )
        else:
            shapes.append(
                f'<rect x="{x - r / 2:.0f}" y="{y - r / 2:.0f}" width="{r:.0f}" height="{r:.0f}" fill="{colour}" '
                f'opacity="{opacity:.2f}" transform="rotate(45 {x:.0f} {y:.0f})"/>'
            )
    letters = escape(initials(name))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 640 640">'
        f'<defs><linearGradient id="g" gradientTransform="rotate({angle} .5 .5)">'
        f'<stop offset="0" stop-color="{_hsl(hue, 70, 45)}"/><stop offset="1" stop-color="{_hsl(partner, 65, 22)}"/>'
        f"</linearGradient></defs>"
        f'<rect width="640" height="640" fill="url(#g)"/>{"".join(shapes)}'
        f'<text x="48" y="592" font-family="Helvetica Neue,Arial,sans-serif" font-weight="800" '
        f'font-size="150" letter-spacing="-6" fill="#fff" fill-opacity="0.92">{letters}</text>'
        f"</svg>"
    )


def portrait_svg(*, key: str, name: str, size: int, round_: bool = False) -> str:
    """An avatar or artist image: a soft radial gradient with the name's initials in the middle."""
    rng = _rng(key)
    hue = rng.uniform(0, 360)
    clip = '<clipPath id="c"><circle cx="160" cy="160" r="160"/></clipPath>' if round_ else ""
    clip_ref = ' clip-path="url(#c)"' if round_ else ""
    letters = escape(initials(name))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 320 320">'
        f'<defs>{clip}<radialGradient id="g" cx="{rng.uniform(0.2, 0.8):.2f}" cy="{rng.uniform(0.2, 0.5):.2f}" r="0.9">'
        f'<stop offset="0" stop-color="{_hsl(hue, 75, 62)}"/><stop offset="1" stop-color="{_hsl(hue + 40, 60, 24)}"/>'
        f"</radialGradient></defs>"
        f'<g{clip_ref}><rect width="320" height="320" fill="url(#g)"/>'
        f'<circle cx="{rng.uniform(40, 280):.0f}" cy="{rng.uniform(200, 320):.0f}" r="{rng.uniform(80, 160):.0f}" '
        f'fill="{_hsl(hue + 180, 50, 55)}" opacity="0.25"/>'
        f'<text x="160" y="160" dy="0.35em" text-anchor="middle" font-family="Helvetica Neue,Arial,sans-serif" '
        f'font-weight="700" font-size="120" fill="#fff">{letters}</text></g>'
        f"</svg>"
    )
