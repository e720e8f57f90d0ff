"""The embedding: shape, version, determinism, loudness invariance, discrimination, standardiser I/O."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ingest.audio import (
    BLOCKS,
    EMBEDDING_VERSION,
    RAW_SIZE,
    Analysis,
    Standardiser,
    analyse,
    clip_analyse,
    decode_bytes,
    fit_standardiser,
)
from ingest.audio.spectral import N_MELS

from .conftest import encode, synth

# A small catalogue with varied tempo, pitch and feel, to fit standardisation statistics on.
CATALOGUE = [
    {"seed": 1, "tempo": 90.0, "root": 196.0},
    {"seed": 2, "tempo": 128.0, "root": 262.0},
    {"seed": 3, "tempo": 100.0, "root": 330.0, "swing": True},
    {"seed": 4, "tempo": 150.0, "root": 147.0},
    {"seed": 5, "tempo": 72.0, "root": 220.0, "swing": True},
    {"seed": 6, "tempo": 110.0, "root": 294.0},
]


@pytest.fixture(scope="module")
def catalogue() -> list[Analysis]:
    return [clip_analyse(encode(synth(10.0, **kw), "WAV")) for kw in CATALOGUE]


@pytest.fixture(scope="module")
def standardiser(catalogue: list[Analysis]) -> Standardiser:
    return fit_standardiser(np.stack([a.raw for a in catalogue]))


def test_an_analysis_has_the_documented_shapes_and_version(mp3_bytes: bytes) -> None:
    a = clip_analyse(mp3_bytes)
    assert a.version == EMBEDDING_VERSION
    assert a.raw.shape == (RAW_SIZE,)
    assert a.raw.dtype == np.float32
    assert np.isfinite(a.raw).all()
    assert a.logmel.shape[0] == N_MELS
    assert a.logmel.shape[1] == pytest.approx(8.0 * 22050 / 512, abs=3)
    assert sum(b.size for b in BLOCKS) == RAW_SIZE


def test_it_finds_the_tempo_of_a_steady_pulse() -> None:
    a = clip_analyse(encode(synth(12.0, tempo=120.0), "WAV"))
    assert a.tempo == pytest.approx(120.0, rel=0.05)


def test_the_same_bytes_give_the_same_vector(mp3_bytes: bytes) -> None:
    np.testing.assert_array_equal(clip_analyse(mp3_bytes).raw, clip_analyse(mp3_bytes).raw)


def test_embeddings_are_unit_float32_vectors(catalogue: list[Analysis], standardiser: Standardiser) -> None:
    one = standardiser.apply(catalogue[0].raw)
    many = standardiser.apply(np.stack([a.raw for a in catalogue]))
    assert one.shape == (RAW_SIZE,)
    assert many.shape == (len(catalogue), RAW_SIZE)
    assert one.dtype == many.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(many, axis=1), 1.0, rtol=1e-5)
    np.testing.assert_allclose(many[0], one, rtol=1e-6)


def test_a_quieter_copy_embeds_like_the_original(standardiser: Standardiser) -> None:
    signal = synth(10.0, seed=9, tempo=105.0, root=247.0)
    loud = clip_analyse(encode(signal, "FLAC"))
    quiet = clip_analyse(encode(signal * np.float32(10 ** (-12 / 20)), "FLAC"))  # -12 dB
    cosine = float(standardiser.apply(loud.raw) @ standardiser.apply(quiet.raw))
    assert cosine > 0.99


def test_a_quieter_lossy_copy_embeds_like_the_original(standardiser: Standardiser) -> None:
    # MP3 re-encoding at another level changes the quantisation noise too, not only the gain.
    signal = synth(10.0, seed=9, tempo=105.0, root=247.0)
    loud = clip_analyse(encode(signal, "MP3"))
    quiet = clip_analyse(encode(signal * np.float32(10 ** (-12 / 20)), "MP3"))
    assert float(standardiser.apply(loud.raw) @ standardiser.apply(quiet.raw)) > 0.99


def test_different_clips_embed_differently(catalogue: list[Analysis], standardiser: Standardiser) -> None:
    vectors = standardiser.apply(np.stack([a.raw for a in catalogue]))
    cosines = vectors @ vectors.T
    off_diagonal = cosines[~np.eye(len(catalogue), dtype=bool)]
    assert off_diagonal.max() < 0.9


def test_analyse_takes_a_decoded_signal(mp3_bytes: bytes) -> None:
    np.testing.assert_array_equal(analyse(decode_bytes(mp3_bytes)).raw, clip_analyse(mp3_bytes).raw)


def test_the_standardiser_survives_a_save_and_load(
    tmp_path: Path, catalogue: list[Analysis], standardiser: Standardiser
) -> None:
    path = tmp_path / "stats.json"
    standardiser.save(path)
    loaded = Standardiser.load(path)
    assert loaded.version == EMBEDDING_VERSION
    assert loaded.count == len(catalogue)
    raw = np.stack([a.raw for a in catalogue])
    np.testing.assert_array_equal(loaded.apply(raw), standardiser.apply(raw))


def test_the_standardiser_refuses_statistics_of_another_version(tmp_path: Path, catalogue: list[Analysis]) -> None:
    path = tmp_path / "old.json"
    fit_standardiser(np.stack([a.raw for a in catalogue]), version="something-v0").save(path)
    with pytest.raises(ValueError, match="something-v0"):
        Standardiser.load(path)
    assert Standardiser.load(path, version=None).version == "something-v0"


def test_the_standardiser_refuses_vectors_of_the_wrong_size(standardiser: Standardiser) -> None:
    with pytest.raises(ValueError, match="dimensions"):
        standardiser.apply(np.zeros(RAW_SIZE + 1, dtype=np.float32))


def test_fitting_needs_at_least_two_vectors(catalogue: list[Analysis]) -> None:
    with pytest.raises(ValueError):
        fit_standardiser(catalogue[0].raw[None, :])


def test_a_dimension_constant_over_the_catalogue_stays_finite(catalogue: list[Analysis]) -> None:
    raw = np.stack([a.raw for a in catalogue])
    raw[:, 0] = 3.0
    st = fit_standardiser(raw)
    assert np.isfinite(st.apply(raw)).all()
    assert np.all(st.apply(raw)[:, 0] == 0)


def test_no_block_outweighs_another_by_its_size(standardiser: Standardiser, catalogue: list[Analysis]) -> None:
    vectors = standardiser.apply(np.stack([a.raw for a in catalogue]))
    start, shares = 0, []
    for block in BLOCKS:
        shares.append(np.mean(np.sum(vectors[:, start : start + block.size] ** 2, axis=1)))
        start += block.size
    # Equal weights: each block should hold about a quarter of the squared norm, whatever its size.
    assert max(shares) / min(shares) < 3.0


def test_degenerate_but_decodable_audio_still_gives_a_finite_vector() -> None:
    rate = 22050
    t = np.arange(10 * rate) / rate
    sine = (0.5 * np.sin(2 * np.pi * 440.0 * t)).astype(np.float32)  # no onsets, one pitch class
    noise = np.random.default_rng(0).standard_normal(10 * rate).astype(np.float32) * 0.1  # no pitch at all
    click = np.zeros(10 * rate, dtype=np.float32)
    click[rate] = 1.0  # one onset, otherwise digital silence
    for signal in (sine, noise, click):
        a = analyse(signal)
        assert np.isfinite(a.raw).all()
        assert np.isfinite(a.logmel).all()
