"""``casting.index_dir``: where the api and the CLI find the index when no ``--index`` is given."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant import api
from assistant.cli import app
from assistant.config import load_settings
from tests.fakes import FakeEmbedder, FakeTextModel, registered_fakes

runner = CliRunner()


@pytest.fixture
def configured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """A config file naming the fake embedder and an index folder away from the working one."""
    folder = tmp_path / "elsewhere" / "cast-index"
    config = tmp_path / "config.toml"
    config.write_text(
        f'[models.embedder]\nbackend = "fake"\n[casting]\nindex_dir = "{folder.as_posix()}"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("SLATE_CONFIG", str(config))
    monkeypatch.setenv("SLATE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    with registered_fakes(FakeTextModel(), FakeEmbedder(dimensions=64)):
        yield folder


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
