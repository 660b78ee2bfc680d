"""``slate models`` and ``slate ask`` through the real Typer app, with fake backends."""

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


def test_ask_streams_to_stdout_and_notes_to_stderr(fakes: FakeTextModel, script: Path) -> None:
    fakes.enqueue(["Odile keeps the lighthouse."])
    result = runner.invoke(app, ["ask", "Who keeps the lighthouse?", "--script", str(script)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Odile keeps the lighthouse.\n"
    assert "Scenes used:" in result.stderr and "LIGHTHOUSE" in result.stderr
    assert fakes.history[0].options.max_new_tokens == 256


def test_ask_flags_override_the_config(fakes: FakeTextModel, script: Path) -> None:
    args = ["ask", "Who?", "-s", str(script), "--max-tokens", "7", "--temperature", "0.4", "-q"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    options = fakes.history[0].options
    assert (options.max_new_tokens, options.temperature) == (7, 0.4)


def test_ctrl_c_mid_answer_stops_with_one_line(fakes: FakeTextModel, script: Path) -> None:
    fakes.enqueue(["one two three four five six seven"])

    def interrupt(index: int) -> None:
        if index == 3:
            raise KeyboardInterrupt

    fakes.on_piece = interrupt
    result = runner.invoke(app, ["ask", "Who?", "--script", str(script), "-q"])
    assert result.exit_code == 130
    assert result.stdout == "one two three "
    assert result.stderr == "Interrupted.\n"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--backend", "nonesuch"], 4, "Unknown text model backend 'nonesuch'"),
        (["--device", "gpu"], 4, "Invalid setting models.device"),
        (["--config", "/nonexistent/slate.toml"], 4, "does not exist"),
    ],
)
def test_bad_settings_are_one_line(
    fakes: FakeTextModel, script: Path, args: list[str], code: int, message: str
) -> None:
    result = runner.invoke(app, ["ask", "Who?", "--script", str(script), *args])
    assert result.exit_code == code
    assert result.stderr.count("\n") == 1 and message in result.stderr


def test_ask_with_a_missing_script(fakes: FakeTextModel, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ask", "Who?", "--script", str(tmp_path / "none.fountain")])
    assert result.exit_code == 2 and result.stderr.startswith("Error: ")
