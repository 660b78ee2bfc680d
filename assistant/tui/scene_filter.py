"""The scene list's filter language and its jumps (docs/tui.md).

Words are ANDed: ``INT``/``EXT``, ``DAY``/``NIGHT`` (any time of day word) match the heading,
``@MARA`` a speaking character, ``loc:diner`` the location, anything else the scene's text.
``#12`` jumps to scene 12 and ``p5`` to the first scene on page 5 instead of filtering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.tui.layout import SceneFacts

_SIDES = {"int": "int", "ext": "ext", "int/ext": "int/ext"}
_JUMP_SCENE = re.compile(r"^#(\S+)$")
_JUMP_PAGE = re.compile(r"^p(\d+)$", re.IGNORECASE)


@dataclass
class SceneQuery:
    """A parsed filter: every condition must hold."""

    sides: set[str] = field(default_factory=set)
    times: set[str] = field(default_factory=set)
    characters: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)

    def matches(self, facts: SceneFacts) -> bool:
        if self.sides and facts.int_ext not in self.sides:
            return False
        if self.times and not any(t in facts.time_of_day for t in self.times):
            return False
        for name in self.characters:
            if not any(name in who.lower() for who in facts.characters):
                return False
        if any(loc not in facts.location for loc in self.locations):
            return False
        return all(word in facts.text for word in self.words)


def parse_query(text: str) -> SceneQuery:
    """The query a filter string asks for (case-insensitive)."""
    query = SceneQuery()
    for token in text.lower().split():
        if token in _SIDES:
            query.sides.add(_SIDES[token])
        elif token in ("day", "night", "dawn", "dusk", "morning", "evening", "continuous"):
            query.times.add(token)
        elif token.startswith("@") and len(token) > 1:
            query.characters.append(token[1:])
        elif token.startswith("loc:") and len(token) > 4:
            query.locations.append(token[4:])
        else:
            query.words.append(token)
    return query


def filter_scenes(facts: list[SceneFacts], text: str) -> list[int]:
    """Indices (into ``screenplay.scenes``) of the scenes the filter keeps, in script order."""
    if not text.strip():
        return [f.index for f in facts]
    query = parse_query(text)
    return [f.index for f in facts if query.matches(f)]


def jump_target(facts: list[SceneFacts], text: str) -> int | None:
    """The scene index ``#LABEL`` or ``pN`` names, or None when ``text`` is not a jump or names
    no scene."""
    text = text.strip()
    if m := _JUMP_SCENE.match(text):
        wanted = m.group(1).upper()
        return next((f.index for f in facts if (f.label or "").upper() == wanted), None)
    if m := _JUMP_PAGE.match(text):
        page = int(m.group(1))
        on_or_after = [f for f in facts if f.start_page >= page]
        before = [f for f in facts if f.start_page <= page]
        if before:
            return before[-1].index
        return on_or_after[0].index if on_or_after else None
    return None
