"""Scene headings in plain-text scripts: finding them and splitting them into their parts.

Real headings are messier than ``INT. HOUSE - NIGHT``: ``INTERIOR - VAULT``,
``EXT     THE DIG     DAY`` (no period, columns of spaces), ``INT/ EXT. CAR``,
``FLASHBACK - INT. VAN``, ``SCENE 5 - EXT. STREET``,
``OMIT: INT. BOOKSTORE``, a heading glued to the end of the previous sentence after a PDF conversion
(``...the city. EXT. MOS ESPA - DAY``), and headings with no prefix at all
(``117 COAST ROAD - PORT ELLIS - EARLY EVENING``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import get_origin

from assistant.script.heading_parts import (
    SEPARATOR,
    TIME_WORDS,
    clean_part,
    looks_like_time,
    split_heading,
)
from assistant.script.model import IntExt, SceneHeading
from assistant.script.plaintext_lines import (
    Line,
    is_uppercase,
    letter_counts,
    mostly_capitals,
    next_index,
    word_set,
)

_WORD = r"(?:INT(?:ERIOR)?|EXT(?:ERIOR)?)"
_PREFIX = re.compile(
    rf"^(?P<prefix>I/E|E/I|{_WORD}(?:\.?\s?[/&-]\s?{_WORD}\b)?)(?P<sep>\.|:|\s*[-–]+|\s+|$)"
)
# Mid-line, only the dotted forms count (as in the reference segmentation): "city. EXT. MOS ESPA".
_DOTTED_TOKEN = re.compile(
    r"(?<![A-Za-z./])(?:INT\./EXT\.|EXT\./INT\.|INT/EXT\.|EXT/INT\.|INT\.|EXT\.|I/E\.)(?=\s|$)"
)
_SCENE_WORD = re.compile(r"^SCENE\s+(\d+[A-Z]?)\s*[-:.]\s*", re.IGNORECASE)
_TRAILING_NUMBER = re.compile(r"\b([A-Z]+)(?:\.\s*|\s+)(\d{1,4}[A-Za-z]?)$")
_SHOT_WORDS = word_set(
    "ANGLE CLOSE CLOSEUP INSERT POV BACK WIDE TIGHT EXTREME REVERSE ON OVER SHOT FAVORING "
    "CAMERA MONTAGE SERIES INTERCUT SUPER TITLE MOVING"
)


@dataclass(frozen=True)
class HeadingMatch:
    heading: SceneHeading | None
    """None for a scene break found in prose (a transcript's ``Cut to the office.``)."""
    before: str = ""
    """Text before the heading on its line (``the city.``): it belongs to the previous element."""
    after: str = ""
    """Prose run on after the heading (``INT. LAB - DAY Mara enters``): the scene's first action."""
    continuation: bool = False
    """The line goes on the heading of the line above (a heading written on two lines); it is
    neither a scene of its own nor action."""


_PROSE_START = re.compile(r"(?:[A-Z][a-z’']+|[AI])\s+[a-z]")
"""A word that starts prose (``Mara walks``, ``A man``), matched at a word's start."""
_PROSE_CANDIDATE = re.compile(r"(?<!\S)(?=[A-Z][a-z’']|[AI]\s)")
"""A word start where ``_PROSE_START`` may match (its first two characters)."""
_WORD_RUN = re.compile(r"\S+")
_NOT_SPACE = re.compile(r"\S")
_Split = tuple[str, str]


def _split_prose(text: str, start: int = 0, longest: int | None = None) -> _Split | None:
    """Split ``INT. LAB - DAY Mara walks in`` (``text`` from ``start``) into the heading in capitals
    and the prose after it; the whole text and ``""`` when no prose follows.

    The prose starts at the first word after the first that starts prose (``_PROSE_START``) with
    capitals before it (``is_uppercase``). With ``longest``, None when the heading part would be
    longer than that (the caller skips such headings), found without reading further.

    One pass over the words that may start prose, counting letters as it goes: slicing and
    re-reading the text before every word made a long line quadratic (40,000 characters: 9 s),
    and a line of many dotted ``INT.`` tokens, each split in turn, cubic.
    """
    first = _WORD_RUN.search(text, start)
    if first is None:
        return _whole(text, start, longest)
    end = len(text)
    if longest is not None:
        # A word starting after the first non-space at ``start + longest`` follows more than
        # ``longest`` characters of heading: no split there can be kept.
        beyond = _NOT_SPACE.search(text, start + longest)
        end = end if beyond is None else beyond.start() + 2  # the candidate's two characters
    counted, upper, lower = start, 0, 0
    no_lower, cased = True, False  # as str.isupper reads text[start:counted]
    position = first.end()
    while (candidate := _PROSE_CANDIDATE.search(text, position, end)) is not None:
        at = candidate.start()
        position = at + 1
        if not _PROSE_START.match(text, at):
            continue
        piece = text[counted:at]
        head_end = counted + len(piece.rstrip())  # the end of the word before
        if longest is not None and head_end - start > longest:
            return None  # this heading part, and any later one, is too long
        if no_lower:
            # An added capital makes ``isupper`` tell "no lower-case letter" alone.
            if (piece + "A").isupper():
                cased = cased or piece.isupper()
            else:
                no_lower = False
        capitals, small = letter_counts(piece)
        upper, lower, counted = upper + capitals, lower + small, at
        if (no_lower and cased) or mostly_capitals(upper, lower):
            return text[start:head_end], text[at:]  # is_uppercase(text[start:at])
    return _whole(text, start, longest)


def _whole(text: str, start: int, longest: int | None) -> _Split | None:
    if longest is not None and len(text) - start > longest:
        return None
    return text[start:], ""


def _clean(text: str) -> str:
    return clean_part(text)


def parse_heading(text: str, scene_number: str | None = None) -> SceneHeading:
    """Split heading text into INT/EXT, location and time of day.

    Args:
        text: the heading without margin scene numbers, e.g. ``INT. DINER - KITCHEN - NIGHT``.
        scene_number: a number found in the margins, if any.

    Returns:
        The parsed heading; ``int_ext`` is None for headings without a prefix.
    """
    return _fresh_heading(_heading_model(text, scene_number))


@lru_cache(maxsize=4096)
def _heading_model(text: str, scene_number: str | None) -> SceneHeading:
    """The model ``parse_heading`` gives for a text, kept per text as a template that is copied,
    never handed out: models are not shared (a caller may change its heading)."""
    parts = _heading_parts(text, scene_number)
    return SceneHeading(
        text=parts.text,
        int_ext=parts.int_ext,
        location=parts.location,
        time_of_day=parts.time_of_day,
        scene_number=parts.scene_number,
        shot=parts.shot,
        tags=list(parts.tags),
    )


_LIST_FIELDS = tuple(
    name for name, info in SceneHeading.model_fields.items() if get_origin(info.annotation) is list
)
"""The heading's mutable fields (``tags``): a copy gets lists of its own."""
_new = object.__new__
_set = object.__setattr__


def _fresh_heading(template: SceneHeading) -> SceneHeading:
    """A copy of a validated heading, made as pydantic's validation makes a model (its field
    values, the set of fields given, no extra or private values) without validating again: a
    heading has eight fields, and validating them took ~2.2 us a heading against ~1.2 for the
    copy, on a script of one-line scenes a tenth of the import. A test checks the copy equals a
    fresh model, shares no list with its template, and that ``SceneHeading`` has no other
    mutable field, private attribute or validator after construction."""
    heading: SceneHeading = _new(SceneHeading)
    values = template.__dict__.copy()
    for name in _LIST_FIELDS:
        values[name] = list(values[name])
    _set(heading, "__dict__", values)
    _set(heading, "__pydantic_fields_set__", set(template.__pydantic_fields_set__))
    _set(heading, "__pydantic_extra__", None)
    _set(heading, "__pydantic_private__", None)
    return heading


@dataclass(frozen=True, slots=True)
class _HeadingParts:
    text: str
    int_ext: IntExt | None
    location: str
    time_of_day: str | None
    scene_number: str | None
    shot: str | None
    tags: tuple[str, ...]


@lru_cache(maxsize=4096)
def _heading_parts(text: str, scene_number: str | None) -> _HeadingParts:
    """A heading's parts, kept per text: a script repeats its headings (``INT. DINER - DAY``)."""
    # The heading is read from its text as the model keeps it (single spaces), so that Fountain,
    # which reads that text back, finds the same parts: one grammar, whatever the format.
    body = _clean(text) or text.strip()
    trailing = _TRAILING_NUMBER.search(body)
    if trailing and trailing.group(1) in TIME_WORDS:
        # "INT. FURNACE ROOM - NIGHT 36": a scene number after the time, one space away.
        scene_number = scene_number or trailing.group(2)
        body = _clean(body[: trailing.start(2)])
    parts = split_heading(body)
    tail = parts.tail
    text = body
    if tail.number is not None and tail.number == parts.number:
        # "INT. HOTEL - KITCHEN - DAY - M.C.S. 39": the scene number after the last part.
        text = text[: text.rindex(tail.number)].rstrip(" -") or text
    scene_number = scene_number or parts.number
    int_ext = parts.int_ext
    return _HeadingParts(
        text, int_ext, tail.location, tail.time_of_day, scene_number, tail.shot, tuple(tail.tags)
    )


def find_heading(text: str, scene_number: str | None = None) -> HeadingMatch | None:
    """The INT/EXT scene heading on this line, if there is one.

    A heading is recognised when the line starts with an INT/EXT word (``INT.``, ``EXT``,
    ``INTERIOR``, ``I/E``...) or, anywhere on the line, a dotted ``INT.``/``EXT.`` token is followed
    by capitals. Text before a mid-line token stays part of the heading when it is in capitals
    (``FLASHBACK - INT. VAN``) and is handed back in ``before`` when it is prose (``...the city.``).

    Args:
        text: the line without margins or margin scene numbers.
        scene_number: a number found in the margins, if any.

    Returns:
        The heading and any prose before it, or None.
    """
    shared = shared_match(text, scene_number)
    if shared is None or shared.heading is None:
        return shared
    return HeadingMatch(own_heading(shared.heading), shared.before, shared.after)


@lru_cache(maxsize=4096)
def shared_match(text: str, scene_number: str | None = None) -> HeadingMatch | None:
    """``find_heading``'s answer kept per text, its heading the template ``parse_heading``
    copies: shared by every line of that text, so never changed and never put in a scene (the
    plain-text reader copies it with ``own_heading`` when it starts the scene). A script of
    one-line scenes is mostly headings: a match and a heading made per line, then a copy per
    scene, cost ~4.6 us a line against a copy alone."""
    plan = _heading_plan(text, scene_number)
    if plan is None:
        return None
    heading_text, number, before, after = plan
    return HeadingMatch(_heading_model(heading_text, number), before, after)


def own_heading(heading: SceneHeading) -> SceneHeading:
    """A copy of a heading that shares nothing that can change with it (``_fresh_heading``)."""
    return _fresh_heading(heading)


_Plan = tuple[str, str | None, str, str]
"""Where ``find_heading`` finds a heading: its text and number, the prose before and after."""


@lru_cache(maxsize=65536)
def _heading_plan(text: str, scene_number: str | None) -> _Plan | None:
    """``find_heading``'s reading of a line, kept per text (the heading model is made fresh per
    call: models are not shared). Lines repeat, and a page of short scenes is mostly headings."""
    body = _SCENE_WORD.sub("", text) if _SCENE_WORD.match(text) else text
    start = _PREFIX.match(body)
    if start is not None:
        if is_uppercase(body) and len(body) <= 120:
            return text, scene_number, "", ""
        head, after = _split_prose(text) or (text, "")
        if after and len(head.split()) >= 2:
            return head, scene_number, "", after
        dotted = _DOTTED_TOKEN.match(body) is not None or "ERIOR" in start.group("prefix")
        if dotted and len(body) <= 90:
            # "INT.  hemocyte VILLAGE - NIGHT", "INT. ALLEY - NIGHT (change to DAY)"
            return text, scene_number, "", ""
        return None
    for token in _DOTTED_TOKEN.finditer(text):
        split = _split_prose(text, token.start(), longest=120)
        if split is None or not is_uppercase(split[0]):
            continue
        tail, after = split
        before = text[: token.start()].strip()
        if not before or is_uppercase(before):
            if before and not re.search(r"[A-Z]{3}", before):
                # "C)" or "67A67A" or a stray bullet: a scene number, not words.
                digits = re.search(r"\d+[A-Z]*", before)
                number = scene_number or (digits.group(0) if digits else None)
                return tail, number, "", after
            return before + " " + tail, scene_number, "", after
        return tail, scene_number, before, after
    return None


@lru_cache(maxsize=65536)
def has_heading(text: str) -> bool:
    """Whether ``find_heading`` finds a heading on this line (cached: lines repeat)."""
    return find_heading(text) is not None


@lru_cache(maxsize=65536)
def looks_like_bare_heading(text: str) -> bool:
    """A heading without INT/EXT: capitals ending in a time of day (``THE BRIDGE - LATER``).

    Shots (``ANGLE ON MARA - NIGHT``) are excluded by their first word.
    """
    if not is_uppercase(text) or len(text) > 90:
        return False
    parts = [p for p in SEPARATOR.split(text) if p.strip()]
    if len(parts) < 2 or not looks_like_time(parts[-1]):
        return False
    first = re.findall(r"[A-Z']+", parts[0].upper())
    return bool(first) and first[0] not in _SHOT_WORDS and not text.rstrip().endswith(("!", "?"))


def join_two_line_headings(lines: list[Line], headings: dict[int, HeadingMatch]) -> None:
    """Join a heading written on two lines (``INT. LAB - CLOSE ON A SHAPE ON THE`` / ``BENCH -
    DAY``) into one, in place: the second line is marked a ``continuation``.

    The line under a heading continues it when it follows with no blank line, at the same column,
    in capitals, is no INT/EXT heading itself, and the heading has no time of day of its own but
    the joined text has one.
    """
    for i in sorted(headings):
        match = headings[i]
        if match.heading is None or match.after or match.heading.time_of_day is not None:
            continue
        j = next_index(lines, i)
        if j >= len(lines) or not lines[j].is_content:
            continue
        below = lines[j]
        if abs(below.indent - lines[i].indent) > 2 or not is_uppercase(below.text):
            continue
        below_heading = headings[j].heading if j in headings else None
        if below_heading is not None and below_heading.int_ext is not None:
            continue
        joined = parse_heading(match.heading.text + " " + below.text, match.heading.scene_number)
        if joined.time_of_day is None:
            continue
        headings[i] = HeadingMatch(joined, match.before)
        headings[j] = HeadingMatch(None, continuation=True)
