"""Dual dialogue in plain text: two cues on one line and two columns of speech under them.

``GIRL                          GUY`` over ``Hey!                          Hello!``: each line under
the cues is cut at runs of three or more spaces, and each piece goes to the column whose cue it
starts nearer to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.script.model import CharacterCue, DualDialogue
from assistant.script.plaintext_build import dialogue_from_lines
from assistant.script.plaintext_layout import cue_parts
from assistant.script.plaintext_lines import Line

_TWO_CUES = re.compile(r"^(\S(?:.*?\S)?)\s{4,}(\S.*)$")
_GAP = re.compile(r"\s{3,}")


@dataclass
class DualBlock:
    """The two columns of a dual dialogue being read."""

    left: CharacterCue
    right: CharacterCue
    middle: float
    """Column between the two cues: pieces starting left of it belong to the left speaker."""
    line: int
    left_lines: list[str] = field(default_factory=list)
    right_lines: list[str] = field(default_factory=list)

    def add(self, ln: Line) -> None:
        """Split a line under the cues into its left and right pieces."""
        start = 0
        for piece in _GAP.split(ln.text):
            column = ln.indent + ln.text.index(piece, start)
            start = column - ln.indent + len(piece)
            (self.left_lines if column < self.middle else self.right_lines).append(piece)

    def element(self) -> DualDialogue:
        return DualDialogue(
            left=dialogue_from_lines(self.left, self.left_lines),
            right=dialogue_from_lines(self.right, self.right_lines),
        )


def may_hold_two_cues(text: str) -> bool:
    """Whether ``dual_cues`` can find two cues in a line of this text: False for a line without
    two pieces of text four or more spaces apart (decided on the text alone, indent aside)."""
    return _TWO_CUES.match(text) is not None


def dual_cues(ln: Line, number: int) -> DualBlock | None:
    """A dual dialogue starting at this line (1-based ``number``), if it holds two cues side by
    side."""
    match = _TWO_CUES.match(ln.text)
    if match is None:
        return None
    left, right = cue_parts(match.group(1)), cue_parts(match.group(2))
    if left is None or right is None:
        return None
    left_column = ln.indent
    right_column = ln.indent + match.start(2)
    return DualBlock(
        left=CharacterCue(name=left[0], extensions=list(left[1])),
        right=CharacterCue(name=right[0], extensions=list(right[1])),
        middle=(left_column + len(match.group(1)) + right_column) / 2,
        line=number,
    )
