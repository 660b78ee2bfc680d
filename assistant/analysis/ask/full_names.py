"""Full names as the script gives them: a surname or middle name after the cue (``Isla
Grant``), a full name in capitals the action introduces (``ISLA GRANT, 30s``), and a cue that
is itself the first word of such a name (``NED LOGAN, 50s`` for NED).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.analysis.ask.retrieval import RetrievedScene
from assistant.analysis.ask.script_facts import ScriptFacts
from assistant.analysis.ask.sentence_ranking import SentenceRanker, Support
from assistant.analysis.scene_text import display_name

MIDDLE = re.compile(r"\bmiddle name\b", re.I)
MAIDEN = re.compile(
    r"\bmaiden\b|\bbefore\s+(?:(?:she|he|they|\w+)\s+)(?:got\s+)?(?:married|marrying|wed)\b|"
    r"\bbefore\s+(?:her|his|their|the)\s+(?:marriage|wedding)\b",
    re.I,
)
"""A question asking for the surname from before a marriage: "maiden name", "her surname before
she married Ivo" (the surname the script gives is then the married one, unless it says so)."""


def with_surname(
    ranked: list[Support], characters: list[str], full_names: dict[str, str], middle: bool = False
) -> list[Support]:
    """Sentences giving the asked character a second name: a full name in capitals the action
    introduces (``ISLA GRANT``), or the name followed by a capitalised word (``Isla Grant``), not
    a word in capitals (``Isla THUDS`` is a sound cue). A ``middle`` name needs two such
    words after the name (``Isla May Grant``)."""
    if not characters:
        return []
    cue = characters[0]
    if len(cue.split()) > 1 and not middle:
        return ranked
    full = _full_name(cue, full_names, middle)
    return [s for s in ranked if full.search(s.unit.text) and s.scene.label != "opening"]


def _full_name(cue: str, full_names: dict[str, str], middle: bool) -> re.Pattern[str]:
    """What gives the one-word ``cue`` a second (``middle``: a second and third) name: the name
    then capitalised words (``Isla Grant``), or an introduction (``_introduced``)."""
    words = 3 if middle else 2
    title = re.escape(display_name(cue))
    word = r"\s+(?!And\b|The\b|Is\b|Was\b)[A-Z][a-z][A-Za-z'’-]*"
    introduced = _introduced(cue, full_names, words)
    return re.compile("|".join([rf"\b{title}{word * (words - 1)}", *introduced]))


def _introduced(cue: str, full_names: dict[str, str], words: int) -> list[str]:
    """Patterns of the action introducing ``cue`` by a full name in capitals with ``words``
    words from the cue on, followed by a comma, a parenthesis or ``is``/``was`` (``ISLA
    GRANT, 30s``, ``DR MAREN VOSS, reading``). Not ``OLDER ISLA`` (the cue is its
    last word) nor a run in capitals that is a sound or an action (``TOM COUGHS.``,
    ``BEN FIRES twice``)."""
    found = [
        re.escape(full)
        for full, name in full_names.items()
        if name == cue and len(full.split()[full.split().index(cue) :]) >= words
    ]
    return [rf"\b(?:{'|'.join(found)})(?:\s*[,(]|\s+(?:is|was)\b)"] if found else []


def cue_as_first_name(
    question: str,
    characters: list[str],
    ranked: list[Support],
    retrieved: list[RetrievedScene],
    ranker: SentenceRanker,
    similarity: dict[tuple[int, int], float] | None,
    scenes_of: Callable[[list[int]], list[RetrievedScene]] | None,
) -> tuple[list[Support], list[RetrievedScene]]:
    """Sentences where the action introduces the one-word cue as the first word of a full name
    in capitals (``NED LOGAN, 50s``): the cue is then the first name asked for. Looked for in
    the ranked sentences, then in the first scenes that introduce it so; a title-case pair
    ("Ned Logan") is not enough, as speech pairs names with many capitalised words."""
    cue = characters[0]
    full = [f for f, name in ranker.facts.full_names.items() if f.split()[0] == cue]
    introduced = _introduced(cue, {f: cue for f in full}, 2)
    if not introduced:
        return [], retrieved
    intro = re.compile(introduced[0])
    found = [s for s in ranked if intro.search(s.unit.text)]
    if not found and scenes_of is not None:
        wider = scenes_of(naming_scenes(ranker.facts, cue, False))
        found = [
            s for s in ranker.rank(question, wider, characters, similarity)
            if intro.search(s.unit.text)
        ]  # fmt: skip
        retrieved = [*wider, *retrieved] if found else retrieved
    return found, retrieved


NAMING_SCENES = 3
"""Scenes, first in script order, read for a surname the retrieved scenes do not give."""


def naming_scenes(facts: ScriptFacts, cue: str, middle: bool) -> list[int]:
    """The first ``NAMING_SCENES`` headed scenes where the action introduces ``cue`` by a full
    name (``_introduced``); a title-case name (``Isla Grant``) is not looked for there, as
    speech gives married names and nicknames as often."""
    if len(cue.split()) > 1 and not middle:
        return []
    introduced = _introduced(cue, facts.full_names, 3 if middle else 2)
    if not introduced:
        return []
    intro = re.compile(introduced[0])
    return [s.index for s in facts.scenes if s.heading and intro.search(s.text)][:NAMING_SCENES]
