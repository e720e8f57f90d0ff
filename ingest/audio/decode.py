"""Bytes or a path in, one mono float32 signal at SAMPLE_RATE out, or an AudioError.

Formats are told apart by their magic bytes before any decoder sees the data: libsndfile and FFmpeg
both guess generously, and a guess on arbitrary upload bytes is how decoders end up chewing on HTML
error pages. MP3, WAV, FLAC and Ogg go to libsndfile (via soundfile); MP4/M4A and raw ADTS AAC go to
FFmpeg (via PyAV), because libsndfile has no AAC decoder.
"""

from __future__ import annotations

import io
import math
import os
from enum import StrEnum
from pathlib import Path

import numpy as np
import soundfile as sf
import soxr

from .errors import AudioError, Reason

SAMPLE_RATE = 22050
# Previews are 30 s; longer input is cut to its first MAX_SECONDS rather than refused.
MAX_SECONDS = 30.0
# Below this the rhythm descriptors (autocorrelation over ~9 s windows) have too little to work with.
MIN_SECONDS = 5.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# RMS below -60 dBFS: dither, hiss or a muted track, not music.
SILENCE_RMS = 10 ** (-60 / 20)
# Resampler quality: libsoxr "HQ" is librosa.load's default, so both paths give the same samples.
RESAMPLE_QUALITY = "soxr_hq"

# Header values outside these ranges are garbage that would otherwise size huge allocations.
_MIN_NATIVE_RATE = 4000
_MAX_NATIVE_RATE = 384_000
_MAX_CHANNELS = 16


class Container(StrEnum):
    MP3 = "mp3"
    WAV = "wav"
    FLAC = "flac"
    OGG = "ogg"
    MP4 = "mp4"
    AAC = "aac"


_SOUNDFILE_CONTAINERS = frozenset({Container.MP3, Container.WAV, Container.FLAC, Container.OGG})


def _id3_length(data: bytes) -> int:
    """Length of a leading ID3v2 tag (header, body, optional footer); 0 without one."""
    if len(data) < 10 or data[:3] != b"ID3":
        return 0
    size_bytes = data[6:10]
    if any(b & 0x80 for b in size_bytes):  # syncsafe integers never set the high bit
        return 0
    size = (size_bytes[0] << 21) | (size_bytes[1] << 14) | (size_bytes[2] << 7) | size_bytes[3]
    footer = 10 if data[5] & 0x10 else 0
    return 10 + size + footer


def _is_adts(head: bytes) -> bool:
    # 12 sync bits then layer == 00: the layer field is what tells ADTS AAC from an MPEG audio frame.
    return len(head) >= 2 and head[0] == 0xFF and (head[1] & 0xF6) == 0xF0


def _is_mpeg_audio_frame(head: bytes) -> bool:
    if len(head) < 3 or head[0] != 0xFF or (head[1] & 0xE0) != 0xE0:
        return False
    version = (head[1] >> 3) & 0x3
    layer = (head[1] >> 1) & 0x3
    bitrate = head[2] >> 4
    sample_rate = (head[2] >> 2) & 0x3
    return version != 0x1 and layer != 0x0 and bitrate != 0xF and sample_rate != 0x3


def sniff(data: bytes) -> Container:
    """The container named by the magic bytes, or AudioError(unsupported_format)."""
    head = data[:16]
    if head[:4] in (b"RIFF", b"RIFX", b"RF64") and head[8:12] == b"WAVE":
        return Container.WAV
    if head[:4] == b"fLaC":
        return Container.FLAC
    if head[:4] == b"OggS":
        return Container.OGG
    if head[4:8] == b"ftyp":
        return Container.MP4
    tag = _id3_length(data)
    # An ID3 tag can front MP3, ADTS AAC or even FLAC; what follows it decides. A tag that claims to run past
    # the end of the data is still an MP3 in all likelihood (truncated upload), and the decoder will judge it.
    body = data[tag : tag + 4]
    if tag and len(data) <= tag:
        return Container.MP3
    if body[:4] == b"fLaC":
        return Container.FLAC
    if _is_adts(body):
        return Container.AAC
    if _is_mpeg_audio_frame(body) or tag:
        return Container.MP3
    raise AudioError(Reason.UNSUPPORTED_FORMAT, "Not an MP3, WAV, FLAC, Ogg or AAC/M4A file.")


def _check_header(native_rate: float, channels: int) -> None:
    if not (_MIN_NATIVE_RATE <= native_rate <= _MAX_NATIVE_RATE) or not (1 <= channels <= _MAX_CHANNELS):
        raise AudioError(Reason.CORRUPT, f"Implausible stream header ({native_rate} Hz, {channels} channels).")


def _decode_soundfile(data: bytes, max_seconds: float) -> tuple[np.ndarray, int]:
    with sf.SoundFile(io.BytesIO(data)) as f:
        _check_header(f.samplerate, f.channels)
        frames = f.read(frames=math.ceil(max_seconds * f.samplerate), dtype="float32", always_2d=True)
        return frames, int(f.samplerate)


def _decode_pyav(data: bytes, max_seconds: float) -> tuple[np.ndarray, int]:
    import av  # FFmpeg is only needed for AAC; keep it off the import path of everything else.

    chunks: list[np.ndarray] = []
    with av.open(io.BytesIO(data), mode="r") as container:
        if not container.streams.audio:
            raise AudioError(Reason.UNSUPPORTED_FORMAT, "The file holds no audio stream.")
        stream = container.streams.audio[0]
        native_rate = stream.codec_context.sample_rate or stream.rate or 0
        channels = stream.codec_context.channels or 0
        _check_header(native_rate, channels)
        limit = math.ceil(max_seconds * native_rate)
        # Decoders may emit packed or planar samples of any width; one resampler pass gives planar float32
        # at the native rate and layout, so the channel mix and soxr below match the soundfile path.
        resampler = av.AudioResampler(format="fltp", layout=stream.codec_context.layout, rate=native_rate)
        total = 0
        for frame in container.decode(stream):
            for out in resampler.resample(frame):
                chunks.append(out.to_ndarray())
                total += chunks[-1].shape[1]
            if total >= limit:
                break
    if not chunks:
        return np.zeros((0, max(channels, 1)), dtype=np.float32), int(native_rate)
    planar = np.concatenate(chunks, axis=1)[:, :limit]
    return np.ascontiguousarray(planar.T, dtype=np.float32), int(native_rate)


def _to_mono(frames: np.ndarray) -> np.ndarray:
    channels = frames.shape[1]
    if channels == 1:
        return np.ascontiguousarray(frames[:, 0])
    # A matrix-vector product instead of frames.mean(axis=1): the strided float32 mean is ~10x slower here
    # and the result is bit-identical for the 0.5/0.5 stereo case.
    return frames @ np.full(channels, 1.0 / channels, dtype=np.float32)


def resample(signal: np.ndarray, native_rate: int) -> np.ndarray:
    """Mono float32 at `native_rate` to SAMPLE_RATE, with librosa.load's length convention."""
    if native_rate == SAMPLE_RATE:
        return signal.astype(np.float32, copy=False)
    out = soxr.resample(signal, native_rate, SAMPLE_RATE, quality=RESAMPLE_QUALITY)
    n = math.ceil(len(signal) * SAMPLE_RATE / native_rate)
    if len(out) < n:
        out = np.pad(out, (0, n - len(out)))
    return np.asarray(out[:n], dtype=np.float32)


def decode_bytes(
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_seconds: float = MAX_SECONDS,
    min_seconds: float = MIN_SECONDS,
) -> np.ndarray:
    """Decode an uploaded or fetched file to mono float32 at SAMPLE_RATE, at most `max_seconds` long.

    Raises AudioError with reason empty, too_large, unsupported_format, corrupt, too_short or silent.
    """
    if not data:
        raise AudioError(Reason.EMPTY, "The file is empty.")
    if len(data) > max_bytes:
        raise AudioError(Reason.TOO_LARGE, f"The file is {len(data):,} bytes; the limit is {max_bytes:,}.")
    container = sniff(data)
    try:
        if container in _SOUNDFILE_CONTAINERS:
            frames, native_rate = _decode_soundfile(data, max_seconds)
        else:
            frames, native_rate = _decode_pyav(data, max_seconds)
    except AudioError:
        raise
    except MemoryError:
        raise AudioError(Reason.CORRUPT, "The file could not be decoded within memory limits.") from None
    except Exception as exc:
        # Decoder libraries raise a zoo of types on bad data (LibsndfileError, av.error.*, ValueError,
        # RuntimeError, struct errors inside headers); to the caller they all mean the same thing.
        raise AudioError(Reason.CORRUPT, f"The {container.value} data could not be decoded.") from exc
    if frames.size == 0:
        raise AudioError(Reason.EMPTY, "The file decodes to no audio.")
    seconds = frames.shape[0] / native_rate
    if seconds < min_seconds:
        raise AudioError(Reason.TOO_SHORT, f"The audio lasts {seconds:.1f} s; at least {min_seconds:g} s is needed.")
    mono = _to_mono(frames)
    # One float32 dot product serves both checks: NaN or inf anywhere makes it non-finite.
    energy = float(np.dot(mono, mono))
    if not np.isfinite(energy):
        raise AudioError(Reason.CORRUPT, "The audio holds non-finite samples.")
    if np.sqrt(energy / len(mono)) < SILENCE_RMS:
        raise AudioError(Reason.SILENT, "The audio is silent.")
    return resample(mono, native_rate)


def decode_path(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_seconds: float = MAX_SECONDS,
    min_seconds: float = MIN_SECONDS,
) -> np.ndarray:
    """decode_bytes for a file on disk; the size cap is checked before the file is read."""
    p = Path(path)
    size = p.stat().st_size
    if size > max_bytes:
        raise AudioError(Reason.TOO_LARGE, f"The file is {size:,} bytes; the limit is {max_bytes:,}.")
    return decode_bytes(p.read_bytes(), max_bytes=max_bytes, max_seconds=max_seconds, min_seconds=min_seconds)
