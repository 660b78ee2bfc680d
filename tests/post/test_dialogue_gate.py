"""The speech-activity gate behind the Netflix verdict: generated speech-like sound, tones, noise
and a mix of speech and a louder bed, each with a known answer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.post.dialogue_gate import dialogue_gated, speech_frames
from assistant.post.loudness import SPECS, _k_weighted, integrated_loudness, measure_file
from assistant.post.normalize import normalize
from tests.post.conftest import RATE, chord, sine, speech_like, write_wav


def _gate(data: np.ndarray) -> tuple[float | None, float]:
    gate = dialogue_gated(data, RATE, _k_weighted(data, RATE))
    return gate.loudness_lufs, gate.speech_share


def test_speech_like_sound_is_flagged_and_gated_loudness_is_its_own() -> None:
    speech = speech_like(10, -30.0)
    loudness, share = _gate(speech)
    assert share > 0.9
    whole = integrated_loudness(speech, RATE)
    assert whole is not None and loudness == pytest.approx(whole, abs=0.5)


def test_a_deep_voice_with_half_its_energy_under_300_hz_is_still_speech() -> None:
    # 110 Hz, harmonics below 300 Hz at 0.6: 44% of the energy is in 300-3400 Hz.
    loudness, share = _gate(speech_like(10, -30.0, pitch=110.0, low=0.6))
    assert share > 0.9 and loudness is not None


@pytest.mark.parametrize(
    "data",
    [sine(10, -20.0), chord(10, -20.0), np.random.default_rng(1).normal(0, 0.03, (RATE * 10, 2))],
    ids=["tone", "chord", "white noise"],
)
def test_tones_chords_and_noise_are_not_speech(data: np.ndarray) -> None:
    assert speech_frames(data, RATE).mean() < 0.05
    assert _gate(data) == (None, pytest.approx(0.0, abs=0.05))


def test_dialogue_under_a_louder_bed_reads_at_the_dialogue_level(tmp_path: Path) -> None:
    speech = speech_like(10, -30.0)
    mix = np.concatenate([speech, chord(10, -12.0)])
    alone = integrated_loudness(speech, RATE)
    whole = integrated_loudness(mix, RATE)
    loudness, share = _gate(mix)
    assert alone is not None and whole is not None and loudness is not None
    assert whole - alone > 5  # the whole-mix meter is pulled up by the bed
    assert loudness == pytest.approx(alone, abs=1.0)  # the gate hears the dialogue
    assert 0.4 < share < 0.6
    report = measure_file(write_wav(tmp_path / "mix.wav", mix), [SPECS["netflix"]])
    assert report.dialogue_gated_lufs == pytest.approx(loudness, abs=0.01)
    verdict = report.targets["netflix"]
    assert "dialogue-gated" in verdict.why and "speech-activity" in verdict.why
    assert "not dialogue-gated" not in verdict.why
    ebu = measure_file(write_wav(tmp_path / "mix2.wav", mix), [SPECS["ebu-r128"]])
    assert ebu.dialogue_gated_lufs is None and ebu.speech_share is None  # measured when asked


def test_netflix_normalisation_brings_the_dialogue_to_minus_27(tmp_path: Path) -> None:
    mix = np.concatenate([speech_like(10, -40.0), chord(10, -22.0)])
    before = measure_file(write_wav(tmp_path / "mix.wav", mix), [SPECS["netflix"]])
    assert before.integrated_lufs is not None and before.dialogue_gated_lufs is not None
    gap = before.integrated_lufs - before.dialogue_gated_lufs
    assert gap > 3  # the bed is louder than the dialogue
    data, _ = normalize(tmp_path / "mix.wav", SPECS["netflix"])
    out = tmp_path / "out.wav"
    out.write_bytes(data)
    report = measure_file(out, [SPECS["netflix"]])
    assert report.dialogue_gated_lufs == pytest.approx(-27.0, abs=0.5)
    # A whole-mix normalisation would have put the mix, not the dialogue, at -27.
    assert report.integrated_lufs == pytest.approx(-27.0 + gap, abs=0.5)
    assert report.targets["netflix"].pass_, report.targets["netflix"].why
