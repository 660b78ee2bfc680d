"""``--backend openai`` through the real Typer app against a real HTTP server on 127.0.0.1.

The API key comes from the environment and must reach the ``Authorization`` header; a host that is
not this machine is refused before anything is sent. The embedder is the fake (no weights load).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from tests.fakes import FakeEmbedder, registered_fakes
from tests.models.openai_server import FakeOpenAIServer, Reply, running_server

KEY = "sk-cli-test-4c8e2a"
runner = CliRunner()


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeOpenAIServer]:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no config file
    monkeypatch.delenv("SLATE_CONFIG", raising=False)
    monkeypatch.setenv("SLATE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SLATE_MODELS__GENERATOR__API_KEY", KEY)
    monkeypatch.setenv("SLATE_MODELS__EMBEDDER__BACKEND", "fake")
    with registered_fakes(embedder=FakeEmbedder()), running_server() as server:
        yield server


def _openai(url: str) -> list[str]:
    return ["--backend", "openai", "--url", url, "--server-model", "tiny-model"]


def test_models_reaches_the_server_with_the_key_and_says_where_text_goes(
    server: FakeOpenAIServer,
) -> None:
    result = runner.invoke(app, ["models", *_openai(server.url)])
    assert result.exit_code == 0, result.output
    assert server.headers[-1]["Authorization"] == f"Bearer {KEY}"
    port = server.url.split(":")[2].split("/")[0]
    assert f"text goes to this machine (127.0.0.1:{port})" in result.output
    assert KEY not in result.output


def test_ask_sends_the_question_with_the_key(server: FakeOpenAIServer, fixtures_dir: Path) -> None:
    server.enqueue(Reply(pieces=["Odile", " keeps it."]))
    script = fixtures_dir / "models" / "harbour_town.fountain"
    args = ["ask", "Who keeps the lighthouse?", "--script", str(script), *_openai(server.url)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    # Only what the backend guarantees: how ``ask`` builds its prompt and shows the answer is
    # another test's business (and changing).
    assert len(server.requests) == 1 and server.requests[0]["model"] == "tiny-model"
    assert server.headers[-1]["Authorization"] == f"Bearer {KEY}"
    assert KEY not in result.output


def test_a_remote_host_is_refused_and_nothing_is_sent(server: FakeOpenAIServer) -> None:
    result = runner.invoke(app, ["models", *_openai("http://gpu.studio.example:8000/v1")])
    assert result.exit_code != 0
    assert "Refusing to send text to gpu.studio.example" in result.output
    assert "text goes to nowhere" in result.output
    assert KEY not in result.output and server.headers == []
