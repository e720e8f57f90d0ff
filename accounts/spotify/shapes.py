"""Reading Spotify's JSON objects."""

from __future__ import annotations


def album_image_url(album: dict, *, max_width: int = 300) -> str:
    """The largest album image no wider than `max_width` (Spotify lists 640/300/64 px), else the first."""
    images = album.get("images") or []
    fitting = [image for image in images if (image.get("width") or 0) <= max_width]
    if fitting:
        return max(fitting, key=lambda image: image.get("width") or 0)["url"]
    return images[0]["url"] if images else ""
