"""The screenplay model back to Fountain text.

Each element is written in its plain form when ``read_fragment`` reads that form back as the same
element, and forced (``.``, ``!``, ``@``, ``>``) otherwise, so ``parse_fountain(to_fountain(s))``
gives ``s`` back for any ``s`` the parser produced. A shot, which Fountain has no element for, is
forced action ending in a ``[[shot 3-A]]`` note (``_shot``). Elements are separated by one blank
line; an empty line inside a paragraph is written as two spaces, as the spec asks.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, cast

from assistant.script.fountain import (
    PEELED_STARTS,
    SHOT_NOTE,
    TWO_SPACES,
    read_fragment,
    read_raw_fragment,
)
from assistant.script.fountain_dialogue import (
    ELEMENT,
    ONE_PART_LINES,
    one_part_per_line,
    read_cue,
    read_dialogue,
)
from assistant.script.fountain_title import may_start_title_page, read_title_page, title_pairs
from assistant.script.gc_pause import collector_paused
from assistant.script.model import (
    Action,
    Centered,
    Dialogue,
    DialogueLyric,
    DialoguePart,
    DualDialogue,
    Element,
    Lyrics,
    Note,
    PageBreak,
    Parenthetical,
    SceneHeading,
    Screenplay,
    Section,
    Shot,
    Speech,
    Synopsis,
    TitleField,
    Transition,
)

TITLE_VALUE_INDENT = "    "
BYTE_ORDER_MARK = "\ufeff"


def to_fountain(screenplay: Screenplay) -> str:
    """Write a screenplay as Fountain text.

    Args:
        screenplay: any screenplay; one read from Fountain comes back unchanged when re-read.

    Returns:
        The text, ending with a newline.
    """
    with collector_paused():  # the round-trip check builds models per element: see gc_pause
        return _to_fountain(screenplay)


MEMO_LIMIT = 4096
"""Distinct headings and elements whose Fountain text one export keeps. A paragraph's text is a
function of its fields alone, and a script repeats its headings, transitions and short lines
(``CUT TO:``, ``MARA`` / ``Yes.``): each is written and read back once instead of every time
(1 MB of short cues: 1.2 -> ~0.2 s/MB). The bound keeps the memo small on a script that
repeats nothing."""


def _to_fountain(screenplay: Screenplay) -> str:
    paragraphs: list[str] = []
    memo: dict[tuple[object, ...], str] = {}
    for scene in screenplay.scenes:
        heading = scene.heading
        if heading is not None:
            heading_key = (SceneHeading, heading.text, heading.scene_number, heading.forced)
            text = memo.get(heading_key)
            if text is None:
                text = _heading(heading)
                if len(memo) < MEMO_LIMIT:
                    memo[heading_key] = text
            paragraphs.append(text)
        for element in scene.elements:
            key = _element_key(element)
            text = memo.get(key) if key is not None else None
            if text is None:
                text = _element(element)
                if key is not None and len(memo) < MEMO_LIMIT:
                    memo[key] = text
            paragraphs.append(text)
    body = "\n\n".join(paragraphs)
    if screenplay.title_page:
        return "\n".join(_title_page(screenplay.title_page)) + "\n\n" + body + "\n"
    first_end = body.find("\n")
    first_line = body if first_end < 0 else body[:first_end]
    if body.startswith(BYTE_ORDER_MARK) or (
        # The body cut into lines only when its first line may start a title page (a 10 MB
        # speech is 3.5 million lines).
        may_start_title_page(first_line) and read_title_page(body.split("\n"))[0]
    ):
        # A title page must start on the first line, and a byte order mark is dropped there, so
        # a blank line keeps this paragraph as it is.
        return "\n" + body + "\n"
    return body + "\n"


class FountainExporter:
    name = "fountain"
    suffix = ".fountain"

    def write(self, screenplay: Screenplay) -> bytes:
        """The screenplay as UTF-8 Fountain."""
        return to_fountain(screenplay).encode("utf-8")


def _title_page(fields: list[TitleField]) -> list[str]:
    lines = _title_lines(fields, inline=True)
    # One "Key: value" line alone reads as a title page only for a known key with a value.
    read = title_pairs(lines)
    if read is not None and read == [(field.key, field.value) for field in fields]:
        return lines
    return _title_lines(fields, inline=False)


def _title_lines(fields: list[TitleField], *, inline: bool) -> list[str]:
    lines: list[str] = []
    for field in fields:
        values = field.value.split("\n")
        if inline and len(values) == 1:
            lines.append(f"{field.key}: {values[0]}".rstrip())
        else:
            lines.append(f"{field.key}:")
            lines.extend(TITLE_VALUE_INDENT + value for value in values)
    return lines


def _reads_as(text: str, piece: SceneHeading | Element) -> bool:
    return read_fragment(text) == [piece]


def dialogue_reads_as(text: str, dialogue: Dialogue) -> bool:
    """``_reads_as(text, dialogue)`` without building models: the parser's data compared with the
    dialogue's fields, defaults filled in as validation fills them. Dialogue is most of a script's
    elements; validating and comparing models was 45% of the export (a property test checks that
    both answers agree).
    """
    return _dialogue_lines_read_as(text.split("\n"), dialogue)


_NOT_DIALOGUE_STARTS = PEELED_STARTS | {"!", ">", "~", "[", ""}
"""First characters of a paragraph that ``read_raw_fragment`` looks at before it tries dialogue."""


def _dialogue_lines_read_as(lines: list[str], dialogue: Dialogue) -> bool:
    stripped = list(map(str.strip, lines))
    if len(lines) > 1 and stripped[0][:1] not in _NOT_DIALOGUE_STARTS and all(stripped):
        # One paragraph (no blank line) that is neither peeled nor forced, centered, lyrics or a
        # note: ``read_raw_fragment`` reads it with ``read_dialogue`` alone, so ask that directly.
        if len(stripped) > ONE_PART_LINES:
            read = _long_dialogue_read_as(stripped, dialogue)
            if read is not None:
                return read
        piece = read_dialogue(stripped)
        if piece is None or piece[1] != ELEMENT:
            return False
        data = piece[2]
    else:
        pieces = read_raw_fragment("\n".join(lines))
        if len(pieces) != 1 or pieces[0][0] != ELEMENT or pieces[0][1]["type"] != "dialogue":
            return False
        data = pieces[0][1]
    cue, read_cue = dialogue.cue, data["cue"]
    if (read_cue["name"], read_cue.get("extensions", []), read_cue.get("forced", False)) != (
        cue.name,
        cue.extensions,
        cue.forced,
    ):
        return False
    parts, read_parts = dialogue.parts, data["parts"]
    # Lists compared at once, faster than a generator's step per part of a long speech; lists of
    # the fields themselves, not of pairs (pairs of a 10 MB speech's 1.7 million parts: 220 MB).
    return (
        len(parts) == len(read_parts)
        and list(map(_TYPE, parts)) == [read["type"] for read in read_parts]
        and list(map(_TEXT, parts)) == [read["text"] for read in read_parts]
    )


def _long_dialogue_read_as(stripped: list[str], dialogue: Dialogue) -> bool | None:
    """``_dialogue_lines_read_as`` of a paragraph that ``read_dialogue`` alone reads, when its
    lines after the cue are each a part of their own (``one_part_per_line``): the cue read and
    compared, then the parts' types and texts compared with the lines, without the parser's
    loop and dicts per line. None when the lines are not so (the caller reads them)."""
    types = one_part_per_line(stripped[1:])
    if types is None:
        return None
    cue_read = read_cue(stripped[0])
    if cue_read is None or cue_read[1]:
        return False  # not dialogue, or the right half of a dual dialogue
    read_cue_data, cue = cue_read[0], dialogue.cue
    if (
        read_cue_data["name"],
        read_cue_data.get("extensions", []),
        read_cue_data.get("forced", False),
    ) != (cue.name, cue.extensions, cue.forced):
        return False
    parts = dialogue.parts
    return (
        len(parts) == len(types)
        and list(map(_TYPE, parts)) == types
        and list(map(_TEXT, parts)) == stripped[1:]
    )


_TYPE, _TEXT = attrgetter("type"), attrgetter("text")


def _lines(text: str) -> list[str]:
    """Lines of a paragraph, empty ones as two spaces so they do not end it."""
    return [line if line.strip() else TWO_SPACES for line in text.split("\n")]


def _heading(heading: SceneHeading) -> str:
    number = f" #{heading.scene_number}#" if heading.scene_number else ""
    plain = heading.text + number
    if not heading.forced:
        # int_ext, location and time_of_day are read from the text, so only these must match.
        read = read_fragment(plain)
        if (
            len(read) == 1
            and isinstance(read[0], SceneHeading)
            and (read[0].text, read[0].scene_number) == (heading.text, heading.scene_number)
        ):
            return plain
    return "." + plain


_SHORT_PARTS = 8
"""Dialogues with more parts than this are not memoised: a long speech is not repeated, and its
key would cost as much as a look-up saves."""


def _element_key(element: Element) -> tuple[object, ...] | None:
    """What an element's Fountain text depends on (its type and fields), or None to not memoise.

    The type is part of the key: an action and a transition of the same text are written apart.
    """
    return _KEYS[type(element)](element)


def _dual_key(dual: DualDialogue) -> tuple[object, ...] | None:
    left, right = _dialogue_key(dual.left), _dialogue_key(dual.right)
    return None if left is None or right is None else (DualDialogue, left, right)


def _dialogue_key(dialogue: Dialogue) -> tuple[object, ...] | None:
    parts = dialogue.parts
    if len(parts) > _SHORT_PARTS:
        return None
    cue = dialogue.cue
    if len(parts) == 1:  # as page_layout.dialogue_key: a class here, a pair for more parts
        part = parts[0]
        return (Dialogue, cue.name, tuple(cue.extensions), cue.forced, type(part), part.text)
    return (
        Dialogue,
        cue.name,
        tuple(cue.extensions),
        cue.forced,
        *[(type(part), part.text) for part in parts],
    )


_KEYS: dict[type, Callable[[Any], tuple[object, ...] | None]] = {
    Dialogue: _dialogue_key,
    DualDialogue: _dual_key,
    Action: lambda action: (Action, action.text, action.forced),
    Transition: lambda transition: (Transition, transition.text, transition.forced),
    Section: lambda section: (Section, section.text, section.level),
    Shot: lambda shot: (Shot, shot.text, shot.number),
    Centered: lambda centered: (Centered, centered.text),
    Lyrics: lambda lyrics: (Lyrics, lyrics.text),
    Synopsis: lambda synopsis: (Synopsis, synopsis.text),
    Note: lambda note: (Note, note.text),
    PageBreak: lambda _: (PageBreak,),
}
"""Per element type, the fields its Fountain text depends on (``_element`` reads no others)."""


def _element(element: Element) -> str:
    if type(element) is Dialogue:
        return _dialogue(element)
    if type(element) is DualDialogue:
        return _dialogue(element.left) + "\n\n" + _dialogue(element.right, dual=True)
    if type(element) is Action:
        plain = "\n".join(_lines(element.text))
        if not element.forced and _reads_as(plain, element):
            return plain
        return "!" + plain
    if type(element) is Transition:
        if not element.forced and _reads_as(element.text, element):
            return element.text
        return f"> {element.text}"
    if type(element) is Shot:
        return _shot(element)
    if type(element) is Centered:
        return "\n".join(f"> {line} <" for line in element.text.split("\n"))
    if type(element) is Lyrics:
        return "\n".join(f"~{line}" for line in element.text.split("\n"))
    if type(element) is PageBreak:
        return "==="
    if type(element) is Section:
        return f"{'#' * max(element.level, 1)} {element.text}"
    if type(element) is Synopsis:
        return f"= {element.text}"
    # Exact classes are compared above (an isinstance test of a model is 3x slower), which mypy
    # cannot narrow from: what is left of Element is a note.
    return _note(cast(Note, element))


def _shot(shot: Shot) -> str:
    """A shot as forced action ending in a note that names it: ``!HIS P.O.V. [[shot 3-A]]``.

    Fountain has no shot element; a shot written as a forced heading would start a scene. Forced
    action prints the shot's words in any Fountain app, the note (never printed) keeps the type
    and number, and ``parse_fountain`` reads the pair back as the shot.
    """
    number = f" {shot.number}" if shot.number else ""
    return f"!{chr(10).join(_lines(shot.text))} [[{SHOT_NOTE}{number}]]"


def _note(note: Note) -> str:
    inner = "\n".join(_lines(note.text))
    plain = f"[[{inner}]]"
    # [[ [a ]] reads as the note "[a", but [[[a]] does not read as a note at all.
    return plain if _reads_as(plain, note) else f"[[ {inner} ]]"


def _dialogue(dialogue: Dialogue, *, dual: bool = False) -> str:
    cue = dialogue.cue
    cue_line = cue.name + "".join(f" ({extension})" for extension in cue.extensions)
    lines: list[str] = [cue_line]
    parts = dialogue.parts
    one_line = _one_line_texts(parts) if len(parts) > ONE_PART_LINES else None
    if one_line is not None:
        lines += one_line
        parts = []  # written: the loop below has nothing left to do
    for part in parts:
        text = part.text
        if type(part) is Speech:
            if "\n" in text:
                lines.extend(_lines(text))
            else:  # one line, as most are: _lines without the split (a long speech has many)
                lines.append(text if text.strip() else TWO_SPACES)
        elif type(part) is Parenthetical:
            if "\n" in text:
                lines.extend(text.split("\n"))
            else:
                lines.append(text)
        elif type(part) is DialogueLyric:
            lines.extend(f"~{line}" for line in part.text.split("\n"))
    if len(lines) == 1:
        lines.append("")  # the cue's line break: an empty speech
    if cue.forced or not _dialogue_lines_read_as(lines, dialogue):
        lines[0] = "@" + cue_line
    if dual:
        lines[0] += " ^"
    return "\n".join(lines)


def _one_line_texts(parts: list[DialoguePart]) -> list[str] | None:
    """The lines ``_dialogue``'s loop writes for a long speech's parts when every part is a
    speech or a parenthetical of one line, no speech blank: the texts as they are. None when some
    part is not so (the loop writes them). Found by ``map`` over C methods, without the loop's
    steps per part (a 1 MB speech has 350,000 parts)."""
    if not set(map(type, parts)) <= _ONE_LINE_CLASSES:
        return None  # a lyric, or a class the loop does not write
    texts = list(map(_TEXT, parts))
    if "\n" in "".join(texts) or not all(map(str.strip, texts)):
        return None  # a part over several lines, or a blank one (a speech's is two spaces)
    return texts


_ONE_LINE_CLASSES = frozenset((Speech, Parenthetical))
