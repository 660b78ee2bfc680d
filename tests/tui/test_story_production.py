"""Story screen (curve, beat board that opens scenes) and production screen (breakdown, board)."""

from __future__ import annotations

from textual.widgets import DataTable, OptionList, Sparkline

from assistant.tui.screens.script_screen import ScriptScreen
from assistant.tui.widgets.reader import Reader
from tests.tui.pilots import sync


async def _settle(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@sync
async def test_story_curve_and_a_beat_card_opens_its_scene(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        await pilot.press("f4")
        await _settle(app, pilot)
        ws = app.workspace
        assert list(app.screen.query_one(Sparkline).data) == [
            s.strength for s in ws.strength.scenes
        ]
        board = app.screen.query_one("#beats", OptionList)
        assert board.option_count == len(ws.beats.beats)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ScriptScreen)
        assert app.screen.query_one(Reader).scene_index == ws.beats.beats[1].scene_indices[0]


@sync
async def test_production_tables_hold_the_breakdown_and_the_board(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        await pilot.press("f5")
        await _settle(app, pilot)
        ws = app.workspace
        assert app.screen.query_one("#breakdown", DataTable).row_count == len(
            ws.breakdown.element_list
        )
        assert app.screen.query_one("#strips", DataTable).row_count == len(ws.schedule.stripboard)
        assert app.screen.query_one("#dood", DataTable).row_count == len(
            ws.schedule.day_out_of_days
        )
