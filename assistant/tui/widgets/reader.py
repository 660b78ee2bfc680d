"""The reader pane: the selected scene laid out as a screenplay page."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from assistant.script.model import Screenplay
from assistant.tui.layout import render_scene


class Reader(VerticalScroll):
    """Shows one scene at a time; ``scene_index`` says which."""

    can_focus = True

    def __init__(self, screenplay: Screenplay | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.screenplay = screenplay
        self.labels = screenplay.scene_labels() if screenplay else []
        self.scene_index: int | None = None
        self.page = Static(id="page")

    def set_screenplay(self, screenplay: Screenplay) -> None:
        """Read from ``screenplay`` (given once the script is parsed)."""
        self.screenplay = screenplay
        self.labels = screenplay.scene_labels()
        self.scene_index = None

    def compose(self):  # type: ignore[no-untyped-def]
        yield self.page

    def show(self, index: int) -> None:
        self.scene_index = index
        self._draw_page()
        self.scroll_home(animate=False)

    def _draw_page(self) -> None:
        if self.scene_index is None or self.screenplay is None:
            return
        width = self.scrollable_content_region.width or 60
        scene = self.screenplay.scenes[self.scene_index]
        self.page.update(render_scene(scene, self.labels[self.scene_index], width - 1))

    def on_resize(self) -> None:
        self._draw_page()
