"""A shot while the planner builds it, and the camera conventions every rule shares."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.analysis.shots.lines import Span
from assistant.analysis.shots.model import Angle, Movement, ShotKind, ShotSize
from assistant.script.model import plain_text

LENS_MM: dict[ShotSize, int] = {
    ShotSize.EWS: 18,
    ShotSize.WS: 24,
    ShotSize.FS: 32,
    ShotSize.MS: 40,
    ShotSize.MCU: 50,
    ShotSize.CU: 75,
    ShotSize.ECU: 100,
    ShotSize.INSERT: 100,
}
"""Focal length per size on Super 35: wide lenses take in a place, longer ones isolate a face
(85-100 mm for close detail, as a macro or long lens would)."""

TIGHTER: dict[ShotSize, ShotSize] = {
    ShotSize.EWS: ShotSize.WS,
    ShotSize.WS: ShotSize.FS,
    ShotSize.FS: ShotSize.MS,
    ShotSize.MS: ShotSize.MCU,
    ShotSize.MCU: ShotSize.CU,
    ShotSize.CU: ShotSize.CU,
    ShotSize.ECU: ShotSize.ECU,
    ShotSize.INSERT: ShotSize.INSERT,
}

DIALOGUE_WORDS_PER_S = 2.5
"""Screen speech runs at about 150 words a minute."""
ACTION_WORDS_PER_S = 3.0
"""Action reads a little faster than it plays; a paragraph's weight, scaled later to the page."""
CAPTION_CHARS = 110


@dataclass
class Draft:
    """A shot before it is numbered, timed and given a set-up."""

    kind: ShotKind
    size: ShotSize
    subjects: list[str]
    spans: list[Span | None]
    description: str
    weight_s: float
    """Natural length before scaling to the scene's screen time."""
    angle: Angle = Angle.EYE_LEVEL
    movement: Movement = Movement.STATIC
    off_screen: list[str] = field(default_factory=list)
    lens_mm: int = 0

    def __post_init__(self) -> None:
        if not self.lens_mm:
            self.lens_mm = LENS_MM[self.size]

    def lines(self) -> list[int]:
        numbers = {n for span in self.spans if span is not None for n in span.numbers()}
        return sorted(numbers)


_SPACE = re.compile(r"\s+")
_NOTE = re.compile(r"\[\[.*?\]\]", re.DOTALL)
"""Inline Fountain notes are the writer's, not the shot's."""


def caption(text: str, limit: int = CAPTION_CHARS) -> str:
    """``text`` on one line, cut at a word boundary to ``limit`` characters with an ellipsis."""
    text = _SPACE.sub(" ", _NOTE.sub("", plain_text(text))).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


def words(text: str) -> int:
    return len(text.split())
