"""The lighthouse fixture script (tests/fixtures/beats/), parsed once per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.script.model import Screenplay
from assistant.script.reading import read_script

BEATS = Path(__file__).resolve().parents[2] / "fixtures" / "beats"


@pytest.fixture
def lighthouse() -> Screenplay:
    return read_script(BEATS / "lighthouse.fountain")


def fixture_text(name: str) -> str:
    return (BEATS / name).read_text(encoding="utf-8")
