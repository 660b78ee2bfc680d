"""Shot letters as a slate writes them: no I, no O, then double letters."""

from __future__ import annotations

import pytest

from assistant.analysis.shots.numbering import shot_letters, shot_number


def test_letters_skip_i_and_o() -> None:
    letters = [shot_letters(i) for i in range(24)]
    assert letters[:9] == list("ABCDEFGHJ")
    assert "I" not in letters and "O" not in letters
    assert letters[-1] == "Z"


def test_after_z_come_double_letters() -> None:
    assert [shot_letters(i) for i in (24, 25, 47, 48)] == ["AA", "AB", "AZ", "BA"]


def test_numbers_join_scene_label_and_letters() -> None:
    assert shot_number("12", 0) == "12A"
    assert shot_number("12", 8) == "12J"
    assert shot_number(None, 1) == "0B"
    with pytest.raises(ValueError):
        shot_letters(-1)
