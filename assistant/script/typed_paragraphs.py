"""Scenes from a list of typed paragraphs: what Trelby, Open Screenplay Format and plays share.

Those formats store a script as paragraphs that each name their element type (scene heading,
action, character, dialogue...), as FDX does. The readers turn their file into ``Paragraph`` values
and ``build_scenes`` groups them: a heading opens a scene, a character opens a dialogue block that
takes the dialogue, parenthetical and lyric paragraphs after it, anything else closes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from assistant.script.fdx_paragraphs import character_cue, scene_heading
from assistant.script.model import (
    Action,
    Centered,
    Dialogue,
    DialogueLyric,
    Element,
    Lyrics,
    Note,
    PageBreak,
    Parenthetical,
    Scene,
    Section,
    Speech,
    Transition,
)


class Kind(StrEnum):
    """The element type a paragraph names."""

    HEADING = "heading"
    ACTION = "action"
    CHARACTER = "character"
    DIALOGUE = "dialogue"
    PARENTHETICAL = "parenthetical"
    LYRIC = "lyric"
    TRANSITION = "transition"
    SHOT = "shot"
    """A camera direction (``CLOSE ON THE KEY``); read as action, the model has no shot type."""
    CENTERED = "centered"
    SECTION = "section"
    """An act break or outline heading: not printed."""
    NOTE = "note"
    PAGE_BREAK = "page_break"


@dataclass(frozen=True)
class Paragraph:
    kind: Kind
    text: str
    """The paragraph's text, Fountain emphasis markup allowed; lines joined with ``\\n``."""
    number: str | None = None
    """A scene heading's number, when the file gives one."""
    line: int | None = None
    """1-based line in the source file, when the format has lines."""


_IN_DIALOGUE = frozenset((Kind.DIALOGUE, Kind.PARENTHETICAL, Kind.LYRIC))


@dataclass
class _Builder:
    scenes: list[Scene] = field(default_factory=lambda: [Scene()])
    dialogue: Dialogue | None = None
    page_break: bool = False
    printed: bool = False

    def add(self, paragraph: Paragraph) -> None:
        kind, text = paragraph.kind, paragraph.text.strip()
        if kind is Kind.PAGE_BREAK:
            self.dialogue = None
            self.page_break = self.printed
            return
        if not text:
            return
        if kind in _IN_DIALOGUE and self.dialogue is not None:
            self._add_part(kind, text)
            return
        self.dialogue = None
        if kind is Kind.HEADING:
            self._flush_page_break()
            self.scenes.append(
                Scene(
                    heading=scene_heading(" ".join(text.split()), paragraph.number),
                    start_line=paragraph.line,
                )
            )
            self.printed = True
            return
        if kind is Kind.CHARACTER:
            self.dialogue = Dialogue(cue=character_cue(" ".join(text.split())))
            self._print(self.dialogue, paragraph.line)
            return
        element: Element
        if kind is Kind.TRANSITION:
            element = Transition(text=" ".join(text.split()))
        elif kind is Kind.CENTERED:
            element = Centered(text=text)
        elif kind is Kind.LYRIC:
            element = Lyrics(text=text)
        elif kind is Kind.SECTION:
            self.scenes[-1].elements.append(Section(text=" ".join(text.split())))
            return
        elif kind is Kind.NOTE:
            self.scenes[-1].elements.append(Note(text=text))
            return
        else:  # action, shot, and dialogue or a parenthetical with no cue above it
            element = Action(text=text)
        self._print(element, paragraph.line)

    def _add_part(self, kind: Kind, text: str) -> None:
        assert self.dialogue is not None
        parts = self.dialogue.parts
        if kind is Kind.PARENTHETICAL:
            text = " ".join(text.split())
            parts.append(Parenthetical(text=text if text.startswith("(") else f"({text})"))
        elif kind is Kind.LYRIC:
            parts.append(DialogueLyric(text=text))
        elif parts and isinstance(parts[-1], Speech):
            parts[-1] = Speech(text=f"{parts[-1].text}\n{text}")
        else:
            parts.append(Speech(text=text))

    def _print(self, element: Element, line: int | None) -> None:
        self._flush_page_break()
        scene = self.scenes[-1]
        if scene.start_line is None and not scene.elements:
            scene.start_line = line
        scene.elements.append(element)
        self.printed = True

    def _flush_page_break(self) -> None:
        if self.page_break:
            self.scenes[-1].elements.append(PageBreak())
            self.page_break = False


def build_scenes(paragraphs: Iterable[Paragraph]) -> list[Scene]:
    """Group typed paragraphs into scenes.

    Returns:
        The scenes in order; material before the first heading is a scene without a heading,
        left out when empty. No scene at all when nothing printed was read. A page break is kept
        only between printed elements.
    """
    builder = _Builder()
    for paragraph in paragraphs:
        builder.add(paragraph)
    if not builder.printed:
        return []
    scenes = builder.scenes
    if scenes[0].heading is None and not scenes[0].elements:
        scenes = scenes[1:]
    return scenes
