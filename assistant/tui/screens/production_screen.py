"""The production screen: breakdown by category (api.breakdown), the stripboard and the
day-out-of-days (api.schedule, a short solve that Escape cancels).

Escape sets ``schedule_cancel``: the worker then drops the result and says so. The solver itself
stops at its 5 s limit until ``api.schedule`` takes the event (the line marked SCHEDULE-CANCEL in
``Workspace.shooting_schedule``)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from assistant.errors import SlateError
from assistant.tui.layout import pages_in_eighths

if TYPE_CHECKING:
    from assistant.analysis.breakdown.model import BreakdownReport
    from assistant.analysis.schedule.report import ScheduleReport
    from assistant.tui.app import SlateApp


class ProductionScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel solve"),
        Binding("s", "solve", "Solve again"),
    ]

    @property
    def slate(self) -> SlateApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Breaking down the script...", id="production-status")
        with TabbedContent(id="production"):
            with TabPane("Breakdown", id="tab-breakdown"):
                yield DataTable(id="breakdown", cursor_type="row")
            with TabPane("Stripboard", id="tab-strips"):
                yield DataTable(id="strips", cursor_type="row")
            with TabPane("Day out of days", id="tab-dood"):
                yield DataTable(id="dood", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.schedule_cancel = threading.Event()
        self.notes: dict[str, str] = {"schedule": "solving the schedule... (Escape cancels)"}
        self.load_breakdown()
        self.load_schedule()

    @work(thread=True, exclusive=True, group="breakdown")
    def load_breakdown(self) -> None:
        ws = self.slate.workspace
        assert ws is not None
        try:
            report = ws.scene_breakdown()
        except SlateError as error:
            self.app.call_from_thread(
                self._status, f"Breakdown not available: {error}", "breakdown"
            )
            return
        self.app.call_from_thread(self._breakdown, report)

    @work(thread=True, exclusive=True, group="schedule")
    def load_schedule(self) -> None:
        ws = self.slate.workspace
        assert ws is not None
        try:
            report = ws.shooting_schedule(self.schedule_cancel)
        except SlateError as error:
            self.app.call_from_thread(self._status, f"Schedule not available: {error}")
            return
        if report is None or self.schedule_cancel.is_set():
            self.app.call_from_thread(self._status, "Schedule solve cancelled (Escape).")
            return
        self.app.call_from_thread(self._schedule, report)

    def _status(self, text: str, part: str = "schedule") -> None:
        """One status line with a part for each worker (they finish in either order)."""
        self.notes[part] = text
        line = "  ·  ".join(self.notes[k] for k in ("breakdown", "schedule") if k in self.notes)
        self.query_one("#production-status", Static).update(line)

    def _breakdown(self, report: BreakdownReport) -> None:
        table = self.query_one("#breakdown", DataTable)
        table.clear(columns=True)
        table.add_columns("Category", "Element", "Scenes")
        by_category = sorted(report.element_list, key=lambda e: (e.category, e.name))
        for entry in by_category:
            table.add_row(entry.category, entry.name, ", ".join(entry.scenes))
        self._status(f"{len(report.element_list)} elements, {report.script_days} script days",
                     "breakdown")  # fmt: skip

    def _schedule(self, report: ScheduleReport) -> None:
        strips = self.query_one("#strips", DataTable)
        strips.clear(columns=True)
        strips.add_columns("Day", "Scene", "I/E", "D/N", "Set", "Pages")
        day_of = {s: day.number for day in report.days for s in day.strips}
        for position, strip in enumerate(report.stripboard):
            day = str(day_of.get(position, ""))
            pages = pages_in_eighths(strip.eighths)
            strips.add_row(day, strip.label, strip.int_ext, strip.day_night, strip.set, pages)
        dood = self.query_one("#dood", DataTable)
        dood.clear(columns=True)
        dood.add_columns("Cast", *[str(d.number) for d in report.days], "W", "H")
        for row in report.day_out_of_days:
            dood.add_row(row.name, *[str(c) for c in row.codes], str(row.worked), str(row.held))
        self._status(f"Schedule {report.status}: {len(report.days)} days (solve limit 5 s)")

    def action_cancel(self) -> None:
        if self.slate.workspace is not None and self.slate.workspace.schedule is not None:
            return  # solved already: nothing to cancel
        self.schedule_cancel.set()
        self._status("Cancelling the schedule solve...")

    def action_solve(self) -> None:
        """Solve again after a cancel (a solved schedule is kept; this shows it)."""
        self.schedule_cancel = threading.Event()
        self._status("solving the schedule... (Escape cancels)")
        self.load_schedule()
