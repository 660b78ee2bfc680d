"""The shipped synopsis sentence classifier: it loads, and its arithmetic is the documented one."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.analysis.beats.sentence_classifier import (
    FORMAT_VERSION,
    SentenceClassifier,
    feature_names,
    sentence_features,
    shipped_classifier,
)
from assistant.analysis.strength.turning_points import TP_NAMES
from assistant.errors import AnalysisError
from assistant.training.beat_classifier import (
    SynopsisRows,
    cross_validate,
    score_picks,
    tp_position_means,
)


def test_shipped_weights_match_minilm_and_carry_their_cv_figures() -> None:
    model = shipped_classifier()
    assert model.classes == ["none", *TP_NAMES]
    assert model.feature_names == feature_names(384)
    assert np.asarray(model.coef).shape == (6, 384 + 13)
    assert "all-MiniLM-L6-v2" in model.embedder_id
    for key in ("cv_exact", "cv_within_one", "baseline_exact", "data_sha256"):
        assert key in model.metrics
    assert model.tp_position_means == sorted(model.tp_position_means)


def test_picks_are_five_sentences_in_story_order() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(30, 384))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    model = shipped_classifier()
    probabilities = model.probabilities(vectors)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)
    picks, confidences = model.pick_turning_points(vectors)
    assert len(picks) == 5 and picks == sorted(set(picks))
    assert confidences == [pytest.approx(probabilities[j, k + 1]) for k, j in enumerate(picks)]
    assert model.pick_turning_points(vectors[:4]) == ([], [])


def test_a_weights_file_of_another_format_is_refused(tmp_path: Path) -> None:
    data = json.loads(shipped_classifier().model_dump_json())
    data["format_version"] = FORMAT_VERSION + 1
    path = tmp_path / "beat_sentences.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(AnalysisError, match="train_beat_classifier"):
        shipped_classifier(path)
    with pytest.raises(AnalysisError, match="cannot be read"):
        shipped_classifier(tmp_path / "missing.json")


def test_features_are_embedding_then_position() -> None:
    vectors = np.eye(4)
    features = sentence_features(vectors)
    assert features.shape == (4, 4 + 13)
    np.testing.assert_array_equal(features[:, :4], vectors)
    np.testing.assert_allclose(features[:, 4], [0, 1 / 3, 2 / 3, 1])


def test_training_scores_picks_against_labels() -> None:
    rows = [SynopsisRows("a", np.zeros((10, 2)), [1, 3, 5, 7, 9])]
    figures = score_picks(rows, [[1, 3, 6, 7, 5]])
    assert figures.exact == 60.0 and figures.within_one == 80.0
    assert figures.mean_distance == pytest.approx((0 + 0 + 1 + 0 + 4) / 5)
    assert tp_position_means(rows) == pytest.approx([1 / 9, 3 / 9, 5 / 9, 7 / 9, 1.0])


def test_a_classifier_is_validated_on_load() -> None:
    with pytest.raises(ValueError):
        SentenceClassifier.model_validate({"format_version": 1})


def test_cross_validation_learns_sentences_that_say_which_tp_they_are() -> None:
    """Synthetic synopses whose TP sentences carry their TP in the embedding: held-out picks are
    exact, while the position baseline (TPs at random places) is not."""
    rng = np.random.default_rng(1)
    rows = []
    for movie in range(20):
        count = int(rng.integers(15, 30))
        tps = sorted(rng.choice(count, size=5, replace=False).tolist())
        vectors = rng.normal(scale=0.1, size=(count, 8))
        for k, sentence in enumerate(tps):
            vectors[sentence, k] += 3.0
        rows.append(SynopsisRows(f"movie {movie}", vectors, tps))
    figures, baseline = cross_validate(rows, c=1.0, none_weight=1.0, folds=4)
    assert figures.exact > 90.0
    assert baseline.exact < 50.0
