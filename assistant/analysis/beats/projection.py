"""The whole-scene projection: synopsis sentences matched to the scenes they describe.

The same projection made the silver labels the scene-strength model trained on (TRIPOD labels its
training movies at sentence level only), and ``slate beats --synopsis`` runs it on a writer's
synopsis. Each sentence is scored against every scene by adding:

- MiniLM cosine between the sentence and the scene (scene vector = mean of its 160-word chunks),
  z-scored over the movie's scenes;
- TF-IDF cosine within the movie (it catches character names and places), z-scored the same way;
- a Gaussian log-prior around the sentence's relative position in the synopsis (sigma 0.1 of the
  script), since synopses tell the story in order;
- a log-prior proportional to the scene's length in words: before reading the sentence, an event
  is as likely to happen at any word of the script, so a scene three times longer is three times
  as likely to hold it (the cosines themselves ignore length).

On the 10 gold movies the projection of the five TP sentences lands near human agreement
(docs/scene_model.md has the figures). The TF-IDF here is computed with numpy so the runtime needs
no scikit-learn; it equals scikit-learn's ``TfidfVectorizer(sublinear_tf=True,
stop_words="english")`` (checked by ``tests/analysis/beats/test_projection.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assistant.analysis.beats.stop_words import ENGLISH_STOP_WORDS
from assistant.analysis.scene_text import SceneText, text_chunks
from assistant.models.base import Embedder

FloatArray = npt.NDArray[np.float64]

POSITION_SIGMA = 0.1
"""Width of the position prior, as a fraction of the script (TRIPOD README: ~0.1 worked best)."""

_TOKEN = re.compile(r"(?u)\b\w\w+\b")
"""scikit-learn's default ``token_pattern``: words of two or more word characters."""


@dataclass
class ProjectionWeights:
    """How the signals are added."""

    embedding: float = 1.0
    tfidf: float = 1.0
    sigma: float = POSITION_SIGMA
    length: float = 1.0
    """Exponent of the length prior (0: every scene equally likely a priori)."""


def tokens(text: str) -> list[str]:
    """Lower-cased words of two or more characters, English stop words removed."""
    return [t for t in _TOKEN.findall(text.lower()) if t not in ENGLISH_STOP_WORDS]


def _zscore(values: FloatArray) -> FloatArray:
    """Each row z-scored over its columns (a row that does not vary becomes zeros)."""
    values = np.atleast_2d(values)
    mean = values.mean(axis=1, keepdims=True)
    spread = values.std(axis=1, keepdims=True)
    flat = spread <= 1e-12
    return np.asarray(
        np.where(flat, 0.0, (values - mean) / np.where(flat, 1.0, spread)), dtype=np.float64
    )


def tfidf_similarity(scene_texts: Sequence[str], sentences: Sequence[str]) -> FloatArray:
    """Cosine of TF-IDF vectors fitted on one movie's scenes and sentences: (sentences, scenes).

    Sublinear term frequency (1 + log tf), smoothed idf (ln((1 + n) / (1 + df)) + 1), rows scaled
    to unit length: scikit-learn's ``TfidfVectorizer(sublinear_tf=True, stop_words="english")``.
    """
    return tfidf_similarity_of_tokens(
        [tokens(t) for t in scene_texts], [tokens(t) for t in sentences]
    )


def tfidf_similarity_of_tokens(
    scene_words: Sequence[list[str]], sentence_words: Sequence[list[str]]
) -> FloatArray:
    """``tfidf_similarity`` of texts already split by ``tokens`` (a caller that needs the words
    anyway splits each text once).

    Counted with numpy over (document, word) pairs rather than a dictionary per document: a
    feature's ~25,000 words took 0.6 s in Python loops.
    """
    documents = [*scene_words, *sentence_words]
    n_docs, n_scenes = len(documents), len(scene_words)
    flat = [w for words in documents for w in words]
    if not flat:
        return np.zeros((len(sentence_words), n_scenes))
    owner = np.repeat(np.arange(n_docs), [len(words) for words in documents])
    vocabulary, word = np.unique(np.asarray(flat), return_inverse=True)
    size = len(vocabulary)
    pairs, counts = np.unique(owner * size + word, return_counts=True)
    doc_of, word_of = np.divmod(pairs, size)
    frequency = np.bincount(word_of, minlength=size).astype(np.float64)
    idf = np.log((1.0 + n_docs) / (1.0 + frequency)) + 1.0
    rows = np.zeros((n_docs, size))
    rows[doc_of, word_of] = (1.0 + np.log(counts)) * idf[word_of]
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    rows /= np.where(norms > 0, norms, 1.0)
    # Only the sentences' words can add to a cosine; multiplying the whole vocabulary took 0.4 s
    # on a loaded machine (BLAS threads contending) for a (30, 9,000) x (9,000, 130) product.
    used = np.flatnonzero(rows[n_scenes:].any(axis=0))
    queries, scenes = rows[n_scenes:, used], rows[:n_scenes, used]
    return np.asarray(queries @ scenes.T, dtype=np.float64)


def projection_scores(
    *,
    embedding_similarity: FloatArray,
    tfidf_similarity: FloatArray,
    sentence_count: int,
    tp_sentences: Sequence[int],
    scene_words: Sequence[int] | None = None,
    weights: ProjectionWeights | None = None,
    positions: Sequence[float] | None = None,
    sigmas: Sequence[float] | None = None,
) -> FloatArray:
    """Match scores of every scene for each chosen sentence: shape (len(tp_sentences), scenes).

    Args:
        embedding_similarity: cosine of each synopsis sentence with each scene (sentences, scenes).
        tfidf_similarity: the same with TF-IDF vectors.
        sentence_count: sentences in the synopsis.
        tp_sentences: the sentences to project (for silver labels, the sentence index of each TP).
        scene_words: words per scene, for the length prior (None: no length prior).
        weights: signal weights and prior width.
        positions: where in the story (0-1) each chosen sentence is expected, overriding its place
            in the synopsis (an outline names its beats; None: ``index / (sentence_count - 1)``).
        sigmas: the prior's width for each chosen sentence (None: ``weights.sigma`` for all).

    Returns:
        Scores in z units plus the log-priors.
    """
    weights = weights or ProjectionWeights()
    scene_count = embedding_similarity.shape[1]
    where = np.arange(scene_count) / max(scene_count - 1, 1)
    length_prior = np.zeros(scene_count)
    if scene_words is not None:
        length_prior = weights.length * np.log(np.maximum(np.asarray(scene_words, float), 1.0))
    chosen = np.asarray(list(tp_sentences), dtype=np.int_)
    if chosen.size == 0:
        return np.zeros((0, scene_count))
    if positions is not None:
        targets = np.asarray(list(positions)[: len(chosen)], dtype=np.float64)
    else:
        targets = chosen / max(sentence_count - 1, 1)
    widths = np.full(len(chosen), weights.sigma)
    if sigmas is not None:
        widths = np.asarray(list(sigmas)[: len(chosen)], dtype=np.float64)
    prior = -((where[None, :] - targets[:, None]) ** 2) / (2 * widths[:, None] ** 2)
    return np.asarray(
        weights.embedding * _zscore(embedding_similarity[chosen])
        + weights.tfidf * _zscore(tfidf_similarity[chosen])
        + prior
        + length_prior,
        dtype=np.float64,
    )


def evidence(embedding_similarity: FloatArray, tfidf_similarity: FloatArray) -> FloatArray:
    """The projection's text signals alone (no priors), per sentence and scene, in z units."""
    if embedding_similarity.shape[0] == 0:
        return np.zeros_like(embedding_similarity)
    return _zscore(embedding_similarity) + _zscore(tfidf_similarity)


def scores_to_distribution(scores: FloatArray, temperature: float = 1.0) -> FloatArray:
    """Softmax over scenes, per row."""
    shifted = (scores - scores.max(axis=1, keepdims=True)) / temperature
    weights = np.exp(shifted)
    return np.asarray(weights / weights.sum(axis=1, keepdims=True), dtype=np.float64)


def hard_labels(distribution: FloatArray, share_of_peak: float = 0.5) -> npt.NDArray[np.int_]:
    """Scenes that count as a TP: those within ``share_of_peak`` of their TP's best scene.

    Gold TP events hold 1.7 scenes on average (132 scenes for 75 events upstream); keeping scenes
    at half the peak gives silver events of a similar size.

    Args:
        distribution: (rows, scenes) silver distribution.
        share_of_peak: a scene counts when its mass is at least this share of the row's maximum.

    Returns:
        (scenes,) 0/1 labels for "scene is any TP".
    """
    peaks = distribution.max(axis=1, keepdims=True)
    return np.asarray((distribution >= share_of_peak * peaks).any(axis=0), dtype=np.int_)


def whole_scene_vectors(texts: Sequence[SceneText], embedder: Embedder) -> FloatArray:
    """One unit vector per scene: the mean of its 160-word chunks' embeddings.

    Reads every word of every scene (a feature is ~220 chunks): the synopsis projection needs the
    whole scene, while scoring reads only openings (its 2 s budget).
    """
    chunks = [text_chunks(t.text) for t in texts]
    flat = np.asarray(embedder.embed([c for parts in chunks for c in parts]), dtype=np.float64)
    out = np.zeros((len(texts), flat.shape[1] if flat.size else 0))
    start = 0
    for i, parts in enumerate(chunks):
        mean = flat[start : start + len(parts)].mean(axis=0)
        out[i] = mean / max(float(np.linalg.norm(mean)), 1e-12)
        start += len(parts)
    return out
