"""Tables for people or for pipes: rich boxes on a terminal, plain aligned columns otherwise.

Plain output is what ``git`` and ``ls`` do without a terminal: no boxes, no colour, one row a line
(no wrapping), columns separated by at least two spaces, no trailing spaces, so ``grep``, ``sort``
and ``awk -F'  +'`` work on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from rich.console import Console

GAP = "  "
"""Between plain columns: two spaces, so a heading's single spaces never look like a gap."""


@dataclass(frozen=True)
class Column:
    header: str
    right: bool = False
    """Right-justified (numbers)."""
    max_width: int | None = None
    """Rich tables wrap the column at this width; plain output never wraps."""


NUMBERING_NOTE = {
    "written": "Scenes are numbered as in the script.",
    "position": "Scenes are numbered by position (the script does not number every scene).",
}
"""What a table that lists scenes says about ``Screenplay.numbering``, the one scheme for people."""

Row = Sequence[str] | None
"""A table row, or ``None`` for a separator between sections."""


class Output:
    """Writes lines and tables to standard output, plain or as rich tables."""

    def __init__(self, plain: bool) -> None:
        self.plain = plain
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console()
        return self._console

    def line(self, text: str, style: str | None = None) -> None:
        """One line of text (``style`` is rich's, ignored when plain)."""
        if self.plain:
            typer.echo(text.rstrip())
        else:
            self.console.print(text, style=style, highlight=False, markup=False)

    def table(
        self,
        title: str,
        columns: Sequence[Column],
        rows: Sequence[Row],
        *,
        caption: str | None = None,
        show_header: bool = True,
    ) -> None:
        """A titled table; ``caption`` is printed under it (what was left out, the numbering)."""
        if self.plain:
            self._plain_table(title, columns, rows, caption, show_header)
            return
        from rich.table import Table

        # Title and caption are printed as lines of their own: rich pads a table's title to the
        # table's width, which leaves trailing spaces on the line.
        self.console.print(title, style="bold", highlight=False, markup=False)
        table = Table(show_header=show_header)
        for column in columns:
            table.add_column(
                column.header, justify="right" if column.right else "left",
                max_width=column.max_width,
            )  # fmt: skip
        for row in rows:
            if row is None:
                table.add_section()
            else:
                table.add_row(*row)
        self.console.print(table, highlight=False)
        if caption:
            self.console.print(caption, style="dim", highlight=False, markup=False)

    def _plain_table(
        self,
        title: str,
        columns: Sequence[Column],
        rows: Sequence[Row],
        caption: str | None,
        show_header: bool,
    ) -> None:
        # One row a line: a cell's own line breaks (a wrapped description) become spaces.
        body = [[" ".join(cell.split()) for cell in row] for row in rows if row is not None]
        if show_header:
            body.insert(0, [c.header for c in columns])
        widths = [max((len(r[i]) for r in body), default=0) for i in range(len(columns))]
        typer.echo(title.rstrip())
        for cells in body:
            padded = [
                cell.rjust(width) if column.right else cell.ljust(width)
                for cell, width, column in zip(cells, widths, columns, strict=True)
            ]
            typer.echo(GAP.join(padded).rstrip())
        if caption:
            typer.echo(caption.rstrip())
        typer.echo("")
