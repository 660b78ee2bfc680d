"""Fixtures for the breakdown tests: the scripts written for them in tests/fixtures/breakdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import api
from assistant.analysis.breakdown.model import BreakdownReport
from assistant.script.model import Screenplay

FOLDER = Path(__file__).resolve().parents[2] / "fixtures" / "breakdown"


@pytest.fixture
def harbour() -> Screenplay:
    return api.open_script(FOLDER / "harbour.fountain")


@pytest.fixture
def harbour_report(harbour: Screenplay) -> BreakdownReport:
    return api.breakdown(harbour)
