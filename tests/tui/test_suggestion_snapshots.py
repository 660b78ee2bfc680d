"""Pictures of the suggestion review (a two-hunk rewrite of scene 4, the second hunk rejected) at
80x24 and 120x40; SVGs in __snapshots__. After a deliberate change: read the failure report's
diff, then ``--snapshot-update``."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.fakes import FakeTextModel
from tests.tui.snapshot_app import SAMPLE, make_snapshot_app
from tests.tui.test_snapshots import SIZES, _settled
from tests.tui.test_suggestion import two_edit_reply


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_review_screen(
    snap_compare, fakes: None, fake_model: FakeTextModel, tmp_path: Path, size, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    fake_model.enqueue([two_edit_reply(SAMPLE)])

    async def run_before(pilot: Pilot[None]) -> None:
        await _settled(pilot)
        await pilot.press("f3", *"/rewrite 4 tighten it", "enter")
        for _ in range(3):
            await _settled(pilot)
        await pilot.press("down", "space")
        await _settled(pilot)

    assert snap_compare(make_snapshot_app(tmp_path), terminal_size=size, run_before=run_before)
