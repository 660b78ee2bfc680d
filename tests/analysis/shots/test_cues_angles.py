"""``angle_in``'s one-search shortcut gives the same angle as trying each list in order."""

from __future__ import annotations

import pytest

from assistant.analysis.shots import cues
from assistant.analysis.shots.model import Angle


def _in_order(text: str) -> Angle:
    for angle, pattern in cues._ANGLES:
        if pattern.search(text):
            return angle
    return Angle.EYE_LEVEL


@pytest.mark.parametrize(
    ("text", "angle"),
    [
        ("Mara opens the drawer.", Angle.EYE_LEVEL),
        ("We see the square FROM ABOVE.", Angle.OVERHEAD),
        ("He staggers to the bar, drunk.", Angle.DUTCH),
        ("The tower looms over the town.", Angle.LOW),
        ("She cowers in the corner.", Angle.HIGH),
        ("Overhead, a drunk man cowers.", Angle.OVERHEAD),  # the list order decides
        ("He crouches, woozy.", Angle.DUTCH),
    ],
)
def test_angle_in_matches_the_lists_in_order(text: str, angle: Angle) -> None:
    assert cues.angle_in(text) == angle
    assert _in_order(text) == angle
