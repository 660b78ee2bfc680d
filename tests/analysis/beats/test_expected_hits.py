"""Expected-hit decoding (``analysis/beats/tp_decoding.py``: the method v6 candidates)."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from assistant.analysis.beats import synopsis_map
from assistant.analysis.beats.tp_decoding import (
    decode_expected_hits,
    event_masks,
    place_events,
    window_hits,
)
from assistant.analysis.strength.turning_points import TP_NAMES
from assistant.errors import AnalysisError
from assistant.script.model import Screenplay
from assistant.training.tp_metrics import predicted_window
from tests.analysis.beats.conftest import fixture_text
from tests.fakes import FakeEmbedder


def test_event_masks_keep_scenes_within_half_of_the_peak() -> None:
    masks = event_masks(np.array([[0.1, 0.4, 0.25, 0.19], [0.5, 0.5, 0.0, 0.0]]))
    assert masks.tolist() == [[False, True, True, False], [True, True, False, False]]


def test_place_events_follow_the_place_a_sentence_held() -> None:
    # Two equally strong text matches, at scenes 2 and 17 of 20: the place decides the event.
    text = np.zeros(20)
    text[[2, 17]] = 6.0
    events, fit = place_events(text, np.array([0.1, 0.9, 0.5]))
    assert np.flatnonzero(events[0]).tolist() == [2]
    assert np.flatnonzero(events[1]).tolist() == [17]
    # Midway, neither match is near: the prior's own peak (scenes 9 and 10) wins over both.
    assert not events[2, [2, 17]].any()
    # A place near a strong match is better evidence than one far from both.
    assert fit[0] > fit[2] and fit[1] > fit[2]


def test_window_hits_equal_the_protocol_window_counted_by_hand() -> None:
    rng = np.random.default_rng(11)
    events = rng.random((6, 9)) > 0.8
    weights = rng.random(6)
    weights /= weights.sum()
    hits = window_hits(events, weights)
    for pick in range(9):
        window = predicted_window(pick, 9)
        expected = sum(w for e, w in zip(events, weights, strict=True) if e[window].any())
        assert np.isclose(hits[pick], expected)


def test_decode_expected_hits_is_the_best_increasing_choice() -> None:
    rng = np.random.default_rng(7)
    for _ in range(20):
        hits, logs = rng.random((5, 8)), np.log(rng.random((5, 8)) + 1e-3)
        objective = hits + 0.1 * logs
        best = max(
            itertools.combinations(range(8), 5),
            key=lambda c: sum(objective[k, s] for k, s in enumerate(c)),
        )
        assert tuple(decode_expected_hits(hits, logs, 0.1)) == best


def test_decode_expected_hits_breaks_ties_by_the_mass() -> None:
    hits = np.zeros((5, 10))
    logs = np.full((5, 10), -5.0)
    for k, scene in enumerate([1, 3, 5, 7, 9]):
        logs[k, scene] = 0.0
    assert decode_expected_hits(hits, logs, 0.05) == [1, 3, 5, 7, 9]
    # A likely hit outweighs the mass.
    hits[2, 6] = 1.0
    assert decode_expected_hits(hits, logs, 0.05)[2] == 6


def test_decode_expected_hits_with_fewer_columns_than_rows_may_repeat() -> None:
    picks = decode_expected_hits(np.ones((5, 3)), np.zeros((5, 3)), 0.1)
    assert len(picks) == 5 and picks == sorted(picks)


def test_outline_hits_place_the_fixture_outline_in_story_order(
    lighthouse: Screenplay, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(synopsis_map, "OUTLINE_HITS", {"beta": 0.5, "tie": 0.1})
    mapped = synopsis_map.map_synopsis(
        lighthouse, fixture_text("lighthouse_outline.txt"), FakeEmbedder(dimensions=4096),
        classifier=None, tp_positions=(0.16, 0.36, 0.56, 0.77, 0.92),
    )  # fmt: skip
    scenes = [tp.scene_index for tp in mapped.turning_points]
    assert [tp.name for tp in mapped.turning_points] == list(TP_NAMES)
    assert scenes == sorted(scenes) and len(set(scenes)) == 5
    # The fixture's lines each match one scene clearly: the pick's window holds it.
    for tp, line in zip(mapped.turning_points, mapped.sentences, strict=True):
        assert abs(tp.scene_index - line.best_scene_index) <= 1  # type: ignore[operator]


def test_shipped_outline_places_are_five_fractions_per_synopsis() -> None:
    places = synopsis_map.outline_places()
    assert places.shape[1] == 5 and len(places) >= 100
    assert np.all((places >= 0) & (places <= 1))
    # Story order (an annotator may give two TPs one sentence).
    assert np.all(np.diff(places, axis=1) >= 0)


def test_unreadable_outline_places_are_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "places.json"
    for text in ("{not json", '{"places": [[0.1, 0.2]]}', '{"other": 1}'):
        broken.write_text(text, encoding="utf-8")
        synopsis_map.outline_places.cache_clear()
        with pytest.raises(AnalysisError):
            synopsis_map.outline_places(broken)
    synopsis_map.outline_places.cache_clear()
