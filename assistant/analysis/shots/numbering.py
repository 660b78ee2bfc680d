"""Shot numbers as a shooting script writes them: scene 12's shots are 12A, 12B, ... .

Letters I and O are skipped (they read as 1 and 0 on a slate); after Z come AA, AB, ... .
"""

from __future__ import annotations

SHOT_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
"""The 24 letters a slate uses (no I, no O)."""

PRE_HEADING_LABEL = "0"
"""The scene part of shot numbers for the block before the first heading (a cold open without a
slugline, or a script with no headings): it has no scene label, and ``0A`` sorts before ``1A``."""


def shot_letters(position: int) -> str:
    """The letters of the shot at 0-based ``position`` in its scene: A ... Z, then AA, AB ...."""
    if position < 0:
        raise ValueError("position must be >= 0")
    base = len(SHOT_LETTERS)
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, base)
        letters = SHOT_LETTERS[rest] + letters
    return letters


def shot_number(scene_label: str | None, position: int) -> str:
    """``12`` and 0 give ``12A``; a scene without a label is numbered as scene ``0``."""
    return f"{scene_label or PRE_HEADING_LABEL}{shot_letters(position)}"
