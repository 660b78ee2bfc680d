"""The script screen: filter, scene navigator, reader, and the prompt that starts a chat.

It is shown before the script is read (the app parses it in a worker): the list is empty and the
count line says "Opening ..."; ``fill`` puts the scenes in once the workspace exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from assistant.errors import SlateError
from assistant.tui.scene_filter import filter_scenes, jump_target
from assistant.tui.widgets.reader import Reader
from assistant.tui.widgets.scene_list import SceneList

if TYPE_CHECKING:
    from assistant.tui.app import SlateApp


class ScriptScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_filter", "Filter", show=True),
        Binding("g", "jump", "Jump #/p"),
        Binding("r", "focus_reader", "Reader"),
        Binding("escape", "focus_list", "Scenes", show=False),
    ]

    @property
    def slate(self) -> SlateApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="script-body"):
            with Vertical(id="navigator"):
                yield Input(placeholder="filter: @MARA loc:diner INT NIGHT words  |  #12  p5",
                            id="filter", select_on_focus=False)  # fmt: skip
                yield SceneList([], id="scenes")
                yield Static("", id="scene-count")
            yield Reader(id="reader")
        yield Input(placeholder="Ask about the script, or /stats /score /beats ...", id="prompt")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#prompt", Input).focus()
        if self.slate.workspace is not None:
            self.fill()
        else:
            path = self.slate.path.name if self.slate.path else "the script"
            self.query_one("#scene-count", Static).update(f"Opening {path}...")
            self.call_after_refresh(self.slate.start_pending_open)

    def fill(self) -> None:
        """Show the open script: its scenes in the list, the first in the reader, and start the
        strength scoring that fills the bars."""
        ws = self.slate.workspace
        assert ws is not None
        self.title = ws.title
        self.sub_title = f"{len(ws.facts)} scenes, {ws.screenplay.page_count} pages"
        self.query_one(Reader).set_screenplay(ws.screenplay)
        scenes = self.query_one(SceneList)
        scenes.facts = ws.facts
        scenes.show([f.index for f in ws.facts])
        self._count(len(ws.facts))
        first = next((f.index for f in ws.facts if f.label is not None), 0)
        self.show_scene(first)
        self.score_in_background()

    def _count(self, shown: int) -> None:
        total = len(self.query_one(SceneList).facts)
        self.query_one("#scene-count", Static).update(f"{shown} of {total} scenes")

    @work(thread=True, exclusive=True, group="strength")
    def score_in_background(self) -> None:
        ws = self.slate.workspace
        assert ws is not None
        try:
            report = ws.score()
        except SlateError as error:
            self.app.call_from_thread(self.notify, f"No strength bars: {error}", severity="warning")
            return
        strengths = {s.index: s.strength for s in report.scenes}
        self.app.call_from_thread(self.query_one(SceneList).set_strengths, strengths)

    def show_scene(self, index: int) -> None:
        """Select scene ``index`` in the list (clearing a filter that hides it) and read it."""
        scenes = self.query_one(SceneList)
        if not scenes.select_scene(index):
            self.query_one("#filter", Input).value = ""
            scenes.show([f.index for f in scenes.facts])
            self._count(len(scenes.shown))
            scenes.select_scene(index)
        self.query_one(Reader).show(index)

    @on(SceneList.SceneSelected)
    def _selected(self, event: SceneList.SceneSelected) -> None:
        self.query_one(Reader).show(event.index)

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        scenes = self.query_one(SceneList)
        if jump_target(scenes.facts, event.value) is not None or event.value.startswith("#"):
            return
        kept = filter_scenes(scenes.facts, event.value)
        scenes.show(kept)
        self._count(len(kept))
        if kept and scenes.current_index() is not None:
            self.query_one(Reader).show(scenes.current_index())  # type: ignore[arg-type]

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        scenes = self.query_one(SceneList)
        target = jump_target(scenes.facts, event.value)
        if target is not None:
            event.input.value = ""
            self.show_scene(target)
        elif event.value[:1] in ("#", "p", "P") and event.value[1:].strip():
            self.notify(f"No scene or page {event.value}", severity="warning")
            return
        scenes.focus()

    @on(Input.Submitted, "#prompt")
    def _prompt(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.value = ""
        if text:
            self.slate.send_to_chat(text)

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_jump(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = "#"
        box.focus()
        box.cursor_position = 1

    def action_focus_reader(self) -> None:
        self.query_one(Reader).focus()

    def action_focus_list(self) -> None:
        self.query_one(SceneList).focus()
