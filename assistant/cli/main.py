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
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"slate {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
    plain: bool = typer.Option(False, "--plain", help="slate alone: the app as slate open "
                               "--plain (screen-reader-friendly)."),
    llm: bool | None = typer.Option(None, "--llm/--no-llm", help="slate alone: the app as "
                                    "slate open --llm / --no-llm."),
) -> None:  # fmt: skip
    """Slate reads screenplays (Fountain, Final Draft, plain text, PDF), analyses them offline.

    ``slate`` alone starts the terminal app in a terminal (``--plain``, ``--llm``/``--no-llm``
    as for ``slate open``), and prints this help in a pipe (a TUI there would wait for keys that
    never come).
    """
    if ctx.invoked_subcommand is not None:
        return
    from assistant.cli.tui_commands import can_start_tui

    if not can_start_tui():
        typer.echo(ctx.get_help())
        raise typer.Exit()
    from assistant import api
    from assistant.cli.errors import user_errors
    from assistant.tui.app import SlateApp

    with user_errors():
        SlateApp(None, api.load_settings(), plain=plain, use_llm=llm).run()


# Command modules register their commands on ``app`` when imported, in the order --help lists them.
from assistant.cli import script_commands  # noqa: E402, I001
from assistant.cli import score_commands  # noqa: E402
from assistant.cli import beats_commands  # noqa: E402
from assistant.cli import model_commands  # noqa: E402
from assistant.cli import ask_commands  # noqa: E402
from assistant.cli import breakdown_commands  # noqa: E402
from assistant.cli import schedule_commands  # noqa: E402
from assistant.cli import shots_commands  # noqa: E402
from assistant.cli import post_commands  # noqa: E402
from assistant.cli import tui_commands  # noqa: E402
from assistant.cli import cast_commands  # noqa: E402
from assistant.cli import writing_commands  # noqa: E402
from assistant.cli import analyze_commands  # noqa: E402

__all__ = [
    "analyze_commands",
    "app",
    "ask_commands",
    "beats_commands",
    "breakdown_commands",
    "cast_commands",
    "model_commands",
    "post_commands",
    "schedule_commands",
    "score_commands",
    "script_commands",
    "shots_commands",
    "tui_commands",
    "writing_commands",
]
