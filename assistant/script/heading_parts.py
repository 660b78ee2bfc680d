"""Splitting a scene heading and a character cue into parts: one rule for Fountain and FDX.

The plain-text importer has its own, looser heading grammar (``plaintext_headings.py``) because real
indentation-laid-out scripts write headings that Fountain would read as action.
"""

from __future__ import annotations

import re

from assistant.script.model import IntExt

HEADING_PREFIX = re.compile(
    r"(?:(INT\.?\s*/\s*EXT|EXT\.?\s*/\s*INT|I\s*/\s*E)|(INT)|(EXT|EST))(?:\.\s*|\s+|$)", re.I
)
"""INT, EXT, EST, INT./EXT, I/E at the start of a heading, in any case."""
LAST_TIME_PART = re.compile(r"(.*)(?:\s+[-–—]\s+|\s*(?:--|—)\s*)(.*)")
"""What follows the last `` - `` of a heading (real files also write ``--`` and an em dash without
spaces); it is the time of day if it names one."""
TIME_WORD = re.compile(r"[A-Z]+")
TIME_WORDS = frozenset(
    ("DAY", "NIGHT", "MORNING", "AFTERNOON", "EVENING", "DUSK", "DAWN", "SUNRISE", "SUNSET",
     "TWILIGHT", "NOON", "MIDDAY", "MIDNIGHT", "NIGHTFALL", "DAYBREAK", "CONTINUOUS", "LATER",
     "SAME", "MOMENTS", "HOUR")
)  # fmt: skip
"""A heading's last part names a time when one of its words is one of these (``MOMENTS LATER``)."""


def split_heading(text: str) -> tuple[IntExt | None, str, str | None]:
    """``INT. DINER - KITCHEN - NIGHT`` as ``(INT, "DINER - KITCHEN", "NIGHT")``.

    Args:
        text: the heading without scene number or forcing dot, stripped.

    Returns:
        The INT/EXT prefix (None without one), the location, the time of day (None without one).
    """
    int_ext: IntExt | None = None
    location = text
    prefix = HEADING_PREFIX.match(text)
    if prefix is not None:
        both, interior, _exterior = prefix.groups()
        int_ext = IntExt.INT_EXT if both else IntExt.INT if interior else IntExt.EXT
        location = text[prefix.end() :].strip()
    time_of_day: str | None = None
    if "-" in location or "—" in location or "–" in location:
        last_part = LAST_TIME_PART.fullmatch(location)
        if last_part is not None and not TIME_WORDS.isdisjoint(
            TIME_WORD.findall(last_part.group(2).upper())
        ):
            location, time_of_day = last_part[1].strip(), last_part[2].strip()
    return int_ext, location.rstrip(" -"), time_of_day


def split_cue(body: str) -> tuple[str, list[str]]:
    """``MARA (V.O.) (CONT'D)`` as ``("MARA", ["V.O.", "CONT'D"])``."""
    # Read from the end with indexes, never re-searching or copying the rest: the regex loop this
    # replaces was quadratic on a cue with thousands of extensions (140 KB: 28 s).
    extensions: list[str] = []
    end = len(body)
    while end and body[end - 1] == ")":
        start = body.rfind("(", 0, end - 1)
        if start < 0 or body.find(")", start, end - 1) >= 0:
            break  # no "(...)" without parentheses inside closes the text
        extensions.append(body[start + 1 : end - 1].strip())
        end = start
        while end and body[end - 1].isspace():
            end -= 1
    extensions.reverse()
    return body[:end], extensions
