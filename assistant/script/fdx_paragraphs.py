"""Reading one Final Draft ``<Paragraph>``: heading and cue text, styled text, script notes.

Shared by the importer (``fdx.py``); element names are compared without any XML namespace.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from assistant.script.fdx_styles import StyledRun, parse_style, runs_to_markup
from assistant.script.heading_parts import split_cue, split_heading
from assistant.script.model import (
    CharacterCue,
    Element,
    Note,
    SceneHeading,
    Section,
    Synopsis,
)

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element as XmlElement

SECTION_NOTE = re.compile(r"(#+) ?(.*)", re.DOTALL)
SYNOPSIS_NOTE = re.compile(r"= ?(.*)", re.DOTALL)
RANGE = re.compile(r"\s*(\d+)\s*,")
"""``Range="15,25"`` on a top-level ``ScriptNote``: character offsets into the script text."""
PlacedNotes = dict[int, tuple[list[str], list[str]]]
"""Note texts by paragraph index: those placed before the paragraph's element, those after."""


def scene_heading(text: str, number: str | None = None) -> SceneHeading:
    """A scene heading from its text, split into parts as the Fountain importer splits one.

    Args:
        text: the heading without its scene number, e.g. ``INT. DINER - KITCHEN - NIGHT``.
        number: the scene number, if the file gives one.

    Returns:
        The heading; ``forced`` is False (an FDX heading is a heading by its paragraph type).
    """
    text = text.strip()
    parts = split_heading(text)
    tail = parts.tail
    return SceneHeading(
        text=text,
        int_ext=parts.int_ext,
        location=tail.location,
        time_of_day=tail.time_of_day,
        scene_number=number,
        shot=tail.shot,
        tags=tail.tags,
    )


def character_cue(text: str) -> CharacterCue:
    """``MARA (V.O.) (CONT'D)`` as name ``MARA`` with extensions ``V.O.`` and ``CONT'D``."""
    name, extensions = split_cue(text.strip())
    return CharacterCue(name=name, extensions=extensions)


def paragraph_runs(paragraph: XmlElement) -> list[StyledRun]:
    runs: list[StyledRun] = []
    for text in children(paragraph, "Text"):
        styles = parse_style(text.get("Style"))
        value = _clean(text.text or "")
        if "AllCaps" in styles:
            value = value.upper()
        runs.append(StyledRun(value, styles))
    return runs


def plain_text_of(paragraph: XmlElement) -> str:
    """The paragraph's text without styles (for headings and cues, whose text the model parses)."""
    return "".join(run.text for run in paragraph_runs(paragraph))


def marked_up_text_of(paragraph: XmlElement) -> str:
    """The paragraph's text with emphasis as Fountain markup, lines right-stripped."""
    text = runs_to_markup(paragraph_runs(paragraph))
    return "\n".join(line.rstrip() for line in text.split("\n"))


def strip_lines(text: str) -> str:
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def _clean(text: str) -> str:
    # XML parsers turn \r\n into \n; Final Draft marks a line break inside a paragraph with \n or
    # U+2028, and the Fountain importer turns a tab into four spaces.
    return text.replace("\r", "\n").replace("\u2028", "\n").replace("\t", "    ")


def notes_of(paragraph: XmlElement) -> tuple[list[Element], list[Element]]:
    """The paragraph's script notes: those before any of its text, and the rest."""
    before: list[Element] = []
    after: list[Element] = []
    seen_text = False
    for child in paragraph:
        name = local_name(child.tag)
        if name in ("Text", "DualDialogue"):
            seen_text = True
        elif name == "ScriptNote":
            text = _note_text(child)
            if text:
                (after if seen_text else before).append(note_element(text))
    return before, after


def _note_text(note: XmlElement) -> str:
    lines = [marked_up_text_of(paragraph) for paragraph in children(note, "Paragraph")]
    return "\n".join(lines).strip()


def note_element(text: str) -> Element:
    """A note, or the section or synopsis the exporter stored as one (``# text``, ``= text``)."""
    if section := SECTION_NOTE.fullmatch(text):
        return Section(text=section.group(2), level=len(section.group(1)))
    if synopsis := SYNOPSIS_NOTE.fullmatch(text):
        return Synopsis(text=synopsis.group(1))
    return Note(text=text)


def ranged_notes(root: XmlElement, content: XmlElement) -> PlacedNotes:
    """Top-level ``<ScriptNotes>`` by the index of the ``<Content>`` paragraph holding their start.

    Final Draft counts a ``Range`` in characters of the script's paragraphs, each followed by one
    separator. A note starting where a paragraph starts goes before its element, one starting
    inside it after, and one past the end after the last paragraph.
    """
    notes = child(root, "ScriptNotes")
    paragraphs = children(content, "Paragraph")
    if notes is None or not paragraphs:
        return {}
    starts: list[int] = []
    offset = 0
    for paragraph in paragraphs:
        starts.append(offset)
        inner = children(child(paragraph, "DualDialogue"), "Paragraph") or [paragraph]
        offset += sum(len(plain_text_of(part)) + 1 for part in inner)
    placed: PlacedNotes = {}
    for note in children(notes, "ScriptNote"):
        text = _note_text(note)
        match = RANGE.match(note.get("Range", ""))
        if not text or match is None:
            continue
        start = int(match.group(1))
        index = bisect.bisect_right(starts, start) - 1
        before, after = placed.setdefault(index, ([], []))
        (before if start == starts[index] else after).append(text)
    return placed


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def child(parent: XmlElement | None, name: str) -> XmlElement | None:
    if parent is None:
        return None
    return next((child for child in parent if local_name(child.tag) == name), None)


def children(parent: XmlElement | None, name: str) -> list[XmlElement]:
    if parent is None:
        return []
    return [child for child in parent if local_name(child.tag) == name]
