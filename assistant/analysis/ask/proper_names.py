"""Questions asking which named place or body ("Which college is Ada going to?", "What team
do they play?"): the answer is a proper name, so a line about the college that never names it
is no answer.

A proper name here is a run of title-case words inside a sentence (after a lower-case word, a
comma or a semicolon: a sentence's first word is capitalised anyway) or of words in capitals,
with a word the script never writes in lower case, no word of the question (``FALCONS`` beside
the school the question names is that school's own team) and no character's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.analysis.ask.script_facts import SceneFacts
    from assistant.analysis.ask.sentence_ranking import Support

NAMED_TOP = 5
"""Best sentences of which one (or the one after it) must hold a proper name; those that hold
one come first (on v5 as tuning data and the five tuning files, 8 gave the same answers)."""

NAMED_KINDS = (
    "team|college|university|school|restaurant|bar|club|hotel|company|firm|band|city|town|"
    "street|store|shop|church|hospital|newspaper|magazine|brand|studio|agency|bank|casino|motel"
)
_ASKS = re.compile(rf"\b(?:which|what)\s+(?:[a-z]+\s+)?(?P<kind>{NAMED_KINDS})(?:e?s)?\b", re.I)
"""A question asking which of a kind of named thing: "which sperm bank", "what school"."""
_RUN = re.compile(
    r"(?<![\w'’])(?!(?:The|A|An)\s)(?:[A-Z][A-Za-z'’&.-]*)(?:\s+(?:of\s+|the\s+)?[A-Z][A-Za-z'’&.-]*)*"
)
_INSIDE = re.compile(r"[a-z,;] ")
_END = re.compile(r"\s*[!?.…-]*\s*")
_COMMON = frozenset({"i", "i'm", "i'll", "i've", "i'd", "ok", "okay", "tv", "mom", "dad", "god"})
"""Title-case words inside speech that name nothing asked for."""


def asked_named_kind(question: str) -> str | None:
    """The kind of named thing the question asks which of (``college``); None otherwise."""
    match = _ASKS.search(question)
    return match.group("kind").lower() if match else None


def holds_proper_name(text: str, skip: set[str], lower: Callable[[str], bool]) -> bool:
    """True when ``text`` holds a proper name (the module docstring); ``skip``: lower-case
    words that name nothing new (the question's, the characters'); ``lower``: whether the
    script writes a word in lower case."""
    for match in _RUN.finditer(text):
        words = [w.strip("'’.-&").lower() for w in match.group().split()]
        words = [w.removesuffix("'s").removesuffix("’s") for w in words if w]
        capitals = match.group().isupper() and len(match.group()) > 1
        inside = bool(_INSIDE.fullmatch(text[max(0, match.start() - 2) : match.start()]))
        if not (inside or capitals) or not words:
            continue
        # "a LAMPLIGHTER", "a Breton place": what follows "a" is a kind, not a name
        if re.search(r"\b(?:a|an)\s+$", text[max(0, match.start() - 4) : match.start()], re.I):
            continue
        # An address ends the line after a comma ("Sit down, Big Man!"): it names no place.
        before = text[max(0, match.start() - 2) : match.start()]
        if before == ", " and _END.fullmatch(text[match.end() :]):
            continue
        if any(w in skip for w in words):
            continue
        if any(w not in _COMMON and w not in {"of", "the"} and not lower(w) for w in words):
            return True
    return False


def with_names_first(
    ranked: list[Support], scenes: list[SceneFacts], skip: set[str], lower: Callable[[str], bool]
) -> list[Support] | None:
    """``ranked`` with those of its ``NAMED_TOP`` best sentences that hold a proper name first
    (the sentence itself before the one after it); None when none of them, nor the sentences
    after them, holds one: the answer is not in the scenes."""

    def level(support: Support) -> int:
        near = scenes[support.scene.index].units[support.position : support.position + 2]
        found = [holds_proper_name(u.text, skip, lower) for u in near]
        return 2 if found[0] else 1 if any(found) else 0

    levels = [level(s) for s in ranked[:NAMED_TOP]]
    if not any(levels):
        return None
    order = sorted(range(len(levels)), key=lambda i: -levels[i])
    return [*(ranked[i] for i in order), *ranked[NAMED_TOP:]]
