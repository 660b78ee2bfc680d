"""Fountain's title page: ``Key: value`` lines (values may go on over indented lines) at the top.

The title page is the file's first paragraph, and only when it starts on the first line.
"""

from __future__ import annotations

import re

from assistant.script.model import TitleField

TITLE_KEY = re.compile(r"([^\s:][^:]*):(.*)")
"""``Draft date: 1 May``: a title page key starts the line and ends at the first colon."""
KNOWN_TITLE_KEYS = frozenset(
    ("title", "credit", "author", "authors", "source", "draft date", "date", "contact",
     "copyright", "notes", "revision", "written by", "episode", "based on")
)  # fmt: skip
"""Keys a one-line title page must use: ``Mara stops: the door is open.`` is action, and
``FADE IN:`` (no value) is not a title page."""


def title_fields(block: list[str]) -> list[TitleField] | None:
    """The title page held by the first paragraph of a file, or None if it is not one.

    Args:
        block: the lines of the file's first paragraph.

    Returns:
        The fields in order, or None when a line is neither ``Key: value`` nor an indented value.
    """
    pairs = title_pairs(block)
    return None if pairs is None else [TitleField(key=key, value=value) for key, value in pairs]


def title_pairs(block: list[str]) -> list[tuple[str, str]] | None:
    """``title_fields`` as (key, value) pairs, no models (the exporter compares them)."""
    fields: list[tuple[str, str]] = []
    key: str | None = None
    values: list[str] = []
    read_lines = 0
    readings: dict[str, _LineReading] = {}  # a title page may repeat its lines
    for line in block:
        reading = readings.get(line)
        if reading is None:
            reading = readings[line] = _read_title_line(line)
        if reading is _NOTE:
            continue  # a note on the title page: the model has no place for it
        read_lines += 1
        if reading is _NOT_TITLE:
            return None
        if len(reading) == 1:  # an indented value line
            if key is None:
                return None
            values.append(reading[0])
            continue
        if key is not None:
            fields.append((key, "\n".join(values)))
        key, value = reading
        values = [value] if value else []
    if key is None:
        return None
    fields.append((key, "\n".join(values)))
    if read_lines == 1 and (not fields[0][1] or fields[0][0].lower() not in KNOWN_TITLE_KEYS):
        return None
    return fields


_LineReading = tuple[str, ...]
"""One title page line: ``_NOTE``, ``_NOT_TITLE``, (value,) for an indented value line, or (key,
value) for a ``Key: value`` line."""
_NOTE: _LineReading = ("note", "", "")
_NOT_TITLE: _LineReading = ("not", "", "")


def _read_title_line(line: str) -> _LineReading:
    if _is_note(line):
        return _NOTE
    if line[:1].isspace():
        return (line.strip(),)
    match = TITLE_KEY.fullmatch(line)
    if match is None:
        return _NOT_TITLE
    return match.group(1).strip(), match.group(2).strip()


def _is_note(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("[[") and stripped.endswith("]]")


def read_title_page(lines: list[str]) -> tuple[list[TitleField], int]:
    """The title page at the top of a file's lines and the index of the first body line.

    Args:
        lines: the file's lines.

    Returns:
        The fields (empty when the file has no title page) and where the body starts.
    """
    if not lines or not may_start_title_page(lines[0]):
        return [], 0  # what title_fields says at the first line, without finding the paragraph end
    end = 1
    while end < len(lines) and lines[end].strip():
        end += 1
    fields = title_fields(lines[:end])
    return (fields, end) if fields is not None else ([], 0)


def may_start_title_page(first: str) -> bool:
    """Whether a file whose first line is ``first`` may have a title page: False means it has
    none (``read_title_page`` looks no further), so a caller holding the text whole need not cut
    it into lines to ask."""
    if not first.strip():
        return False
    return not (first[:1].isspace() or TITLE_KEY.fullmatch(first) is None) or _is_note(first)
