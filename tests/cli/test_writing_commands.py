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


def test_revise_writes_locked_numbers_and_refuses_a_draft_as_output(
    sample: Path, revised: Path, tmp_path: Path, private_cache: Path
) -> None:
    out = tmp_path / "blue.fdx"
    args = ["revise", str(sample), str(revised), "--round", "blue", "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "1 lines marked" in result.stdout and "Revised scenes: 4" in result.stdout
    assert 'RevisionID="1"' in out.read_text(encoding="utf-8")
    before = revised.read_bytes()
    result = runner.invoke(app, [*args[:-1], str(revised)])
    assert result.exit_code != 0 and "Error:" in result.output
    assert revised.read_bytes() == before


def test_revise_an_unknown_round_is_one_line(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.fountain"
    result = runner.invoke(app, ["revise", str(sample), str(sample), "--round", "mauve", "-o",
                                 str(out)])  # fmt: skip
    assert result.exit_code != 0 and "Unknown revision round" in result.output
    assert not out.exists()
