"""A PDF's first page read as a title page, when it is one.

Screenwriting programs print the title page as its own page: a few centred lines (the title, a
credit such as ``Written by``, the authors, a source) and contact or draft lines in the lower
corners, with no heading, transition or speech. Knowing the page boundaries, the PDF importer can
tell that page apart with no credit line needed (the plain-text reader, which sees no pages, looks
for one), read it into ``TitleField`` entries, and start the script on the next page.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from assistant.script.model import TitleField
from assistant.script.pdf.words import SAME_LINE, PageWords, Word

MAX_ROWS = 30
"""A title page has a handful of lines; a page of script has 40-55."""
CENTRE_TOLERANCE = 72.0
"""A line whose middle is within an inch of the page's middle is centred."""
LONG_LINE = 45
"""Characters from which a line is a line of action (a title page's lines are short)."""
BODY_LINE_GAP = 1.5
"""Lines at most 1.5 line heights apart belong to one paragraph."""
CUE_COLUMN = (3.3 * 72, 4.5 * 72)
SPEECH_COLUMN = (2.2 * 72, 3.0 * 72)
"""Where a character cue and its speech start, in points from the left edge (US Letter)."""
SEGMENT_GAP = 36.0
"""Words half an inch apart on one line are separate pieces of the page."""
BLOCK_GAP = 1.6
"""Rows further apart than 1.6 lines start a new block (the title, the authors...)."""

_SCRIPT_LINE = re.compile(
    r"^(?:\d+[A-Z]?\s+)?(?:INT|EXT|EST|I/E|INT\./EXT|EXT\./INT)[.\s/]|^FADE IN|TO:$", re.I
)
"""What only a script page has: a heading (perhaps numbered), ``FADE IN``, a transition."""
_CREDIT = re.compile(
    r"^(?:(?:an?\s+)?(?:original\s+)?(?:screenplay|written|story|teleplay|script|"
    r"(?:current\s+)?revisions?)(?:\s+\w+)?\s+)?by:?$",
    re.I,
)
_SOURCE = re.compile(r"^based\s+(?:on|upon)\b", re.I)
_DATE = re.compile(r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}|draft)\b", re.I)


def title_page_fields(pages: list[PageWords]) -> list[TitleField] | None:
    """The first page as title-page fields, or None when it is not a title page.

    It is one when the PDF has another page with text after it, it has at most ``MAX_ROWS``
    lines, at least one centred, none that only a script page has (a heading, ``FADE IN``, a
    transition), and no two that read as script (a paragraph of action, a cue over a speech).
    """
    if len(pages) < 2 or not pages[0].words or not any(page.words for page in pages[1:]):
        return None
    first = pages[0]
    rows = _rows(first.words)
    line = max(1.0, min(w.bottom - w.top for w in first.words))  # a title may be in a larger size
    if len(rows) > MAX_ROWS or any(_SCRIPT_LINE.search(row.text) for row in rows):
        return None
    if _has_script_body(rows, line):
        return None
    middle = first.width / 2
    centred = [abs(row.centre - middle) <= CENTRE_TOLERANCE for row in rows]
    if not any(centred):
        return None
    fields: list[TitleField] = []
    key: str | None = None
    previous_top: float | None = None
    for (top, _, text, centre), is_centred in zip(rows, centred, strict=True):
        new_block = previous_top is None or top - previous_top > BLOCK_GAP * line
        previous_top = top
        if is_centred:
            if _CREDIT.match(text):
                fields.append(TitleField(key="Credit", value=text))
                key = "Author"
                continue
            if _SOURCE.match(text):
                key = "Source"
            elif new_block or key is None:
                key = _next_block_key(fields)
        else:
            key = (
                "Contact" if centre < middle else ("Draft date" if _DATE.search(text) else "Notes")
            )
        _append(fields, key, text, join=not new_block)
    return fields or None


def _next_block_key(fields: list[TitleField]) -> str:
    """A new centred block is the title, then the authors (credit or not), then notes."""
    keys = {field.key for field in fields}
    if "Title" not in keys:
        return "Title"
    return "Author" if "Author" not in keys else "Notes"


def _append(fields: list[TitleField], key: str, text: str, *, join: bool) -> None:
    if fields and fields[-1].key == key and (join or key in ("Contact", "Author", "Notes")):
        fields[-1] = TitleField(key=key, value=f"{fields[-1].value}\n{text}")
    else:
        fields.append(TitleField(key=key, value=text))


class _Row(NamedTuple):
    top: float
    x0: float
    text: str
    centre: float


def _has_script_body(rows: list[_Row], line: float) -> bool:
    """Whether two adjacent lines read as script: a paragraph of action (two long lines), or a
    cue in the cue column over a speech in the dialogue column."""
    for upper, lower in itertools.pairwise(rows):
        if lower.top - upper.top > BODY_LINE_GAP * line:
            continue
        if len(upper.text) >= LONG_LINE and len(lower.text) >= LONG_LINE:
            return True
        cue = CUE_COLUMN[0] <= upper.x0 <= CUE_COLUMN[1] and upper.text.isupper()
        if cue and SPEECH_COLUMN[0] <= lower.x0 <= SPEECH_COLUMN[1] and not lower.text.isupper():
            return True
    return False


def _rows(words: list[Word]) -> list[_Row]:
    """Each stretch of a line, top to bottom; a line is cut where words stand ``SEGMENT_GAP``
    apart (contact bottom left, draft date bottom right)."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows and abs(word.top - rows[-1][0].top) < SAME_LINE:
            rows[-1].append(word)
        else:
            rows.append([word])
    out = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        segments = [[row[0]]]
        for word in row[1:]:
            if word.x0 - segments[-1][-1].x1 < SEGMENT_GAP:
                segments[-1].append(word)
            else:
                segments.append([word])
        for segment in segments:
            text = " ".join(w.text for w in segment)
            centre = (segment[0].x0 + segment[-1].x1) / 2
            out.append(_Row(segment[0].top, segment[0].x0, text, centre))
    return out
