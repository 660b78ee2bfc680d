"""Cross-checks between ranking sentences and answering: is the thing a question asks about in
the script at all?

Two cross-checks say "not in the script" where the ranking alone would answer:
- a question asking what something is called ("What is the name of Juno's dog?") whose thing
  (``dog``) the script never mentions: a sentence holding the character's name and "name" is
  not an answer;
- a question asking for a sum, a number, an age or a colour, where no sentence holding one also
  shares (itself or next to it) a topic word of the question: "$800" to fix a guitar does not
  say what an adoption costs;
- a question asking what a thing is called ("What is the name of Danny's dog?") where no
  sentence holds the thing's word and, itself or next to it, a name: "named"/"called" and a
  capitalised word, a quoted capitalised word, a title-case word inside the sentence, or a cue
  name. A script that says "hair of the dog" mentions a dog but names none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.analysis.ask.retrieval import stem, tokenize

if TYPE_CHECKING:
    from assistant.analysis.ask.sentence_ranking import Support
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
    """For a question asking what something is called ("What is the name of Juno's dog?"), a
    word of the thing's phrase the script never uses (``known``: whether some sentence holds a
    token; ``names``: tokens of the characters it names). Only the thing's phrase counts: in
    "What false name does Ada use when she poses as a guest?" nothing is asked to be called,
    and a word of the rest that the script words otherwise ("poses") is no missing thing."""
    if not _NAMING.search(question) or _PERSON_NAME.search(question):
        return None  # a person's first, last or middle name: the surname check's
    match = _NAME_OF.search(question)
    if match is None:
        return None
    phrase = next(g for g in match.groups() if g)
    for token in tokenize(phrase):
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


_REAL = r"(?:(?:real|true|actual|birth)\s+)?"
_NAME_OF = re.compile(
    rf"\bwhat(?:'s|\s+is|\s+was|\s+are)\s+(?:the\s+)?{_REAL}(?:names?|titles?)\s+of\s+"
    r"(?P<of>[^?]+)|"
    r"\bwhat(?:'s|\s+is|\s+was|\s+are)\s+(?P<called>[^?]+?)\s+(?:called|named)\b|"
    rf"\bwhat(?:'s|\s+is|\s+was)\s+(?P<own>[^?]+?)(?:'s|’s)\s+{_REAL}name\b",
    re.I,
)
"""What a thing is called: "the name of Ada's dog", "the title of the song", "Ada's real
name", "what is the boat called"."""
REAL_NAME = re.compile(r"\b(real|true|actual|birth)\s+name\b", re.I)
"""A question asking for the name behind the one the script uses ("What is Ivo's real name?")."""
_RELATIVE = re.compile(r"\s(?:whose|who|whom|that|which|where|when)\s", re.I)
"""Where the thing's phrase gives way to a clause about it ("the sick girl whose wake Cole
goes to": the thing is the girl, not the clause's last word)."""
_SUBJECT = re.compile(r"\s(?=[A-Z][a-z]+\b(?!'s|’s))")
"""Where a clause without its "that" starts: a name, not a possessive, after the thing ("the
song Ada sings at the wake": the thing is the song)."""
_PERSON_NAME = re.compile(
    r"\b(first|last|middle|maiden|full|family|sur|given|christian)\s*name\b", re.I
)
_NAMED = re.compile(
    r"\b(?:(?:named|called|name is|name's)\s+|(?:named|called|calls?)\s+(?:him|her|it|them)\s+)"
    r"[\"“']?[A-Z]|[\"“][A-Z][\w'’ -]*[\"”]"
)
"""A name given: "named Rex", "called her Pip", "they call him Bo" (a pronoun then a capital;
"called him over" names nothing), or a quoted title-case word."""
_INTRODUCTION = re.compile(r"[A-Z][A-Z'’. -]+\(([^)]*)\)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_INSIDE = re.compile(r"[a-z,;] ")
"""The two characters before a title-case word that stands inside a sentence."""
THING_WINDOW = 3
"""Most words between a thing and a title-case word that names it ("his dog Rex", "Rex, the
old dog"): a title-case word anywhere in the sentence ("the dogs bark at Tom Reilly") named a
dog in the tuning files' near misses."""


def thing_named(question: str, names: set[str]) -> str | None:
    """The thing whose name a question asks for (``dog`` in "What is the name of Danny's
    dog?"), as a token; None when it asks for no such name, or for a person's first, last or
    middle name (the surname check handles those)."""
    if _PERSON_NAME.search(question):
        return None
    match = _NAME_OF.search(question)
    if match is None:
        return None
    phrase = _RELATIVE.split(next(g for g in match.groups() if g), maxsplit=1)[0]
    parts = _SUBJECT.split(phrase)
    for at in range(1, len(parts)):  # the first name that is no possessive ends the thing
        head = tokenize(parts[at].split()[0])
        if head and head[0] in names:
            phrase = " ".join(parts[:at])
            break
    words = [t for t in tokenize(phrase) if t not in names and not _NAMING.fullmatch(t)]
    if not words:  # "the title of the film": a word the tokenizer drops is still the thing
        plain = [w.lower() for w in _WORD.findall(phrase) if w.lower() in _PLAIN_THINGS]
        return plain[-1] if plain else None
    return words[-1]


_PLAIN_THINGS = frozenset({"film", "movie", "story", "scene"})
"""Things a question may ask the name of that ``tokenize`` drops as stopwords."""


def _holds(thing: str, text: str) -> bool:
    """True when ``text`` holds ``thing`` (as a token, or as a word the tokenizer drops)."""
    if thing in _PLAIN_THINGS:
        return re.search(rf"\b{thing}s?\b", text, re.I) is not None
    return thing in tokenize(text)


def person_named(question: str, characters: list[str], lower: Callable[[str], bool]) -> str | None:
    """For a question asking a character's name ("What is the janitor's name?", "What is
    Ivo's real name?"), the word of the cue a naming sentence must hold (``janitor``, ``ivo``):
    a cue that is a description (a word the script writes in lower case, ``lower``, or a
    possessive: ``ADA'S FATHER``) names no one, nor does the name the script uses answer what
    the real one is. None for any other question."""
    match = _NAME_OF.search(question)
    if not characters or _PERSON_NAME.search(question) or match is None:
        return None
    cue = characters[0]
    phrase = next(g for g in match.groups() if g)
    if set(tokenize(phrase)) - set(tokenize(cue)):  # "the title of the film Ivo is in"
        return None
    if not cue.split():  # a blank cue names no one (and has no last word)
        return None
    last = cue.split()[-1]
    if not REAL_NAME.search(question) and "'" not in cue and "’" not in cue and not lower(last):
        return None
    words = tokenize(last)
    return words[-1] if words else None


def names_thing(
    thing: str,
    support: Support,
    units: list[TextUnit],
    cues: set[str],
    asked: frozenset[str] = frozenset(),
) -> bool:
    """True when the sentence, or the one after it, holds ``thing`` and one of them a name;
    the names the question holds (``asked``, lower case: the owner in "Cole's father") are no
    names of the thing ("the father" in a line beside Cole names no father)."""
    near = units[support.position : support.position + 2]
    if not any(_holds(thing, u.text) for u in near):
        return False
    for after, unit in enumerate(near):
        text = unit.text
        named = _NAMED.search(text)
        if named and not (after and _names_another(thing, text[: named.start()])):
            return True
        if _title_beside(thing, text, asked) or _capitals_beside(thing, text):
            return True
        # A cue counts inside the sentence, or opening it as the introduction of the thing ("ISLA
        # GRANT (30s, ferry captain)"); a man in a costume of a character called Dog names no
        # dog, nor does a character introduced cleaning out a kennel.
        intro = _INTRODUCTION.match(text)
        if intro and thing in tokenize(intro.group(1)):
            return True
        inside = text.split(None, 1)[-1]
        capitals = re.findall(r"\b[A-Z][A-Z'’-]{2,}\b", inside)
        if any(word in cues and word.lower() not in asked for word in capitals):
            return True
    return False


_NOT_A_THING = frozenset(
    {"is", "was", "be", "been", "being", "it", "him", "her", "them", "and"}
    # who names it: "the one he named Rex" names the dog of the line before
    | {"he", "she", "they", "we", "you", "i", "who", "which", "that", "are", "were", "also"}
)


def _names_another(thing: str, before: str) -> bool:
    """True when the word before "named"/"called" is another noun ("a man named Olsen" in the
    line after "the boy dogs his father's steps" names no dog)."""
    words = _WORD.findall(before)
    if not words or not words[-1].islower() or words[-1] in _NOT_A_THING:
        return False
    return stem(words[-1]) != thing and words[-1] != thing


def _capitals_beside(thing: str, text: str) -> bool:
    """True when a word in capitals is set beside ``thing`` as its name: ``dog, BINGO,`` or a
    sentence opening ``BINGO the dog`` (action introduces names in capitals; a sound, ``the
    dog whines, BARKING``, is not set so)."""
    word = rf"{re.escape(thing)}s?"
    return bool(
        re.search(rf"\b{word},\s+[A-Z][A-Z'’-]+,", text)
        # opening the sentence only: "Ivo SEES the dog" is an action, not a name
        or re.match(rf"\s*[A-Z][A-Z'’-]+\s+the\s+{word}\b", text)
    )


def _title_beside(thing: str, text: str, asked: frozenset[str] = frozenset()) -> bool:
    """True when a title-case word stands within ``THING_WINDOW`` words of ``thing`` in the
    sentence, inside it (after a lower-case word, comma or semicolon: not its first word, nor
    one opening a quote), not an owner's possessive (``Tom's dog``), not the thing
    itself."""
    found = list(_WORD.finditer(text))
    words = [m.group() for m in found]
    at = [i for i, w in enumerate(words) if w.lower() == thing or stem(w.lower()) == thing]
    for i, word in enumerate(words):
        if not (word[0].isupper() and word[1:2].islower()):
            continue
        # Inside the sentence: after a lower-case word, comma or semicolon, not opening it, a
        # quote ('whispers, "Hush now."'), a parenthesis or what follows a colon or a dash.
        if not _INSIDE.fullmatch(text[max(0, found[i].start() - 2) : found[i].start()]):
            continue
        if word.lower().endswith(("'s", "’s")) or stem(word.lower()) == thing:
            continue
        if word.lower() in asked:  # the owner the question names ("Cole's father")
            continue
        if any(abs(i - j) <= THING_WINDOW for j in at):
            return True
    return False


OWNED_MIN = 0.5
"""Least cosine between the thing a naming question asks about and the words between an
owner's possessive and a name ("dog" and "old collie"), for ``owned_name``."""
_OWNED = re.compile(r"\b([A-Z][a-z]+)(?:'s|’s)\s+((?:[a-z][a-z-]*\s+){1,3})([A-Z][a-z]+)\b")


def owned_name(
    thing: str, text: str, owners: list[str], similar: Callable[[str, str], float]
) -> bool:
    """True when ``text`` names a thing of one of the ``owners`` (cue names) by a narrower
    word than the question's: "Ada's old collie Rex" names Ada's dog when the embedder puts
    "old collie" near "dog" (``OWNED_MIN``); "Ada's brother Tom" does not."""
    words = {w for owner in owners for w in owner.split()}
    for match in _OWNED.finditer(text):
        owner, between, name = match.groups()
        if owner.upper() not in words or name.upper() in words:
            continue
        if similar(thing, between.strip()) >= OWNED_MIN:
            return True
    return False
