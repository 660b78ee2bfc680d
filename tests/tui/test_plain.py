"""Plain mode (``slate open --plain``): no box drawing, no bar glyphs, values as text."""

from __future__ import annotations

import re

from textual.widgets import Markdown

from assistant.tui.widgets.reader import Reader
from assistant.tui.widgets.scene_list import SceneList
from assistant.tui.widgets.turn import Turn
from tests.tui.pilots import opened, sync

_GLYPHS = re.compile("[▁▂▃▄▅▆▇█▏▎▍▌▋▊▉]")


async def _settle(app, pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause()


def _strength_cells(scenes: SceneList) -> list[str]:
    return [str(scenes.get_row_at(r)[3]) for r in range(scenes.row_count)]


@sync
async def test_plain_mode_has_no_borders_or_bars(make_app) -> None:
    app = make_app(plain=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await _settle(app, pilot)
        cells = [c for c in _strength_cells(app.screen.query_one(SceneList)) if c]
        assert cells and all(re.fullmatch(r"[01]\.\d\d", c) for c in cells)
        assert app.screen.query_one(Reader).styles.border_left[0] in ("", "none")
        await pilot.press(*"/score", "enter")
        await _settle(app, pilot)
        score = app.screen.query(Turn).last().query_one(Markdown).source
        assert score.startswith("Strongest: scene") and not _GLYPHS.search(score)


@sync
async def test_default_mode_draws_bars_and_the_reader_border(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await _settle(app, pilot)
        cells = [c for c in _strength_cells(app.screen.query_one(SceneList)) if c.strip()]
        assert cells and any(_GLYPHS.search(c) for c in cells)
        assert app.screen.query_one(Reader).styles.border_left[0] not in ("", "none")
