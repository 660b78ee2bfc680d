"""Loudness of generated audio with known levels, and the bad input the issue lists.

Reference values: EBU Tech 3341 test case 1 is a stereo 1 kHz sine at -23 dBFS on both channels,
which must read -23.0 +/-0.1 LUFS; a -20 dBFS sine reads 3 LU louder. A mono sine at -20 dBFS
reads about -23.0 (one channel carries half the power of two; the K-weighting adds ~0.7 dB at
1 kHz, which the -0.691 offset of BS.1770 cancels).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.errors import PostError
from assistant.post.loudness import (
    SPECS,
    loudness_range,
    measure_file,
    short_term_loudness,
    true_peak,
)
from tests.post.conftest import RATE, sine, write_wav

ALL = list(SPECS.values())


def test_ebu_3341_stereo_sine_reads_minus_23(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "s.wav", sine(20, -23.0))
    report = measure_file(path, ALL)
    assert report.integrated_lufs == pytest.approx(-23.0, abs=0.1)
    assert report.true_peak_dbtp == pytest.approx(-23.0, abs=0.1)
    assert report.loudness_range_lu == pytest.approx(0.0, abs=0.1)
    assert report.targets["ebu-r128"].pass_
    assert report.targets["atsc-a85"].pass_  # -23 is within -24 +/- 2
    assert not report.targets["netflix"].pass_  # 4 LU over -27
    assert "not dialogue-gated" in report.targets["netflix"].why


def test_mono_and_louder_stereo(tmp_path: Path) -> None:
    mono = measure_file(write_wav(tmp_path / "m.wav", sine(5, -20.0, channels=1)), ALL)
    assert mono.integrated_lufs == pytest.approx(-23.0, abs=0.1)
    stereo = measure_file(write_wav(tmp_path / "l.wav", sine(5, -20.0)), ALL)
    assert stereo.integrated_lufs == pytest.approx(-20.0, abs=0.1)
    assert not stereo.targets["ebu-r128"].pass_
    assert "+3.0 LU" in stereo.targets["ebu-r128"].why


def test_loudness_range_of_two_levels_is_their_difference(tmp_path: Path) -> None:
    # 10 s at -20 dBFS then 10 s at -30: Tech 3342's case 1 shape (its expected LRA: 10 LU).
    data = np.concatenate([sine(10, -20.0), sine(10, -30.0)])
    report = measure_file(write_wav(tmp_path / "lra.wav", data), ALL)
    assert report.loudness_range_lu == pytest.approx(10.0, abs=0.5)


def test_true_peak_sees_the_peak_between_samples() -> None:
    # A sine at a quarter of the rate, sampled 45 degrees off its crests: every sample is at
    # 0.707 of the crest, the wave itself reaches 1.0 (+3 dB over the sample peak).
    n = np.arange(RATE)
    wave = np.sin(2 * np.pi * (RATE / 4) * n / RATE + np.pi / 4)
    data = np.stack([wave, wave], axis=1)
    sample_peak = 20 * np.log10(np.max(np.abs(data)))
    assert sample_peak == pytest.approx(-3.01, abs=0.01)
    assert true_peak(data) == pytest.approx(0.0, abs=0.3)


def test_noise_reads_its_power(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    noise = 0.05 * rng.standard_normal((RATE * 5, 2))
    report = measure_file(write_wav(tmp_path / "n.wav", noise), ALL)
    # -26 dBFS RMS per channel, +3 dB for two channels, about +3 dB more through K-weighting's
    # +4 dB shelf above 1.5 kHz, where most of white noise's power is.
    assert -21.5 < (report.integrated_lufs or 0) < -18.5
    sample_peak = 20 * np.log10(np.max(np.abs(noise)))
    assert report.true_peak_dbtp is not None
    assert sample_peak - 0.01 <= report.true_peak_dbtp < sample_peak + 1.0


def test_silence_is_reported_not_measured(tmp_path: Path) -> None:
    report = measure_file(write_wav(tmp_path / "z.wav", np.zeros((RATE * 2, 2))), ALL)
    assert report.integrated_lufs is None and report.true_peak_dbtp is None
    assert report.loudness_range_lu is None
    assert all(not v.pass_ and "silent" in v.why for v in report.targets.values())


def test_short_audio_has_no_loudness_range(tmp_path: Path) -> None:
    report = measure_file(write_wav(tmp_path / "s.wav", sine(1.0, -23.0)), ALL)
    assert report.integrated_lufs == pytest.approx(-23.0, abs=0.2)
    assert report.loudness_range_lu is None
    assert short_term_loudness(sine(1.0, -23.0), RATE).size == 0
    assert loudness_range(np.array([-80.0, -90.0])) is None


def test_bad_input_is_refused_in_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(PostError, match=r"399 ms long; loudness needs at least 400 ms"):
        measure_file(write_wav(tmp_path / "short.wav", sine(0.399, -23.0)), ALL)
    with pytest.raises(PostError, match=r"6 channels; BS\.1770"):
        measure_file(write_wav(tmp_path / "six.wav", sine(1, -23.0, channels=6)), ALL)
    fake = tmp_path / "text.wav"
    fake.write_text("RIFF? no, a text file\n", encoding="utf-8")
    with pytest.raises(PostError, match=r"Cannot read .* as audio"):
        measure_file(fake, ALL)
    with pytest.raises(PostError, match=r"Cannot read .* as audio"):
        measure_file(tmp_path / "missing.wav", ALL)
    five = measure_file(write_wav(tmp_path / "five.wav", sine(1, -30.0, channels=5)), ALL)
    assert five.channels == 5 and five.integrated_lufs is not None


def test_pcm_16_reads_like_float(tmp_path: Path) -> None:
    data = sine(3, -23.0)
    as_float = measure_file(write_wav(tmp_path / "f.wav", data), ALL)
    as_pcm = measure_file(write_wav(tmp_path / "p.wav", data, subtype="PCM_16"), ALL)
    assert as_pcm.integrated_lufs == pytest.approx(as_float.integrated_lufs, abs=0.01)


def test_chunked_oversampling_equals_the_whole_signal() -> None:
    from scipy.signal import resample_poly

    from assistant.post.loudness import _CHUNK_FRAMES, oversampled_peaks

    rng = np.random.default_rng(11)
    data = 0.1 * rng.standard_normal((_CHUNK_FRAMES * 2 + 1234, 2))
    data[_CHUNK_FRAMES - 2 : _CHUNK_FRAMES + 2, 1] = [0.9, -0.9, 0.9, -0.9]  # across the seam
    whole = np.abs(resample_poly(data, 4, 1, axis=0)).max(axis=1).reshape(-1, 4).max(axis=1)
    assert oversampled_peaks(data) == pytest.approx(whole, abs=1e-12)
