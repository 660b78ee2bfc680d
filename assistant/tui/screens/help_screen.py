"""F1 help and the error dialog."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Markdown, Static

HELP = """\
# Slate

**Screens**: `F2` script, `F3` chat, `F4` story, `F5` production, `F6` casting (or Ctrl+P).

**Script**: `/` filter the scenes (`@MARA`, `loc:diner`, `INT`, `EXT`, `DAY`, `NIGHT`, words),
`g` jump (`#12` a scene, `p5` a page), `r` the reader, arrows move, Enter reads.

**Chat**: type a question (answers stream in), or a command: {commands}.
Plain requests run commands ("show me the schedule", "break down scene 12").
Citations under an answer open the scene. `Escape` stops an answer or cancels long work.

**Sessions**: `/sessions`, `/new`, `/rename NAME`, `/delete`, `/export FILE.md`.

**Keys**: `F1`/`?` help, `Ctrl+T` light/dark, `Ctrl+P` palette, `Ctrl+Q` quit.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "dismiss", "Close")]

    def __init__(self, commands: str) -> None:
        super().__init__()
        self.commands = commands

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP.format(commands=self.commands))

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)


class ErrorDialog(ModalScreen[None]):
    """A problem named in one message (never a traceback)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter", "close", "Close")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.heading = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="error"):
            yield Static(self.heading, id="error-title")
            yield Static(self.message, id="error-message")
            yield Button("Close", id="error-close", variant="error")

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
