"""The gold evaluation of the scene-strength model and its baselines, in TRIPOD's reference scenes.

Used by ``scripts/eval_scene_model.py`` (which prints the table) and by the ``shared_data`` test.
Slate's scenes are mapped onto the reference indexing by heading lines: a TP picked on a Slate scene
maps to the reference scene holding that scene's heading; a reference scene takes the strength of
the Slate scene covering its heading line.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from assistant.analysis.strength.scene_strength import score_screenplay
from assistant.analysis.strength.strength_model import TurningPointModel
from assistant.analysis.strength.turning_points import decode_ordered
from assistant.models.base import Embedder
from assistant.training.tp_dataset import MovieData, read_movie
from assistant.training.tp_metrics import THEORY_POSITIONS, MovieResult, position_index
from assistant.training.tripod_data import load_movies

FloatArray = npt.NDArray[np.float64]

PRIOR_WIDTH = 0.05
"""Width (fraction of the script) of the Gaussian around each prior position in the baselines."""


@dataclass
class SegmentationCount:
    """How the two segmentations split one script."""

    movie: str
    reference: int
    slate: int
    slate_headed: int
    reference_headings_matched: int
    """Reference headings that start a Slate scene too."""
    score_seconds: float


@dataclass
class GoldEvaluation:
    """Per-movie results of the model, the baselines and the silver projection."""

    rows: dict[str, list[MovieResult]] = field(default_factory=dict)
    projection: list[MovieResult] = field(default_factory=list)
    counts: list[SegmentationCount] = field(default_factory=list)


def evaluate_gold(
    data_dir: Path,
    embedder: Embedder,
    model: TurningPointModel,
    on_movie: Callable[[SegmentationCount], None] | None = None,
    projection_embedder: Embedder | None = None,
) -> GoldEvaluation:
    """Score the gold test movies with ``model`` and the baselines.

    Args:
        data_dir: the ``../shared/data`` folder.
        embedder: the embedder (the real MiniLM for reported figures).
        model: the trained model.
        on_movie: called with each movie's segmentation counts as it is done.
        projection_embedder: whole-scene embedder for the silver projection row, as in training
            (None: the projection matches scene openings).

    Returns:
        Results keyed ``model``, ``theory``, ``dist`` (training-set TP position means),
        ``length`` (scene length x theory prior), plus the silver projection and the counts.
    """
    out = GoldEvaluation(rows={k: [] for k in ("model", "theory", "dist", "length")})
    for movie in load_movies(data_dir, "test"):
        assert movie.gold is not None
        data = read_movie(
            movie, embedder, embed_words=model.embed_words, projection_embedder=projection_embedder
        )
        started = time.perf_counter()
        report = score_screenplay(data.screenplay, embedder, model=model)
        seconds = time.perf_counter() - started
        n = data.reference_count
        starts = {scene.start_line for scene in data.screenplay.scenes}
        count = SegmentationCount(
            movie=movie.name,
            reference=n,
            slate=data.scene_count,
            slate_headed=len(data.screenplay.headed_scenes()),
            reference_headings_matched=len(set(data.reference_lines[:-1]) & starts),
            score_seconds=seconds,
        )
        out.counts.append(count)
        if on_movie is not None:
            on_movie(count)
        picks = [_to_reference(data, tp.scene_index) for tp in report.turning_points]
        strengths = np.array([report.scenes[s].strength for s in data.ref_to_slate])
        out.rows["model"].append(MovieResult(movie.name, n, picks, movie.gold, strengths))
        out.rows["theory"].append(_prior_result(movie.name, n, movie.gold, THEORY_POSITIONS))
        means = model.metrics.get("tp_position_means")
        if isinstance(means, list):
            out.rows["dist"].append(_prior_result(movie.name, n, movie.gold, means))
        out.rows["length"].append(_length_result(data, movie.gold))
        out.projection.append(_projection_result(data, movie.gold))
    return out


def _to_reference(data: MovieData, slate_index: int) -> int:
    mapped = data.slate_to_ref[slate_index]
    return 0 if mapped is None else mapped


def _prior_scores(n: int, positions: Sequence[float]) -> FloatArray:
    where = np.arange(n) / max(n - 1, 1)
    rows = [np.exp(-((where - p) ** 2) / (2 * PRIOR_WIDTH**2)) for p in positions]
    return np.vstack([r / r.sum() for r in rows])


def _prior_result(
    name: str, n: int, gold: list[list[int]], positions: Sequence[float]
) -> MovieResult:
    picks = [position_index(float(p), n) for p in positions]
    return MovieResult(name, n, picks, gold, _prior_scores(n, positions).max(axis=0))


def _length_result(data: MovieData, gold: list[list[int]]) -> MovieResult:
    """Scene-length prior: the theory positions' Gaussians weighted by reference scene length."""
    n = data.reference_count
    lines = np.diff(np.array(data.reference_lines, dtype=np.float64))[:n]
    scores = _prior_scores(n, THEORY_POSITIONS) * lines
    scores = scores / scores.sum(axis=1, keepdims=True)
    picks = decode_ordered(scores, min_gap=1, use_window=False).scenes
    return MovieResult(data.movie.name, n, picks, gold, lines / lines.max())


def _projection_result(data: MovieData, gold: list[list[int]]) -> MovieResult:
    """Silver labels against gold: each TP sentence's best scene, mapped to the reference."""
    match = data.matches[0].scores
    picks = [_to_reference(data, int(np.argmax(row))) for row in match]
    return MovieResult(data.movie.name, data.reference_count, picks, gold)
