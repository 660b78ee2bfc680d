"""The app the snapshot tests photograph: the sample script, the fake models, no cursor blink,
sessions in a fresh folder. ``textual run tests/tui/snapshot_app.py`` shows the same app."""

from __future__ import annotations

import tempfile
from pathlib import Path

from textual.widgets import Input

from assistant.tui import workspace
from assistant.tui.app import SlateApp
from tests.fakes import fake_settings

SAMPLE = Path(__file__).resolve().parents[2] / "assistant" / "samples" / "night_shift.fountain"


class SnapshotApp(SlateApp):
    """``SlateApp`` with every text field's cursor steady, so pictures do not depend on time."""

    def on_descendant_mount(self, event: object) -> None:
        for field in self.query(Input):
            field.cursor_blink = False


def make_snapshot_app(folder: Path) -> SnapshotApp:
    # The schedule solve ends as soon as it is proven optimal (well under 5 s for the sample on
    # a quiet machine); a longer limit keeps the status "optimal" in the picture under load.
    workspace.SCHEDULE_SECONDS = 60.0
    settings = fake_settings().model_copy(update={"cache_dir": folder / "cache"})
    return SnapshotApp(SAMPLE, settings, sessions_dir=folder / "sessions")


if __name__ == "__main__":
    from tests.fakes import registered_fakes

    with registered_fakes():
        make_snapshot_app(Path(tempfile.mkdtemp())).run()
