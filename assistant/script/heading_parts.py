"""Splitting a scene heading and a character cue into parts: one grammar for every importer.

A heading is a prefix (INT, EXT...) and a tail of parts joined by dashes. What a line producer reads
from the tail (``split_tail``) is the same whichever format the heading came from, so that a script
read from plain text, exported to Fountain and read back keeps its locations and times. The
plain-text importer finds headings with its own, looser rules (``plaintext_headings.py``: headings
without a dot, glued to prose, after a ``SCENE 5 -``) but splits their tail here.

Real headings carry more than a place and a time: a shot (``- ON MCCLANE``, ``- CLOSE ON THE
DOOR``), a camera note (``- M.C.S.``), a tag (``- (FLASHBACK)``, ``- INTERCUT``) and the scene
number (``- DAY - M.S. 39``). They are taken off the end of the tail, in any order, and kept apart
from the location so that a schedule groups ``HOTEL - KITCHEN`` scenes together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from assistant.script.model import IntExt

_WORD = r"(?:INT(?:ERIOR)?|EXT(?:ERIOR)?)"
HEADING_PREFIX = re.compile(
    rf"(?P<prefix>I\s*/\s*E|E\s*/\s*I|EST|{_WORD}(?:\.?\s*[/&-]\s*{_WORD}\b)?)"
    r"(?:\.|:|\s*[-–]+|\s+|$)",
    re.I,
)
"""INT, EXT, EST, INT./EXT, INT/ EXT., I/E, INTERIOR - at the start of a heading, in any case."""
DOTTED_TOKEN = re.compile(
    r"(?<![A-Za-z./])(?:INT\./EXT\.|EXT\./INT\.|INT/EXT\.|EXT/INT\.|INT\.|EXT\.|I/E\.)(?=\s|$)"
)
"""A dotted prefix after other words: ``FLASHBACK - INT. VAN``, ``POV - EXT. ROAD``."""
SCENE_WORD = re.compile(r"^SCENE\s+(\d+[A-Z]?)\s*[-:.]\s*", re.IGNORECASE)
"""``SCENE 5 - EXT. STREET``: a scene number written before the heading."""
SEPARATOR = re.compile(r"\s+[-–—]+\s*|\s*[-–—]{2,}\s*|[-–—]\s+|\s*—\s*|\s{3,}|\s*/\s+")
"""Between two parts of a heading: a dash with a space on either side, ``--``, an em dash, three
spaces (column layouts), a slash followed by a space (``VAN/ HIGHWAY``). ``7-11`` is one part."""
TIME_WORDS = frozenset(
    ("DAY", "NIGHT", "MORNING", "AFTERNOON", "EVENING", "DUSK", "DAWN", "SUNRISE", "SUNSET",
     "TWILIGHT", "NOON", "MIDDAY", "MIDNIGHT", "NIGHTFALL", "DAYBREAK", "CONTINUOUS", "LATER",
     "SAME", "MOMENTS", "HOUR", "TIME", "PRESENT", "MAGIC", "EARLY", "LATE", "SIMULTANEOUS",
     "MORN", "NITE", "PREDAWN", "LUNCHTIME")
)  # fmt: skip
"""A part names a time when one of its (at most ``MAX_TIME_WORDS``) words is one of these."""
MAX_TIME_WORDS = 4
"""A time part is short: ``EARLY EVENING``, ``MOMENTS LATER``, ``SAME TIME``."""
TAG_WORDS = frozenset(
    ("FLASHBACK", "FLASH", "BACK", "FLASHFORWARD", "FORWARD", "DREAM", "FANTASY", "NIGHTMARE",
     "HALLUCINATION", "MEMORY", "VISION", "MONTAGE", "SERIES", "OF", "SHOTS", "INTERCUT",
     "INTERCUTTING", "QUICK", "CUTS", "B&W", "BLACK", "AND", "WHITE", "SLOW", "MOTION", "MOS",
     "STOCK", "FOOTAGE", "ESTABLISHING", "RESUME", "RESUMING", "END", "BEGIN", "OMITTED")
)  # fmt: skip
"""A part made only of these words is a tag (``INTERCUT``, ``SERIES OF SHOTS``, ``FLASHBACK``)."""
CORE_TAG_WORDS = frozenset(
    ("FLASHBACK", "FLASHFORWARD", "DREAM", "FANTASY", "NIGHTMARE", "MONTAGE", "INTERCUT")
)
"""A short part with one of these is a tag too (``STILL IN FLASHBACK``)."""
CAMERA_NOTE = re.compile(
    r"(?:E\.?C\.?U|B\.?C\.?U|M\.?C\.?U|C\.?U|E\.?L\.?S|M\.?L\.?S|M\.?C\.?S|M\.?W\.?S|W\.?S|"
    r"L\.S|M\.S|C\.S|P\.?O\.?V|2-SHOT|TWO SHOT)\.?",
    re.I,
)
"""Camera abbreviations a shooting script writes on the heading: ``M.C.S.``, ``L.S.``, ``ECU``."""
SHOT_START = re.compile(
    r"(?:ON|CLOSE|CLOSER|CLOSEUP|CLOSE-UP|ANGLE|ANGLES|WIDE|WIDER|TIGHT|TIGHTER|REVERSE|"
    r"FAVORING|FAVOURING|INSERT|TRACKING|AERIAL|OVERHEAD|WITH|(?:HIGH|LOW) ANGLE|BACK TO|"
    r"EXTREME (?:CLOSE|WIDE|LONG))(?:\s|$)",
    re.I,
)
"""First words of a shot direction written on a heading (``ON MCCLANE``, ``CLOSE ON A SHAPE``)."""
SHOT_END = re.compile(r"(?:\bP\.?O\.?V|\bSHOT)\.?$", re.I)
"""Last words of a shot: ``TREVOR'S POV``, ``LONG SHOT``."""
TRAILING_NUMBER = re.compile(
    r"^(?P<head>.*?[A-Za-z.)])\s*(?P<number>\d{1,4}[A-Z]?(?:-[A-Z]{1,2})?)$"
)
"""A scene number after the last part: ``M.C.S. 39``, ``(FLASHBACK) 12``, ``NIGHT 36``."""
WHOLE_GROUP = re.compile(r"\(([^()]*)\)")
LAST_GROUP = re.compile(r"^(?P<head>.*\S)\s*\((?P<group>[^()]*)\)$")
WORD = re.compile(r"[A-Z&]+")
CUE_EXTENSION = re.compile(r"\(([^()]*)\)$")


@dataclass
class HeadingTail:
    """What follows the INT/EXT prefix, read as a line producer reads it."""

    location: str
    time_of_day: str | None = None
    shot: str | None = None
    tags: list[str] = field(default_factory=list)
    number: str | None = None


@dataclass
class HeadingParts:
    """A whole heading read into its parts (``split_heading``)."""

    int_ext: IntExt | None
    tail: HeadingTail
    number: str | None = None
    """A number written before the heading (``SCENE 5 -``) or after its last part."""


def looks_like_time(segment: str) -> bool:
    """Whether a heading part names a time of day (``NIGHT``, ``MOMENTS LATER``, ``(DUSK)``).

    Words in parentheses may name the time (``DECK (CONTINUOUS)``) but do not count towards the
    length (``AFTERNOON (SIXTH PERIOD; NEXT DAY)`` is a time).
    """
    upper = segment.upper()
    outside = WORD.findall(WHOLE_GROUP.sub(" ", upper))
    return len(outside) <= MAX_TIME_WORDS and not TIME_WORDS.isdisjoint(WORD.findall(upper))


def is_tag(segment: str) -> bool:
    """``(FLASHBACK)``, ``(PRESENT DAY)`` (a whole part in parentheses and capitals) or a part of
    tag words only (``INTERCUT``, ``SERIES OF SHOTS``). A note in lower case is not a tag."""
    whole = WHOLE_GROUP.fullmatch(segment)
    if whole is not None:
        return bool(whole.group(1).strip()) and not any(c.islower() for c in segment)
    words = WORD.findall(WHOLE_GROUP.sub(" ", segment.upper()))
    if not words:
        return False
    return TAG_WORDS.issuperset(words) or (
        len(words) <= MAX_TIME_WORDS and not CORE_TAG_WORDS.isdisjoint(words)
    )


def is_shot(segment: str) -> bool:
    """A shot direction or camera note: ``ON MCCLANE``, ``CLOSE ON ...``, ``M.C.S.``, ``POV``."""
    if CAMERA_NOTE.fullmatch(segment):
        return True
    if SHOT_END.search(segment):
        return True
    return SHOT_START.match(segment) is not None


_ABBREVIATION_END = re.compile(r"(?:^|[.\s])[A-Za-z]\.$")
"""``L.S.``, ``U.S.A.``: a dot that ends an abbreviation, kept (``NIGHT.`` loses its dot)."""


def clean_part(text: str) -> str:
    """A part with single spaces and no trailing punctuation, except an abbreviation's dot."""
    return _clean(text)


_SPACES = re.compile(r"\s+")


def _clean(text: str) -> str:
    text = _SPACES.sub(" ", text).strip().rstrip(" :-")
    if _ABBREVIATION_END.search(text):
        return text
    return text.rstrip(" .:-")


def split_tail(rest: str, *, has_prefix: bool) -> HeadingTail:
    """Read the parts after the prefix: location, then time, shot, tags and number off the end.

    Args:
        rest: the heading after its INT/EXT prefix (the whole heading when it has none).
        has_prefix: whether the heading had an INT/EXT prefix; with one any time word may end it
            without a dash (``EXT. HOUSE NIGHT``), without one only a plain time (``FOREST DAY``).

    Returns:
        The parts. The first part always stays in the location, so ``FLASHBACK - 1987`` and
        ``INTERCUT`` alone are locations; the location's parts are joined by `` - ``.
    """
    parts = [p for p in (_clean(p) for p in SEPARATOR.split(rest)) if p]
    tail = HeadingTail(location="")
    notes: list[str] = []
    shots: list[str] = []
    sets: list[str] = []  # sets written after the time: "HOUSE - NIGHT - KITCHEN"
    tags: list[str] = []
    # Parts come off the end, so these four lists are kept last part first and turned round at
    # the end: an insert at the front per part was quadratic on a heading of thousands of parts.
    # Only the last part ever changes, so the first plain time past the first part is found once.
    plain_at = _first_plain_time(parts)
    while len(parts) > 1:
        last = parts[-1]
        if tail.number is None and last[-1:].isdigit():
            numbered = TRAILING_NUMBER.match(last)
            if numbered is not None and (
                _kind(numbered["head"]) not in (None, "note")
                or (
                    tail.time_of_day is None
                    and plain_at < len(parts) - 1
                    and not _names_set(numbered["head"])  # "ROOM 12" is a room, not scene 12
                )
            ):
                tail.number = numbered["number"]
                parts[-1] = _clean(numbered["head"])
                continue
        kind = _kind(last)
        if kind == "note":
            notes.append(parts.pop())
        elif kind == "tag":
            tags.append(_tag_text(parts.pop()))
        elif kind == "shot":
            shots.append(parts.pop())
        elif kind == "time" and tail.time_of_day is None:
            time, group = _time_and_group(parts.pop())
            tail.time_of_day = time
            if group is not None:
                if any(c.islower() for c in group):
                    notes.append(f"({group})")
                else:
                    tags.append(group)
        elif kind == "grouped":
            head, group = _split_group(last)
            parts[-1] = head
            tags.append(group)
        elif tail.time_of_day is None and plain_at < len(parts) - 1:
            # "TRUCK - DAY - MOVING", "QUAY - NIGHT - CLOSE - TOMAS": after a plain time nothing
            # is the place. A part that follows a shot is its subject; any other is a tag.
            if len(parts) > 2 and _kind(parts[-2]) == "shot":
                subject = parts.pop()
                parts[-1] = f"{parts[-1]} - {subject}"
            elif _names_set(parts[-1]):
                # A set is the place a schedule groups, on either side of the time: "HOUSE -
                # NIGHT - KITCHEN" is the set of "HOUSE - KITCHEN - NIGHT".
                sets.append(parts.pop())
            else:
                tags.append(parts.pop())
        else:
            break
    if tail.time_of_day is None and parts and ", " in parts[-1]:
        place, _, time = parts[-1].rpartition(", ")
        if place and looks_like_time(time):
            # "TOWN SQUARE, MORNING": a comma before the time, in scripts without dashes.
            parts[-1], tail.time_of_day = place, time
    if tail.time_of_day is None and len(parts) == 1:
        words = parts[0].split(" ")
        if len(words) > 1 and _lone_time_word(words, has_prefix=has_prefix):
            tail.time_of_day = words[-1].strip(".")
            parts = [" ".join(words[:-1]).rstrip(" .")]
    notes.reverse()
    sets.reverse()
    shots.reverse()
    tail.tags = tags[::-1]
    tail.location = " - ".join(parts + sets + notes)
    tail.shot = " - ".join(shots) or None
    return tail


PLAIN_TIME_WORDS = frozenset(
    ("DAY", "NIGHT", "MORNING", "AFTERNOON", "EVENING", "DUSK", "DAWN", "SUNRISE", "SUNSET",
     "TWILIGHT", "NOON", "MIDDAY", "MIDNIGHT", "NIGHTFALL", "DAYBREAK", "CONTINUOUS", "PREDAWN",
     "NITE", "MORN")
)  # fmt: skip
"""Words that name a time wherever they stand (``LATER``, ``TIME``, ``MAGIC`` need context)."""
PLAIN_TIME_FILLERS = frozenset(("EARLY", "LATE", "NEXT", "SAME", "THE", "LATER"))


NOT_A_PLACE = PLAIN_TIME_WORDS | PLAIN_TIME_FILLERS | {"THAT", "THIS"}


def _lone_time_word(words: list[str], *, has_prefix: bool) -> bool:
    """Whether the last of a one-part heading's words is its time, written without a dash.

    After a prefix any time word will do (``EXT. HOUSE NIGHT``). A heading without one (scripts
    that write ``FOREST DAY``, ``VADA'S BEDROOM NIGHT``) takes only a plain time word, and only
    after a word that can name a place: ``LATER THAT NIGHT`` is all time.
    """
    last = words[-1].strip(".").upper()
    if has_prefix:
        return last in TIME_WORDS
    return last in PLAIN_TIME_WORDS and not NOT_A_PLACE.issuperset(w.upper() for w in words[:-1])


def _is_plain_time(part: str) -> bool:
    """``NIGHT``, ``EARLY MORNING``, ``THE NEXT DAY``: only time words, one of them plain."""
    words = part.upper().split()
    return (
        0 < len(words) <= MAX_TIME_WORDS
        and not PLAIN_TIME_WORDS.isdisjoint(words)
        and PLAIN_TIME_WORDS.union(PLAIN_TIME_FILLERS).issuperset(words)
    )


SET_WORDS = frozenset(
    ("ROOM", "KITCHEN", "BEDROOM", "BATHROOM", "HALLWAY", "HALL", "CORRIDOR", "OFFICE", "LOBBY",
     "ATTIC", "BASEMENT", "CELLAR", "GARAGE", "PORCH", "YARD", "BACKYARD", "GARDEN", "BARN",
     "COCKPIT", "CABIN", "DECK", "STAIRS", "STAIRWELL", "STAIRCASE", "STUDY", "LIBRARY", "DEN",
     "PARLOR", "PARLOUR", "FOYER", "CLOSET", "PANTRY", "NURSERY", "SUITE", "APARTMENT",
     "PLAYGROUND", "ROOF", "ROOFTOP", "DRIVEWAY", "CLASSROOM", "GYM", "CAFETERIA", "WARD", "CELL",
     "LOUNGE", "TERRACE", "BALCONY", "PATIO", "POOL", "SHED", "STABLE", "STABLES", "BACKSTAGE",
     "ELEVATOR", "UPSTAIRS", "DOWNSTAIRS", "LAB", "LABORATORY", "CHAPEL", "VESTIBULE",
     "BOOTH", "HANGAR", "PLATFORM", "CARPARK", "TOILET", "TOILETS", "RESTROOM", "SHOWER")
)  # fmt: skip
"""Last words of a part that names a set (``KITCHEN``, ``UPSTAIRS HALLWAY``, ``ROOM 12``)."""


def _names_set(part: str) -> bool:
    numbered = TRAILING_NUMBER.match(part)  # "CABIN 4B": the set's own number
    words = WORD.findall((numbered["head"] if numbered is not None else part).upper())
    return bool(words) and words[-1] in SET_WORDS


def _first_plain_time(parts: list[str]) -> int:
    """The index of the first plain time that is not the heading's first part (``len(parts)``
    without one): the parts after it follow a plain time."""
    return next((k for k in range(1, len(parts)) if _is_plain_time(parts[k])), len(parts))


def _kind(part: str) -> str | None:
    whole = WHOLE_GROUP.fullmatch(part)
    if whole is not None and looks_like_time(whole.group(1)):
        return "time"  # "(NIGHT)"
    if part.startswith("(") and (whole is None or any(c.islower() for c in part)):
        return "note"  # "(formerly the parcels office)": a note on the place, kept with it
    if is_tag(part):
        return "tag"
    if looks_like_time(part):
        return "time"  # before shots: "ON FREEWAY. NIGHT" names the time
    if is_shot(part):
        return "shot"
    grouped = LAST_GROUP.match(part)
    if grouped is not None and is_tag(f"({grouped['group']})") and _tag_words(grouped["group"]):
        return "grouped"  # "KITCHEN (FLASHBACK)": the tag comes off, the place stays
    return None


def _tag_words(group: str) -> bool:
    words = WORD.findall(group.upper())
    return bool(words) and TAG_WORDS.issuperset(words)


def _split_group(part: str) -> tuple[str, str]:
    grouped = LAST_GROUP.match(part)
    assert grouped is not None  # _kind said "grouped"
    return grouped["head"].rstrip(), grouped["group"].strip()


def _time_and_group(part: str) -> tuple[str, str | None]:
    """``NIGHT (formerly the office)`` as the time and the words in parentheses."""
    grouped = LAST_GROUP.match(part)
    if grouped is not None and looks_like_time(grouped["head"]):
        return grouped["head"].rstrip(), grouped["group"].strip()
    return part, None


def _tag_text(part: str) -> str:
    whole = WHOLE_GROUP.fullmatch(part)
    return whole.group(1).strip() if whole is not None else part


def split_prefix(text: str) -> tuple[IntExt | None, str, str]:
    """The INT/EXT prefix of a heading, the words before it and the text after it.

    The prefix starts the heading (``INT. DINER``, ``I/E ROVER``, ``INTERIOR - VAULT``) or, dotted,
    follows other capitals (``FLASHBACK - INT. VAN``: the words before are ``FLASHBACK``).

    Returns:
        INT, EXT or INT/EXT (None without a prefix), the words before it, the rest.
    """
    token = HEADING_PREFIX.match(text) or DOTTED_TOKEN.search(text)
    if token is None:
        return None, "", text
    prefix = token.group(0).upper()
    has_int = "INT" in prefix or prefix.startswith("I/") or prefix.endswith("/I")
    has_ext = "EXT" in prefix or "/E" in prefix or prefix.startswith(("E/", "EST"))
    int_ext = IntExt.INT_EXT if has_int and has_ext else IntExt.INT if has_int else IntExt.EXT
    return int_ext, text[: token.start()].strip(), text[token.end() :].strip()


def split_heading(text: str) -> HeadingParts:
    """``INT. DINER - KITCHEN - NIGHT - ON MARA`` as ``INT`` and its tail.

    Each call returns new objects (callers may change them); the reading is kept per text
    (``CACHED_HEADINGS``): a script repeats its headings, and the Fountain exporter reads every
    heading it writes back (1 MB of headings: 10 us of 14 per heading were this reading).

    Args:
        text: the heading without a Fountain ``#12#`` number or forcing dot, stripped.

    Returns:
        The INT/EXT prefix (None without one), the tail (location, time of day, shot, tags) and a
        scene number written before the heading or after its last part. Words before a mid-line
        prefix are a tag or a shot when they read as one (``FLASHBACK - INT. VAN``), else the start
        of the location.
    """
    int_ext, tail, number = _split_heading(text)
    return HeadingParts(int_ext, replace(tail, tags=list(tail.tags)), number)


CACHED_HEADINGS = 4096
"""Distinct heading texts whose reading is kept (a feature has a few hundred)."""


@lru_cache(maxsize=CACHED_HEADINGS)
def _split_heading(text: str) -> tuple[IntExt | None, HeadingTail, str | None]:
    number: str | None = None
    scene_word = SCENE_WORD.match(text)
    if scene_word is not None:
        number = scene_word.group(1)
        text = text[scene_word.end() :]
    int_ext, before, rest = split_prefix(text)
    tail = split_tail(rest, has_prefix=int_ext is not None)
    before = _clean(before)
    if before:
        kind = _kind(before)
        if kind == "tag":
            tail.tags.insert(0, _tag_text(before))
        elif kind == "shot":
            tail.shot = before if tail.shot is None else f"{before} - {tail.shot}"
        else:
            tail.location = f"{before} - {tail.location}" if tail.location else before
    return int_ext, tail, number or tail.number


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
