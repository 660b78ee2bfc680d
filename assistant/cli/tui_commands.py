"""``slate open FILE``: the terminal app (assistant/tui/, docs/tui.md).

The app starts only when stdin and stdout are terminals: from a pipe, a file or ``CliRunner``
the command says so and exits 2 instead of waiting on a screen nobody sees (so nothing hangs).
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from assistant import api
from assistant.cli.errors import handles_errors
from assistant.cli.main import app

_OPEN_HELP = """Open a script in the terminal app: the scene navigator and reader, chat with
cited answers, the story and production screens. F1 inside lists the keys.

Needs a terminal: with stdin or stdout redirected it exits 2 without starting."""


def can_start_tui() -> bool:
    """Both ends are terminals (a TUI in a pipe would wait for keys that never come)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


@app.command("open", help=_OPEN_HELP)
@handles_errors
def open_(
    file: Path | None = typer.Argument(None, help="The script (Fountain, FDX, PDF, ...); none: "
                                       "the app asks for one.", show_default=False),
    config: Path | None = typer.Option(None, "--config", help="TOML config file (default: "
                                       "$SLATE_CONFIG, else ~/.config/slate/config.toml)."),
    plain: bool = typer.Option(False, "--plain", help="Screen-reader-friendly: no box drawing, "
                               "no bars (values as text), text labels."),
    llm: bool | None = typer.Option(None, "--llm/--no-llm", help="As slate ask: --llm lets "
                                    "even the tiny default model write answers (streamed); "
                                    "--no-llm never asks the text model."),
) -> None:  # fmt: skip
    if not can_start_tui():
        typer.echo("slate open needs a terminal (stdin and stdout are redirected).", err=True)
        raise typer.Exit(2)
    settings = api.load_settings(config)
    from assistant.tui.app import SlateApp

    SlateApp(file, settings, plain=plain, use_llm=llm).run()
