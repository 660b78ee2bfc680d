"""Ranking the sentences of retrieved scenes by how well each supports an answer.

A sentence's support mixes the share of the question's content words it holds, each weighted by
its inverse document frequency over all the script's sentences (a rare word like ``briefcase``
counts more than ``looks``), with its embedding's cosine to the question, plus a small prior for
sentences of better-ranked scenes and its window (what its neighbours add). Speech counts as
holding the speaker's name. ``extractive.py`` answers from the ranking.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from assistant.analysis.ask.retrieval import RetrievedScene, tokenize
from assistant.analysis.ask.script_facts import ScriptFacts
from assistant.analysis.scene_text import TextUnit

RANK_PRIOR = 0.15
"""Support added to sentences of the best scene, falling as 1/rank for the others."""
LEXICAL_WEIGHT = 0.35
"""Weight of the shared-words share in a sentence's support (0.2-0.8 tried on the tuning half:
0.2 and 0.35 put the answer's keywords in 7 of 21 lookups, 0.5-0.8 in 6)."""
DENSE_WEIGHT = 0.65
"""Weight of the sentence's cosine to the question in its support."""

WINDOW_SHARE = 0.1
WINDOW_COSINE = 0.1
"""A sentence's window (``SentenceRanker._windowed``): the question's words its neighbour
adds, and its neighbour's cosine. On the tuning files (dev tune half, v3-v6: 93 answerable
questions, re-ranking the same retrieved sentences) 0.1 / 0.1 put all keywords in 46 answers
against 42 without it (the gain all on v5; 0.05-0.15 / 0.1-0.15 give 44-47, the higher ones
one false abstention more); no other file lost an answer."""

WHO_NAME_BONUS = 0.3
"""Support added, for a question asking who someone is ("Who is Ada's daughter?"), to a
sentence that names a character other than the ones the question names: the answer is a name.
On the tuning files (re-ranking the same retrieved sentences of 129 extractive answers) 0.3
put all keywords in 2 more answers (a daughter, a clerk), 0.2 in 1, 0.05-0.1 in none, and
none lost one (wave 9)."""
_WHO = re.compile(r"^\W*who\s+(is|are|was|were)\b(?!.*\bmost\b)", re.I)
_NAME_WORD = re.compile(r"\b[A-Z][A-Za-z'’-]{2,}")


@dataclass
class Support:
    """A sentence of a retrieved scene and how well it supports an answer."""

    scene: RetrievedScene
    unit: TextUnit
    support: float
    rank: int
    position: int
    """Index of the sentence in its scene's ``units``."""
    lexical: float
    """Idf-weighted share of the question's words the sentence holds (0..1)."""
    cosine: float
    """The sentence's cosine to the question (0 without sentence vectors)."""


class SentenceRanker:
    """Ranks the sentences of retrieved scenes for one script (idf computed once)."""

    def __init__(self, facts: ScriptFacts) -> None:
        self.facts = facts
        self._tokens: dict[tuple[int, int], list[str]] = {}
        df: Counter[str] = Counter()
        total = 0
        for scene in facts.scenes:
            for position, unit in enumerate(scene.units):
                tokens = tokenize(unit.text)
                self._tokens[(scene.index, position)] = tokens
                df.update(set(tokens))
                total += 1
        self._idf = {t: math.log(1 + total / n) for t, n in df.items()}
        self._unseen = math.log(1 + max(total, 1))
        self._cue_words: set[str] | None = None

    def idf(self, token: str) -> float:
        return self._idf.get(token, self._unseen)

    def knows(self, token: str) -> bool:
        """True when some sentence of the script holds ``token``."""
        return token in self._idf

    def rank(
        self,
        question: str,
        retrieved: list[RetrievedScene],
        characters: list[str],
        similarity: dict[tuple[int, int], float] | None = None,
    ) -> list[Support]:
        """Sentences of the ``retrieved`` scenes, best-supported first.

        Args:
            question: what was asked.
            retrieved: the scenes to read, best first.
            characters: cue names the question names.
            similarity: each sentence's cosine to the question, when the index has them.
        """
        asked = set(tokenize(question))
        named = {t for name in characters for t in tokenize(name)}
        weight = sum(self.idf(t) for t in asked) or 1.0
        similarity = similarity or {}
        out: list[Support] = []
        for rank, scene in enumerate(retrieved):
            units = self.facts.scenes[scene.index].units
            words: list[set[str]] = []
            scored: list[Support] = []
            for position, unit in enumerate(units):
                tokens = set(self._tokens.get((scene.index, position), ()))
                if unit.speaker:
                    tokens |= set(tokenize(unit.speaker))
                held = sum(self.idf(t) for t in asked & tokens) / weight
                brevity = min(1.0, len(unit.text.split()) / 6)  # "Yes." holds nothing to quote
                cosine = max(0.0, similarity.get((scene.index, position), 0.0))
                score = (LEXICAL_WEIGHT * held + DENSE_WEIGHT * cosine) * brevity
                score += RANK_PRIOR / (1 + rank)
                if named and not (named & tokens):
                    score *= 0.8
                words.append(tokens & asked)
                scored.append(Support(scene, unit, score, rank, position, held, cosine))
            out.extend(self._windowed(scored, words, weight))
        if _WHO.search(question):
            self._name_others(question, characters, out)
        out.sort(key=lambda s: (-s.support, s.rank))
        return out

    def _name_others(self, question: str, characters: list[str], ranked: list[Support]) -> None:
        """Add ``WHO_NAME_BONUS`` to sentences naming a character (a word of a cue, in title
        case or capitals) that the question does not name; a speaker's own name does not
        count."""
        if self._cue_words is None:
            self._cue_words = {
                w for c in self.facts.characters for w in re.findall(r"[A-Z][A-Z'’-]{2,}", c)
            } - {"THE", "AND", "MR", "MRS", "DR", "MS"}
        asked = {_bare(w) for w in _NAME_WORD.findall(question)}
        asked |= {w for c in characters for w in c.split()}
        for support in ranked:
            named = {_bare(w) for w in _NAME_WORD.findall(support.unit.text)}
            if support.unit.speaker:
                named -= set(support.unit.speaker.upper().split())
            if (named & self._cue_words) - asked:
                support.support = round(support.support + WHO_NAME_BONUS, 4)

    def _windowed(
        self, scored: list[Support], words: list[set[str]], weight: float
    ) -> list[Support]:
        """A scene's sentences with their window added: ``WINDOW_SHARE`` x the question's words
        a neighbour adds to the sentence's own (idf-weighted share) and ``WINDOW_COSINE`` x the
        better neighbour's cosine. A line whose neighbours hold the rest of the question sits
        where the question points."""
        out: list[Support] = []
        for position, support in enumerate(scored):
            added, near = 0.0, 0.0
            for other in (position - 1, position + 1):
                if 0 <= other < len(scored):
                    extra = words[other] - words[position]
                    added = max(added, sum(self.idf(t) for t in extra) / weight)
                    near = max(near, scored[other].cosine)
            support.support = round(
                support.support + WINDOW_SHARE * added + WINDOW_COSINE * near, 4
            )
            out.append(support)
        return out


def _bare(word: str) -> str:
    """A name word in capitals without its possessive (``Ada's`` -> ``ADA``)."""
    return re.sub(r"['’]S$", "", word.upper())
