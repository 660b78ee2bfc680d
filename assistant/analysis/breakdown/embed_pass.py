"""The embedder pass: capitalised words no other pass claimed, classified against the lexicons.

Screenwriters capitalise what production must notice on its first appearance (``the phone
RINGS``, ``a REVOLVER``, ``a HAWK circles``). Words in capitals that are no cast name, no camera
direction and no lexicon phrase are embedded with the configured embedder and compared with every
lexicon term (the category prototypes); the nearest term's category is taken when the similarity
reaches ``threshold``. Everything is embedded in two batches per script (terms, candidates).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import numpy as np
import numpy.typing as npt

from assistant.analysis.breakdown.lexicon import Lexicon, default_lexicon
from assistant.analysis.breakdown.model import CATEGORIES, Element
from assistant.models.base import Embedder
from assistant.script.model import Action, Scene, plain_text

_CAPS = re.compile(r"(?<![A-Za-z'])[A-Z][A-Z'’\-]{2,}(?:\s+[A-Z][A-Z'’\-]{2,}){0,2}(?![A-Za-z])")
_DIRECTION_WORDS = """
ANGLE ANOTHER BACK CAMERA CLOSE CLOSEUP CONT'D CONTINUED CONTINUOUS CUT CUTS DAY DISSOLVE END
ESTABLISHING EXT FADE FADES FLASHBACK FRAME FROM INSERT INT INTERCUT LATER MATCH MONTAGE MOMENTS
MOVING NIGHT OMITTED ONTO OVER PAN POV PRE-LAP REVERSE SAME SCENE SERIES SHOT SHOTS SMASH SUPER
THE TIGHT TITLE TRACKING VIEW WIDE WITH AND FOR INTO OUT OFF ARE HIS HER BUT NOT YOU ALL NOW
"""
_DIRECTIONS = frozenset(_DIRECTION_WORDS.split())
"""Capitalised words that direct the camera or the reader, not the production."""
_MOSTLY_CAPS = 0.6
"""An action paragraph with more capitals than this is written in capitals throughout: its
capitals flag nothing."""
THRESHOLD = 0.6
"""Least cosine similarity between a candidate and its nearest lexicon term (all-MiniLM-L6-v2;
chosen on the tuning half of the gold, docs/breakdown.md)."""


class EmbedPass:
    """Classifies capitalised candidates by their nearest lexicon term."""

    def __init__(
        self, embedder: Embedder, lexicon: Lexicon | None = None, threshold: float = THRESHOLD
    ) -> None:
        self.embedder = embedder
        self.lexicon = lexicon or default_lexicon()
        self.threshold = threshold
        self._terms: list[tuple[str, str]] = []
        self._term_vectors: npt.NDArray[np.float32] | None = None
        self._seen: dict[str, tuple[str, str] | None] = {}

    def prepare(self, scenes: Sequence[Scene]) -> None:
        """Embed every candidate of the script at once (one batch beats one per scene)."""
        found = {c for scene in scenes for c in _candidates(scene, self.lexicon)}
        pending = sorted(found - set(self._seen))
        if pending:
            self._classify_all(pending)

    def classify(
        self, scene: Scene, elements: dict[str, list[Element]]
    ) -> Iterator[tuple[str, str, str]]:
        """``(category, name, surface)`` for the scene's candidates the other passes missed."""
        taken = {e.name.lower() for category in CATEGORIES for e in elements[category]}
        cast_words = {w for e in elements["cast"] for w in e.name.lower().split()}
        for candidate in _candidates(scene, self.lexicon):
            words = candidate.split()
            if candidate in taken or cast_words.intersection(words):
                continue
            if candidate not in self._seen:
                self._classify_all([candidate])
            verdict = self._seen[candidate]
            if verdict is not None:
                yield verdict[0], verdict[1], candidate

    def _classify_all(self, candidates: list[str]) -> None:
        if self._term_vectors is None:
            self._terms = [
                (category, term)
                for category in CATEGORIES[1:]
                for term in self.lexicon.terms(category)
            ]
            self._term_vectors = self.embedder.embed([term for _, term in self._terms])
        vectors = self.embedder.embed(candidates)
        similarity = vectors @ self._term_vectors.T
        for row, candidate in enumerate(candidates):
            best = int(np.argmax(similarity[row]))
            if float(similarity[row, best]) >= self.threshold:
                self._seen[candidate] = (self._terms[best][0], candidate)
            else:
                self._seen[candidate] = None


def _candidates(scene: Scene, lexicon: Lexicon) -> list[str]:
    """Capitalised phrases of the scene's action that no lexicon holds, lower-cased, in order."""
    found: dict[str, None] = {}
    for element in scene.elements:
        if not isinstance(element, Action):
            continue
        text = plain_text(element.text)
        letters = [c for c in text if c.isalpha()]
        if not letters or sum(c.isupper() for c in letters) / len(letters) > _MOSTLY_CAPS:
            continue
        for match in _CAPS.finditer(text):
            words = [w for w in match.group(0).split() if w.strip("'’-") not in _DIRECTIONS]
            phrase = " ".join(words).lower()
            if phrase and len(phrase) >= 3 and not lexicon.find(phrase):
                found.setdefault(phrase)
    return list(found)
