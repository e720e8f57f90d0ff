"""Whatever bytes arrive, decoding returns a signal or raises AudioError: never anything else."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.audio import AudioError, decode_bytes

MAGIC = [
    b"",
    b"ID3\x03\x00\x00\x00\x00\x00\x10",
    b"\xff\xfb\x90\xc4",
    b"\xff\xf1\x50\x80",
    b"fLaC",
    b"OggS\x00\x02",
    b"RIFF\x00\x10\x00\x00WAVEfmt ",
    b"\x00\x00\x00\x18ftypM4A ",
    b"\x00\x00\x00\x20ftypisom",
]


def _decode_or_refuse(data: bytes) -> None:
    try:
        y = decode_bytes(data, min_seconds=0.0)
    except AudioError:
        return
    assert y.dtype == np.float32
    assert y.ndim == 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_random_bytes_only_ever_raise_audio_error(data: bytes) -> None:
    _decode_or_refuse(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(MAGIC), st.binary(max_size=8192))
def test_random_bytes_behind_real_magic_only_ever_raise_audio_error(magic: bytes, body: bytes) -> None:
    _decode_or_refuse(magic + body)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_damaged_real_files_only_ever_raise_audio_error(
    data: st.DataObject, mp3_bytes: bytes, m4a_bytes: bytes
) -> None:
    original = bytearray(data.draw(st.sampled_from([mp3_bytes, m4a_bytes])))
    cut = data.draw(st.integers(min_value=0, max_value=len(original)))
    for _ in range(data.draw(st.integers(min_value=0, max_value=20))):
        original[data.draw(st.integers(0, len(original) - 1))] = data.draw(st.integers(0, 255))
    _decode_or_refuse(bytes(original[:cut]))
