"""The shipped weights keep giving the scores they gave when they were trained.

``tests/fixtures/strength/shipped_scores.json`` holds every scene's strength and per-TP
probabilities for two scripts written for Slate, scored with the shipped weights and the fake
embedder before the strength code was moved and its reasons rewritten. Moving or rewording code
must not change a score; only retraining may, and then the file is regenerated with the weights.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from assistant.analysis.strength.scene_strength import score_screenplay
from assistant.script.model import Screenplay
from assistant.script.reading import parse_bytes, read_script
from tests.fakes import FakeEmbedder

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "strength"


def _script(name: str) -> Screenplay:
    if name == "night_shift":
        data = (resources.files("assistant") / "samples" / "night_shift.fountain").read_bytes()
        return parse_bytes(data, format="fountain")
    return read_script(FIXTURES / f"{name}.fountain")


_SNAPSHOT = json.loads((FIXTURES / "shipped_scores.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(_SNAPSHOT["scripts"]))
def test_shipped_weights_give_the_recorded_scores(name: str) -> None:
    expected = _SNAPSHOT["scripts"][name]
    report = score_screenplay(_script(name), FakeEmbedder(dimensions=64))
    # Scores are reported to 4 decimals; allow one unit there for another BLAS's rounding.
    assert [s.strength for s in report.scenes] == pytest.approx(expected["strength"], abs=1e-4)
    got = [s.turning_point_probabilities for s in report.scenes]
    for row, want in zip(got, expected["turning_point_probabilities"], strict=True):
        assert row == pytest.approx(want, abs=1e-4)
