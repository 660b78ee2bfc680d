"""A scene as the comparison sees it: one printed line per element part, with who speaks it.

Lines are plain text as printed (inline ``[[notes]]`` and emphasis markup removed, spaces
collapsed) so that two importers that read the same words slightly differently (Fountain ``*x*``
vs FDX italics) do not count as a change, and neither do the ``[[*]]`` revision marks that
``slate revise`` writes in Fountain (notes never print).
The scene number is not part of the lines: a renumbered scene has the same lines.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from assistant.script.characters import normalise_cue_name
from assistant.script.model import (
    Dialogue,
    DualDialogue,
    Element,
    Note,
    PageBreak,
    Parenthetical,
    Scene,
    Section,
    Shot,
    Synopsis,
)
from assistant.script.page_layout import printable


@dataclass(frozen=True)
class ScriptLine:
    """One line of a scene: its text and the character who speaks it (None for action etc.)."""

    text: str
    speaker: str | None = None


@dataclass
class SceneLines:
    """A scene's heading, its lines, and the fingerprints the alignment matches on."""

    index: int
    heading: str
    """The heading as written, without the scene number ('' for the block before the first)."""
    number: str | None
    lines: list[ScriptLine]
    digest: str = ""
    """Hash of heading and lines: equal digests mean the same scene, whatever its number."""
    words: frozenset[str] = field(default_factory=frozenset)
    """Distinct lower-case words of the scene: what the similarity of changed scenes compares."""

    def __post_init__(self) -> None:
        joined = "\n".join([self.heading, *(f"{ln.speaker or ''}\t{ln.text}" for ln in self.lines)])
        self.digest = hashlib.blake2b(joined.encode("utf-8"), digest_size=16).hexdigest()
        self.words = frozenset(joined.lower().split())


def clean_line(text: str) -> str:
    """A line as compared: inline notes (revision marks among them) and emphasis markup removed,
    spaces collapsed."""
    return " ".join(printable(text).split())


def _dialogue_lines(dialogue: Dialogue) -> list[ScriptLine]:
    name = normalise_cue_name(dialogue.cue.name) or dialogue.cue.name.strip().upper()
    cue = " ".join([name, *(f"({ext})" for ext in dialogue.cue.extensions)])
    out = [ScriptLine(cue)]  # the cue names the speaker; it is not a spoken line
    for part in dialogue.parts:
        text = clean_line(part.text)
        if text:
            out.append(ScriptLine(text, None if isinstance(part, Parenthetical) else name))
    return out


def element_lines(element: Element) -> list[ScriptLine]:
    """The lines one element prints as; non-printing elements (notes, sections) give none."""
    if isinstance(element, Dialogue):
        return _dialogue_lines(element)
    if isinstance(element, DualDialogue):
        return _dialogue_lines(element.left) + _dialogue_lines(element.right)
    if isinstance(element, (PageBreak, Note, Section, Synopsis)):
        return []
    if isinstance(element, Shot):
        return [ScriptLine(clean_line(element.text))]
    # Action keeps its own line breaks: a writer's one-line change stays a one-line change.
    return [ScriptLine(t) for t in (clean_line(p) for p in element.text.split("\n")) if t]


def scene_lines(scene: Scene, index: int) -> SceneLines:
    """The comparison's view of ``scene``, the ``index``-th of its screenplay."""
    lines = [line for element in scene.elements for line in element_lines(element)]
    heading = clean_line(scene.heading.text) if scene.heading else ""
    return SceneLines(index, heading, scene.number, lines)
