"""Turning a ``SlateError`` into one line on stderr and an exit code: never a traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

import typer

from assistant.errors import SlateError

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def user_errors() -> Iterator[None]:
    """Print a ``SlateError``, Ctrl-C or an unexpected failure as one line and exit non-zero."""
    try:
        yield
    except SlateError as exc:
        typer.echo(f"Error: {exc.message}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        raise typer.Exit(130) from None
    except MemoryError:
        typer.echo("Error: out of memory", err=True)
        raise typer.Exit(1) from None
    except (typer.Exit, typer.Abort):
        raise
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(1) from None
    except Exception as exc:
        # A bug, not bad input: still one line for the user; SLATE_DEBUG=1 shows the traceback.
        if os.environ.get("SLATE_DEBUG"):
            raise
        typer.echo(
            f"Error: unexpected {type(exc).__name__}: {exc} (a bug in Slate; run with "
            "SLATE_DEBUG=1 to see the traceback)",
            err=True,
        )
        raise typer.Exit(70) from None


def handles_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Decorator form of ``user_errors`` for command functions."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with user_errors():
            return func(*args, **kwargs)

    return wrapper
