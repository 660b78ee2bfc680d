"""The review of a model-drafted change: the scene as it is beside the suggestion, and its hunks,
each accepted or rejected by the writer before anything is written.

``/rewrite``, ``/punchup`` and ``/continue`` leave a ``Review`` on the workspace; the app pushes
this screen with it (``SlateApp.review_suggestion``). Every hunk starts accepted. "Apply" calls
``api.apply_hunks`` with the accepted ones in a worker (the api backs the file up, replaces it
atomically, and refuses a file that changed on disk since the suggestion read it), then reads the
script again; the screen is dismissed with True. Escape or "Cancel" dismisses it with False and
writes nothing. A refusal is one line in the status line; the screen stays open.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, ListItem, ListView, Static

from assistant.errors import SlateError
from assistant.script.reading import parse_bytes
from assistant.tui.layout import render_scene

if TYPE_CHECKING:
    from assistant.analysis.writing.hunks import SceneHunk
    from assistant.analysis.writing.suggest import Suggestion
    from assistant.script.model import Scene
    from assistant.tui.app import SlateApp

KIND_NAMES = {"rewrite": "Rewrite", "punch_up": "Punch-up", "continue": "Continuation"}


@dataclass
class Review:
    """A suggestion waiting for the writer: its hunks (``api.suggestion_hunks``) and the scene it
    replaces as the workspace holds it (None for a continuation, which adds a scene)."""

    suggestion: Suggestion
    hunks: list[SceneHunk]
    old_scene: Scene | None
    label: str = ""
    """The scene's number as people see it (the one replaced, or the one continued)."""


def hunk_text(hunk: SceneHunk, accepted: bool) -> Text:
    """A hunk as the list shows it: its state in words (no glyph a screen reader skips), then
    its removed lines in red and its added lines in green."""
    state = "[accept]" if accepted else "[reject]"
    text = Text(f"{state} Hunk {hunk.index + 1}\n", style="bold green" if accepted else "bold red")
    for line in hunk.removed:
        text.append(f"- {line}\n", style="red")
    for line in hunk.added:
        text.append(f"+ {line}\n", style="green")
    text.rstrip()
    return text


def element_rows(scene: Scene, label: str | None, width: int) -> list[int]:
    """The row of ``render_scene``'s text where each element starts (and, last, where the scene
    ends): the panes scroll there when a hunk is highlighted. Quadratic in the scene's elements,
    which are tens."""
    rows = []
    for count in range(len(scene.elements) + 1):
        shown = scene.model_copy(update={"elements": scene.elements[:count]})
        rows.append(render_scene(shown, label, width).plain.count("\n"))
    return rows


class HunkItem(ListItem):
    def __init__(self, hunk: SceneHunk) -> None:
        self.hunk = hunk
        self.accepted = True
        super().__init__(Static(hunk_text(hunk, True), classes="hunk-text"))

    def set_accepted(self, accepted: bool) -> None:
        self.accepted = accepted
        self.query_one(".hunk-text", Static).update(hunk_text(self.hunk, accepted))
        self.set_class(not accepted, "-rejected")


class SuggestionScreen(ModalScreen[bool]):
    """Dismissed with True once the accepted hunks are written (and the script read again)."""

    DEFAULT_CSS = """
    SuggestionScreen { align: center middle; }
    #review { width: 100%; height: 100%; background: $panel; padding: 0 1; }
    #review-title { height: auto; text-style: bold; }
    #review-panes { height: 1fr; }
    #review-panes > Vertical { width: 1fr; height: 100%; }
    #review-panes VerticalScroll { height: 1fr; }
    .pane-title { height: 1; text-style: bold underline; }
    #hunks { height: 1fr; }
    #review-status { height: auto; color: $warning; }
    #review-buttons { height: auto; align-horizontal: right; }
    #review-buttons Button { margin-left: 1; height: 1; min-width: 10; border: none; }
    #hunks > HunkItem { padding-bottom: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_hunk", "Accept/reject"),
        Binding("a", "accept_all", "Accept all"),
        Binding("r", "reject_all", "Reject all"),
        Binding("ctrl+s", "apply", "Apply"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, review: Review) -> None:
        super().__init__()
        self.review = review

    @property
    def slate(self) -> SlateApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        review = self.review
        width = max(20, self.app.size.width // 2 - 6)
        new_scene = self._suggested_scene()
        self._rows = (
            element_rows(review.old_scene, review.label, width) if review.old_scene else [0],
            element_rows(new_scene, None, width) if new_scene else [0],
        )
        with Vertical(id="review"):
            yield Static(self._title(len(review.hunks)), id="review-title")
            with Horizontal(id="review-panes"):
                with Vertical():
                    yield Static("The scene as it is", classes="pane-title")
                    old = review.old_scene
                    with VerticalScroll(id="review-old"):
                        yield Static(
                            render_scene(old, review.label, width) if old else "(a new scene)"
                        )
                with Vertical():
                    yield Static("The suggestion", classes="pane-title")
                    shown = render_scene(new_scene, None, width) if new_scene else None
                    with VerticalScroll(id="review-new"):
                        yield Static(shown or review.suggestion.scene_fountain)
            yield ListView(*[HunkItem(h) for h in review.hunks], id="hunks")
            yield Static("", id="review-status")
            with Horizontal(id="review-buttons"):
                yield Button("Apply", id="apply", variant="primary")
                yield Button("Cancel", id="cancel")
        yield Footer()

    def _title(self, accepted: int) -> str:
        review, suggestion = self.review, self.review.suggestion
        what = KIND_NAMES.get(suggestion.kind, suggestion.kind)
        where = "after" if review.old_scene is None else "of"
        return (f"{what} {where} scene {review.label} by {suggestion.model_id}: "
                f"{len(review.hunks)} hunks, {accepted} accepted")  # fmt: skip

    def _counted(self) -> None:
        self.query_one("#review-title", Static).update(self._title(len(self.accepted())))

    def _suggested_scene(self) -> Scene | None:
        """The suggested scene (None, and its Fountain shown as text, if it will not parse: it
        parsed when the suggestion was checked, so that is only a fallback)."""
        fountain = self.review.suggestion.scene_fountain
        try:
            parsed = parse_bytes(fountain.encode("utf-8"), format="fountain")
        except SlateError:
            return None
        return next((s for s in parsed.scenes if s.heading is not None), None)

    @on(ListView.Highlighted, "#hunks")
    def _highlighted(self, event: ListView.Highlighted) -> None:
        """Scroll both panes to the highlighted hunk's lines (one row of context above)."""
        if not isinstance(event.item, HunkItem):
            return
        hunk = event.item.hunk
        old_rows, new_rows = self._rows
        for pane, rows, start in (("#review-old", old_rows, hunk.old_start),
                                  ("#review-new", new_rows, hunk.new_start)):  # fmt: skip
            row = rows[min(start, len(rows) - 1)]
            self.query_one(pane, VerticalScroll).scroll_to(y=max(0, row - 1), animate=False)

    def on_mount(self) -> None:
        self.query_one("#hunks", ListView).focus()

    def items(self) -> list[HunkItem]:
        return list(self.query(HunkItem))

    def accepted(self) -> list[int]:
        """The numbers of the accepted hunks (``api.apply_hunks``'s)."""
        return [item.hunk.index for item in self.items() if item.accepted]

    def _status(self, message: str) -> None:
        self.query_one("#review-status", Static).update(message)

    @on(ListView.Selected, "#hunks")
    def _selected(self, event: ListView.Selected) -> None:
        """Enter or a click on a hunk flips it."""
        if isinstance(event.item, HunkItem):
            event.item.set_accepted(not event.item.accepted)
            self._counted()

    def action_toggle_hunk(self) -> None:
        item = self.query_one("#hunks", ListView).highlighted_child
        if isinstance(item, HunkItem):
            item.set_accepted(not item.accepted)
            self._counted()

    def action_accept_all(self) -> None:
        for item in self.items():
            item.set_accepted(True)
        self._counted()

    def action_reject_all(self) -> None:
        for item in self.items():
            item.set_accepted(False)
        self._counted()

    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        accepted = self.accepted()
        if not accepted:
            self._status("No hunk is accepted: nothing to apply (a accepts all, Escape cancels).")
            return
        self._status("Applying...")
        self.apply(accepted)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)

    @work(thread=True, exclusive=True, group="apply")
    def apply(self, accepted: list[int]) -> None:
        """Write the accepted hunks and read the script again, off the UI thread (both parse)."""
        from assistant import api

        try:
            backup = api.apply_hunks(self.review.suggestion, accepted)
        except SlateError as error:
            self.app.call_from_thread(self._status, str(error))
            return
        ws = self.slate.workspace
        try:
            if ws is not None:
                ws.reload()
        except (SlateError, OSError) as error:
            message = f"Applied (backup {backup.name}), but the script cannot be read: {error}"
            self.app.call_from_thread(self._status, message)
            return
        self.app.call_from_thread(self._applied, backup.name)

    def _applied(self, backup: str) -> None:
        self.notify(f"Applied {len(self.accepted())} hunks; the old script is {backup}.")
        self.dismiss(True)
