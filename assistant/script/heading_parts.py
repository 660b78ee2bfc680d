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
        last_part = _last_part(location)
        if last_part is not None and not TIME_WORDS.isdisjoint(
            TIME_WORD.findall(last_part[1].upper())
        ):
            location, time_of_day = last_part[0].strip(), last_part[1].strip()
    return int_ext, location.rstrip(" -"), time_of_day


SHORT_HEADING = 256
"""Up to this length ``LAST_TIME_PART`` is matched as a regex; beyond it, by ``_scan_last_part``:
the regex backtracks over runs of spaces, quadratic (``INT. A`` + 20,000 spaces + ``-x``: 18 s)."""


def _last_part(location: str) -> tuple[str, str] | None:
    """``LAST_TIME_PART``'s two groups (before and after the last separator), or None."""
    if len(location) <= SHORT_HEADING:
        match = LAST_TIME_PART.fullmatch(location)
        return (match[1], match[2]) if match is not None else None
    return _scan_last_part(location)


def _scan_last_part(text: str) -> tuple[str, str] | None:
    """What ``LAST_TIME_PART.fullmatch`` gives, in linear time (groups equal once stripped).

    The regex takes the rightmost separator start ``p`` (its first group is greedy) with no line
    break before it or in what follows the separator; at one ``p`` it tries `` - `` before ``--``.
    """
    length = len(text)
    space_end = list(range(length + 1))  # space_end[i]: first non-space at or after i
    for i in range(length - 1, -1, -1):
        if text[i].isspace():
            space_end[i] = space_end[i + 1]
    first_break = text.find("\n")
    last_break = text.rfind("\n")
    top = length - 1 if first_break < 0 else min(length - 1, first_break)
    for p in range(top, -1, -1):
        k = space_end[p]
        if k >= length:
            continue
        if k > p and text[k] in "-–—" and k + 1 < length and text[k + 1].isspace():
            rest = space_end[k + 1]
            if rest > last_break:
                return text[:p], text[rest:]
        end = k + 2 if text.startswith("--", k) else k + 1 if text[k] == "—" else -1
        if end >= 0 and space_end[end] > last_break:
            return text[:p], text[space_end[end] :]
    return None


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
