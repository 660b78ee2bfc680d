"""Fixtures for the post tests: a script made for them, audio generated with known levels."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

RATE = 48000

SCRIPT = """Title: Post Test
Author: the post tests

INT. KITCHEN - DAY

Mara smiles and hugs her brother. They laugh together at home.

MARA
Happy birthday.

EXT. HARBOUR - NIGHT #2#

A gun. A scream in the dark. Someone runs from the danger.

EXT. CLIFF ROAD - DUSK

The car stops. Nobody gets out.

INT. HALLWAY - CONTINUOUS

Tears. She is alone with her grief at the funeral, in the cold rain.

EXT. HARBOUR - DAY

Boats. Gulls. The harbourmaster counts crates on the quay.

INT. HARBOUR OFFICE - NIGHT

Mara opens the ledger and finds the missing page.

MARA
Somebody tore this out.

EXT. LIGHTHOUSE - DAWN

She climbs the stairs as the lamp goes dark.
"""


@pytest.fixture
def script_path(tmp_path: Path) -> Path:
    path = tmp_path / "post_test.fountain"
    path.write_text(SCRIPT, encoding="utf-8")
    return path


def sine(
    seconds: float, dbfs: float, channels: int = 2, freq: float = 1000.0
) -> npt.NDArray[np.float64]:
    """A sine at ``dbfs`` peak level on every channel, shape (frames, channels)."""
    t = np.arange(round(seconds * RATE)) / RATE
    wave = 10 ** (dbfs / 20) * np.sin(2 * np.pi * freq * t)
    return np.stack([wave] * channels, axis=1)


def write_wav(path: Path, data: npt.NDArray[np.float64], subtype: str = "FLOAT") -> Path:
    import soundfile

    soundfile.write(str(path), data, RATE, subtype=subtype)
    return path


def speech_like(
    seconds: float, lufs_rms_db: float, channels: int = 2, pitch: float = 140.0, low: float = 0.2
) -> npt.NDArray[np.float64]:
    """A voiced-speech stand-in: a harmonic comb on ``pitch`` Hz (gliding 5%) whose level rises
    and falls four times a second with silent gaps, as syllables do; RMS ``lufs_rms_db`` dBFS.
    Harmonics outside 300-3400 Hz are weighted ``low`` (a deep voice: higher)."""
    t = np.arange(round(seconds * RATE)) / RATE
    f0 = pitch * (1 + 0.05 * np.sin(2 * np.pi * 0.7 * t))
    phase = 2 * np.pi * np.cumsum(f0) / RATE
    wave = sum(
        (1 / k) * np.sin(k * phase) * (1.0 if 300 <= pitch * k <= 3400 else low)
        for k in range(1, 25)
    )
    wave = wave * np.clip(np.sin(2 * np.pi * 4.0 * t), 0, None) ** 0.5
    wave = wave / np.sqrt(np.mean(wave**2)) * 10 ** (lufs_rms_db / 20)
    return np.stack([wave] * channels, axis=1)


def chord(seconds: float, dbfs: float, channels: int = 2) -> npt.NDArray[np.float64]:
    """A held three-note chord (a music bed that does not move), peak about ``dbfs``."""
    t = np.arange(round(seconds * RATE)) / RATE
    wave = sum(a * np.sin(2 * np.pi * f * t) for f, a in ((220, 1.0), (330, 0.5), (440, 0.3)))
    wave = wave / 1.8 * 10 ** (dbfs / 20)
    return np.stack([wave] * channels, axis=1)
