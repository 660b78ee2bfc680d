"""``handles_errors``: every failure is one line and an exit code; deliberate exits keep theirs."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from assistant.cli.errors import handles_errors
from assistant.errors import ScriptReadError

runner = CliRunner()


def _app(exc: BaseException) -> typer.Typer:
    app = typer.Typer()

    @app.command()
    @handles_errors
    def run() -> None:
        raise exc

    return app


@pytest.mark.parametrize(
    ("exc", "code", "line"),
    [
        (ScriptReadError("x.fdx is empty"), 2, "Error: x.fdx is empty"),
        (KeyboardInterrupt(), 130, "Interrupted."),
        (
            ZeroDivisionError("division by zero"),
            70,
            "Error: unexpected ZeroDivisionError: division by zero (a bug in Slate; "
            "run with SLATE_DEBUG=1 to see the traceback)",
        ),
    ],
)
def test_failures_become_one_line(exc: BaseException, code: int, line: str) -> None:
    result = runner.invoke(_app(exc), [])
    assert result.exit_code == code
    assert result.output.strip() == line


def test_a_deliberate_exit_keeps_its_code() -> None:
    result = runner.invoke(_app(typer.Exit(5)), [])
    assert result.exit_code == 5
    assert result.output == ""


def test_slate_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLATE_DEBUG", "1")
    result = runner.invoke(_app(ZeroDivisionError("boom")), [])
    assert isinstance(result.exception, ZeroDivisionError)
