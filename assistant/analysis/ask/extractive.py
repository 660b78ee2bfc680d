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

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from assistant.analysis.ask.answer_checks import (
    names_thing,
    thing_named,
    topical,
    unmentioned_thing,
)
from assistant.analysis.ask.answers import Quote
from assistant.analysis.ask.first_names import FIRST_NAME, first_name_pattern, first_name_scenes
from assistant.analysis.ask.retrieval import RetrievedScene, tokenize
from assistant.analysis.ask.script_facts import ScriptFacts
from assistant.analysis.scene_text import TextUnit, display_name

SUPPORT_MIN = 0.4
"""Least idf-weighted share of the question's words one of the five best sentences must hold
(tuned on the dev set's tuning half with ``DENSE_MIN``, see docs/chat.md)."""
DENSE_MIN = 0.4
"""A best sentence whose cosine to the question reaches this keeps an answer even when few words
are shared. With ``SUPPORT_MIN`` 0.4, the tuning half abstained on 5 of 6 unanswerable questions
and on 1 of 21 answerable lookups (0.55: 4 of 21)."""
RANK_PRIOR = 0.15
"""Support added to sentences of the best scene, falling as 1/rank for the others."""
LEXICAL_WEIGHT = 0.35
"""Weight of the shared-words share in a sentence's support (0.2-0.8 tried on the tuning half:
0.2 and 0.35 put the answer's keywords in 7 of 21 lookups, 0.5-0.8 in 6)."""
DENSE_WEIGHT = 0.65
"""Weight of the sentence's cosine to the question in its support."""
NEXT_BIAS = 0.2
"""Support added to the sentence after the best one when choosing its neighbour: the line
that matches a question's words often sets up what the next one says ("there's this couple
who..." / "We found them in ..."). On the tuning files (dev tune half, v3, v4: 41 answerable
questions that reach the extractive path) 0.05-0.1 put all keywords in 22 answers, 0.2 and
more in 23, none in 21; nothing was lost. Also tried there, without a gain of more than one
answer: speech counting its speaker's name at 0-0.5, a 0.75 factor on sentences that are
questions (one more false abstention), a bonus for names in answers to "who" questions, and
lexical weights 0.25-0.65."""

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

_OWNED = "".join(
    rf"(?<!\b{w} )" for w in ("[Aa]", "[Aa]n", "[Tt]he", "[Hh]is", "[Hh]er", "[Mm]y", "[Yy]our",
                              "[Oo]ur", "[Tt]heir", "[Ii]ts")
)  # fmt: skip
"""Not after an article or a possessive: what follows belongs to a thing (``a 1968 Cutlass``,
``a twenty`` handed over)."""
_YEAR = re.compile(rf"{_OWNED}\b(1[5-9]\d\d|20\d\d)\b|\b(1[5-9]\d\d|20\d\d)\b(?!\s+[A-Z])")
"""A year written in full: "in '88" in a line of dialogue is a memory more often than the
story's year (Juno). Not a model year: after an article or a possessive and before a
capitalised word (``a 1968 Cutlass``, ``his 1957 Chevy``), the year of a car, not the story's."""
_DIGITS = re.compile(r"\d")
_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion"
)
_AGE_WORD = (
    r"(?:thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety)"
)
_AGE = re.compile(
    r"\b\d{1,3}\s*(?:years?|yrs?)(?:[- ]old)?\b|\(\s*\d{1,2}\s*\)|\b\d0'?s\b|"
    r"\b(?:teen|teens|teenage|teenager|twenties|thirties|forties|fifties|sixties|seventies|"
    rf"eighties)\b|\b{_AGE_WORD}(?:-\w+)?-(?:years?-old|something)\b|"
    # "a twenty" handed over, "the fifty" on the bar: a note, not an age
    rf"{_OWNED}\b{_AGE_WORD}(?!-(?:inch|foot|feet|yard|mile|pound|ton|"
    r"minute|hour|day|week|page|stor(?:e)?y|gallon|man|dollar))(?:-\w+)?\b(?!\s+(?:minutes?|hours?|"
    r"seconds?|days?|weeks?|months?|dollars?|bucks|grand|cents?|feet|foot|yards?|miles?|times|"
    r"percent|floors?|stor(?:ey|ie)s|people|men|pounds?)\b)|\b\w+ years? old\b",
    re.IGNORECASE,
)
"""An age: ``16 years old``, ``(30)``, ``30s``, ``sixteen``, ``late forties``, ``a
twenty-year-old``; a bare number ("on May 4") is not one, nor a number word counting something
else ("twenty minutes", a "sixteen-inch knife") or after an article ("a twenty": a note)."""
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
        re.compile(r"\b(what|which) year\b|\bin what year\b|\byear (is it|does|did)\b|"
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
_SURNAME = re.compile(r"\bsurname\b|\b(last|family|full|maiden|middle) name\b", re.I)
_MIDDLE = re.compile(r"\bmiddle name\b", re.I)
_SOMEONE_OF = re.compile(
    r"\b(?!(?:what|who|that|it|where|how|there|here)\b)[A-Za-z]+(?:'s|’s)\s+"
    r"(?!(?:first|given|christian)\s+name\b)[A-Za-z]+",
    re.I,
)
"""A possessive naming someone else than the one asked about: "Hooper's wife", "Ivo's dog"."""


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


def asked_kind(question: str) -> tuple[str, re.Pattern[str]] | None:
    """What kind of fact the question asks for, with its pattern; None when it asks for none."""
    for kind, asks, holds in FACT_KINDS:
        if asks.search(question):
            return kind, holds
    return None


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
    if thing is not None:
        scenes = ranker.facts.scenes
        cues = {w for c in ranker.facts.characters for w in c.split()}
        owners = set(characters)  # "Ruth's dog": named where Ruth is, not in any scene
        ranked = [
            s
            for s in ranked
            if names_thing(thing, s, scenes[s.scene.index].units, cues)
            and (not owners or owners & set(scenes[s.scene.index].present))
        ]
        if not ranked:
            return _abstain(f"the scenes that bear on it give no {thing} a name", retrieved)
    surname = bool(_SURNAME.search(question))
    if surname:
        middle = bool(_MIDDLE.search(question))
        found = _with_surname(ranked, characters, ranker.facts.full_names, middle)
        maiden = "maiden" in question.lower()  # the script's surname is the married one
        if not found and scenes_of is not None and characters and not maiden:
            wider = scenes_of(_naming_scenes(ranker.facts, characters[0], middle))
            ranked = ranker.rank(question, wider, characters, similarity)
            found = _with_surname(ranked, characters, ranker.facts.full_names, middle)
            retrieved = [*wider, *retrieved] if found else retrieved
        ranked = found
        if not ranked:
            who = display_name(characters[0]) if characters else "the character"
            what = "middle name" if middle else "surname"
            return _abstain(f"the script never gives {who}'s {what}", retrieved)
    own = not _SOMEONE_OF.search(question)  # "the first name of Hooper's wife": not Hooper's
    if FIRST_NAME.search(question) and own and characters and len(characters[0].split()) == 1:
        pattern = first_name_pattern(characters[0], ranker.facts)
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
            ranked, retrieved = _cue_as_first_name(
                question, characters, unfiltered, retrieved, ranker, similarity, scenes_of
            )
        if not ranked:
            who = display_name(characters[0])
            return _abstain(f"the script never gives {who}'s first name", retrieved)
        surname = True  # a name found is support enough
    if not ranked:
        return _abstain("the retrieved scenes hold no sentences", retrieved)
    best = ranked[0]
    # A year or a full name found is support enough; a sum or a number must also share words
    # with the question ("$800" for fixing a guitar does not answer what an adoption costs).
    need = 0.0 if surname or (kind is not None and kind[0] == "a year") else SUPPORT_MIN
    if kind is not None and need:
        need = SUPPORT_MIN / 2
    if max(s.lexical for s in ranked[:5]) < need and best.cosine < DENSE_MIN:
        return _abstain("no retrieved line supports an answer", retrieved, ranked)
    chosen = [best, *_neighbour(best, ranked)]
    chosen.sort(key=lambda s: s.position)
    said = " ".join(s.unit.quoted for s in chosen)
    return Extracted(
        answer=f"{said} ({_cite(best.scene)})",
        quotes=[quote_of(s) for s in chosen],
        abstained=False,
        reason=None,
        support=ranked,
        scenes=retrieved,
    )


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


def _with_surname(
    ranked: list[Support], characters: list[str], full_names: dict[str, str], middle: bool = False
) -> list[Support]:
    """Sentences giving the asked character a second name: a full name in capitals the action
    introduces (``ISLA GRANT``), or the name followed by a capitalised word (``Isla Grant``), not
    a word in capitals (``Argyle CRASHES`` is a sound cue). A ``middle`` name needs two such
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


def _cue_as_first_name(
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
        wider = scenes_of(_naming_scenes(ranker.facts, cue, False))
        found = [
            s for s in ranker.rank(question, wider, characters, similarity)
            if intro.search(s.unit.text)
        ]  # fmt: skip
        retrieved = [*wider, *retrieved] if found else retrieved
    return found, retrieved


NAMING_SCENES = 3
"""Scenes, first in script order, read for a surname the retrieved scenes do not give."""


def _naming_scenes(facts: ScriptFacts, cue: str, middle: bool) -> list[int]:
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


def _abstain(
    reason: str, retrieved: list[RetrievedScene], ranked: list[Support] | None = None
) -> Extracted:
    nearest = "; ".join(_cite(s) for s in retrieved[:3])
    text = f"Not in the script: {reason}."
    if nearest:
        text += f" Nearest scenes: {nearest}."
    return Extracted(text, [], True, reason, ranked or [])
