"""``slate parse`` and ``slate stats``: reading a script and showing what is in it."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from assistant import api
from assistant.cli.errors import handles_errors
from assistant.cli.main import app

_FILE = typer.Argument(
    ...,
    help="Screenplay file: .fountain, .fdx, .pdf, or .txt (Fountain or an indentation layout).",
    show_default=False,
)
_FROM = typer.Option(
    None,
    "--from",
    help="Input format (fountain, fdx, plain, pdf, json); detected from the file when omitted.",
)


@app.command()
@handles_errors
def parse(
    file: Path = _FILE,
    to: str = typer.Option("json", "--to", help="Output format: json, fountain or fdx."),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="Write to this file (atomically) instead of standard output."
    ),
    input_format: str | None = _FROM,
) -> None:
    """Parse a screenplay into Slate's model and print or save it as JSON, Fountain or FDX."""
    screenplay = api.open_script(file, format=input_format)
    if out is not None:
        api.save_export(screenplay, to, out)
        typer.echo(f"Wrote {out} ({to}, {len(screenplay.headed_scenes())} scenes)", err=True)
        return
    sys.stdout.buffer.write(api.export_script(screenplay, to))
    sys.stdout.flush()


@app.command()
@handles_errors
def stats(
    file: Path = _FILE,
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    input_format: str | None = _FROM,
) -> None:
    """Scenes, pages, INT/EXT and DAY/NIGHT splits, locations, characters and screen time."""
    screenplay = api.open_script(file, format=input_format)
    figures = api.script_stats(screenplay)
    if as_json:
        typer.echo(figures.model_dump_json(indent=2))
        return
    from assistant.cli.stats_view import print_stats

    print_stats(screenplay, figures)
