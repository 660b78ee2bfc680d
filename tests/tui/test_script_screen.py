"""The script screen: scene list, filter, jumps, reader layout, help."""

from __future__ import annotations

from assistant.tui.screens.script_screen import ScriptScreen
from assistant.tui.widgets.reader import Reader
from assistant.tui.widgets.scene_list import SceneList
from tests.tui.pilots import opened, sync


@sync
async def test_opens_the_sample_with_every_scene_and_the_prompt_focused(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        assert isinstance(app.screen, ScriptScreen)
        scenes = app.screen.query_one(SceneList)
        assert len(scenes.shown) == len(app.workspace.screenplay.scenes)
        assert app.focused is not None and app.focused.id == "prompt"
        reader = app.screen.query_one(Reader)
        assert reader.scene_index is not None
        assert "LANTERN DINER" in str(reader.page.render())


@sync
async def test_filter_by_character_and_night_then_select(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("escape", "slash")
        await pilot.press(*"@mara night")
        await pilot.pause()
        scenes = app.screen.query_one(SceneList)
        ws = app.workspace
        expected = [f.index for f in ws.facts
                    if "MARA" in f.characters and "night" in f.time_of_day]  # fmt: skip
        assert scenes.shown == expected and 0 < len(expected) < len(ws.facts)
        await pilot.press("enter", "down")
        await pilot.pause()
        assert app.screen.query_one(Reader).scene_index == expected[1]


@sync
async def test_jump_to_scene_number(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("escape", "g", "3", "enter")
        await pilot.pause()
        index = app.workspace.labels.index("3")
        assert app.screen.query_one(Reader).scene_index == index


@sync
async def test_f1_opens_help_and_question_mark_types_in_the_prompt(make_app) -> None:
    from assistant.tui.screens.help_screen import HelpScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("question_mark")
        assert not isinstance(app.screen, HelpScreen)
        assert app.screen.query_one("#prompt").value == "?"
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ScriptScreen)
