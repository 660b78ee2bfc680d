"""Cross-checks between ranking sentences and answering: is the thing a question asks about in
the script at all?

Two cross-checks say "not in the script" where the ranking alone would answer:
- a question asking what something is called ("What is the name of Juno's dog?") whose thing
  (``dog``) the script never mentions: a sentence holding the character's name and "name" is
  not an answer;
- a question asking for a sum, a number, an age or a colour, where no sentence holding one also
  shares (itself or next to it) a topic word of the question: "$800" to fix a guitar does not
  say what an adoption costs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.analysis.ask.retrieval import tokenize

if TYPE_CHECKING:
    from assistant.analysis.ask.extractive import Support
    from assistant.analysis.scene_text import TextUnit

_NAMING = re.compile(r"\b(name|names|named|called|call)\b", re.I)
_KIND_WORDS = frozenset(
    tokenize(
        "how much many money cash cost costs price pay paid earn earns worth salary old age "
        "year years colour color number address phone code zip plate badge room what which"
    )
)
"""Words that ask for the kind of fact rather than say what the question is about."""


def unmentioned_thing(question: str, known: Callable[[str], bool], names: set[str]) -> str | None:
    """For a question asking what something is called, a word of it the script never uses
    (``known``: whether some sentence holds a token; ``names``: tokens of the characters it
    names)."""
    if not _NAMING.search(question):
        return None
    for token in tokenize(question):
        if token in names or token in _KIND_WORDS or _NAMING.fullmatch(token):
            continue
        if not known(token):
            return token
    return None


def topical(question: str, support: Support, units: list[TextUnit]) -> bool:
    """True when the sentence, or one next to it in its scene (``units``), shares a word of the
    question that is not one of the words asking for the kind of fact."""
    topic = set(tokenize(question)) - _KIND_WORDS
    if not topic:
        return True
    for unit in units[max(0, support.position - 1) : support.position + 2]:
        words = set(tokenize(unit.text))
        if unit.speaker:
            words |= set(tokenize(unit.speaker))
        if words & topic:
            return True
    return False
