"""``slate parse`` and ``slate stats``: reading a script and showing what is in it."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Literal

import typer

from assistant import api
from assistant.cli.errors import handles_errors
from assistant.cli.main import app
from assistant.cli.options import (
    all_option,
    from_option,
    lower_case,
    plain_option,
    script_argument,
    wants_plain,
)

_PARSE_HELP = """Parse a screenplay into Slate's model; print or save it as JSON, Fountain or FDX,
or save it as a PDF in industry layout.

With --out, Slate never replaces the script it reads, a file whose suffix belongs to another
format (--to fdx into a .fountain file), or an existing file that is not Slate's own output,
unless --force is given. Slate's own output is a file whose bytes are exactly those Slate last
wrote there: Slate records a checksum of every file it writes in written_files.json in its cache
folder, so a file edited since, written before, or written by anything else counts as not Slate's.
An empty file, or one that already holds the same bytes, may be replaced. The write is atomic: on
any failure the old file is left as it was."""


class Paper(StrEnum):
    """The paper ``slate parse --to pdf`` prints on."""

    LETTER = "letter"
    A4 = "a4"


class CountBy(StrEnum):
    """What ``slate stats`` counts as a scene."""

    MASTER = "master"
    NUMBERED = "numbered"


@app.command(help=_PARSE_HELP)
@handles_errors
def parse(
    file: Path = script_argument(),
    to: str = typer.Option(
        "json", "--to", callback=lower_case, help="Output format, one of {exporters} (any case)."
    ),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="Write to this file (atomically) instead of standard output."
    ),
    force: bool = typer.Option(
        False,
        "--force",
        help="Replace --out even if it is the input script, a file Slate did "
        "not write, or named for another format.",
    ),
    input_format: str | None = from_option(),
    paper: Paper | None = typer.Option(
        None,
        "--paper",
        case_sensitive=False,
        show_default=False,
        help="PDF only: letter (the default) or a4, the same lines on every page.",
    ),
    continueds: bool = typer.Option(
        False,
        "--continueds",
        help="PDF only: (CONTINUED) and CONTINUED: where a page break cuts a scene, printed in "
        "the margins (the page count does not change).",
    ),
) -> None:
    from assistant.errors import UnsupportedFormatError

    for given, name in ((paper is not None, "--paper"), (continueds, "--continueds")):
        if given and to != "pdf":
            raise UnsupportedFormatError(f"{name} is for PDF output (--to pdf), not --to {to}")
    size: Literal["letter", "a4"] | None = None if paper is None else paper.value
    screenplay = api.open_script(file, format=input_format)
    if out is not None:
        api.save_export(screenplay, to, out, force=force, paper=size, continueds=continueds)
        typer.echo(f"Wrote {out} ({to}, {len(screenplay.headed_scenes())} scenes)", err=True)
        return
    sys.stdout.buffer.write(api.export_script(screenplay, to, paper=size, continueds=continueds))
    sys.stdout.flush()


@app.command()
@handles_errors
def stats(
    file: Path = script_argument(),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    show_all: bool = all_option("every location and character"),
    plain: bool | None = plain_option(),
    input_format: str | None = from_option(),
    count_by: CountBy = typer.Option(
        CountBy.MASTER,
        "--count-by",
        case_sensitive=False,
        help="What the scene count counts: master scenes (one per heading) or numbered scenes "
        "(every number a shooting script writes on its headings and shots: 3, 3-A, 3-B). The "
        "other figures always count master scenes; the JSON carries both counts and the shots.",
    ),
) -> None:
    """Scenes, pages, INT/EXT and DAY/NIGHT splits, locations, characters and screen time."""
    screenplay = api.open_script(file, format=input_format)
    figures = api.script_stats(screenplay, count_by=count_by.value)
    if as_json:
        typer.echo(figures.model_dump_json(indent=2))
        return
    from assistant.cli.output import Output
    from assistant.cli.stats_view import print_stats

    print_stats(screenplay, figures, Output(wants_plain(plain)), show_all=show_all)
