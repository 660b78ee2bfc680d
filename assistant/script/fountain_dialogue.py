"""Fountain character cues and the dialogue under them, as the plain pieces the reader builds.

Split from ``fountain.py`` (which reads paragraphs and everything else): a paragraph whose first
line reads as a cue is dialogue; ``read_dialogue`` gives its parts (speech, parentheticals,
lyrics). The exporter calls it too, to check how a dialogue it writes will be read back.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from assistant.script.heading_parts import split_cue

MULTILINE_PARENTHETICAL_LINES = 4
"""A parenthetical opened on one line must close within this many lines, or it is speech."""
NOT_A_CUE = ("!", "#", "=", "~", ">", ".", "[[")
"""Starts of lines that mark other elements, so an upper-case line starting so is not a cue."""
Raw = dict[str, Any]
"""A heading or element as the plain data the model validates."""
HEADING, ELEMENT, DUAL_RIGHT = "heading", "element", "dual_right"
"""What a piece is: a heading (starts a scene), an element, or a dialogue whose cue ends with
``^`` (the right half of dual dialogue with the dialogue before it)."""
ReadPiece = tuple[int, str, Raw]
"""A piece: its 0-based line inside its paragraph, its kind and its data."""


def read_cue(line: str) -> tuple[Raw, bool] | None:
    """A character cue as the reader keeps it and whether it ends with ``^``; None if the line is
    not a cue."""
    return _read_cue(line)


def _read_cue(line: str) -> tuple[Raw, bool] | None:
    """A character cue and whether it ends with ``^``, or None if the line is not a cue."""
    reading = _cue_reading(line) if len(line) <= CACHED_CUE_LENGTH else _read_cue_line(line)
    if reading is None:
        return None
    name, extensions, forced, dual = reading
    cue: Raw = {"name": name}
    if extensions is not None:
        cue["extensions"] = list(extensions)  # a list of its own: the model's, never shared
    if forced:
        cue["forced"] = True
    return cue, dual


CACHED_CUE_LENGTH = 200
"""Lines up to this long have their cue reading kept (a script repeats ~100 cues ~1,000 times);
a hostile line of a million extensions is read again rather than kept."""
_CueReading = tuple[str, tuple[str, ...] | None, bool, bool]
"""Name, extensions (None when the cue has no parentheses at its end), forced, dual."""


def _read_cue_line(line: str) -> _CueReading | None:
    forced = line[:1] == "@"
    body = line[1:].strip() if forced else line
    if not forced and body.startswith(NOT_A_CUE):
        return None
    dual = False
    while body.endswith("^"):
        body, dual = body[:-1].rstrip(), True
    if not forced and (body.endswith(":") or not body.partition("(")[0].isupper()):
        return None
    if not forced and "(" in body and not _upper_or_empty(body.rpartition(")")[2]):
        return None  # "MARA, 40 (or so), a sculptor,": words after the extension are action
    if body.endswith(")"):
        name, extensions = split_cue(body)
        return name, tuple(extensions), forced, dual
    return body, None, forced, dual


_cue_reading = lru_cache(maxsize=4096)(_read_cue_line)


def _upper_or_empty(text: str) -> bool:
    return text.isupper() or not any(c.isalpha() for c in text)


def read_dialogue(stripped: list[str]) -> ReadPiece | None:
    """Dialogue from a paragraph's stripped lines, or None if the first line is not a cue."""
    cue = _read_cue(stripped[0])
    if cue is None:
        return None
    kind = DUAL_RIGHT if cue[1] else ELEMENT
    text = "\n".join(stripped[1:])
    if text[:1] not in "(~" and "\n(" not in text and "\n~" not in text:
        # Most speeches are plain lines: one part, no parenthetical or lyric to look for.
        parts = [{"type": "speech", "text": text}]
        return 0, kind, {"type": "dialogue", "cue": cue[0], "parts": parts}
    body = stripped[1:]
    types = one_part_per_line(body) if len(body) > ONE_PART_LINES else None
    if types is not None:
        # A long speech of a part per line (speech and one-line parentheticals in turn): its
        # parts built at once, without the loop's steps per line.
        parts = [{"type": type_, "text": line} for type_, line in zip(types, body, strict=True)]
        return 0, kind, {"type": "dialogue", "cue": cue[0], "parts": parts}
    return 0, kind, {"type": "dialogue", "cue": cue[0], "parts": _dialogue_parts(stripped)}


def _dialogue_parts(stripped: list[str]) -> list[Raw]:
    """Speeches, parentheticals and lyrics of the lines after a cue."""
    # Runs once per long speech on import and again in the export's check: a one-line
    # parenthetical, the usual kind, is found without a call (a line each of a 1 MB speech).
    parts: list[Raw] = []
    lines: list[str] = []
    lines_type = "speech"
    index, count = 1, len(stripped)
    while index < count:
        line = stripped[index]
        first = line[:1]
        if first == "(":
            end = index if line.endswith(")") else _parenthetical_end(stripped, index)
            if end is not None:
                if lines:
                    parts.append({"type": lines_type, "text": "\n".join(lines)})
                    lines = []
                text = line if end == index else "\n".join(stripped[index : end + 1])
                parts.append({"type": "parenthetical", "text": text})
                index = end + 1
                continue
            line_type = "speech"
        elif first == "~":
            line_type = "lyric"
            line = line[1:].strip()
        else:
            line_type = "speech"
        if lines and line_type != lines_type:
            parts.append({"type": lines_type, "text": "\n".join(lines)})
            lines = []
        lines.append(line)
        lines_type = line_type
        index += 1
    if lines:
        parts.append({"type": lines_type, "text": "\n".join(lines)})
    return parts


ONE_PART_LINES = 16
"""Speeches of more lines than this are tried with ``one_part_per_line`` first (by the reader and
the export's check)."""


def one_part_per_line(body: list[str]) -> list[str] | None:
    """The part types ``_dialogue_parts`` gives the stripped lines after a cue, ``body``, when
    each line is read as a part of its own with that line as its text; None when that is not so.

    It is so when no line is a lyric (``~``), every line opening a parenthetical closes it on that
    line (``(quietly)``), and no two other lines follow each other (they would be one speech):
    the loop of ``_dialogue_parts`` then makes each ``(`` line a parenthetical and each other line
    a speech, in order. Found by C-level scans of the lines joined, then one comprehension,
    without the loop's steps and dicts per line (the reader asks it of every long speech, the
    Fountain export of every long speech it writes).
    """
    joined = "\n".join(body)
    if joined[:1] == "~" or "\n~" in joined:
        return None  # a lyric
    if _SPEECH_AFTER_SPEECH.search(joined) or _OPEN_PARENTHETICAL.search(joined):
        return None
    return ["parenthetical" if line[:1] == "(" else "speech" for line in body]


_SPEECH_AFTER_SPEECH = re.compile(r"^(?!\()[^\n]*\n(?!\()", re.MULTILINE)
"""A line not opening a parenthetical (an empty one too) followed by another: one speech part.
Linear: tried at line starts only, each tried over its own line."""
_OPEN_PARENTHETICAL = re.compile(r"^\([^\n]*(?<!\))$", re.MULTILINE)
"""A line opening a parenthetical that it does not close (``(`` alone, ``(a``)."""


def _parenthetical_end(stripped: list[str], start: int) -> int | None:
    """Index of the line closing the parenthetical opened at ``start``, or None if it is speech."""
    if stripped[start].endswith(")"):
        return start
    last = min(len(stripped), start + MULTILINE_PARENTHETICAL_LINES)
    for index in range(start + 1, last):
        line = stripped[index]
        if not line or "(" in line:
            return None
        if line.endswith(")"):
            return index
    return None
