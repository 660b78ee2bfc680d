"""Answer-type aware retrieval: a question that asks for a kind of fact (a year, an age, a sum,
a season, a length of time...) points at the scenes that hold one, even when they share no word
with it ("What year do the school scenes take place?" against a title card reading ``MAY
1987`` over a scene whose heading names the district, not the city).

``type_bonus`` gives such scenes a share of the best BM25 score, as ``query_fields`` does for
names and order, so the candidates whose sentences are embedded include them. A kind that many
scenes hold (colours, most sums) says little about where the answer is, so the share shrinks
with the number of scenes holding it.
"""

from __future__ import annotations

import re

from assistant.analysis.ask.fact_kinds import FACT_KINDS
from assistant.analysis.ask.script_facts import ScriptFacts

TYPE_BONUS = 1.0
"""Share of the best BM25 score given to a scene holding the asked-for kind of fact, when at
most ``RARE_SCENES`` scenes hold one; fewer when more do (docs/chat.md)."""
RARE_SCENES = 8
"""Scenes holding the kind up to which each gets the whole ``TYPE_BONUS``."""

_SEASON_ASKED = re.compile(r"\b(what|which) (season|time of year)\b", re.I)
_SEASON_CAPS = re.compile(
    r"\b(SPRING|SUMMER|AUTUMN|FALL|WINTER)\b|"
    r"\b(?i:it'?s|it is)\s+(?i:(?:late|early|mid)[- ])?(?i:spring|summer|autumn|fall|winter)\b|"
    r"\b(?i:spring|summer|autumn|fall|winter),?\s+(?:of\s+)?(1[5-9]\d\d|20\d\d)\b"
)
"""A season as the script states it: in capitals (``It's FALL.``), as what it is (``it's late
summer``) or with its year (``Winter 1952``); not one in passing ("spring break", a thing that
falls)."""
_DURATION_ASKED = re.compile(
    r"^\W*how long\b(?!\s+(is|are|was|were)\s+(the|his|her|its|their|a|an)\s+\w+\s*\??$)"
    r"(?!.*\bbe\W*$)",
    re.I,
)
""""How long would it take...", "How long has Ada been away?"; not a thing's length ("How long
is the bridge?", "How long must the letter be?")."""
_DURATION = re.compile(
    # A number starts where its run starts, as in _MONEY (quadratic on "1,1,1,..." otherwise).
    r"\b((?<![\d,.])\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|few|several)"
    r"(-\w+)?(-|\s+)(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(y|ies))\b",
    re.I,
)
"""A length of time: ``seventy-five years``, ``10 minutes``, ``a few weeks``."""


_YEAR_ASKED = FACT_KINDS[0][1]
_ON_SCREEN_YEAR = re.compile(
    r"^\W*(SUPERIMPOSE|SUPER|TITLE|TITLES|CARD|TITLE CARD|CAPTION|CHYRON|INSERT)\b.*"
    r"\b(1[5-9]\d\d|20\d\d)\b",
    re.I | re.M,
)
"""A year put on screen (``SUPERIMPOSE: ... - MAY 1987``): it sets the story. A year said in a
line or in passing ("a song from 1977") does not, and a scene holding one must keep earning
its place by the question's words, or an unanswerable "What year is it set?" gets one."""


def asked_type(question: str) -> re.Pattern[str] | None:
    """The pattern of the text holding the kind of fact ``question`` asks for, or None.

    Only kinds that say where the answer is: a year on screen, a season, a length of time.
    The others (an age, a sum, a colour) are held by too many scenes in passing, and pulling
    those scenes in made unanswerable questions answered (docs/chat.md)."""
    if _YEAR_ASKED.search(question):
        return _ON_SCREEN_YEAR
    if _SEASON_ASKED.search(question):
        return _SEASON_CAPS
    if _DURATION_ASKED.search(question):
        return _DURATION
    return None


def type_bonus(question: str, facts: ScriptFacts) -> dict[int, float]:
    """Per scene, the share of the best BM25 score to add for holding what is asked for."""
    pattern = asked_type(question)
    if pattern is None:
        return {}
    holding = [s.index for s in facts.scenes if s.heading and pattern.search(s.text)]
    if not holding:
        return {}
    share = TYPE_BONUS * min(1.0, RARE_SCENES / len(holding))
    return dict.fromkeys(holding, share)
