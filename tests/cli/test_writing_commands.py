"""``slate compare`` through the real Typer app."""

from __future__ import annotations

import json
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
def revised(sample: Path, tmp_path: Path) -> Path:
    text = sample.read_text(encoding="utf-8")
    assert "coffee-cup clock" in text
    out = tmp_path / "revised.fountain"
    out.write_text(text.replace("coffee-cup clock", "egg-timer clock"), encoding="utf-8")
    return out


def test_compare_json_lists_only_the_changed_scene(sample: Path, revised: Path) -> None:
    result = runner.invoke(app, ["compare", str(sample), str(revised), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [c["kind"] for c in data["changes"]] == ["changed"]
    change = data["changes"][0]
    lines = sample.read_text(encoding="utf-8").splitlines()
    assert lines[change["old_start_line"] - 1].startswith(change["heading"])
    assert (change["lines_added"], change["lines_removed"]) == (1, 1)
    assert data["characters"] == []


def test_compare_prints_the_line_diff(sample: Path, revised: Path) -> None:
    result = runner.invoke(app, ["compare", str(sample), str(revised), "--plain"])
    assert result.exit_code == 0, result.output
    assert "- The coffee-cup clock reads 3:02." in result.stdout
    assert "+ The egg-timer clock reads 3:02." in result.stdout


def test_compare_html_is_written_and_never_over_a_draft(
    sample: Path, revised: Path, tmp_path: Path, private_cache: Path
) -> None:
    page = tmp_path / "changes.html"
    result = runner.invoke(app, ["compare", str(sample), str(revised), "--html", str(page)])
    assert result.exit_code == 0, result.output
    assert "egg-timer clock" in page.read_text(encoding="utf-8")
    before = revised.read_bytes()
    result = runner.invoke(app, ["compare", str(sample), str(revised), "--html", str(revised)])
    assert result.exit_code != 0
    assert "Error:" in result.output and revised.read_bytes() == before


def test_compare_a_missing_draft_is_one_line(sample: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", str(sample), str(tmp_path / "nope.fountain")])
    assert result.exit_code != 0
    assert "No such file" in result.output and "Traceback" not in result.output
