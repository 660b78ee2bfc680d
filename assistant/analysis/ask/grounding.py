"""Checking a generated answer against the text it was given: names, numbers and key nouns.

A small model invents titles, years and names; an answer is shown as fact only when every number
and every capitalised name in it occurs in the retrieved text (or the question), at most
``NOUN_SLACK`` of its other content words are new, and it adds something to the question
(``adds_nothing``). Otherwise the caller falls back to the extractive answer and says why.
"""

from __future__ import annotations

import re

from assistant.analysis.ask.retrieval import stem, tokenize

NOUN_SLACK = 0.34
"""Share of an answer's content words (not names or numbers) that may be absent from the text:
connecting words a fluent answer needs ("because", "decides")."""

_NUMBER = re.compile(r"\d[\d,.:]*\d|\d")
_CAPITALISED = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][a-zA-Z'’-]+")
_DECLINES = re.compile(
    r"\b(do(es)? not|don't|doesn't|cannot|can't) (say|mention|tell|specify|state)\b|"
    r"\bnot (mentioned|specified|stated)\b|\bno information\b",
    re.IGNORECASE,
)
_ALWAYS = frozenset({"I", "Scene", "Scenes", "The", "INT", "EXT", "Yes", "No", "He", "She"})
_FREE_WORDS = frozenset(
    {"say", "tell", "told", "ask", "answer", "reply", "think", "know", "want", "come", "take"}
    | {"make", "give", "find", "look", "see", "scene", "script", "character"}
)
"""Words an answer may use without the text holding them: reporting a line needs "says"."""


def declines(answer: str) -> bool:
    """True when the answer says the text does not hold the answer."""
    return bool(_DECLINES.search(answer))


def adds_nothing(answer: str, question: str) -> bool:
    """True when every content word of the answer is already in the question: an echo of the
    question ("Where does McClane hide the gun?") or a tautology ("Vernon's first name is
    Vernon"), which the tiny default model writes often and which no text can contradict."""
    asked = set(tokenize(question))
    said = {w for w in tokenize(answer) if w not in _FREE_WORDS}
    return not (said - asked)


def unsupported(answer: str, source: str, question: str) -> list[str]:
    """The names, numbers and (past the slack) key nouns of ``answer`` absent from ``source``.

    Args:
        answer: what the model wrote.
        source: the retrieved text the model was given (scenes and lines).
        question: the question (its own words count as supported).

    Returns:
        The unsupported words, in answer order; empty means grounded.
    """
    known_text = f"{source}\n{question}".lower().replace("’", "'")
    known = set(tokenize(known_text)) | {stem(w) for w in re.findall(r"[a-z0-9]+", known_text)}
    missing: list[str] = []
    for number in _NUMBER.findall(answer):
        if number.replace(",", "") not in known_text.replace(",", ""):
            missing.append(number)
    for name in _CAPITALISED.findall(answer):
        clean = name.strip("'’").removesuffix("'s").removesuffix("’s")
        if clean in _ALWAYS or not clean:
            continue
        if clean.lower() not in known_text:
            missing.append(clean)
    nouns = [
        w for w in tokenize(answer) if len(w) >= 4 and not w.isdigit() and w not in _FREE_WORDS
    ]
    absent = [w for w in nouns if w not in known]
    if nouns and len(absent) / len(nouns) > NOUN_SLACK:
        missing.extend(absent)
    return list({word.lower(): word for word in reversed(missing)}.values())[::-1]
