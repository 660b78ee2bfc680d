"""Scene headings in plain-text scripts: finding them and splitting them into their parts.

Real headings are messier than ``INT. HOUSE - NIGHT``: ``INTERIOR - VAULT``,
``EXT     THE DIG     DAY`` (no period, columns of spaces), ``INT/ EXT. CAR``,
``FLASHBACK - INT. VAN``, ``SCENE 5 - EXT. STREET``,
``OMIT: INT. BOOKSTORE``, a heading glued to the end of the previous sentence after a PDF conversion
(``...the city. EXT. MOS ESPA - DAY``), and headings with no prefix at all
(``405 FREEWAY - LOS ANGELES - EARLY EVENING``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.script.model import IntExt, SceneHeading
from assistant.script.plaintext_lines import is_uppercase, word_set

_WORD = r"(?:INT(?:ERIOR)?|EXT(?:ERIOR)?)"
_PREFIX = re.compile(
    rf"^(?P<prefix>I/E|E/I|{_WORD}(?:\.?\s?[/&-]\s?{_WORD}\b)?)(?P<sep>\.|:|\s*[-–]+|\s+|$)"
)
# Mid-line, only the dotted forms count (as in the reference segmentation): "city. EXT. MOS ESPA".
_DOTTED_TOKEN = re.compile(
    r"(?<![A-Za-z./])(?:INT\./EXT\.|EXT\./INT\.|INT/EXT\.|EXT/INT\.|INT\.|EXT\.|I/E\.)(?=\s|$)"
)
_SCENE_WORD = re.compile(r"^SCENE\s+(\d+[A-Z]?)\s*[-:.]\s*", re.IGNORECASE)
_TRAILING_NUMBER = re.compile(r"\b([A-Z]+)(?:\.\s*|\s+)(\d{1,4}[A-Z]?)$")
_SEPARATOR = re.compile(r"\s+[-–—]+\s*|\s*[-–—]{2,}\s*|[-–—]\s+|\s{3,}|\s*/\s+")
_TIME_WORDS = word_set(
    "DAY NIGHT MORNING EVENING AFTERNOON DUSK DAWN SUNSET SUNRISE TWILIGHT NOON MIDNIGHT "
    "LATER CONTINUOUS SAME TIME MOMENTS PRESENT MAGIC HOUR DAYBREAK NIGHTFALL EARLY LATE "
    "FLASHBACK SIMULTANEOUS MORN NITE"
)
# A time segment is short: "EARLY EVENING", "MOMENTS LATER", "SAME TIME", "LATE AFTERNOON".
_MAX_TIME_WORDS = 4
_SHOT_WORDS = word_set(
    "ANGLE CLOSE CLOSEUP INSERT POV BACK WIDE TIGHT EXTREME REVERSE ON OVER SHOT FAVORING "
    "CAMERA MONTAGE SERIES INTERCUT SUPER TITLE MOVING"
)


def looks_like_time(segment: str) -> bool:
    """Whether a heading segment names a time of day (``NIGHT``, ``MOMENTS LATER``, ``DUSK``)."""
    words = re.findall(r"[A-Z]+", segment.upper())
    return 0 < len(words) <= _MAX_TIME_WORDS and any(w in _TIME_WORDS for w in words)


@dataclass(frozen=True)
class HeadingMatch:
    heading: SceneHeading | None
    """None for a scene break found in prose (a transcript's ``Cut to the office.``)."""
    before: str = ""
    """Text before the heading on its line (``the city.``): it belongs to the previous element."""
    after: str = ""
    """Prose run on after the heading (``INT. LAB - DAY Mara enters``): the scene's first action."""


_PROSE_START = re.compile(r"^(?:[A-Z][a-z’']+|[AI])\s+[a-z]")


def _split_prose(text: str) -> tuple[str, str]:
    """Split ``INT. LAB - DAY Mara walks in`` into the heading in capitals and the prose after."""
    tokens = list(re.finditer(r"\S+", text))
    for k, token in enumerate(tokens):
        if k == 0:
            continue
        rest = text[token.start() :]
        if _PROSE_START.match(rest) and is_uppercase(text[: token.start()]):
            return text[: token.start()].rstrip(), rest
    return text, ""


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(" .:-")


def parse_heading(text: str, scene_number: str | None = None) -> SceneHeading:
    """Split heading text into INT/EXT, location and time of day.

    Args:
        text: the heading without margin scene numbers, e.g. ``INT. DINER - KITCHEN - NIGHT``.
        scene_number: a number found in the margins, if any.

    Returns:
        The parsed heading; ``int_ext`` is None for headings without a prefix.
    """
    body = text.strip()
    trailing = _TRAILING_NUMBER.search(body)
    if trailing and trailing.group(1) in _TIME_WORDS:
        # "INT. FURNACE ROOM - NIGHT 36": a scene number after the time, one space away.
        scene_number = scene_number or trailing.group(2)
        body = text = body[: trailing.start(2)].rstrip()
    scene_word = _SCENE_WORD.match(body)
    if scene_word:
        scene_number = scene_number or scene_word.group(1)
        body = body[scene_word.end() :]
    int_ext: IntExt | None = None
    rest = body
    token = _PREFIX.match(body) or _DOTTED_TOKEN.search(body)
    if token is not None:
        prefix = token.group(0).upper()
        has_int = "INT" in prefix or prefix.startswith("I/") or prefix.endswith("/I")
        has_ext = "EXT" in prefix or "/E" in prefix or prefix.startswith("E/")
        int_ext = IntExt.INT if has_int else IntExt.EXT
        if has_int and has_ext:
            int_ext = IntExt.INT_EXT
        rest = body[token.end() :]
    parts = [p for p in (_clean(p) for p in _SEPARATOR.split(rest)) if p]
    notes = [parts.pop()] if len(parts) > 1 and parts[-1].startswith("(") else []
    time_of_day: str | None = None
    if len(parts) > 1 and looks_like_time(parts[-1]):
        time_of_day = parts.pop()
    elif len(parts) == 1 and int_ext is not None:
        # "EXT. HOUSE NIGHT" or "INT. CAR. DAY." without a dash before the time.
        words = parts[0].split(" ")
        if len(words) > 1 and words[-1].strip(".") in _TIME_WORDS:
            time_of_day = words[-1].strip(".")
            parts = [" ".join(words[:-1]).rstrip(" .")]
    parts += notes
    return SceneHeading(
        text=_clean(text) or text.strip(),
        int_ext=int_ext,
        location=" - ".join(parts),
        time_of_day=time_of_day,
        scene_number=scene_number,
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
    body = _SCENE_WORD.sub("", text) if _SCENE_WORD.match(text) else text
    start = _PREFIX.match(body)
    if start is not None:
        if is_uppercase(body) and len(body) <= 120:
            return HeadingMatch(parse_heading(text, scene_number))
        head, after = _split_prose(text)
        if after and len(head.split()) >= 2:
            return HeadingMatch(parse_heading(head, scene_number), after=after)
        dotted = _DOTTED_TOKEN.match(body) is not None or "ERIOR" in start.group("prefix")
        if dotted and len(body) <= 90:
            # "INT.  hemocyte VILLAGE - NIGHT", "INT. ALLEY - NIGHT (change to DAY)"
            return HeadingMatch(parse_heading(text, scene_number))
        return None
    for token in _DOTTED_TOKEN.finditer(text):
        tail, after = _split_prose(text[token.start() :])
        if not is_uppercase(tail) or len(tail) > 120:
            continue
        before = text[: token.start()].strip()
        if not before or is_uppercase(before):
            if before and not re.search(r"[A-Z]{3}", before):
                # "C)" or "67A67A" or a stray bullet: a scene number, not words.
                digits = re.search(r"\d+[A-Z]*", before)
                number = scene_number or (digits.group(0) if digits else None)
                return HeadingMatch(parse_heading(tail, number), after=after)
            return HeadingMatch(parse_heading(before + " " + tail, scene_number), after=after)
        return HeadingMatch(parse_heading(tail, scene_number), before, after)
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
    parts = [p for p in _SEPARATOR.split(text) if p.strip()]
    if len(parts) < 2 or not looks_like_time(parts[-1]):
        return False
    first = re.findall(r"[A-Z']+", parts[0].upper())
    return bool(first) and first[0] not in _SHOT_WORDS and not text.rstrip().endswith(("!", "?"))
