"""The casting screen: actors for each speaking character from the demo roster (indexed into the
cache when there is no ./index), the profile detail, the editable brief, and ``/cast MARA``."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, OptionList, Static

from assistant import api
from assistant.tui.screens.casting_screen import CastingScreen
from tests.tui.pilots import opened, sync


async def _settle(app, pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def _cells(table: DataTable[str], column: int) -> list[str]:
    return [str(table.get_row_at(r)[column]) for r in range(table.row_count)]


@sync
async def test_cast_command_opens_the_casting_screen_on_the_character(
    make_app, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./index here: the demo roster is used
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press(*"/cast GUS", "enter")
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CastingScreen)
        status = str(screen.query_one("#cast-status", Static).render())
        assert "demo roster" in status
        characters = screen.query_one("#cast-characters", OptionList)
        highlighted = characters.get_option_at_index(characters.highlighted or 0)
        assert highlighted.id == "GUS"
        ws = app.workspace
        index_dir, _ = ws.cast_index()
        expected = api.cast_suggest(ws.screenplay, character="GUS", index_dir=index_dir,
                                    settings=ws.settings).characters[0]  # fmt: skip
        table = screen.query_one("#cast-results", DataTable)
        assert _cells(table, 0) == [r.name for r in expected.results] and expected.results
        assert screen.query_one("#cast-brief", Input).value == expected.brief.query
        detail = str(screen.query_one("#cast-profile", Static).render())
        assert expected.results[0].name in detail and "why:" in detail
        table.focus()
        await pilot.press("down")
        await pilot.pause()
        detail = str(screen.query_one("#cast-profile", Static).render())
        assert expected.results[1].name in detail


@sync
async def test_an_edited_brief_searches_again(make_app, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("f6")
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CastingScreen)
        character = screen._character()
        assert character is not None
        brief = screen.query_one("#cast-brief", Input)
        brief.focus()
        brief.value = "stage combat fencing horse riding"
        await pilot.press("enter")
        await _settle(app, pilot)
        ws = app.workspace
        index_dir, _ = ws.cast_index()
        from assistant.casting.store import CastFilters

        expected = api.cast_search("stage combat fencing horse riding",
                                   CastFilters.model_validate(character.filters),
                                   index_dir=index_dir, settings=ws.settings, k=5)  # fmt: skip
        table = screen.query_one("#cast-results", DataTable)
        assert _cells(table, 0) == [r.name for r in expected.results]
        assert [r.name for r in expected.results] != [r.name for r in character.results]
        assert "edited brief" in str(screen.query_one("#cast-status", Static).render())
