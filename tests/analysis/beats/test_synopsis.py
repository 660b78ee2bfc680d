"""The synopsis beat map on the fixture script, with the fake embedder."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.analysis.beats.results import SynopsisMap
from assistant.analysis.beats.sentence_classifier import (
    FORMAT_VERSION,
    SentenceClassifier,
    feature_names,
    position_features,
)
from assistant.analysis.beats.synopsis_map import map_synopsis
from assistant.analysis.beats.synopsis_text import read_synopsis, split_sentences
from assistant.analysis.strength.turning_points import TP_NAMES
from assistant.errors import AnalysisError
from assistant.script.model import Screenplay
from tests.analysis.beats.conftest import fixture_text
from tests.fakes import FakeEmbedder

POSITIONS = (0.16, 0.36, 0.56, 0.77, 0.92)


def _map(
    screenplay: Screenplay, text: str, classifier: SentenceClassifier | None = None
) -> SynopsisMap:
    # 4,096 slots: unrelated words rarely share one, so cosines behave like MiniLM's for the
    # carried threshold (related texts well above 0.38, unrelated ones near 0).
    return map_synopsis(
        screenplay, text, FakeEmbedder(dimensions=4096), classifier=classifier,
        tp_positions=POSITIONS,
    )  # fmt: skip


def _position_classifier(dims: int = 4096) -> SentenceClassifier:
    """A classifier that reads only position: TP k likes the bump nearest its theory place."""
    names = feature_names(dims)
    coef = np.zeros((6, len(names)))
    for k, where in enumerate((0.1, 0.3, 0.5, 0.7, 0.9)):
        coef[k + 1, names.index(f"position_near_{where:.1f}")] = 8.0
    return SentenceClassifier(
        format_version=FORMAT_VERSION, version="test", embedder_id="fake",
        classes=["none", *TP_NAMES],
        feature_names=names, coef=coef.tolist(), intercept=[2.0, 0, 0, 0, 0, 0],
        tp_position_means=list(POSITIONS),
    )  # fmt: skip


def test_outline_lines_keep_their_names_and_land_on_their_scenes(lighthouse: Screenplay) -> None:
    mapped = _map(lighthouse, fixture_text("lighthouse_outline.txt"))
    assert mapped.form == "outline"
    assert [m.turning_point for m in mapped.sentences] == list(TP_NAMES)
    headings = [lighthouse.scenes[m.best_scene_index].heading.text for m in mapped.sentences]  # type: ignore[index,union-attr]
    assert headings[0] == "EXT. LIGHTHOUSE ROCKS - DAWN"
    assert headings[2] == "EXT. REEF - DAY"
    assert headings[4] == "EXT. REEF - STORM - NIGHT"
    for m in mapped.sentences:
        assert m.best_scene_index in m.scene_indices
        assert m.carried, m
    assert not mapped.warnings


def test_prose_sentences_are_found_and_named_by_the_classifier(lighthouse: Screenplay) -> None:
    mapped = _map(lighthouse, fixture_text("lighthouse_synopsis.txt"), _position_classifier())
    assert mapped.form == "prose" and len(mapped.sentences) == 12
    named = [m.turning_point for m in mapped.sentences if m.turning_point]
    assert named == list(TP_NAMES)
    picks = [m.index for m in mapped.sentences if m.turning_point]
    assert picks == sorted(picks) and all(m.confidence for m in mapped.sentences if m.turning_point)


def test_a_classifier_for_another_embedder_names_nothing_and_says_so(
    lighthouse: Screenplay,
) -> None:
    mapped = _map(lighthouse, fixture_text("lighthouse_synopsis.txt"), _position_classifier(384))
    assert not any(m.turning_point for m in mapped.sentences)
    assert any("no prose sentence is named" in w for w in mapped.warnings)


def test_a_sentence_no_scene_carries_is_flagged(lighthouse: Screenplay) -> None:
    text = fixture_text("lighthouse_outline.txt") + (
        "Midpoint: Quantum physicists in Zurich debate spreadsheets over fondue.\n"
    )
    mapped = _map(lighthouse, text)
    assert mapped.uncarried == [5]
    assert not mapped.sentences[5].carried and mapped.sentences[5].turning_point is None


def test_scenes_no_sentence_covers_are_flagged(lighthouse: Screenplay) -> None:
    outline = (
        "Opening Image: Gulls over a grey harbour; Nora carries lamp oil.\n"
        "Catalyst: Nora pulls the boy Eli from a wrecked dinghy on the rocks.\n"
    )
    mapped = _map(lighthouse, outline)
    assert mapped.uncovered
    run = mapped.uncovered[-1]
    assert run.scene_indices[-1] == len(lighthouse.scenes) - 1
    assert len(run.scene_indices) >= 5


def test_empty_synopsis_is_a_user_error(lighthouse: Screenplay) -> None:
    with pytest.raises(AnalysisError, match="synopsis is empty"):
        _map(lighthouse, fixture_text("synopsis_empty.txt"))


def test_synopsis_in_another_language_is_flagged(lighthouse: Screenplay) -> None:
    mapped = _map(lighthouse, fixture_text("synopsis_french.txt"))
    assert any("reads as another language than English" in w for w in mapped.warnings)
    english = _map(lighthouse, fixture_text("lighthouse_synopsis.txt"))
    assert not any("another language" in w for w in english.warnings)


def test_synopsis_of_another_script_is_flagged_as_low_overlap(lighthouse: Screenplay) -> None:
    text = "Detectives chase a jewel thief across Paris rooftops. The thief escapes by balloon."
    mapped = _map(lighthouse, text)
    assert any("or about another script" in w for w in mapped.warnings)


def test_synopsis_longer_than_the_script_is_flagged(lighthouse: Screenplay) -> None:
    text = " ".join(f"Nora trims the lamp wick for the {i}th time." for i in range(40))
    mapped = _map(lighthouse, text)
    assert any("longer than the script" in w for w in mapped.warnings)


def test_outline_and_prose_are_told_apart() -> None:
    outline = read_synopsis("Catalyst: A boy washes up.\n\nMidpoint: They find the wreck.\n")
    assert outline.form == "outline" and outline.names == ["Catalyst", "Midpoint"]
    prose = read_synopsis("Note: this is a draft. Nora finds a boy. Dr. Hale helps him. He lives!")
    assert prose.form == "prose"
    assert prose.sentences == ["Note: this is a draft.", "Nora finds a boy.", "Dr. Hale helps him.",
                               "He lives!"]  # fmt: skip


def test_sentence_split_keeps_quotes_and_initials() -> None:
    text = 'She says "Run." He runs. J. R. Bly waits at 9 a.m. by the dock. "Go!" she cries.'
    assert split_sentences(text) == [
        'She says "Run."',
        "He runs.",
        "J. R. Bly waits at 9 a.m. by the dock.",
        '"Go!" she cries.',
    ]


def test_position_features_shape() -> None:
    features = position_features(5)
    assert features.shape == (5, 13)
    assert features[0, 0] == 0.0 and features[-1, 0] == 1.0


def test_scenes_read_by_the_caller_give_the_same_map(lighthouse: Screenplay) -> None:
    """``build_beat_sheet`` reads each scene once and hands the texts on: same map as reading
    them here."""
    from assistant.analysis.scene_text import read_scene

    text = fixture_text("lighthouse_outline.txt")
    texts = [read_scene(scene) for scene in lighthouse.scenes]
    given = map_synopsis(
        lighthouse, text, FakeEmbedder(dimensions=4096), classifier=None,
        tp_positions=POSITIONS, texts=texts,
    )  # fmt: skip
    assert given == _map(lighthouse, text)


def test_the_map_places_five_turning_points_in_story_order(lighthouse: Screenplay) -> None:
    for text, classifier in (
        (fixture_text("lighthouse_outline.txt"), None),
        (fixture_text("lighthouse_synopsis.txt"), _position_classifier()),
    ):
        mapped = _map(lighthouse, text, classifier)
        assert [tp.name for tp in mapped.turning_points] == list(TP_NAMES)
        scenes = [tp.scene_index for tp in mapped.turning_points]
        assert scenes == sorted(scenes) and len(set(scenes)) == 5
        for tp in mapped.turning_points:
            assert lighthouse.scenes[tp.scene_index].heading is not None
            assert mapped.sentences[tp.sentence_index].turning_point == tp.name
    outline = _map(lighthouse, fixture_text("lighthouse_outline.txt"))
    # Each named line's TP lands within one scene of that line's own best scene here (they are
    # already in order): since method v4 a TP is the middle of its heaviest three-scene stretch,
    # which holds the best scene but need not be centred on it.
    for tp, line in zip(outline.turning_points, outline.sentences, strict=True):
        assert abs(tp.scene_index - line.best_scene_index) <= 1  # type: ignore[operator]


def test_a_strength_belief_of_the_wrong_shape_or_flat_changes_nothing(
    lighthouse: Screenplay,
) -> None:
    text = fixture_text("lighthouse_outline.txt")
    plain = _map(lighthouse, text)
    scenes = len(lighthouse.scenes)
    for strength in (np.full((5, scenes), 1.0 / scenes), np.ones((5, scenes + 2))):
        given = map_synopsis(
            lighthouse, text, FakeEmbedder(dimensions=4096), classifier=None,
            tp_positions=POSITIONS, tp_strength=strength,
        )  # fmt: skip
        assert given == plain


def test_a_strength_belief_moves_a_turning_point_the_synopsis_leaves_open(
    lighthouse: Screenplay,
) -> None:
    # A flat outline line ("Point of No Return: it happens.") says little about where it lands
    # beyond its prior; the strength model's belief in scene 7 for that TP alone then pulls it
    # there (its three-scene window holds scene 7), the other TPs' beliefs being flat.
    lines = fixture_text("lighthouse_outline.txt").strip().split("\n")
    lines[2] = "Point of No Return: it happens."
    text = "\n".join(lines) + "\n"
    scenes = len(lighthouse.scenes)
    strength = np.full((5, scenes), 1.0 / scenes)
    strength[2] = 1e-4
    strength[2, 7] = 1.0
    moved = map_synopsis(
        lighthouse, text, FakeEmbedder(dimensions=4096), classifier=None,
        tp_positions=POSITIONS, tp_strength=strength,
    )  # fmt: skip
    plain = _map(lighthouse, text)
    pick = moved.turning_points[2].scene_index
    assert abs(pick - 7) <= 1
    assert abs(plain.turning_points[2].scene_index - 7) > 1
