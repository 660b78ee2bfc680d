"""Silver scene labels: each turning-point synopsis sentence projected onto the script's scenes.

TRIPOD labels its training movies at the level of synopsis sentences only. As the TRIPOD paper does,
each TP sentence is matched to scenes by the whole-scene projection, which the product runs too
(``slate beats --synopsis``) and which therefore lives in
``assistant/analysis/beats/projection.py``; training imports it from there so that both use one
implementation (the silver labels are unchanged by the move: tests/analysis/beats/).
"""

from __future__ import annotations

from assistant.analysis.beats.projection import (
    POSITION_SIGMA,
    ProjectionWeights,
    hard_labels,
    projection_scores,
    scores_to_distribution,
    tfidf_similarity,
)

__all__ = [
    "POSITION_SIGMA",
    "ProjectionWeights",
    "hard_labels",
    "projection_scores",
    "scores_to_distribution",
    "tfidf_similarity",
]
