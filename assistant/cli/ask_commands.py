"""``slate ask``: a question about a script (or a JSONL file of them), answered with citations.

Every flag is checked by the parser (ranges, the question not empty, the questions file present)
before a model or the script is loaded, so a wrong flag is named at once.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from assistant import api
from assistant.cli.errors import handles_errors
from assistant.cli.main import app
from assistant.cli.model_commands import (
    _BACKEND,
    _CONFIG,
    _DEVICE,
    _MODEL,
    _SCRIPT,
    _SERVER_MODEL,
    _URL,
    _overrides,
)
from assistant.config import GeneratorSettings

_GENERATOR = GeneratorSettings.model_fields
"""Where the help's defaults come from, so it cannot drift from the settings."""
_MAX_TOKENS = _GENERATOR["max_tokens"].default

_PATHS = {
    "tool": "computed from the parsed script",
    "extractive": "the best-supported lines of the retrieved scenes",
    "generated": "written by the model from the retrieved lines, checked against them",
}


def _question(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise typer.BadParameter("the question is empty")
    return value


@app.command()
@handles_errors
def ask(
    question: str | None = typer.Argument(
        None, help="The question, in quotes (or give --questions).", callback=_question
    ),
    script: Path = _SCRIPT,
    questions: Path | None = typer.Option(
        None, "--questions", exists=True, dir_okay=False, readable=True,
        help='A JSONL file, one {"question": ..., "id": ...} a line; prints one JSON line each.',
    ),
    json_out: bool = typer.Option(False, "--json", help="Print the answer as JSON."),
    no_llm: bool = typer.Option(False, "--no-llm", help="Never ask the text model: tools and "
                                "quoted lines only."),
    llm: bool = typer.Option(False, "--llm", help="Let the text model write answers even when "
                             "it is the tiny default (SmolLM2-135M)."),
    top_k: int | None = typer.Option(None, "--top-k", min=1, max=50,
                                     help="Scenes given to the model (default 4)."),
    max_tokens: int | None = typer.Option(None, "--max-tokens", min=1, max=32768,
                                          help="Most tokens the model may write (default: "
                                          f"the config's, else {_MAX_TOKENS})."),
    temperature: float | None = typer.Option(None, "--temperature", min=0.0, max=2.0,
                                             help="0: greedy (default: the config's, else "
                                             f"{_GENERATOR['temperature'].default})."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the answer."),
    config: Path | None = _CONFIG,
    backend: str | None = _BACKEND,
    model: Path | None = _MODEL,
    url: str | None = _URL,
    server_model: str | None = _SERVER_MODEL,
    device: str | None = _DEVICE,
    threads: int | None = typer.Option(None, "--threads", min=1, max=512,
                                       help="CPU threads for torch."),
) -> None:  # fmt: skip
    """Answer a question about a script, citing its scenes; say so when the script does not."""
    if (question is None) == (questions is None):
        typer.echo("Error: give a QUESTION or --questions FILE (one of the two)", err=True)
        raise typer.Exit(2)
    if no_llm and llm:
        typer.echo("Error: --no-llm and --llm contradict each other", err=True)
        raise typer.Exit(2)
    overrides = _overrides(
        backend, model, url, server_model, device, threads, max_tokens, temperature
    )
    if top_k is not None:
        overrides["ask"] = {"top_k": top_k}
    settings = api.load_settings(config, overrides)
    screenplay = api.open_script(script)
    use_llm = False if no_llm else (True if llm else None)

    def note(message: str) -> None:
        if not quiet:
            typer.echo(message, err=True)

    if questions is not None:
        lines = questions.read_text(encoding="utf-8", errors="replace").splitlines()
        for item in api.ask_batch(lines, screenplay, settings, use_llm=use_llm, on_progress=note):
            typer.echo(json.dumps(item, ensure_ascii=False))
        return
    assert question is not None
    answer = api.ask(question, screenplay, settings, use_llm=use_llm, on_progress=note)
    if json_out:
        typer.echo(answer.model_dump_json())
        return
    typer.echo(answer.answer)
    if quiet:
        return
    how = f"{answer.path}: {_PATHS[answer.path]}" + (f" ({answer.tool})" if answer.tool else "")
    typer.echo(f"[{'not in the script; ' if answer.abstained else ''}{how}]", err=True)
    if answer.quotes:
        typer.echo("Lines:")
        for quote in answer.quotes:
            typer.echo(f"  scene {quote.label}: {quote.text}")
    if answer.scenes:
        typer.echo("Nearest scenes:" if answer.abstained else "Scenes:")
        for scene in answer.scenes[:12]:
            line = f", line {scene.start_line}" if scene.start_line is not None else ""
            typer.echo(f"  {scene.label:>5}  {scene.heading}  (p. {scene.page}{line})")
        if len(answer.scenes) > 12:
            typer.echo(f"  and {len(answer.scenes) - 12} more (--json lists all)")
