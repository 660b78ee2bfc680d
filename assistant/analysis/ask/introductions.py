""" "Who is Ada?": the script says who a character is where its action introduces them, the
first time it writes their name in capitals (``her neighbour, ADA (30s), ...``), a line that
rarely shares a word with the question beyond the name."""

from __future__ import annotations

import re

from assistant.analysis.ask.first_names import untitled
from assistant.analysis.ask.retrieval import tokenize
from assistant.analysis.ask.scene_ends import OPENING_WORDS
from assistant.analysis.ask.script_facts import SceneFacts, ScriptFacts

_WHO_BARE = re.compile(r"^\W*who\s+(?:is|are|was|were)\s+(?P<who>[^?]+?)\W*$", re.I)


def asks_who_is(question: str, characters: list[str]) -> bool:
    """True when the question asks only who the characters it names are ("Who is Ada?", "Who
    are Ada and Ivo?"), not who is someone described ("Who is Ada's uncle?", "Who is Ada
    taking to the dance?")."""
    match = _WHO_BARE.match(question)
    if match is None or not characters:
        return False
    names = {t for c in characters for t in tokenize(c)}
    words = re.findall(r"[\w'’-]+", match.group("who"))
    return all(w.lower() == "and" or set(tokenize(w)) <= names for w in words) and not any(
        w.lower().endswith(("'s", "’s")) for w in words
    )


def introduction(facts: ScriptFacts, cue: str) -> tuple[int, int] | None:
    """The scene and sentence where the action first writes ``cue``'s name without its titles
    (``MRS. PATEL`` -> ``PATEL``, not the first ``MRS.``) in capitals, as words of their own, in a
    headed scene or the opening before the first heading (its scene 1, ``scene_ends``); None
    when it never does."""
    words = untitled(cue).split()
    if not words:
        return None
    name = r"\s+".join(re.escape(w) for w in words)
    pattern = re.compile(rf"(?<![\w'’-]){name}(?![\w'’-])")
    for scene in facts.scenes:
        if not scene.heading and not _is_opening(scene, facts):
            continue
        for position, unit in enumerate(scene.units):
            if unit.speaker is None and pattern.search(unit.text):
                return scene.index, position
    return None


def _is_opening(scene: SceneFacts, facts: ScriptFacts) -> bool:
    return scene is facts.scenes[0] and sum(len(u.text.split()) for u in scene.units) >= (
        OPENING_WORDS
    )
