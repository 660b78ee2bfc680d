"""Options several commands share: the input format, plain output, showing every row."""

from __future__ import annotations

import sys
from typing import Any

import typer


def lower_case(value: str | None) -> str | None:
    """Format names are matched case-insensitively: ``--to FDX`` is ``--to fdx``."""
    return value.lower() if value is not None else None


def script_argument() -> Any:
    """The screenplay file every script command reads."""
    return typer.Argument(
        ...,
        metavar="SCRIPT",
        help="Screenplay file ({suffixes}); the content decides when the suffix does not "
        "(a .txt may be Fountain or an indentation layout).",
        show_default=False,
    )


def from_option() -> Any:
    return typer.Option(
        None,
        "--from",
        callback=lower_case,
        help="Input format, one of {importers} (any case); detected from the file when omitted.",
    )


def plain_option() -> Any:
    return typer.Option(
        None,
        "--plain/--no-plain",
        show_default=False,
        help="Plain columns without boxes or colour, one row a line, easy to grep. Default: plain "
        "when standard output is not a terminal (a pipe or a file), tables when it is.",
    )


def all_option(what: str) -> Any:
    return typer.Option(False, "--all", help=f"Show {what}, not only the first rows.")


def wants_plain(plain: bool | None) -> bool:
    """``--plain`` / ``--no-plain`` when given, else plain unless stdout is a terminal."""
    if plain is not None:
        return plain
    try:
        return not sys.stdout.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stdout
        return True
