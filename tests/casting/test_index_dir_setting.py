"""``casting.index_dir``: where the api and the CLI find the index when no ``--index`` is given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant import api
from assistant.cli import app
from assistant.config import load_settings

runner = CliRunner()


def test_default_is_index_in_the_working_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SLATE_CASTING__INDEX_DIR", raising=False)
    assert load_settings(overrides={}).casting.index_dir == Path("index")
    assert api.cast_index_dir(Path("given"), load_settings()) == Path("given")


def test_environment_sets_it_and_expands_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLATE_CASTING__INDEX_DIR", "~/casting")
    assert api.cast_index_dir(None, load_settings()) == Path.home() / "casting"


def test_cli_builds_searches_and_reports_in_the_configured_folder(
    configured: Path, tmp_path: Path
) -> None:
    built = runner.invoke(app, ["cast", "index", "build", "demo"])
    assert built.exit_code == 0, built.output
    assert (configured / "CURRENT").is_file()
    assert not (tmp_path / "index").exists()
    stats = runner.invoke(app, ["cast", "index", "stats", "--json"])
    assert stats.exit_code == 0, stats.output
    assert json.loads(stats.stdout)["path"] == str(configured)
    found = runner.invoke(app, ["cast", "search", "boxer", "--json", "-k", "2"])
    assert found.exit_code == 0, found.output
    assert len(json.loads(found.stdout)["results"]) == 2


def test_index_option_wins_over_the_setting(configured: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    built = runner.invoke(app, ["cast", "index", "build", "demo", "--index", str(other)])
    assert built.exit_code == 0, built.output
    assert (other / "CURRENT").is_file() and not configured.exists()
