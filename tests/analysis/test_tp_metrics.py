"""The TRIPOD/GraphTP protocol (TA, PA, D), the scene metrics, and the check on the gold movies."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.training.tp_metrics import (
    THEORY_POSITIONS,
    MovieResult,
    auroc,
    average_precision,
    bootstrap,
    expected_calibration_error,
    position_index,
    predicted_window,
    protocol_scores,
    reliability_curve,
)
from assistant.training.tripod_data import load_movies, reference_heading_lines


def test_window_is_three_scenes_shifted_inward_at_the_ends() -> None:
    assert predicted_window(0, 10) == [0, 1, 2]
    assert predicted_window(5, 10) == [4, 5, 6]
    assert predicted_window(9, 10) == [7, 8, 9]
    assert predicted_window(1, 2) == [0, 1]


def test_position_index_rounds_over_n_minus_one() -> None:
    assert position_index(0.10, 118) == round(0.10 * 117)
    assert position_index(0.0, 50) == 0
    assert position_index(1.0, 50) == 49


def test_protocol_counts_scenes_for_ta_and_events_for_pa() -> None:
    # TP1 gold {4, 5}: window of pick 5 is [4, 5, 6] -> both gold scenes inside, event hit.
    # TP2 gold {20}: pick 10, window [9, 10, 11], distance 9.
    # TP3..TP5 gold {30}, {40}, {49}: picks exact or one off.
    movie = MovieResult(
        name="m",
        scene_count=50,
        predicted=[5, 10, 31, 40, 49],
        gold=[[4, 5], [20], [30], [40], [49]],
    )
    scores = protocol_scores([movie])
    assert scores.ta == pytest.approx(100 * 5 / 6)
    assert scores.pa == pytest.approx(100 * 4 / 5)
    assert scores.d == pytest.approx(100 * (9 / 50) / 5)


def test_auroc_and_average_precision_on_a_hand_worked_case() -> None:
    scores = np.array([0.9, 0.8, 0.7, 0.1])
    labels = np.array([1, 0, 1, 0])
    assert auroc(scores, labels) == pytest.approx(0.75)
    # Precision at each positive: 1/1 and 2/3.
    assert average_precision(scores, labels) == pytest.approx((1.0 + 2 / 3) / 2)
    assert np.isnan(auroc(scores, np.zeros(4, dtype=int)))


def test_ties_count_half_in_auroc() -> None:
    assert auroc(np.array([0.5, 0.5]), np.array([1, 0])) == pytest.approx(0.5)


def test_calibration_error_is_zero_when_rates_match_and_large_when_not() -> None:
    probabilities = np.array([0.25] * 4 + [0.75] * 4)
    matched = np.array([1, 0, 0, 0, 1, 1, 1, 0])
    assert expected_calibration_error(probabilities, matched) == pytest.approx(0.0)
    assert expected_calibration_error(np.full(4, 0.9), np.zeros(4, dtype=int)) == pytest.approx(0.9)
    curve = reliability_curve(probabilities, matched)
    assert [count for _, _, count in curve] == [4, 4]


def test_bootstrap_interval_brackets_the_value_and_repeats() -> None:
    movies = [
        MovieResult(f"m{i}", 20, [i % 20, 5, 10, 15, 19], [[2], [5], [10], [15], [19]])
        for i in range(8)
    ]
    first = bootstrap(movies, lambda r: protocol_scores(r).pa, samples=200, seed=3)
    again = bootstrap(movies, lambda r: protocol_scores(r).pa, samples=200, seed=3)
    assert first == again
    assert first.low <= first.value <= first.high


@pytest.mark.shared_data
def test_theory_positions_reproduce_the_published_check(shared_data_dir: Path) -> None:
    """10/25/50/75/95% of the reference scenes: TA 15.48, PA 18.00, D 10.37 (issue #9)."""
    results = []
    for movie in load_movies(shared_data_dir, "test"):
        assert movie.gold is not None
        n = len(reference_heading_lines(movie.read_text())) - 1
        assert n == movie.reference_scene_count
        picks = [position_index(p, n) for p in THEORY_POSITIONS]
        results.append(MovieResult(movie.name, n, picks, movie.gold))
    assert len(results) == 10
    scores = protocol_scores(results)
    assert round(scores.ta, 2) == 15.48
    assert round(scores.pa, 2) == 18.00
    assert round(scores.d, 2) == 10.37
