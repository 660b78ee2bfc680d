"""Fitting the turning-point heads and the calibration table (used by scripts/train_scene_model.py).

Needs scipy and scikit-learn, imported inside the functions: scoring a script never loads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from assistant.analysis.strength.scene_features import CAST_FEATURES

if TYPE_CHECKING:
    from assistant.training.tp_dataset import MovieData

FloatArray = npt.NDArray[np.float64]


@dataclass
class TrainingScript:
    """One script's features and its silver targets."""

    name: str
    values: FloatArray
    """(scenes, features), raw (unstandardised)."""
    targets: FloatArray
    """(5, scenes) silver distributions, rows summing to 1."""
    labels: npt.NDArray[np.int_]
    """(scenes,) silver "scene is any TP"."""


def standardisation(scripts: Sequence[TrainingScript]) -> tuple[FloatArray, FloatArray]:
    """Feature means and scales over all training scenes (scale 1 for constant columns)."""
    stacked = np.vstack([s.values for s in scripts])
    means = stacked.mean(axis=0)
    scales = stacked.std(axis=0)
    scales[scales < 1e-9] = 1.0
    return means, scales


def fit_heads(
    scripts: Sequence[TrainingScript],
    means: FloatArray,
    scales: FloatArray,
    *,
    l2: float,
    column_l2: Sequence[float] | None = None,
) -> FloatArray:
    """Fit the five conditional-logit heads by L-BFGS on the soft silver targets.

    (Sharing content weights across heads, with per-head deviations, scored lower in
    cross-validation: TA+PA-D 21.0 against 25.5 for independent heads.)

    Args:
        scripts: training scripts.
        means: feature means (from ``standardisation``).
        scales: feature scales.
        l2: ridge penalty per weight and training script (it scales with their count).
        column_l2: a penalty per column instead of ``l2`` for all (``column_penalties``).

    Returns:
        Weights (5, features).
    """
    from scipy.optimize import minimize

    blocks = [(s.values - means) / scales for s in scripts]
    features = blocks[0].shape[1]
    per_column = np.full(features, l2) if column_l2 is None else np.asarray(column_l2, float)
    penalty = per_column * len(scripts)
    weights = np.zeros((5, features))
    for head in range(5):
        targets = [s.targets[head] for s in scripts]

        def loss(w: FloatArray, targets: list[FloatArray] = targets) -> tuple[float, FloatArray]:
            total = 0.5 * float(np.sum(penalty * w * w))
            grad = penalty * w
            for block, target in zip(blocks, targets, strict=True):
                logits = block @ w
                top = logits.max()
                log_norm = top + np.log(np.exp(logits - top).sum())
                probs = np.exp(logits - log_norm)
                total -= float(target @ (logits - log_norm))
                grad = grad + block.T @ (probs - target)
            return total, grad

        result = minimize(loss, np.zeros(features), jac=True, method="L-BFGS-B")
        weights[head] = result.x
    return weights


def fit_platt(
    raw: FloatArray, labels: npt.NDArray[np.int_], points: int = 64
) -> tuple[list[float], list[float]]:
    """Platt scaling on the logit of the raw strength, written out as an interpolation table.

    Isotonic regression was tried first: it fitted the held-out folds too closely at the top
    (five gold-movie scenes mapped to 1.0, one of them a turning point), where a two-parameter
    logistic curve stays smooth.

    Args:
        raw: held-out raw strengths.
        labels: their silver any-TP labels.
        points: table size.

    Returns:
        ``(x, y)``: raw strengths from 0 to 1 and the calibrated probability at each.
    """
    from sklearn.linear_model import LogisticRegression

    def logit(values: FloatArray) -> FloatArray:
        clipped = np.clip(values, 1e-4, 1 - 1e-4)
        return np.asarray(np.log(clipped / (1 - clipped)), dtype=np.float64)

    platt = LogisticRegression(C=1e4)
    platt.fit(logit(raw)[:, None], labels)
    grid = np.concatenate([np.linspace(0.0, 0.2, points // 2), np.linspace(0.2, 1.0, points // 2)])
    grid = np.unique(grid)
    calibrated = platt.predict_proba(logit(grid)[:, None])[:, 1]
    return [round(float(v), 6) for v in grid], [round(float(v), 6) for v in calibrated]


@dataclass(frozen=True)
class TrainingConfig:
    """The choices cross-validation makes."""

    l2: float = 0.01
    position_l2: float | None = None
    """Penalty on the position bumps (None: ``l2``)."""
    cast_l2: float | None = None
    """Penalty on the cast columns (``scene_features.CAST_FEATURES``; None: ``l2``). Each of the
    nine adds little alone, and together they overfitted at the content penalty: cross-validated
    TA+PA-D rose from 49.5 to 51.9 as their penalty grew 1000-fold (whole-scene silver labels)."""
    temperature: float = 1.0
    """Softmax temperature turning projection scores into silver targets."""
    min_gap: int = 1
    use_window: bool = True
    feature_filter: str = "all"
    """``all`` or ``position``: the position-only ablation."""


@dataclass
class CvResult:
    """Held-out figures of one configuration over the training movies (silver events)."""

    config: TrainingConfig
    ta: float
    pa: float
    d: float
    auroc: float
    auprc: float
    raw_strength: FloatArray
    silver_labels: npt.NDArray[np.int_]

    @property
    def criterion(self) -> float:
        """What selection maximises: TA + PA - D on held-out silver events (percent)."""
        return self.ta + self.pa - self.d


EVENT_TEMPERATURE = 1.0
"""Held-out silver events are always taken at this temperature, so configs compete on one target."""


def column_penalties(
    names: Sequence[str], columns: Sequence[int], config: TrainingConfig
) -> list[float]:
    """The ridge penalty of each used column: position bumps, cast columns, the rest."""
    out = []
    for c in columns:
        name = names[c]
        if name.startswith("pos_") and config.position_l2 is not None:
            out.append(config.position_l2)
        elif name in CAST_FEATURES and config.cast_l2 is not None:
            out.append(config.cast_l2)
        else:
            out.append(config.l2)
    return out


def selected_columns(names: Sequence[str], feature_filter: str) -> list[int]:
    """Indices of the columns a config uses."""
    if feature_filter == "position":
        return [i for i, name in enumerate(names) if name.startswith("pos_")]
    return list(range(len(names)))


def cross_validate(
    movies: Sequence[MovieData],
    config: TrainingConfig,
    *,
    decoders: Sequence[tuple[int, bool]] | None = None,
    folds: int = 5,
    seed: int = 0,
) -> list[CvResult]:
    """Grouped k-fold over movies: fit on the others, decode and score each held-out movie.

    Args:
        movies: training movies (each with at least one synopsis match).
        config: the learner's choices (its decoder fields are used when ``decoders`` is None).
        decoders: ``(min_gap, use_window)`` pairs to score on the same fits.
        folds: number of folds.
        seed: shuffles movies into folds.

    Returns:
        One result per decoder: protocol figures against silver events, pooled AUROC/AUPRC of raw
        strength against silver "any TP" labels, and the held-out raw strengths (for calibration).
    """
    from dataclasses import replace

    from assistant.analysis.strength.strength_model import any_tp_strength, softmax_rows
    from assistant.analysis.strength.turning_points import decode_ordered
    from assistant.training.tp_metrics import (
        MovieResult,
        auroc,
        average_precision,
        pooled_scene_metric,
        protocol_scores,
    )

    decoders = list(decoders or [(config.min_gap, config.use_window)])
    columns = selected_columns(movies[0].features.names, config.feature_filter)
    penalties = column_penalties(movies[0].features.names, columns, config)
    order = np.random.default_rng(seed).permutation(len(movies))
    results: list[list[MovieResult]] = [[] for _ in decoders]
    raw_parts: list[FloatArray] = []
    label_parts: list[npt.NDArray[np.int_]] = []
    for fold in range(folds):
        held = set(order[fold::folds].tolist())
        train = [
            _training_script(m, columns, config.temperature)
            for i, m in enumerate(movies)
            if i not in held
        ]
        means, scales = standardisation(train)
        weights = fit_heads(train, means, scales, l2=config.l2, column_l2=penalties)
        for i in sorted(held):
            movie = movies[i]
            values = (movie.features.values[:, columns] - means) / scales
            probabilities = softmax_rows(weights @ values.T)
            events = movie.silver_events(EVENT_TEMPERATURE)
            raw = any_tp_strength(probabilities)
            for slot, (min_gap, use_window) in enumerate(decoders):
                decoded = decode_ordered(probabilities, min_gap=min_gap, use_window=use_window)
                results[slot].append(
                    MovieResult(movie.movie.name, movie.scene_count, decoded.scenes, events, raw)
                )
            raw_parts.append(raw)
            label_parts.append(_event_labels(events, movie.scene_count))
    raw_all = np.concatenate(raw_parts)
    labels_all = np.concatenate(label_parts)
    out = []
    for (min_gap, use_window), movie_results in zip(decoders, results, strict=True):
        scores = protocol_scores(movie_results)
        out.append(
            CvResult(
                config=replace(config, min_gap=min_gap, use_window=use_window),
                ta=scores.ta,
                pa=scores.pa,
                d=scores.d,
                auroc=pooled_scene_metric(movie_results, auroc),
                auprc=pooled_scene_metric(movie_results, average_precision),
                raw_strength=raw_all,
                silver_labels=labels_all,
            )
        )
    return out


def silver_position_means(movies: Sequence[MovieData]) -> list[float]:
    """Mean relative position of each TP's silver peak over the training movies."""
    positions = [
        [float(np.argmax(row)) / max(m.scene_count - 1, 1) for row in m.silver(EVENT_TEMPERATURE)]
        for m in movies
    ]
    return [round(float(v), 4) for v in np.mean(positions, axis=0)]


def _event_labels(events: list[list[int]], count: int) -> npt.NDArray[np.int_]:
    labels = np.zeros(count, dtype=np.int_)
    for event in events:
        labels[event] = 1
    return labels


def _training_script(movie: MovieData, columns: list[int], temperature: float) -> TrainingScript:
    events = movie.silver_events(EVENT_TEMPERATURE)
    return TrainingScript(
        name=movie.movie.name,
        values=movie.features.values[:, columns],
        targets=movie.silver(temperature),
        labels=_event_labels(events, movie.scene_count),
    )


def fit_final(
    movies: Sequence[MovieData], config: TrainingConfig
) -> tuple[list[int], FloatArray, FloatArray, FloatArray]:
    """Fit on every training movie: (columns, means, scales, weights)."""
    columns = selected_columns(movies[0].features.names, config.feature_filter)
    penalties = column_penalties(movies[0].features.names, columns, config)
    scripts = [_training_script(m, columns, config.temperature) for m in movies]
    means, scales = standardisation(scripts)
    weights = fit_heads(scripts, means, scales, l2=config.l2, column_l2=penalties)
    return columns, means, scales, weights
