"""Preview files on disk: rendered on first request, served from MEDIA_ROOT after.

The only module of the music package that reads Django settings, and only when asked for the default
root; `preview_file` and `render_many` take the root explicitly so worker processes need no Django.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import numpy as np

from .encoding import encode_m4a, encode_mp3
from .families import FAMILY_NAMES
from .synthesis import render

SAMPLE_RATE = 22050
# Part of every path: bump it when the synthesizer's output changes, so old files are never served
# for new code (they are simply orphaned; `make clean` removes them).
SYNTH_VERSION = "v2"
ENCODERS: dict[str, Callable[[np.ndarray, int], bytes]] = {"mp3": encode_mp3, "m4a": encode_m4a}
CONTENT_TYPES: dict[str, str] = {"mp3": "audio/mpeg", "m4a": "audio/mp4"}
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def previews_root() -> Path:
    from django.conf import settings

    return Path(settings.MEDIA_ROOT) / "sandbox" / "previews"


def _file_name(track_id: str, fmt: str) -> str:
    # Ids come from our own catalogue, but a path is no place to trust them: anything unusual is hashed.
    stem = track_id if _SAFE_ID.match(track_id) else hashlib.sha256(track_id.encode()).hexdigest()
    return f"{stem}.{fmt}"


def cached_path(track_id: str, family: str, fmt: str, *, root: Path) -> Path:
    if fmt not in ENCODERS:
        raise ValueError(f"unknown preview format: {fmt!r}")
    if family not in FAMILY_NAMES:
        raise ValueError(f"unknown style family: {family!r}")
    return root / SYNTH_VERSION / family / _file_name(track_id, fmt)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target and rename over it: a reader sees the old state or the whole file,
    never half of one, and two processes racing on one preview both end with a complete file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def preview_files(track_id: str, family: str, fmts: Sequence[str], *, root: Path) -> list[Path]:
    """Paths of the previews in each format, rendering (once for all formats) whatever is missing."""
    paths = [cached_path(track_id, family, fmt, root=root) for fmt in fmts]
    missing = [(fmt, path) for fmt, path in zip(fmts, paths, strict=True) if not path.exists()]
    if missing:
        samples = render(track_id, family, sample_rate=SAMPLE_RATE)
        for fmt, path in missing:
            _write_atomically(path, ENCODERS[fmt](samples, SAMPLE_RATE))
    return paths


def preview_path(track_id: str, family: str, fmt: str) -> Path:
    """The cached preview under MEDIA_ROOT/sandbox/previews, rendered on first request."""
    return preview_files(track_id, family, [fmt], root=previews_root())[0]


def _render_job(track_id: str, family: str, fmts: tuple[str, ...], root: str) -> None:
    preview_files(track_id, family, fmts, root=Path(root))


def render_many(
    tracks: Iterable[tuple[str, str]],
    *,
    fmts: Sequence[str] = ("mp3",),
    root: Path | None = None,
    workers: int | None = None,
    progress: bool = True,
) -> int:
    """Pre-render (track_id, family) pairs on a process pool; returns how many were rendered.

    Already cached previews are skipped before any work is queued, so a second `make demo` is instant.
    """
    base = root if root is not None else previews_root()
    todo = [
        (track_id, family)
        for track_id, family in tracks
        if not all(cached_path(track_id, family, fmt, root=base).exists() for fmt in fmts)
    ]
    if not todo:
        return 0
    # spawn, not fork: the caller may be a Django process with open database connections and threads,
    # which a forked child would inherit; the workers only need numpy and scipy.
    context = multiprocessing.get_context("spawn")
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), desc="previews", unit="track")
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1, mp_context=context) as pool:
        futures = [pool.submit(_render_job, track_id, family, tuple(fmts), str(base)) for track_id, family in todo]
        for future in as_completed(futures):
            future.result()
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()
    return len(todo)
