"""``slate score`` through the real Typer app, with the fake embedder and the shipped model."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app

runner = CliRunner()


@pytest.fixture
def sample() -> Path:
    return Path(str(resources.files("assistant") / "samples" / "night_shift.fountain"))


@pytest.fixture
def fakes(fake_models: None) -> None:
    """The fake embedder and text model (``tests/cli/conftest.py``)."""


def test_json_follows_the_documented_schema(fakes: None, sample: Path) -> None:
    result = runner.invoke(app, ["score", str(sample), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    lines = sample.read_text(encoding="utf-8").splitlines()
    headed = [s for s in data["scenes"] if s["start_line"] and s["heading"][:4] in ("INT.", "EXT.")]
    assert headed
    for scene in headed:
        # start_line is the 1-based line of the heading in the source file.
        assert lines[scene["start_line"] - 1].startswith(scene["heading"][:10])
    for scene in data["scenes"]:
        assert set(scene) >= {"number", "heading", "start_line", "strength", "reasons"}
        assert 0.0 <= scene["strength"] <= 1.0
    names = [tp["name"] for tp in data["turning_points"]]
    assert names == ["Opportunity", "Change of Plans", "Point of No Return", "Major Setback",
                     "Climax"]  # fmt: skip
    assert all(0 <= tp["scene_index"] < len(data["scenes"]) for tp in data["turning_points"])


def test_table_shows_turning_points_sparkline_and_top_scenes(fakes: None, sample: Path) -> None:
    result = runner.invoke(app, ["score", str(sample), "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "Turning points" in result.output
    assert "Strength over the script:" in result.output
    assert "Scenes (the 3 strongest and the turning points)" in result.output
    assert "not a measure of quality" in result.output


def test_help_says_what_the_score_is_and_is_not() -> None:
    result = runner.invoke(app, ["score", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "turning points" in text and "not a verdict on quality" in text


def test_script_without_headings_says_no_turning_points(fakes: None, tmp_path: Path) -> None:
    script = tmp_path / "notes.fountain"
    script.write_text("Ana walks in.\n\nShe waits for the rain to stop.\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(script)])
    assert result.exit_code == 0, result.output
    assert "no turning points can be placed" in " ".join(result.output.split())


def test_missing_file_is_one_line_without_traceback() -> None:
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "slate"), "score", "/nonexistent/script.fountain"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert completed.returncode != 0
    assert "Traceback" not in completed.stderr
    assert completed.stderr.strip().count("\n") == 0 and "No such file" in completed.stderr


def test_sparkline_scales_to_width() -> None:
    from assistant.cli.score_commands import sparkline

    assert sparkline([0.0, 0.5, 1.0]) == "▁▅█"
    assert len(sparkline([0.1] * 500, width=40)) == 40
    assert sparkline([]) == ""


def test_sparkline_shows_the_highest_value_of_each_run() -> None:
    from assistant.cli.score_commands import sparkline

    # Two characters for four values: the mean of each pair would be 0.5 ("▅"), the max is 1.0.
    assert sparkline([0.0, 1.0, 1.0, 0.0], width=2) == "██"
    assert sparkline([0.0, 0.0, 0.25, 0.0], width=2) == "▁▃"
