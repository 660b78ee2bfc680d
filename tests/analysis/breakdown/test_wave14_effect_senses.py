"""Wave 14: the words around an effect word choose its sense: shooting (``fires at``), a figure
(``a wave of unease``) or a verb (``wind up``, ``the engine thunders``), each on text written for
it."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.analysis.breakdown.rules.special import effect_sense
from tests.analysis.breakdown.written import effects_in_action as _effects


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("Odile ducks behind the barge. Fires at the lamp. Misses.", ["odile's gunfire"]),
        ("Bram spins and fires twice into the dark.", ["gunfire"]),
    ],
)
def test_fires_with_a_target_or_a_count_is_gunfire(
    tmp_path: Path, action: str, expected: list[str]
) -> None:
    # Named by the cast member who shoots since wave 14b; Bram speaks nowhere, so is no cast.
    assert _effects(tmp_path, action) == expected


@pytest.mark.parametrize(
    "action",
    [
        "Odile feels a wave of unease and sits on the bollard.",
        "Odile and Bram wind up at the lock keeper's hut.",
        "The tug's engine thunders past the moorings.",
    ],
)
def test_figures_and_verbs_of_effect_words_are_no_effect(tmp_path: Path, action: str) -> None:
    assert _effects(tmp_path, action) == []


def test_a_wave_of_water_and_the_wind_stay_effects(tmp_path: Path) -> None:
    found = _effects(tmp_path, "A wave of water slaps the quay. The wind howls.")
    assert "wind" in found and any("wave" in name for name in found)


def test_effect_sense_reads_only_the_neighbouring_words() -> None:
    assert effect_sense("fired", "she", "back", False) == "gunfire"
    assert effect_sense("fires", "the", "along", False) is None  # "the fires along the dyke"
    assert effect_sense("waves", "the", "of", True) is None
    # "thunders" after a subject is a loud sound; after "distant" (or "the") it is the storm.
    assert effect_sense("thunders", "engine", "past", False) == "none"
    assert effect_sense("thunders", "distant", "rolls", False) is None
    assert effect_sense("thundered", "the", "overhead", False) is None


def test_fires_and_a_count_is_shooting_only_with_a_shot_after() -> None:
    assert effect_sense("fires", "odile", "two", False, ("quick", "bursts")) == "gunfire"
    assert effect_sense("fires", "odile", "off", False, ("a", "round")) == "gunfire"
    assert effect_sense("fires", "odile", "two", False, ("waiters", "on")) == "none"
    assert effect_sense("fires", "odile", "a", False, ()) == "none"
