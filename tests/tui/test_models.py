"""The app with models that fail to load, and with the real small models."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Markdown

from assistant.tui.app import SlateApp
from assistant.tui.widgets.turn import CitationButton, Turn
from tests.fakes import fake_settings
from tests.tui.conftest import SAMPLE
from tests.tui.pilots import sync


async def _settle(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@sync
async def test_a_model_that_fails_to_load_says_why_and_stats_still_work(
    fakes: None, tmp_path: Path
) -> None:
    settings = fake_settings(embedder={"backend": "no-such-backend"}).model_copy(
        update={"cache_dir": tmp_path}
    )
    app = SlateApp(SAMPLE, settings, sessions_dir=tmp_path / "s")
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        await pilot.press(*"Who is Mara?", "enter")
        await _settle(app, pilot)
        failed = app.screen.query(Turn).last().query_one(Markdown).source
        assert "No answer" in failed and "no-such-backend" in failed
        await pilot.press(*"/stats", "enter")
        await _settle(app, pilot)
        stats = app.screen.query(Turn).last().query_one(Markdown).source
        assert "NIGHT SHIFT" in stats and "scene count" in stats


@pytest.mark.real_model
@sync
async def test_real_models_answer_with_citations_and_score(tmp_path: Path) -> None:
    from assistant import api

    settings = api.load_settings().model_copy(update={"cache_dir": tmp_path})
    app = SlateApp(SAMPLE, settings, sessions_dir=tmp_path / "s")
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        await pilot.press(*"Where does Mara hear the contest?", "enter")
        await _settle(app, pilot)
        turn = app.screen.query(Turn).last()
        assert list(turn.query(CitationButton))
        assert "path: " in str(turn.query_one(".path").render())
        await pilot.press(*"/score", "enter")
        await _settle(app, pilot)
        assert "Climax" in app.screen.query(Turn).last().query_one(Markdown).source


@pytest.mark.real_model
@sync
async def test_real_models_one_session_from_filter_to_reopen(tmp_path: Path) -> None:
    """The issue's flow with MiniLM and SmolLM2 (``--llm``): filter and select a scene, ask and
    watch the answer stream, open a citation, run ``/beats``, quit, reopen the session."""
    from assistant import api
    from assistant.tui.screens.chat_screen import ChatScreen
    from assistant.tui.screens.script_screen import ScriptScreen
    from assistant.tui.widgets.reader import Reader
    from assistant.tui.widgets.scene_list import SceneList
    from tests.tui.pilots import opened

    # The user's cache, where set-up put SmolLM2 (and its one-time conversion); sessions in tmp.
    settings = api.load_settings()
    question = "What does Ruby do at the radio station?"
    app = SlateApp(SAMPLE, settings, sessions_dir=tmp_path / "s", use_llm=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("escape", "slash", *"@ruby", "enter", "down")
        await pilot.pause()
        shown = app.screen.query_one(SceneList).shown
        assert shown and app.screen.query_one(Reader).scene_index == shown[1]
        await pilot.press("f3", *question, "enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, ChatScreen)
        turn = app.screen.query(Turn).last()
        assert turn.streamed.strip()  # SmolLM2's text arrived in pieces while it wrote
        note = str(turn.query_one(".path").render())
        assert "path: generated" in note or "replaced the streamed text" in note
        button = turn.query(CitationButton).first()
        button.press()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ScriptScreen)
        assert app.screen.query_one(Reader).scene_index == button.scene_index
        await pilot.press("f3", *"/beats", "enter")
        await _settle(app, pilot)
        assert "**Opportunity**" in app.screen.query(Turn).last().query_one(Markdown).source
    again = SlateApp(SAMPLE, settings, sessions_dir=tmp_path / "s")
    async with again.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("f3")
        await _settle(again, pilot)
        assert question in [t.question for t in again.screen.query(Turn)]
