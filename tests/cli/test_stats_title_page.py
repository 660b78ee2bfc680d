"""``slate stats`` says when a title page was left out of the page count."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from assistant.cli import app

SCRIPT = """Title: The Long Ferry
Author: Test Writer

INT. CABIN - NIGHT

Rain on the glass.

ISLA
We wait.
"""


def _pages_row(output: str) -> str:
    return next(line for line in output.splitlines() if line.startswith("Pages"))


def test_the_pages_row_says_the_title_page_was_not_counted(tmp_path: Path) -> None:
    titled = tmp_path / "titled.fountain"
    titled.write_text(SCRIPT, encoding="utf-8")
    bare = tmp_path / "bare.fountain"
    bare.write_text(SCRIPT.split("\n\n", 1)[1], encoding="utf-8")
    runner = CliRunner()
    with_title = runner.invoke(app, ["stats", str(titled), "--plain"])
    without = runner.invoke(app, ["stats", str(bare), "--plain"])
    assert with_title.exit_code == 0 and without.exit_code == 0, with_title.output
    assert _pages_row(with_title.output).split()[1:] == ["1", "page", "(+", "title", "page)"]
    assert _pages_row(without.output).split()[1:] == ["1", "page"]
