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
