"""An approximation of dialogue-gated loudness: BS.1770 integrated loudness over the 400 ms
blocks a speech-activity detector flags as speech.

What it is: a signal-level speech-activity gate, three rules per 100 ms frame of the mono
downmix resampled to 16 kHz, then the BS.1770 measurement (K-weighting, -70 LUFS absolute and
-10 LU relative gates) over the gating blocks whose frames are mostly speech:

- speech band: at least ``BAND_SHARE`` of the frame's energy (50 Hz to 8 kHz) lies in 300-3400 Hz;
- harmonic, not noise: the spectral flatness in that band is at most ``MAX_FLATNESS`` (voiced
  speech has a comb of harmonics; hiss, rain and applause are flat);
- syllabic: over the second around the frame, the 10 ms level envelope moves by at least
  ``MIN_ENVELOPE_STD_DB`` (speech rises and falls at 3-8 syllables a second; a held tone or pad
  does not).

What it is not: Dolby Dialogue Intelligence or any meter Netflix names, nor a trained voice
detector. Singing, and music with a strong beat in the vocal band, can pass as speech; whispered or
heavily processed dialogue, or dialogue under a loud bed, can be missed. Use it to see whether
the dialogue sits near -27; deliver against a certified dialogue-gated meter.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from pydantic import BaseModel

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]

ANALYSIS_RATE = 16_000
FRAME_S = 0.1
"""The detector's frame: a quarter of a 400 ms BS.1770 block (their 100 ms step)."""
BAND_SHARE = 0.4
"""Voiced speech keeps most of its energy in the formants (F1 300-800 Hz and up); a low voice's
fundamental under 300 Hz can hold a third of it, hence 0.4, not more."""
MAX_FLATNESS = 0.3
MIN_ENVELOPE_STD_DB = 4.0
MIN_SPEECH_SHARE = 0.05
"""Below this share of blocks flagged as speech, there is no dialogue to gate on."""
_CHANNEL_GAINS = (1.0, 1.0, 1.0, 1.41, 1.41)


class DialogueGate(BaseModel):
    """The dialogue-gated figure and how much of the programme it rests on."""

    loudness_lufs: float | None
    """BS.1770 integrated loudness of the speech blocks; None when there are too few."""
    speech_share: float
    """Share of the 400 ms blocks flagged as speech (0-1)."""


def speech_frames(data: FloatArray, rate: int) -> npt.NDArray[np.bool_]:
    """One flag per 100 ms frame of ``data`` (frames, channels): does it sound like speech?"""
    import numpy as np
    from scipy.signal import resample_poly

    mono = data.mean(axis=1)
    divisor = math.gcd(rate, ANALYSIS_RATE)
    audio = resample_poly(mono, ANALYSIS_RATE // divisor, rate // divisor)
    size = round(FRAME_S * ANALYSIS_RATE)
    count = len(audio) // size
    if count == 0:
        return np.zeros(0, dtype=bool)
    frames = audio[: count * size].reshape(count, size)
    spectrum = np.abs(np.fft.rfft(frames * np.hanning(size), axis=1)) ** 2
    freqs = np.fft.rfftfreq(size, 1 / ANALYSIS_RATE)
    band = (freqs >= 300) & (freqs <= 3400)
    total = spectrum[:, freqs >= 50].sum(axis=1)
    in_band = spectrum[:, band]
    share = in_band.sum(axis=1) / np.maximum(total, 1e-20)
    flatness = np.exp(np.mean(np.log(in_band + 1e-20), axis=1)) / np.maximum(
        in_band.mean(axis=1), 1e-20
    )
    # The 10 ms level envelope, its spread over the second around each frame.
    sub = frames.reshape(count, 10, size // 10)
    level = 10 * np.log10(np.mean(sub**2, axis=2) + 1e-12)  # (frames, 10)
    level = np.maximum(level, level.max() - 60.0)  # silence floors at 60 dB under the loudest
    spread = np.zeros(count)
    for i in range(count):
        lo, hi = max(0, i - 5), min(count, i + 5)
        spread[i] = float(level[lo:hi].std())
    audible = level.max(axis=1) > level.max() - 50.0
    flags: npt.NDArray[np.bool_] = (
        audible
        & (share >= BAND_SHARE)
        & (flatness <= MAX_FLATNESS)
        & (spread >= MIN_ENVELOPE_STD_DB)
    )
    return flags


def dialogue_gated(data: FloatArray, rate: int, weighted: FloatArray) -> DialogueGate:
    """BS.1770 integrated loudness over the speech blocks of ``data``.

    Args:
        data: the samples (frames, channels).
        rate: sample rate.
        weighted: ``data`` K-weighted (``loudness._k_weighted``), so both meters filter alike.
    """
    import numpy as np

    flags = speech_frames(data, rate)
    hop = round(FRAME_S * rate)
    power = np.zeros(data.shape[0])
    for ch in range(data.shape[1]):
        power += _CHANNEL_GAINS[ch] * weighted[:, ch] ** 2
    cumulative = np.concatenate(([0.0], np.cumsum(power)))
    blocks = max(0, (data.shape[0] - 4 * hop) // hop + 1)
    if blocks == 0 or flags.size < 4:
        return DialogueGate(loudness_lufs=None, speech_share=0.0)
    starts = np.arange(blocks) * hop
    mean_square = (cumulative[starts + 4 * hop] - cumulative[starts]) / (4 * hop)
    index = np.minimum(np.arange(blocks)[:, None] + np.arange(4)[None, :], flags.size - 1)
    speech = flags[index].sum(axis=1) >= 2  # a block is speech when half its frames are
    share = float(speech.mean())
    if share < MIN_SPEECH_SHARE:
        return DialogueGate(loudness_lufs=None, speech_share=round(share, 3))
    with np.errstate(divide="ignore"):
        loudness = -0.691 + 10.0 * np.log10(mean_square)
    kept = speech & (loudness >= -70.0)
    if not kept.any():
        return DialogueGate(loudness_lufs=None, speech_share=round(share, 3))
    relative = -0.691 + 10.0 * math.log10(float(mean_square[kept].mean())) - 10.0
    kept &= loudness >= relative
    value = -0.691 + 10.0 * math.log10(float(mean_square[kept].mean()))
    return DialogueGate(loudness_lufs=round(value, 2), speech_share=round(share, 3))
