"""Wave 14b: gunfire is named by who shoots, as a weapon is named by its holder: the sentence's
speaking subject (``Odile aims, fires``) or a kind of person (``the guard fires``); flames
(``the fires``) stay fire. Text written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.analysis.breakdown.written import effects_in_action as _effects


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("Odile kneels behind the jeep, aims, fires and rolls clear.", ["odile's gunfire"]),
        ("Odile FIRES twice at the water tower.", ["odile's gunfire"]),
        ("The guard fires. A bottle on the fence jumps.", ["guard's gunfire"]),
        ("A man fires from the ridge.", ["man's gunfire"]),
    ],
)
def test_firing_is_named_by_its_shooter(tmp_path: Path, action: str, expected: list[str]) -> None:
    assert _effects(tmp_path, action) == expected


def test_fires_after_a_determiner_are_flames(tmp_path: Path) -> None:
    assert _effects(tmp_path, "Odile watches the fires on the far dunes.") == ["fire"]


def test_firing_with_no_one_named_stays_gunfire(tmp_path: Path) -> None:
    assert _effects(tmp_path, "Somewhere over the ridge, a rifle fires twice.") == ["gunfire"]


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("Odile lights fires along the bank.", ["fire"]),
        ("Odile fires two waiters on the spot.", []),
        ("Odile fires off an angry letter to the mayor.", []),
    ],
)
def test_fires_that_is_no_shooting_is_no_gunfire(
    tmp_path: Path, action: str, expected: list[str]
) -> None:
    # "lights fires": flames, not Odile's verb; "fires two waiters": sacks them, no shot.
    assert _effects(tmp_path, action) == expected


@pytest.mark.parametrize(
    "action",
    ["Odile fires three wild shots over the weir.", "Odile fires two quick bursts over the roof."],
)
def test_fires_a_counted_shot_is_gunfire(tmp_path: Path, action: str) -> None:
    assert _effects(tmp_path, action) == ["odile's gunfire"]
