"""What the words of an action paragraph tell a director: props to insert, POV, camera moves.

Each rule is a named word list, so a reader sees why a shot got its insert, angle or move. The
lists are deliberately short and concrete: a false "chase" puts a whole scene on a handheld
camera, while a missed one only leaves a shot static.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.analysis.shots.model import Angle, Movement

PROPS = frozenset(
    """
    letter note notes envelope photo photograph picture phone cellphone telephone gun pistol
    revolver rifle shotgun knife blade sword key keys wallet clock ring necklace locket
    badge map book notebook diary journal newspaper paper papers folder document documents
    contract cheque cash money card cards ticket tickets bottle glass mug cup pill pills
    syringe needle radio tape cassette cd laptop computer screen monitor tv television
    camera briefcase bag suitcase box package gift bomb detonator lighter cigarette matches
    candle sign poster flyer menu receipt passport license plate bell
    """.split()  # noqa: SIM905 (a word list reads better as prose)
)
"""Objects that, named in action, earn an insert: what the audience must read or notice."""

_WRITTEN = re.compile(
    r"\b(reads|read|says|labell?ed|marked|written|engraved|inscribed|headline|caption|"
    r"text message|message)\b\s*:?",
    re.IGNORECASE,
)
"""Written details: a sign that reads, a note that says, a headline."""

_POV = re.compile(
    r"\bPOV\b|point of view|through (?:the |his |her |their )?"
    r"(?:binoculars|scope|rifle scope|viewfinder|peephole|keyhole|crosshairs|telescope)",
    re.IGNORECASE,
)
"""Only what asks for the character's view in so many words: "through the window" alone is
staging (a character seen through glass), not a POV."""

_MOVES: tuple[tuple[Movement, re.Pattern[str]], ...] = tuple(
    (move, re.compile(pattern, re.IGNORECASE))
    for move, pattern in (
        # Order matters: the first that matches names the move.
        (Movement.HANDHELD, r"\b(chas\w*|run(?:s|ning)?|ran|sprint\w*|flee\w*|fight\w*|"
                            r"scuffl\w*|struggl\w*|tackl\w*|punch\w*|races?|racing|bolts?)\b"),
        (Movement.TRACK, r"\b(drives?|driving|drove|speed(?:s|ing)|cruis(?:es|ing)|rides?|"
                         r"riding|gallop\w*|pulls? away|peels? out)\b"),
        (Movement.CRANE, r"\b(high above|far below|rises? (?:up )?(?:above|over)|the city below|"
                         r"skyline|rooftops?)\b"),
        (Movement.STEADICAM, r"\b(walk\w*|stroll\w*|wander\w*|strid\w*|march\w*|follow\w*|"
                             r"heads? (?:down|through|into|out)|crosses|leads? \w+ through)\b"),
        (Movement.DOLLY, r"\b(approach\w*|moves? (?:closer|toward|towards)|creep\w*|"
                         r"slowly (?:turns|realizes|realises)|closer)\b"),
        (Movement.TILT, r"\b(looks? up|looks? down|glances? (?:up|down)|climb\w*|falls?|"
                        r"drops?)\b"),
        (Movement.PAN, r"\b(turns? to|looks? around|scans?|surveys?|across the room|enters?|"
                       r"exits?)\b"),
    )
)  # fmt: skip

_ANGLES: tuple[tuple[Angle, re.Pattern[str]], ...] = tuple(
    (angle, re.compile(pattern, re.IGNORECASE))
    for angle, pattern in (
        (Angle.OVERHEAD, r"\b(from above|overhead|bird'?s[- ]eye|top[- ]down)\b"),
        (Angle.DUTCH, r"\b(dizzy|drunk\w*|disorient\w*|woozy|spinning|reels?|staggers?)\b"),
        (Angle.LOW, r"\b(towers? over|looms?|looming|looks? up at|stands? over)\b"),
        (Angle.HIGH, r"\b(looks? down at|tiny below|cowers?|crouch\w*|on the floor|"
                     r"on the ground)\b"),
    )
)  # fmt: skip

_ANY_ANGLE = re.compile("|".join(f"(?:{p.pattern})" for _, p in _ANGLES), re.IGNORECASE)
"""All of ``_ANGLES`` in one search: it matches exactly when one of them does, and ~97% of action
paragraphs name no angle, which then cost one search instead of four."""

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_CAPS_DETAIL = re.compile(r"^\s*[A-Z0-9 '\".,!?:&-]{3,}\s*$", re.MULTILINE)


def props_in(text: str) -> list[str]:
    """Props that earn an insert, in order of first mention, lower case, no repeats."""
    seen: list[str] = []
    for word in _WORD.findall(text):
        lowered = word.lower()
        if lowered in PROPS and lowered not in seen:
            seen.append(lowered)
    return seen


def written_detail(text: str) -> bool:
    """Whether the paragraph shows words the audience must read (a sign, a note, a headline)."""
    lines = text.splitlines()
    caps_lines = [line for line in lines[1:] if _CAPS_DETAIL.match(line) and line.strip()]
    return bool(_WRITTEN.search(text)) or bool(caps_lines)


def is_pov(text: str) -> bool:
    """Whether the action asks for a point-of-view shot."""
    return bool(_POV.search(text))


@lru_cache(maxsize=4096)  # the planner asks once per paragraph and once per chunk of it
def movement_in(text: str) -> Movement:
    """The camera move the action's verbs ask for; static when nothing moves."""
    for move, pattern in _MOVES:
        if pattern.search(text):
            return move
    return Movement.STATIC


def angle_in(text: str) -> Angle:
    """The angle the action asks for; eye level by default."""
    if _ANY_ANGLE.search(text) is None:
        return Angle.EYE_LEVEL
    for angle, pattern in _ANGLES:
        if pattern.search(text):
            return angle
    return Angle.EYE_LEVEL


def walks_and_talks(text: str) -> bool:
    """Whether characters move while talking: the dialogue after this action goes on Steadicam."""
    return movement_in(text) in (Movement.STEADICAM, Movement.TRACK)
