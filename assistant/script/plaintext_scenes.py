"""Scene breaks in scripts whose headings carry no INT/EXT, or that have no headings at all.

Some circulating scripts are transcripts or early drafts: locations written as a paragraph in
capitals at the action margin (``BASEMENT, HARRY WORKING AT THE TABLE``), or no headings at all and
scene changes told in prose (``Cut to the police station.``, ``Back to the cell.``), or a dialogue
transcript whose stage directions stand in parentheses after a blank line. When a script has too few
INT/EXT headings to be segmented by them, these signals mark its scenes instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice
from operator import attrgetter

from assistant.script.heading_parts import looks_like_time
from assistant.script.plaintext_headings import HeadingMatch, parse_heading
from assistant.script.plaintext_layout import Layout, colon_cue, cue_parts, is_transition
from assistant.script.plaintext_lines import Line, LineKind, is_uppercase, next_index

LINES_PER_HEADING = 200
"""A feature script has a heading every 20-40 non-blank lines; fewer than one per 200 lines means
the file does not mark its scenes with INT/EXT headings."""

MIN_CAPITAL_HEADINGS = 10
"""Capital paragraphs stand in for headings only when there are this many (else they are shots)."""

_PROSE_BREAK = re.compile(
    r"^(?:cut to|cuts to|we cut to|back to|back in|back at|flashback|flash back|dissolve to|"
    r"new scene|meanwhile|later that|the next (?:morning|day)|that night)\b",
    re.IGNORECASE,
)


def fallback_headings(
    lines: list[Line], layout: Layout, headings: dict[int, HeadingMatch], start: int = 0
) -> dict[int, HeadingMatch]:
    """Scene breaks for a script with too few INT/EXT headings; empty when it has enough.

    Args:
        lines: the prepared lines.
        layout: the inferred columns.
        headings: the headings found by the INT/EXT and time-of-day rules.

    Returns:
        Line index -> match: a ``SceneHeading`` for a capital paragraph, or a heading of None for a
        break found in prose (the line itself stays action).
        start: the first line after the title page.
    """
    content = sum(map(attrgetter("is_content"), lines))
    if len(headings) * LINES_PER_HEADING >= content:
        return {}
    starts = _paragraph_starts(lines, start)  # both readings visit the same paragraphs
    capitals = _capital_paragraphs(lines, layout, headings, starts)
    if len(capitals) >= MIN_CAPITAL_HEADINGS:
        return capitals
    return _prose_breaks(lines, layout, headings, starts)


def _paragraph_starts(lines: list[Line], start: int) -> list[int]:
    """Indices of the content lines after ``start`` with no content line before them (spacer
    lines of a double-spaced file skipped)."""
    spacer = LineKind.SPACER
    kinds = map(attrgetter("kind"), islice(lines, start, None))
    if spacer in kinds:  # a double-spaced file; else every line from start is kept (C-level)
        kept: Sequence[int] = [i for i in range(start, len(lines)) if lines[i].kind is not spacer]
        content = [lines[i].is_content for i in kept]
    else:
        kept = range(start, len(lines))
        content = list(map(attrgetter("is_content"), islice(lines, start, None)))
    after = [False, *content]  # whether the kept line before each one is content (one longer)
    pairs = zip(kept, content, after, strict=False)
    return [i for i, is_content, follows in pairs if is_content and not follows]


def _capital_paragraphs(
    lines: list[Line], layout: Layout, headings: dict[int, HeadingMatch], starts: list[int]
) -> dict[int, HeadingMatch]:
    found: dict[int, HeadingMatch] = {}
    for i in starts:
        ln = lines[i]
        if i in headings or abs(ln.indent - layout.action) > 2 or not is_uppercase(ln.text):
            continue
        if is_transition(ln.text) or len(ln.text.split()) < 1:
            continue
        j = next_index(lines, i)
        nxt = lines[j] if j < len(lines) else None
        if nxt is not None and nxt.is_content and cue_parts(ln.text) and not is_uppercase(nxt.text):
            continue  # a cue with its speech under it
        head, _, rest = ln.text.partition(", ")
        if looks_like_time(rest):
            # "TOWN SQUARE, MORNING": the words after the comma are the time of day.
            heading = parse_heading(head.strip(), ln.scene_number)
            heading.text, heading.time_of_day = ln.text.strip(), rest.strip()
            found[i] = HeadingMatch(heading)
        else:
            found[i] = HeadingMatch(
                parse_heading(head.strip(), ln.scene_number), after=rest.strip()
            )
    return found


def _prose_breaks(
    lines: list[Line], layout: Layout, headings: dict[int, HeadingMatch], starts: list[int]
) -> dict[int, HeadingMatch]:
    found: dict[int, HeadingMatch] = {}
    after_transition = False
    for i in starts:
        ln = lines[i]
        if i in headings:
            continue
        text = ln.text
        if is_transition(text):
            after_transition = True
            continue
        at_margin = abs(ln.indent - layout.action) <= 2
        stage_direction = layout.colon_cues and text.startswith("(") and colon_cue(text) is None
        if at_margin and (after_transition or _PROSE_BREAK.match(text) or stage_direction):
            found[i] = HeadingMatch(None)
        after_transition = False
    return found
