"""A synopsis file read into sentences: an outline (``Beat name: sentence`` a line) or prose.

An outline is a file where at least two lines, and most non-blank lines, read ``Name: text`` with
a short name (up to five words); every such line is one beat, named. Anything else is prose, cut
into sentences at ``.``, ``!`` or ``?`` followed by a space and a capital, a quote or a digit
(common abbreviations such as ``Mr.`` or ``Dr.`` do not end a sentence).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Literal

from assistant.analysis.beats.projection import tokens
from assistant.analysis.beats.stop_words import ENGLISH_STOP_WORDS

_OUTLINE_LINE = re.compile(r"^\s*(?:[-*•]\s*|\d+[.)]\s*)?([A-Za-z][\w'’ -]{0,40}?)\s*:\s+(\S.*)$")
_BOUNDARY = re.compile(r"[.!?][\"'’”)\]]*(\s+)(?=[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "prof",
        "capt",
        "col",
        "gen",
        "lt",
        "sgt",
        "rev",
        "vs",
        "no",
        "mt",
        "ft",
        "ave",
        "inc",
        "ltd",
        "co",
        "u.s",
    ]
)
_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass
class SynopsisText:
    """The sentences of a synopsis, in order."""

    form: Literal["outline", "prose"]
    sentences: list[str]
    names: list[str | None]
    """The outline's beat name of each sentence (None for prose)."""


def read_synopsis(text: str) -> SynopsisText:
    """Split a synopsis into sentences, keeping an outline's beat names.

    Args:
        text: the file's text.

    Returns:
        The sentences (empty when the text holds no words).
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    matches = [_OUTLINE_LINE.match(line) for line in lines]
    named = [m for m in matches if m is not None and len(m.group(1).split()) <= 5]
    if len(named) >= 2 and len(named) * 2 > len(lines):
        return SynopsisText(
            form="outline",
            sentences=[m.group(2).strip() for m in named],
            names=[" ".join(m.group(1).split()) for m in named],
        )
    sentences = split_sentences(" ".join(lines))
    return SynopsisText(form="prose", sentences=sentences, names=[None] * len(sentences))


def split_sentences(text: str) -> list[str]:
    """Prose cut into sentences (abbreviations such as ``Dr.`` kept inside their sentence)."""
    text = text.strip()
    cuts = [0, *(m.start(1) for m in _BOUNDARY.finditer(text)), len(text)]
    pieces: list[str] = []
    for piece in (text[a:b].strip() for a, b in itertools.pairwise(cuts)):
        if pieces and _ends_with_abbreviation(pieces[-1]):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    return [p.strip() for p in pieces if _WORDS.search(p)]


def _ends_with_abbreviation(sentence: str) -> bool:
    last = sentence.rstrip().rsplit(maxsplit=1)[-1].rstrip(".").lower() if sentence.strip() else ""
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def english_share(text: str) -> float:
    """Share of a text's words that are English stop words (English prose: about 0.4)."""
    words = [w.lower() for w in _WORDS.findall(text)]
    return sum(w in ENGLISH_STOP_WORDS for w in words) / len(words) if words else 0.0


def overlap_share(sentences: list[str], script_vocabulary: set[str]) -> float:
    """Share of the synopsis's content words (stop words left out) that the script uses too."""
    words = [w for s in sentences for w in tokens(s)]
    return sum(w in script_vocabulary for w in words) / len(words) if words else 0.0
