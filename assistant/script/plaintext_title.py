"""Title pages of plain-text scripts: the centred block with the title, the credit and the authors.

A converted title page is a handful of centred lines (``MOON`` / ``Written by`` / ``Nathan Parker``,
a draft date at the right) before the first heading, ``FADE IN:`` or paragraph of action. It is
recognised by its credit line (``by``, ``Written by``, ``Screenplay by``...) near the top. Its lines
become ``TitleField`` entries (Title, Credit, Author, Source, Draft date, Notes) instead of action.
"""

from __future__ import annotations

import re

from assistant.script.model import TitleField
from assistant.script.plaintext_headings import HeadingMatch
from assistant.script.plaintext_layout import is_transition
from assistant.script.plaintext_lines import Line

TITLE_SEARCH_LINES = 40
"""The credit line must be among the first 40 non-blank lines (web pages put some junk first)."""

CENTRED = 8
"""A credit line indented this far past the action column belongs to a centred title page."""

BODY_LINE = 45
"""A line this long is action or a note, not a title-page line (those are short and centred)."""

_CREDIT = re.compile(
    r"^(?:(?:an?\s+)?(?:original\s+)?(?:screenplay|written|story|teleplay|script|adaptation|"
    r"(?:current\s+)?revisions?|screenplay\s*/\s*revisions)(?:\s+\w+)?\s+)?by\s*:?$",
    re.IGNORECASE,
)
_CREDIT_INLINE = re.compile(r"^(?:written|screenplay|story)\s+by\s+(?P<who>.+)$", re.IGNORECASE)
_CREDIT_WORD = re.compile(r"^(?:screenplay|an original screenplay|teleplay|story)$", re.IGNORECASE)
_SOURCE = re.compile(r"^based\s+(?:on|upon)\b", re.IGNORECASE)
_DATE = re.compile(
    r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.?,?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s*)?\d{4}|draft)\b",
    re.IGNORECASE,
)


def extract_title_page(
    lines: list[Line], headings: dict[int, HeadingMatch], action_column: int
) -> tuple[list[TitleField], int]:
    """Find the title page at the top of the script.

    Args:
        lines: the prepared lines.
        headings: the scene headings found (the title page ends before the first one).
        action_column: the inferred action column; a centred title page sits right of it, so the
            first line back at the action column starts the script.

    Returns:
        The title-page fields in order, and the index of the first line after the title page (0 and
        no fields when the script has no recognisable title page).
    """
    content = [i for i, ln in enumerate(lines) if ln.is_content][:TITLE_SEARCH_LINES]
    first_heading = min(headings, default=len(lines))
    credit_at = next(
        (
            i
            for i in content
            if i < first_heading
            and (_CREDIT.match(lines[i].text) or _CREDIT_INLINE.match(lines[i].text))
        ),
        None,
    )
    if credit_at is None:
        return [], 0
    start = _title_start(lines, content, credit_at)
    if start is None:
        return [], 0
    centred = lines[credit_at].indent > action_column + CENTRED
    end = _body_start(lines, credit_at, first_heading, action_column if centred else None)
    return _fields([lines[i] for i in range(start, end) if lines[i].is_content]), end


def _title_start(lines: list[Line], content: list[int], credit_at: int) -> int | None:
    """Index of the title: the nearest line above the credit that is not a credit word itself."""
    above = [i for i in content if i < credit_at]
    for i in reversed(above):
        text = lines[i].text
        if _CREDIT_WORD.match(text):
            continue
        return i if len(text) < BODY_LINE else None
    inline = _CREDIT_INLINE.match(lines[credit_at].text)
    return credit_at if inline else None


def _body_start(
    lines: list[Line], credit_at: int, first_heading: int, action_column: int | None
) -> int:
    end = min(first_heading, len(lines))
    if action_column is None:
        return _after_credits(lines, credit_at, end)
    for i in range(credit_at + 1, end):
        ln = lines[i]
        if not ln.is_content:
            continue
        at_margin = action_column is not None and ln.indent <= action_column + 2
        if len(ln.text) >= BODY_LINE or is_transition(ln.text) or at_margin:
            return i
    return min(first_heading, len(lines))


def _after_credits(lines: list[Line], credit_at: int, end: int) -> int:
    """For a title page at the margin: the names under the credit, then any further credit, source
    or date paragraphs; the first other paragraph starts the script."""
    i = credit_at + 1
    first = True
    while i < end:
        while i < end and not lines[i].is_content:
            i += 1
        if i >= end or not (first or _is_label(lines[i].text)):
            return i
        while i < end and lines[i].is_content:
            i += 1
        first = False
    return end


def _fields(block: list[Line]) -> list[TitleField]:
    fields: list[TitleField] = [TitleField(key="Title", value=block[0].text.strip('"'))]
    credit: list[str] = []
    notes: list[str] = []
    k = 1
    inline = _CREDIT_INLINE.match(block[0].text)
    if inline:
        fields = [TitleField(key="Credit", value=block[0].text[: inline.start("who")].strip())]
        fields.append(TitleField(key="Author", value=inline.group("who").strip()))
    while k < len(block):
        text = block[k].text
        k += 1
        if _CREDIT_WORD.match(text):
            credit.append(text)
        elif _CREDIT.match(text) or _SOURCE.match(text):
            key = "Source" if _SOURCE.match(text) else "Credit"
            names: list[str] = []
            while k < len(block) and not _is_label(block[k].text):
                names.append(block[k].text)
                k += 1
            label = " ".join([*credit, text]) if key == "Credit" else text
            credit = []
            if key == "Credit":
                fields.append(TitleField(key="Credit", value=label))
                fields.append(TitleField(key="Author", value="\n".join(names)))
            else:
                fields.append(TitleField(key="Source", value="\n".join([label, *names])))
        elif _DATE.search(text):
            fields.append(TitleField(key="Draft date", value=text))
        else:
            notes.append(text)
    if notes:
        fields.append(TitleField(key="Notes", value="\n".join(notes)))
    return fields


def _is_label(text: str) -> bool:
    return bool(
        _CREDIT.match(text) or _SOURCE.match(text) or _CREDIT_WORD.match(text) or _DATE.search(text)
    )
