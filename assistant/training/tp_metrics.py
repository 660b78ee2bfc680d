"""The turning-point evaluation protocol of TRIPOD/GraphTP, and the scene-level metrics around it.

Protocol (Papalampidi et al. 2019; GraphTP ``modules/evaluation.py``), per movie and turning point:
the predicted set is the predicted scene and its two neighbours (three consecutive scenes, shifted
inward at the script's ends).

- **TA** (total agreement): gold TP scenes that fall inside their TP's predicted set, over all gold
  TP scenes (micro-averaged over scenes, as upstream).
- **PA** (partial agreement): TP events whose predicted set holds at least one gold scene.
- **D** (distance): mean over events of min |predicted-set scene - gold scene| / number of scenes.

A position fraction ``p`` becomes the scene ``round(p * (n - 1))``: with that rule, TPs at
10/25/50/75/95% of the reference scenes score TA 15.48, PA 18.00, D 10.37 on the 10 gold movies
(the check in the issue), which pins the protocol down.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

THEORY_POSITIONS = (0.10, 0.25, 0.50, 0.75, 0.95)
"""Where screenwriting theory puts the five TPs, as fractions of the script (TRIPOD's baseline)."""


@dataclass
class MovieResult:
    """One movie's prediction and gold, in the reference scene indexing."""

    name: str
    scene_count: int
    predicted: list[int]
    """The predicted scene of each of the five TPs."""
    gold: list[list[int]]
    """For each TP, the gold scene indices."""
    scene_scores: FloatArray | None = None
    """Per-scene probability that the scene is any TP (for AUROC, AUPRC, ECE)."""


@dataclass
class ProtocolScores:
    """TA, PA and D in percent."""

    ta: float
    pa: float
    d: float


def position_index(fraction: float, scene_count: int) -> int:
    """The scene at ``fraction`` of a script of ``scene_count`` scenes: ``round(p * (n - 1))``."""
    return min(max(round(fraction * (scene_count - 1)), 0), max(scene_count - 1, 0))


def predicted_window(index: int, scene_count: int) -> list[int]:
    """The scene and its two neighbours, shifted inward at either end of the script."""
    if scene_count <= 3:
        return list(range(scene_count))
    low = min(max(index - 1, 0), scene_count - 3)
    return [low, low + 1, low + 2]


def protocol_scores(results: Sequence[MovieResult]) -> ProtocolScores:
    """TA, PA and D (percent) of a set of movies under the protocol above.

    Args:
        results: one entry per movie, each with five predicted scenes.

    Returns:
        The three figures.
    """
    agree = total = hits = 0
    distances: list[float] = []
    for movie in results:
        for predicted, gold in zip(movie.predicted, movie.gold, strict=True):
            if not gold:
                continue
            window = predicted_window(predicted, movie.scene_count)
            total += len(gold)
            agree += sum(1 for scene in gold if scene in window)
            distance = min(abs(a - b) for a in window for b in gold)
            hits += distance == 0
            distances.append(distance / movie.scene_count)
    events = len(distances)
    return ProtocolScores(
        ta=100.0 * agree / total if total else 0.0,
        pa=100.0 * hits / events if events else 0.0,
        d=100.0 * float(np.mean(distances)) if events else 0.0,
    )


def any_tp_labels(movie: MovieResult) -> npt.NDArray[np.int_]:
    """1 for scenes that are gold for any TP, else 0."""
    labels = np.zeros(movie.scene_count, dtype=np.int_)
    for gold in movie.gold:
        labels[[g for g in gold if 0 <= g < movie.scene_count]] = 1
    return labels


def auroc(scores: FloatArray, labels: npt.NDArray[np.int_]) -> float:
    """Area under the ROC curve (ties count one half); NaN without both classes."""
    positives = labels == 1
    n_pos, n_neg = int(positives.sum()), int((~positives).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores), dtype=np.float64)
    sorted_scores = scores[order]
    # Average ranks over ties so equal scores are neither credited nor penalised.
    start = 0
    while start < len(scores):
        end = start
        while end + 1 < len(scores) and sorted_scores[end + 1] == sorted_scores[start]:
            end += 1
        ranks[order[start : end + 1]] = (start + end) / 2.0 + 1.0
        start = end + 1
    rank_sum = float(ranks[positives].sum())
    return (rank_sum - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg)


def average_precision(scores: FloatArray, labels: npt.NDArray[np.int_]) -> float:
    """AUPRC as average precision (scikit-learn's definition, ties grouped); NaN if no positive."""
    n_pos = int(labels.sum())
    if n_pos == 0:
        return float("nan")
    order = np.argsort(-scores, kind="mergesort")
    sorted_scores, sorted_labels = scores[order], labels[order]
    # Evaluate precision and recall only where the score changes (a tied group counts as one step).
    last_of_group = np.r_[np.diff(sorted_scores) != 0, True]
    true_pos = np.cumsum(sorted_labels)[last_of_group]
    counted = np.arange(1, len(scores) + 1)[last_of_group]
    precision = true_pos / counted
    recall = true_pos / n_pos
    previous_recall = np.r_[0.0, recall[:-1]]
    return float(np.sum((recall - previous_recall) * precision))


def reliability_curve(
    probabilities: FloatArray, labels: npt.NDArray[np.int_], bins: int = 10
) -> list[tuple[float, float, int]]:
    """``(mean predicted, observed rate, count)`` per equal-width bin (empty bins skipped)."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(probabilities, edges[1:-1]), 0, bins - 1)
    curve: list[tuple[float, float, int]] = []
    for b in range(bins):
        mask = which == b
        if mask.any():
            curve.append(
                (float(probabilities[mask].mean()), float(labels[mask].mean()), int(mask.sum()))
            )
    return curve


def expected_calibration_error(
    probabilities: FloatArray, labels: npt.NDArray[np.int_], bins: int = 10
) -> float:
    """ECE: the count-weighted mean |predicted - observed| over equal-width probability bins."""
    curve = reliability_curve(probabilities, labels, bins)
    total = sum(count for _, _, count in curve)
    if total == 0:
        return float("nan")
    return sum(count * abs(p - o) for p, o, count in curve) / total


def pooled_scene_metric(
    results: Sequence[MovieResult], metric: Callable[[FloatArray, npt.NDArray[np.int_]], float]
) -> float:
    """A scene-level metric over the scenes of all movies pooled (movies without scores skipped)."""
    scored = [m for m in results if m.scene_scores is not None]
    if not scored:
        return float("nan")
    scores = np.concatenate([np.asarray(m.scene_scores, dtype=np.float64) for m in scored])
    labels = np.concatenate([any_tp_labels(m) for m in scored])
    return metric(scores, labels)


@dataclass
class Interval:
    """A figure with its bootstrap 95% interval over movies."""

    value: float
    low: float
    high: float

    def __str__(self) -> str:
        return f"{self.value:.2f} [{self.low:.2f}, {self.high:.2f}]"


def bootstrap(
    results: Sequence[MovieResult],
    statistic: Callable[[Sequence[MovieResult]], float],
    *,
    samples: int = 1000,
    seed: int = 0,
) -> Interval:
    """The statistic on all movies, with a percentile 95% interval from resampling movies.

    Args:
        results: one entry per movie.
        statistic: maps a list of movies to one number.
        samples: bootstrap resamples.
        seed: for a repeatable interval.

    Returns:
        The point value and the 2.5th and 97.5th percentiles of the resampled values.
    """
    rng = np.random.default_rng(seed)
    value = statistic(results)
    draws = []
    for _ in range(samples):
        picked = rng.integers(0, len(results), len(results))
        draw = statistic([results[i] for i in picked])
        if not np.isnan(draw):
            draws.append(draw)
    if not draws:
        return Interval(value, float("nan"), float("nan"))
    low, high = np.percentile(draws, [2.5, 97.5])
    return Interval(value, float(low), float(high))
