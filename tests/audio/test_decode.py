"""Decoding: formats in, one mono 22050 Hz float32 signal out, or a typed refusal."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest

from ingest.audio import SAMPLE_RATE, AudioError, Container, Reason, decode_bytes, decode_path, sniff

from .conftest import NATIVE_RATE, encode, encode_aac, synth


def _dominant_hz(y: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(y * np.hanning(len(y))))
    return float(np.argmax(spectrum) * SAMPLE_RATE / len(y))


def _assert_decoded(y: np.ndarray, seconds: float) -> None:
    assert y.dtype == np.float32
    assert y.ndim == 1
    # Codecs add priming and padding; a few tens of ms either way is expected.
    assert abs(len(y) / SAMPLE_RATE - seconds) < 0.1
    assert np.isfinite(y).all()


def test_it_decodes_stereo_mp3_to_mono_at_the_fixed_rate(mp3_bytes: bytes) -> None:
    assert sniff(mp3_bytes) is Container.MP3
    y = decode_bytes(mp3_bytes)
    _assert_decoded(y, 8.0)
    assert _dominant_hz(y) == pytest.approx(220.0, abs=3.0)


def test_it_decodes_m4a_through_pyav(m4a_bytes: bytes) -> None:
    assert sniff(m4a_bytes) is Container.MP4
    y = decode_bytes(m4a_bytes)
    _assert_decoded(y, 8.0)
    assert _dominant_hz(y) == pytest.approx(220.0, abs=3.0)


def test_it_decodes_raw_adts_aac() -> None:
    data = encode_aac(synth(6.0), container="adts")
    assert sniff(data) is Container.AAC
    _assert_decoded(decode_bytes(data), 6.0)


@pytest.mark.parametrize(
    ("fmt", "subtype", "container"),
    [("WAV", "PCM_16", Container.WAV), ("FLAC", None, Container.FLAC), ("OGG", "VORBIS", Container.OGG)],
)
def test_it_decodes_lossless_and_ogg_formats(fmt: str, subtype: str | None, container: Container) -> None:
    data = encode(synth(6.0), fmt, subtype=subtype)
    assert sniff(data) is container
    _assert_decoded(decode_bytes(data), 6.0)


def test_it_skips_a_leading_id3_tag(mp3_bytes: bytes) -> None:
    body = b"TIT2" + (9).to_bytes(4, "big") + b"\x00\x00\x00title!!!"
    tag = b"ID3\x04\x00\x00" + bytes([0, 0, 0, len(body)]) + body
    assert sniff(tag + mp3_bytes) is Container.MP3
    _assert_decoded(decode_bytes(tag + mp3_bytes), 8.0)


def test_it_resamples_other_rates_to_the_fixed_rate() -> None:
    y = decode_bytes(encode(synth(6.0, rate=48000), "WAV", rate=48000))
    assert len(y) == 6 * SAMPLE_RATE
    assert _dominant_hz(y) == pytest.approx(220.0, abs=3.0)


def test_it_keeps_only_the_first_max_seconds() -> None:
    data = encode(synth(40.0, rate=SAMPLE_RATE), "WAV", rate=SAMPLE_RATE)
    assert len(decode_bytes(data)) == 30 * SAMPLE_RATE
    assert len(decode_bytes(data, max_seconds=12.0)) == 12 * SAMPLE_RATE


def test_it_reads_a_path(tmp_path: Path, mp3_bytes: bytes) -> None:
    path = tmp_path / "clip.mp3"
    path.write_bytes(mp3_bytes)
    np.testing.assert_array_equal(decode_path(path), decode_bytes(mp3_bytes))


def _reason(data: bytes, **kwargs: float) -> Reason:
    with pytest.raises(AudioError) as caught:
        decode_bytes(data, **kwargs)
    assert caught.value.message
    return caught.value.reason


def test_it_refuses_empty_input() -> None:
    assert _reason(b"") is Reason.EMPTY


def test_it_refuses_a_valid_file_without_samples() -> None:
    assert _reason(encode(np.zeros(0, dtype=np.float32), "WAV")) is Reason.EMPTY


def test_it_refuses_corrupt_data_behind_a_known_header(mp3_bytes: bytes) -> None:
    assert _reason(b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(range(256)) * 4) is Reason.CORRUPT
    assert _reason(b"fLaC" + b"\x00\xff" * 2000) is Reason.CORRUPT
    assert _reason(b"\x00\x00\x00\x20ftypM4A " + b"\x13" * 4000) is Reason.CORRUPT


def test_it_refuses_silence() -> None:
    assert _reason(encode(np.zeros(NATIVE_RATE * 8, dtype=np.float32), "WAV")) is Reason.SILENT
    hiss = (1e-4 * np.random.default_rng(0).standard_normal(NATIVE_RATE * 8)).astype(np.float32)
    assert _reason(encode(hiss, "FLAC")) is Reason.SILENT


def test_it_refuses_clips_shorter_than_the_minimum() -> None:
    assert _reason(encode(synth(2.0), "WAV")) is Reason.TOO_SHORT
    assert _reason(encode(synth(8.0), "WAV"), min_seconds=10.0) is Reason.TOO_SHORT


def test_it_refuses_files_over_the_byte_cap(mp3_bytes: bytes) -> None:
    assert _reason(mp3_bytes, max_bytes=len(mp3_bytes) - 1) is Reason.TOO_LARGE
    assert _reason(b"ID3" + bytes(6 * 1024 * 1024)) is Reason.TOO_LARGE  # the 5 MB default


def test_it_refuses_an_oversized_path_before_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.mp3"
    with path.open("wb") as f:
        f.truncate(6 * 1024 * 1024)  # sparse: never actually written
    with pytest.raises(AudioError) as caught:
        decode_path(path)
    assert caught.value.reason is Reason.TOO_LARGE


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3",
        b"<!doctype html><title>404</title>",
        b"\x89PNG\r\n\x1a\n" + bytes(64),
        b"FORM\x00\x00\x00\x00AIFF",
        b"PK\x03\x04" + bytes(64),
    ],
)
def test_it_refuses_formats_it_does_not_support(data: bytes) -> None:
    assert _reason(data) is Reason.UNSUPPORTED_FORMAT


def test_the_error_survives_pickling_for_process_pools() -> None:
    err = pickle.loads(pickle.dumps(AudioError(Reason.SILENT, "The audio is silent.")))  # noqa: S301 (own bytes)
    assert (err.reason, err.message) == (Reason.SILENT, "The audio is silent.")
    assert str(err) == "silent: The audio is silent."
