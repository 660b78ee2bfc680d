"""Where each element of a scene sits in the source text (1-based line numbers).

The script model keeps a line only for each scene's start, so the shot planner finds the elements
again: it walks the scene's source lines in order and matches each element's first words against
the next lines that begin with them (letters and digits only, so markup, indentation, wrapping
and case do not matter). An element ends where the next one starts, less trailing blank lines.
An element that is not found (an importer rewrote its text) is given the lines between its
neighbours, so spans stay in order and inside the scene.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.script.model import (
    Action,
    Centered,
    Dialogue,
    DualDialogue,
    Element,
    Lyrics,
    Scene,
    Screenplay,
    Transition,
    plain_text,
)

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
PREFIX_CHARS = 16
"""Characters of an element's text compared with a line: enough to tell ``MARA`` the cue from
``Mara grabs the plate`` (the cue line ends first), few enough to survive wrapping."""


@dataclass(frozen=True)
class Span:
    """Lines ``first`` to ``last`` (1-based, inclusive)."""

    first: int
    last: int

    def numbers(self) -> list[int]:
        return list(range(self.first, self.last + 1))


def _norm(text: str) -> str:
    return _NOT_ALNUM.sub("", plain_text(text).lower())


def _element_text(element: Element) -> str:
    if isinstance(element, Dialogue):
        return element.cue.name
    if isinstance(element, DualDialogue):
        return element.left.cue.name
    if isinstance(element, Action | Transition | Centered | Lyrics):
        return element.text
    return ""


def scene_end_lines(screenplay: Screenplay, line_count: int) -> list[int | None]:
    """The last source line of each scene: the line before the next scene with a start line."""
    ends: list[int | None] = []
    for i, scene in enumerate(screenplay.scenes):
        if scene.start_line is None:
            ends.append(None)
            continue
        later = [s.start_line for s in screenplay.scenes[i + 1 :] if s.start_line is not None]
        ends.append(max(scene.start_line, (later[0] - 1) if later else line_count))
    return ends


def normalised_lines(source_lines: list[str]) -> list[str]:
    """Each source line reduced to lower-case letters and digits, as ``locate_elements`` needs."""
    return [_norm(line) for line in source_lines]


def locate_elements(
    scene: Scene, end_line: int | None, norms: list[str] | None
) -> list[Span | None]:
    """A span of source lines for each element of ``scene`` (None where lines are unknown).

    Args:
        scene: the scene; its ``start_line`` anchors the search.
        end_line: the scene's last source line.
        norms: the source's lines as ``normalised_lines`` gives them.
    """
    if scene.start_line is None or end_line is None or not norms:
        return [None] * len(scene.elements)
    first = scene.start_line + (1 if scene.heading is not None else 0)
    last = min(end_line, len(norms))
    starts: list[int | None] = []
    cursor = first
    for element in scene.elements:
        target = _norm(_element_text(element))[:PREFIX_CHARS]
        found = _find(norms, target, cursor, last) if target else None
        starts.append(found)
        if found is not None:
            cursor = found + 1
    return _spans(starts, norms, first, last)


def _find(norms: list[str], target: str, start: int, last: int) -> int | None:
    for number in range(start, last + 1):
        line = norms[number - 1]
        if not line:
            continue
        k = min(len(line), len(target))
        if line[:k] == target[:k] and k >= min(3, len(target)):
            return number
    return None


def _spans(starts: list[int | None], norms: list[str], first: int, last: int) -> list[Span | None]:
    """Spans from start lines: each runs to the line before the next known start."""
    spans: list[Span | None] = []
    previous_end = first - 1
    for i, start in enumerate(starts):
        following = next((s for s in starts[i + 1 :] if s is not None), last + 1)
        begin = start if start is not None else min(previous_end + 1, following - 1, last)
        end = following - 1 if start is not None else begin
        end = max(begin, end)
        while end > begin and not norms[end - 1]:
            end -= 1  # trailing blank lines belong to no element
        begin = max(first, min(begin, last))
        end = max(begin, min(end, last))
        spans.append(Span(begin, end))
        previous_end = end
    return spans
