"""The Typer app and its global options (``--version``); command modules add the commands."""

from __future__ import annotations

import typer

from assistant import __version__
from assistant.cli.help import CONTEXT_SETTINGS, SlateGroup, SlateTyper

# SlateTyper and SlateGroup fix the help of every command once (usage names, flags, prose,
# examples, the format lists): see assistant/cli/help.py.
app = SlateTyper(
    name="slate",
    help="Slate: a local-first screenwriting and pre-production assistant.",
    cls=SlateGroup,
    context_settings=CONTEXT_SETTINGS,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"slate {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Slate reads screenplays (Fountain, Final Draft, plain text, PDF), analyses them offline."""


# Command modules register their commands on ``app`` when imported, in the order --help lists them.
from assistant.cli import script_commands  # noqa: E402, I001
from assistant.cli import score_commands  # noqa: E402
from assistant.cli import beats_commands  # noqa: E402
from assistant.cli import model_commands  # noqa: E402
from assistant.cli import ask_commands  # noqa: E402
from assistant.cli import breakdown_commands  # noqa: E402
from assistant.cli import schedule_commands  # noqa: E402
from assistant.cli import analyze_commands  # noqa: E402

__all__ = [
    "analyze_commands",
    "app",
    "ask_commands",
    "beats_commands",
    "breakdown_commands",
    "model_commands",
    "schedule_commands",
    "score_commands",
    "script_commands",
]
