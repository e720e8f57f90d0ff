"""Compressed previews in memory: MP3 through libsndfile (LAME), AAC in an MP4 container through PyAV."""

from __future__ import annotations

import io

import av
import numpy as np
import soundfile as sf

MP3_QUALITY = 0.5  # libsndfile's VBR scale, 0 best .. 1 smallest; mid is plenty for a preview
AAC_BIT_RATE = 96_000


def _as_frames(samples: np.ndarray) -> np.ndarray:
    x = np.asarray(samples, dtype=np.float32)
    return x[:, None] if x.ndim == 1 else x


def encode_mp3(samples: np.ndarray, sample_rate: int) -> bytes:
    frames = _as_frames(samples)
    buf = io.BytesIO()
    with sf.SoundFile(
        buf,
        mode="w",
        samplerate=sample_rate,
        channels=frames.shape[1],
        format="MP3",
        subtype="MPEG_LAYER_III",
        compression_level=MP3_QUALITY,
        bitrate_mode="VARIABLE",
    ) as out:
        out.write(frames)
    return buf.getvalue()


def encode_m4a(samples: np.ndarray, sample_rate: int) -> bytes:
    frames = _as_frames(samples)
    channels = frames.shape[1]
    buf = io.BytesIO()
    # "ipod" is FFmpeg's name for the .m4a flavour of MP4; fragmenting is unnecessary for a file this small.
    with av.open(buf, mode="w", format="ipod") as container:
        stream = container.add_stream("aac", rate=sample_rate, layout="stereo" if channels == 2 else "mono")
        stream.bit_rate = AAC_BIT_RATE
        # Planar float is what FFmpeg's native AAC encoder takes; no resampler runs in between.
        frame = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(frames.T), format="fltp", layout="stereo" if channels == 2 else "mono"
        )
        frame.sample_rate = sample_rate
        frame.pts = 0
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buf.getvalue()
