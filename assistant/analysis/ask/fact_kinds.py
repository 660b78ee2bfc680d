"""The kinds of fact a question can ask for (a year, an age, a sum, a number, a colour, a
distance), how a question asks for each, and what a sentence holding one looks like: when no
sentence of the retrieved scenes holds the kind asked for, the answer is "not in the script".
"""

from __future__ import annotations

import re

_ARTICLE = "".join(rf"(?<!\b{w} )" for w in ("[Aa]", "[Aa]n", "[Tt]he"))
"""Not after an article: ``a twenty`` handed over is a note, not an age (a possessive is no
article there: ``her forty-one years`` is one)."""
_OWNED = _ARTICLE + "".join(
    rf"(?<!\b{w} )" for w in ("[Hh]is", "[Hh]er", "[Mm]y", "[Yy]our", "[Oo]ur", "[Tt]heir",
                              "[Ii]ts")
)  # fmt: skip
"""Not after an article or a possessive: a year there belongs to a thing (``a 1968 Cutlass``,
``his 1957 Chevy``)."""
_YEAR = re.compile(
    rf"{_OWNED}\b(1[5-9]\d\d|20\d\d)\b(?!\s+[A-Z]{{2}})|\b(1[5-9]\d\d|20\d\d)\b(?!\s+[A-Z])"
)
"""A year written in full: "in '88" in a line of dialogue is a memory more often than the
story's year (Juno). Not a model year: after an article or a possessive and before a
capitalised word (``a 1968 Cutlass``, ``his 1957 Chevy``), or before a thing introduced in
capitals (``his treasured 1966 MARLIN COUPE``), the year of a car, not the story's."""
_DIGITS = re.compile(r"\d")
_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion"
)
_AGE_WORD = (
    r"(?:thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety)"
)
_AGE_SAID = (
    r"(?:\b(?:i'?m|i am|you'?re|you are|he'?s|she'?s|he is|she is|is|was|am|are|were|be|been|"
    r"being|turned|turns|turning|turn|aged|age|at|of|only|just|nearly|almost|over|under|about|"
    r"barely|his|her|my|your|their)\s+|(?-i:(?<![\w'’-])[A-Z][\w'’-]*),\s+)"
)
"""What a bare age word follows when it is an age ("I'm sixteen", "she turned forty", "at
fifteen", "her sixty-two years", a name's apposition: "Mina, twenty-six,"): a number word
after a thing's possessive ("the water's fifty-five") or counting something is not one. A name
starts where its run of letters, hyphens and apostrophes starts (quadratic on "A-A-A-..."
otherwise)."""
_HYPOTHETICAL = "".join(
    rf"(?<!\b{lead} {who} {verb} )"
    for lead in ("if", "suppose", "imagine", "pretend", "say")
    for who in ("I", "you", "he", "she", "we", "they")
    for verb in ("were", "was")
)
"""Not in a hypothetical: a conditional that imagines someone at an age gives no one's age
(case-insensitive with ``_AGE``)."""
_AGE = re.compile(
    rf"{_HYPOTHETICAL}(?:"
    r"\b\d{1,3}\s*(?:years?|yrs?)(?:[- ]old)?\b|\(\s*\d{1,2}\s*\)|\b\d0'?s\b|"
    r"\b(?:teen|teens|teenage|teenager|twenties|thirties|forties|fifties|sixties|seventies|"
    rf"eighties)\b|\b{_AGE_WORD}(?:-\w+)?-(?:years?-old|something)\b|"
    # "a twenty" handed over, "the fifty" on the bar: a note, not an age
    rf"{_AGE_SAID}{_HYPOTHETICAL}{_ARTICLE}\b{_AGE_WORD}(?!-(?:inch|foot|feet|yard|mile|pound|ton|"
    r"minute|hour|day|week|page|stor(?:e)?y|gallon|man|dollar))(?:-\w+)?\b(?!(?:-\w+)?\s+(?:minutes?|hours?|"
    r"seconds?|days?|weeks?|months?|dollars?|bucks|grand|cents?|feet|foot|yards?|miles?|times|"
    r"percent|floors?|stor(?:ey|ie)s|people|men|pounds?|degrees?)\b)|\b\w+ years? old\b)",
    re.IGNORECASE,
)
"""An age: ``16 years old``, ``(30)``, ``30s``, ``sixteen``, ``late forties``, ``a
twenty-year-old``; a bare number ("on May 4") is not one, nor a number word counting something
else ("twenty minutes", a "sixteen-inch knife", "seventy degrees"), after an article ("a
twenty": a note) or in a
hypothetical (a conditional that imagines an age)."""
_MONEY = re.compile(
    # A number starts where its run starts, as in _DISTANCE (quadratic on "1,1,1,..." otherwise).
    rf"\$\s?\d|\b(?<!\d)(?<!\d[,.])\d[\d,.]*\s*(dollars|bucks|grand|million|thousand)\b|"
    rf"\b({_NUMBER_WORDS})\s+(dollars|bucks|grand)\b|"
    rf"\b({_NUMBER_WORDS})(\s+point\s+({_NUMBER_WORDS}))?\s+(million|billion)\b|"
    rf"\b({_NUMBER_WORDS}|a)\s+hundred\s+thousand\b",
    re.IGNORECASE,
)
"""A sum: ``$800``, ``20 million``, ``a thousand dollars``, ``one point five million``,
``six hundred thousand``, ``a hundred thousand``."""
_DISTANCE = re.compile(
    # A number starts where a run of digits, commas and points starts: started at every digit of
    # "1,1,1,..." the run is read to its end each time (quadratic; 100,000 characters took 80 s).
    rf"\b((?<!\d)(?<!\d[,.])\d[\d,.]*|{_NUMBER_WORDS}|(thir|four|six|seven|eigh|nine)teen)"
    r"(-|\s+)(miles?|kilomet(er|re)s?|km|feet|foot|ft|yards?|blocks?|met(er|re)s?)\b|"
    # "a mile", "half a mile", "a block away" ("a foot", "a yard" are as often a limb, a place)
    r"\ban?\s+(mile|kilomet(er|re)|block)\b",
    re.IGNORECASE,
)
_COLOUR = re.compile(
    r"\b(red|blue|green|yellow|black|white|grey|gray|brown|pink|purple|orange|silver|gold)\b",
    re.IGNORECASE,
)
FACT_KINDS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    (
        "a year",
        re.compile(r"\b(what|which) years?\b|\bin what year\b|\byear (is it|does|did)\b|"
                   r"\bwhen (is|was) (the story|the film|it|this) set\b|\bwhat decade\b", re.I),
        _YEAR,
    ),
    ("an age", re.compile(r"\bhow old\b|\bwhat age\b|\bage of\b", re.I), _AGE),
    (
        "a sum of money",
        # "How much reward do they offer?" asks for a sum as surely as "how much money"
        re.compile(r"\bhow much\b.*\b(money|cash|cost|costs|worth|paid|pay|earn|earns|reward|"
                   r"bounty|ransom|fee|fees|fine|rent|debt|loan|bribe|wages?|charges?|"
                   r"charged)\b|"
                   r"\bprice\b|\bcost\b|\bsalary\b", re.I),
        _MONEY,
    ),
    (
        "a number",
        re.compile(r"\bphone number\b|\baddress\b|\bzip code\b|\blicen[cs]e plate\b|"
                   r"\bbadge number\b|\broom number\b", re.I),
        _DIGITS,
    ),
    ("a colour", re.compile(r"\bwhat colou?r\b", re.I), _COLOUR),
    # Not progress: "how far along" a pregnancy, "how far back", "how far did Ray get" in school.
    ("a distance", re.compile(r"\bhow far\b(?!\s+(along|back|ahead|behind|into|gone)\b)"
                              r"(?!(\s+\S+){1,3}\s+get\b)|"
                              r"\bhow many (miles|kilomet(er|re)s|blocks)\b", re.I), _DISTANCE),
)  # fmt: skip
"""(what is asked for, how a question asks for it, what text holding it looks like)."""


def asked_kind(question: str) -> tuple[str, re.Pattern[str]] | None:
    """What kind of fact the question asks for, with its pattern; None when it asks for none."""
    for kind, asks, holds in FACT_KINDS:
        if asks.search(question):
            return kind, holds
    return None
