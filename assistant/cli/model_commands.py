"""``slate models``: which models are configured; the model flags ``slate ask`` shares."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from assistant import api
from assistant.cli.errors import handles_errors
from assistant.cli.main import app
from assistant.errors import ModelUnavailableError

_CONFIG = typer.Option(None, "--config", help="TOML config file (default: $SLATE_CONFIG, "
                       "else ~/.config/slate/config.toml).")  # fmt: skip
_BACKEND = typer.Option(None, "--backend", help="Text model backend: transformers or openai.")
_MODEL = typer.Option(None, "--model", help="transformers: a Hugging Face folder or .gguf file.")
_URL = typer.Option(None, "--url", help="openai: server base URL, e.g. http://127.0.0.1:8080/v1.")
_SERVER_MODEL = typer.Option(None, "--server-model", help="openai: the model name on the server.")
_DEVICE = typer.Option(None, "--device", help="auto, cpu, cuda or mps.")
_THREADS = typer.Option(None, "--threads", help="CPU threads for torch.")
_SCRIPT = typer.Option(..., "--script", "-s", help="The screenplay to ask about.")


def _overrides(
    backend: str | None = None,
    model: Path | None = None,
    url: str | None = None,
    server_model: str | None = None,
    device: str | None = None,
    threads: int | None = None,
    max_tokens: int | None = None,
    temperature: float | None = None,
) -> dict[str, Any]:
    """Flags given on the command line, nested like the config file."""
    generator = {
        "backend": backend, "path": model, "url": url, "name": server_model,
        "max_tokens": max_tokens, "temperature": temperature,
    }  # fmt: skip
    models: dict[str, Any] = {"device": device, "threads": threads}
    models = {k: v for k, v in models.items() if v is not None}
    given = {k: v for k, v in generator.items() if v is not None}
    if given:
        models["generator"] = given
    return {"models": models} if models else {}


@app.command()
@handles_errors
def models(
    no_load: bool = typer.Option(False, "--no-load", help="List without loading anything."),
    config: Path | None = _CONFIG,
    backend: str | None = _BACKEND,
    model: Path | None = _MODEL,
    url: str | None = _URL,
    server_model: str | None = _SERVER_MODEL,
    device: str | None = _DEVICE,
) -> None:
    """List the configured text model and embedder, and whether each loads."""
    overrides = _overrides(backend, model, url, server_model, device=device)
    statuses = api.list_models(api.load_settings(config, overrides), load=not no_load)
    for status in statuses:
        mark = "FAILED" if not status.ok else ("ok" if status.checked else "not loaded")
        timing = f" ({status.seconds:.1f} s)" if status.seconds is not None and status.ok else ""
        typer.echo(f"{status.role:<9} {status.backend:<21} {mark}{timing}")
        typer.echo(f"          {status.source}")
        typer.echo(f"          text goes to {status.text_goes_to}")
        if status.detail:
            typer.echo(f"          {status.detail}")
    if not all(s.ok for s in statuses):
        raise typer.Exit(ModelUnavailableError.exit_code)
