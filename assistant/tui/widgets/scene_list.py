"""The scene navigator: label, heading, pages, strength bar, characters, one row a scene."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widgets import DataTable

from assistant.tui.layout import SceneFacts, pages_in_eighths

_BAR = " ▏▎▍▌▋▊▉█"
HEADING_WIDTH = 17


def strength_bar(value: float, width: int = 5) -> str:
    """``value`` in [0, 1] as a bar ``width`` cells long (eighths of a cell)."""
    eighths = round(max(0.0, min(1.0, value)) * width * 8)
    full, rest = divmod(eighths, 8)
    return ("█" * full + (_BAR[rest] if rest else "")).ljust(width)


class SceneList(DataTable[str]):
    """Rows keyed by scene index; ``show`` replaces the rows with a filtered list."""

    @dataclass
    class SceneSelected(Message):
        """The cursor moved onto a scene (``index`` into ``screenplay.scenes``)."""

        index: int

    def __init__(self, facts: list[SceneFacts], **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.facts = facts
        self.strengths: dict[int, float] = {}
        self.shown: list[int] = []

    def on_mount(self) -> None:
        # The heading is cut to a fixed width so the pages, strength and cast stay in view at 80
        # columns; the reader shows it whole.
        self.add_column("#", key="label", width=3)
        self.add_column("Heading", key="heading", width=HEADING_WIDTH)
        self.add_column("Pg", key="pages", width=5)
        self.add_column("Str", key="strength", width=5)
        self.add_column("Characters", key="characters")
        self.show([f.index for f in self.facts])

    def _row(self, facts: SceneFacts) -> list[str]:
        strength = self.strengths.get(facts.index)
        return [
            facts.label or "-",
            facts.heading
            if len(facts.heading) <= HEADING_WIDTH
            else facts.heading[: HEADING_WIDTH - 1] + "…",
            pages_in_eighths(facts.eighths),
            self._strength_cell(strength),
            ", ".join(facts.characters),
        ]

    def _strength_cell(self, value: float | None) -> str:
        """A bar, or in plain mode the value as text (a reader says "0.82", not block glyphs)."""
        if value is None:
            return ""
        return f"{value:.2f}" if getattr(self.app, "plain", False) else strength_bar(value)

    def show(self, indices: list[int]) -> None:
        """Show exactly these scenes, in this order, keeping the cursor on the same scene."""
        if not self.columns:  # not mounted yet: ``on_mount`` shows the facts
            self.shown = indices
            return
        current = self.current_index()
        self.clear()
        self.shown = indices
        for i in indices:
            self.add_row(*self._row(self.facts[i]), key=str(i))
        if current in indices:
            self.move_cursor(row=indices.index(current))

    def set_strengths(self, strengths: dict[int, float]) -> None:
        """Show bars relative to the strongest scene (full bar), so the shape reads at a glance;
        the Story screen and /score give the values."""
        top = max(strengths.values(), default=0.0) or 1.0
        strengths = {i: v / top for i, v in strengths.items()}
        self.strengths = strengths
        for index in self.shown:
            if index in strengths:
                self.update_cell(str(index), "strength", self._strength_cell(strengths[index]))

    def current_index(self) -> int | None:
        if not self.shown or self.cursor_row >= len(self.shown) or self.cursor_row < 0:
            return None
        return self.shown[self.cursor_row]

    def select_scene(self, index: int) -> bool:
        """Move the cursor to scene ``index``; False when the filter hides it."""
        if index not in self.shown:
            return False
        self.move_cursor(row=self.shown.index(index))
        return True

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.SceneSelected(int(event.row_key.value)))
