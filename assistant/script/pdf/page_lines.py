"""One PDF page's words laid out again as lines of fixed-width text.

A screenplay PDF is a typewriter page: Courier 12 (10 characters per inch, 7.2 pt each) with every
element at a fixed distance from the left edge (action 1.5", dialogue 2.5", cue 3.7"). Placing
words back at column ``x / character width`` and lines at ``top / line height`` rebuilds the
indentation layout the plain-text classifier reads. What only a printed production draft carries
is folded here: page numbers, the revision header beside them (``Blue Revision    12.``), revision
asterisks in the right margin and the ``CONTINUED:`` / ``(CONTINUED)`` lines at page breaks are
left out; scene numbers in both margins stay (the
classifier keeps the number on the heading), as do ``(MORE)`` and ``(CONT'D)``, which the
classifier joins into one speech across the page break.
"""

from __future__ import annotations

import re
from statistics import median
from typing import NamedTuple

from assistant.script.pdf.words import SAME_LINE, Word

COURIER_12_WIDTH = 7.2
"""Points per character of 12-point Courier (600/1000 em): the column unit when a page gives no
better measure."""
COURIER_12_LINE = 12.0
"""Points per line of a typed page (6 lines per inch)."""
PAGE_MARGIN = 72.0
"""Page numbers sit in the top or bottom inch of the page, outside the text block."""
REVISION_MARGIN = 108.0
"""Revision asterisks stand in the last 1.5 inches on the right (7" and on, on US Letter), where
only the right-hand scene number otherwise is."""

_HEADER_WORDS = re.compile(
    r"\b(?:rev(?:\.|is(?:ed|ions?)\b)|draft\b|pages\b)|\d{1,2}/\d{1,2}/\d{2,4}", re.IGNORECASE
)
"""What a revision header says: the round (``Blue Revision``, ``Pink Rev.``, ``Goldenrod Pages``,
``Revised Draft``) or its date (``3/4/05``)."""
_PAGE_NUMBER = re.compile(r"^\d{1,4}[A-Z]?\.?$")
_REVISION_MARK = re.compile(r"^\*+$")
_SCENE_NUMBER = re.compile(r"^[A-Z]?\d{1,4}[A-Z]{0,2}(?:-[A-Z\d]{1,3})?\.?$")
_CONTINUED = re.compile(r"^(?:\(CONTINUED\)|CONTINUED:?(?:\s*\(\d{1,3}\))?)$", re.IGNORECASE)
"""``(CONTINUED)`` at the foot of a page and ``CONTINUED:`` / ``CONTINUED: (2)`` at its head."""


class PageText(NamedTuple):
    lines: list[str]
    """The page's rows as text, with its indentation and blank lines."""
    bottom: float | None
    """Points from the page's top edge to its last row's top (None: no row)."""
    line_height: float


def page_lines(words: list[Word], width: float, height: float) -> PageText:
    """One page's words as lines of text with the page's indentation and blank lines."""
    words = [w for w in words if not _is_revision_mark(w, width)]
    if not words:
        return PageText([], None, COURIER_12_LINE)
    char_width = _char_width(words)
    line_height = median(w.bottom - w.top for w in words) or COURIER_12_LINE
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows and abs(word.top - rows[-1][0].top) < SAME_LINE:
            rows[-1].append(word)
        else:
            rows.append([word])
    texts = [(row[0].top, _row_text(row, char_width)) for row in rows]
    texts = [(top, text) for top, text in texts if not _is_page_number(text, top, height)]
    texts = _without_header(texts, width / char_width, line_height)
    texts = _without_continued(texts)
    lines: list[str] = []
    previous_top: float | None = None
    for top, text in texts:
        if previous_top is not None:
            gap_lines = round((top - previous_top) / line_height) - 1
            lines.extend([""] * max(0, gap_lines))
        lines.append(text)
        previous_top = top
    return PageText(lines, previous_top, line_height)


def _is_revision_mark(word: Word, width: float) -> bool:
    return word.x0 >= width - REVISION_MARGIN and _REVISION_MARK.match(word.text) is not None


def _without_continued(texts: list[tuple[float, str]]) -> list[tuple[float, str]]:
    """The rows without a ``CONTINUED`` line at the head or foot of the page's text."""
    for index in (0, -1):
        if texts and _CONTINUED.match(_without_scene_numbers(texts[index][1])):
            texts = texts[1:] if index == 0 else texts[:-1]
    return texts


def _without_scene_numbers(text: str) -> str:
    tokens = text.split()
    while tokens and _SCENE_NUMBER.match(tokens[0]):
        tokens = tokens[1:]
    while tokens and _SCENE_NUMBER.match(tokens[-1]):
        tokens = tokens[:-1]
    return " ".join(tokens)


def _char_width(words: list[Word]) -> float:
    """Points per character on this page (7.2 for Courier 12, less for a smaller font)."""
    widths = [(w.x1 - w.x0) / len(w.text) for w in words if len(w.text) >= 3]
    width = median(widths) if widths else COURIER_12_WIDTH
    return width if width > 0 else COURIER_12_WIDTH


def _row_text(row: list[Word], char_width: float) -> str:
    """Words placed at their columns; words a space apart (any font) keep a single space."""
    text = ""
    previous_end: float | None = None
    for word in sorted(row, key=lambda w: w.x0):
        own_width = (word.x1 - word.x0) / max(1, len(word.text))
        column = round(word.x0 / char_width)
        if text and (
            column <= len(text)
            or (
                previous_end is not None
                and word.x0 - previous_end < 1.5 * max(own_width, char_width)
            )
        ):
            column = len(text) + 1
        text += " " * (column - len(text)) + word.text
        previous_end = word.x1
    return text


def _without_header(
    texts: list[tuple[float, str]], columns: float, line_height: float
) -> list[tuple[float, str]]:
    """The rows without the revision header: a row in the top inch, standing apart (a blank line
    under it), that names the round or its date and is printed in the right half of the page
    (beside the page number, as Slate's export and most drafts do) or ends in the page number
    (``DIE HARD - Rev. 10/1/87      23.``)."""
    kept: list[tuple[float, str]] = []
    for index, (top, text) in enumerate(texts):
        below = texts[index + 1][0] if index + 1 < len(texts) else None
        apart = below is None or below - top >= 1.5 * line_height
        if top < PAGE_MARGIN and apart and _HEADER_WORDS.search(text) is not None:
            tokens = text.split()
            right_half = len(text) - len(text.lstrip()) >= columns / 2
            if right_half or (len(tokens) > 1 and _PAGE_NUMBER.match(tokens[-1])):
                continue
        kept.append((top, text))
    return kept


def _is_page_number(text: str, top: float, height: float) -> bool:
    in_margin = top < PAGE_MARGIN or top > height - PAGE_MARGIN
    return in_margin and _PAGE_NUMBER.match(text.strip()) is not None
