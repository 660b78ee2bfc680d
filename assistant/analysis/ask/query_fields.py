"""What a question says about where to look, beyond its words: named characters and order.

BM25 already reads each scene's heading and the characters present as fields, but a question
like "When does Powell first appear?" matches every scene Powell is in about equally, and the
one it asks for is the earliest. ``field_bonus`` gives the scenes a question singles out by its
names and an ordinal word ("first", "last") a share of the best BM25 score, so every ranker
(fused, RRF, BM25) sees them; the dense side is left as the embedder sees it.
"""

from __future__ import annotations

import re

from assistant.analysis.ask.script_facts import ScriptFacts

ORDINAL_BONUS = 1.0
"""Share of the best BM25 score given to the earliest (or latest) scene where every named
character is present; the next one gets half. Measured on the dev set (docs/chat.md)."""
ORDINAL_SCENES = 2
"""Scenes in order that take the ordinal bonus."""
SURNAME = re.compile(r"\bsurname\b|\b(last|family|full|maiden|middle) name\b", re.I)
"""A question asking for a surname (here, not in ``full_names``, which imports retrieval)."""
_FIRST = re.compile(r"\b(first|earliest|introduc\w*|begin\w*|start\w*|meet|meets|met)\b", re.I)
_LISTING = re.compile(
    r"\b(which|what) scenes\b|\bscenes (is|are|does|do|did|has|have|with|where)\b|"
    r"\bevery scene\b|\ball (the|of the)? ?scenes\b|\bwhere (does|do|did) \w+ appear\b",
    re.I,
)
"""A question asking for a character's scenes as a list ("Which scenes is Ada in?"): its scenes
in script order, as the tool lists them, rather than the few that repeat the name most."""
_LAST = re.compile(r"\b(last|final|finally|latest|end|ending)\b", re.I)


def _full_name_scenes(facts: ScriptFacts, cue: str) -> dict[int, float]:
    """The first ``ORDINAL_SCENES`` scenes whose text gives one of the character's full names
    (``ISLA GRANT`` for ``ISLA``): a surname question shares no word but the name with the
    scene that gives it, and the name is in every scene of theirs."""
    names = [re.escape(full) for full, owner in facts.full_names.items() if owner == cue]
    if not names:
        return {}
    pattern = re.compile(rf"\b(?:{'|'.join(names)})\b", re.IGNORECASE)
    giving = [s.index for s in facts.scenes if pattern.search(s.text)]
    return {scene: ORDINAL_BONUS / (1 + rank) for rank, scene in enumerate(giving[:ORDINAL_SCENES])}


def field_bonus(question: str, facts: ScriptFacts, characters: list[str]) -> dict[int, float]:
    """Per scene, the share of the best BM25 score to add (0..ORDINAL_BONUS).

    With characters named and an ordinal word: the first (or last) ``ORDINAL_SCENES`` scenes in
    script order where all of them are present (speaking or named in action). Asked for a
    surname (full, last, maiden, middle name): the first scenes giving the full name.
    """
    if not characters:
        return {}
    if SURNAME.search(question):
        return _full_name_scenes(facts, characters[0])
    first, last = bool(_FIRST.search(question)), bool(_LAST.search(question))
    if not (first or last) and _LISTING.search(question):
        first = True  # a list starts where the script does
    if first == last:  # neither, or both ("from first to last"): no order asked for
        return {}
    named = set(characters)
    together = [s.index for s in facts.scenes if named <= set(s.present)]
    if last:
        together.reverse()
    return {
        scene: ORDINAL_BONUS / (1 + rank) for rank, scene in enumerate(together[:ORDINAL_SCENES])
    }
