"""Category lexicons (``lexicons/*.txt``) and the phrase matcher that finds them in action.

The matcher is a small chunker over the word lists: it finds the longest lexicon phrase at each
word (singular or plural), then reads the words before it for a count (``two guards``, ``a dozen
reporters``, ``50 extras``). Slate ships no tagger: NLTK's and spaCy's need model downloads, and
on screenplay action a list-driven matcher is what the breakdown needs (docs/breakdown.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from assistant.analysis.breakdown.model import CATEGORIES

WORD = re.compile(r"[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*")
"""A word of action or of a lexicon: ``walkie-talkie``, ``ak-47``, ``747``, ``o'clock``."""

_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "pair": 2, "couple": 2, "both": 2,
}  # fmt: skip
_COUNT_GAP = frozenset(("a", "of", "or", "and", "more", "than", "about", "some", "nearly"))
"""Words that may sit between a number and the element: ``a couple of cops``, ``a dozen or so``."""
_OBJECT_WORDS = frozenset((
    "the", "a", "an", "his", "her", "their", "its", "my", "your", "our", "him", "them", "it",
    "me", "us", "this", "that", "these", "those", "up", "down", "out", "off", "away",
    "himself", "herself", "themselves", "itself", "myself", "yourself",
))  # fmt: skip
"""Words that follow a verb, not a plural noun: a word ending in -s before one is taken for a
verb (``guards the door``, ``rings the bell``, ``bats himself``)."""
_VERB_LISTS = frozenset(("stunts", "sound_music", "visual_effects"))
"""Lists whose words are verbs by nature: ``hurls him``, ``rings``, ``sprouts a couple of arms``."""
_LOOK_BACK = 4
"""Words before an element searched for its count: ``a dozen or more reporters`` fits in four."""


@dataclass(frozen=True)
class Entry:
    """What a lexicon phrase stands for."""

    category: str
    name: str
    implied: bool = False


@dataclass(frozen=True)
class Match:
    """One lexicon hit in a text: the entry, where it is, and the count read before it."""

    entry: Entry
    start: int
    end: int
    surface: str
    """The words as written (searched for in the source to find the line)."""
    count: int | None


@lru_cache(maxsize=16384)
def singular(word: str) -> str:
    """A plural's singular by the usual English endings (``knives`` stays: knives is listed)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


class Lexicon:
    """Every category's phrases, indexed by their words for longest-match lookup."""

    def __init__(
        self, entries: dict[tuple[str, ...], Entry], car_models: frozenset[str] = frozenset()
    ) -> None:
        self.exact = entries
        self.car_models = car_models
        """Names of the vehicle entries that are makes or models of car (``car_models.txt``)."""
        self.by_singular: dict[tuple[str, ...], Entry] = {}
        for words, entry in entries.items():
            self.by_singular.setdefault((*words[:-1], singular(words[-1])), entry)
        self.longest = max((len(words) for words in entries), default=1)
        # Most words start no phrase: checking the first word first makes a script's lookups ~5x
        # fewer (measured on Die Hard: 0.95 s -> 0.2 s for the lexicon pass).
        self._first_words = {words[0] for words in entries} | {
            singular(words[0]) for words in entries if len(words) == 1
        }
        # The longest phrase each first word starts (a phrase's first word is kept as written in
        # both indexes; only a one-word phrase is looked up by its singular, and length 1 is
        # always tried): the lookup skips the lengths no phrase has, same matches, fewer tuples.
        self._longest_from: dict[str, int] = {}
        for words in entries:
            if len(words) > self._longest_from.get(words[0], 1):
                self._longest_from[words[0]] = len(words)

    def terms(self, category: str) -> list[str]:
        """The category's named terms (implications left out), for the embedder's prototypes."""
        return sorted(
            {" ".join(w) for w, e in self.exact.items() if e.category == category and not e.implied}
        )

    def find(self, text: str) -> list[Match]:
        """Every lexicon phrase in ``text``, longest first at each word, in text order."""
        words = [(_lookup_form(m.group(0)), m.start(), m.end()) for m in WORD.finditer(text)]
        found: list[Match] = []
        i = 0
        while i < len(words):
            hit = self._longest_at(words, i)
            if hit is None:
                i += 1
                continue
            entry, length = hit
            after = i + length
            following = words[after][0] if after < len(words) else ""
            joined = following and not text[words[after - 1][2] : words[after][1]].strip()
            # One word only: a listed phrase that ends in a verb says so itself ("water roars").
            verb_like = length == 1 and words[i][0].endswith("s") and following in _OBJECT_WORDS
            # Implications, stunts and sounds are verbs by nature: "shoots", "hurls him", "rings".
            if joined and verb_like and not entry.implied and entry.category not in _VERB_LISTS:
                i += 1  # "rain hammers the road", "drums his fingers": a verb, not a thing
                continue
            start, end = words[i][1], words[i + length - 1][2]
            found.append(Match(entry, start, end, text[start:end], _count_before(words, i)))
            i += length
        return found

    def _longest_at(self, words: list[tuple[str, int, int]], i: int) -> tuple[Entry, int] | None:
        first = words[i][0]
        if first not in self._first_words and singular(first) not in self._first_words:
            return None
        longest = self._longest_from.get(first, 1)
        for length in range(min(longest, len(words) - i), 0, -1):
            key = tuple(w for w, _, _ in words[i : i + length])
            entry = self.exact.get(key) or self.by_singular.get((*key[:-1], singular(key[-1])))
            if entry is not None:
                return entry, length
        return None


@lru_cache(maxsize=16384)  # a script repeats its words: one lookup per distinct word
def _lookup_form(word: str) -> str:
    """A word as the lexicons spell it: lower case, straight apostrophe, no possessive ``'s``
    (``the Camaro's windscreen`` names a Camaro)."""
    word = word.lower().replace("’", "'")
    return word[:-2] if word.endswith("'s") and len(word) > 3 else word


def _count_before(words: list[tuple[str, int, int]], i: int) -> int | None:
    """The number written just before word ``i``: ``TWO guards``, ``a dozen``, ``two armed men``.

    One modifier may stand between (``two armed guards``), and the small words of ``a couple of``.
    """
    for back in range(1, min(_LOOK_BACK, i) + 1):
        at = i - back
        word = words[at][0]
        if word.isdigit() and len(word) < 5:  # a year or a street number is not a count
            return int(word)
        if word in _NUMBERS:
            value = _NUMBERS[word]
            before = words[at - 1][0] if at > 0 else ""
            if word == "dozen" and before in _NUMBERS and before != "dozen":
                value *= _NUMBERS[before]  # "two dozen"
            return value
        if word not in _COUNT_GAP and back > 1:
            return None
    return None


def parse_lexicon(category: str, text: str) -> dict[tuple[str, ...], Entry]:
    """One lexicon file's entries (format in ``lexicons/README.md``).

    Raises:
        ValueError: a line that is neither a term, a synonym nor an implication.
    """
    entries: dict[tuple[str, ...], Entry] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        implied = line.startswith("~")
        if implied:
            trigger, sep, name = line[1:].partition("=>")
            if not sep:
                raise ValueError(f"{category}.txt line {number}: an implication needs '=>'")
        else:
            trigger, _, name = line.partition("=")
        words = tuple(w.lower() for w in WORD.findall(trigger))
        if not words:
            raise ValueError(f"{category}.txt line {number}: no words in {raw!r}")
        name = " ".join(name.split()) or " ".join(words)
        entries[words] = Entry(category, name.lower(), implied)
    # "dog" and "dogs" are one element: a listed plural is named by its listed singular.
    for words, entry in list(entries.items()):
        one = entries.get((*words[:-1], singular(words[-1])))
        if (
            one is not None
            and one is not entry
            and not entry.implied
            and entry.name == " ".join(words)
        ):
            entries[words] = Entry(category, one.name, False)
    return entries


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicons shipped in ``assistant/analysis/breakdown/lexicons`` (read once)."""
    folder = resources.files("assistant.analysis.breakdown") / "lexicons"
    entries: dict[tuple[str, ...], Entry] = {}
    for category in CATEGORIES:
        if category == "cast":
            continue
        entries.update(parse_lexicon(category, (folder / f"{category}.txt").read_text("utf-8")))
    models = parse_lexicon("vehicles", (folder / "car_models.txt").read_text("utf-8"))
    entries.update(models)
    return Lexicon(entries, frozenset(entry.name for entry in models.values()))
