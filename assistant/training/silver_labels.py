"""Silver scene labels: each turning-point synopsis sentence projected onto the script's scenes.

TRIPOD labels its training movies at the level of synopsis sentences only. As the TRIPOD paper does,
each TP sentence is matched to scenes, here by three signals added together:

- MiniLM cosine between the sentence and the scene (scene vector = mean of its 160-word chunks),
  z-scored over the movie's scenes;
- TF-IDF cosine within the movie (it catches character names and places), z-scored the same way;
- a Gaussian log-prior around the sentence's relative position in the synopsis (sigma 0.1 of the
  script), since synopses tell the story in order;
- a log-prior proportional to the scene's length in words: before reading the sentence, an event
  is as likely to happen at any word of the script, so a scene three times longer is three times
  as likely to hold it (the cosines themselves ignore length).

On the 10 gold movies this projection lands near human agreement (docs/scene_model.md has the
figures), so its scene distributions serve as training targets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

POSITION_SIGMA = 0.1
"""Width of the position prior, as a fraction of the script (TRIPOD README: ~0.1 worked best)."""


@dataclass
class ProjectionWeights:
    """How the three signals are added."""

    embedding: float = 1.0
    tfidf: float = 1.0
    sigma: float = POSITION_SIGMA
    length: float = 1.0
    """Exponent of the length prior (0: every scene equally likely a priori)."""


def _zscore(values: FloatArray) -> FloatArray:
    spread = float(values.std())
    return (values - values.mean()) / spread if spread > 1e-12 else values * 0.0


def tfidf_similarity(scene_texts: Sequence[str], sentences: Sequence[str]) -> FloatArray:
    """Cosine of TF-IDF vectors fitted on one movie's scenes and sentences: (sentences, scenes)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    vectorizer.fit(list(scene_texts) + list(sentences))
    scenes = vectorizer.transform(list(scene_texts))
    queries = vectorizer.transform(list(sentences))
    return np.asarray((queries @ scenes.T).toarray(), dtype=np.float64)


def projection_scores(
    *,
    embedding_similarity: FloatArray,
    tfidf_similarity: FloatArray,
    sentence_count: int,
    tp_sentences: Sequence[int],
    scene_words: Sequence[int] | None = None,
    weights: ProjectionWeights | None = None,
) -> FloatArray:
    """Match scores of every scene for each TP sentence: shape (5, scenes), higher is better.

    Args:
        embedding_similarity: cosine of each synopsis sentence with each scene (sentences, scenes).
        tfidf_similarity: the same with TF-IDF vectors.
        sentence_count: sentences in the synopsis.
        tp_sentences: the sentence index of each TP.
        scene_words: words per scene, for the length prior (None: no length prior).
        weights: signal weights and prior width.

    Returns:
        Scores in z units plus the log-prior.
    """
    weights = weights or ProjectionWeights()
    scene_count = embedding_similarity.shape[1]
    positions = np.arange(scene_count) / max(scene_count - 1, 1)
    length_prior = np.zeros(scene_count)
    if scene_words is not None:
        length_prior = weights.length * np.log(np.maximum(np.asarray(scene_words, float), 1.0))
    rows = []
    for sentence in tp_sentences:
        target = sentence / max(sentence_count - 1, 1)
        prior = -((positions - target) ** 2) / (2 * weights.sigma**2)
        rows.append(
            weights.embedding * _zscore(embedding_similarity[sentence])
            + weights.tfidf * _zscore(tfidf_similarity[sentence])
            + prior
            + length_prior
        )
    return np.vstack(rows)


def scores_to_distribution(scores: FloatArray, temperature: float = 1.0) -> FloatArray:
    """Softmax over scenes, per TP row."""
    shifted = (scores - scores.max(axis=1, keepdims=True)) / temperature
    weights = np.exp(shifted)
    return np.asarray(weights / weights.sum(axis=1, keepdims=True), dtype=np.float64)


def hard_labels(distribution: FloatArray, share_of_peak: float = 0.5) -> npt.NDArray[np.int_]:
    """Scenes that count as a TP: those within ``share_of_peak`` of their TP's best scene.

    Gold TP events hold 1.7 scenes on average (132 scenes for 75 events upstream); keeping scenes
    at half the peak gives silver events of a similar size.

    Args:
        distribution: (5, scenes) silver distribution.
        share_of_peak: a scene counts when its mass is at least this share of the row's maximum.

    Returns:
        (scenes,) 0/1 labels for "scene is any TP".
    """
    peaks = distribution.max(axis=1, keepdims=True)
    return np.asarray((distribution >= share_of_peak * peaks).any(axis=0), dtype=np.int_)
