"""``slate shots`` through the real Typer app: the JSON contract, CSV, the table, --scene."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from tests.fakes import FakeTextModel, registered_fakes

runner = CliRunner()
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "shots"


@pytest.fixture
def sample() -> Path:
    return Path(str(resources.files("assistant") / "samples" / "night_shift.fountain"))


def test_json_follows_the_documented_contract(sample: Path) -> None:
    result = runner.invoke(app, ["shots", str(sample), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert isinstance(data["page_count"], int) and data["page_count"] >= 1
    source = sample.read_text(encoding="utf-8").split("\n")
    for scene in data["scenes"]:
        assert set(scene) >= {"index", "heading", "start_line", "shots"}
        if scene["heading"]:
            line = source[scene["start_line"] - 1].lstrip(".")  # a forced heading's dot
            assert line.startswith(scene["heading"][:12])
        for shot in scene["shots"]:
            assert set(shot) >= {"number", "size", "angle", "movement", "lens_mm", "subjects",
                                 "lines", "duration_s", "setup", "source"}  # fmt: skip
            assert shot["size"] in ("EWS", "WS", "FS", "MS", "MCU", "CU", "ECU", "insert")
            assert shot["angle"] in ("eye level", "high", "low", "overhead", "Dutch")
            assert shot["movement"] in ("static", "pan", "tilt", "dolly", "track", "handheld",
                                        "crane", "Steadicam")  # fmt: skip
            assert shot["source"] == "rules"
            assert all(scene["start_line"] <= n <= scene["end_line"] for n in shot["lines"])


def test_scene_option_takes_the_label_people_see(sample: Path) -> None:
    result = runner.invoke(app, ["shots", str(sample), "--scene", "4", "--json"])
    assert result.exit_code == 0, result.output
    scenes = json.loads(result.stdout)["scenes"]
    assert len(scenes) == 1 and scenes[0]["number"] == "4"
    assert all(shot["number"].startswith("4") for shot in scenes[0]["shots"])


def test_unknown_scene_is_one_line_without_traceback(sample: Path) -> None:
    result = runner.invoke(app, ["shots", str(sample), "--scene", "99"])
    assert result.exit_code != 0
    assert "No scene 99" in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_csv_is_a_shot_list_sheet() -> None:
    result = runner.invoke(app, ["shots", str(FIXTURES / "coverage.fountain"), "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["shot"] == "1A" and rows[0]["kind"] == "establishing"
    letter = next(r for r in rows if r["subjects"] == "letter")
    assert letter["size"] == "insert" and letter["lines"] == "8"
    assert {r["scene"] for r in rows} == {"1", "2", "3", "4"}
    assert sum(float(r["duration_s"]) for r in rows if r["scene"] == "1") == pytest.approx(22.5)


def test_plain_table_lists_shots_and_shooting_order() -> None:
    result = runner.invoke(app, ["shots", str(FIXTURES / "no_action.fountain"), "--plain"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Scene 1: INT. KITCHEN - NIGHT"
    assert lines[1].split()[:4] == ["Shot", "Size", "Angle", "Move"]
    assert any(line.startswith("1B  ") and "NELL, OWEN" in line for line in lines)
    assert any("shooting order: 1A" in line for line in lines)


def test_json_and_csv_together_are_refused(sample: Path) -> None:
    result = runner.invoke(app, ["shots", str(sample), "--json", "--csv"])
    assert result.exit_code != 0
    assert "choose one of --json and --csv" in result.output


@pytest.fixture
def fake_llm(tmp_path: Path, private_cache: Path) -> Iterator[list[str]]:
    """``--config`` arguments choosing the fake text model (``tests/fakes.py``)."""
    config = tmp_path / "fake.toml"
    config.write_text('[models.generator]\nbackend = "fake"\n', encoding="utf-8")
    with registered_fakes(FakeTextModel()):
        yield ["--config", str(config)]


def test_llm_pass_is_reported_apart_in_json(fake_llm: list[str]) -> None:
    script = str(FIXTURES / "no_action.fountain")
    result = runner.invoke(app, ["shots", script, "--llm", "--json", *fake_llm])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    refinement = data["llm_refinement"]
    # The fake model answers "OK.": no usable JSON, so the rule-based plan stands.
    assert refinement["model_id"] == "fake-text" and refinement["fallbacks"] == 1
    assert refinement["changes"] == [] and "plan" not in refinement
    assert all(shot["source"] == "rules" for shot in data["scenes"][0]["shots"])


def test_llm_pass_is_a_line_under_the_table(fake_llm: list[str]) -> None:
    result = runner.invoke(app, ["shots", str(FIXTURES / "no_action.fountain"), "--llm", *fake_llm])
    assert result.exit_code == 0, result.output
    assert "LLM pass (fake-text, prompt shot_list.v1) over 1 scenes" in result.stdout
