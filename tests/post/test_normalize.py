"""Normalised copies: the target loudness, the true-peak ceiling, the input's sample format."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
import soundfile

from assistant.errors import PostError
from assistant.post.loudness import SPECS, integrated_loudness, true_peak
from assistant.post.normalize import normalize
from tests.post.conftest import RATE, sine, write_wav


@pytest.mark.parametrize("name", list(SPECS))
def test_a_quiet_tone_comes_to_each_target(tmp_path: Path, name: str) -> None:
    path = write_wav(tmp_path / "q.wav", sine(5, -40.0), subtype="PCM_24")
    data, result = normalize(path, SPECS[name])
    assert soundfile.info(io.BytesIO(data)).subtype == "PCM_24"
    assert result.output_lufs == pytest.approx(SPECS[name].integrated, abs=0.1)
    assert not result.limited
    assert result.gain_db == pytest.approx(SPECS[name].integrated - result.input_lufs, abs=0.01)


def test_peaks_that_the_gain_would_push_over_are_limited(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    bed = 0.01 * rng.standard_normal((RATE * 6, 2))
    for start in range(RATE // 2, RATE * 6, RATE):  # a click every second, at full scale
        bed[start : start + 48] = 0.9
    path = write_wav(tmp_path / "clicks.wav", bed)
    spec = SPECS["ebu-r128"]
    gained_peak = true_peak(bed) + (spec.integrated - (integrated_loudness(bed, RATE) or 0.0))
    assert gained_peak > 3  # without a limiter the clicks would clip
    data, result = normalize(path, spec)
    out, _ = soundfile.read(io.BytesIO(data), dtype="float64", always_2d=True)
    assert result.limited
    assert (true_peak(out) or 0.0) <= spec.max_true_peak + 0.05
    assert result.output_true_peak_dbtp is not None
    assert result.output_true_peak_dbtp <= spec.max_true_peak + 0.05
    assert result.output_lufs == pytest.approx(spec.integrated, abs=0.5)  # the bed carries it


def test_silence_cannot_be_normalised(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "z.wav", np.zeros((RATE, 2)))
    with pytest.raises(PostError, match="silent"):
        normalize(path, SPECS["ebu-r128"])
