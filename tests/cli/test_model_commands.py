"""``slate models`` through the real Typer app, with fake backends (ask: test_ask_commands.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from tests.fakes import FakeEmbedder, FakeTextModel, registered_fakes

runner = CliRunner()


@pytest.fixture
def script(fixtures_dir: Path) -> Path:
    return fixtures_dir / "models" / "harbour_town.fountain"


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeTextModel]:
    """Fake backends selected by a real config file; no user config or cache is read."""
    config = tmp_path / "config.toml"
    config.write_text(
        '[models.generator]\nbackend = "fake"\n[models.embedder]\nbackend = "fake"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("SLATE_CONFIG", str(config))
    monkeypatch.setenv("SLATE_CACHE_DIR", str(tmp_path / "cache"))
    model = FakeTextModel()
    with registered_fakes(model, FakeEmbedder(dimensions=256)):
        yield model


def test_models_lists_and_loads(fakes: FakeTextModel) -> None:
    result = runner.invoke(app, ["models"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("generator fake") and lines[0].split()[2] == "ok"
    assert any(line.startswith("embedder  fake") for line in lines)
    assert "fake-text, context 2048 tokens" in result.output


def test_models_reports_what_is_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SLATE_CACHE_DIR", str(tmp_path))  # no GGUF fetched here
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.delenv("SLATE_CONFIG", raising=False)
    result = runner.invoke(app, ["models", "--no-load"])
    assert result.exit_code == 5
    assert "generator transformers" in result.output and "FAILED" in result.output
    assert "scripts/fetch_models.py" in result.output
