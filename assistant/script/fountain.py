"""Fountain (fountain.io) text to the screenplay model, in one pass over the lines.

The text is cut into paragraphs (runs of non-blank lines); each paragraph is read on its own into
one or more pieces (a scene heading, which starts a scene, or an element), so the exporter can ask
``read_fragment`` how a paragraph it writes will be read back. Outline lines (``#``, ``=``,
``===``) and an upper-case scene heading at the top of a paragraph are peeled off as elements of
their own, because writers often omit the blank line after them.

Pieces are plain dicts, validated into the pydantic model in one call per script: validating the
whole tree of a 126-page script (~4,100 models) took 5-8 ms of CPU where building the same models
one by one took 15-20 ms. Validation is still about a third of the parse (``scripts/bench_parse.py``
times the whole). The parts of a long speech are the exception: made as models directly
(``part_models``), which validation then takes as they are.

Deviations from the letter of the spec, each to avoid misreading real files: a paragraph whose
first line ends with a colon (``FADE IN:``) is never a character cue; a one-line title page needs a
known key and a value; a title page must start on the first line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast, get_args

from pydantic import BaseModel

from assistant.script.fountain_boneyard import remove_boneyard
from assistant.script.fountain_dialogue import (
    DUAL_RIGHT,
    ELEMENT,
    HEADING,
    Raw,
    ReadPiece,
    read_dialogue,
)
from assistant.script.fountain_title import read_title_page
from assistant.script.gc_pause import collector_paused
from assistant.script.heading_parts import split_heading
from assistant.script.model import (
    Dialogue,
    DialogueLyric,
    DialoguePart,
    Element,
    Parenthetical,
    SceneHeading,
    Screenplay,
    SourceInfo,
    Speech,
)

SCENE_HEADING = re.compile(r"(?:INT\.?\s*/\s*EXT|EXT\.?\s*/\s*INT|I\s*/\s*E|INT|EXT|EST)[. ]", re.I)
"""INT, EXT, EST, INT./EXT, INT/EXT, I/E followed by a dot or a space, in any case."""
FORCED_HEADING = re.compile(r"\.[^\W_]")
"""A single dot then a letter or digit (``...`` stays action)."""
SCENE_NUMBER_TEXT = re.compile(r"[\w.\-]+")
"""A scene number between ``#``s at the end of a heading: ``#1#``, ``#12A#``, ``#I-1-A#``."""
PEELED_STARTS = frozenset("#=IEie")
"""First characters of lines that may be peeled off a paragraph: sections, synopses, page breaks,
and headings (INT, EXT, EST, I/E in any case)."""
SECTION = re.compile(r"(#+)\s*(.*)")
PAGE_BREAK = re.compile(r"={3,}")
SHOT_NOTE = "shot"
"""The note that ends a forced action line written for a shot: ``!HIS P.O.V. [[shot 3-A]]``."""
SHOT_MARK = re.compile(rf"\[\[{SHOT_NOTE}(?:\s+(?P<number>[^\]\s]+))?\]\]")
TWO_SPACES = "  "
"""A line of exactly two spaces is an empty line inside a paragraph (dialogue, action, notes)."""


READINGS_LINES = 8
"""Paragraphs of up to this many lines are read once per distinct text in one parse."""
READINGS_KEPT = 4096
"""Distinct paragraphs whose reading one parse keeps."""


@dataclass(frozen=True)
class DualRight:
    """What ``read_fragment`` gives for a dialogue whose cue ends with ``^``."""

    dialogue: Dialogue


def parse_fountain(text: str) -> Screenplay:
    """Parse Fountain text into a screenplay (scenes and elements; not yet paginated).

    Args:
        text: the whole file as text; ``\\r\\n`` and ``\\r`` line ends are accepted.

    Returns:
        The screenplay. Every input gives one: unknown or broken markup is read as action.
    """
    with collector_paused():  # see gc_pause.py: the collector's share grew with the size
        return _parse_fountain(text)


def _parse_fountain(text: str) -> Screenplay:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text, line_numbers = remove_boneyard(text)
    lines = text.split("\n")
    title_page, body_start = read_title_page(lines)
    scenes: list[Raw] = []
    elements: list[Raw] | None = None
    readings: dict[tuple[str, ...], list[ReadPiece]] = {}
    for start, block in _paragraphs(lines, body_start):
        if len(block) <= READINGS_LINES:
            # A paragraph reads the same wherever it stands, and scripts repeat short ones (a cue
            # and "Yes.", "CUT TO:", a heading): each is read once. The pieces are plain data that
            # nothing changes, and validation below makes a model of each occurrence.
            key = tuple(block)
            pieces = readings.get(key)
            if pieces is None:
                pieces = _read_paragraph(block)
                if len(readings) < READINGS_KEPT:
                    readings[key] = pieces
        else:
            pieces = [_with_part_models(piece) for piece in _read_paragraph(block)]
        for offset, kind, data in pieces:
            index = start + offset
            line_number = line_numbers[index] if line_numbers else index + 1
            if kind is HEADING:
                elements = []
                scenes.append({"heading": data, "elements": elements, "start_line": line_number})
            elif elements is None:
                elements = [data]
                scenes.append({"elements": elements, "start_line": line_number})
            elif kind is DUAL_RIGHT and elements and elements[-1]["type"] == "dialogue":
                elements[-1] = {"type": "dual_dialogue", "left": elements[-1], "right": data}
            else:
                elements.append(data)
    # Strict: the pieces are built here with exact types, and skipping coercion saves ~40% of the
    # validation (19 -> 11 ms on the 126-page benchmark script).
    return Screenplay.model_validate({"title_page": title_page, "scenes": scenes}, strict=True)


def _with_part_models(piece: ReadPiece) -> ReadPiece:
    """A piece of a long paragraph, a long speech's parts as their models (``part_models``)."""
    offset, kind, data = piece
    if kind is HEADING or data["type"] != "dialogue" or len(data["parts"]) <= PART_MODELS:
        return piece
    return offset, kind, {**data, "parts": part_models(data["parts"])}


PART_MODELS = 16
"""Speeches of more parts than this have their parts made as models by ``part_models``."""
_PART_CLASSES: dict[str, type[DialoguePart]] = {
    cls.model_fields["type"].default: cls for cls in (Speech, Parenthetical, DialogueLyric)
}
_PART_GIVEN = frozenset(("type", "text"))
_new = object.__new__
_set = object.__setattr__


def part_models(parts: list[Raw]) -> list[DialoguePart]:
    """Dialogue parts the reader made (``{"type": ..., "text": ...}``, a str each, a dict of their
    own) as the models validation makes of them: the class by its type, the dict itself as the
    model's values, both fields marked as set, no extra or private values. Validation then takes
    each model as it is. A 10 MB speech holds 1.75 million parts: validating them copied every
    dict (~300 MB more to fault in) at ~0.7 us a part; ``tests/script/test_part_models.py`` checks
    that the models equal validated ones and that the part classes have no validator, private
    attribute or other field that this would miss."""
    return list(map(_part_model, parts))


def _part_model(data: Raw) -> DialoguePart:
    part: DialoguePart = _new(_PART_CLASSES[data["type"]])
    _set(part, "__dict__", data)
    _set(part, "__pydantic_fields_set__", set(_PART_GIVEN))
    _set(part, "__pydantic_extra__", None)
    _set(part, "__pydantic_private__", None)
    return part


_ELEMENT_CLASSES: dict[str, type[BaseModel]] = {
    cls.model_fields["type"].default: cls for cls in get_args(get_args(Element)[0])
}
"""Each element class under its ``type`` tag, as ``Element``'s discriminator picks it: a
``TypeAdapter(Element)`` built its schema once per process, ~1.5 ms, the first time the exporter
checked an element other than a dialogue (a tenth of the whole export of a 10 KB script)."""


def read_fragment(text: str) -> list[SceneHeading | Element | DualRight]:
    """How a piece of body text reads, paragraph by paragraph (the exporter checks its output so).

    Args:
        text: Fountain body text (no title page, no boneyard).

    Returns:
        The pieces in order; a ``DualRight`` is not yet paired with the dialogue before it.
    """
    pieces: list[SceneHeading | Element | DualRight] = []
    for kind, data in read_raw_fragment(text):
        if kind is HEADING:
            pieces.append(SceneHeading.model_validate(data))
        elif kind is DUAL_RIGHT:
            pieces.append(DualRight(Dialogue.model_validate(data)))
        else:
            pieces.append(cast("Element", _element_class(data).model_validate(data)))
    return pieces


def _element_class(data: Raw) -> type[BaseModel]:
    """The model class of an element piece, by its ``type`` tag.

    Raises:
        ValueError: the piece has no ``type`` or one no element class takes (a reader bug, or a
            piece made elsewhere): said as such, not as a bare ``KeyError`` from the lookup.
    """
    kind = data.get("type")
    cls = _ELEMENT_CLASSES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        known = ", ".join(sorted(_ELEMENT_CLASSES))
        raise ValueError(f"unknown Fountain element type {kind!r} (the element types are {known})")
    return cls


def read_raw_fragment(text: str) -> list[tuple[str, Raw]]:
    """``read_fragment`` before validation: each piece's kind and its plain data."""
    return [
        (kind, data)
        for _, block in _paragraphs(text.split("\n"), 0)
        for _, kind, data in _read_paragraph(block)
    ]


def _paragraphs(lines: list[str], start: int) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines with the index of their first line.

    A two-space line belongs to a run only between two other lines of it.
    """
    paragraphs: list[tuple[int, list[str]]] = []
    block: list[str] = []
    block_start = start
    for index in range(start, len(lines)):
        line = lines[index]
        if line.strip() or (line == TWO_SPACES and block):
            if not block:
                block_start = index
            block.append(line)
        elif block:
            if block[-1] == TWO_SPACES:
                _drop_trailing_two_spaces(block)
            paragraphs.append((block_start, block))
            block = []
    if block:
        if block[-1] == TWO_SPACES:
            _drop_trailing_two_spaces(block)
        paragraphs.append((block_start, block))
    return paragraphs


def _drop_trailing_two_spaces(block: list[str]) -> None:
    while block[-1] == TWO_SPACES:
        block.pop()


def _read_paragraph(block: list[str]) -> list[ReadPiece]:
    """Peel outline lines and an upper-case heading off the top; read the rest as one element."""
    first = block[0].strip()
    if first[:1] not in PEELED_STARTS:
        return [_read_element(block, first)]
    pieces: list[ReadPiece] = []
    count = len(block)
    index = 0
    sections: dict[str, Raw] = {}  # an outline repeats its lines; the data is never changed
    while index < count:
        stripped = block[index].strip()
        start = stripped[:1]
        if not stripped:
            pass  # a two-space line after a peeled line: the paragraph goes on below it
        elif start == "#":
            section = sections.get(stripped)
            if section is None:
                hashes, text = SECTION.fullmatch(stripped).groups()  # type: ignore[union-attr]
                section = sections[stripped] = {
                    "type": "section",
                    "text": text,
                    "level": len(hashes),
                }
            pieces.append((index, ELEMENT, section))
        elif start == "=":
            if PAGE_BREAK.fullmatch(stripped):
                pieces.append((index, ELEMENT, {"type": "page_break"}))
            else:
                pieces.append((index, ELEMENT, {"type": "synopsis", "text": stripped[1:].strip()}))
        elif (
            start in PEELED_STARTS
            and SCENE_HEADING.match(stripped)
            and (index == count - 1 or stripped.isupper())
        ):
            pieces.append((index, HEADING, _heading(stripped, forced=False)))
        else:
            break
        index += 1
    if index < count:
        rest = block[index:]
        _, kind, data = _read_element(rest, rest[0].strip())
        pieces.append((index, kind, data))
    return pieces


def _read_element(lines: list[str], first: str) -> ReadPiece:
    """One element from a paragraph's lines (``first`` is the first line, stripped)."""
    start = first[:1]
    if start == "!":
        text = _action_text([lines[0].lstrip()[1:], *lines[1:]])
        if text.endswith("]]"):
            shot = _shot(text)
            if shot is not None:
                return 0, ELEMENT, shot
        return 0, ELEMENT, {"type": "action", "text": text, "forced": True}
    if len(lines) == 1:
        if start == ">":
            centered = _centered(first)
            if centered is not None:
                return 0, ELEMENT, {"type": "centered", "text": centered}
            return 0, ELEMENT, {"type": "transition", "text": first[1:].strip(), "forced": True}
        if start == "." and FORCED_HEADING.match(first):
            return 0, HEADING, _heading(first[1:], forced=True)
        if first.endswith("TO:") and first.isupper():
            return 0, ELEMENT, {"type": "transition", "text": first}
        if start == "~":
            return 0, ELEMENT, {"type": "lyrics", "text": first[1:].strip()}
        if start == "[" and _is_note(first):
            return 0, ELEMENT, {"type": "note", "text": first[2:-2].strip()}
        line = lines[0]
        text = (line.replace("\t", "    ") if "\t" in line else line).rstrip()
        return 0, ELEMENT, {"type": "action", "text": text}
    stripped = [line.strip() for line in lines]
    if start == ">":
        centered_lines = [_centered(line) for line in stripped]
        if all(line is not None for line in centered_lines):
            text = "\n".join(line for line in centered_lines if line is not None)
            return 0, ELEMENT, {"type": "centered", "text": text}
    elif start == "~":
        if all(line.startswith("~") for line in stripped):
            text = "\n".join(line[1:].strip() for line in stripped)
            return 0, ELEMENT, {"type": "lyrics", "text": text}
    elif start == "[":
        note = "\n".join(stripped)
        if _is_note(note):
            return 0, ELEMENT, {"type": "note", "text": note[2:-2].strip()}
    dialogue = read_dialogue(stripped)
    if dialogue is not None:
        return dialogue
    return 0, ELEMENT, {"type": "action", "text": _action_text(lines)}


def _shot(text: str) -> Raw | None:
    """Slate writes a shot (Fountain has no element for it) as forced action with a note:
    ``HIS P.O.V. [[shot 3-A]]``; None when ``text`` does not end so."""
    mark = text.rfind("[[" + SHOT_NOTE)
    match = SHOT_MARK.fullmatch(text, mark) if mark > 0 else None
    if match is None:
        return None
    return {"type": "shot", "text": text[:mark].rstrip(), "number": match["number"]}


def _centered(stripped: str) -> str | None:
    """The text of ``> THE END <`` (a stripped line), or None if the line is not centered.

    By hand, as ``>\\s*(.*?)\\s*<`` backtracked over every run of spaces (quadratic).
    """
    if len(stripped) < 2 or stripped[0] != ">" or stripped[-1] != "<":
        return None
    return stripped[1:-1].strip()


def _is_note(text: str) -> bool:
    """``[[...]]`` and nothing else: no other ``[[`` or ``]]`` inside."""
    return (
        text.startswith("[[")
        and text.endswith("]]")
        and text.find("]]") == len(text) - 2
        and text.find("[[", 1) < 0
    )


def _action_text(lines: list[str]) -> str:
    # The spec keeps indentation in action and turns a tab into four spaces.
    return "\n".join(line.replace("\t", "    ").rstrip() for line in lines)


def _heading(text: str, *, forced: bool) -> Raw:
    text = text.strip()
    heading: Raw = {"forced": forced}
    if text.endswith("#"):
        # The number cannot hold a "#", so it lies between the last two: found with rfind, as
        # searching for " #...#$" from every position was quadratic on a long heading.
        opener = text.rfind("#", 0, len(text) - 1)
        if opener >= 0 and SCENE_NUMBER_TEXT.fullmatch(text, opener + 1, len(text) - 1):
            heading["scene_number"] = text[opener + 1 : -1]
            text = text[:opener].rstrip()
    parts = split_heading(text)
    tail = parts.tail
    if parts.number is not None and "scene_number" not in heading:
        # "INT. HOTEL - DAY - M.S. 39": the number after the last part is the scene's.
        heading["scene_number"] = parts.number
        if tail.number == parts.number:
            text = text[: text.rindex(tail.number)].rstrip()
    heading["text"] = text
    heading["location"] = tail.location
    if parts.int_ext is not None:
        heading["int_ext"] = parts.int_ext
    if tail.time_of_day is not None:
        heading["time_of_day"] = tail.time_of_day
    if tail.shot is not None:
        heading["shot"] = tail.shot
    if tail.tags:
        heading["tags"] = tail.tags
    return heading


class FountainImporter:
    """Reads ``.fountain`` files (and Fountain in ``.txt`` / ``.spmd``)."""

    name = "fountain"
    suffixes: tuple[str, ...] = (".fountain", ".spmd", ".txt")

    def read(self, data: bytes) -> Screenplay:
        """Decode and parse Fountain bytes.

        Raises:
            ScriptReadError: the bytes are binary or not decodable text.
        """
        from assistant.script.reading import decode_text  # reading imports the format registry

        decoded = decode_text(data)
        screenplay = parse_fountain(decoded.text)
        screenplay.source = SourceInfo(format=self.name, encoding=decoded.encoding)
        return screenplay
