"""``/storyboard``, ``/export FORMAT``, ``/compare`` in the chat, and plain-word requests routed to
commands (never a question)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Markdown

from assistant import api
from assistant.tui.intents import route_intent
from assistant.tui.widgets.turn import Turn
from tests.tui.conftest import SAMPLE
from tests.tui.pilots import opened, sync


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("show me the schedule", "/schedule"),
        ("Can you show me the schedule?", "/schedule"),
        ("break down scene 12", "/breakdown 12"),
        ("please draw the storyboard for scene 3", "/storyboard 3"),
        ("show shots for scene 2", "/shots 2"),
        ("export the timeline as otio", "/export otio"),
        ("compare with draft1.fountain", "/compare draft1.fountain"),
        ("show the casting for Mara", "/cast MARA"),
        ("let me see the beat sheet", "/beats"),
    ],
)
def test_requests_are_routed_to_their_command(text: str, command: str) -> None:
    assert route_intent(text) == command


@pytest.mark.parametrize(
    "text",
    [
        "What is in the schedule?",
        "Who breaks down in scene 12?",
        "Where does Mara keep the keys?",
        "show me where Mara breaks down",
        "Is there a storyboard artist?",
        "the schedule",
        "Mara hides the keys",
    ],
)
def test_questions_are_never_routed(text: str) -> None:
    assert route_intent(text) is None


def test_a_command_not_registered_is_not_produced() -> None:
    assert route_intent("show me the schedule", known={"stats"}) is None


async def _settle(app, pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause()


def _last(app) -> Turn:  # type: ignore[no-untyped-def]
    return app.screen.query(Turn).last()


@pytest.fixture
def script(tmp_path: Path) -> Path:
    """The sample, copied where the commands may write beside it."""
    copy = tmp_path / "drafts" / "night.fountain"
    copy.parent.mkdir()
    copy.write_bytes(SAMPLE.read_bytes())
    return copy


@sync
async def test_a_plain_request_runs_the_command(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("f3", *"break down scene 2", "enter")
        await _settle(app, pilot)
        turn = _last(app)
        assert "read as /breakdown 2" in str(turn.query_one(".path").render())
        text = turn.query_one(Markdown).source
        assert text.startswith("**Scene 2**")
        assert app.workspace.breakdown is not None  # the command ran, the Asker did not


@sync
async def test_storyboard_writes_html_and_pdf_beside_the_script(make_app, script: Path) -> None:
    app = make_app(path=script)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("f3", *"/storyboard 2", "enter")
        await _settle(app, pilot)
        text = _last(app).query_one(Markdown).source
    folder = script.with_name("night-storyboard")
    assert (folder / "storyboard.html").is_file() and (folder / "storyboard.pdf").is_file()
    plan = api.shot_list(api.open_script(script), scene="2")
    assert f"{len(plan.scenes[0].shots)} frames" in text


@sync
async def test_export_otio_writes_a_timeline_otio_reads(make_app, script: Path) -> None:
    import opentimelineio as otio

    app = make_app(path=script)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("f3", *"/export otio", "enter")
        await _settle(app, pilot)
        text = _last(app).query_one(Markdown).source
    out = script.with_name("night-post") / "night.otio"
    assert f"to {out}" in text
    timeline = otio.adapters.read_from_file(str(out))
    # A clip per planned shot (the default), and one for a headed scene the plan gives none.
    screenplay = api.open_script(script)
    shots = {scene.index: len(scene.shots) for scene in api.shot_list(screenplay).scenes}
    headed = [i for i, label in enumerate(screenplay.scene_labels()) if label is not None]
    assert len(list(timeline.find_clips())) == sum(max(1, shots.get(i, 0)) for i in headed)


@sync
async def test_compare_reports_the_changed_scene(make_app, script: Path) -> None:
    old = script.with_name("old.fountain")
    text = script.read_text(encoding="utf-8")
    lines = text.splitlines()
    first_scene = next(i for i, ln in enumerate(lines) if ln.startswith(("INT.", "EXT.")))
    line = next(ln for ln in lines[first_scene + 1 :] if ln.strip() and not ln.isupper())
    old.write_text(text.replace(line, line + " And then it rains.", 1), encoding="utf-8")
    report = api.compare_drafts(api.open_script(old), api.open_script(script))
    assert report.changes
    app = make_app(path=script)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("f3", *"/compare old.fountain", "enter")
        await _settle(app, pilot)
        shown = _last(app).query_one(Markdown).source
    assert f"{len(report.changes)} scene changes" in shown
    change = report.changes[0]
    assert f"{change.kind} scene {change.new_label or change.old_label}" in shown
