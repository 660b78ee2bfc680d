"""The casting screen: each speaking character's brief and the actors that fit it
(``api.cast_suggest``), a profile detail for the highlighted actor, and the brief as an editable
query (Enter searches again with ``api.cast_search``, keeping the brief's age and gender filters).

The index is ``./index`` when it exists (``slate cast index build``), else the bundled demo
roster of fictional actors (``api.demo_roster_path``), indexed once into the cache
(``Workspace.cast_index``); the status line says which.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from assistant.errors import SlateError

if TYPE_CHECKING:
    from assistant.casting.search import CastResult
    from assistant.casting.suggest import CastSuggestions, CharacterSuggestions
    from assistant.tui.app import SlateApp


def profile_text(result: CastResult) -> str:
    """The detail pane for one actor: who, playing age, city, skills and why they came up."""
    age = result.playing_age
    lines = [
        f"{result.name}  ({result.id})",
        f"plays {age.min}-{age.max} · {result.gender_identity} · {result.base_city}",
        f"score {result.score:.2f}",
        "skills: " + (", ".join(result.skills) or "none listed"),
        "why: " + ("; ".join(result.reasons) or "-"),
    ]
    return "\n".join(lines)


class CastingScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("b", "focus_brief", "Brief"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.suggestions: CastSuggestions | None = None
        self.results: list[CastResult] = []
        self.wanted: str | None = None
        """The character to select once the suggestions arrive (``/cast MARA``)."""

    @property
    def slate(self) -> SlateApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Finding actors for each speaking character...", id="cast-status")
        with Horizontal(id="cast-body"):
            yield OptionList(id="cast-characters")
            with Vertical(id="cast-main"):
                yield DataTable(id="cast-results", cursor_type="row", zebra_stripes=True)
                yield Static("", id="cast-profile")
        yield Input(placeholder="casting brief: edit and press Enter to search", id="cast-brief")
        yield Footer()

    def on_mount(self) -> None:
        ws = self.slate.workspace
        self.title = ws.title if ws is not None else "Slate"
        self.sub_title = "Casting"
        table = self.query_one("#cast-results", DataTable)
        table.add_columns("Actor", "Score", "Plays", "City")
        self.load()

    def show_argument(self, argument: str) -> None:
        """Select the character ``argument`` names (``/cast MARA``), now or once loaded."""
        self.wanted = argument.strip().upper() or None
        if self.suggestions is not None and self.wanted:
            self._select(self.wanted)

    @work(thread=True, exclusive=True, group="casting")
    def load(self) -> None:
        from assistant import api

        ws = self.slate.workspace
        assert ws is not None
        try:
            index_dir, source = ws.cast_index(
                lambda note: self.app.call_from_thread(self._status, note)
            )
            found = api.cast_suggest(ws.screenplay, index_dir=index_dir, settings=ws.settings)
        except SlateError as error:
            self.app.call_from_thread(self._status, f"Casting not available: {error}")
            return
        self.app.call_from_thread(self._loaded, found, source)

    def _status(self, text: str) -> None:
        self.query_one("#cast-status", Static).update(text)

    def _loaded(self, found: CastSuggestions, source: str) -> None:
        self.suggestions = found
        characters = self.query_one("#cast-characters", OptionList)
        characters.clear_options()
        characters.add_options(
            [Option(f"{c.name} ({c.brief.role_size})", id=c.name) for c in found.characters]
        )
        self._status(f"{len(found.characters)} speaking characters · actors from {source}")
        if not found.characters:
            return
        if self.wanted and self._select(self.wanted):
            return
        characters.highlighted = 0

    def _select(self, name: str) -> bool:
        assert self.suggestions is not None
        names = [c.name.upper() for c in self.suggestions.characters]
        if name not in names:
            known = ", ".join(c.name for c in self.suggestions.characters)
            self.notify(f"No speaking character {name}; speaking: {known}", severity="warning")
            return False
        self.query_one("#cast-characters", OptionList).highlighted = names.index(name)
        return True

    def _character(self) -> CharacterSuggestions | None:
        index = self.query_one("#cast-characters", OptionList).highlighted
        if self.suggestions is None or index is None:
            return None
        return self.suggestions.characters[index]

    @on(OptionList.OptionHighlighted, "#cast-characters")
    def _character_highlighted(self) -> None:
        character = self._character()
        if character is None:
            return
        self.query_one("#cast-brief", Input).value = character.brief.query
        self._show_results(character.results, character.notes)

    def _show_results(self, results: list[CastResult], notes: list[str]) -> None:
        self.results = results
        table = self.query_one("#cast-results", DataTable)
        table.clear()
        for result in results:
            age = f"{result.playing_age.min}-{result.playing_age.max}"
            table.add_row(result.name, f"{result.score:.2f}", age, result.base_city)
        detail = profile_text(results[0]) if results else "No actor passes the brief's filters."
        if notes:
            detail += "\n" + "\n".join(f"note: {n}" for n in notes)
        self.query_one("#cast-profile", Static).update(detail)

    @on(DataTable.RowHighlighted, "#cast-results")
    def _actor_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.results):
            text = profile_text(self.results[event.cursor_row])
            self.query_one("#cast-profile", Static).update(text)

    @on(Input.Submitted, "#cast-brief")
    def _brief_submitted(self, event: Input.Submitted) -> None:
        character = self._character()
        if character is not None and event.value.strip():
            self._status(f"Searching for {character.name}...")
            self.search(character.name, event.value.strip(), character.filters)

    @work(thread=True, exclusive=True, group="casting")
    def search(self, name: str, query: str, filters: dict[str, object]) -> None:
        from assistant import api
        from assistant.casting.store import CastFilters

        ws = self.slate.workspace
        assert ws is not None
        try:
            index_dir, source = ws.cast_index()
            found = api.cast_search(
                query, CastFilters.model_validate(filters), index_dir=index_dir,
                settings=ws.settings, k=5,
            )  # fmt: skip
        except SlateError as error:
            self.app.call_from_thread(self._status, f"Search failed: {error}")
            return
        self.app.call_from_thread(self._searched, name, found.results, found.notes, source)

    def _searched(
        self, name: str, results: list[CastResult], notes: list[str], source: str
    ) -> None:
        character = self._character()
        if character is None or character.name != name:
            return  # the user moved on to another character
        self._show_results(results, notes)
        self._status(f"{name}: {len(results)} actors for the edited brief · from {source}")

    def action_focus_brief(self) -> None:
        self.query_one("#cast-brief", Input).focus()

    def action_cancel(self) -> None:
        self.workers.cancel_group(self, "casting")
        self._status("Cancelled.")
