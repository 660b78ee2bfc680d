"""The optional LLM pass over the turning-point shortlist, with the fake text model."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant import api
from assistant.analysis.strength.scene_strength import (
    SceneStrength,
    SceneStrengthReport,
    TurningPointPick,
)
from assistant.analysis.strength.tp_rerank import rerank_turning_points, shortlists
from assistant.analysis.strength.turning_points import TP_NAMES
from assistant.cli import app
from assistant.script.fountain import parse_fountain
from assistant.script.model import Screenplay
from tests.fakes import FakeEmbedder, FakeTextModel, fake_settings, registered_fakes

SCENES = 10
TRAINED = [1, 3, 5, 7, 8]
"""The trained model's picks in the hand-made report; each TP's runner-ups are its neighbours."""


@pytest.fixture
def screenplay() -> Screenplay:
    places = ["KITCHEN", "GARAGE", "ROOF", "BUS STOP", "OFFICE", "PARK", "BRIDGE", "HALL",
              "STATION", "BEACH"]  # fmt: skip
    text = "\n\n".join(
        f"INT. {place} - DAY\n\nPell counts the tiles in the {place.lower()}, twice."
        for place in places
    )
    parsed = parse_fountain(text + "\n")
    assert len(parsed.scenes) == SCENES
    return parsed


@pytest.fixture
def report(screenplay: Screenplay) -> SceneStrengthReport:
    rows = []
    for pick in TRAINED:
        row = [0.02] * SCENES
        row[pick] = 0.5
        row[pick - 1] = 0.2
        row[min(pick + 1, SCENES - 1)] = 0.15
        rows.append(row)
    scenes = [
        SceneStrength(
            index=j, number=str(j + 1), heading=scene.heading.text if scene.heading else "",
            start_line=scene.start_line, strength=round(0.1 + 0.05 * j, 2),
            likely_turning_point=TP_NAMES[0],
            turning_point_probabilities=[rows[k][j] for k in range(5)], reasons=[],
        )
        for j, scene in enumerate(screenplay.scenes)
    ]  # fmt: skip
    picks = [
        TurningPointPick(name=name, scene_index=index, confidence=0.7)
        for name, index in zip(TP_NAMES, TRAINED, strict=True)
    ]
    return SceneStrengthReport(
        scenes=scenes, turning_points=picks, numbering="position", model_version="test"
    )


def _reply(indices: list[int]) -> str:
    choices = [{"name": n, "scene_index": i} for n, i in zip(TP_NAMES, indices, strict=True)]
    return json.dumps({"turning_points": choices})


def test_shortlists_hold_the_pick_and_its_runner_ups(report: SceneStrengthReport) -> None:
    assert shortlists(report) == [[0, 1, 2], [2, 3, 4], [4, 5, 6], [6, 7, 8], [7, 8, 9]]


def test_the_block_before_the_first_heading_is_never_a_candidate(
    report: SceneStrengthReport,
) -> None:
    # Scene 0 is the Opportunity's runner-up; unlabelled (no heading), it must not be offered.
    scenes = [report.scenes[0].model_copy(update={"number": None}), *report.scenes[1:]]
    untitled = report.model_copy(update={"scenes": scenes})
    lists = shortlists(untitled)
    assert all(0 not in shortlist for shortlist in lists)
    assert lists[0] == [1, 2, 3]


def test_valid_pick_moves_a_turning_point(
    report: SceneStrengthReport, screenplay: Screenplay
) -> None:
    model = FakeTextModel()
    model.enqueue([_reply([1, 4, 5, 7, 8])])
    result = rerank_turning_points(report, screenplay, model)
    assert not result.fallback and result.attempts == 1
    assert [tp.scene_index for tp in result.turning_points] == [1, 4, 5, 7, 8]
    assert result.changed == 1 and result.moved == ["Change of Plans"] and not result.rejected
    # The moved TP's confidence is the trained model's window mass there: 0.5 + 0.15 + 0.02.
    assert result.turning_points[1].confidence == pytest.approx(0.67)
    assert result.prompt_version == "tp_rerank.v1" and result.model_id == "fake-text"
    prompt = model.history[0].messages[-1].content
    assert "scene_index 4: INT. OFFICE - DAY" in prompt and "Point of No Return" in prompt


def test_pick_off_the_shortlist_falls_back_for_that_turning_point(
    report: SceneStrengthReport, screenplay: Screenplay
) -> None:
    model = FakeTextModel()
    model.enqueue([_reply([0, 3, 9, 7, 9])])  # Point of No Return: 9 is not among 4, 5, 6
    result = rerank_turning_points(report, screenplay, model)
    assert [tp.scene_index for tp in result.turning_points] == [0, 3, 5, 7, 9]
    assert result.moved == ["Opportunity", "Climax"] and result.changed == 2
    assert result.rejected == ["Point of No Return"] and not result.fallback


def test_picks_out_of_story_order_fall_back(
    report: SceneStrengthReport, screenplay: Screenplay
) -> None:
    model = FakeTextModel()
    model.enqueue([_reply([2, 2, 6, 6, 9])])  # 2 == 2 and 6 == 6: not strictly increasing
    result = rerank_turning_points(report, screenplay, model)
    assert [tp.scene_index for tp in result.turning_points] == [1, 3, 5, 7, 9]
    assert result.rejected == list(TP_NAMES[:4]) and result.moved == ["Climax"]


def test_garbage_falls_back_to_the_trained_picks(
    report: SceneStrengthReport, screenplay: Screenplay
) -> None:
    model = FakeTextModel()
    model.enqueue(["The climax is on the bridge, clearly.", "I cannot say."])
    result = rerank_turning_points(report, screenplay, model)
    assert result.fallback and result.attempts == 2 and len(result.errors) == 2
    assert result.turning_points == report.turning_points
    assert result.changed == 0 and not result.moved


def test_the_report_and_its_strengths_are_never_changed(
    report: SceneStrengthReport, screenplay: Screenplay
) -> None:
    before = report.model_dump()
    model = FakeTextModel()
    model.enqueue([_reply([2, 4, 6, 8, 9])])
    result = rerank_turning_points(report, screenplay, model)
    assert result.changed == 5
    assert report.model_dump() == before


def test_without_five_turning_points_the_model_is_not_asked(
    report: SceneStrengthReport, screenplay: Screenplay
) -> None:
    model = FakeTextModel()
    few = report.model_copy(update={"turning_points": []})
    result = rerank_turning_points(few, screenplay, model)
    assert result.turning_points == [] and result.attempts == 0 and not model.history


def test_api_uses_the_configured_text_model(
    report: SceneStrengthReport, screenplay: Screenplay
) -> None:
    model = FakeTextModel()
    model.enqueue([_reply([1, 3, 5, 6, 8])])
    with registered_fakes(model):
        result = api.rerank_with_llm(report, screenplay, fake_settings())
    assert result.moved == ["Major Setback"] and len(model.history) == 1


@pytest.fixture
def cli_fakes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeTextModel]:
    config = tmp_path / "config.toml"
    config.write_text(
        '[models.embedder]\nbackend = "fake"\n\n[models.generator]\nbackend = "fake"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("SLATE_CONFIG", str(config))
    monkeypatch.setenv("SLATE_CACHE_DIR", str(tmp_path / "cache"))
    model = FakeTextModel()
    with registered_fakes(model, FakeEmbedder(dimensions=64)):
        yield model


def test_cli_llm_flag_reports_the_pass_apart(cli_fakes: FakeTextModel) -> None:
    runner = CliRunner()
    sample = Path(str(resources.files("assistant") / "samples" / "night_shift.fountain"))
    plain = runner.invoke(app, ["score", str(sample), "--json"])
    assert plain.exit_code == 0, plain.output
    trained_report = SceneStrengthReport.model_validate_json(plain.stdout)
    trained = [tp.scene_index for tp in trained_report.turning_points]
    # Move the first TP that has a shortlist candidate still in story order.
    wanted = list(trained)
    for k, shortlist in enumerate(shortlists(trained_report)):
        low = trained[k - 1] if k else -1
        high = trained[k + 1] if k < 4 else len(trained_report.scenes)
        options = [i for i in shortlist if low < i < high and i != trained[k]]
        if options:
            wanted[k] = options[0]
            break
    assert wanted != trained, "the sample offers no in-order alternative to test with"
    cli_fakes.enqueue([_reply(wanted)])
    result = runner.invoke(app, ["score", str(sample), "--json", "--llm"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [tp["scene_index"] for tp in data["turning_points"]] == trained
    llm = data["llm_turning_points"]
    assert [tp["scene_index"] for tp in llm["turning_points"]] == wanted
    assert llm["changed"] == 1 and llm["fallback"] is False

    cli_fakes.enqueue([_reply(wanted)])
    table = runner.invoke(app, ["score", str(sample), "--llm"])
    assert table.exit_code == 0, table.output
    moved = TP_NAMES[next(k for k in range(5) if wanted[k] != trained[k])]
    text = " ".join(table.output.split())
    assert f"{moved} moved from #" in text and "LLM pass (fake-text, prompt tp_rerank.v1)" in text

    cli_fakes.enqueue(["no idea", "still no idea"])
    garbage = runner.invoke(app, ["score", str(sample), "--llm"])
    assert garbage.exit_code == 0, garbage.output
    assert "no usable answer" in " ".join(garbage.output.split())
