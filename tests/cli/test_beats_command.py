"""``slate beats`` through the real Typer app, with the fake embedder and the shipped models."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.errors import AnalysisError
from tests.fakes import FakeEmbedder, FakeTextModel, registered_fakes

runner = CliRunner()
BEATS = Path(__file__).resolve().parents[1] / "fixtures" / "beats"
SCRIPT = str(BEATS / "lighthouse.fountain")


def test_json_follows_the_documented_contract(fake_models: None) -> None:
    result = runner.invoke(
        app, ["beats", SCRIPT, "--sheet", "save-the-cat", "--json",
              "--synopsis", str(BEATS / "lighthouse_outline.txt")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema_version"] == "1" and data["sheet"] == "save-the-cat"
    for i, scene in enumerate(data["scenes"]):
        assert scene["index"] == i and {"heading", "start_line", "number"} <= set(scene)
    assert [tp["name"] for tp in data["turning_points"]] == [
        "Opportunity", "Change of Plans", "Point of No Return", "Major Setback", "Climax"
    ]  # fmt: skip
    for tp in data["turning_points"]:
        assert {"scene_index", "confidence", "page", "reasons"} <= set(tp)
    assert len(data["beats"]) == 15
    for beat in data["beats"]:
        assert set(beat) == {"name", "scene_indices", "pages", "expected_page", "confidence",
                             "reason", "source"}  # fmt: skip
    sentences = data["synopsis"]["sentences"]
    assert len(sentences) == 5 and all(s["scene_indices"] for s in sentences)
    assert data["synopsis"]["form"] == "outline"


def test_table_says_where_each_turn_lands_against_the_convention(fake_models: None) -> None:
    result = runner.invoke(app, ["beats", SCRIPT, "--plain"])
    assert result.exit_code == 0, result.output
    assert "Beat sheet: turning-points" in result.stdout
    assert "Your Climax lands on page" in result.stdout and "convention says" in result.stdout


@pytest.fixture
def wide_fake(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, private_cache: Path
) -> Iterator[None]:
    """A fake embedder with enough slots that unrelated texts share no slot by chance, so the
    carried threshold (set for MiniLM's cosines) tells related from unrelated sentences."""
    config = tmp_path / "config.toml"
    config.write_text('[models.embedder]\nbackend = "fake"\n', encoding="utf-8")
    monkeypatch.setenv("SLATE_CONFIG", str(config))
    with registered_fakes(FakeTextModel(), FakeEmbedder(dimensions=4096)):
        yield


def test_map_flags_what_no_scene_carries(wide_fake: None, tmp_path: Path) -> None:
    synopsis = tmp_path / "outline.txt"
    synopsis.write_text(
        (BEATS / "lighthouse_outline.txt").read_text(encoding="utf-8")
        + "Midpoint: Quantum physicists in Zurich debate spreadsheets over fondue.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["beats", SCRIPT, "--plain", "--synopsis", str(synopsis)])
    assert result.exit_code == 0, result.output
    assert "Synopsis beat map (outline)" in result.stdout
    assert "No scene carries sentence 6: Quantum physicists" in result.stdout


def test_map_says_where_the_synopsis_puts_each_turning_point(wide_fake: None) -> None:
    result = runner.invoke(
        app, ["beats", SCRIPT, "--plain", "--synopsis", str(BEATS / "lighthouse_outline.txt")]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(runner.invoke(
        app, ["beats", SCRIPT, "--json", "--synopsis", str(BEATS / "lighthouse_outline.txt")]
    ).stdout)  # fmt: skip
    placed = data["synopsis"]["turning_points"]
    assert [tp["name"] for tp in placed] == [
        "Opportunity", "Change of Plans", "Point of No Return", "Major Setback", "Climax"
    ]  # fmt: skip
    for tp in placed:
        scene = data["scenes"][tp["scene_index"]]
        line = (f"{tp['name']}: scene {scene['number']} (p. {scene['start_page']}), "
                f"from sentence {tp['sentence_index'] + 1}")  # fmt: skip
        assert line in result.stdout


def test_bad_synopsis_and_sheet_are_one_line_errors(fake_models: None) -> None:
    empty = runner.invoke(app, ["beats", SCRIPT, "--synopsis", str(BEATS / "synopsis_empty.txt")])
    assert empty.exit_code == AnalysisError.exit_code and "synopsis is empty" in empty.output
    assert "Traceback" not in empty.output
    missing = runner.invoke(app, ["beats", SCRIPT, "--synopsis", str(BEATS / "nowhere.txt")])
    assert (
        missing.exit_code == AnalysisError.exit_code
        and "Cannot read the synopsis" in missing.output
    )
    sheet = runner.invoke(app, ["beats", SCRIPT, "--sheet", "hero"])
    assert sheet.exit_code == AnalysisError.exit_code and "No beat sheet 'hero'" in sheet.output


def test_no_headings_names_the_beats_it_cannot_place(fake_models: None) -> None:
    result = runner.invoke(
        app, ["beats", str(BEATS / "no_headings.fountain"), "--sheet", "three-act", "--plain"]
    )
    assert result.exit_code == 0, result.output
    assert "Cannot place Act One, Inciting Incident" in result.stdout


@pytest.fixture
def fake_llm(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, private_cache: Path
) -> Iterator[FakeTextModel]:
    """Both fake backends chosen by a real config file (the text model registered as a plugin)."""
    config = tmp_path / "config.toml"
    config.write_text(
        '[models.embedder]\nbackend = "fake"\n\n[models.generator]\nbackend = "fake"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("SLATE_CONFIG", str(config))
    model = FakeTextModel()
    with registered_fakes(model, FakeEmbedder(dimensions=64)):
        yield model


def test_llm_descriptions_are_reported_apart_from_the_sheet(fake_llm: FakeTextModel) -> None:
    plain = runner.invoke(app, ["beats", SCRIPT, "--json"])
    assert plain.exit_code == 0, plain.output
    first = json.loads(plain.stdout)["beats"][0]["name"]
    fake_llm.enqueue([json.dumps({"beats": [{"name": first, "description": "It begins."}]})])
    result = runner.invoke(app, ["beats", SCRIPT, "--json", "--llm"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    described = data.pop("llm_descriptions")
    assert described["descriptions"] == [
        {"name": first, "description": "It begins.", "source": "llm"}
    ]
    assert not described["skipped"] and described["prompt_version"] == "beat_names.v1"
    assert data == json.loads(plain.stdout)  # the sheet is the same with or without the pass


def test_llm_without_valid_json_is_skipped_and_said(fake_llm: FakeTextModel) -> None:
    fake_llm.enqueue(["Sure! The beats are great.", "Still not JSON."])
    result = runner.invoke(app, ["beats", SCRIPT, "--plain", "--llm"])
    assert result.exit_code == 0, result.output
    assert "Beat sheet: turning-points" in result.stdout
    assert "skipped" in result.stdout and "gave no valid JSON in 2 attempts" in result.stdout
