"""``SlateApp``: the terminal app over ``assistant.api`` (docs/tui.md).

Screens are registered in ``SCREENS`` (one ``ScreenEntry`` each: a mode name, a key, a title and
the screen class); slash commands in ``assistant/tui/commands.py``'s ``COMMANDS``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, Static

from assistant.errors import SlateError
from assistant.tui.commands import COMMANDS
from assistant.tui.screens.casting_screen import CastingScreen
from assistant.tui.screens.chat_screen import ChatScreen
from assistant.tui.screens.help_screen import ErrorDialog, HelpScreen
from assistant.tui.screens.production_screen import ProductionScreen
from assistant.tui.screens.script_screen import ScriptScreen
from assistant.tui.screens.story_screen import StoryScreen
from assistant.tui.screens.suggestion_screen import SuggestionScreen
from assistant.tui.sessions import SessionStore
from assistant.tui.workspace import Workspace, freeze_heap

if TYPE_CHECKING:
    from assistant.config import Settings


@dataclass(frozen=True)
class ScreenEntry:
    """A screen of the app: ``name`` is its mode, ``key`` switches to it."""

    name: str
    key: str
    title: str
    screen: Callable[[], Screen[None]]


SCREENS: list[ScreenEntry] = [
    ScreenEntry("script", "f2", "Script", ScriptScreen),
    ScreenEntry("chat", "f3", "Chat", ChatScreen),
    ScreenEntry("story", "f4", "Story", StoryScreen),
    ScreenEntry("production", "f5", "Production", ProductionScreen),
    ScreenEntry("casting", "f6", "Casting", CastingScreen),
]


class NoScriptScreen(Screen[None]):
    """Shown when no script is open (``slate`` alone, or a script that failed to open)."""

    def compose(self) -> ComposeResult:
        yield Static("No script open. Type a path and press Enter (Ctrl+Q quits).", id="no-script")
        yield Input(placeholder="path/to/script.fountain", id="open-path")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        app: SlateApp = self.app  # type: ignore[assignment]
        app.open_path(Path(event.value.strip()).expanduser())


class SlateApp(App[None]):
    CSS_PATH = Path(__file__).with_name("slate.tcss")  # absolute: subclasses live elsewhere
    TITLE = "Slate"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help_if_not_typing", "Help", show=False),
        *[Binding(e.key, f"switch_mode('{e.name}')", e.title) for e in SCREENS],
        Binding("ctrl+t", "toggle_dark", "Theme"),
        Binding("ctrl+q", "quit", "Quit"),
    ]
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {
        e.name: e.screen for e in SCREENS
    }

    def __init__(
        self,
        path: Path | None,
        settings: Settings,
        *,
        sessions_dir: Path | None = None,
        plain: bool = False,
        use_llm: bool | None = None,
    ) -> None:
        """``sessions_dir``: where sessions.db lives (default ``settings.cache_dir / "tui"``).
        ``plain``: the screen-reader-friendly mode (no box drawing, no bars: values as text).
        ``use_llm``: ``slate ask``'s ``--llm``/``--no-llm`` (None: the Asker's default)."""
        super().__init__()
        self.plain = plain
        self.use_llm = use_llm
        self.settings = settings
        self.path = path
        self.workspace: Workspace | None = None
        self.store: SessionStore | None = None
        self.sessions_dir = sessions_dir or settings.cache_dir / "tui"
        self.pending_chat: list[str] = []
        self._open_after_paint: Path | None = None
        self._store_tried = False
        """Text sent from another screen, submitted once the chat screen is mounted."""

    def on_mount(self) -> None:
        if self.plain:
            self.add_class("-plain")  # slate.tcss drops borders and the sparkline
        if self.path is None:
            self.push_screen(NoScriptScreen())
        else:
            self.open_path(self.path)

    def open_path(self, path: Path) -> None:
        """Show the script screen at once (a loading state) and read the script in a worker;
        a failure is a dialog naming the problem."""
        # Parsing starts after the script screen's first paint: the parse (and the first import of
        # the readers' code) holds the GIL, and started at once it delayed that paint by ~0.5 s.
        if self.current_mode != "script":
            self._open_after_paint = path  # ScriptScreen.on_mount calls start_pending_open
            self.switch_mode("script")
        else:
            self.call_after_refresh(self.load_script, path)

    def start_pending_open(self) -> None:
        """Start reading the script ``open_path`` left for after the first paint."""
        path, self._open_after_paint = self._open_after_paint, None
        if path is not None:
            self.load_script(path)

    @work(thread=True, exclusive=True, group="open")
    def load_script(self, path: Path) -> None:
        """Open the session database and parse the script off the UI thread (the first parse
        also loads the readers' code; SQLite may wait on a busy disk)."""
        if self.store is None and not self._store_tried:
            self._open_store()
        try:
            workspace = Workspace(path, self.settings, self.store, use_llm=self.use_llm)
        except SlateError as error:
            self.call_from_thread(self._open_failed, path, str(error))
            return
        except OSError as error:
            self.call_from_thread(self._open_failed, path, error.strerror or str(error))
            return
        self.call_from_thread(self._opened, path, workspace)

    def _open_store(self) -> None:
        self._store_tried = True
        try:
            self.store = SessionStore(self.sessions_dir)
        except OSError as error:
            self.call_from_thread(self.notify, f"Sessions are off: {error}", severity="warning")
            return
        if self.store.notice:
            self.call_from_thread(self.notify, self.store.notice, severity="warning", timeout=10)

    def _open_failed(self, path: Path, message: str) -> None:
        if not isinstance(self.screen, NoScriptScreen):
            self.push_screen(NoScriptScreen())
        self.push_screen(ErrorDialog(f"Cannot open {path}", message))

    def _opened(self, path: Path, workspace: Workspace) -> None:
        workspace.plain = self.plain
        if self.workspace is not None and self.workspace is not workspace:
            # The old script's chat may still be embedding in the background: stop it, off the
            # UI thread (stopping waits for its current batch).
            threading.Thread(target=self.workspace.close, daemon=True).start()
        self.workspace = workspace
        freeze_heap()  # the parsed script and the code it loaded stay: no need to rescan them
        self.refresh_bindings()  # the screen keys (check_action) are live now: footer shows them
        self.path = path
        while isinstance(self.screen, NoScriptScreen):
            self.pop_screen()
        self.switch_mode("script")
        screen = self.screen
        if isinstance(screen, ScriptScreen):
            screen.fill()
        if self.pending_chat:  # typed into the prompt while the script was loading
            self._show_chat()

    # Cross-screen actions

    def show_scene(self, index: int) -> None:
        """Open scene ``index`` in the script screen's reader."""
        self.switch_mode("script")
        screen = self.screen
        if isinstance(screen, ScriptScreen):
            screen.show_scene(index)

    def show_screen(self, name: str, argument: str = "") -> None:
        """Switch to screen ``name``; a screen with ``show_argument`` gets ``argument`` (the
        ``/cast MARA`` of a command that ``shows`` it). Two names are not screens:
        ``suggestion`` opens the review of the workspace's pending suggestion, ``reloaded`` shows
        the script the workspace read again."""
        if name == "suggestion":
            self.review_suggestion()
            return
        if name == "reloaded":
            self.script_reloaded()
            return
        self.switch_mode(name)
        show = getattr(self.screen, "show_argument", None)
        if callable(show) and argument:
            show(argument)

    def review_suggestion(self) -> None:
        """Open the review of the suggestion a ``/rewrite``/``/punchup``/``/continue`` left."""
        ws = self.workspace
        if ws is None or ws.pending is None:
            return
        review, ws.pending = ws.pending, None
        self.push_screen(SuggestionScreen(review), self._reviewed)

    def _reviewed(self, applied: bool | None) -> None:
        if applied:
            self.script_reloaded()

    def script_reloaded(self) -> None:
        """Rebuild every screen over the workspace's new text (the one in view keeps its log;
        the script screen, in view, is filled again)."""
        for entry in SCREENS:
            self.refresh_screen(entry.name)
        screen = self.screen
        if isinstance(screen, ScriptScreen):
            screen.fill()

    def send_to_chat(self, text: str) -> None:
        """Switch to the chat screen and ask (or run) ``text`` there (once the script is open)."""
        self.pending_chat.append(text)
        if self.workspace is not None:
            self._show_chat()

    def _show_chat(self) -> None:
        self.switch_mode("chat")
        screen = self.screen
        if isinstance(screen, ChatScreen) and screen.ready:
            self.call_later(screen.submit_pending)

    def refresh_screen(self, name: str) -> None:
        """Rebuild a screen (its data changed); shown next time it is switched to."""
        if self.current_mode != name and name in self.MODES:
            self.remove_mode(name)
            self.add_mode(name, self.MODES[name])

    # Actions and the palette

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(", ".join(c.usage for c in COMMANDS.values())))

    def action_help_if_not_typing(self) -> None:
        if not isinstance(self.focused, Input):
            self.action_help()

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "switch_mode" and self.workspace is None)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self.workspace is None:
            return
        for entry in SCREENS:
            yield SystemCommand(
                f"Screen: {entry.title}",
                f"Show the {entry.title} screen",
                lambda n=entry.name: self.switch_mode(n),
            )
        for command in COMMANDS.values():
            yield SystemCommand(
                f"/{command.name}", command.help, lambda c=command.name: self.send_to_chat(f"/{c}")
            )
