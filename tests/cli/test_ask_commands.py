"""``slate ask`` through the real Typer app, with fake backends: answers, JSON, batch, flags."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from tests.fakes import FakeEmbedder, FakeTextModel, registered_fakes

runner = CliRunner()


@pytest.fixture
def script(fixtures_dir: Path) -> Path:
    return fixtures_dir / "ask" / "ferry.fountain"


@pytest.fixture
def embedder() -> FakeEmbedder:
    return FakeEmbedder(dimensions=256)


@pytest.fixture
def fakes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, embedder: FakeEmbedder
) -> Iterator[FakeTextModel]:
    """Fake backends selected by a real config file; no user config or cache is read."""
    config = tmp_path / "config.toml"
    config.write_text(
        '[models.generator]\nbackend = "fake"\n[models.embedder]\nbackend = "fake"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("SLATE_CONFIG", str(config))
    monkeypatch.setenv("SLATE_CACHE_DIR", str(tmp_path / "cache"))
    model = FakeTextModel()
    with registered_fakes(model, embedder):
        yield model


def test_a_tool_answer_prints_its_scenes(fakes: FakeTextModel, script: Path) -> None:
    result = runner.invoke(app, ["ask", "How many night scenes?", "--script", str(script)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("The script has 3 night scenes")
    assert lines[1] == "Scenes:" and "INT. FERRY WHEELHOUSE - NIGHT  (p. 1, line 18)" in lines[3]
    assert "[tool: computed from the parsed script (scene_counts)]" in result.stderr
    assert fakes.history == []


def test_no_llm_quotes_the_lines(fakes: FakeTextModel, script: Path) -> None:
    args = ["ask", "Where is the brass compass?", "-s", str(script), "--no-llm"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Lines:\n  scene 1: " in result.stdout
    assert "\n  scene 1: Tomas: The brass compass is in the tin box" in result.stdout
    assert fakes.history == []


def test_a_generated_answer_uses_the_flags(fakes: FakeTextModel, script: Path) -> None:
    fakes.enqueue(["In the tin box."])
    args = ["ask", "Where is the brass compass?", "-s", str(script), "--max-tokens", "7",
            "--temperature", "0.4", "-q"]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout == "In the tin box.\n" and result.stderr == ""
    options = fakes.history[0].options
    assert (options.max_new_tokens, options.temperature) == (7, 0.4)


def test_json_output_is_one_object(fakes: FakeTextModel, script: Path) -> None:
    args = ["ask", "What year does the story take place?", "-s", str(script), "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["abstained"] is True and data["path"] == "extractive"
    assert data["answer"].startswith("Not in the script: ")
    assert {"index", "label", "start_line", "heading", "page", "score"} == set(data["scenes"][0])


def test_batch_gives_one_line_per_question_and_survives_a_bad_line(
    fakes: FakeTextModel, script: Path, tmp_path: Path, embedder: FakeEmbedder
) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        '{"id": "a", "question": "Who speaks most?"}\n'
        "not json\n"
        '{"id": 3, "question": "Where is the brass compass?"}\n',
        encoding="utf-8",
    )
    args = ["ask", "--script", str(script), "--questions", str(questions), "--no-llm", "-q"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("id") for r in rows] == ["a", None, 3]
    assert rows[0]["path"] == "tool" and rows[1]["line"] == 2 and "error" in rows[1]
    assert rows[2]["scenes"][0]["start_line"] == 6 and rows[2]["grounded"] is True
    # The index embeds the scene headings (sentences come per question, a few scenes at a time)
    index_batches = [b for b in embedder.calls if len(b) > 3 and b[0].startswith(("INT", "EXT"))]
    assert len(index_batches) == 1  # the script was indexed once for the batch


def _no_model_may_load(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("a model was constructed before the flags were checked")

    monkeypatch.setattr("assistant.models.registry.get_text_model", refuse)
    monkeypatch.setattr("assistant.models.registry.get_embedder", refuse)
    monkeypatch.setattr("assistant.api.open_script", refuse)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ask", "", "-s", "{script}"], "invalid value for 'question': the question is empty"),
        (["ask", "   ", "-s", "{script}"], "the question is empty"),
        (["ask", "Who?", "-s", "{script}", "--top-k", "0"], "Invalid value for '--top-k'"),
        (
            ["ask", "Who?", "-s", "{script}", "--max-tokens", "-5"],
            "Invalid value for '--max-tokens'",
        ),
        (
            ["ask", "Who?", "-s", "{script}", "--temperature", "3"],
            "Invalid value for '--temperature'",
        ),
        (["ask", "Who?", "-s", "{script}", "--threads", "0"], "Invalid value for '--threads'"),
        (["ask", "-s", "{script}"], "give a QUESTION or --questions FILE"),
        (["ask", "Who?", "-s", "{script}", "--questions", "{script}"], "one of the two"),
        (["ask", "-s", "{script}", "--questions", "/no/such.jsonl"], "'--questions'"),
        (["ask", "Who?", "-s", "{script}", "--no-llm", "--llm"], "contradict"),
    ],
)
def test_flags_are_checked_before_anything_loads(
    fakes: FakeTextModel, script: Path, monkeypatch: pytest.MonkeyPatch, args: list[str],
    message: str,
) -> None:  # fmt: skip
    _no_model_may_load(monkeypatch)
    result = runner.invoke(app, [a.replace("{script}", str(script)) for a in args])
    assert result.exit_code == 2, result.output
    assert message.lower() in " ".join(result.stderr.split()).lower()
    assert "config.toml" not in result.stderr and "Traceback" not in result.output


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


def test_ctrl_c_mid_answer_stops_with_one_line(fakes: FakeTextModel, script: Path) -> None:
    fakes.enqueue(["one two three four five six seven"])

    def interrupt(index: int) -> None:
        if index == 3:
            raise KeyboardInterrupt

    fakes.on_piece = interrupt
    result = runner.invoke(app, ["ask", "Where is the compass?", "--script", str(script), "-q"])
    assert result.exit_code == 130
    assert result.stdout == "" and result.stderr == "Interrupted.\n"
