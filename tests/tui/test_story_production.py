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


@sync
async def test_escape_cancels_the_schedule_solve_and_s_solves_again(make_app, monkeypatch) -> None:
    import threading

    from textual.widgets import Static

    from assistant import api

    started, release = threading.Event(), threading.Event()
    real = api.schedule

    def slow_schedule(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.set()  # a long solve: held until the test has pressed Escape
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(api, "schedule", slow_schedule)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        await pilot.press("f5")
        for _ in range(500):
            if started.is_set():
                break
            await pilot.pause(0.01)
        await pilot.press("escape")
        release.set()
        await _settle(app, pilot)
        status = str(app.screen.query_one("#production-status", Static).render())
        assert "cancelled" in status
        assert app.screen.query_one("#strips", DataTable).row_count == 0
        assert app.workspace.schedule is None  # a cancelled solve is not kept
        await pilot.press("s")
        await _settle(app, pilot)
        assert app.screen.query_one("#strips", DataTable).row_count > 0
        assert app.workspace.schedule is not None
