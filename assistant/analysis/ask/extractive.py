"""The extractive answer: the best-supported sentences of the retrieved scenes, and when to say
the script does not hold the answer.

A sentence's support mixes the share of the question's content words it holds, each weighted by
its inverse document frequency over all the script's sentences (a rare word like ``briefcase``
counts more than ``looks``), with its embedding's cosine to the question, plus a small prior for
sentences of better-ranked scenes. Speech counts as holding the speaker's name. The answer is the
best sentence and its better-supported neighbour (the reply, when the best one is a question).
Abstention ("not in the script") has two causes: none of the five best sentences holds
``SUPPORT_MIN`` of the question's words while the best one's cosine stays under ``DENSE_MIN``; or
the question asks for a kind of fact (a year, a surname, an age, a sum of money) that no sentence
of the retrieved scenes contains.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.analysis.ask.answer_checks import (
    names_thing,
    owned_name,
    person_named,
    thing_named,
    topical,
    unmentioned_thing,
)
from assistant.analysis.ask.answer_types import asked_type
from assistant.analysis.ask.answers import Quote
from assistant.analysis.ask.fact_kinds import FACT_KINDS, asked_kind
from assistant.analysis.ask.first_names import (
    FIRST_NAME,
    first_name_pattern,
    first_name_scenes,
    lower_words,
    untitled,
)
from assistant.analysis.ask.full_names import (
    MAIDEN,
    MIDDLE,
    cue_as_first_name,
    naming_scenes,
    with_surname,
)
from assistant.analysis.ask.introductions import asks_who_is, introduction
from assistant.analysis.ask.proper_names import (
    asked_named_kind,
    holds_proper_name,
    with_names_first,
)
from assistant.analysis.ask.query_fields import SURNAME
from assistant.analysis.ask.retrieval import RetrievedScene, tokenize
from assistant.analysis.ask.sentence_ranking import (
    WINDOW_COSINE,
    WINDOW_SHARE,
    SentenceRanker,
    Support,
)
from assistant.analysis.scene_text import TextUnit, display_name

__all__ = [
    "FACT_KINDS",
    "WINDOW_COSINE",
    "WINDOW_SHARE",
    "Extracted",
    "SentenceRanker",
    "Support",
    "asked_kind",
    "extract",
    "quote_of",
]
"""What the answer path and the tests use; the ranking and the fact kinds live in their own
modules (``sentence_ranking.py``, ``fact_kinds.py``, ``full_names.py``)."""

SUPPORT_MIN = 0.4
"""Least idf-weighted share of the question's words one of the five best sentences must hold
(tuned on the dev set's tuning half with ``DENSE_MIN``, see docs/chat.md)."""
DENSE_MIN = 0.4
"""A best sentence whose cosine to the question reaches this keeps an answer even when few words
are shared. With ``SUPPORT_MIN`` 0.4, the tuning half abstained on 5 of 6 unanswerable questions
and on 1 of 21 answerable lookups (0.55: 4 of 21)."""
NEXT_BIAS = 0.2
"""Support added to the sentence after the best one when choosing its neighbour: the line
that matches a question's words often sets up what the next one says ("there's this couple
who..." / "We found them in ..."). On the tuning files (dev tune half, v3, v4: 41 answerable
questions that reach the extractive path) 0.05-0.1 put all keywords in 22 answers, 0.2 and
more in 23, none in 21; nothing was lost. Also tried there, without a gain of more than one
answer: speech counting its speaker's name at 0-0.5, a 0.75 factor on sentences that are
questions (one more false abstention), a bonus for names in answers to "who" questions, and
lexical weights 0.25-0.65."""

TYPE_SUPPORT = 0.3
"""Support added to a sentence holding the kind of fact an answer-type question asks for
(``answer_types.asked_type``: a season, a length of time, a year on screen) when no abstaining
kind (``fact_kinds``) applies (docs/chat.md)."""

_SOMEONE_OF = re.compile(
    r"\b(?!(?:what|who|that|it|where|how|there|here)\b)[A-Za-z]+(?:'s|’s)\s+"
    r"(?!(?:first|given|christian)\s+name\b)[A-Za-z]+",
    re.I,
)
"""A possessive naming someone else than the one asked about: "Hooper's wife", "Ivo's dog"."""


@dataclass
class Extracted:
    """The extractive answer, or an abstention with its reason."""

    answer: str
    quotes: list[Quote]
    abstained: bool
    reason: str | None
    support: list[Support]
    """Ranked sentences, best first (the generated path gives the model the top ones)."""
    scenes: list[RetrievedScene] | None = None
    """The scenes the answer read when they are not the retrieved ones (a surname found
    elsewhere in the script, first); None: the retrieved scenes."""


def quote_of(support: Support) -> Quote:
    return Quote(
        scene=support.scene.index,
        label=support.scene.label,
        start_line=support.scene.start_line,
        text=support.unit.quoted,
    )


def _cite(scene: RetrievedScene) -> str:
    line = f", line {scene.start_line}" if scene.start_line is not None else ""
    return f"scene {scene.label} ({scene.heading}, p. {scene.page}{line})"


def extract(
    question: str,
    retrieved: list[RetrievedScene],
    ranker: SentenceRanker,
    characters: list[str],
    similarity: dict[tuple[int, int], float] | None = None,
    scenes_of: Callable[[list[int]], list[RetrievedScene]] | None = None,
    similar: Callable[[str, str], float] | None = None,
) -> Extracted:
    """The best-supported sentence and its better neighbour, with scene and line; or why there
    is none (see the module docstring).

    ``scenes_of`` gives the retrieved form of other scenes: a surname the retrieved scenes do not
    give is looked for in the whole script (a full name is usually given once, where the action
    introduces the character, and a question about the surname rarely shares words with that
    scene); the scenes it is found in are then ``Extracted.scenes``.
    """
    ranked = ranker.rank(question, retrieved, characters, similarity)
    named = {t for c in characters for t in tokenize(c)}
    missing = unmentioned_thing(question, ranker.knows, named)
    if missing is not None:
        return _abstain(f"the script never mentions a {missing}", retrieved)
    kind = asked_kind(question)
    if kind is not None:
        name, holds = kind
        # The block before the first heading is title-page matter in imported scripts: its dates
        # are revision dates (Die Hard's 1987), not the story's.
        ranked = [s for s in ranked if holds.search(s.unit.text) and s.scene.label != "opening"]
        if not ranked:
            return _abstain(f"the scenes that bear on it name no {name.split()[-1]}", retrieved)
        if name != "a year":  # a year sets the whole story; a sum or an age belongs to something
            scenes = ranker.facts.scenes
            ranked = [s for s in ranked if topical(question, s, scenes[s.scene.index].units)]
            if not ranked:
                what = name.split()[-1]
                return _abstain(f"no {what} in the scenes goes with what it asks about", retrieved)
    thing = thing_named(question, named)
    cues = {w for c in ranker.facts.characters for w in c.split()}
    # A name the question holds is no answer ("the Mexican restaurant": Mexican names none).
    asked = named | {w.lower() for w in _WORD.findall(question)}
    asked |= {w.removesuffix("'s").removesuffix("’s") for w in asked}  # "Mark's": Mark
    if thing is None:  # "What is the janitor's name?": a character known by a description
        thing = person_named(question, characters, _writes_lower(ranker))
        if thing is not None:  # another character's name is not this one's
            asked |= {w.lower() for w in cues}
    if thing is not None:
        scenes = ranker.facts.scenes
        owners = set(characters)  # "Ruth's dog": named where Ruth is, not in any scene
        naming = [
            s
            for s in ranked
            if names_thing(thing, s, scenes[s.scene.index].units, cues, frozenset(asked))
            and (not owners or owners & set(scenes[s.scene.index].present))
        ]
        if not naming and owners and similar is not None:  # "Ada's old collie Rex" for a dog
            naming = [s for s in ranked if owned_name(thing, s.unit.text, characters, similar)]
        ranked = naming
        if not ranked:
            return _abstain(f"the scenes that bear on it give no {thing} a name", retrieved)
    named_kind = asked_named_kind(question) if thing is None and kind is None else None
    named_answer = False  # the best line names the college asked for: support enough
    if named_kind is not None and ranked:
        skip = asked | {w.lower() for w in cues}
        lower = _writes_lower(ranker)
        named_first = with_names_first(ranked, ranker.facts.scenes, skip, lower)
        if named_first is None:
            return _abstain(f"the scenes that bear on it name no {named_kind}", retrieved)
        ranked = named_first
        named_answer = holds_proper_name(ranked[0].unit.text, skip, lower)
    surname = bool(SURNAME.search(question))
    if surname:
        middle = bool(MIDDLE.search(question))
        found = with_surname(ranked, characters, ranker.facts.full_names, middle)
        maiden = bool(MAIDEN.search(question))  # the script's surname is the married one
        if not found and scenes_of is not None and characters and not maiden:
            wider = scenes_of(naming_scenes(ranker.facts, characters[0], middle))
            ranked = ranker.rank(question, wider, characters, similarity)
            found = with_surname(ranked, characters, ranker.facts.full_names, middle)
            retrieved = [*wider, *retrieved] if found else retrieved
        if maiden:  # a married woman's surname in the script is the married one
            found = [s for s in found if _says_maiden(s, ranker.facts.scenes[s.scene.index].units)]
        ranked = found
        if not ranked:
            who = display_name(characters[0]) if characters else "the character"
            what = "middle name" if middle else "maiden name" if maiden else "surname"
            return _abstain(f"the script never gives {who}'s {what}", retrieved)
    own = not _SOMEONE_OF.search(question)  # "the first name of Hooper's wife": not Hooper's
    # "Coach Harvey's first name": the cue's title is no first name, and Harvey has none yet
    cue = untitled(characters[0]) if characters else ""
    if FIRST_NAME.search(question) and own and cue and len(cue.split()) == 1:
        pattern = first_name_pattern(cue, ranker.facts)
        unfiltered = ranked
        ranked = [s for s in ranked if pattern and pattern.search(s.unit.text)]
        if pattern and not ranked and scenes_of is not None:
            wider = scenes_of(first_name_scenes(ranker.facts, pattern))
            ranked = [
                s for s in ranker.rank(question, wider, characters, similarity)
                if pattern.search(s.unit.text)
            ]  # fmt: skip
            retrieved = [*wider, *retrieved] if ranked else retrieved
        if not ranked:  # the cue may be the first name itself: "NED LOGAN, 50s" for NED
            ranked, retrieved = cue_as_first_name(
                question, [cue, *characters[1:]], unfiltered, retrieved, ranker, similarity,
                scenes_of,
            )  # fmt: skip
        if not ranked:
            who = display_name(characters[0])
            return _abstain(f"the script never gives {who}'s first name", retrieved)
        surname = True  # a name found is support enough
    if not ranked:
        return _abstain("the retrieved scenes hold no sentences", retrieved)
    typed = asked_type(question) if kind is None else None
    if typed is not None:  # "It's FALL." shares no word with "In what season does it open?"
        ranked = _typed_first(ranked, typed)
    best = ranked[0]
    # A year, a full name, or the season or length of time asked for is support enough; a sum
    # or a number must also share words with the question ("$800" for fixing a guitar does not
    # answer what an adoption costs).
    found_type = typed is not None and bool(typed.search(best.unit.text))
    need = (
        0.0
        if surname or found_type or named_answer or (kind is not None and kind[0] == "a year")
        else SUPPORT_MIN
    )
    if kind is not None and need:
        need = SUPPORT_MIN / 2
    if max(s.lexical for s in ranked[:5]) < need and best.cosine < DENSE_MIN:
        return _abstain("no retrieved line supports an answer", retrieved, ranked)
    chosen = [best, *_neighbour(best, ranked)]
    chosen.sort(key=lambda s: s.position)
    intro = _introduction(question, characters, ranker, scenes_of)
    if intro is not None and (intro.scene.index, intro.position) not in {
        (s.scene.index, s.position) for s in chosen
    }:  # "Who is Ada?": how the script introduces her, then the best line about her
        chosen = [intro, best]  # its neighbour too: the same figures, a longer answer
        retrieved = [intro.scene, *retrieved]
        if intro.scene.index != best.scene.index:  # each quote's scene cited
            citation = f"{_cite(intro.scene)}; {_cite(best.scene)}"
        else:
            citation = _cite(intro.scene)
    else:
        citation = _cite(best.scene)
    said = " ".join(s.unit.quoted for s in chosen)
    return Extracted(
        answer=f"{said} ({citation})",
        quotes=[quote_of(s) for s in chosen],
        abstained=False,
        reason=None,
        support=ranked,
        scenes=retrieved,
    )


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _writes_lower(ranker: SentenceRanker) -> Callable[[str], bool]:
    """Whether the script writes a word in lower case (read once, when first asked)."""
    found: list[set[str]] = []

    def lower(word: str) -> bool:
        if not found:
            found.append(lower_words(ranker.facts))
        return word.lower() in found[0]

    return lower


def _introduction(
    question: str,
    characters: list[str],
    ranker: SentenceRanker,
    scenes_of: Callable[[list[int]], list[RetrievedScene]] | None,
) -> Support | None:
    """For "Who is Ada?", the sentence where the action introduces Ada (``introductions``)."""
    if scenes_of is None or not asks_who_is(question, characters):
        return None
    found = introduction(ranker.facts, characters[0])
    if found is None:
        return None
    index, position = found
    scene = scenes_of([index])[0]
    unit = ranker.facts.scenes[index].units[position]
    return Support(scene, unit, 0.0, 0, position, 0.0, 0.0)


def _typed_first(ranked: list[Support], typed: re.Pattern[str]) -> list[Support]:
    """``ranked`` with ``TYPE_SUPPORT`` added to the sentences holding what the question asks
    for (a season, a length of time, a year on screen), re-sorted."""
    for support in ranked:
        if typed.search(support.unit.text):
            support.support = round(support.support + TYPE_SUPPORT, 4)
    return sorted(ranked, key=lambda s: (-s.support, s.rank))


_MAIDEN = re.compile(r"\b(maiden|née|nee|born)\b", re.I)


def _says_maiden(support: Support, units: list[TextUnit]) -> bool:
    """True when the sentence, or the one before it, says the name is a maiden name (``née``,
    ``born``): one that only gives a surname gives the married one ("Ada and Ivo Brandt")."""
    before = units[support.position - 1].text if support.position > 0 else ""
    return bool(_MAIDEN.search(support.unit.text) or _MAIDEN.search(before))


def _neighbour(best: Support, ranked: list[Support]) -> list[Support]:
    """The better-supported of the sentences just before and after ``best`` in its scene: an
    answer often sits in the sentence next to the one that matches the question's words."""
    around = [
        s
        for s in ranked
        if s.scene.index == best.scene.index and abs(s.position - best.position) == 1
    ]
    if best.unit.text.rstrip().endswith("?"):  # a line asking what the question asks: the reply
        after = [s for s in around if s.position == best.position + 1]
        around = after or around
    if not around:
        return []
    return [max(around, key=lambda s: s.support + NEXT_BIAS * (s.position > best.position))]


def _abstain(
    reason: str, retrieved: list[RetrievedScene], ranked: list[Support] | None = None
) -> Extracted:
    nearest = "; ".join(_cite(s) for s in retrieved[:3])
    text = f"Not in the script: {reason}."
    if nearest:
        text += f" Nearest scenes: {nearest}."
    return Extracted(text, [], True, reason, ranked or [])
