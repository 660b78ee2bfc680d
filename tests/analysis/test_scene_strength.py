"""Scoring with the shipped model: the report's shape, reasons, bad inputs, weight files."""

from __future__ import annotations

import dataclasses
import itertools
import json
from importlib import resources
from pathlib import Path

import pytest

from assistant.analysis.strength.scene_strength import (
    SceneStrengthReport,
    feature_names,
    score_screenplay,
    shipped_model,
    weights_path,
)
from assistant.analysis.strength.strength_model import MODEL_FORMAT, RETRAIN_COMMAND, load_model
from assistant.analysis.strength.turning_points import TP_NAMES
from assistant.errors import AnalysisError
from assistant.script.model import Screenplay
from assistant.script.reading import parse_bytes, read_script
from tests.fakes import FakeEmbedder

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "strength"


def _lighthouse() -> Screenplay:
    """Title page, ``FADE IN:`` and a line of action before the first of 12 headed scenes."""
    return read_script(FIXTURES / "lighthouse.fountain")


def _sample() -> Screenplay:
    data = (resources.files("assistant") / "samples" / "night_shift.fountain").read_bytes()
    return parse_bytes(data, format="fountain")


def _score(screenplay: Screenplay) -> SceneStrengthReport:
    return score_screenplay(screenplay, FakeEmbedder(dimensions=64))


def test_shipped_weights_are_small_versioned_and_match_the_features() -> None:
    path = weights_path()
    assert path.is_file()
    assert path.stat().st_size < 64_000
    model = shipped_model()
    assert model.format == MODEL_FORMAT
    assert model.feature_names == feature_names()
    assert len(model.training_data_sha256) == 64
    assert model.version and model.metrics["cv_silver"]


def test_every_scene_is_scored_in_order_with_reasons() -> None:
    screenplay = _sample()
    report = _score(screenplay)
    assert len(report.scenes) == len(screenplay.scenes)
    for scene, source in zip(report.scenes, screenplay.scenes, strict=True):
        assert 0.0 <= scene.strength <= 1.0
        assert scene.start_line == source.start_line
        probabilities = scene.turning_point_probabilities
        assert len(probabilities) == 5 and all(0.0 <= p <= 1.0 for p in probabilities)
        assert scene.likely_turning_point == TP_NAMES[probabilities.index(max(probabilities))]
        assert all(r.text and r.effect != 0 for r in scene.reasons)
    # Each TP head is one distribution over the script's scenes (up to the 4-decimal rounding).
    for k in range(5):
        total = sum(scene.turning_point_probabilities[k] for scene in report.scenes)
        assert total == pytest.approx(1.0, abs=5e-5 * len(report.scenes))
    assert any(scene.reasons for scene in report.scenes)
    assert len({s.strength for s in report.scenes}) > 1


def test_five_turning_points_in_story_order() -> None:
    report = _score(_sample())
    assert [tp.name for tp in report.turning_points] == list(TP_NAMES)
    indices = [tp.scene_index for tp in report.turning_points]
    assert all(a < b for a, b in itertools.pairwise(indices)), indices
    assert all(0 <= i < len(report.scenes) for i in indices)
    assert all(0.0 < tp.confidence <= 1.0 for tp in report.turning_points)


def test_json_has_the_documented_keys() -> None:
    data = json.loads(_score(_sample()).model_dump_json())
    assert {"scenes", "turning_points"} <= set(data)
    assert {"number", "heading", "start_line", "strength", "reasons"} <= set(data["scenes"][0])
    assert set(data["turning_points"][0]) >= {"name", "scene_index", "confidence"}


def test_scene_numbers_are_the_labels_people_see_and_index_is_the_position() -> None:
    screenplay = _lighthouse()
    report = _score(screenplay)
    assert report.numbering == "position"
    assert [s.index for s in report.scenes] == list(range(len(screenplay.scenes)))
    # The block before the first heading has no number; headed scenes count from 1.
    assert [s.number for s in report.scenes] == [None] + [str(n) for n in range(1, 13)]
    data = json.loads(report.model_dump_json())
    assert data["numbering"] == "position" and data["scenes"][0]["number"] is None
    assert data["scenes"][1]["index"] == 1 and data["scenes"][1]["number"] == "1"


def test_written_scene_numbers_are_used_when_every_headed_scene_has_one() -> None:
    text = "".join(
        f"{'INT' if i % 2 else 'EXT'}. ROOM {i} - DAY #{i + 40}{'A' if i == 3 else ''}#\n\n"
        f"Ana waits {i}.\n\n"
        for i in range(1, 8)
    )
    report = _score(parse_bytes(("FADE IN:\n\n" + text).encode(), format="fountain"))
    assert report.numbering == "written"
    assert [s.number for s in report.scenes] == [None, "41", "42", "43A", "44", "45", "46", "47"]


def test_no_turning_point_falls_on_the_block_before_the_first_heading() -> None:
    screenplay = _lighthouse()
    assert screenplay.scenes[0].heading is None
    shipped = shipped_model()
    # A model whose Opportunity head wants the very start of the script: the title-page block.
    weights = [list(row) for row in shipped.weights]
    weights[0][shipped.feature_names.index("pos_000")] = 4.0
    model = dataclasses.replace(shipped, weights=weights)
    report = score_screenplay(screenplay, FakeEmbedder(dimensions=64), model=model)
    opportunity = [s.turning_point_probabilities[0] for s in report.scenes]
    assert opportunity.index(max(opportunity)) == 0  # the model does prefer the block ...
    indices = [tp.scene_index for tp in report.turning_points]
    assert len(indices) == 5 and 0 not in indices  # ... and the decoder never places a TP there
    assert indices[0] == 1  # the Opportunity goes to the first headed scene instead
    assert 0.0 < report.turning_points[0].confidence <= 1.0


def test_script_without_headings_is_one_scene_and_places_no_turning_points() -> None:
    screenplay = parse_bytes(
        b"Ana walks in.\n\nShe sits down and waits for the rain.\n", format="fountain"
    )
    report = _score(screenplay)
    assert len(report.scenes) == 1
    assert report.turning_points == []
    assert any("no turning points can be placed" in w for w in report.warnings)


def test_fewer_than_five_scenes_are_scored_but_no_turning_points_placed() -> None:
    text = (
        b"INT. A - DAY\n\nAna waits.\n\nEXT. B - NIGHT\n\nBen runs.\n\nINT. C - DAY\n\nThey meet.\n"
    )
    report = _score(parse_bytes(text, format="fountain"))
    assert len(report.scenes) == 3
    assert report.turning_points == []
    assert any("Only 3 scenes" in w for w in report.warnings)


def test_empty_screenplay_is_an_analysis_error() -> None:
    with pytest.raises(AnalysisError, match="no scenes"):
        _score(Screenplay())


def test_missing_weights_name_the_retrain_command(tmp_path: Path) -> None:
    with pytest.raises(AnalysisError, match=RETRAIN_COMMAND):
        load_model(tmp_path / "absent.json")


def test_weights_from_another_format_or_features_are_refused(tmp_path: Path) -> None:
    data = json.loads(weights_path().read_text(encoding="utf-8"))
    old = tmp_path / "old.json"
    old.write_text(json.dumps({**data, "format": MODEL_FORMAT + 1}), encoding="utf-8")
    with pytest.raises(AnalysisError, match="format"):
        load_model(old)
    renamed = tmp_path / "renamed.json"
    names = ["other_" + n for n in data["feature_names"]]
    renamed.write_text(json.dumps({**data, "feature_names": names}), encoding="utf-8")
    with pytest.raises(AnalysisError, match=RETRAIN_COMMAND):
        load_model(renamed, expected_features=feature_names())
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(AnalysisError, match="cannot be read"):
        load_model(broken)


def test_a_300_page_script_is_scored_with_a_warning() -> None:
    paragraph = "\n\n".join(["Rain on the window. " * 20] * 5)
    scenes = [
        f"{'INT' if i % 2 else 'EXT'}. PLACE {i % 37} - {'DAY' if i % 3 else 'NIGHT'}\n\n"
        f"{paragraph}\n\nANA\nLine {i} of a long, long night.\n"
        for i in range(420)
    ]
    screenplay = parse_bytes("\n".join(scenes).encode(), format="fountain")
    assert screenplay.page_count >= 300
    report = _score(screenplay)
    assert len(report.scenes) == 420 and len(report.turning_points) == 5
    assert any("pages: longer than any script" in w for w in report.warnings)


def test_short_script_warns_that_strengths_run_high() -> None:
    report = _score(_sample())
    assert any("shorter than the feature films" in w for w in report.warnings)
