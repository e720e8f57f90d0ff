"""MP3 and M4A encodings: deterministic bytes, and they decode back to the right length and level."""

from __future__ import annotations

import io

import av
import numpy as np
import soundfile as sf

from sandbox.music.encoding import encode_m4a, encode_mp3

from .conftest import SR

MP3_FRAME = 1152
AAC_FRAME = 1024


def test_it_encodes_the_same_mp3_bytes_for_the_same_id(synth):
    samples = synth("codec-0", "bossa_nova")
    assert encode_mp3(samples, SR) == encode_mp3(np.array(samples), SR)


def test_the_mp3_decodes_back_to_thirty_seconds(synth):
    samples = synth("codec-0", "bossa_nova")
    data = encode_mp3(samples, SR)
    assert data[:3] == b"ID3" or data[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2")
    decoded, rate = sf.read(io.BytesIO(data), dtype="float32")
    assert rate == SR
    assert abs(len(decoded) - len(samples)) <= MP3_FRAME
    level = np.sqrt(np.mean(decoded**2)) / np.sqrt(np.mean(samples**2))
    assert 0.8 < level < 1.25


def test_the_m4a_decodes_back_to_thirty_seconds(synth):
    samples = synth("codec-0", "deep_house")
    data = encode_m4a(samples, SR)
    assert data[4:8] == b"ftyp"
    with av.open(io.BytesIO(data)) as container:
        stream = container.streams.audio[0]
        assert stream.codec_context.name == "aac"
        chunks = [frame.to_ndarray() for frame in container.decode(stream)]
    decoded = np.concatenate(chunks, axis=1)[0]
    assert abs(len(decoded) - len(samples)) <= 2 * AAC_FRAME
    level = np.sqrt(np.mean(decoded**2)) / np.sqrt(np.mean(samples**2))
    assert 0.8 < level < 1.25


def test_the_m4a_is_deterministic_too(synth):
    samples = synth("codec-0", "deep_house")
    assert encode_m4a(samples, SR) == encode_m4a(samples, SR)
