"""Which sentences of a prose synopsis describe the five turning points, and which TP each is.

A multinomial logistic regression over six classes (no TP, then the five TPs in story order), on
the sentence's MiniLM embedding and its relative position in the synopsis, trained on the 84 TRIPOD
training movies' sentence labels (``assistant/training/beat_classifier.py``,
``scripts/train_beat_classifier.py``). The weights ship as JSON under ``weights/``; this module
only reads them and does the arithmetic, so the runtime needs no scikit-learn.

Decoding picks five sentences in story order (``j1 < ... < j5``) that maximise the summed log
probability of their TPs, as the scene decoder does for scenes.
"""

from __future__ import annotations

import json
import threading
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, Field

from assistant.analysis.strength.turning_points import decode_ordered
from assistant.errors import AnalysisError

FloatArray = npt.NDArray[np.float64]

WEIGHTS_FILE = "beat_sentences.v1.json"
FORMAT_VERSION = 1
POSITION_CENTRES = tuple(i / 10 for i in range(11))
"""Centres of the Gaussian position bumps (fractions of the synopsis)."""
POSITION_WIDTH = 0.08

_lock = threading.Lock()
_loaded: dict[str, SentenceClassifier] = {}


class SentenceClassifier(BaseModel):
    """The shipped weights: ``classes x features`` coefficients and the figures they scored."""

    format_version: int
    version: str
    embedder_id: str
    classes: list[str]
    """``none`` then the five TP names."""
    feature_names: list[str]
    coef: list[list[float]]
    intercept: list[float]
    tp_position_means: list[float] = Field(min_length=5, max_length=5)
    """Mean relative position of each TP's sentence in the training synopses (outline prior)."""
    metrics: dict[str, float | str | int] = Field(default_factory=dict)

    def probabilities(self, vectors: FloatArray) -> FloatArray:
        """(sentences, 6) class probabilities for a synopsis's sentence embeddings, in order."""
        features = sentence_features(vectors)
        if features.shape[1] != len(self.feature_names):
            raise AnalysisError(
                f"The synopsis classifier expects {len(self.feature_names)} features, the "
                f"embedder gives {features.shape[1]}: retrain with "
                "python scripts/train_beat_classifier.py"
            )
        logits = features @ np.asarray(self.coef).T + np.asarray(self.intercept)
        logits -= logits.max(axis=1, keepdims=True)
        weights = np.exp(logits)
        return np.asarray(weights / weights.sum(axis=1, keepdims=True), dtype=np.float64)

    def pick_turning_points(self, vectors: FloatArray) -> tuple[list[int], list[float]]:
        """The sentence of each TP in story order and its probability; empty under 5 sentences."""
        if len(vectors) < 5:
            return [], []
        probabilities = self.probabilities(vectors)
        per_tp = probabilities[:, 1:].T
        decoded = decode_ordered(
            per_tp / per_tp.sum(axis=1, keepdims=True), min_gap=1, use_window=False
        )
        confidences = [float(probabilities[j, k + 1]) for k, j in enumerate(decoded.scenes)]
        return decoded.scenes, confidences


def position_features(count: int) -> FloatArray:
    """(count, 13) relative position r, r squared, and Gaussian bumps of r at the centres."""
    where = np.arange(count) / max(count - 1, 1)
    bumps = [np.exp(-((where - c) ** 2) / (2 * POSITION_WIDTH**2)) for c in POSITION_CENTRES]
    return np.column_stack([where, where**2, *bumps]) if count else np.zeros((0, 13))


def sentence_features(vectors: FloatArray) -> FloatArray:
    """Embedding and position features of a synopsis's sentences, in order."""
    return np.hstack([np.asarray(vectors, dtype=np.float64), position_features(len(vectors))])


def feature_names(dimensions: int) -> list[str]:
    """Column names of ``sentence_features`` for an embedder of ``dimensions``."""
    bumps = [f"position_near_{c:.1f}" for c in POSITION_CENTRES]
    return [f"embedding_{i}" for i in range(dimensions)] + ["position", "position_sq", *bumps]


def weights_path() -> Path:
    """The shipped weights file inside the installed package."""
    return Path(str(resources.files("assistant.analysis.beats") / "weights" / WEIGHTS_FILE))


def shipped_classifier(path: Path | None = None) -> SentenceClassifier:
    """The trained sentence classifier, read once per path.

    Raises:
        AnalysisError: the file is missing, unreadable or of another format version.
    """
    path = path or weights_path()
    with _lock:
        model = _loaded.get(str(path))
        if model is None:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                model = SentenceClassifier.model_validate(data)
            except (OSError, ValueError) as exc:
                raise AnalysisError(
                    f"The synopsis classifier {path} cannot be read ({exc}); rebuild it with "
                    "python scripts/train_beat_classifier.py"
                ) from exc
            if model.format_version != FORMAT_VERSION:
                raise AnalysisError(
                    f"The synopsis classifier {path} is format {model.format_version}, this Slate "
                    f"reads {FORMAT_VERSION}: python scripts/train_beat_classifier.py"
                )
            _loaded[str(path)] = model
    return model
