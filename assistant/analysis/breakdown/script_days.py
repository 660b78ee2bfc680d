"""Script days: which story day each scene happens on, for wardrobe and make-up continuity.

A scene starts a new day when its heading or opening lines say so (``THE NEXT MORNING``, ``DAY
3``, ``THREE WEEKS LATER``), or when the time of day goes backwards (a ``NIGHT`` scene followed
by a ``DAY`` or ``MORNING`` one). ``CONTINUOUS``, ``SAME``, ``LATER`` and ``MOMENTS LATER`` keep
the day and the time of day; a heading without a time keeps both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.analysis.breakdown.model import TimeOfDay
from assistant.script.model import Action, Scene, Transition, plain_text

_PHASE: dict[str, int] = {
    "DAWN": 0, "SUNRISE": 0, "DAYBREAK": 0, "MORNING": 1, "DAY": 2, "NOON": 2, "MIDDAY": 2,
    "AFTERNOON": 3, "DUSK": 4, "SUNSET": 4, "EVENING": 4, "TWILIGHT": 4, "NIGHTFALL": 4,
    "NIGHT": 5, "MIDNIGHT": 6,
}  # fmt: skip
"""Order of the times of day within one story day (a later phase never starts a new day)."""
_DAY_NIGHT: dict[int, TimeOfDay] = {0: "DAWN", 1: "DAY", 2: "DAY", 3: "DAY", 4: "DUSK", 5: "NIGHT",
                                    6: "NIGHT"}  # fmt: skip
_GENERIC_DAY = 2
_DAYLIGHT = frozenset((1, 2, 3))
_SAME = re.compile(r"\b(CONTINUOUS|SAME|LATER|MOMENTS?)\b")
_NEW_DAY = re.compile(
    r"\b(?:(?:THE\s+)?NEXT\s+(?:DAY|MORNING|AFTERNOON|EVENING|NIGHT)|"
    r"(?:THE\s+)?FOLLOWING\s+(?:DAY|MORNING|AFTERNOON|EVENING|NIGHT)|"
    r"(?:\w+|\d+)\s+(?:DAYS?|WEEKS?|MONTHS?|YEARS?)\s+(?:LATER|AFTER)|"
    r"(?:A|ONE)\s+(?:DAY|WEEK|MONTH|YEAR)\s+LATER|DAY\s+(\d+))\b",
    re.IGNORECASE,
)
"""Cues that move to another day. ``DAY 3`` sets the day number itself."""
_OPENING_CHARS = 160
"""How much of a scene's first action (or of the transition before it) is read for a cue: cues
such as ``THE NEXT MORNING.`` open the scene's first paragraph."""


@dataclass(frozen=True)
class SceneDay:
    day: int
    time_of_day: TimeOfDay | None
    cue: str | None
    """The words that decided a new day, e.g. ``NEXT MORNING`` or ``NIGHT -> DAY``."""


def infer_script_days(scenes: list[Scene]) -> list[SceneDay]:
    """Each scene's story day (1-based) and resolved time of day, in order."""
    days: list[SceneDay] = []
    day, phase = 1, -1
    started = False
    for position, scene in enumerate(scenes):
        heading = scene.heading
        words = (heading.time_of_day or "").upper() if heading else ""
        said = _phase_of(words)
        opening = _opening_text(scenes, position)
        cue = None
        explicit = _NEW_DAY.search(f"{words} {heading.location if heading else ''} {opening}")
        if explicit is not None and started:
            day = int(explicit.group(1)) if explicit.group(1) else day + 1
            cue = " ".join(explicit.group(0).upper().split())
        elif explicit is not None and explicit.group(1):
            day = int(explicit.group(1))
        elif said == _GENERIC_DAY and phase in _DAYLIGHT:
            said = phase  # "DAY" after "AFTERNOON" says daylight, not an earlier hour
        elif said is not None and said < phase and started and not _SAME.search(words):
            day += 1
            cue = f"{_name_of(phase)} -> {_name_of(said)}"
        if said is not None:
            phase = said
        elif explicit is not None:
            phase = -1
        if heading is not None:
            started = True
        days.append(SceneDay(day, _DAY_NIGHT.get(phase), cue))
    return days


def _phase_of(words: str) -> int | None:
    found = [_PHASE[w] for w in re.findall(r"[A-Z]+", words) if w in _PHASE]
    return found[-1] if found else None


def _name_of(phase: int) -> str:
    return next((name for name, p in _PHASE.items() if p == phase), "?")


def _opening_text(scenes: list[Scene], position: int) -> str:
    """The first action of the scene and a transition ending the scene before it."""
    parts: list[str] = []
    if position > 0 and scenes[position - 1].elements:
        last = scenes[position - 1].elements[-1]
        if isinstance(last, Transition):
            parts.append(last.text)
    for element in scenes[position].elements[:2]:
        if isinstance(element, Action | Transition):
            parts.append(plain_text(element.text)[:_OPENING_CHARS])
            break
    return " ".join(parts)
