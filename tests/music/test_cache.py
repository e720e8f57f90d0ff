"""The preview cache: render once, atomic files, safe names, and the parallel pre-render."""

from __future__ import annotations

import io

import soundfile as sf

from sandbox.music.cache import SYNTH_VERSION, cached_path, preview_files, render_many


def test_it_renders_on_first_request_and_reuses_the_file_after(tmp_path):
    [path] = preview_files("cache-0", "folk_waltz", ["mp3"], root=tmp_path)
    assert path == tmp_path / SYNTH_VERSION / "folk_waltz" / "cache-0.mp3"
    first = path.stat().st_mtime_ns
    [again] = preview_files("cache-0", "folk_waltz", ["mp3"], root=tmp_path)
    assert again == path
    assert again.stat().st_mtime_ns == first
    decoded, rate = sf.read(io.BytesIO(path.read_bytes()))
    assert rate == 22050 and len(decoded) > 29 * rate


def test_it_leaves_no_temporary_files_behind(tmp_path):
    preview_files("cache-1", "reggae", ["mp3", "m4a"], root=tmp_path)
    names = sorted(p.name for p in (tmp_path / SYNTH_VERSION / "reggae").iterdir())
    assert names == ["cache-1.m4a", "cache-1.mp3"]


def test_it_hashes_ids_that_do_not_belong_in_a_path(tmp_path):
    path = cached_path("../../etc/passwd", "ambient", "mp3", root=tmp_path)
    assert path.parent == tmp_path / SYNTH_VERSION / "ambient"
    assert ".." not in path.name and "/" not in path.name


def test_it_pre_renders_many_tracks_in_parallel_and_skips_cached_ones(tmp_path):
    tracks = [(f"many-{i}", family) for i, family in enumerate(("boom_bap", "celtic_jig", "swing_jazz"))]
    assert render_many(tracks, root=tmp_path, workers=2, progress=False) == 3
    for track_id, family in tracks:
        assert cached_path(track_id, family, "mp3", root=tmp_path).stat().st_size > 10_000
    assert render_many(tracks, root=tmp_path, workers=2, progress=False) == 0
