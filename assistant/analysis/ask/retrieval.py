"""Finding the scenes that bear on a question: embeddings and BM25 over scene chunks, fused.

Each scene's text (heading, action, ``Name: speech``) is cut into chunks of ``CHUNK_WORDS`` words
that overlap by ``CHUNK_OVERLAP``; every chunk starts with the scene heading, so a chunk from the
middle of a scene still says where it is. BM25 reads each chunk with the scene's fields added: its
heading, the characters present (speaking or named in action), and its position (page, start or
end of the script), so "the opening scene" or "scenes with Mara" can hit them. A scene scores the
best of its texts under each ranker; the two are fused by a weighted sum (``FUSION_WEIGHT``,
chosen over reciprocal rank fusion on the dev set's tuning half: see ``docs/chat.md``).

The dense side is two-stage by default (``candidates``): building the index embeds only the
scene headings; a question takes the ``CANDIDATE_SCENES`` best scenes by BM25 and the
``HEADING_CANDIDATES`` best by heading cosine, and only their sentences are embedded (once per
scene, ``sentence_vectors.py``), so the cold index no longer waits for every sentence. Full
sentence or chunk vectors (the measured alternatives) are cached per script under
``<cache_dir>/ask-index/<content hash>.npy`` (written atomically).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from assistant.analysis.ask import answer_types
from assistant.analysis.ask.fusion import FUSION_WEIGHT as FUSION_WEIGHT
from assistant.analysis.ask.fusion import RRF_K as RRF_K
from assistant.analysis.ask.fusion import Ranker, ordered, rank
from assistant.analysis.ask.fusion import weighted as weighted
from assistant.analysis.ask.query_fields import field_bonus
from assistant.analysis.ask.script_facts import ScriptFacts, script_facts
from assistant.analysis.ask.sentence_vectors import SentenceVectors, uncached
from assistant.files import write_atomic
from assistant.models.base import Embedder
from assistant.script.model import Screenplay

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

log = logging.getLogger(__name__)

CHUNK_WORDS = 150
"""Words per chunk. MiniLM reads 256 word pieces and cuts the rest; English screenplay text runs
about 1.3 pieces a word, so 150 words plus a heading stay inside the window."""
CHUNK_OVERLAP = 30
"""Words shared by consecutive chunks, so a line cut at a boundary is whole in one of them."""
INDEX_VERSION = "1"
"""Part of the cache key: bump when chunking changes what a cached vector means."""
DENSE_UNIT: Literal["candidates", "sentences", "chunks", "openings"] = "candidates"
"""What the embedder reads by default (measured against the others on the dev set's tuning
half: docs/chat.md)."""
CANDIDATE_SCENES = 10
"""Scenes, best by BM25, whose sentences a question embeds. On the tuning half, with 2 heading
candidates, hit@5 was 84.6/92.3/96.2/96.2% for 6/8/10/12 (embedding every sentence: 96.2%), a
fresh index embedding 373/457/556/644 sentences a question on average (of ~2,000-3,000)."""
HEADING_CANDIDATES = 2
"""Scenes, best by heading cosine, added to the candidates: a question that shares no word with
the script ("Where do they hide?") still reaches scenes by meaning."""

_STOPWORDS = frozenset(
    """a an the and or but of to in on at by for with from into onto about as is are was were be
    been being do does did doing have has had having it its it's this that these those there here
    he him his she her hers they them their we us our you your i me my mine what which who whom
    whose when where why how not no so than then too very can could will would shall should may
    might must just also only ever any some all each every both either neither one ones much many
    more most other such own same s t get gets got if out up down over again once script scene
    scenes film movie story happen happens happened""".strip()
    .replace("\n", " ")
    .split(" ")
)
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def tokenize(text: str) -> list[str]:
    """Lower-case content words, possessives and plural/verb endings removed, stopwords dropped."""
    out: list[str] = []
    for token in _TOKEN.findall(text.lower().replace("’", "'")):
        if token.endswith("'s"):
            token = token[:-2]
        token = token.replace("'", "")
        if token in _STOPWORDS or not token:
            continue
        out.append(stem(token))
    return out


def stem(word: str) -> str:
    """A light stemmer: enough that ``sells``/``selling``/``sell`` meet, cheap and predictable.

    A doubled consonant left by ``-ing``/``-ed`` is undoubled (``stabbing``/``stabbed``/``stab``),
    except ``ll``, ``ss``, ``zz``, ``ff`` (``killed``/``kill``, ``stuffed``/``stuff``) and in
    three letters (``added``/``add``); ``-es`` after a hissing sound goes whole
    (``watches``/``watch``, ``kisses``/``kiss``, ``boxes``/``box``), except after a base that
    ends in ``-che`` (``aches``/``ache``, ``headaches``, ``niches``; ``attaches`` is ``attach``)."""
    if len(word) > 5 and word.endswith("ing"):
        return _undouble(word[:-3])
    if len(word) > 4 and word.endswith(("ies", "ied")):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):  # freed, agreed
        return _undouble(word[:-2])
    if len(word) > 4 and word.endswith("ches") and _che_base(word[:-1]):
        return word[:-1]  # aches/ache, niches/niche: the e belongs to the base
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zzes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


_CHE_BASES = (
    "ache", "niche", "cache", "quiche", "cliche", "psyche", "douche", "creche", "fiche",
    "avalanche", "moustache", "mustache", "panache", "cloche",
)  # fmt: skip
"""Words ending in ``-che`` whose plural is ``-ches`` (``attache`` is not one: ``attaches``
is the verb, whose stem is ``attach``)."""


def _che_base(word: str) -> bool:
    # A base counts whole or after a consonant (headache, earache): "beache", "coache" end in
    # "ache" but are beach/coach; "attache"/"detache" are the verbs attach/detach.
    if word.endswith("tache") and not word.endswith("stache"):
        return False
    return any(
        word.endswith(base) and (len(word) == len(base) or word[-len(base) - 1] not in "aeiou")
        for base in _CHE_BASES
    )


def _undouble(word: str) -> str:
    # Not a base that ends doubled itself: three letters (add, egg, odd: no two-letter stem
    # doubles) or ``ff`` (stuff, sniff, handcuff: no stem doubles an f).
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouylszf":
        return word[:-1]
    return word


NO_HEADING = "(no heading)"
"""The heading shown for a scene without one (the opening before the first heading): a label of
Slate's, not script text, so a generated answer may not rest on it (``AskPlan.script_text``)."""


class RetrievedScene(BaseModel):
    """A scene chosen for a question, with its text and how well it matched."""

    model_config = ConfigDict(extra="forbid")

    index: int
    """Position in ``Screenplay.scenes`` (0-based)."""
    label: str
    """What people call it (``Screenplay.scene_labels``; ``opening`` before the first heading)."""
    heading: str
    start_line: int | None
    page: int
    text: str
    """The scene's plain text (action, ``Name: speech``) without the heading, uncut."""
    score: float
    """The ranker's score: fused (0..1), cosine, BM25, or RRF."""
    dense: float = 0.0
    """Best cosine similarity of the scene's chunks to the question (-1..1)."""
    bm25: float = 0.0
    """Best BM25 score of the scene's chunks (0 when no query word occurs)."""


@dataclass(frozen=True)
class SceneChunk:
    scene: int
    text: str


def chunk_words(text: str, words: int = CHUNK_WORDS, overlap: int = CHUNK_OVERLAP) -> list[str]:
    """``text`` in windows of ``words`` words, consecutive windows sharing ``overlap`` words."""
    tokens = text.split()
    if len(tokens) <= words:
        return [" ".join(tokens)]
    step = max(1, words - overlap)
    return [" ".join(tokens[i : i + words]) for i in range(0, len(tokens) - overlap, step)]


def scene_chunks(facts: ScriptFacts) -> list[SceneChunk]:
    """Every scene's text in heading-prefixed chunks; empty scenes are left out."""
    chunks: list[SceneChunk] = []
    for scene in facts.scenes:
        body = scene.text[len(scene.heading) :].strip() if scene.heading else scene.text
        if not body and not scene.heading:
            continue
        for piece in chunk_words(body) if body else [""]:
            chunks.append(SceneChunk(scene.index, f"{scene.heading}\n{piece}".strip()))
    return chunks


def _fields(facts: ScriptFacts) -> dict[int, str]:
    """What BM25 may hit besides a scene's words: its heading, who is present (speaking or named
    in action), its page, and whether it opens or ends the script (the first and last 5% of
    headed scenes, at least one each)."""
    headed = [s.index for s in facts.scenes if s.heading]
    edge = max(1, round(len(headed) * 0.05))
    opening, ending = set(headed[:edge]), set(headed[-edge:])
    out: dict[int, str] = {}
    for fact in facts.scenes:
        position = ["page", str(fact.page)]
        if fact.index in opening:
            position += ["opening", "beginning", "start", "first"]
        if fact.index in ending:
            position += ["ending", "end", "final", "last"]
        out[fact.index] = " ".join([fact.heading, " ".join(fact.present), *position])
    return out


DenseUnit = Literal["candidates", "sentences", "chunks", "openings"]
OPENING_WORDS = 48
"""Words of each scene the ``openings`` dense unit embeds (the heading and its first lines)."""


def dense_texts(facts: ScriptFacts, unit: DenseUnit) -> list[tuple[int, int, str]]:
    """``(scene, sentence position or -1, text)`` for the embedder.

    ``sentences``: each scene's heading (position -1) and each sentence (``Name: speech`` for
    dialogue), so the same vectors rank scenes and the sentences an answer quotes. ``chunks``:
    heading-prefixed windows of ``CHUNK_WORDS`` words (position -1). ``openings``: each scene's
    first ``OPENING_WORDS`` words, a tenth of the embedding work (measured, not the default).
    ``candidates``: the headings only; sentences are embedded per question (``SentenceVectors``).
    """
    if unit == "candidates":
        return [(s.index, -1, s.heading) for s in facts.scenes if s.heading]
    if unit == "chunks":
        return [(c.scene, -1, c.text) for c in scene_chunks(facts)]
    if unit == "openings":
        return [
            (s.index, -1, " ".join(s.text.split()[:OPENING_WORDS]))
            for s in facts.scenes
            if s.text.strip()
        ]
    out: list[tuple[int, int, str]] = []
    for scene in facts.scenes:
        if scene.heading:
            out.append((scene.index, -1, scene.heading))
        out.extend((scene.index, i, u.quoted) for i, u in enumerate(scene.units))
    return out


class SceneIndex:
    """One screenplay's scenes, ready to search: vectors (per sentence or per chunk) and BM25
    over heading-prefixed chunks with the scenes' fields.

    Args:
        screenplay: the script.
        embedder: embeds the texts now and each question later (same model).
        cache_dir: where vectors are cached by content hash; None: no disk cache.
        facts: the script's facts, if already computed.
        dense: what the embedder reads (``DENSE_UNIT`` by default).
        question_sentences: for ``candidates``, at most this many not yet embedded sentences a
            question embeds itself (those of its candidate scenes sharing most of its words;
            the background embeds the rest); None: every sentence of its candidate scenes.
    """

    def __init__(
        self,
        screenplay: Screenplay,
        embedder: Embedder,
        *,
        cache_dir: Path | None = None,
        facts: ScriptFacts | None = None,
        dense: DenseUnit | None = None,
        question_sentences: int | None = None,
    ) -> None:
        import bm25s

        self.screenplay = screenplay
        self.embedder = embedder
        self.facts = facts or script_facts(screenplay)
        self.chunks = scene_chunks(self.facts)
        self.dense_unit: DenseUnit = dense or DENSE_UNIT
        self.dense = dense_texts(self.facts, self.dense_unit)
        self.cache_hit = False
        self.vectors = self._vectors(cache_dir)
        self.sentences = SentenceVectors(self.facts, embedder, cache_dir)
        """Sentence vectors: from disk, the background, or the questions (``candidates``)."""
        self.question_sentences = question_sentences
        self._unit_tokens: dict[int, list[set[str]]] = {}
        self._bm25 = bm25s.BM25()
        fields = _fields(self.facts)
        tokens = [tokenize(f"{c.text} {fields[c.scene]}") for c in self.chunks]
        if self.chunks:
            # bm25s wants at least one token per document; "_" never occurs in a query.
            self._bm25.index([t or ["_"] for t in tokens], show_progress=False)

    def _vectors(self, cache_dir: Path | None) -> npt.NDArray[np.float32]:
        import numpy as np

        texts = [text for _, _, text in self.dense]
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        key = hashlib.sha256(
            "\x00".join([INDEX_VERSION, self.embedder.model_id, *texts]).encode("utf-8", "replace")
        ).hexdigest()
        path = cache_dir / "ask-index" / f"{key}.npy" if cache_dir is not None else None
        if path is not None and path.is_file():
            try:
                cached: npt.NDArray[np.float32] = np.load(path, allow_pickle=False)
                if cached.shape[0] == len(texts):
                    self.cache_hit = True
                    return cached
            except (OSError, ValueError) as exc:  # a damaged cache file is recomputed
                log.debug("ignoring ask index cache %s: %s", path, exc)
        vectors = self.embedder.embed(texts)
        if path is not None:
            buffer = io.BytesIO()
            np.save(buffer, vectors, allow_pickle=False)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(path, buffer.getvalue())
            except Exception as exc:  # a cache never fails a question (disk full, read-only)
                log.debug("cannot cache ask index at %s: %s", path, exc)
        return vectors

    def query_vector(self, question: str) -> npt.NDArray[np.float32]:
        """The question's embedding (the router and the sentence ranker reuse it)."""
        vector: npt.NDArray[np.float32] = uncached(self.embedder).embed([question])[0]
        return vector

    def sentence_similarity(
        self, query: npt.NDArray[np.float32], scenes: list[int] | None = None
    ) -> dict[tuple[int, int], float]:
        """Cosine of each sentence ``(scene, position)`` to the query (empty for chunk vectors;
        for ``candidates``, the sentences embedded so far, of ``scenes`` when given)."""
        if self.dense_unit == "candidates":
            return self.sentences.similarity(query, scenes)
        if self.dense_unit != "sentences" or not self.dense:
            return {}
        similarity = (self.vectors @ query).tolist()
        return {
            (scene, position): float(cosine)
            for (scene, position, _), cosine in zip(self.dense, similarity, strict=True)
            if position >= 0
        }

    def scores(
        self, question: str, query: npt.NDArray[np.float32] | None = None
    ) -> tuple[dict[int, float], dict[int, float]]:
        """Per scene, the best cosine of its texts and the best BM25 score of its chunks.

        For ``candidates``, a scene's cosine is its heading's, or, for the candidate scenes
        (module docstring), the best of its heading and its sentences.
        """
        dense: dict[int, float] = {}
        lexical: dict[int, float] = {}
        if not self.chunks:
            return dense, lexical
        vector = self.query_vector(question) if query is None else query
        if len(self.dense):
            cosines = (self.vectors @ vector).tolist()
            for (scene, _, _), cosine in zip(self.dense, cosines, strict=True):
                dense[scene] = max(dense.get(scene, -1.0), float(cosine))
        words = tokenize(question)
        bm25 = self._bm25.get_scores(words).tolist() if words else [0.0] * len(self.chunks)
        for chunk, lex in zip(self.chunks, bm25, strict=True):
            dense.setdefault(chunk.scene, -1.0)
            lexical[chunk.scene] = max(lexical.get(chunk.scene, 0.0), float(lex))
        bonus = field_bonus(question, self.facts, self.facts.find_characters(question))
        top = max(lexical.values(), default=0.0) or 1.0
        for scene, share in bonus.items():
            lexical[scene] = lexical.get(scene, 0.0) + share * top
        for scene, share in answer_types.type_bonus(question, self.facts).items():
            lexical[scene] = lexical.get(scene, 0.0) + share * top
        if self.dense_unit == "candidates":
            self._rerank_candidates(dense, lexical, vector, set(words))
        return dense, lexical

    def candidates(self, dense: dict[int, float], lexical: dict[int, float]) -> list[int]:
        """The scenes whose sentences a question embeds: the best ``CANDIDATE_SCENES`` by BM25
        (that any query word reaches) and the best ``HEADING_CANDIDATES`` by heading cosine."""
        by_words = [i for i in ordered(lexical) if lexical[i] > 0][:CANDIDATE_SCENES]
        by_heading = ordered(dense)[:HEADING_CANDIDATES]
        return list(dict.fromkeys([*by_words, *by_heading]))

    def _rerank_candidates(
        self,
        dense: dict[int, float],
        lexical: dict[int, float],
        query: npt.NDArray[np.float32],
        words: set[str],
    ) -> None:
        """Embed what the candidates need (all their sentences, or the budget's worth), then let
        each candidate (every scene, once all are embedded) score the best of its embedded
        sentences and its heading. Scenes earlier questions embedded do not count, so the same
        question gets the same ranking whatever was asked before it."""
        chosen = self.candidates(dense, lexical)
        if self.question_sentences is None:
            self.sentences.ensure(chosen)
        elif not self.sentences.complete:
            keys = self._sharing_words(chosen, words)[: self.question_sentences]
            self.sentences.ensure_sentences(keys)
        for scene in list(dense) if self.sentences.complete else chosen:
            best = self.sentences.best(scene, query)
            if best is not None:
                dense[scene] = max(dense[scene], best)

    def _sharing_words(self, scenes: list[int], words: set[str]) -> list[tuple[int, int]]:
        """Not yet embedded sentences of ``scenes`` holding a query word, most words first."""
        found: list[tuple[int, int, int]] = []
        for rank_, scene in enumerate(scenes):
            if scene not in self._unit_tokens:
                units = self.facts.scenes[scene].units
                self._unit_tokens[scene] = [
                    set(tokenize(f"{u.speaker or ''} {u.text}")) for u in units
                ]
            tokens = self._unit_tokens[scene]
            for position in self.sentences.missing(scene):
                shared = len(words & tokens[position])
                if shared:
                    found.append((-shared, rank_, position))
        found.sort()
        return [(scenes[r], position) for _, r, position in found]

    def search(
        self,
        question: str,
        k: int = 4,
        ranker: Ranker = "fused",
        query: npt.NDArray[np.float32] | None = None,
    ) -> list[RetrievedScene]:
        """The ``k`` scenes that best match ``question`` under ``ranker``, best first."""
        if not self.chunks or k <= 0:
            return []
        dense, lexical = self.scores(question, query)
        ranked = rank(dense, lexical, ranker)[:k]
        if self.dense_unit == "candidates" and self.question_sentences is None:
            self.sentences.ensure([i for i, _ in ranked])  # the answer ranks their sentences
        return [self._retrieved(i, s, dense[i], lexical.get(i, 0.0)) for i, s in ranked]

    def scenes_of(self, indices: list[int]) -> list[RetrievedScene]:
        """Those scenes as retrieved ones with no score (found by what they say, not ranked)."""
        return [self._retrieved(i, 0.0, 0.0, 0.0) for i in indices]

    def _retrieved(self, index: int, score: float, dense: float, bm25: float) -> RetrievedScene:
        fact = self.facts.scenes[index]
        return RetrievedScene(
            index=index,
            label=fact.label,
            heading=fact.heading or NO_HEADING,
            start_line=fact.start_line,
            page=fact.page,
            text=fact.text[len(fact.heading) :].strip() if fact.heading else fact.text,
            score=round(score, 5),
            dense=round(dense, 4),
            bm25=round(bm25, 4),
        )
