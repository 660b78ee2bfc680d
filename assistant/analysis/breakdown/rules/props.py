"""Prop rules: a material word that names the kind of the next noun (``glass doors``), a mirror
that is part of a car or a set."""

from __future__ import annotations

_MATERIALS = frozenset(
    ("glass", "pipe", "box", "card", "chain", "rope", "wire", "picture", "paper", "flag")
)
"""Prop words that are often a material or kind of the next noun: ``glass doors``, ``pipe
organ``, ``card table``, ``rope ladder``, ``picture window``."""
_FUNCTION_WORDS = frozenset((
    "of", "in", "on", "at", "to", "with", "and", "or", "from", "into", "onto", "behind", "under",
    "over", "the", "a", "an", "his", "her", "its", "their", "my", "your", "our", "is", "are",
    "was", "were", "that", "which", "as", "he", "she", "it", "they", "off", "out", "up", "down",
    "away", "back", "for", "by", "then", "but", "near", "beside", "against", "through", "across",
    "toward", "towards", "around", "aside", "too", "still", "again", "here", "there", "now",
    "just", "slowly",
))  # fmt: skip


def _is_function_or_verb(word: str) -> bool:
    """A word after a noun that leaves the noun a thing of its own (``a glass of``, ``the glass
    shatters``, ``the rope tightening``), not one that it describes (``glass doors``)."""
    if word in _MADE_OF:
        return False
    return word in _FUNCTION_WORDS or word.endswith(("ed", "ing", "s", "ly"))


_MADE_OF = frozenset((
    "doors", "windows", "panes", "walls", "panels", "partitions", "cases", "cabinets", "shelves",
    "tables", "ladders", "organs", "bridges", "links", "cutters", "frames", "screens",
))  # fmt: skip
"""Plural nouns a material word names the kind of (``glass doors``, ``rope ladders``): an -s
word after a material is otherwise taken for a verb (``the glass shatters``)."""


_FIXED_MIRRORS = frozenset(  # "rear-view" reads as "view" (the word before is one word)
    ("view", "rearview", "side", "wing", "bathroom", "vanity", "wall", "hall", "dressing")
)
