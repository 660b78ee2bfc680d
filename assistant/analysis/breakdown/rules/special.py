"""Special-effect rules: words an effect word only describes (``fire escape``, ``an explosive
smile``) and breakaways (``the railing snaps``)."""

from __future__ import annotations

import re

from assistant.analysis.breakdown.lexicon import Entry, Match, singular

_EFFECT_HEADS = frozenset((
    "escape", "escapes", "station", "department", "exit", "exits", "alarm", "alarms", "door",
    "doors", "chief", "marshal", "extinguisher", "extinguishers", "detector", "detectors",
    "cream", "cube", "cubes", "bucket", "pick", "skates", "rink", "coat", "coats", "boots",
    "globe", "jacket", "drain", "drains", "cellar", "trooper", "troopers", "pan", "plug",
    "plugs", "screen", "shield", "proof", "insurance", "drill", "pit", "ring", "sale",
))  # fmt: skip
"""Nouns that a practical-effect word right before them only describes: ``fire escape``,
``blast doors``, ``ice cream``, ``rain coat``, ``smoke alarm``, ``storm drain``."""
_FIGURATIVE_HEADS = frozenset((
    "smile", "smiles", "grin", "laugh", "laughter", "temper", "glare", "look", "looks", "stare",
    "mood", "energy", "kiss", "chemistry", "silence", "situation", "growth", "personality",
    "argument", "debate", "anger", "rage", "passion", "performance", "romance", "relationship",
    "combination", "mix", "red", "hair", "eyes", "speech", "style", "career", "start", "finish",
))  # fmt: skip
"""Nouns that an effect word right before them can only describe, as a figure: ``an explosive
smile``, ``a fiery temper``, ``a stormy look``, ``a blazing red``."""


_SHOOTING_AFTER = frozenset((
    "at", "again", "back", "twice", "wildly", "blindly", "into", "shots", "rounds", "round",
    "another", "repeatedly", "once",
))  # fmt: skip
"""Words after ``fires``/``fired``/``firing`` that make it shooting whatever the subject (``fires
at it``, ``fires back``): gunfire, not flames."""
_COUNTED_AFTER = frozenset(("a", "an", "two", "three", "four", "off"))
"""Words after ``fires`` that only make it shooting when a shot follows (``fires off a round``,
``fires two quick bursts``); else it is another verb (``fires two cooks``, sacks them)."""
_SHOT_NOUNS = frozenset((
    "shot", "shots", "round", "rounds", "burst", "bursts", "volley", "volleys", "salvo",
    "flare", "flares", "rocket", "rockets", "missile", "missiles", "bullet", "bullets", "dart",
    "darts", "arrow", "arrows", "harpoon", "torpedo",
))  # fmt: skip
"""What a gun or a launcher fires: a shot noun within two words of ``fires a``/``fires off``."""
_WINDING = frozenset((
    "up", "down", "its", "their", "his", "her", "back", "around", "round", "along", "toward",
    "towards",
))  # fmt: skip
"""Words after ``wind``/``winds`` that make it the verb (``the pair wind up soaked``, ``the road
winds its way``): no weather."""
WATER_AFTER_OF = re.compile(r"\s+of\s+(?:[a-z]+\s+)?(?:water|sea|spray|foam|surf|seawater|mud)\b")
_NO_THUNDER_BEFORE = frozenset(("the", "a", "of", "distant", "rolling", "and", "loud"))


def effect_sense(
    lower: str, previous: str, following: str, water_next: bool, then: tuple[str, ...] = ()
) -> str | None:
    """The sense the next and previous words give an effect word: ``"gunfire"``, ``"none"``
    (a verb or a figure: no effect) or None (as listed). A figure: ``a wave of sorrow`` (not
    ``a wave of water``: ``water_next``, a water word after ``of``); verbs:
    ``the pair wind up``, ``the engine thunders overhead`` (a loud sound, not a storm). ``then``:
    the (lower-case) words after ``following``, read for a shot after ``fires a``."""
    if lower in ("fires", "fired", "firing") and following in _SHOOTING_AFTER:
        return "gunfire"
    if lower in ("fires", "fired", "firing") and following in _COUNTED_AFTER:
        return "gunfire" if _SHOT_NOUNS.intersection(then[:2]) else "none"
    if lower in ("wave", "waves") and following == "of" and not water_next:
        return "none"
    if lower in ("wind", "winds") and following in _WINDING:
        return "none"
    if lower in ("thunders", "thundered") and previous.lower() not in _NO_THUNDER_BEFORE:
        return "none"
    return None


_EFFECT_CATEGORIES = frozenset(("special_effects", "visual_effects"))
_STIRRED_BY = re.compile(
    r"\s+with\s+(?:(?:the|their|his|her|its|nervous|loud|wild|sudden|helpless)\s+)?"
    r"(?:laughter|laughs|laughing|giggles|giggling|mirth|applause|cheers|cheering|sobs|sobbing|"
    r"tears|rage|anger|fury|fear|terror|emotion|excitement|joy|delight|glee|grief|pride|nerves|"
    r"anticipation|relief|anguish|song|singing)\b",
    re.IGNORECASE,
)
"""``with`` and a people's sound or feeling after an effect word: ``the room shakes with
laughter``, ``the hall explodes with applause``, a figure for the people in it, not a rig."""


def stirred_by_people(text: str, end: int) -> bool:
    """Whether the words after an effect hit ending at ``end`` make it a figure for people's
    laughter, applause or feeling (``shakes with laughter``): no effect."""
    return _STIRRED_BY.match(text, end) is not None


_BREAKABLE = (
    r"window|windows|windshield|glass|pane|mirror|railing|rail|wall|walls|door|doors|table|"
    r"chair|mast|deck|roof|ceiling|bottle|floor|beam|pillar|column|fence|staircase|shelf|"
    r"shelves|machinery|bridge|vase|lamp|screen"
)
_BREAKS = (
    r"snaps|snap|snapping|bends|bending|breaks|break|breaking|shatters|shattering|smashes|"
    r"smashing|collapses|collapsing|splinters|splintering|crumbles|crumbling|buckles|"
    r"buckling|caves in|gives way|giving way|tears loose|tearing loose|explodes inward|cracks"
)
_BROKEN = re.compile(
    rf"\b(?:(?:{_BREAKABLE})\s+)?(?P<thing>{_BREAKABLE})\b(?:\s+[a-z]+){{0,2}}?\s+(?:{_BREAKS})\b"
    rf"|\b(?:{_BREAKS}|crashes through|blasts out|kicks in|kicks down)\s+(?:the\s+|a\s+|an\s+)?"
    rf"(?:[a-z]+\s+)?(?P<object>{_BREAKABLE})\b",
    re.IGNORECASE,
)
"""A thing of the set that snaps, shatters or gives way, or that someone smashes: a breakaway
(a special effect built to break), ``the railing snaps``, ``smashes the window``. The gaps are
bounded (two words at most), so one pass over a paragraph is linear. Of two breakable words the
second is the thing: ``the glass door shatters`` is a door (``glass`` before ``door`` reads as
the ``fire door`` kind of word, and ``refine`` dropped it)."""


_BREAKS_ANYWHERE = re.compile(
    rf"\b(?:{_BREAKS}|crashes through|blasts out|kicks in|kicks down)\b", re.IGNORECASE
)
"""The verbs every ``_BROKEN`` match holds (whole words): most paragraphs have none, and this
one-list search costs about half of ``_BROKEN``'s two-list one."""


def breakaway_matches(text: str) -> list[Match]:
    """Breakaways in an action paragraph: ``breakaway railing`` for ``the railing snaps``."""
    found: list[Match] = []
    if _BREAKS_ANYWHERE.search(text) is None:
        return found
    for hit in _BROKEN.finditer(text):
        thing = (hit.group("thing") or hit.group("object") or "").lower()
        name = f"breakaway {singular(thing)}"
        start, end = hit.span("thing") if hit.group("thing") else hit.span("object")
        entry = Entry("special_effects", name, implied=True)
        found.append(Match(entry, start, end, text[start:end], None))
    return found
