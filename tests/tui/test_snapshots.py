"""Pictures of each screen at 80x24 and 120x40 (pytest-textual-snapshot; SVGs in __snapshots__).

After a deliberate change: look at the failure report, then ``--snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.snapshot_app import make_snapshot_app

SIZES = [(80, 24), (120, 40)]


async def _settled(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    "keys",
    [
        pytest.param([], id="script"),
        pytest.param(["escape", "slash", *"@gus night", "enter", "down"], id="script-filtered"),
        pytest.param([*"Which scenes is GUS in?", "enter"], id="chat"),
        pytest.param(["f4"], id="story"),
        pytest.param(["f5"], id="production"),
        pytest.param(["f6"], id="casting"),
        pytest.param(["escape", "f1"], id="help"),
    ],
)
def test_screen(
    snap_compare, fakes: None, tmp_path: Path, keys: list[str], size, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)  # no ./index: casting shows the demo roster

    async def run_before(pilot: Pilot[None]) -> None:
        await _settled(pilot)
        for key in keys:
            await pilot.press(key)
        await _settled(pilot)
        await _settled(pilot)

    assert snap_compare(make_snapshot_app(tmp_path), terminal_size=size, run_before=run_before)
