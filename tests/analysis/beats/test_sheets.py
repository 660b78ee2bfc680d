"""Beat sheets on the fixture script, with the fake embedder and the shipped strength model."""

from __future__ import annotations

import pytest

from assistant import api
from assistant.analysis.beats.conventions import SAVE_THE_CAT, SHEETS, THREE_ACT, beat_position
from assistant.analysis.beats.results import BeatSheet
from assistant.errors import AnalysisError
from assistant.script.model import Screenplay
from assistant.script.reading import read_script
from tests.analysis.beats.conftest import BEATS
from tests.fakes import FakeEmbedder


def _sheet(screenplay: Screenplay, sheet: str) -> BeatSheet:
    return api.beat_sheet(screenplay, sheet=sheet, embedder=FakeEmbedder())


def test_turning_points_sheet_is_the_score_commands_picks(lighthouse: Screenplay) -> None:
    report = api.score_scenes(lighthouse, embedder=FakeEmbedder())
    result = _sheet(lighthouse, "turning-points")
    assert [tp.scene_index for tp in result.turning_points] == [
        tp.scene_index for tp in report.turning_points
    ]
    assert [b.scene_indices for b in result.beats] == [
        [tp.scene_index] for tp in report.turning_points
    ]
    for beat, tp in zip(result.beats, result.turning_points, strict=True):
        assert beat.source == "model" and beat.confidence == tp.confidence
        assert beat.pages[0] == lighthouse.scenes[tp.scene_index].start_page == tp.page
    # The convention's pages scale with the script: Climax at 95%.
    assert result.beats[-1].expected_page == max(1, round(95 * lighthouse.page_count / 100))


@pytest.mark.parametrize("sheet", ["save-the-cat", "three-act"])
def test_every_beat_is_a_run_of_headed_scenes_in_story_order(
    lighthouse: Screenplay, sheet: str
) -> None:
    result = _sheet(lighthouse, sheet)
    convention = SHEETS[sheet]
    assert [b.name for b in result.beats] == [s.name for s in convention.beats]
    headed = [i for i, s in enumerate(lighthouse.scenes) if s.heading is not None]
    for beat in result.beats:
        assert beat.reason
        if not beat.scene_indices:
            assert beat.name in result.unplaced and beat.pages == []
            continue
        run = beat.scene_indices
        assert all(i in headed for i in run)
        assert run == headed[headed.index(run[0]) : headed.index(run[0]) + len(run)]
        assert beat.pages == [
            lighthouse.scenes[run[0]].start_page, lighthouse.scenes[run[-1]].end_page
        ]  # fmt: skip


def test_save_the_cat_stands_on_the_turning_points(lighthouse: Screenplay) -> None:
    result = _sheet(lighthouse, "save-the-cat")
    beats = {b.name: b for b in result.beats}
    tps = [tp.scene_index for tp in result.turning_points]
    for name, k in [("Catalyst", 0), ("Break into Two", 1), ("Midpoint", 2), ("All Is Lost", 3)]:
        assert beats[name].scene_indices == [tps[k]] and beats[name].source == "model"
    assert tps[4] in beats["Finale"].scene_indices
    headed = [i for i, s in enumerate(lighthouse.scenes) if s.heading is not None]
    assert beats["Opening Image"].scene_indices == [headed[0]]
    assert beats["Final Image"].scene_indices == [headed[-1]]
    # Debate lies strictly between Catalyst and Break into Two.
    assert all(tps[0] < i < tps[1] for i in beats["Debate"].scene_indices)
    assert beats["Catalyst"].expected_page == max(1, round(12 * lighthouse.page_count / 110))


def test_b_story_is_a_major_character_speaking_for_the_first_time(lighthouse: Screenplay) -> None:
    result = _sheet(lighthouse, "save-the-cat")
    beats = {b.name: b for b in result.beats}
    b_story = beats["B Story"]
    if b_story.source == "features":
        scene = b_story.scene_indices[0]
        assert scene > beats["Break into Two"].scene_indices[0]
        assert "for the first time" in b_story.reason
    else:
        assert b_story.source == "convention" and b_story.confidence == 0.2


def test_three_act_acts_cover_the_script(lighthouse: Screenplay) -> None:
    result = _sheet(lighthouse, "three-act")
    beats = {b.name: b for b in result.beats}
    acts = beats["Act One"].scene_indices + beats["Act Two"].scene_indices
    acts += beats["Act Three"].scene_indices
    headed = [i for i, s in enumerate(lighthouse.scenes) if s.heading is not None]
    assert acts == headed
    assert beats["Act One"].scene_indices[-1] == beats["Plot Point One"].scene_indices[0]
    assert beats["Act Two"].scene_indices[-1] == beats["Plot Point Two"].scene_indices[0]


def test_no_headings_says_which_beats_cannot_be_placed() -> None:
    screenplay = read_script(BEATS / "no_headings.fountain")
    result = _sheet(screenplay, "save-the-cat")
    assert result.unplaced == [s.name for s in SAVE_THE_CAT.beats]
    assert any(
        "Cannot place Opening Image" in w and "no scene headings" in w for w in result.warnings
    )


def test_fewer_than_five_scenes_places_only_the_images() -> None:
    screenplay = read_script(BEATS / "three_scenes.fountain")
    result = _sheet(screenplay, "three-act")
    assert result.turning_points == []
    assert result.unplaced == [s.name for s in THREE_ACT.beats]
    assert any("3 scenes" in w for w in result.warnings)
    cat = _sheet(screenplay, "save-the-cat")
    assert [b.name for b in cat.beats if b.scene_indices] == ["Opening Image", "Final Image"]


def test_unknown_sheet_is_a_user_error(lighthouse: Screenplay) -> None:
    with pytest.raises(AnalysisError, match="save-the-cat"):
        _sheet(lighthouse, "hero-journey")


def test_beat_names_map_to_turning_points() -> None:
    assert beat_position("catalyst") == (0, 12 / 110)
    assert beat_position("Break Into Two")[0] == 1
    assert beat_position("finale")[0] == 4
    assert beat_position("Point of No Return") == (2, 0.5)
    assert beat_position("B story") == (None, 30 / 110)
    assert beat_position("Elevenses") == (None, None)


def test_the_synopsis_map_reads_the_reports_strength_belief(lighthouse: Screenplay) -> None:
    from assistant.analysis.beats.beat_sheet import strength_rows
    from assistant.analysis.beats.synopsis_map import map_synopsis
    from tests.analysis.beats.conftest import fixture_text

    embedder = FakeEmbedder(dimensions=4096)
    report = api.score_scenes(lighthouse, embedder=embedder)
    rows = strength_rows(report)
    assert rows is not None and rows.shape == (5, len(lighthouse.scenes))
    assert rows[:, 3].tolist() == report.scenes[3].turning_point_probabilities
    # A report that believes Point of No Return is scene 7, and an outline line that leaves it
    # open: the sheet's map follows the report (test_synopsis has the map-level case).
    count = len(lighthouse.scenes)
    believing = report.model_copy(
        update={
            "scenes": [
                s.model_copy(
                    update={"turning_point_probabilities": [1 / count] * 2
                            + [1.0 if s.index == 7 else 0.0] + [1 / count] * 2}
                )
                for s in report.scenes
            ]
        }
    )  # fmt: skip
    lines = fixture_text("lighthouse_outline.txt").strip().split("\n")
    lines[2] = "Point of No Return: it happens."
    text = "\n".join(lines) + "\n"
    sheet = api.beat_sheet(lighthouse, synopsis=text, embedder=embedder, report=believing)
    assert sheet.synopsis is not None
    assert abs(sheet.synopsis.turning_points[2].scene_index - 7) <= 1
    means = [0.1617, 0.3599, 0.5641, 0.7652, 0.9239]
    alone = map_synopsis(lighthouse, text, embedder, classifier=None, tp_positions=means)
    assert abs(alone.turning_points[2].scene_index - 7) > 1
