"""The story screen: the strength curve and the beat board (api.score_scenes, api.beat_sheet)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from assistant.errors import SlateError

if TYPE_CHECKING:
    from assistant.tui.app import SlateApp


class StoryScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    @property
    def slate(self) -> SlateApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="story"):
            yield Static("Scene strength over the script (computing...)", id="curve-title")
            yield Sparkline([], id="curve")
            yield Static("Beat board: Enter opens a beat's first scene", id="board-title")
            yield OptionList(id="beats")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="story")
    def load(self) -> None:
        ws = self.slate.workspace
        assert ws is not None
        try:
            report = ws.score()
            self.app.call_from_thread(self._curve, [s.strength for s in report.scenes])
            sheet = ws.beat_sheet()
        except SlateError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        options = []
        for beat in sheet.beats:
            labels = ", ".join(str(ws.labels[i]) for i in beat.scene_indices)
            first = beat.scene_indices[0] if beat.scene_indices else 0
            noun = "scene" if len(beat.scene_indices) == 1 else "scenes"
            text = f"{beat.name}  [{noun} {labels}]  {beat.confidence:.0%}\n  {beat.reason}"
            options.append(Option(text, id=str(first)))
        self.app.call_from_thread(self._board, options)

    def _curve(self, values: list[float]) -> None:
        self.query_one("#curve", Sparkline).data = values
        title = (
            f"Scene strength over the script ({len(values)} scenes; the chance each is a "
            "turning point)"
        )
        if getattr(self.app, "plain", False):  # the sparkline is hidden: the peaks as words
            ws = self.slate.workspace
            labels = ws.labels if ws is not None else []
            top = sorted(range(len(values)), key=lambda i: -values[i])[:5]
            peaks = ", ".join(f"scene {labels[i] if i < len(labels) else i} {values[i]:.2f}"
                              for i in top)  # fmt: skip
            title += f". Strongest: {peaks}."
        self.query_one("#curve-title", Static).update(title)

    def _board(self, options: list[Option]) -> None:
        board = self.query_one("#beats", OptionList)
        board.clear_options()
        board.add_options(options)
        if options:
            board.highlighted = 0
        board.focus()

    def _failed(self, message: str) -> None:
        self.query_one("#curve-title", Static).update(f"Not available: {message}")

    @on(OptionList.OptionSelected, "#beats")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.slate.show_scene(int(event.option.id))

    def action_cancel(self) -> None:
        self.workers.cancel_group(self, "story")
