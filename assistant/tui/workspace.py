"""What the app works on: the open script, the settings, the session store, and the results of
api calls kept once computed. Every analysis is an ``assistant.api`` call; the TUI adds none.

Methods that call models are blocking and are only called from workers.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from assistant import api
from assistant.tui.layout import SceneFacts, scene_facts
from assistant.tui.sessions import Session, SessionStore, content_hash

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from assistant.analysis.ask.answers import Answer, AnswerEvent
    from assistant.analysis.ask.service import Asker
    from assistant.analysis.beats.results import BeatSheet
    from assistant.analysis.breakdown.model import BreakdownReport
    from assistant.analysis.schedule.report import ScheduleReport
    from assistant.analysis.strength.scene_strength import SceneStrengthReport
    from assistant.config import Settings
    from assistant.script.model import Screenplay
    from assistant.tui.screens.suggestion_screen import Review

DEMO_CAST_INDEX = "demo-cast-index"
"""The folder (under ``settings.cache_dir / "tui"``) the demo roster is indexed into."""

SCHEDULE_SECONDS = 5.0
"""The TUI's schedule solve limit: a board now, not the CLI's 30 s optimum."""


def freeze_heap() -> None:
    """Move every object alive now (modules, models, indexes) out of the collector's sight.

    A full collection walked them all and stalled the UI loop for 150-210 ms mid-stream (the
    only frames over 50 ms in ``scripts/bench_tui.py``); they live as long as the app anyway.
    """
    gc.freeze()


class Workspace:
    """One open script.

    Raises (constructor):
        SlateError: the script cannot be read (the app shows the message in a dialog).
    """

    def __init__(
        self,
        path: Path,
        settings: Settings,
        store: SessionStore | None,
        *,
        use_llm: bool | None = None,
    ) -> None:
        self.path = path
        self.use_llm = use_llm
        self.settings = settings
        self.screenplay: Screenplay = api.open_script(path)
        self.labels = self.screenplay.scene_labels()
        self.facts: list[SceneFacts] = scene_facts(self.screenplay)
        self.script_hash = content_hash(path.read_bytes())
        self.store = store
        self.session: Session | None = (
            store.latest_or_new(self.script_hash, str(path), self.title) if store else None
        )
        self._lock = threading.Lock()
        self._asker: Asker | None = None
        self.strength: SceneStrengthReport | None = None
        self.beats: BeatSheet | None = None
        self.breakdown: BreakdownReport | None = None
        self.schedule: ScheduleReport | None = None
        self._cast_index: tuple[Path, str] | None = None
        self.plain = False
        """The app's plain mode (commands write values as words, not bar glyphs)."""
        self.pending: Review | None = None
        """The suggestion a ``/rewrite``, ``/punchup`` or ``/continue`` made, for the review
        screen (``SlateApp.review_suggestion`` takes it)."""

    def reload(self) -> None:
        """Read the script again after Slate changed it (a suggestion applied, ``/undo``): the
        scenes, labels and hash are the file's now, and every kept result is dropped (they were
        computed on the old text). The session stays the one in use. Blocking (parses)."""
        screenplay = api.open_script(self.path)
        data = self.path.read_bytes()
        with self._lock:
            old = self._asker
            self.screenplay = screenplay
            self.labels = screenplay.scene_labels()
            self.facts = scene_facts(screenplay)
            self.script_hash = content_hash(data)
            self._asker = None
            self.strength = None
            self.beats = None
            self.breakdown = None
            self.schedule = None
            self.pending = None
        if old is not None:  # its background would go on embedding the old text
            old.close()

    def close(self) -> None:
        """Stop the chat's background embedding (after its current batch). Blocking: up to a
        batch of sentences."""
        with self._lock:
            asker, self._asker = self._asker, None
        if asker is not None:
            asker.close()

    @property
    def title(self) -> str:
        return self.screenplay.title or self.path.name

    @property
    def model_name(self) -> str:
        generator = self.settings.models.generator
        return str(generator.path or generator.backend)

    # Blocking: call from workers only.

    def asker(self) -> Asker:
        with self._lock:
            if self._asker is None:
                self._asker = api.open_asker(self.screenplay, self.settings, use_llm=self.use_llm)
                freeze_heap()
            return self._asker

    def ask(self, question: str, cancel: threading.Event | None = None) -> Answer:
        return self.asker().ask(question, cancel)

    def ask_stream(
        self, question: str, cancel: threading.Event | None = None
    ) -> Iterator[AnswerEvent]:
        """``api.ask_stream`` with the session's Asker: pieces, then the final ``Answer``."""
        return api.ask_stream(question, self.asker(), cancel=cancel)

    def score(self) -> SceneStrengthReport:
        with self._lock:
            if self.strength is None:
                self.strength = api.score_scenes(self.screenplay, self.settings)
            return self.strength

    def beat_sheet(self) -> BeatSheet:
        report = self.score()
        with self._lock:
            if self.beats is None:
                self.beats = api.beat_sheet(self.screenplay, self.settings, report=report)
            return self.beats

    def scene_breakdown(self) -> BreakdownReport:
        with self._lock:
            if self.breakdown is None:
                self.breakdown = api.breakdown(self.screenplay, self.settings)
            return self.breakdown

    def shooting_schedule(self, cancel: threading.Event | None = None) -> ScheduleReport | None:
        """The schedule (solved once, kept); None when ``cancel`` was set during the solve: the
        solver stops on it (``api.schedule(cancel=)``), and a cancelled solve is not kept, as it
        may have stopped short of the board it would give."""
        with self._lock:
            if self.schedule is None:
                report = api.schedule(
                    self.screenplay,
                    time_limit=SCHEDULE_SECONDS,
                    cancel=cancel,
                )
                if cancel is not None and cancel.is_set():
                    return None
                self.schedule = report
            return self.schedule

    def cast_index(self, on_progress: Callable[[str], None] | None = None) -> tuple[Path, str]:
        """The casting index to search and what it holds: ``./index`` (``api``'s default) when
        it holds an index built with this embedder, else the demo roster's, built into the
        cache on first use (and rebuilt when it was built with another embedder).

        Raises:
            CastingError: the demo index cannot be built; ModelUnavailableError: no embedder.
        """
        from assistant.errors import CastingError

        with self._lock:
            if self._cast_index is not None:
                return self._cast_index
            configured = api.cast_index_dir(None, self.settings)  # casting.index_dir
            try:  # it may be only the folder the repository ships (a README)
                api.cast_index_stats(configured, self.settings, check_model=True)
                self._cast_index = (configured, f"{configured}/")
                return self._cast_index
            except CastingError:
                pass
            folder = self.settings.cache_dir / "tui" / DEMO_CAST_INDEX
            try:
                api.cast_index_stats(folder, self.settings, check_model=True)
            except CastingError:
                if on_progress is not None:
                    on_progress(f"No index in {configured}: indexing the 600-actor demo roster...")
                roster = api.import_roster(api.demo_roster_path())
                api.build_cast_index(roster, folder, self.settings)
            self._cast_index = (folder, "the demo roster (fictional actors)")
            return self._cast_index
