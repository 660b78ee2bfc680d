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
