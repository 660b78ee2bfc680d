"""Training of the synopsis sentence classifier (``analysis/beats/sentence_classifier.py``).

Data: every annotator's synopsis of the 84 TRIPOD training movies (128 rows), each sentence
labelled ``none`` or with the TP it describes. The 10 gold test movies are never read here.
Model choice (the L2 penalty, the weight of the ``none`` class) by grouped cross-validation over
movies: an annotator's synopses of one movie never fall on both sides of a fold.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assistant.analysis.beats.sentence_classifier import (
    FORMAT_VERSION,
    SentenceClassifier,
    feature_names,
    sentence_features,
)
from assistant.analysis.strength.turning_points import TP_NAMES
from assistant.models.base import Embedder
from assistant.training.tripod_data import TripodMovie

FloatArray = npt.NDArray[np.float64]

GRID = {"c": [0.1, 0.3, 1.0, 3.0], "none_weight": [0.1, 0.3, 1.0]}
"""Inverse L2 strength of the logistic regression, and the weight of ``none`` sentences (about
28 of 33 sentences in a synopsis are no TP)."""


@dataclass
class SynopsisRows:
    """One annotator's synopsis: its sentence embeddings and TP sentence indices."""

    movie: str
    vectors: FloatArray
    tp_sentences: list[int]


@dataclass
class CvFigures:
    """Sentence-level agreement of held-out picks with the annotators' TP sentences."""

    exact: float
    """Percent of TP events whose picked sentence is the labelled one."""
    within_one: float
    """Percent picked at most one sentence away."""
    mean_distance: float
    """Mean |picked - labelled| in sentences."""


def embed_synopses(movies: Sequence[TripodMovie], embedder: Embedder) -> list[SynopsisRows]:
    """Every training synopsis's sentences embedded (one batch per synopsis)."""
    rows = []
    for movie in movies:
        for synopsis in movie.synopses:
            if len(synopsis.sentences) < 5:
                continue
            vectors = np.asarray(embedder.embed(synopsis.sentences), dtype=np.float64)
            rows.append(SynopsisRows(movie.name, vectors, list(synopsis.tp_sentences)))
    return rows


def _design(rows: Sequence[SynopsisRows]) -> tuple[FloatArray, npt.NDArray[np.int_]]:
    xs, ys = [], []
    for row in rows:
        labels = np.zeros(len(row.vectors), dtype=np.int_)
        for k, sentence in enumerate(row.tp_sentences):
            labels[sentence] = k + 1
        xs.append(sentence_features(row.vectors))
        ys.append(labels)
    return np.vstack(xs), np.concatenate(ys)


def fit(
    rows: Sequence[SynopsisRows], *, c: float, none_weight: float
) -> tuple[FloatArray, FloatArray]:
    """Multinomial logistic regression; returns ``(coef, intercept)`` of shape (6, f) and (6,)."""
    from sklearn.linear_model import LogisticRegression

    x, y = _design(rows)
    weights = np.where(y == 0, none_weight, 1.0)
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, y, sample_weight=weights)
    return np.asarray(model.coef_, dtype=np.float64), np.asarray(model.intercept_, np.float64)


def _classifier(coef: FloatArray, intercept: FloatArray, dims: int) -> SentenceClassifier:
    return SentenceClassifier(
        format_version=FORMAT_VERSION,
        version="cv",
        embedder_id="",
        classes=["none", *TP_NAMES],
        feature_names=feature_names(dims),
        coef=coef.tolist(),
        intercept=intercept.tolist(),
        tp_position_means=[0.0] * 5,
    )


def score_picks(rows: Sequence[SynopsisRows], picks: Sequence[Sequence[int]]) -> CvFigures:
    """Agreement of picked TP sentences with the labels."""
    distances = [
        abs(p - g) for row, pick in zip(rows, picks, strict=True)
        for p, g in zip(pick, row.tp_sentences, strict=True)
    ]  # fmt: skip
    d = np.asarray(distances, dtype=np.float64)
    return CvFigures(
        exact=100.0 * float((d == 0).mean()),
        within_one=100.0 * float((d <= 1).mean()),
        mean_distance=float(d.mean()),
    )


def position_baseline(rows: Sequence[SynopsisRows], means: Sequence[float]) -> list[list[int]]:
    """Picks from position alone: each TP at its mean relative position in training synopses."""
    return [[round(m * (len(row.vectors) - 1)) for m in means] for row in rows]


def tp_position_means(rows: Sequence[SynopsisRows]) -> list[float]:
    """Mean relative position (0-1) of each TP's sentence."""
    return [
        float(np.mean([r.tp_sentences[k] / max(len(r.vectors) - 1, 1) for r in rows]))
        for k in range(5)
    ]


def cross_validate(
    rows: Sequence[SynopsisRows], *, c: float, none_weight: float, folds: int = 5
) -> tuple[CvFigures, CvFigures]:
    """Held-out figures of the classifier and of the position baseline, folds grouped by movie."""
    names = sorted({r.movie for r in rows})
    fold_of = {name: int(hashlib.sha256(name.encode()).hexdigest(), 16) % folds for name in names}
    picks: list[list[int]] = [[] for _ in rows]
    baseline: list[list[int]] = [[] for _ in rows]
    for fold in range(folds):
        train = [r for r in rows if fold_of[r.movie] != fold]
        held = [i for i, r in enumerate(rows) if fold_of[r.movie] == fold]
        coef, intercept = fit(train, c=c, none_weight=none_weight)
        model = _classifier(coef, intercept, rows[0].vectors.shape[1])
        means = tp_position_means(train)
        for i in held:
            picks[i] = model.pick_turning_points(rows[i].vectors)[0]
            baseline[i] = position_baseline([rows[i]], means)[0]
    return score_picks(rows, picks), score_picks(rows, baseline)
