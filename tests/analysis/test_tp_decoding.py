"""Ordered decoding of the five turning points, and the silver-label projection."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from assistant.analysis.strength.turning_points import decode_ordered, window_mass
from assistant.training.silver_labels import (
    ProjectionWeights,
    hard_labels,
    projection_scores,
    scores_to_distribution,
)


def _peaks(n: int, centres: list[int], width: float = 1.5) -> np.ndarray:
    rows = [np.exp(-((np.arange(n) - c) ** 2) / (2 * width**2)) for c in centres]
    return np.vstack([r / r.sum() for r in rows])


def test_decoder_keeps_story_order_when_heads_disagree() -> None:
    # Head 3 (Point of No Return) peaks after head 4 (Major Setback): independent argmaxes would
    # put them out of order.
    probabilities = _peaks(60, [5, 15, 45, 40, 55])
    decoded = decode_ordered(probabilities, min_gap=1, use_window=False)
    assert all(a < b for a, b in itertools.pairwise(decoded.scenes))
    assert decoded.scenes[0] == 5 and decoded.scenes[-1] == 55


@pytest.mark.parametrize("use_window", [False, True])
def test_heads_that_agree_still_get_five_distinct_scenes_in_order(use_window: bool) -> None:
    # Every head peaks on scene 12: a decoder that allowed ties would put all five there.
    decoded = decode_ordered(_peaks(30, [12] * 5, width=0.8), min_gap=1, use_window=use_window)
    assert all(a < b for a, b in itertools.pairwise(decoded.scenes)), decoded.scenes
    assert decoded.scenes[0] >= 10 and decoded.scenes[-1] <= 14


def test_decoder_finds_clear_peaks_and_reports_window_mass() -> None:
    centres = [6, 18, 30, 42, 54]
    decoded = decode_ordered(_peaks(60, centres), min_gap=3)
    assert decoded.scenes == centres
    assert all(0.0 < c <= 1.0 for c in decoded.confidences)


def test_min_gap_is_respected_and_relaxed_for_tiny_scripts() -> None:
    flat = np.full((5, 40), 1 / 40)
    picks = decode_ordered(flat, min_gap=4).scenes
    assert all(b - a >= 4 for a, b in itertools.pairwise(picks))
    tiny = decode_ordered(np.full((5, 3), 1 / 3), min_gap=1).scenes
    assert tiny == sorted(tiny) and len(tiny) == 5


def test_window_mass_sums_neighbours_and_shifts_at_the_ends() -> None:
    probabilities = np.array([[0.5, 0.2, 0.1, 0.1, 0.1]])
    mass = window_mass(probabilities)
    assert mass[0, 2] == pytest.approx(0.4)
    assert mass[0, 0] == pytest.approx(0.8)  # window [0, 1, 2]
    assert mass[0, 4] == pytest.approx(0.3)  # window [2, 3, 4]


def test_projection_follows_similarity_within_the_position_prior() -> None:
    scenes, sentences = 50, 10
    embedding = np.zeros((sentences, scenes))
    tfidf = np.zeros((sentences, scenes))
    # Sentence 2 matches scene 12 by both signals; the prior centres it near scene 11.
    embedding[2, 12] = tfidf[2, 12] = 1.0
    # Sentence 8 matches scene 3, far from its position (0.89): the prior should win.
    embedding[8, 3] = tfidf[8, 3] = 1.0
    scores = projection_scores(
        embedding_similarity=embedding,
        tfidf_similarity=tfidf,
        sentence_count=sentences,
        tp_sentences=[2, 8, 8, 8, 8],
    )
    assert int(np.argmax(scores[0])) == 12
    assert int(np.argmax(scores[1])) > 35
    no_prior = projection_scores(
        embedding_similarity=embedding,
        tfidf_similarity=tfidf,
        sentence_count=sentences,
        tp_sentences=[8] * 5,
        weights=ProjectionWeights(sigma=1e6),
    )
    assert int(np.argmax(no_prior[0])) == 3


def test_length_prior_prefers_the_longer_of_two_equal_matches() -> None:
    similarity = np.zeros((3, 10))
    similarity[1, [4, 5]] = 1.0
    words = [100] * 10
    words[5] = 400
    scores = projection_scores(
        embedding_similarity=similarity,
        tfidf_similarity=similarity,
        sentence_count=3,
        tp_sentences=[1] * 5,
        scene_words=words,
    )
    assert int(np.argmax(scores[0])) == 5


def test_distribution_rows_sum_to_one_and_hard_labels_keep_near_peaks() -> None:
    scores = np.array([[0.0, 5.0, 4.6, 0.0], [3.0, 0.0, 0.0, 0.0]])
    distribution = scores_to_distribution(scores)
    assert distribution.sum(axis=1) == pytest.approx([1.0, 1.0])
    assert hard_labels(distribution).tolist() == [1, 1, 1, 0]
