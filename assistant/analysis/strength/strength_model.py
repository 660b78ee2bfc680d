"""The trained turning-point model as plain arrays: per-TP heads, calibration, and their file.

Five heads share the scene features. Head ``k`` gives a distribution over a script's scenes, the
softmax of ``x_j . w_k + b_k``: a conditional logit, which matches the task (each TP is one place in
each script) and trains on soft silver targets. A scene's raw strength is the chance it is any TP,
``1 - prod_k (1 - p_k(j))``; a Platt curve fitted on held-out folds, stored as an interpolation
table, maps it to a calibrated probability. The file is JSON (a few kB): no pickle, nothing
executable.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from assistant.errors import AnalysisError

FloatArray = npt.NDArray[np.float64]

MODEL_FORMAT = 1
"""Bumped when the file layout or the feature code changes in a way old weights cannot follow."""
RETRAIN_COMMAND = "python scripts/train_scene_model.py"


@dataclass
class DecoderSettings:
    """How the five TPs are placed (chosen by cross-validation)."""

    min_gap: int = 1
    use_window: bool = True


@dataclass
class TurningPointModel:
    """Everything scoring needs, as lists of floats."""

    feature_names: list[str]
    means: list[float]
    scales: list[float]
    weights: list[list[float]]
    """(5, features)."""
    calibration_x: list[float]
    """Calibration table: raw strengths (increasing) ..."""
    calibration_y: list[float]
    """... and the calibrated probabilities at those points (interpolated between)."""
    decoder: DecoderSettings = field(default_factory=DecoderSettings)
    embed_words: int = 32
    embed_max_tokens: int = 128
    embedder_id: str = ""
    tone_anchors: dict[str, str] = field(default_factory=dict)
    format: int = MODEL_FORMAT
    version: str = ""
    training_data_sha256: str = ""
    trained_at: str = ""
    metrics: dict[str, object] = field(default_factory=dict)

    def standardise(self, values: FloatArray) -> FloatArray:
        """Features centred and scaled as in training."""
        return np.asarray((values - np.asarray(self.means)) / np.asarray(self.scales), np.float64)

    def logits(self, values: FloatArray) -> FloatArray:
        """Head scores (5, scenes) before the softmax."""
        return np.asarray(np.asarray(self.weights) @ self.standardise(values).T, dtype=np.float64)

    def tp_probabilities(self, values: FloatArray) -> FloatArray:
        """Per-TP distributions over the scenes (5, scenes), each row summing to 1."""
        return softmax_rows(self.logits(values))

    def calibrate(self, raw: FloatArray) -> FloatArray:
        """Raw any-TP strengths mapped through the calibration table."""
        if not self.calibration_x:
            return raw
        return np.interp(raw, self.calibration_x, self.calibration_y)

    def contributions(self, values: FloatArray, head: int) -> FloatArray:
        """Per-feature pushes on head ``head``'s score (scenes, features): weight x standard value.

        Relative to the script's average scene, since a softmax over the script ignores constants.
        """
        standard = self.standardise(values)
        centred = standard - standard.mean(axis=0, keepdims=True)
        return np.asarray(centred * np.asarray(self.weights[head]), dtype=np.float64)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> TurningPointModel:
        data = json.loads(text)
        data["decoder"] = DecoderSettings(**data.get("decoder", {}))
        return cls(**data)


def softmax_rows(logits: FloatArray) -> FloatArray:
    """Softmax along the last axis."""
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return np.asarray(exp / exp.sum(axis=-1, keepdims=True), dtype=np.float64)


def any_tp_strength(probabilities: FloatArray) -> FloatArray:
    """Chance a scene is at least one TP, treating the heads as independent: 1 - prod(1 - p)."""
    return np.asarray(1.0 - np.prod(1.0 - np.clip(probabilities, 0.0, 1.0), axis=0), np.float64)


def load_model(path: Path, *, expected_features: list[str] | None = None) -> TurningPointModel:
    """Read a weights file, checking it is one this version of Slate can use.

    Args:
        path: the JSON weights file.
        expected_features: the feature names the current code computes.

    Raises:
        AnalysisError: missing, unreadable, from another model format, or features mismatch; the
            message names the retrain command.
    """
    if not path.is_file():
        raise AnalysisError(
            f"The scene-strength model is missing ({path}); retrain it with `{RETRAIN_COMMAND}`"
        )
    try:
        model = TurningPointModel.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise AnalysisError(
            f"The scene-strength model {path} cannot be read ({type(exc).__name__}); retrain it "
            f"with `{RETRAIN_COMMAND}`"
        ) from exc
    if model.format != MODEL_FORMAT:
        raise AnalysisError(
            f"The scene-strength model {path} has format {model.format}, this Slate reads format "
            f"{MODEL_FORMAT}; retrain it with `{RETRAIN_COMMAND}`"
        )
    shapes_ok = (
        len(model.weights) == 5
        and all(len(row) == len(model.feature_names) for row in model.weights)
        and len(model.means) == len(model.scales) == len(model.feature_names)
        and len(model.calibration_x) == len(model.calibration_y)
    )
    if not shapes_ok or (
        expected_features is not None and model.feature_names != expected_features
    ):
        raise AnalysisError(
            f"The scene-strength model {path} does not match this version's scene features; "
            f"retrain it with `{RETRAIN_COMMAND}`"
        )
    return model
