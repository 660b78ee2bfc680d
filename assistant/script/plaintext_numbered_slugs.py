"""Slugs numbered on the line below them, as some production drafts print them.

``LATER THAT NIGHT`` over a line holding only ``23`` in both margins is scene 23, as surely as
``23 INT. HOUSE - NIGHT 23`` is: the number row marks the line above as a heading, whether or not
it starts with INT/EXT. Without this, such scenes fold into the one before and lose their numbers.
"""

from __future__ import annotations

import re

from assistant.script.plaintext_headings import has_heading
from assistant.script.plaintext_lines import Line, LineKind, is_uppercase

_NUMBER_ROW = re.compile(r"(\d{1,4}[A-Za-z]{0,2})\s{10,}\1")
"""A scene number alone in both margins (``81``, then the same at the right edge)."""


def number_slugs(lines: list[Line]) -> list[int]:
    """Give each slug numbered on the line below its number; the indices of those slugs.

    A slug is a content line in capitals right above the number row; a transition (``FADE UP
    ON:``), an ``OMITTED`` placeholder or a line starting with a digit (``10- OUT``, a range) is
    not one, nor is the line above a row printed over its own INT/EXT heading (a draft that
    numbers above the slug). Lines already numbered in their own margins keep that number.

    Args:
        lines: the prepared lines of a script, changed in place.

    Returns:
        The indices of the numbered slugs, in order.
    """
    # Lines that read the same share one record: test each record once, then visit only the
    # lines that carry a matching one (none, in almost every script).
    rows: dict[Line, str] = {}
    for ln in set(lines):
        if ln.kind is LineKind.FURNITURE and (match := _NUMBER_ROW.fullmatch(ln.text.strip())):
            rows[ln] = match.group(1)
    if not rows:
        return []
    slugs: list[int] = []
    for i in [i for i, ln in enumerate(lines) if ln in rows]:
        above = lines[i - 1] if i else None
        below = lines[i + 1] if i + 1 < len(lines) else None
        if above is None or not _is_slug(above):
            continue
        heading_below = below is not None and below.is_content and has_heading(below.text)
        if below is not None and heading_below and not has_heading(above.text):
            # The row numbers the heading under it, not the line above ("BANG!").
            if below.scene_number is None:
                lines[i + 1] = Line(below.text, below.indent, below.kind, rows[lines[i]])
            continue
        if above.scene_number is None:
            lines[i - 1] = Line(above.text, above.indent, above.kind, rows[lines[i]])
        slugs.append(i - 1)
    return slugs


def _is_slug(line: Line) -> bool:
    text = line.text
    return (
        line.is_content
        and is_uppercase(text)
        and not text.endswith(":")
        and not text[:1].isdigit()
        and not text.upper().startswith("OMIT")
    )
